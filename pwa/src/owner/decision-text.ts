// The decision screens' words (docs/decisions.md) in catalogs of their own
// (src/locales/decisions/): the app's main catalogs travel with the capture screen, whose
// JavaScript has a budget (40 KB gzipped, scripts/capture-size.mjs); these travel only with the
// owner's chunk. The same rules as the main ones: Dutch is the reference, French and English are
// typed against it (a missing key fails the build), `{name}` placeholders, the app's language.
import { lang, type Lang } from '../i18n';
import en from '../locales/decisions/en.json';
import fr from '../locales/decisions/fr.json';
import nl from '../locales/decisions/nl.json';

export type DecisionKey = keyof typeof nl;

const catalogs: Record<Lang, Record<DecisionKey, string>> = { nl, fr, en };

/** The decision text for `key` in the app's language, with `{name}` placeholders filled in. */
export function td(key: DecisionKey, vars?: Record<string, string | number>): string {
  const text = catalogs[lang()][key];
  return vars ? text.replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? `{${name}}`)) : text;
}
