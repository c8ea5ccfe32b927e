// What the feed and the choice of mail work out without the screen, kept apart so it can be
// tested alone (feed-logic.test.ts): which words say this month's figures, a plan's progress,
// a decision's line, how pages join, the digest's hours, and what a save sends.
import type { Cadence, Figures, FeedItem, Kind, NewsChoices, Progress } from './feed-api';
import type { FeedKey } from './feed-text';

/** A text of the catalog and what fills it in. Days stay YYYY-MM-DD: the screen writes them. */
export interface Words {
  key: FeedKey;
  vars?: Record<string, string | number>;
}

/** The two lines at the top: how many decisions this month, and the share answered in time. */
export function figureLines(f: Figures): [Words, Words] {
  const decisions: Words =
    f.decisions === 0
      ? { key: 'feed.figures.decisions_none' }
      : f.decisions === 1
        ? { key: 'feed.figures.decisions_one' }
        : { key: 'feed.figures.decisions', vars: { count: f.decisions } };
  const onTime: Words =
    f.on_time_percent === null
      ? { key: 'feed.figures.none_due' }
      : { key: 'feed.figures.on_time', vars: { percent: f.on_time_percent, on_time: f.on_time, due: f.answers_due } };
  return [decisions, onTime];
}

/** "3 of 4 tasks done, due <day>", or "done on <day>". */
export function planLine(plan: Progress): Words {
  if (plan.done_on) return { key: 'feed.plan.done', vars: { day: plan.done_on } };
  if (plan.tasks === 0) return { key: 'feed.plan.due', vars: { day: plan.due_on } };
  if (plan.tasks === 1) return { key: 'feed.plan.tasks_one', vars: { done: plan.tasks_done, day: plan.due_on } };
  return { key: 'feed.plan.tasks', vars: { done: plan.tasks_done, tasks: plan.tasks, day: plan.due_on } };
}

const KIND: Record<Kind, FeedKey> = {
  act: 'feed.kind.act',
  no_action: 'feed.kind.no_action',
  already_done: 'feed.kind.already_done',
  duplicate: 'feed.kind.duplicate',
  praise: 'feed.kind.praise',
};

/** What the owner's words are, by kind: what we do, why not, what already exists, … */
const OUTCOME: Record<Kind, FeedKey> = {
  act: 'feed.outcome.act',
  no_action: 'feed.outcome.no_action',
  already_done: 'feed.outcome.already_done',
  duplicate: 'feed.outcome.duplicate',
  praise: 'feed.outcome.praise',
};

export const kindKey = (kind: Kind): FeedKey => KIND[kind];
export const outcomeKey = (kind: Kind): FeedKey => OUTCOME[kind];

/** Who decided and when; a changed decision says it was changed. */
export function byLine(item: Pick<FeedItem, 'version' | 'day' | 'by'>): Words {
  return { key: item.version > 1 ? 'feed.changed_by' : 'feed.decided_by', vars: { day: item.day, name: item.by } };
}

/** An act without a plan yet still says by when its customers hear it is done. */
export function hearAgain(item: Pick<FeedItem, 'kind' | 'plan' | 'hear_again_on'>): string | null {
  return item.kind === 'act' && !item.plan && item.hear_again_on ? item.hear_again_on : null;
}

/** The items shown with an older page added below them (each decision once). */
export function appendPage(shown: readonly FeedItem[], older: readonly FeedItem[]): FeedItem[] {
  const seen = new Set(shown.map((item) => item.id));
  return [...shown, ...older.filter((item) => !seen.has(item.id))];
}

/** The digest's hours, 0–23. */
export const HOURS: readonly number[] = Array.from({ length: 24 }, (_, hour) => hour);

/** An hour as a clock shows it: 8 → "08:00". */
export const hourLabel = (hour: number) => `${String(hour).padStart(2, '0')}:00`;

/** What a save sends: everything chosen — but someone who is not an owner sends the owners'
 * alerts back as the server gave them (only an owner may change them). */
export function toSend(chosen: NewsChoices, loaded: NewsChoices, owner: boolean): NewsChoices {
  return {
    staff_mail: chosen.staff_mail,
    digest_hour: chosen.digest_hour,
    owner_alerts: owner ? chosen.owner_alerts : loaded.owner_alerts,
    slip_hours: owner ? chosen.slip_hours : loaded.slip_hours,
  };
}

/** What "saved" says: what the person will get from now on. */
export function savedLine(saved: NewsChoices): Words {
  const key: Record<Cadence, FeedKey> = { each: 'news.saved_each', digest: 'news.saved_digest', none: 'news.saved_none' };
  return saved.staff_mail === 'digest' ? { key: key.digest, vars: { hour: hourLabel(saved.digest_hour) } } : { key: key[saved.staff_mail] };
}

/** Whether the choices differ (a "saved" said before no longer holds). */
export const sameChoices = (a: NewsChoices, b: NewsChoices) =>
  a.staff_mail === b.staff_mail && a.digest_hour === b.digest_hour && a.owner_alerts === b.owner_alerts && a.slip_hours === b.slip_hours;

/** How long before a promise ends an owner may hear it is about to slip: hours, then days. */
export const SLIP_HOURS: readonly number[] = [2, 4, 8, 12, 24, 48, 72, 168];

/** The slip choices offered, with a value set some other way (the API) kept among them. */
export const slipChoices = (current: number): number[] =>
  SLIP_HOURS.includes(current) ? [...SLIP_HOURS] : [...SLIP_HOURS, current].sort((a, b) => a - b);

/** "4 hours before", "2 days before": whole days from 48 hours on. */
export function slipLine(hours: number): Words {
  if (hours >= 48 && hours % 24 === 0) return { key: 'news.slip.days', vars: { days: hours / 24 } };
  return hours === 1 ? { key: 'news.slip.hour' } : { key: 'news.slip.hours', vars: { hours } };
}
