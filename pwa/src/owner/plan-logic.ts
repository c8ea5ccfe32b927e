// What the plan screens work out without the screen, kept apart so it can be tested alone
// (plan-logic.test.ts): the checks on a task before it is sent, the request the editor's rows
// make, what a change to a task changes, a task's state, and why a plan needs attention.
import type { PlanSummary, TaskBody, TaskView } from './plan-api';

/** The server's limit on a task's description, in characters (code points). */
export const DESCRIPTION_MAX = 500;

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A task as typed: the due day as the date input gives it. */
export interface TaskForm {
  description: string;
  assignee: string;
  dueOn: string;
}

/** A row of the plan editor; `key` keeps a row's fields in place when another is removed. */
export interface Row extends TaskForm {
  key: number;
}

export type TaskField = 'description' | 'assignee' | 'due_on';
export type TaskProblem = 'blank' | 'too_long' | 'assignee' | 'date' | 'after_plan';

/** What the server would refuse in one task, said before sending (the server checks it all
 * again — and whether the day has come, which the browser's clock cannot tell for sure).
 * Days compare as text: YYYY-MM-DD sorts as the calendar does. */
export function checkTask(form: TaskForm, planDay: string): Partial<Record<TaskField, TaskProblem>> {
  const problems: Partial<Record<TaskField, TaskProblem>> = {};
  const description = form.description.trim();
  if (!description) problems.description = 'blank';
  else if (Array.from(description).length > DESCRIPTION_MAX) problems.description = 'too_long';
  if (!form.assignee) problems.assignee = 'assignee';
  if (!DAY.test(form.dueOn)) problems.due_on = 'date';
  else if (DAY.test(planDay) && form.dueOn > planDay) problems.due_on = 'after_plan';
  return problems;
}

/** The editor's checks, by the pointers the server uses for a new plan (`/tasks/0/description`). */
export function checkRows(rows: TaskForm[], planDay: string): Record<string, TaskProblem> {
  const problems: Record<string, TaskProblem> = {};
  rows.forEach((row, i) => {
    for (const [field, problem] of Object.entries(checkTask(row, planDay))) problems[`/tasks/${i}/${field}`] = problem;
  });
  return problems;
}

/** A task as the API takes it; the description without the blank lines around it. */
export function taskBody(form: TaskForm): TaskBody {
  return { description: form.description.trim(), assignee: form.assignee, due_on: form.dueOn };
}

/** The tasks of a new plan, in the rows' order (the server's `/tasks/<i>` is the row's place). */
export const planTasks = (rows: TaskForm[]): TaskBody[] => rows.map(taskBody);

/** A task's fields as its change form starts with them. */
export function formOf(task: TaskView): TaskForm {
  return { description: task.description, assignee: task.assignee.id, dueOn: task.due_on };
}

/** What a change sends: only what differs from the task (the server keeps the rest), so giving
 * a task back to the same person sends no assignee — and no mail. Empty: nothing changed. */
export function taskChange(task: TaskView, form: TaskForm): Partial<TaskBody> {
  const body = taskBody(form);
  const change: Partial<TaskBody> = {};
  if (body.description !== task.description) change.description = body.description;
  if (body.assignee !== task.assignee.id) change.assignee = body.assignee;
  if (body.due_on !== task.due_on) change.due_on = body.due_on;
  return change;
}

export type TaskState = 'open' | 'done' | 'late';

/** Done when it has its hour; late when its day has ended and it is open. */
export function taskState(task: Pick<TaskView, 'done_at' | 'late'>): TaskState {
  if (task.done_at !== null && task.done_at !== undefined) return 'done';
  return task.late ? 'late' : 'open';
}

/** Why a plan is at the top of the desk, most urgent first, as catalog keys with their values. */
export type ReasonKey =
  | 'plan.reason.late'
  | 'plan.reason.late_tasks_one'
  | 'plan.reason.late_tasks'
  | 'plan.reason.disabled_one'
  | 'plan.reason.disabled';

export interface Reason {
  key: ReasonKey;
  vars: Record<string, string | number>;
}

/** The plan itself late (its day, to be formatted by the screen), then its late tasks, then
 * the tasks whose assignee was disabled; a count of one has its own sentence. */
export function attentionReasons(plan: Pick<PlanSummary, 'late' | 'due_on' | 'late_tasks' | 'disabled_assignees'>): Reason[] {
  const reasons: Reason[] = [];
  if (plan.late) reasons.push({ key: 'plan.reason.late', vars: { day: plan.due_on } });
  if (plan.late_tasks > 0) {
    reasons.push(plan.late_tasks === 1 ? { key: 'plan.reason.late_tasks_one', vars: {} } : { key: 'plan.reason.late_tasks', vars: { n: plan.late_tasks } });
  }
  if (plan.disabled_assignees > 0) {
    reasons.push(
      plan.disabled_assignees === 1
        ? { key: 'plan.reason.disabled_one', vars: {} }
        : { key: 'plan.reason.disabled', vars: { n: plan.disabled_assignees } },
    );
  }
  return reasons;
}

/** An hour as the API gives it — epoch seconds; an ISO text is taken too — in epoch seconds. */
export function secondsOf(at: number | string): number {
  return typeof at === 'number' ? at : Date.parse(at) / 1000;
}
