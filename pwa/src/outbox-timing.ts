// The outbox's timing rules, pure so they can be tested alone (outbox-timing.test.ts): the
// back-off after a failed send, the spacing of a backlog, and the random pick that shuffles it.
// Randomness is a parameter; the app passes Math.random.

/** The sender's timing: a backlog spaced 1–30 s apart, a look every 30 s, back-off from 5 s.
 * Tests shorten it with `localStorage['earshot.outboxTiming']` (the same fields, as JSON). */
export interface Timing {
  spacing: [number, number];
  tick: number;
  backoff: number;
  /** How long one send may take before it counts as failed. */
  request: number;
}

export const DEFAULT_TIMING: Timing = { spacing: [1000, 30000], tick: 30000, backoff: 5000, request: 20000 };

/** The longest wait before a retry: ten minutes. */
export const MAX_BACKOFF = 600_000;

/** The timing with what is stored over the defaults; unreadable JSON is ignored. */
export function readTiming(stored: string | null): Timing {
  try {
    return { ...DEFAULT_TIMING, ...(JSON.parse(stored ?? '{}') as Partial<Timing>) };
  } catch {
    return DEFAULT_TIMING;
  }
}

/** The wait after the `attempts`-th failure: base, 2×base, 4×base, … up to ten minutes, ±25 %. */
export function backoff(attempts: number, base: number, random: () => number): number {
  return Math.min(base * 2 ** (attempts - 1), MAX_BACKOFF) * (0.75 + random() / 2);
}

/** The pause between two sends of a backlog, anywhere in [low, high]. */
export function spacing([low, high]: [number, number], random: () => number): number {
  return low + random() * Math.max(0, high - low);
}

/** One of `due`, at random: a backlog leaves in an order that says nothing about its making. */
export function pickOne<T>(due: readonly T[], random: () => number): T | undefined {
  return due[Math.floor(random() * due.length)];
}
