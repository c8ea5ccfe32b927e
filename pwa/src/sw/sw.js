// The service worker: the app shell from its cache, so the app opens at once without a network;
// never the API (answers are not cached — last-known data lives in IndexedDB, per account).
// A new version takes over at once: nothing waiting is lost, the outbox is in IndexedDB.
// `__VERSION__` and `__PRECACHE__` are filled in by the build (vite.config.ts).
const VERSION = '__VERSION__';
const PRECACHE = __PRECACHE__;
const CACHE = `earshot-shell-${VERSION}`;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(PRECACHE.map((url) => new Request(url, { cache: 'reload' }))))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((key) => key.startsWith('earshot-shell-') && key !== CACHE).map((key) => caches.delete(key))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin || url.pathname.startsWith('/api/')) return;
  if (request.mode === 'navigate') {
    event.respondWith(caches.match('/index.html', { cacheName: CACHE }).then((shell) => shell ?? fetch(request)));
    return;
  }
  event.respondWith(caches.match(request, { cacheName: CACHE }).then((hit) => hit ?? fetch(request)));
});

// Background Sync, where the browser has it: wake the app's own sender (one at a time, by lock).
self.addEventListener('sync', (event) => {
  if (event.tag !== 'earshot-outbox') return;
  event.waitUntil(self.clients.matchAll({ type: 'window' }).then((clients) => clients.forEach((client) => client.postMessage('flush'))));
});
