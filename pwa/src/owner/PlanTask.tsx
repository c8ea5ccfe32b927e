// One task of a plan: what, for whom, by when, its state (open, late, done — by whom and at what
// hour), a flag when its assignee was disabled; and while it is open the owner's ways with it:
// change it in place, remove it, or mark it done. The last open task says what follows from it:
// done or removed, the plan is done and every customer hears it.
import { formatDay, lang } from '../i18n';
import { hourLabel } from './case-logic';
import { ownerDone, removeTask, changeTask, type Colleague, type PlanView, type TaskView } from './plan-api';
import { usePlanAction, type OnConflict } from './plan-action';
import { formOf, secondsOf, taskChange, taskState } from './plan-logic';
import { tp } from './plan-text';
import { PlanTaskForm } from './PlanTaskForm';

/** The id of a task's "change" button: the focus goes back there when its form is cancelled. */
export const editOpenerId = (task: TaskView) => `task-edit-open-${task.id}`;

interface Props {
  plan: PlanView;
  task: TaskView;
  /** The only open task left. */
  last: boolean;
  /** Its change form is open. */
  editing: boolean;
  /** No other form is open on the plan: the change button is offered. */
  mayOpen: boolean;
  onEdit: () => void;
  onCancel: () => void;
  colleagues: Colleague[];
  today: string;
  onPlan: (plan: PlanView, said: string) => void;
  onConflict: OnConflict;
}

export function PlanTask({ plan, task, last, editing, mayOpen, onEdit, onCancel, colleagues, today, onPlan, onConflict }: Props) {
  const { busy, errors, run } = usePlanAction(onConflict);
  const state = taskState(task);
  const descId = `task-description-${task.id}`;
  const finished = (fresh: PlanView, said: string) => onPlan(fresh, fresh.done_at ? tp('plan.finished') : said);

  const remove = () => run(async () => finished(await removeTask(task.id, plan.version), tp('plan.task.removed')));
  const done = () => run(async () => finished(await ownerDone(task.id), tp('plan.task.marked_done')));

  return (
    <li class={`card plan-task is-${state}`} data-testid="plan-task" data-state={state} data-id={task.id}>
      <p class="row-head">
        <span class={`state task-state-${state}`}>{tp(`plan.task.state.${state}`)}</span>
      </p>
      <p class="task-description" id={descId}>
        {task.description}
      </p>
      <p class="meta">
        {tp('plan.task.for', { name: task.assignee.name })} · {tp('plan.task.due_on', { day: formatDay(task.due_on) })}
      </p>
      {state !== 'done' && !task.assignee.active && (
        <p class="warning" data-testid="task-disabled">
          {tp('plan.task.disabled', { name: task.assignee.name })}
        </p>
      )}
      {state === 'done' && (
        <p class="done-line">
          {task.done_by
            ? tp('plan.task.done_by', { by: task.done_by, at: hourLabel(secondsOf(task.done_at!), lang()) })
            : tp('plan.task.done_at', { at: hourLabel(secondsOf(task.done_at!), lang()) })}
        </p>
      )}
      {state !== 'done' && last && <p class="hint">{tp('plan.task.last')}</p>}
      {state !== 'done' && !editing && (
        <div class="actions">
          {mayOpen && (
            <button type="button" class="secondary" id={editOpenerId(task)} data-testid="task-edit" aria-describedby={descId} onClick={onEdit}>
              {tp('plan.task.edit')}
            </button>
          )}
          <button type="button" class="secondary" data-testid="task-remove" aria-describedby={descId} disabled={busy} onClick={() => void remove()}>
            {tp('plan.task.remove')}
          </button>
          <button type="button" class="primary" data-testid="task-owner-done" aria-describedby={descId} disabled={busy} onClick={() => void done()}>
            {tp('plan.task.owner_done')}
          </button>
        </div>
      )}
      {errors[''] && (
        <p class="form-error" role="alert">
          {errors['']}
        </p>
      )}
      {editing && (
        <PlanTaskForm
          prefix="task-edit"
          title={tp('plan.task.edit_title')}
          submitLabel={tp('plan.task.save')}
          initial={formOf(task)}
          keep={task.assignee}
          colleagues={colleagues}
          planDay={plan.due_on}
          today={today}
          send={(form) => {
            const change = taskChange(task, form);
            return Object.keys(change).length ? changeTask(task.id, plan.version, change) : null;
          }}
          onSaved={(fresh) => onPlan(fresh, tp('plan.task.saved'))}
          onConflict={onConflict}
          onCancel={onCancel}
        />
      )}
    </li>
  );
}
