// The API's shapes, in one place: what the server sends and accepts, as the app uses it. Kept by
// hand and checked against /api/v1/openapi.json by tests/api/app_model.rs
// (`the_app_model_matches_the_document`): the places, the feelings, the languages and the fields
// of a remark and a topic.
import type { Lang } from './i18n';

/** Where a remark was heard (`PlaceKind` in the API document), in the form's order. */
export const PLACES = ['party', 'school', 'sports_club', 'hairdresser', 'shop', 'family', 'other'] as const;
export type Place = (typeof PLACES)[number];

/** How the customer felt (`Feeling`), from very frustrated to delighted. */
export const FEELINGS = ['very_frustrated', 'frustrated', 'neutral', 'pleased', 'delighted'] as const;
export type Feeling = (typeof FEELINGS)[number];

/** How far a remark has come (`RemarkState`): new, acknowledged (the customer has had a first
 * answer naming a date), waiting for the messenger to pass that answer on, or decided (the
 * case's decision reached them, docs/decisions.md; it has left the inbox). */
export const STATES = ['new', 'acknowledged', 'waiting_for_pass_on', 'decided'] as const;
export type RemarkState = (typeof STATES)[number];

/** A topic of the organisation (`Topic`), labelled in every language. */
export interface Topic {
  id: string;
  labels: Record<Lang, string>;
  position: number;
  archived: boolean;
}

/** A remark as the API shows it (`RemarkView`): never who brought it in. */
export interface Remark {
  id: string;
  customer: { name: string; language: Lang; email?: string | null; phone?: string | null; consent?: boolean | null; forgotten?: boolean };
  facts: string;
  feeling: { level: Feeling; words: string };
  place: { kind: Place; detail: string };
  heard_on: string;
  came_in_on: string; // the day it came in (the organisation's time zone): lists group by it
  topic_id: string | null;
  state: RemarkState;
}

/** One page of what came in (`RemarkPage`). */
export interface RemarkPage {
  items: Remark[];
  next_cursor?: string | null;
}
