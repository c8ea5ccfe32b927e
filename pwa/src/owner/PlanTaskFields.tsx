// A task's three fields — what needs doing, who does it (a colleague from the desk's list), by
// when (up to the plan's date) — as the plan editor's rows, a task's change form and the "add a
// task" form all ask them; and the colleagues the select offers, asked for once.
import { useEffect, useState } from 'preact/hooks';
import { formatDay, t } from '../i18n';
import { describedBy, errorsOf, Field } from '../ui';
import { colleagues as fetchColleagues, type Colleague } from './plan-api';
import { DESCRIPTION_MAX, type TaskField, type TaskForm, type TaskProblem } from './plan-logic';
import { tp } from './plan-text';

/** The active colleagues (by name, as the server sorts them), or why they could not be had. */
export function useColleagues() {
  const [list, setList] = useState<Colleague[] | null>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    fetchColleagues().then(setList, (err) => {
      setList([]);
      setError(errorsOf(err)[''] ?? t('common.error'));
    });
  }, []);
  return { list, error };
}

/** A problem found before sending, in words. */
export function problemText(problem: TaskProblem, planDay: string): string {
  switch (problem) {
    case 'blank':
      return t('check.field-blank');
    case 'too_long':
      return t('check.field-too-long', { limit: DESCRIPTION_MAX });
    case 'assignee':
      return tp('plan.pick_assignee');
    case 'date':
      return t('check.field-date');
    case 'after_plan':
      return tp('plan.due_after', { day: formatDay(planDay) });
  }
}

interface Props {
  /** The ids (and test ids) of the three controls. */
  ids: Record<TaskField, string>;
  form: TaskForm;
  onForm: (form: TaskForm) => void;
  errors: Partial<Record<TaskField, string>>;
  colleagues: Colleague[];
  /** The plan's date: the last day a task may be due. */
  planDay: string;
  /** The first day (today, by the server's clock). */
  today: string;
  /** The task's assignee now, offered even when no longer active (to be replaced). */
  keep?: { id: string; name: string; active: boolean };
}

export function TaskFields({ ids, form, onForm, errors, colleagues, planDay, today, keep }: Props) {
  const descriptionHint = tp('plan.task.description_hint');
  const dueHint = tp('plan.task.due_hint', { day: formatDay(planDay) });
  const kept = keep && !colleagues.some((c) => c.id === keep.id) ? keep : null;
  return (
    <>
      <Field id={ids.description} label={tp('plan.task.description')} hint={descriptionHint} error={errors.description} required>
        <textarea
          id={ids.description}
          data-testid={ids.description}
          rows={3}
          value={form.description}
          aria-required="true"
          aria-invalid={Boolean(errors.description)}
          aria-describedby={describedBy(ids.description, errors.description, descriptionHint)}
          onInput={(e) => onForm({ ...form, description: e.currentTarget.value })}
        />
      </Field>
      <Field id={ids.assignee} label={tp('plan.task.assignee')} error={errors.assignee} required>
        <select
          id={ids.assignee}
          data-testid={ids.assignee}
          value={form.assignee}
          aria-required="true"
          aria-invalid={Boolean(errors.assignee)}
          aria-describedby={describedBy(ids.assignee, errors.assignee)}
          onChange={(e) => onForm({ ...form, assignee: e.currentTarget.value })}
        >
          <option value="">{tp('plan.task.assignee_pick')}</option>
          {kept && <option value={kept.id}>{kept.active ? kept.name : tp('plan.task.assignee_disabled', { name: kept.name })}</option>}
          {colleagues.map((colleague) => (
            <option key={colleague.id} value={colleague.id}>
              {colleague.name}
            </option>
          ))}
        </select>
      </Field>
      <Field id={ids.due_on} label={tp('plan.task.due')} hint={dueHint} error={errors.due_on} required>
        <input
          id={ids.due_on}
          data-testid={ids.due_on}
          type="date"
          value={form.dueOn}
          min={today && today <= planDay ? today : undefined}
          max={planDay}
          aria-required="true"
          aria-invalid={Boolean(errors.due_on)}
          aria-describedby={describedBy(ids.due_on, errors.due_on, dueHint)}
          onInput={(e) => onForm({ ...form, dueOn: e.currentTarget.value })}
        />
      </Field>
    </>
  );
}
