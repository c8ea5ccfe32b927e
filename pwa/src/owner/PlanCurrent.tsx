// A case's plan as it stands (docs/plans.md): its date, the day the customers were last told,
// how far it is, late (at the top, with the way out: move the date — its customers are waiting)
// or done; each task with its state and the owner's ways with it; adding a task; moving the date.
// One form at a time is open; cancelled, the focus goes back to the button that opened it.
import { useEffect, useRef, useState } from 'preact/hooks';
import { formatDay, lang } from '../i18n';
import { Loading } from '../ui';
import { hourLabel } from './case-logic';
import { addTask, type Colleague, type PlanView } from './plan-api';
import type { OnConflict } from './plan-action';
import { secondsOf, taskBody, taskState } from './plan-logic';
import { PlanMove } from './PlanMove';
import { editOpenerId, PlanTask } from './PlanTask';
import { PlanTaskForm } from './PlanTaskForm';
import { tp } from './plan-text';

const ADD_OPENER = 'plan-add-open';
const MOVE_OPENER = 'plan-move-open';

interface Props {
  plan: PlanView;
  /** Today, by the server's clock: the first day a task may be due. */
  today: string;
  colleagues: Colleague[] | null;
  onPlan: (plan: PlanView, said: string) => void;
  onConflict: OnConflict;
}

export function PlanCurrent({ plan, today, colleagues, onPlan, onConflict }: Props) {
  // '' (nothing open), 'add', 'move', or the id of the task being changed.
  const [open, setOpen] = useState('');
  const opener = useRef('');
  const back = useRef(false);
  useEffect(() => {
    if (!open && back.current) document.getElementById(opener.current)?.focus();
    back.current = false;
  }, [open]);
  const openForm = (what: string, openerId: string) => {
    opener.current = openerId;
    setOpen(what);
  };
  const cancel = () => {
    back.current = true;
    setOpen('');
  };
  const saved = (fresh: PlanView, said: string) => {
    setOpen('');
    onPlan(fresh, said);
  };

  const closed = plan.done_at !== null && plan.done_at !== undefined;
  const done = plan.tasks.filter((task) => taskState(task) === 'done').length;
  const openTasks = plan.tasks.length - done;
  const moveButton = (primary: boolean) =>
    !open && (
      <button type="button" class={primary ? 'primary' : 'secondary'} id={MOVE_OPENER} data-testid="plan-move-open" onClick={() => openForm('move', MOVE_OPENER)}>
        {tp('plan.move_open')}
      </button>
    );

  return (
    <div class="plan-view" data-testid="plan-view">
      {plan.late && !closed && (
        <div class="plan-late" data-testid="plan-late">
          <p>
            <strong>{tp('plan.late', { day: formatDay(plan.due_on) })}</strong>
          </p>
          <p>{tp('plan.late_waiting')}</p>
          {moveButton(true)}
        </div>
      )}
      {closed && (
        <p class="notice success" data-testid="plan-done">
          {tp('plan.done', { at: hourLabel(secondsOf(plan.done_at!), lang()) })}
        </p>
      )}
      <ul class="plan-facts">
        <li>
          <strong>{tp('plan.due_on', { day: formatDay(plan.due_on) })}</strong>
        </li>
        <li>{tp('plan.promised_on', { day: formatDay(plan.promised_on) })}</li>
        <li>{tp('plan.progress', { done, total: plan.tasks.length })}</li>
        <li class="meta">{tp('plan.by', { by: plan.by })}</li>
      </ul>
      <h4 id="plan-tasks-title">{tp('plan.tasks')}</h4>
      <ul class="remarks plan-tasks" aria-labelledby="plan-tasks-title">
        {plan.tasks.map((task) => (
          <PlanTask
            key={task.id}
            plan={plan}
            task={task}
            last={openTasks === 1}
            editing={open === task.id}
            mayOpen={!open && !closed}
            onEdit={() => openForm(task.id, editOpenerId(task))}
            onCancel={cancel}
            colleagues={colleagues ?? []}
            today={today}
            onPlan={saved}
            onConflict={onConflict}
          />
        ))}
      </ul>
      {!closed && open === 'add' && !colleagues && <Loading />}
      {!closed && open === 'add' && colleagues && (
        <PlanTaskForm
          prefix="plan-add"
          title={tp('plan.add')}
          submitLabel={tp('plan.add_submit')}
          initial={{ description: '', assignee: '', dueOn: plan.due_on }}
          colleagues={colleagues}
          planDay={plan.due_on}
          today={today}
          send={(form) => addTask(plan.id, plan.version, taskBody(form))}
          onSaved={(fresh) => saved(fresh, tp('plan.added'))}
          onConflict={onConflict}
          onCancel={cancel}
        />
      )}
      {!closed && !open && (
        <div class="actions">
          <button type="button" class="secondary" id={ADD_OPENER} data-testid="plan-add" onClick={() => openForm('add', ADD_OPENER)}>
            {tp('plan.add')}
          </button>
          {!plan.late && moveButton(false)}
        </div>
      )}
      {!closed && open === 'move' && <PlanMove plan={plan} onMoved={(fresh) => saved(fresh, tp('plan.moved'))} onConflict={onConflict} onCancel={cancel} />}
    </div>
  );
}
