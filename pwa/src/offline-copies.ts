// Last-known data: what a screen last received from the server, per account, so it opens
// without network showing that — with its age. API answers are never in the HTTP cache.
import { ApiError } from './api';
import { lang, t } from './i18n';
import { me } from './session';
import { ofAccount, tx } from './device-db';

interface Known<T> {
  key: string;
  account: string;
  at: number;
  data: T;
}

/** Keep what a screen just received. */
export async function remember<T>(key: string, data: T): Promise<void> {
  const account = me()?.id;
  if (!account) return;
  const record: Known<T> = { key: `${account}:${key}`, account, at: Date.now(), data };
  await tx('known', 'readwrite', (store) => store.put(record)).catch(() => undefined);
}

/** What a screen last received, and when; null if nothing. */
export async function recall<T>(key: string): Promise<{ data: T; at: number } | null> {
  const account = me()?.id;
  if (!account) return null;
  const record = await tx('known', 'readonly', (store) => store.get(`${account}:${key}`) as IDBRequest<Known<T> | undefined>).catch(
    () => undefined,
  );
  return record ? { data: record.data, at: record.at } : null;
}

/** Forget everything kept for an account (sign-out). */
export async function forget(account: string): Promise<void> {
  for (const record of await ofAccount<Known<unknown>>('known', account)) {
    await tx('known', 'readwrite', (store) => store.delete(record.key));
  }
}

const inFlight = new Map<string, Promise<unknown>>();

/** Load from the server and keep it; without network, the last-known copy with its age. Two
 * screens asking for the same copy at once (the header and the capture form both read the
 * settings) share one request. */
export function loadKnown<T>(key: string, load: () => Promise<T>): Promise<{ data: T; offlineSince?: number }> {
  const shared = `${me()?.id ?? ''}:${key}`;
  const pending = inFlight.get(shared) as Promise<{ data: T; offlineSince?: number }> | undefined;
  if (pending) return pending;
  const started = loadFresh(key, load).finally(() => inFlight.delete(shared));
  inFlight.set(shared, started);
  return started;
}

async function loadFresh<T>(key: string, load: () => Promise<T>): Promise<{ data: T; offlineSince?: number }> {
  try {
    const data = await load();
    void remember(key, data);
    return { data };
  } catch (err) {
    if (!(err instanceof ApiError && err.status === 0)) throw err;
    const known = await recall<T>(key);
    if (!known) throw err;
    return { data: known.data, offlineSince: known.at };
  }
}

/** "No connection: this is what was here 5 minutes ago." */
export function staleNotice(at: number): string {
  const minutes = Math.round((Date.now() - at) / 60_000);
  const format = new Intl.RelativeTimeFormat(lang(), { numeric: 'auto' });
  const age =
    minutes < 60
      ? format.format(-minutes, 'minute')
      : minutes < 48 * 60
        ? format.format(-Math.round(minutes / 60), 'hour')
        : format.format(-Math.round(minutes / 1440), 'day');
  return t('known.offline', { age });
}
