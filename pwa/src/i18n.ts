import nl from './locales/nl.json';
import fr from './locales/fr.json';
import en from './locales/en.json';

export type Lang = 'nl' | 'fr' | 'en';
export type Key = keyof typeof nl;
export const LANGS: readonly Lang[] = ['nl', 'fr', 'en'];

// Typed against the Dutch catalog: a key missing in French or English fails the build.
const catalogs: Record<Lang, Record<Key, string>> = { nl, fr, en };

let current: Lang = 'nl';

/** The first of the browser's languages we speak; Dutch when none matches. */
export function pickLang(preferred: readonly string[]): Lang {
  for (const tag of preferred) {
    const base = tag.toLowerCase().split('-')[0];
    if (base === 'nl' || base === 'fr' || base === 'en') return base;
  }
  return 'nl';
}

export function isLang(value: unknown): value is Lang {
  return value === 'nl' || value === 'fr' || value === 'en';
}

/** Switch the whole app to a language (the page's lang attribute too). */
export function setLang(lang: Lang): void {
  current = lang;
  document.documentElement.lang = lang;
}

export function lang(): Lang {
  return current;
}

/** The text for `key` in the current language, with `{name}` placeholders filled in. */
export function t(key: Key, vars?: Record<string, string | number>): string {
  const text = catalogs[current][key];
  return vars ? text.replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? `{${name}}`)) : text;
}

/** A remark's day (YYYY-MM-DD) as people write it in the current language. */
export function formatDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  if (!y || !m || !d) return day;
  return new Date(Date.UTC(y, m - 1, d)).toLocaleDateString(current === 'en' ? 'en-GB' : `${current}-BE`, {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    timeZone: 'UTC',
  });
}
