// The owner's desk as the server gives it (notes: the desk API, issue 19): the shapes and the
// calls, in one place. Times are epoch seconds by the SERVER's clock; days are YYYY-MM-DD in the
// organisation's time zone.
import { api, ApiError } from '../api';
import type { Lang } from '../i18n';
import type { Feeling, Place, Remark, RemarkState } from '../model';

/** One row of the inbox: the remark, the version to send back, its promise. */
export interface DeskItem {
  remark: Remark;
  version: number;
  due_at: number;
  late: boolean;
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
