// The words of My tasks (src/locales/tasks/), in catalogs of their own like the owner's: they
// travel with this screen's chunk, never with the capture screen. Dutch is the reference; French
// and English are typed against it.
import { lang, type Lang } from '../i18n';
import en from '../locales/tasks/en.json';
import fr from '../locales/tasks/fr.json';
import nl from '../locales/tasks/nl.json';

export type TaskKey = keyof typeof nl;

const catalogs: Record<Lang, Record<TaskKey, string>> = { nl, fr, en };

/** The text for `key` in the app's language, with `{name}` placeholders filled in. */
export function tm(key: TaskKey, vars?: Record<string, string | number>): string {
  const text = catalogs[lang()][key];
  return vars ? text.replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? `{${name}}`)) : text;
}
