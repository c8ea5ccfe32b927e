// Decisions as the server gives them (docs/decisions.md): what becomes of a case, the draft the
// owner starts from, the preview of every customer's mail, and the calls. Days are YYYY-MM-DD
// in the organisation's time zone; `at` is epoch seconds of a whole hour.
import { api, ApiError } from '../api';
import type { Lang } from '../i18n';
import type { CaseView } from './desk-api';

export const KINDS = ['act', 'no_action', 'already_done', 'duplicate', 'praise'] as const;
export type DecisionKind = (typeof KINDS)[number];

/** The owner's words for the customers of one language; each part may be left out. */
export interface DecisionText {
  language: Lang;
  feeling?: string | null;
  facts?: string | null;
  outcome?: string | null;
  change?: string | null;
}

/** One version of a case's decision. */
export interface DecisionView {
  seq: number;
  kind: DecisionKind;
  by: string;
  at: number;
  hear_again_on: string | null;
  duplicate_of: { id: string; title: string } | null;
  texts: DecisionText[];
  /** Null while it is the current one. */
  ended: null | 'changed' | 'reopened' | 'merged';
}

/** A customer waiting to be phoned with the decision (consent, a number, no address). */
export interface WaitingCall {
  remark_id: string;
  name: string;
  phone: string;
  language: Lang;
  text: string;
}

export interface DecisionDraft {
  /** The case has a decision: this one changes it, and says why (`change`). */
  changing: boolean;
  earliest: string;
  latest: string;
  hear_again_on: string | null;
  languages: Lang[];
  texts: (Required<Omit<DecisionText, 'language'>> & { language: Lang; customers: number })[];
  customers: {
    remark_id: string;
    name: string;
    language: Lang;
    /** What they read first: their own feeling, in their own words. */
    feeling_line: string;
    /** Their promise has passed: an apology opens their mail. */
    late: boolean;
    words_other_language: boolean;
  }[];
}

export interface DecisionRequest {
  version: number;
  remarks: { id: string; version: number }[];
  kind: DecisionKind;
  duplicate_of?: string;
  hear_again_on?: string;
  texts: DecisionText[];
}

/** The warnings this app words: `canned`, `short`, `other_language`, `words_other_language`
 * (another the server may add later is shown by its code). */
export type WarningCode = string;

export interface PreviewMail {
  remarks: string[];
  name: string;
  language: Lang;
  /** The language of the owner's words in it (another one when theirs was left out). */
  text_language: Lang;
  channel: 'mail' | 'call' | 'pass_on';
  late: boolean;
  subject: string;
  text: string;
  warnings: { code: WarningCode; phrase?: string | null }[];
}

export interface Preview {
  ready: boolean;
  /** What deciding would refuse, by the request's JSON pointer. */
  issues: { pointer: string; hint: string }[];
  mails: PreviewMail[];
}

const cases = (id: string, tail: string) => `/desk/cases/${id}${tail}`;

/** The case a lone remark is (a new case of one), or the case it is in already. */
export function caseOfRemark(remarkId: string): Promise<CaseView> {
  return api<CaseView>('POST', `/desk/remarks/${remarkId}/case`);
}

export function decisionDraft(caseId: string): Promise<DecisionDraft> {
  return api<DecisionDraft>('GET', cases(caseId, '/decision/draft'));
}

/** What every customer would read (writes nothing). */
export function previewDecision(caseId: string, body: DecisionRequest): Promise<Preview> {
  return api<Preview>('POST', cases(caseId, '/decision/preview'), body);
}

export function decide(caseId: string, body: DecisionRequest): Promise<CaseView> {
  return api<CaseView>('POST', cases(caseId, '/decision'), body);
}

export function reopenCase(
  caseId: string,
  body: { version: number; promised_on: string; texts: { language: Lang; text: string }[] },
): Promise<CaseView> {
  return api<CaseView>('POST', cases(caseId, '/reopen'), body);
}

export function markCalled(caseId: string, remark: string, note: string): Promise<CaseView> {
  return api<CaseView>('POST', cases(caseId, '/called'), { remark, note });
}

/** The server refused for a field (422) at `pointer`. */
export function refusedAt(err: unknown, pointer: string): boolean {
  return err instanceof ApiError && err.status === 422 && (err.problem?.errors ?? []).some((e) => e.pointer === pointer);
}
