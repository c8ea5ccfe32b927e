// The owner's desk as the server gives it (notes: the desk API, issue 19): the shapes and the
// calls, in one place. Times are epoch seconds by the SERVER's clock; days are YYYY-MM-DD in the
// organisation's time zone.
import { api, ApiError, type Problem } from '../api';
import type { Lang } from '../i18n';
import type { Feeling, Place, Remark, RemarkState } from '../model';
import type { DecisionView, WaitingCall } from './decision-api';
import type { PlanView } from './plan-api';

/** One row of the inbox: the remark, the version to send back, its promise. */
export interface DeskItem {
  remark: Remark;
  version: number;
  due_at: number;
  late: boolean;
  /** The case its remark is in. In the inbox without filters the row stands for the whole case
   * (this remark is its most urgent); with a filter it is one remark, saying where it belongs. */
  case?: CaseRef | null;
}

/** A case as a list names it. */
export interface CaseRef {
  id: string;
  title: string;
  /** How many remarks it holds. */
  remarks: number;
}

export interface DeskPage {
  now: number;
  items: DeskItem[];
  next_cursor?: string | null;
}

export type Channel = 'mail' | 'pass_on' | 'phone';

export interface Acknowledgement {
  channel: Channel;
  by: string;
  day: string;
  promised_on: string;
  text: string;
  late: boolean;
  note?: string | null;
  pass_on?: { confirmed_on: string | null; unconfirmed: boolean } | null;
}

export type HistoryKind = 'acknowledged' | 'called' | 'asked_to_pass_on' | 'passed_on' | 'question';

export interface HistoryEntry {
  kind: HistoryKind;
  /** An owner's name; null for the messenger, who is never named. */
  by: string | null;
  day: string;
}

export interface Message {
  author: 'owner' | 'messenger';
  text: string;
  day: string;
}

/** One remark as the desk shows it. */
export interface DeskRemark extends DeskItem {
  now: number;
  channel: 'mail' | 'pass_on';
  can_call: boolean;
  acknowledgements: Acknowledgement[];
  history: HistoryEntry[];
  thread: Message[];
}

/** The acknowledgement as the server drafts it, in the customer's language. */
export interface Draft {
  language: Lang;
  promised_on: string;
  /** The first and last day that may be promised, by the server's clock. */
  earliest: string;
  latest: string;
  late: boolean;
  apology: string | null;
  text: string;
  /** Fixed: what the customer told us, a paragraph per remark. */
  facts?: string[];
  date_line: string;
  words_other_language: boolean;
  preview: string;
}

export interface Filters {
  topic: string;
  place: Place | '';
  feeling: Feeling | '';
  state: RemarkState | '';
  q: string;
}

export const NO_FILTERS: Filters = { topic: '', place: '', feeling: '', state: '', q: '' };

export function inbox(filters: Filters, cursor?: string | null): Promise<DeskPage> {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters) as [string, string][]) if (value) params.set(key, value);
  if (cursor) params.set('cursor', cursor);
  const query = params.toString();
  return api<DeskPage>('GET', `/desk/inbox${query ? `?${query}` : ''}`);
}

export function deskRemark(id: string): Promise<DeskRemark> {
  return api<DeskRemark>('GET', `/desk/remarks/${id}`);
}

export function draft(id: string, promisedOn?: string): Promise<Draft> {
  const query = promisedOn ? `?promised_on=${encodeURIComponent(promisedOn)}` : '';
  return api<Draft>('GET', `/desk/remarks/${id}/draft${query}`);
}

export interface AcknowledgementBody {
  remarks: { id: string; version: number }[];
  promised_on: string;
  text: string;
  channel: 'auto' | 'phone' | 'pass_on';
  note?: string;
}

export function acknowledge(body: AcknowledgementBody): Promise<{ items: DeskItem[] }> {
  return api<{ items: DeskItem[] }>('POST', '/desk/acknowledgements', body);
}

/** Ask the remark's messenger a question; the thread as it is now. */
export function ask(id: string, text: string): Promise<Message[]> {
  return api<Message[]>('POST', `/remarks/${id}/questions`, { text });
}

/** Someone changed a remark first (409): the remarks as they are now, from the problem. */
export function conflictOf(err: unknown): DeskItem[] | null {
  if (!(err instanceof ApiError) || err.status !== 409) return null;
  const current = (err.problem as { current?: DeskItem[] } | null)?.current;
  return Array.isArray(current) ? current : [];
}

// Cases (docs/cases.md): remarks about the same thing, one decision, an answer for each customer.

export type CaseEventKind =
  | 'created'
  | 'added'
  | 'removed'
  | 'renamed'
  | 'merged_in'
  | 'merged_into'
  | 'split_off'
  | 'split_from'
  | 'acknowledged'
  | 'decided'
  | 'decision_changed'
  | 'reopened'
  | 'called'
  // The action plan's (docs/plans.md).
  | 'plan_made'
  | 'task_added'
  | 'task_changed'
  | 'task_removed'
  | 'task_done'
  | 'plan_done'
  | 'plan_moved'
  | 'plan_dropped';

/** One act on a case: the owner who did it and the hour, never finer; how many remarks, never
 * which. */
export interface CaseEvent {
  kind: CaseEventKind;
  by: string;
  /** Epoch seconds of a whole hour. */
  at: number;
  remarks: number;
  /** The other case of a merge or a split, with its title as it was then. */
  other?: { id: string; title: string; exists: boolean } | null;
  /** What a plan's event is about: the task's description, or the new day. */
  detail?: string | null;
}

/** A case as the owner works on it. */
export interface CaseView {
  id: string;
  title: string;
  topic_id: string | null;
  /** Send it back with a change: a change that saw an older version is refused (409). */
  version: number;
  /** Merged into that case: this one is only a pointer to it now. */
  merged_into: string | null;
  now: number;
  /** The most urgent promise of its remarks; null when it holds none. */
  due_at: number | null;
  late: boolean;
  /** Most urgent first, each with the version a change names. */
  remarks: DeskItem[];
  languages: Lang[];
  /** Oldest first. */
  history: CaseEvent[];
  /** What becomes of it (docs/decisions.md): the current decision, or null. */
  decision: DecisionView | null;
  /** Every version, oldest first (the current one too). */
  decisions: DecisionView[];
  /** Customers to phone with the decision. */
  calls: WaitingCall[];
  /** The cases decided as duplicates of this one. */
  duplicates: CaseRef[];
  /** The action plan of an `act` decision (docs/plans.md); null while there is none. */
  plan: PlanView | null;
}

/** An open remark (or a case, by its remark most alike) likely about the same thing. */
export interface Suggestion {
  /** 0 to 1. */
  score: number;
  remark: DeskItem;
  /** Set when that remark is in a case: the suggestion is the case. */
  case?: CaseRef | null;
}

/** The draft of a case's first answer, one part per language its customers speak. */
export interface CaseDraft {
  promised_on: string;
  earliest: string;
  latest: string;
  drafts: { language: Lang; customers: number; text: string; preview: string }[];
}

export interface CaseAcknowledgementBody {
  version: number;
  remarks: { id: string; version: number }[];
  promised_on: string;
  texts: { language: Lang; text: string }[];
  channel: 'auto' | 'pass_on';
}

const cases = (id: string, tail = '') => `/desk/cases/${id}${tail}`;

export function createCase(title: string, remarks: string[], topicId?: string | null): Promise<CaseView> {
  return api<CaseView>('POST', '/desk/cases', { title, topic_id: topicId || undefined, remarks });
}

export function getCase(id: string): Promise<CaseView> {
  return api<CaseView>('GET', cases(id));
}

export function renameCase(id: string, version: number, title: string, topicId: string | null): Promise<CaseView> {
  return api<CaseView>('PUT', cases(id), { version, title, topic_id: topicId || undefined });
}

export function addToCase(id: string, version: number, remarks: string[]): Promise<CaseView> {
  return api<CaseView>('POST', cases(id, '/add'), { version, remarks });
}

/** The case as it is now; null when its last remark went out (204): the case is gone. */
export async function removeFromCase(id: string, version: number, remarks: string[]): Promise<CaseView | null> {
  return (await api<CaseView | undefined>('POST', cases(id, '/remove'), { version, remarks })) ?? null;
}

/** Merge `other` into case `id`; the case `id` as it is now. When both are decided, `keep` says
 * whose decision stands (else 422 on `/keep`). */
export function mergeCase(id: string, version: number, other: { id: string; version: number }, keep?: 'this' | 'other'): Promise<CaseView> {
  return api<CaseView>('POST', cases(id, '/merge'), { version, other, keep });
}

export function splitCase(
  id: string,
  body: { version: number; remarks: string[]; title: string; topic_id?: string | null },
): Promise<{ kept: CaseView; split_off: CaseView }> {
  return api('POST', cases(id, '/split'), { ...body, topic_id: body.topic_id || undefined });
}

export function caseDraft(id: string, promisedOn?: string): Promise<CaseDraft> {
  const query = promisedOn ? `?promised_on=${encodeURIComponent(promisedOn)}` : '';
  return api<CaseDraft>('GET', cases(id, `/draft${query}`));
}

export function acknowledgeCase(id: string, body: CaseAcknowledgementBody): Promise<CaseView> {
  return api<CaseView>('POST', cases(id, '/acknowledgement'), body);
}

export function suggestions(remarkId: string): Promise<{ items: Suggestion[] }> {
  return api<{ items: Suggestion[] }>('GET', `/desk/remarks/${remarkId}/suggestions`);
}

/** Someone changed it first (409: `stale`, `in-another-case`, `decided`): what the server said,
 * in the owner's language, and — for a stale case — the case as it is now. */
export function caseConflictOf(err: unknown): { message: string; current: CaseView | null } | null {
  if (!(err instanceof ApiError) || err.status !== 409) return null;
  const problem: (Problem & { current?: unknown }) | null = err.problem;
  const current = problem?.current;
  const isCase = typeof current === 'object' && current !== null && !Array.isArray(current) && 'history' in current;
  const message = [problem?.title, problem?.detail].filter(Boolean).join(' ');
  return { message, current: isCase ? (current as CaseView) : null };
}
