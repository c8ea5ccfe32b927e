// The outbox: every capture (and every answer, every task marked done) is first written to
// IndexedDB, tied to the signed-in account, and sent from there by one sender at a time (a Web
// Lock across tabs).
// A backlog goes shuffled and spaced; failures back off; a refusal stays, with its reason, until
// the person fixes it. The server's idempotency makes every resend harmless.
import { useEffect, useState } from 'preact/hooks';
import { api, ApiError } from './api';
import { me } from './session';
import { ofAccount, tx } from './device-db';
import { backoff, pickOne, readTiming, spacing, type Timing } from './outbox-timing';
import { errorsOf, type Errors } from './ui';

export interface Item {
  /** The remark's id (a capture), the answer's id, or `task-done:<task id>` (a task marked done,
   * tasks/task-queue.ts): what makes a resend the same request. */
  id: string;
  account: string;
  kind: 'capture' | 'answer' | 'task-done';
  path: string;
  body: unknown;
  savedAt: number;
  attempts: number;
  /** Not before this time (ms since the epoch), after a failure. */
  nextAt: number;
  /** The server said no: the reasons, per field, until the person fixes and resends it. */
  refused?: Errors;
  /** What the screen needs to show it again for fixing (the capture form as typed). */
  draft?: unknown;
}

const listeners = new Set<() => void>();

/** Call `notify` whenever the outbox changes; returns the unsubscribe. */
export function onOutboxChange(notify: () => void): () => void {
  listeners.add(notify);
  return () => void listeners.delete(notify);
}

// Other tabs of the app hear of every change too (their badges and lists stay true).
const channel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel('earshot-outbox');
channel?.addEventListener('message', () => listeners.forEach((notify) => notify()));

function changed() {
  listeners.forEach((notify) => notify());
  channel?.postMessage('changed');
}

export async function items(account = me()?.id): Promise<Item[]> {
  if (!account) return [];
  const all = await ofAccount<Item>('outbox', account);
  return all.sort((a, b) => a.savedAt - b.savedAt);
}

export async function save(item: Item): Promise<void> {
  await tx('outbox', 'readwrite', (store) => store.put(item));
  changed();
}

export async function remove(id: string): Promise<void> {
  await tx('outbox', 'readwrite', (store) => store.delete(id));
  changed();
}

/** Forget everything one account has waiting (at sign-out, after the person agreed). */
export async function clear(account: string): Promise<void> {
  for (const item of await items(account)) await tx('outbox', 'readwrite', (store) => store.delete(item.id));
  changed();
}

/** Put a new request in the outbox for the signed-in person. */
export async function enqueue(kind: Item['kind'], id: string, path: string, body: unknown, draft?: unknown): Promise<Item> {
  const account = me()?.id;
  if (!account) throw new ApiError(401, null);
  const item: Item = { id, account, kind, path, body, draft, savedAt: Date.now(), attempts: 0, nextAt: 0 };
  await save(item);
  return item;
}

/** What became of a send: `busy` means another tab or loop is sending this very item. */
export type Outcome = 'sent' | 'refused' | 'later' | 'signed-out' | 'busy';

/** Statuses worth trying again later: the network, the server, a limit, a send in progress. */
/** A task marked done is written next to its assignee's name, at the instant it arrives: it
 * never goes right beside a capture from this device (docs/privacy.md, "Plans and tasks"). It
 * waits while a capture waits, and for ten minutes after one was sent. */
const APART_MS = 10 * 60_000;
const LAST_CAPTURE = 'earshot.lastCaptureSent';

function mayGoNow(item: Item, all: Item[]): boolean {
  if (item.kind !== 'task-done') return true;
  if (all.some((i) => i.kind === 'capture' && !i.refused)) return false;
  return Date.now() - Number(localStorage.getItem(LAST_CAPTURE) ?? 0) >= APART_MS;
}

function transient(err: unknown): boolean {
  return err instanceof ApiError && (err.status === 0 || err.status >= 500 || [408, 409, 425, 429].includes(err.status));
}

/** Send one item now and record what became of it — one send of an item at a time, across tabs. */
export async function attempt(item: Item): Promise<Outcome> {
  if (!navigator.locks) return send(item);
  return await navigator.locks.request(`earshot-send-${item.id}`, { ifAvailable: true }, async (lock) => {
    if (!lock) return 'busy';
    // Gone meanwhile: sent by whoever held the lock before.
    const current = (await items(item.account)).find((i) => i.id === item.id);
    return current ? send(current) : 'sent';
  });
}

async function send(item: Item): Promise<Outcome> {
  try {
    await api('POST', item.path, item.body, timing().request);
    if (item.kind === 'capture') localStorage.setItem(LAST_CAPTURE, String(Date.now()));
    await remove(item.id);
    return 'sent';
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) return 'signed-out';
    // The server holds this remark already and will not say more to someone it cannot tell is
    // its reporter (after a password reset, say): it arrived, which is all the outbox needs.
    if (err instanceof ApiError && err.slug === 'already-captured') {
      await remove(item.id);
      return 'sent';
    }
    if (transient(err) || !(err instanceof ApiError)) {
      const attempts = item.attempts + 1;
      const delay = backoff(attempts, timing().backoff, Math.random);
      await save({ ...item, attempts, nextAt: Date.now() + delay });
      return 'later';
    }
    await save({ ...item, refused: errorsOf(err) });
    return 'refused';
  }
}

function timing(): Timing {
  return readTiming(localStorage.getItem('earshot.outboxTiming'));
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Send one due item, picked at random (so a backlog goes shuffled), under the sender lock:
 * one send at a time across tabs, and no tab holds the lock while it waits between sends. */
async function sendOne(now: boolean): Promise<Outcome | 'empty' | 'locked'> {
  const pick = async (): Promise<Outcome | 'empty'> => {
    const all = await items();
    const due = all.filter((item) => !item.refused && (now || item.nextAt <= Date.now()) && mayGoNow(item, all));
    if (due.length === 0) return 'empty';
    const item = pickOne(due, Math.random);
    return item ? attempt(item) : 'empty';
  };
  if (!navigator.locks) return pick();
  return await navigator.locks.request('earshot-outbox', { ifAvailable: true }, async (lock) => (lock ? pick() : 'locked'));
}

/** A new capture or answer: into the outbox, then tried at once. Sent; or kept for the sender
 * (no network, server down); or refused — then taken back out, the screen shows the reasons. */
export async function submitNow(
  kind: Item['kind'],
  id: string,
  path: string,
  body: unknown,
  draft?: unknown,
): Promise<{ sent: boolean } | { refused: Errors }> {
  const item = await enqueue(kind, id, path, body, draft);
  if (!mayGoNow(item, await items())) return { sent: false };
  const outcome = await attempt(item);
  if (outcome === 'refused') {
    const refused = (await items()).find((i) => i.id === item.id)?.refused ?? {};
    await remove(item.id);
    return { refused };
  }
  if (outcome !== 'sent') void requestSync();
  return { sent: outcome === 'sent' };
}

/** Send what is due (everything, when the network just came back), spaced; stop when nothing
 * is due, at the first "later", or when another tab is sending. One send that goes through
 * shows the way is open again: the rest of the backlog follows without its back-off. */
async function run(now: boolean): Promise<void> {
  let open = now;
  for (let n = 0; ; n++) {
    if (n > 0) await sleep(spacing(timing().spacing, Math.random));
    const outcome = await sendOne(open);
    if (outcome === 'sent') open = true;
    if (outcome !== 'sent' && outcome !== 'refused' && outcome !== 'busy') return;
  }
}

let running: Promise<void> | null = null;

/** Send what waits, unless this tab is sending already. `now`: ignore the back-off (the network
 * just came back, the person asked). */
export function flush(now = false): Promise<void> {
  if (!me()) return Promise.resolve();
  running ??= run(now).finally(() => {
    running = null;
  });
  return running;
}

/** Start the sender's triggers: now, when the network returns, every tick (30 s), and when the
 * service worker relays a Background Sync. */
export function startSender(): void {
  void flush(true);
  addEventListener('online', () => void flush(true));
  setInterval(() => void flush(), timing().tick);
  navigator.serviceWorker?.addEventListener('message', (event) => {
    if (event.data === 'flush') void flush();
  });
}

/** Ask for Background Sync, where the browser has it (a bonus: the sender does the real work). */
export async function requestSync(): Promise<void> {
  try {
    const registration = (await navigator.serviceWorker?.ready) as (ServiceWorkerRegistration & { sync?: { register(tag: string): Promise<void> } }) | undefined;
    await registration?.sync?.register('earshot-outbox');
  } catch {
    // No Background Sync here: the timer and `online` do it.
  }
}

/** The signed-in person's outbox items of one kind, kept current. */
export function useOutbox(kind: Item['kind']): Item[] {
  const [list, setList] = useState<Item[]>([]);
  useEffect(() => {
    const load = () => void items().then((all) => setList(all.filter((i) => i.kind === kind)));
    load();
    return onOutboxChange(load);
  }, [kind]);
  return list;
}
