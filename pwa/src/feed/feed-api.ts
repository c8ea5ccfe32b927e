// What became of what we heard (docs/news.md), as the server gives it: the decision feed with
// this month's two figures, and each person's choice of mail about decisions. Days are
// YYYY-MM-DD in the organisation's time zone. Nothing here names a customer or who heard them.
import { api } from '../api';
import type { Lang } from '../i18n';
import type { Feeling } from '../model';

export const KINDS = ['act', 'no_action', 'already_done', 'duplicate', 'praise'] as const;
export type Kind = (typeof KINDS)[number];

/** This month so far. */
export interface Figures {
  decisions: number;
  /** Customers whose first answer was due (or came) this month. */
  answers_due: number;
  /** Of those, answered within their promise. */
  on_time: number;
  /** Whole percent; null when no answer was due yet. */
  on_time_percent: number | null;
}

/** What one customer said: their facts and feeling, never who they are. */
export interface Said {
  facts: string;
  feeling: Feeling;
  feeling_words: string;
  language: Lang;
}

/** How far the plan of an act decision is. */
export interface Progress {
  due_on: string;
  done_on: string | null;
  tasks: number;
  tasks_done: number;
}

/** One version of a case's decision. */
export interface FeedItem {
  id: string;
  case_id: string;
  title: string;
  kind: Kind;
  /** More than 1: the decision was changed. */
  version: number;
  /** A later version replaced it (or the case was reopened or merged). */
  ended: boolean;
  day: string;
  /** The owner who decided. */
  by: string;
  /** The language of `outcome` and `change`. */
  language: Lang | null;
  outcome: string;
  change: string;
  hear_again_on: string | null;
  /** A duplicate: the title of the case whose decision it shares. */
  same_as: string | null;
  said: Said[];
  plan: Progress | null;
}

export interface FeedPage {
  figures: Figures;
  items: FeedItem[];
  next_cursor: string | null;
}

/** Newest first, 20 a page; `before` is the previous page's `next_cursor`. */
export function feedPage(before?: string | null): Promise<FeedPage> {
  return api<FeedPage>('GET', before ? `/feed?before=${encodeURIComponent(before)}` : '/feed');
}

export const CADENCES = ['each', 'digest', 'none'] as const;
export type Cadence = (typeof CADENCES)[number];

/** How a person hears about decisions (and, an owner, about new remarks). */
export interface NewsChoices {
  staff_mail: Cadence;
  /** 0–23, the organisation's time zone. */
  digest_hour: number;
  owner_alerts: Cadence;
  /** Owners: how many hours before a promise ends they hear it is about to slip (1–168). */
  slip_hours: number;
}

export function myNews(): Promise<NewsChoices> {
  return api<NewsChoices>('GET', '/me/news');
}

export function saveNews(choices: NewsChoices): Promise<NewsChoices> {
  return api<NewsChoices>('PUT', '/me/news', choices);
}
