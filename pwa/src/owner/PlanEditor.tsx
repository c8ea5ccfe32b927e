// The plan of a case decided `act` (docs/plans.md), while it has none: the work as rows of
// tasks — what, who, by when (up to the decision's day, which becomes the plan's date) — rows
// added and removed at will, at least one. Made in one request naming the case's version; the
// server's refusals (422) are shown at their row's field, another owner first (409) above.
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../api';
import { formatDay, t } from '../i18n';
import { ErrorSummary, errorsOf, FormError, Loading, type FieldMap } from '../ui';
import { dayAfter } from './decision-logic';
import type { CaseView } from './desk-api';
import { makePlan, type Colleague } from './plan-api';
import { usePlanAction, type OnConflict } from './plan-action';
import { checkRows, planTasks, type Row, type TaskField, type TaskForm } from './plan-logic';
import { tp } from './plan-text';
import { problemText, TaskFields } from './PlanTaskFields';

const FIELDS: TaskField[] = ['description', 'assignee', 'due_on'];
const TESTID: Record<TaskField, string> = { description: 'plan-task-description', assignee: 'plan-task-assignee', due_on: 'plan-task-due' };

/** The ids of row `i`'s controls (also their test ids): `plan-task-description-0`, … */
const idsOf = (i: number) => Object.fromEntries(FIELDS.map((field) => [field, `${TESTID[field]}-${i}`])) as Record<TaskField, string>;

function fieldsOf(count: number): FieldMap {
  const labels: Record<TaskField, string> = {
    description: tp('plan.task.description'),
    assignee: tp('plan.task.assignee'),
    due_on: tp('plan.task.due'),
  };
  const map: FieldMap = { '/tasks': { id: idsOf(0).description, label: tp('plan.task_legend', { n: 1 }) } };
  for (let i = 0; i < count; i++) {
    const ids = idsOf(i);
    for (const field of FIELDS) map[`/tasks/${i}/${field}`] = { id: ids[field], label: `${tp('plan.task_legend', { n: i + 1 })}: ${labels[field]}` };
  }
  return map;
}

interface Props {
  view: CaseView;
  colleagues: Colleague[] | null;
  colleaguesError: string;
  onMade: (fresh: CaseView) => void;
  onConflict: OnConflict;
}

export function PlanEditor({ view, colleagues, colleaguesError, onMade, onConflict }: Props) {
  // The plan's date is the decision's day: the customers were told it.
  const planDay = view.decision?.hear_again_on ?? '';
  const today = dayAfter(view.now, 0);
  const next = useRef(1);
  const [rows, setRows] = useState<Row[]>([{ key: 0, description: '', assignee: '', dueOn: planDay }]);
  const form = useRef<HTMLFormElement>(null);
  const { busy, errors, setErrors, run } = usePlanAction(onConflict);

  useEffect(() => {
    const target = form.current?.querySelector<HTMLElement>('.error-summary');
    target?.scrollIntoView({ block: 'center' });
    target?.focus();
  }, [errors]);

  const setRow = (key: number, value: TaskForm) => setRows((all) => all.map((row) => (row.key === key ? { ...row, ...value } : row)));
  const addRow = () => {
    const key = next.current++;
    setRows((all) => [...all, { key, description: '', assignee: '', dueOn: planDay }]);
    // The new row's first field takes the focus once drawn.
    setTimeout(() => document.getElementById(idsOf(rows.length).description)?.focus(), 0);
  };
  const removeRow = (key: number) => {
    setRows((all) => all.filter((row) => row.key !== key));
    // Its errors were by place: they no longer say which row.
    setErrors({});
    setTimeout(() => document.getElementById('plan-add-task')?.focus(), 0);
  };

  const send = (event: Event) => {
    event.preventDefault();
    void run(async () => {
      const problems = checkRows(rows, planDay);
      if (Object.keys(problems).length) {
        setErrors(Object.fromEntries(Object.entries(problems).map(([pointer, problem]) => [pointer, problemText(problem, planDay)])));
        return;
      }
      try {
        onMade(await makePlan(view.id, view.version, planTasks(rows)));
      } catch (err) {
        if (!(err instanceof ApiError) || err.status !== 422) throw err;
        setErrors(errorsOf(err));
      }
    });
  };

  if (!colleagues) return <Loading />;
  return (
    <form class="ack-editor plan-editor" data-testid="plan-editor" onSubmit={send} noValidate aria-labelledby="plan-editor-title" aria-busy={busy} ref={form}>
      <h4 id="plan-editor-title">{tp('plan.editor_title')}</h4>
      <p class="hint">{tp('plan.intro')}</p>
      {planDay && <p>{tp('plan.day_info', { day: formatDay(planDay) })}</p>}
      <FormError errors={colleaguesError ? { '': colleaguesError } : {}} />
      {!colleaguesError && colleagues.length === 0 && <p class="warn">{tp('plan.no_colleagues')}</p>}
      <ErrorSummary errors={errors} fields={fieldsOf(rows.length)} level={4} />
      {rows.map((row, i) => {
        const ids = idsOf(i);
        const rowErrors = Object.fromEntries(FIELDS.map((field) => [field, errors[`/tasks/${i}/${field}`]]));
        return (
          <fieldset key={row.key} class="case-language plan-editor-row">
            <legend>{tp('plan.task_legend', { n: i + 1 })}</legend>
            <TaskFields ids={ids} form={row} onForm={(value) => setRow(row.key, value)} errors={rowErrors} colleagues={colleagues} planDay={planDay} today={today} />
            {rows.length > 1 && (
              <button type="button" class="secondary" data-testid={`plan-remove-task-${i}`} onClick={() => removeRow(row.key)}>
                {tp('plan.remove_row', { n: i + 1 })}
              </button>
            )}
          </fieldset>
        );
      })}
      <p>
        <button type="button" class="secondary" id="plan-add-task" data-testid="plan-add-task" onClick={addRow}>
          {tp('plan.add_row')}
        </button>
      </p>
      <div class="actions">
        <button type="submit" class="primary" data-testid="plan-submit" disabled={busy}>
          {tp('plan.submit')}
        </button>
      </div>
      <p class="sending" role="status">
        {busy ? t('desk.ack.sending') : ''}
      </p>
    </form>
  );
}
