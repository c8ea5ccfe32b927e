// The action plan's words (docs/plans.md) in catalogs of their own (src/locales/plans/), like
// the decisions' (decision-text.ts): they travel only with the owner's chunk, never with the
// capture screen. Dutch is the reference; French and English are typed against it.
import { lang, type Lang } from '../i18n';
import en from '../locales/plans/en.json';
import fr from '../locales/plans/fr.json';
import nl from '../locales/plans/nl.json';

export type PlanKey = keyof typeof nl;

const catalogs: Record<Lang, Record<PlanKey, string>> = { nl, fr, en };

/** The plan text for `key` in the app's language, with `{name}` placeholders filled in. */
export function tp(key: PlanKey, vars?: Record<string, string | number>): string {
  const text = catalogs[lang()][key];
  return vars ? text.replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? `{${name}}`)) : text;
}
