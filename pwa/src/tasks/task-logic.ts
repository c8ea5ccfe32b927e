// The bookkeeping of tasks marked done on this device, kept apart so it can be tested alone
// (task-logic.test.ts). A "done" goes through the device's outbox (outbox.ts) as an item of
// kind `task-done`, keyed by the task — so marking it twice is one item, one send — with the
// task's words as its draft, to say which task it was should the server refuse it (404: the task
// is no longer this person's).
import type { MyTask } from './tasks-api';

export const DONE_KIND = 'task-done';

/** The outbox key of a task's "done": one per task, however often it is pressed. */
export const doneItemId = (taskId: string) => `${DONE_KIND}:${taskId}`;

export const donePath = (taskId: string) => `/me/tasks/${taskId}/done`;

/** What the outbox keeps beside the request: which task, in its words. */
export interface DoneDraft {
  task: string;
  description: string;
}

/** An outbox item, as far as this bookkeeping reads it. */
export interface Queued {
  id: string;
  kind: string;
  refused?: unknown;
  draft?: unknown;
}

/** The tasks whose "done" waits to be sent, and those the server refused. */
export function queueState(items: readonly Queued[]): { waiting: Set<string>; refused: DoneDraft[] } {
  const waiting = new Set<string>();
  const refused: DoneDraft[] = [];
  for (const item of items) {
    if (item.kind !== DONE_KIND) continue;
    const draft = item.draft as Partial<DoneDraft> | undefined;
    const task = draft?.task ?? item.id.slice(DONE_KIND.length + 1);
    if (item.refused) refused.push({ task, description: draft?.description ?? '' });
    else waiting.add(task);
  }
  return { waiting, refused };
}

/** The tasks that were waiting and wait no more: sent (or refused) — the list is asked again. */
export function leftQueue(before: ReadonlySet<string>, now: ReadonlySet<string>): string[] {
  return [...before].filter((task) => !now.has(task));
}

/** The open tasks as the screen shows them: one whose "done" waits is marked so (it stays
 * among the open ones until the server has it). */
export function shownOpen(open: readonly MyTask[], waiting: ReadonlySet<string>): (MyTask & { queued: boolean })[] {
  return open.map((task) => ({ ...task, queued: waiting.has(task.id) }));
}

/** Add what was refused to what is said, each task once; nothing new: the same list. */
export function addDropped(said: DoneDraft[], refused: readonly DoneDraft[]): DoneDraft[] {
  const fresh = refused.filter((drop, i) => !said.some((s) => s.task === drop.task) && refused.findIndex((r) => r.task === drop.task) === i);
  return fresh.length ? [...said, ...fresh] : said;
}
