// What the decision editor works out without the screen, kept apart so it can be tested alone:
// which parts a kind asks for, the request the owner's words make, where the server's pointers
// lead (its `/texts/0` is the first text SENT, which depends on which languages the owner wrote
// in), what to check before sending, and the case a pasted link names.
import type { Lang } from '../i18n';
import type { DecisionKind, DecisionRequest, DecisionText } from './decision-api';

export type Part = 'feeling' | 'facts' | 'outcome' | 'change';
export const PARTS: readonly Part[] = ['feeling', 'facts', 'outcome', 'change'];

/** The owner's words for the customers of one language, as typed. */
export type Words = Record<Part, string>;
export const NO_WORDS: Words = { feeling: '', facts: '', outcome: '', change: '' };

/** A duplicate carries no words of its own: its customers hear the other case's decision. */
export const takesWords = (kind: DecisionKind) => kind !== 'duplicate';
/** The kinds whose `outcome` the server requires (praise has its thanks prefilled). */
export const needsOutcome = (kind: DecisionKind) => kind === 'act' || kind === 'no_action' || kind === 'already_done';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
export const isDay = (day: string) => DAY.test(day);

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

/** The case a case's number or a pasted link (…/owner/case/<id>) names; null when neither. */
export function caseIdFrom(input: string): string | null {
  const text = input.trim();
  const inLink = /\/owner\/case\/([0-9a-f-]{36})(?:[/?#]|$)/i.exec(text);
  const id = inLink ? inLink[1] : text;
  return new RegExp(`^${UUID.source}$`, 'i').test(id) ? id.toLowerCase() : null;
}

export interface Choice {
  kind: DecisionKind;
  /** By language, in the draft's order. */
  words: Partial<Record<Lang, Words>>;
  languages: Lang[];
  changing: boolean;
  hearAgainOn: string;
  duplicateOf: string;
}

/** The request for `choice`, and the languages of its texts in the order sent. A language the
 * owner wrote nothing in is left out (its customers get the words of another one, and the
 * preview warns); a part left empty is not sent; `change` only when changing. */
export function decisionRequest(
  view: { version: number; remarks: { remark: { id: string }; version: number }[] },
  choice: Choice,
): { body: DecisionRequest; sent: Lang[] } {
  const texts: DecisionText[] = [];
  if (takesWords(choice.kind)) {
    for (const language of choice.languages) {
      const words = choice.words[language] ?? NO_WORDS;
      const text: DecisionText = { language };
      for (const part of PARTS) {
        if (part === 'change' && !choice.changing) continue;
        if (words[part].trim()) text[part] = words[part];
      }
      if (Object.keys(text).length > 1) texts.push(text);
    }
  }
  const duplicateOf = choice.kind === 'duplicate' ? caseIdFrom(choice.duplicateOf) : null;
  const body: DecisionRequest = {
    version: view.version,
    remarks: view.remarks.map((item) => ({ id: item.remark.id, version: item.version })),
    kind: choice.kind,
    duplicate_of: duplicateOf ?? undefined,
    hear_again_on: takesWords(choice.kind) && isDay(choice.hearAgainOn) ? choice.hearAgainOn : undefined,
    texts,
  };
  return { body, sent: texts.map((text) => text.language) };
}

/** Where a field's errors are kept on the screen: `/texts/<language>/<part>`, whatever was sent. */
export const textPointer = (language: Lang, part: Part) => `/texts/${language}/${part}`;

/** The server's pointer (into the request sent, whose texts were `sent`) as the screen's. A
 * problem with the texts as a whole, or one text, is shown at the first field of it. */
export function localPointer(pointer: string, sent: Lang[], languages: Lang[]): string {
  const found = /^\/texts(?:\/(\d+)(?:\/(\w+))?)?$/.exec(pointer);
  if (!found) return pointer;
  const language = found[1] === undefined ? languages[0] : sent[Number(found[1])];
  if (!language) return pointer;
  const part = PARTS.find((p) => p === found[2]) ?? 'outcome';
  return textPointer(language, part);
}

export function localErrors(errors: Record<string, string>, sent: Lang[], languages: Lang[]): Record<string, string> {
  const local: Record<string, string> = {};
  for (const [pointer, message] of Object.entries(errors)) {
    const at = localPointer(pointer, sent, languages);
    local[at] = local[at] ? `${local[at]} ${message}` : message;
  }
  return local;
}

export type Problem = 'kind' | 'blank' | 'date' | 'duplicate';

/** What the server would refuse, said before sending (the server checks it all again). */
export function checkChoice(choice: Partial<Choice> & Pick<Choice, 'languages' | 'words' | 'changing'>): Record<string, Problem> {
  const problems: Record<string, Problem> = {};
  const { kind } = choice;
  if (!kind) return { '/kind': 'kind' };
  if (kind === 'duplicate') {
    if (!caseIdFrom(choice.duplicateOf ?? '')) problems['/duplicate_of'] = 'duplicate';
    return problems;
  }
  if (kind === 'act' && !isDay(choice.hearAgainOn ?? '')) problems['/hear_again_on'] = 'date';
  else if (choice.hearAgainOn && !isDay(choice.hearAgainOn)) problems['/hear_again_on'] = 'date';
  const first = choice.languages[0];
  if (!first) return problems;
  const written = choice.languages.filter((language) => PARTS.some((part) => choice.words[language]?.[part].trim()));
  if (needsOutcome(kind)) {
    for (const language of written) if (!choice.words[language]?.outcome.trim()) problems[textPointer(language, 'outcome')] = 'blank';
    if (!written.length) problems[textPointer(first, 'outcome')] = 'blank';
  }
  if (choice.changing) {
    for (const language of written) if (!choice.words[language]?.change.trim()) problems[textPointer(language, 'change')] = 'blank';
    if (!written.length) problems[textPointer(first, 'change')] = 'blank';
  }
  return problems;
}

/** A day `days` after the instant `now` (epoch seconds), as the browser's calendar has it. */
export function dayAfter(now: number, days: number): string {
  const date = new Date((now + days * 86_400) * 1000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}
