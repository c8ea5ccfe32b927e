// Action plans as the server gives them (docs/plans.md): the tasks an act decision is broken
// into, the colleagues they can go to, the desk's list of plans that need attention, and moving
// a plan's date (its draft, its preview, the move). Days are YYYY-MM-DD in the organisation's
// time zone; an hour is epoch seconds of a whole hour.
import { api } from '../api';
import type { Lang } from '../i18n';
import type { Preview } from './decision-api';
import type { CaseView } from './desk-api';

/** An active person a task can go to (employee, owner or admin). */
export interface Colleague {
  id: string;
  name: string;
}

export interface TaskView {
  id: string;
  description: string;
  /** `active: false`: the person was disabled — the task waits to be given to someone else. */
  assignee: { id: string; name: string; active: boolean };
  due_on: string;
  /** Its day has ended and it is still open. */
  late: boolean;
  done_at: number | null;
  done_by: string | null;
}

export interface PlanView {
  id: string;
  case_id: string;
  /** Send it back with every change to the plan or its tasks (409 `stale` when older). */
  version: number;
  /** The plan's date: the customers hear by then that it is done. */
  due_on: string;
  /** The day the customers were last told. */
  promised_on: string;
  late: boolean;
  done_at: number | null;
  by: string;
  tasks: TaskView[];
}

export interface PlanSummary {
  id: string;
  case: { id: string; title: string };
  due_on: string;
  late: boolean;
  /** How many tasks are open, how many done. */
  open: number;
  done: number;
  late_tasks: number;
  disabled_assignees: number;
  attention: boolean;
}

export interface PlanList {
  now: number;
  plans: PlanSummary[];
  /** Cases decided `act` that have no plan yet. */
  unplanned: { id: string; title: string }[];
}

/** A task as the plan request and the task calls carry it. */
export interface TaskBody {
  description: string;
  assignee: string;
  due_on: string;
}

export interface MoveDraft {
  due_on: string;
  earliest: string;
  latest: string;
  languages: Lang[];
  texts: { language: Lang; text: string }[];
}

export interface MoveRequest {
  version: number;
  due_on: string;
  texts: { language: Lang; text: string }[];
}

export function colleagues(): Promise<Colleague[]> {
  return api<Colleague[]>('GET', '/desk/colleagues');
}

/** A plan for a case decided `act`, with its first tasks; `version` is the case's. */
export function makePlan(caseId: string, version: number, tasks: TaskBody[]): Promise<CaseView> {
  return api<CaseView>('POST', `/desk/cases/${caseId}/plan`, { version, tasks });
}

export function planList(): Promise<PlanList> {
  return api<PlanList>('GET', '/desk/plans');
}

export function addTask(planId: string, version: number, task: TaskBody): Promise<PlanView> {
  return api<PlanView>('POST', `/desk/plans/${planId}/tasks`, { version, ...task });
}

/** Change what is given: the rest stays as it is. */
export function changeTask(taskId: string, version: number, change: Partial<TaskBody>): Promise<PlanView> {
  return api<PlanView>('POST', `/desk/tasks/${taskId}`, { version, ...change });
}

export function removeTask(taskId: string, version: number): Promise<PlanView> {
  return api<PlanView>('POST', `/desk/tasks/${taskId}/remove`, { version });
}

/** Done by the owner (twice is once: the second answers the plan as it is). */
export function ownerDone(taskId: string): Promise<PlanView> {
  return api<PlanView>('POST', `/desk/tasks/${taskId}/done`, {});
}

export function moveDraft(planId: string): Promise<MoveDraft> {
  return api<MoveDraft>('GET', `/desk/plans/${planId}/move/draft`);
}

/** What every customer would read of the move (writes nothing). */
export function previewMove(planId: string, body: MoveRequest): Promise<Preview> {
  return api<Preview>('POST', `/desk/plans/${planId}/move/preview`, body);
}

export function movePlan(planId: string, body: MoveRequest): Promise<PlanView> {
  return api<PlanView>('POST', `/desk/plans/${planId}/move`, body);
}
