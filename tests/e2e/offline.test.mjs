// Offline first, against the real binary behind a loopback proxy the test controls: captures
// made without network survive closing the app and are sent once when it returns; a response
// lost after the server committed is retried into one row; a server killed while a backlog of
// 20 is sending loses and doubles nothing; a refused capture stays, is fixed and sent; a new
// version taking over loses nothing that waits.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { apiClient, launchBrowser, PASSWORD, persistentPhone, setupPeople, startServer } from './harness.mjs';
import { startProxy } from './proxy.mjs';

const nl = JSON.parse(readFileSync(new URL('../../pwa/src/locales/nl.json', import.meta.url), 'utf8'));
const jan = { email: 'jan.offline@example.be', name: 'Jan Offline', lang: 'nl' };
const sofie = { email: 'sofie.offline@example.be', name: 'Sofie Offline', lang: 'nl', roles: ['owner'] };
// Short waits instead of 1–30 s, so the suite runs in seconds.
const TIMING = { spacing: [50, 150], tick: 300, backoff: 200, request: 3000 };

let server;
let proxy;
let profile;
let phone;
const errors = [];

async function open() {
  phone = await persistentPhone(profile, 'nl', TIMING);
  phone.page.on('pageerror', (err) => errors.push(err.message));
  return phone.page;
}

/** The API, signed in as `email` (the admin by default). */
async function signedInApi(email = 'anna@example.be') {
  const api = await apiClient(server.url);
  await api.post('/session', { email, password: PASSWORD });
  return api;
}

/** Every remark on the server whose facts carry `tag`. */
async function remarksTagged(tag) {
  // Held until their hour ends: released now, as the server does at the hour.
  server.command('release-held', '--now');
  const api = await signedInApi();
  const { items } = await api.get(`/remarks?limit=100&q=${encodeURIComponent(tag)}`);
  await api.dispose();
  return items.map((item) => item.facts);
}

/** Fill the capture form quickly and send it; the app answers "sent" or "saved". */
async function capture(page, facts, day) {
  await page.getByLabel(nl['capture.customer_name']).fill('Klant Offline');
  await page.getByRole('radio', { name: nl['place.shop'] }).check();
  await page.getByRole('radio', { name: nl['feeling.neutral'] }).check();
  await page.getByLabel(nl['capture.facts']).fill(facts);
  if (day) {
    await page.getByRole('button', { name: nl['capture.other_day'] }).click();
    await page.getByLabel(nl['capture.day']).fill(day);
  }
  await page.getByRole('button', { name: nl['capture.submit'] }).click();
  const outcome = page.getByRole('status').filter({ hasText: new RegExp(`${nl['capture.sent']}|${nl['capture.saved']}`) });
  await outcome.waitFor();
  const text = await outcome.innerText();
  await page.getByRole('button', { name: nl['capture.another'] }).click();
  return text === nl['capture.sent'] ? 'sent' : 'saved';
}

/** Wait until the capture tab's badge counts `n` unsent items (it updates after IndexedDB). */
async function unsentBadge(page, n) {
  await page.locator('.badge.unsent', { hasText: new RegExp(`^${n}$`) }).waitFor();
}

/** In the page: every item in the app's outbox (IndexedDB), or null when it cannot be read. */
function readOutbox() {
  return new Promise((resolve) => {
    const open = indexedDB.open('earshot');
    open.onerror = () => resolve(null);
    open.onsuccess = () => {
      const db = open.result;
      if (!db.objectStoreNames.contains('outbox')) return db.close(), resolve(null);
      const all = db.transaction('outbox').objectStore('outbox').getAll();
      all.onsuccess = () => (db.close(), resolve(all.result));
      all.onerror = () => (db.close(), resolve(null));
    };
  });
}

/** Wait until nothing waits in this phone's outbox: its IndexedDB store holds no item that is
 * not refused, and the capture tab's badge is gone. (The badge alone is not enough: right after a
 * reload it is absent until the app has read the outbox.) */
async function outboxEmpty(page) {
  await page.waitForFunction(`(${readOutbox})().then((items) => items !== null && items.every((item) => item.refused))`, undefined, {
    polling: 100,
    timeout: 30_000,
  });
  await page.locator('.badge.unsent').waitFor({ state: 'detached', timeout: 30_000 });
}

before(async () => {
  server = await startServer();
  proxy = await startProxy(() => server.url);
  await setupPeople(server, { jan, sofie });
  profile = mkdtempSync(join(tmpdir(), 'earshot-phone-'));
  const page = await open();
  await page.goto(`${proxy.url}/sign-in`);
  await page.getByLabel(nl['signin.email']).fill(jan.email);
  await page.getByLabel(nl['signin.password']).fill(PASSWORD);
  await page.getByRole('button', { name: nl['signin.submit'], exact: true }).click();
  await page.getByRole('heading', { name: nl['capture.title'] }).waitFor();
  // The service worker controls the page: the shell is cached.
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
});

after(async () => {
  await phone?.context.close();
  await proxy?.close();
  await server?.stop();
  if (profile) rmSync(profile, { recursive: true, force: true });
  assert.deepEqual(errors, [], 'no script errors');
});

test('three captures without network survive closing the app and arrive once each', async () => {
  let page = phone.page;
  proxy.down();
  for (const n of [1, 2, 3]) assert.equal(await capture(page, `Zwaluw ${n}: zonder netwerk genoteerd`), 'saved');
  await unsentBadge(page, 3);
  await phone.context.close();

  // Reopened with the network still gone: the app starts from the service worker's cache.
  page = await open();
  const started = Date.now();
  await page.goto(proxy.url);
  await page.getByRole('heading', { name: nl['capture.title'] }).waitFor();
  console.log(`offline reopen to the capture screen: ${Date.now() - started} ms`);
  const waiting = page.locator('.outbox > ul > li');
  await waiting.nth(2).waitFor();
  assert.equal(await waiting.count(), 3);

  proxy.up();
  await outboxEmpty(page);
  const facts = await remarksTagged('zwaluw');
  assert.deepEqual(facts.sort(), [1, 2, 3].map((n) => `Zwaluw ${n}: zonder netwerk genoteerd`));
});

test('a response lost after the server committed is retried into one remark', async () => {
  const page = phone.page;
  const mark = proxy.log.length;
  // Two answers cut: Chromium itself resends a request once when a reused connection dies, so
  // the second cut makes sure the app's own sender has to try again.
  proxy.dropResponses(2, (req) => req.method === 'POST' && req.url === '/api/v1/remarks');
  assert.equal(await capture(page, 'Merel: het antwoord ging verloren'), 'saved');
  await outboxEmpty(page);
  assert.equal(proxy.counts.dropped, 2, 'two answers were cut');
  const sends = proxy.log.slice(mark).filter((line) => line === 'POST /api/v1/remarks').length;
  assert.ok(sends >= 3, `sent ${sends} times`);
  assert.deepEqual(await remarksTagged('merel'), ['Merel: het antwoord ging verloren']);
});

test('the server is killed while a backlog of 20 is sending, and started again: 20 remarks, none twice', async () => {
  const page = phone.page;
  proxy.down();
  for (let n = 1; n <= 20; n++) await capture(page, `Spreeuw ${n} in de achterstand`);
  await unsentBadge(page, 20);
  const mark = proxy.log.length;
  const posted = () => proxy.log.slice(mark).filter((line) => line === 'POST /api/v1/remarks').length;
  proxy.up();
  // Some have gone through; then the server dies mid-backlog.
  while (posted() < 5) await new Promise((ok) => setTimeout(ok, 20));
  await server.kill();
  assert.ok(posted() < 20, `killed mid-backlog (after ${posted()} sends)`);
  await server.restart();
  await outboxEmpty(page);
  const facts = await remarksTagged('spreeuw');
  assert.equal(facts.length, 20, `20 rows, got ${facts.length}`);
  assert.equal(new Set(facts).size, 20, 'none twice');
});

test('two tabs, one sender: a backlog of 6 is sent once, not once per tab', async () => {
  const page = phone.page;
  const second = await phone.context.newPage();
  await second.goto(proxy.url);
  await second.getByRole('heading', { name: nl['capture.title'] }).waitFor();
  // Typing happens in the first tab, brought to the front (a tab behind renders slowly).
  await page.bringToFront();
  proxy.down();
  for (let n = 1; n <= 6; n++) await capture(page, `Mees ${n} met twee tabbladen`);
  const mark = proxy.log.length;
  proxy.up();
  await outboxEmpty(page);
  await outboxEmpty(second);
  const posts = proxy.log.slice(mark).filter((line) => line === 'POST /api/v1/remarks').length;
  assert.equal(posts, 6, 'each remark sent once');
  assert.equal((await remarksTagged('mees')).length, 6);
  await second.close();
});

test('an incomplete capture without network is refused on the phone, with the reasons by the fields', async () => {
  const page = phone.page;
  proxy.down();
  await page.getByLabel(nl['capture.customer_name']).fill('Klant Onvolledig');
  await page.getByLabel(nl['capture.facts']).fill('Onvolledig: de parking was vol');
  await page.getByRole('button', { name: nl['capture.submit'] }).click();
  await page.locator('.error-summary').waitFor();
  assert.equal(await page.locator('#feeling-error').innerText(), nl['check.field-feeling']);
  assert.equal(await page.locator('#place-error').innerText(), nl['check.field-place']);
  const queued = await page.evaluate(`(${readOutbox})()`);
  assert.deepEqual(queued, [], 'nothing was queued');
  // Told while the customer is there: completed, it is kept for sending.
  await page.getByRole('radio', { name: nl['place.shop'] }).check();
  await page.getByRole('radio', { name: nl['feeling.neutral'] }).check();
  await page.getByRole('button', { name: nl['capture.submit'] }).click();
  await page.getByText(nl['capture.saved']).waitFor();
  // My remarks shows it too, as still on the phone — not "you have noted nothing yet".
  await page.locator('nav a[href="/mine"]').click();
  const unsent = page.locator('.card.unsent', { hasText: 'Onvolledig: de parking was vol' });
  await unsent.waitFor();
  assert.ok((await unsent.innerText()).includes(nl['mine.capture_waiting']));
  await page.locator('nav a[href="/"]').click();
  proxy.up();
  await outboxEmpty(page);
  assert.deepEqual(await remarksTagged('onvolledig'), ['Onvolledig: de parking was vol']);
});

test('a capture the server refuses later stays visible with its reason, is fixed, and is sent', async () => {
  const page = phone.page;
  // A topic on offer when the phone last looked, archived while the capture waited.
  const admin = await signedInApi();
  const labels = { nl: 'Parking', fr: 'Parking', en: 'Parking' };
  const topic = await admin.post('/topics', { labels });
  await page.reload();
  await page.getByLabel(nl['capture.topic']).waitFor();
  proxy.down();
  await page.getByLabel(nl['capture.customer_name']).fill('Klant Offline');
  await page.getByRole('radio', { name: nl['place.shop'] }).check();
  await page.getByRole('radio', { name: nl['feeling.neutral'] }).check();
  await page.getByLabel(nl['capture.facts']).fill('Vink: de parking was vol');
  await page.getByLabel(nl['capture.topic']).selectOption(topic.id);
  await page.getByRole('button', { name: nl['capture.submit'] }).click();
  await page.getByText(nl['capture.saved']).waitFor();
  await admin.put(`/topics/${topic.id}`, { labels, position: topic.position, archived: true });
  await admin.dispose();
  proxy.up();
  const refused = page.locator('.outbox > ul > li.refused');
  await refused.waitFor({ timeout: 30_000 });
  assert.ok((await refused.innerText()).includes(nl['outbox.refused']));
  await refused.getByRole('button', { name: nl['outbox.fix'] }).click();
  await page.locator('#topic-error').waitFor();
  assert.equal(await page.getByLabel(nl['capture.facts']).inputValue(), 'Vink: de parking was vol');
  await page.getByLabel(nl['capture.topic']).selectOption('');
  await page.getByRole('button', { name: nl['capture.submit'] }).click();
  await page.getByText(nl['capture.sent']).waitFor();
  await page.getByRole('button', { name: nl['capture.another'] }).click();
  await outboxEmpty(page);
  assert.deepEqual(await remarksTagged('vink'), ['Vink: de parking was vol']);
});

test('an answer written without network waits in the outbox and reaches the owner once', async () => {
  const page = phone.page;
  assert.equal(await capture(page, 'Kievit: een vraag volgt'), 'sent');
  server.command('release-held', '--now');
  const owner = await signedInApi(sofie.email);
  const [remark] = (await owner.get('/remarks?q=kievit')).items;
  await owner.post(`/remarks/${remark.id}/questions`, { text: 'Welk product was het?' });

  await page.getByRole('navigation').getByRole('link', { name: new RegExp(`^${nl['tab.mine']}`) }).click();
  const card = page.locator('.card.waiting');
  await card.getByText('Welk product was het?').waitFor();
  proxy.down();
  await card.getByLabel(nl['mine.answer']).fill('Het volkorenbrood');
  await card.getByRole('button', { name: nl['mine.send_answer'] }).click();
  await page.getByText(nl['mine.answer_saved']).waitFor();
  await page.getByText(nl['mine.answer_waiting']).waitFor();
  proxy.up();
  await outboxEmpty(page);
  const thread = await owner.get(`/remarks/${remark.id}/thread`);
  await owner.dispose();
  assert.deepEqual(
    thread.map((m) => [m.author, m.text]),
    [
      ['owner', 'Welk product was het?'],
      ['messenger', 'Het volkorenbrood'],
    ],
  );
});

test('what came in and my remarks open without network, showing what they last knew and its age', async () => {
  const page = phone.page;
  const tab = (name) => page.getByRole('navigation').getByRole('link', { name: new RegExp(`^${name.replace(/\u00ad/g, '\u00ad?')}`) });
  await tab(nl['tab.came_in']).click();
  // Newest first only to the hour (no exact times are kept): any remark of the first page will do.
  const seen = await page.locator('.card .facts').first().innerText();
  await tab(nl['tab.mine']).click();
  await page.locator('.card', { hasText: 'Kievit' }).waitFor();
  proxy.down();
  const stale = nl['known.offline'].split(':')[0];
  await tab(nl['tab.came_in']).click();
  await page.getByRole('status').filter({ hasText: stale }).waitFor();
  await page.locator('.card', { hasText: seen }).waitFor();
  await tab(nl['tab.mine']).click();
  await page.getByRole('status').filter({ hasText: stale }).waitFor();
  await page.locator('.card', { hasText: 'Het volkorenbrood' }).waitFor();
  proxy.up();
});

test('a new version takes over while captures wait: nothing lost, none twice, the next screen is the new version', async (t) => {
  const page = phone.page;
  // A page the service worker served (as every start after the first is).
  await page.goto(proxy.url);
  await page.getByRole('heading', { name: nl['capture.title'] }).waitFor();
  assert.ok(await page.evaluate(() => Boolean(navigator.serviceWorker.controller)), 'a service worker controls the page');
  const shells = await page.evaluate(() => caches.keys());
  assert.equal(shells.length, 1, `one shell cache: ${shells}`);
  // The API cannot be reached (a gateway refuses it): the captures wait in the outbox.
  proxy.refuse((req) => req.url.startsWith('/api/'));
  t.after(() => proxy.refuse(null));
  for (const n of [1, 2]) assert.equal(await capture(page, `Grutto ${n}: wacht op een nieuwe versie`), 'saved');
  await unsentBadge(page, 2);
  // A new version is deployed (the same files under a new service-worker version) and stays.
  proxy.alter(
    (req) => req.url === '/sw.js',
    (body) => body.replace(/const VERSION = '([^']+)'/, "const VERSION = '$1-next'"),
  );
  await page.evaluate(async () => {
    let taken = false;
    const change = new Promise((resolve) =>
      navigator.serviceWorker.addEventListener('controllerchange', () => resolve((taken = true)), { once: true }),
    );
    // The new worker precaches the whole shell (cache: 'reload', through the proxy) before it
    // takes over: seconds here, but a busy CI machine took over 15. An update check may also
    // join one the browser had already begun with the old script, which finds nothing new:
    // check again every 2 s until the new worker takes over.
    const deadline = Date.now() + 45_000;
    while (!taken) {
      if (Date.now() > deadline) throw new Error('no new service worker within 45 s');
      await (await navigator.serviceWorker.getRegistration()).update().catch(() => undefined);
      await Promise.race([change, new Promise((resolve) => setTimeout(resolve, 2_000))]);
    }
  });
  // The new version controls the page at once; the old cache goes when its activation ends.
  await page.waitForFunction((next) => caches.keys().then((keys) => keys.join() === next), `${shells[0]}-next`, {
    polling: 100,
    timeout: 15_000,
  });
  // The next screen is loaded afresh from the new version, not by the old page's code.
  await page.evaluate(() => (window.earshotOldPage = true));
  await page.getByRole('navigation').getByRole('link', { name: nl['tab.settings'] }).click();
  await page.getByRole('heading', { name: nl['settings.title'] }).waitFor();
  assert.equal(await page.evaluate(() => window.earshotOldPage), undefined, 'a fresh page');
  await unsentBadge(page, 2);
  // The way is open again; the phone says it is online (as it does when a network returns), so
  // the back-off built up while refused is not waited out.
  proxy.refuse(null);
  await page.evaluate(() => dispatchEvent(new Event('online')));
  await outboxEmpty(page);
  assert.deepEqual(
    (await remarksTagged('grutto')).sort(),
    [1, 2].map((n) => `Grutto ${n}: wacht op een nieuwe versie`),
  );
});

test('a screen whose file cannot be loaded says so and offers to try again', async (t) => {
  // A browser without the service worker's cache, so the screen's chunk comes from the network.
  const browser = await launchBrowser();
  t.after(() => browser.close());
  const context = await browser.newContext({ locale: 'nl', serviceWorkers: 'block' });
  const page = await context.newPage();
  await page.goto(`${proxy.url}/sign-in`);
  await page.getByLabel(nl['signin.email']).fill(jan.email);
  await page.getByLabel(nl['signin.password']).fill(PASSWORD);
  await page.getByRole('button', { name: nl['signin.submit'], exact: true }).click();
  await page.getByRole('heading', { name: nl['capture.title'] }).waitFor();
  proxy.refuse((req) => /^\/assets\/CameIn-/.test(req.url));
  t.after(() => proxy.refuse(null));
  await page.locator('nav a[href="/came-in"]').click();
  await page.getByRole('alert').filter({ hasText: nl['common.offline_start'] }).waitFor();
  proxy.refuse(null);
  await page.getByRole('button', { name: nl['common.retry'] }).click();
  await page.getByRole('heading', { name: nl['came_in.title'] }).waitFor();
});

test('back after a long time offline, the access has lapsed: the outbox renews the session and sends', async () => {
  const page = phone.page;
  await page.getByRole('navigation').getByRole('link', { name: nl['tab.capture'] }).click();
  proxy.down();
  assert.equal(await capture(page, 'Wulp: lang zonder netwerk'), 'saved');
  // A week later the browser has dropped the 15-minute access cookie; the 30-day refresh cookie
  // is still there — exactly what the phone holds when it comes back.
  await phone.context.clearCookies({ name: 'earshot_access' });
  const mark = proxy.log.length;
  proxy.up();
  await outboxEmpty(page);
  const renewed = proxy.log.slice(mark);
  assert.ok(renewed.includes('POST /api/v1/session/refresh'), `the session was renewed: ${renewed.join(', ')}`);
  assert.deepEqual(await remarksTagged('wulp'), ['Wulp: lang zonder netwerk']);
});

test('when the session truly ended, the outbox waits for sign-in and then sends', async () => {
  const page = phone.page;
  await page.getByRole('navigation').getByRole('link', { name: nl['tab.capture'] }).click();
  proxy.down();
  assert.equal(await capture(page, 'Reiger: de sessie was voorbij'), 'saved');
  // The session is gone (both tokens), as after 30 days or a reset elsewhere.
  await phone.context.clearCookies();
  proxy.up();
  await page.reload();
  await page.getByRole('heading', { name: nl['signin.title'] }).waitFor();
  assert.deepEqual(await remarksTagged('reiger'), [], 'nothing was sent without a session');
  await page.getByLabel(nl['signin.email']).fill(jan.email);
  await page.getByLabel(nl['signin.password']).fill(PASSWORD);
  await page.getByRole('button', { name: nl['signin.submit'], exact: true }).click();
  await page.getByRole('heading', { name: nl['capture.title'] }).waitFor();
  await outboxEmpty(page);
  assert.deepEqual(await remarksTagged('reiger'), ['Reiger: de sessie was voorbij']);
});

test('sign-out warns while something waits, and clears it only when the person agrees', async () => {
  const page = phone.page;
  await page.getByRole('navigation').getByRole('link', { name: nl['tab.capture'] }).click();
  proxy.down();
  assert.equal(await capture(page, 'Uil: wacht bij het afmelden'), 'saved');
  await page.goto(`${proxy.url}/settings`);
  // The question comes after the app has counted the outbox: wait for it, not for a frame. (It
  // is answered at once: a click does not return while a dialog is open.)
  const asked = new Promise((resolve) =>
    page.once('dialog', (dialog) => {
      resolve(dialog.message());
      void dialog.dismiss();
    }),
  );
  await page.getByRole('button', { name: nl['settings.sign_out'] }).click();
  const question = await asked;
  assert.ok(question.includes('1'), question);
  await page.getByRole('button', { name: nl['settings.sign_out'] }).waitFor();
  assert.equal(await page.locator('.badge.unsent').innerText(), '1', 'still there after "no"');
  proxy.up();
  page.once('dialog', (dialog) => void dialog.accept());
  // Online again the outbox may send it first; either way the person ends signed out with an
  // empty outbox.
  await page.getByRole('button', { name: nl['settings.sign_out'] }).click();
  await page.getByRole('heading', { name: nl['signin.title'] }).waitFor();
  assert.deepEqual(await page.evaluate(readOutbox), [], 'the outbox is empty after sign-out');
});

test('after a password reset, a capture the server already holds is taken as arrived', async () => {
  const page = phone.page;
  // The test before ended signed out.
  await page.goto(`${proxy.url}/sign-in`);
  await page.getByLabel(nl['signin.email']).fill(jan.email);
  await page.getByLabel(nl['signin.password']).fill(PASSWORD);
  await page.getByRole('button', { name: nl['signin.submit'], exact: true }).click();
  await page.getByRole('heading', { name: nl['capture.title'] }).waitFor();
  // Every answer to a capture is lost: the server stores it, the phone never hears so.
  proxy.dropResponses(1_000, (req) => req.method === 'POST' && req.url === '/api/v1/remarks');
  assert.equal(await capture(page, 'Specht: eerst verloren, dan een nieuw wachtwoord'), 'saved');
  const deadline = Date.now() + 15_000;
  while ((await remarksTagged('specht')).length === 0 && Date.now() < deadline) await new Promise((ok) => setTimeout(ok, 100));
  assert.deepEqual(await remarksTagged('specht'), ['Specht: eerst verloren, dan een nieuw wachtwoord']);
  // Jan resets the password by mail: every session ends, and a new messenger epoch begins, so
  // the server no longer tells Jan's new session that this remark is Jan's.
  const fresh = 'nieuwe lantaarn walvis november';
  const client = await apiClient(server.url);
  await client.post('/password-reset', { email: jan.email });
  await client.post('/password-reset/complete', { token: await server.linkTokenFor(jan.email), password: fresh });
  await client.dispose();
  proxy.dropResponses(0, () => false);
  await page.reload();
  await page.getByRole('heading', { name: nl['signin.title'] }).waitFor();
  await page.getByLabel(nl['signin.email']).fill(jan.email);
  await page.getByLabel(nl['signin.password']).fill(fresh);
  await page.getByRole('button', { name: nl['signin.submit'], exact: true }).click();
  await page.getByRole('heading', { name: nl['capture.title'] }).waitFor();
  // The resend is answered "already captured": gone from the outbox, not refused, and still one.
  await page.waitForFunction(`(${readOutbox})().then((items) => items !== null && items.length === 0)`, undefined, {
    polling: 100,
    timeout: 30_000,
  });
  await page.locator('.badge.unsent').waitFor({ state: 'detached', timeout: 30_000 });
  assert.deepEqual(await remarksTagged('specht'), ['Specht: eerst verloren, dan een nieuw wachtwoord']);
});
