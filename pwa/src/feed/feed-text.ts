// The words of the decision feed and of the choice of mail about decisions (src/locales/feed/),
// in catalogs of their own like My tasks': they travel with the feed's and the settings' chunks,
// never with the capture screen. Dutch is the reference; French and English are typed against it.
import { lang, type Lang } from '../i18n';
import en from '../locales/feed/en.json';
import fr from '../locales/feed/fr.json';
import nl from '../locales/feed/nl.json';

export type FeedKey = keyof typeof nl;

const catalogs: Record<Lang, Record<FeedKey, string>> = { nl, fr, en };

/** The text for `key` in the app's language, with `{name}` placeholders filled in. */
export function tf(key: FeedKey, vars?: Record<string, string | number>): string {
  const text = catalogs[lang()][key];
  return vars ? text.replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? `{${name}}`)) : text;
}

/** The text for `key` cut at its `{slot}` placeholder — what comes before and after it, the
 * others filled in — so the slot's words can be marked (in another language, say). */
export function tfAround(key: FeedKey, slot: string, vars: Record<string, string | number> = {}): [string, string] {
  const [before, after = ''] = catalogs[lang()][key].split(`{${slot}}`);
  const fill = (text: string) => text.replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? `{${name}}`));
  return [fill(before), fill(after)];
}
