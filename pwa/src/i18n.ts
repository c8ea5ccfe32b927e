import nl from './locales/nl.json';
import fr from './locales/fr.json';
import en from './locales/en.json';

export type Lang = 'nl' | 'fr' | 'en';
export type Key = keyof typeof nl;

const catalogs: Record<Lang, Record<Key, string>> = { nl, fr, en };

/** The first of the browser's languages we speak; Dutch when none matches. */
export function pickLang(preferred: readonly string[]): Lang {
  for (const tag of preferred) {
    const base = tag.toLowerCase().split('-')[0];
    if (base === 'nl' || base === 'fr' || base === 'en') return base;
  }
  return 'nl';
}

export function translator(lang: Lang): (key: Key) => string {
  return (key) => catalogs[lang][key];
}
