// The app's IndexedDB database: the outbox (what waits to be sent) and the last-known answers
// of the screens that must open without network — both per account.
const NAME = 'earshot';
const VERSION = 2;

let opened: Promise<IDBDatabase> | null = null;

function db(): Promise<IDBDatabase> {
  opened ??= new Promise((resolve, reject) => {
    const request = indexedDB.open(NAME, VERSION);
    request.onupgradeneeded = () => {
      const database = request.result;
      if (!database.objectStoreNames.contains('outbox')) {
        database.createObjectStore('outbox', { keyPath: 'id' }).createIndex('account', 'account');
      }
      if (!database.objectStoreNames.contains('known')) {
        database.createObjectStore('known', { keyPath: 'key' }).createIndex('account', 'account');
      }
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
  });
  return opened;
}

/** One request in its own transaction on one store. */
export async function tx<T>(
  store: 'outbox' | 'known',
  mode: IDBTransactionMode,
  work: (store: IDBObjectStore) => IDBRequest<T>,
): Promise<T> {
  const objects = (await db()).transaction(store, mode).objectStore(store);
  return new Promise((resolve, reject) => {
    const request = work(objects);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
  });
}

/** Every record of one account in a store. */
export function ofAccount<T>(store: 'outbox' | 'known', account: string): Promise<T[]> {
  return tx(store, 'readonly', (objects) => objects.index('account').getAll(account) as IDBRequest<T[]>);
}
