// The action plan part of a case decided `act` (docs/plans.md): the editor while it has no plan,
// the plan once made. What went through is said here (the focus on it, since the button pressed
// may be gone); another owner first (409) is said above whatever shows next, with the owner's
// words kept where the form is still there. The colleagues are asked for once, for every form.
import { useEffect, useRef, useState } from 'preact/hooks';
import { ConflictNotice } from './AckParts';
import { dayAfter } from './decision-logic';
import { useDone } from './desk-detail';
import type { CaseView } from './desk-api';
import type { PlanView } from './plan-api';
import { PlanCurrent } from './PlanCurrent';
import { PlanEditor } from './PlanEditor';
import { useColleagues } from './PlanTaskFields';
import { tp } from './plan-text';

interface Props {
  view: CaseView;
  /** The case changed (as it is now, or null to ask again), with what to tell the owner. */
  onCase: (fresh: CaseView | null, said?: string) => void | Promise<void>;
  /** The plan changed: the case shows this one. */
  onPlan: (plan: PlanView) => void;
}

export function PlanSection({ view, onCase, onPlan }: Props) {
  const plan = view.plan ?? null;
  const { list, error } = useColleagues();
  const { say, shown } = useDone();
  const [conflict, setConflict] = useState<{ text: string } | null>(null);
  const section = useRef<HTMLElement>(null);

  useEffect(() => {
    if (conflict) section.current?.querySelector<HTMLElement>('.conflict')?.focus();
  }, [conflict]);

  const onConflict = async (message: string, current: CaseView | null) => {
    say('');
    setConflict({ text: message });
    await onCase(current);
  };
  const changed = (fresh: PlanView, said: string) => {
    setConflict(null);
    say(said);
    onPlan(fresh);
  };

  return (
    <section class="plan" aria-labelledby="plan-title" ref={section}>
      <h3 id="plan-title">{tp('plan.title')}</h3>
      {conflict && <ConflictNotice said={conflict.text} keep={tp('plan.conflict_keep')} />}
      {shown}
      {plan ? (
        <PlanCurrent plan={plan} today={dayAfter(view.now, 0)} colleagues={list} onPlan={changed} onConflict={onConflict} />
      ) : (
        <PlanEditor
          view={view}
          colleagues={list}
          colleaguesError={error}
          onMade={(fresh) => {
            setConflict(null);
            say(tp('plan.made'));
            void onCase(fresh);
          }}
          onConflict={onConflict}
        />
      )}
    </section>
  );
}
