// Above the inbox's remarks (docs/plans.md): the plans that need the owner — late, with late
// tasks, or with tasks whose assignee was disabled — each saying why, a link to its case; and
// the cases decided `act` that have no plan yet. Nobody is left in silence: a late plan stays at
// the top until it is moved or done. Nothing at all when neither list has anything.
import { useEffect, useRef, useState } from 'preact/hooks';
import { formatDay } from '../i18n';
import { caseHref, RowLink } from './Inbox';
import { planList, type PlanList } from './plan-api';
import { attentionReasons } from './plan-logic';
import { tp } from './plan-text';

interface Props {
  /** Changes when the desk must ask again (something changed on a case). */
  reload: number;
  selectedCase: string;
}

export function PlansAttention({ reload, selectedCase }: Props) {
  const [list, setList] = useState<PlanList | null>(null);
  const asked = useRef(0);

  useEffect(() => {
    const mine = ++asked.current;
    // Not reachable: the inbox says so already; this block stays as it was.
    planList().then(
      (fresh) => mine === asked.current && setList(fresh),
      () => undefined,
    );
  }, [reload]);

  const plans = list?.plans.filter((plan) => plan.attention) ?? [];
  const unplanned = list?.unplanned ?? [];
  if (!plans.length && !unplanned.length) return null;
  return (
    <section class="plans-attention" data-testid="plans-attention" aria-labelledby="plans-attention-title">
      <h3 id="plans-attention-title">{tp('plan.attention')}</h3>
      {plans.length > 0 && (
        <>
          <p class="hint">{tp('plan.attention_hint')}</p>
          <ul class="remarks desk-rows" aria-labelledby="plans-attention-title">
            {plans.map((plan) => (
              <li key={plan.id}>
                <RowLink href={caseHref(plan.case.id)} late={plan.late} selected={plan.case.id === selectedCase} kind="plan-row" testid="plans-item">
                  <span class="row-head">
                    <strong class="customer">{plan.case.title}</strong>
                  </span>
                  {attentionReasons(plan).map((reason) => (
                    <span key={reason.key} class="warn plan-reason">
                      {tp(reason.key, reason.key === 'plan.reason.late' ? { day: formatDay(plan.due_on) } : reason.vars)}
                    </span>
                  ))}
                  <span class="meta">{tp('plan.summary', { done: plan.done, total: plan.open + plan.done, day: formatDay(plan.due_on) })}</span>
                </RowLink>
              </li>
            ))}
          </ul>
        </>
      )}
      {unplanned.length > 0 && (
        <>
          <h4 id="plans-unplanned-title">{tp('plan.unplanned')}</h4>
          <p class="hint">{tp('plan.unplanned_hint')}</p>
          <ul class="remarks desk-rows" aria-labelledby="plans-unplanned-title">
            {unplanned.map((found) => (
              <li key={found.id}>
                <RowLink href={caseHref(found.id)} late={false} selected={found.id === selectedCase} kind="plan-row" testid="plans-unplanned">
                  <strong class="customer">{found.title}</strong>
                </RowLink>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
