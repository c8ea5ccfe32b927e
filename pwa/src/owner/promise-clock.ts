// The promise clock's arithmetic, kept free of the screen so it can be tested alone: how long a
// remark's customer still waits for their answer, or how late it is, from the promise's instant
// and the SERVER's clock (`now` of its answer) — never the device's, which may be wrong and
// which the tests cannot move.

export type ClockUnit = 'min' | 'h' | 'd';

export interface Clock {
  /** The promise has passed (from its very instant on, as the server counts it). */
  late: boolean;
  /** How many `unit`s are left, or how many it is late by: at least 1. */
  amount: number;
  unit: ClockUnit;
}

const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * Under an hour in minutes, under two days in hours, else in days — always rounded down, so
 * the clock never promises more time than there is (and never says "0": at least 1).
 */
export function promiseClock(dueAt: number, now: number): Clock {
  const left = dueAt - now;
  const late = left <= 0;
  const span = Math.abs(left);
  const unit: ClockUnit = span < HOUR ? 'min' : span < 2 * DAY ? 'h' : 'd';
  const size = unit === 'min' ? MINUTE : unit === 'h' ? HOUR : DAY;
  return { late, amount: Math.max(1, Math.floor(span / size)), unit };
}

/** The parts of a drafted acknowledgement: fixed (the apology when late, what the customer told
 * us, the date line) around the owner's own text; the server's preview of the whole. */
export interface DraftParts {
  preview: string;
  text: string;
  apology: string | null;
  facts?: string[];
  date_line: string;
}

/** What the customer will read, with the owner's own text (trimmed, as the server keeps it) in
 * place of the draft's. The server's preview holds the draft's text once, between its fixed
 * parts; when it cannot be found there, the parts are put together in the server's order:
 * apology, text, facts, date line — a paragraph each. */
export function livePreview(draft: DraftParts, text: string): string {
  const own = text.trim();
  const at = draft.text ? draft.preview.indexOf(draft.text) : -1;
  if (at >= 0) return draft.preview.slice(0, at) + own + draft.preview.slice(at + draft.text.length);
  return [draft.apology, own, ...(draft.facts ?? []), draft.date_line].filter(Boolean).join('\n\n');
}
