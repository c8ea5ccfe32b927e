// Who is signed in. The app asks /me once at start; sign-in screens set it, sign-out clears it.
import { api, ApiError } from './api';
import { isLang, pickLang, setLang, type Lang } from './i18n';

export type Role = 'employee' | 'owner' | 'admin';

export interface Person {
  id: string;
  email: string;
  name: string;
  roles: Role[];
  language: Lang;
}

let person: Person | null = null;
const listeners = new Set<() => void>();

export function me(): Person | null {
  return person;
}

export function onSessionChange(notify: () => void): () => void {
  listeners.add(notify);
  return () => void listeners.delete(notify);
}

/** The capture just made on this page, so my remarks can show it first. In memory only: a
 * remark's id left in the browser's storage would tell the next person on this phone who noted
 * it. */
let fresh: { account: string; id: string } | null = null;

export function noteFresh(id: string): void {
  fresh = person ? { account: person.id, id } : null;
}

export function freshCapture(): string | null {
  return fresh && fresh.account === person?.id ? fresh.id : null;
}

/** Signed in as `who` (or out): the app's language follows the person's setting. */
export function setPerson(who: Person | null): void {
  if (who?.id !== person?.id) fresh = null;
  person = who;
  // Remembered for a start without network (the app opens offline, its outbox keeps working).
  if (who) localStorage.setItem(REMEMBERED, JSON.stringify(who));
  else localStorage.removeItem(REMEMBERED);
  setLang(who && isLang(who.language) ? who.language : browserLang());
  listeners.forEach((notify) => notify());
}

export function browserLang(): Lang {
  return pickLang(navigator.languages ?? [navigator.language]);
}

const REMEMBERED = 'earshot.person';

/** At start: the person behind the session cookies, if any; without network, the person this
 * browser last knew (the server decides again as soon as it is reachable). A browser that knows
 * nobody (never signed in here, or signed out) asks nothing: it could only be refused, and each
 * refusal is an error in the console. */
export async function loadSession(): Promise<void> {
  if (!localStorage.getItem(REMEMBERED)) {
    setPerson(null);
    return;
  }
  try {
    setPerson(await api<Person>('GET', '/me'));
  } catch (err) {
    if (err instanceof ApiError && (err.status === 401 || err.status === 403)) {
      setPerson(null);
      return;
    }
    const remembered = localStorage.getItem(REMEMBERED);
    if (!remembered) throw err;
    setPerson(JSON.parse(remembered) as Person);
  }
}

export async function signOut(): Promise<void> {
  await api('DELETE', '/session');
  setPerson(null);
}
