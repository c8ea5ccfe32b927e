// What the case screens decide without the screen, kept apart so it can be tested alone: the
// title a new case gets from a remark, which one-click action a suggestion offers, a score as a
// percentage and an event's hour as people read it.

/** A case's title: one line, at most this many characters (the server's limit is 120; a title
 * made for the owner is kept shorter, to be renamed at leisure). */
export const MADE_TITLE_MAX = 80;
export const TITLE_MAX = 120;

/** The first line of a text that says something (facts may start with an empty line). */
export function firstLine(text: string): string {
  return (
    text
      .split(/\r?\n/)
      .map((line) => line.trim())
      .find(Boolean) ?? ''
  );
}

/** The title a case made from a remark starts with: the first line of its facts, in one line
 * (no tabs: the server refuses control characters), cut to 80 characters with "…". Counted in
 * characters as the server counts them (code points), so an emoji is never cut in half. */
export function titleFrom(facts: string): string {
  const line = Array.from(firstLine(facts).replace(/\s+/g, ' '));
  if (line.length <= MADE_TITLE_MAX) return line.join('');
  return `${line.slice(0, MADE_TITLE_MAX - 1).join('').trimEnd()}…`;
}

/** The length of a title as the server counts it. */
export function titleLength(title: string): number {
  return Array.from(title).length;
}

/**
 * The one action a suggestion offers, from whether it is a case and whether the open remark is:
 * - `group`: two lone remarks make a new case;
 * - `join`: this remark goes into the suggested case;
 * - `merge`: the suggested case goes into this remark's case;
 * - `take`: the suggested remark comes into this remark's case.
 */
export type SuggestionAction = 'group' | 'join' | 'merge' | 'take';

export function suggestionAction(suggestionIsCase: boolean, remarkInCase: boolean): SuggestionAction {
  if (suggestionIsCase) return remarkInCase ? 'merge' : 'join';
  return remarkInCase ? 'take' : 'group';
}

/** A score (0 to 1) as a whole percentage, never above 100. */
export function percent(score: number): number {
  return Math.min(100, Math.max(0, Math.round(score * 100)));
}

/** The locale the app's language is written in here (Belgian Dutch and French). */
export function localeOf(lang: string): string {
  return lang === 'en' ? 'en-GB' : `${lang}-BE`;
}

/** An event's hour (epoch seconds of a whole hour) as the browser writes it in `lang`: the day
 * and the hour, never finer — the history keeps no finer instant. */
export function hourLabel(at: number, lang: string): string {
  return new Date(at * 1000).toLocaleString(localeOf(lang), { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
}
