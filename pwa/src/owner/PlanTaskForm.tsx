// One task's form on a plan: changing an open task in place, or adding a task. Checked before
// it is sent (the same checks as the editor's rows); the server's refusals (422 at `/description`,
// `/assignee`, `/due_on`) at their field; another owner first (409) said by the plan section.
import { useEffect, useState } from 'preact/hooks';
import { ApiError } from '../api';
import { errorsOf, FormError } from '../ui';
import { SendActions } from './AckParts';
import type { Colleague, PlanView, TaskView } from './plan-api';
import { usePlanAction, type OnConflict } from './plan-action';
import { checkTask, type TaskField, type TaskForm } from './plan-logic';
import { tp } from './plan-text';
import { problemText, TaskFields } from './PlanTaskFields';

interface Props {
  /** `task-edit` or `plan-add`: the form is `<prefix>-form`, its fields `<prefix>-description`, … */
  prefix: string;
  title: string;
  submitLabel: string;
  initial: TaskForm;
  keep?: TaskView['assignee'];
  colleagues: Colleague[];
  planDay: string;
  today: string;
  /** The call for this form; null when it would send nothing (no change). */
  send: (form: TaskForm) => Promise<PlanView> | null;
  onSaved: (plan: PlanView) => void;
  onConflict: OnConflict;
  onCancel: () => void;
}

export function PlanTaskForm({ prefix, title, submitLabel, initial, keep, colleagues, planDay, today, send, onSaved, onConflict, onCancel }: Props) {
  const [form, setForm] = useState<TaskForm>(initial);
  const { busy, errors, setErrors, run } = usePlanAction(onConflict);
  const ids: Record<TaskField, string> = { description: `${prefix}-description`, assignee: `${prefix}-assignee`, due_on: `${prefix}-due` };

  // Opened: its first field takes the focus (cancelled, the button that opened it does).
  useEffect(() => document.getElementById(ids.description)?.focus(), []);

  const submit = (event: Event) => {
    event.preventDefault();
    void run(async () => {
      const problems = checkTask(form, planDay);
      if (Object.keys(problems).length) {
        setErrors(Object.fromEntries(Object.entries(problems).map(([field, problem]) => [`/${field}`, problemText(problem, planDay)])));
        return;
      }
      const call = send(form);
      if (!call) {
        setErrors({ '': tp('plan.task.unchanged') });
        return;
      }
      try {
        onSaved(await call);
      } catch (err) {
        if (!(err instanceof ApiError) || err.status !== 422) throw err;
        setErrors(errorsOf(err));
      }
    });
  };

  const fieldErrors = { description: errors['/description'], assignee: errors['/assignee'], due_on: errors['/due_on'] };
  return (
    <form class="case-form plan-task-form" data-testid={`${prefix}-form`} onSubmit={submit} noValidate aria-labelledby={`${prefix}-title`} aria-busy={busy}>
      <h5 id={`${prefix}-title`}>{title}</h5>
      <FormError errors={errors} />
      <TaskFields ids={ids} form={form} onForm={setForm} errors={fieldErrors} colleagues={colleagues} planDay={planDay} today={today} keep={keep} />
      <SendActions label={submitLabel} busy={busy} onCancel={onCancel} testid={`${prefix}-submit`} />
    </form>
  );
}
