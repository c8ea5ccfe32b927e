// Everyone hears (issue 23) in Debian's Chromium: a colleague chooses "each decision as it is
// made" in Settings; an owner on a laptop decides a case "no action" with a reason, and that
// colleague's mail arrives ("Beslist: …"); another colleague, left at the digest at 08:00, gets
// the digest once the moved clock passes 08:00 (Europe/Brussels) the next day; the feed shows
// the decision — its reason, what the customer said, never who — and shows it again without a
// network, with its age; "show older" brings the next page; the mail's List-Unsubscribe link
// asks on a GET and stops the mails on the one-click POST. The feed and Settings are axe clean
// (no violation at all) in nl, fr and en at 360×740 and 1280×800, and photographed.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { request } from 'playwright-core';
import { apiClient, checkEveryScreen, launchBrowser, screenshot, setupPeople, signedInClient, signedInPage, startDecision, startServer } from './harness.mjs';
import { startProxy } from './proxy.mjs';

const locales = new URL('../../pwa/src/locales/', import.meta.url).pathname;
const load = (path) => JSON.parse(readFileSync(join(locales, path), 'utf8'));
// The feed and the choice of mail carry a catalog of their own (src/locales/feed/).
const feed = { nl: load('feed/nl.json'), fr: load('feed/fr.json'), en: load('feed/en.json') };
const text = Object.fromEntries(['nl', 'fr', 'en'].map((lang) => [lang, { ...load(`${lang}.json`), ...feed[lang] }]));
const flat = (s) => s.replace(/\s+/g, ' ');
const ZONE = 'Europe/Brussels';

let server;
let proxy;
let browser;
let admin;
const people = {
  sofie: { email: 'sofie.feed@example.be', name: 'Sofie Maes', lang: 'nl', roles: ['owner'] },
  jan: { email: 'jan.feed@example.be', name: 'Jan De Smet', lang: 'nl' },
  piet: { email: 'piet.feed@example.be', name: 'Piet Peeters', lang: 'nl' },
  mehdi: { email: 'mehdi.feed@example.be', name: 'Mehdi Benali', lang: 'fr' },
  emma: { email: 'emma.feed@example.be', name: 'Emma Wilson', lang: 'en', roles: ['owner'] },
};
const errors = [];
const ids = {};
const TITLE = 'Geen fietsenstalling aan de winkel';
const CUSTOMER = 'Mevrouw Claes';
const FACTS = 'Er is geen plaats om de fiets veilig te zetten aan de winkel.';
const WORDS = 'ik kom dan maar met de auto';
// No accents: the sink's quoted-printable is read byte by byte.
const REASON =
  'We hebben met de gemeente gesproken: het voetpad voor de winkel is van de stad en daar mag geen rek komen. Op het plein om de hoek staan twintig fietsrekken.';
/** How many other decisions come first (more than a page of 20, so "show older" is needed). */
const OTHERS = 21;

/** A signed-in API client for `who`. */
function api(who) {
  return signedInClient(server.url, people[who]);
}

/** A signed-in page for `who` at `width`×`height`, on `url` (the server, or the proxy). */
function signedIn(who, width, height, url = server.url) {
  return signedInPage(browser, url, people[who], text, { width, height, errors });
}

/** Move the server's clock; its time afterwards (epoch seconds). */
async function advance(secs) {
  const client = await apiClient(server.url);
  const { now } = await client.post('/test/clock', { advance_secs: secs });
  await client.dispose();
  return now;
}

/** The wall clock in Brussels at `epoch` seconds. */
function brussels(epoch) {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: ZONE,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).formatToParts(new Date(epoch * 1000));
  const part = (type) => Number(parts.find((p) => p.type === type).value);
  return { y: part('year'), m: part('month'), d: part('day'), h: part('hour'), min: part('minute') };
}

/** Seconds from `now` to 08:30 in Brussels, `days` after today there (DST taken into account). */
function untilHalfPastEight(now, days) {
  const local = brussels(now);
  const offset = Date.UTC(local.y, local.m - 1, local.d, local.h, local.min) / 1000 - (now - (now % 60));
  let target = Date.UTC(local.y, local.m - 1, local.d + days, 8, 30) / 1000 - offset;
  for (const step of [3600, -3600]) {
    if (brussels(target).h !== 8) target += step;
  }
  assert.equal(brussels(target).h, 8, 'found 08:xx in Brussels');
  return target - now;
}

/** Axe finds nothing at all (not only nothing serious) on this page as it is now. */
async function axeClean(page, name) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  assert.deepEqual(
    violations.map((v) => `${name} ${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target).join(', ')}`),
    [],
  );
}

/** The screen's checks at both sizes (harness), and not one axe violation at either. */
async function checkScreen(page, name, lang) {
  await checkEveryScreen(page, name, lang, text);
  await page.setViewportSize({ width: 1280, height: 800 });
  await axeClean(page, `${name}/${lang} at 1280 px`);
  await page.setViewportSize({ width: 360, height: 740 });
  await axeClean(page, `${name}/${lang} at 360 px`);
}

/** Until `check` holds (polling the server), at most 20 s. */
async function until(check, what) {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((ok) => setTimeout(ok, 200));
  }
  throw new Error(`not within 20 s: ${what}`);
}

before(async () => {
  // The server's own jobs release held captures and send digests on its moved clock (which
  // `earshot release-held`, on the system clock, does not follow): both look every second.
  server = await startServer({ EARSHOT_NEWS_CHECK_SECS: '1', EARSHOT_RELEASE_CHECK_SECS: '1' }, ['--test-clock']);
  // The clock moves two hours during the test, then to 08:30 the next morning; started between
  // 04:00 and 09:00 in Brussels, the test could cross 08:00 on its own: move on to 09:00 first.
  const start = await advance(0);
  const hour = brussels(start).h;
  if (hour >= 4 && hour < 9) await advance((9 - hour) * 3600);
  proxy = await startProxy(() => server.url);
  browser = await launchBrowser();
  ({ admin } = await setupPeople(server, people));

  // More than a page of older decisions, each a lone remark decided "no action" through the
  // API, and the remark this test follows.
  const piet = await api('piet');
  const others = [];
  for (let n = 1; n <= OTHERS; n++) {
    const id = crypto.randomUUID();
    await piet.post('/remarks', {
      id,
      customer: { name: `Klant ${n}`, language: 'nl' },
      facts: `Oudere opmerking nummer ${n} over de winkel.`,
      feeling: { level: 'neutral', words: '' },
      place: { kind: 'shop' },
    });
    others.push(id);
  }
  ids.remark = crypto.randomUUID();
  await piet.post('/remarks', {
    id: ids.remark,
    customer: { name: CUSTOMER, language: 'nl', email: 'claes.feed@example.be', consent: true },
    facts: FACTS,
    feeling: { level: 'frustrated', words: WORDS },
    place: { kind: 'shop' },
  });
  await piet.dispose();
  // Held until their hour has ended: the next hour, and the server releases them.
  await advance(3600);
  const sofie = await api('sofie');
  await until(async () => (await sofie.get('/remarks?limit=100')).items.length === OTHERS + 1, 'the captures released');
  for (const [n, remark] of others.entries()) {
    const made = await sofie.post(`/desk/remarks/${remark}/case`, {});
    await sofie.post(`/desk/cases/${made.id}/decision`, {
      version: made.version,
      remarks: made.remarks.map((item) => ({ id: item.remark.id, version: item.version })),
      kind: 'no_action',
      texts: [{ language: 'nl', outcome: `Voor opmerking ${n + 1} doen we voorlopig niets: daar is nu geen geld voor.` }],
    });
  }
  ids.case = (await sofie.post('/desk/cases', { title: TITLE, remarks: [ids.remark] })).id;
  await sofie.dispose();
  // The decision this test follows comes an hour later still, so it is the newest (within an
  // hour the feed's order is the decisions' random ids).
  await advance(3600);
});

after(async () => {
  await browser?.close();
  await proxy?.close();
  await admin?.dispose();
  await server?.stop();
  assert.deepEqual(errors, [], 'no script errors on any page');
});

test('the feed catalogs hold every key the screens name', () => {
  const src = new URL('../../pwa/src/', import.meta.url).pathname;
  const sources = (dir) =>
    readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return sources(path);
      return /\.(ts|tsx)$/.test(name) && !name.endsWith('.test.ts') ? [readFileSync(path, 'utf8')] : [];
    });
  const code = sources(src).join('\n');
  const named = [...code.matchAll(/\b(?:tf|tfAround)\(\s*'([a-z_]+\.[a-z_.]+)'/g), ...code.matchAll(/'((?:feed|news)\.[a-z_]+(?:\.[a-z_]+)*)'/g)].map(
    (m) => m[1],
  );
  assert.ok(named.length > 40, `found ${named.length} feed keys in the code`);
  assert.deepEqual([...new Set(named)].filter((key) => !(key in feed.nl)), []);
});

test('a colleague chooses each decision as it is made; a refusal keeps the choice and says why', async () => {
  const { context, page } = await signedIn('jan', 360, 740);
  const T = text.nl;
  await page.getByTestId('nav-settings').click();
  const section = page.getByTestId('news-settings');
  await section.getByRole('radio', { name: T['news.staff.digest'] }).waitFor();
  assert.ok(await section.getByRole('radio', { name: T['news.staff.digest'] }).isChecked(), 'the digest by default');
  assert.equal(await page.getByLabel(T['news.hour']).inputValue(), '8');
  assert.equal(await page.getByLabel(T['news.hour']).locator('option:checked').innerText(), '08:00');
  assert.equal(await section.getByRole('group', { name: T['news.owner_legend'] }).count(), 0, 'no owners\' alerts for a colleague');
  await checkScreen(page, 'settings-news', 'nl');

  // A refusal (the server's own words, here made up by the test on the way back): the field
  // says it, and nothing chosen is lost.
  await page.getByLabel(T['news.hour']).selectOption('7');
  const refusal = 'Kies een uur van 0 tot 23.';
  await page.route('**/api/v1/me/news', (route) =>
    route.request().method() === 'PUT'
      ? route.fulfill({
          status: 422,
          contentType: 'application/problem+json',
          body: JSON.stringify({
            type: 'urn:earshot:problem:invalid-body',
            title: 'Kijk de velden na.',
            status: 422,
            errors: [{ pointer: '/digest_hour', code: 'invalid_value', detail: refusal }],
          }),
        })
      : route.continue(),
  );
  await page.getByTestId('news-save').click();
  await section.locator('#news-digest-hour-error', { hasText: refusal }).waitFor();
  assert.equal(await page.getByLabel(T['news.hour']).getAttribute('aria-invalid'), 'true');
  assert.equal(await page.getByLabel(T['news.hour']).inputValue(), '7', 'the hour chosen stays');
  assert.ok(await section.getByRole('radio', { name: T['news.staff.digest'] }).isChecked());
  await axeClean(page, 'settings-news-refused/nl');
  await screenshot(page, 'settings-news-refused', 'nl');
  await page.unroute('**/api/v1/me/news');

  // Each decision as it is made: saved, and said so.
  await section.getByRole('radio', { name: T['news.staff.each'] }).check();
  assert.equal(await page.getByLabel(T['news.hour']).count(), 0, 'the hour only with the digest');
  await page.getByTestId('news-save').click();
  await page.getByTestId('news-saved').filter({ hasText: T['news.saved_each'] }).waitFor();
  assert.equal(await page.getByTestId('news-save').isEnabled(), true);
  await checkScreen(page, 'settings-news-saved', 'nl');
  await context.close();
  const jan = await api('jan');
  assert.deepEqual(await jan.get('/me/news'), { staff_mail: 'each', digest_hour: 7, owner_alerts: 'each', slip_hours: 24 });
  await jan.dispose();
});

test('an owner decides "no action" with a reason; the colleague who chose so gets the mail', async () => {
  const { context, page } = await signedIn('sofie', 1280, 800);
  await startDecision(page, server.url, ids.case, 'no_action', REASON);
  await page.getByTestId('decision-mail').getByText(/twintig fietsrekken/).first().waitFor();
  await page.getByTestId('decision-submit').click();
  await page.getByTestId('decision-current').getByText(/twintig fietsrekken/).waitFor();
  await context.close();

  const { text: mail } = await server.mailFor(people.jan.email, new RegExp(`^Subject: Beslist: ${TITLE}`, 'm'));
  assert.match(flat(mail), /twintig fietsrekken/, 'the reason is in the mail');
  assert.match(flat(mail), /Beslist door Sofie Maes/);
  assert.ok(!mail.includes(CUSTOMER) && !mail.includes('claes.feed@'), 'never the customer');
  assert.ok(!mail.includes(people.piet.name), 'never who heard it');
  assert.match(mail, /^List-Unsubscribe-Post:\s*List-Unsubscribe=One-Click/m);
  const header = /^List-Unsubscribe:\s*<([^>]+)>/m.exec(mail);
  assert.ok(header, 'a List-Unsubscribe header');
  ids.unsubscribe = header[1].replace(/\s+/g, '');
});

test('the feed shows the decision, with its reason and what the customer said, offline too', async () => {
  const { context, page } = await signedIn('jan', 360, 740, proxy.url);
  const T = text.nl;
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  await page.getByTestId('nav-feed').click();
  await page.getByRole('heading', { level: 1, name: T['nav.feed'] }).waitFor();
  const card = page.getByTestId('feed-item').filter({ hasText: TITLE });
  await card.waitFor();
  assert.equal(await page.getByTestId('feed-item').first().getAttribute('data-id'), await card.getAttribute('data-id'), 'newest first');
  const shown = flat(await card.innerText());
  for (const words of [T['feed.kind.no_action'], T['feed.outcome.no_action'], 'twintig fietsrekken', FACTS, WORDS, T['feeling.frustrated'], 'Sofie Maes']) {
    assert.ok(shown.includes(words), `the card says "${words}"`);
  }
  assert.ok(!shown.includes(CUSTOMER) && !shown.includes(people.piet.name), 'no customer name, no messenger');
  const figures = flat(await page.getByTestId('feed-figures').innerText());
  assert.ok(figures.includes(T['feed.figures.title']));
  assert.match(figures, /(\d+ beslissingen|Eén beslissing)/);
  assert.match(figures, /(\d+ % van de klanten|nog geen klant)/);

  // Older decisions page by page.
  assert.equal(await page.getByTestId('feed-item').count(), 20);
  await page.getByTestId('feed-older').click();
  await page.getByTestId('feed-item').nth(OTHERS).waitFor();
  assert.equal(await page.getByTestId('feed-item').count(), OTHERS + 1);
  assert.equal(await page.getByTestId('feed-older').count(), 0, 'nothing older left');
  await checkScreen(page, 'feed', 'nl');

  // No network: the copy kept on the phone, with its age.
  proxy.down();
  await page.reload();
  await page.getByRole('status').filter({ hasText: T['known.offline'].split(':')[0] }).waitFor();
  await page.getByTestId('feed-item').filter({ hasText: 'twintig fietsrekken' }).waitFor();
  assert.equal(await page.getByTestId('feed-older').count(), 0, 'no "older" without a network');
  await axeClean(page, 'feed-offline/nl');
  await screenshot(page, 'feed-offline', 'nl');
  proxy.up();
  await context.close();
});

test('the feed and the choice of mail in French and English, an owner with the alerts', async () => {
  for (const [who, lang] of [
    ['mehdi', 'fr'],
    ['emma', 'en'],
    ['sofie', 'nl'],
  ]) {
    const T = text[lang];
    const { context, page } = await signedIn(who, 360, 740);
    if (lang !== 'nl') {
      await page.goto(`${server.url}/feed`);
      await page.getByTestId('feed-item').filter({ hasText: 'twintig fietsrekken' }).waitFor();
      assert.ok((await page.getByTestId('feed-item').first().innerText()).includes(T['feed.kind.no_action']));
      await checkScreen(page, 'feed', lang);
    }
    await page.goto(`${server.url}/settings`);
    const section = page.getByTestId('news-settings');
    await section.getByRole('radio', { name: T['news.staff.each'] }).waitFor();
    const owner = people[who].roles?.includes('owner');
    assert.equal(await section.getByRole('group', { name: T['news.owner_legend'] }).count(), owner ? 1 : 0);
    if (owner) {
      // An owner's alerts "in my digest" (then back as they come, so the test's mails stay).
      // with slipping promises two days ahead; "no mail" hides the hours.
      await section.getByRole('radio', { name: T['news.owner.none'] }).check();
      assert.equal(await page.getByTestId('news-slip-hours').count(), 0, 'no hours without alerts');
      await section.getByRole('radio', { name: T['news.owner.digest'] }).check();
      const slip = page.getByLabel(T['news.slip']);
      assert.equal(await slip.inputValue(), '24', 'a day ahead by default');
      await slip.selectOption('48');
      assert.equal(await slip.locator('option:checked').innerText(), T['news.slip.days'].replace('{days}', '2'));
      await page.getByTestId('news-save').click();
      await page.getByTestId('news-saved').waitFor();
      const client = await api(who);
      const saved = await client.get('/me/news');
      assert.deepEqual([saved.owner_alerts, saved.slip_hours], ['digest', 48]);
      await client.put('/me/news', { staff_mail: 'digest', digest_hour: 8, owner_alerts: 'each' });
      await client.dispose();
    }
    await checkScreen(page, owner ? 'settings-news-owner' : 'settings-news', lang);
    await context.close();
  }
});

test('the colleague left at the digest gets it after 08:00 the next day; the one who chose each does not', async () => {
  const now = await advance(0);
  const days = brussels(now).h >= 8 ? 1 : 0;
  const moved = await advance(untilHalfPastEight(now, days));
  assert.equal(brussels(moved).h, 8);
  const { text: digest } = await server.mailFor(people.piet.email, /^Subject: Wat er werd van wat we hoorden/m);
  const plain = flat(digest);
  assert.ok(plain.includes(TITLE) && plain.includes('twintig fietsrekken'), 'the decision is in the digest');
  assert.match(plain, /Open earshot: misschien wacht er iets op je\./, 'the one fixed line');
  assert.ok(!plain.includes(CUSTOMER), 'never the customer');
  assert.match(digest, /^List-Unsubscribe:\s*</m);
  // Jan chose each decision as it is made: no digest for him (the others' came meanwhile).
  await server.mailFor(people.sofie.email, /^Subject: Wat er werd van wat we hoorden/m);
  await assert.rejects(server.mailFor(people.jan.email, /^Subject: Wat er werd van wat we hoorden/m), /no mail/);
});

test("the decision mail's List-Unsubscribe: a GET asks and changes nothing, the one-click POST stops the mails", async () => {
  // The link is on the server's public_url: sent to this test's server instead.
  const link = new URL(new URL(ids.unsubscribe).pathname, server.url).href;
  const reader = await browser.newContext({ javaScriptEnabled: false, locale: 'nl' });
  const asking = await reader.newPage();
  assert.equal((await asking.goto(link)).status(), 200);
  await asking.getByRole('button').first().waitFor();
  await asking.setViewportSize({ width: 360, height: 740 });
  await asking.screenshot({ path: new URL('../../test-artifacts/screenshots/unsubscribe-ask-nl.png', import.meta.url).pathname });
  await reader.close();
  // Axe runs its script in the page: a context with script, on the same (script-free) page.
  const checker = await browser.newContext({ locale: 'nl' });
  const checked = await checker.newPage();
  await checked.goto(link);
  await axeClean(checked, 'unsubscribe-ask/nl');
  await checker.close();
  let jan = await api('jan');
  assert.equal((await jan.get('/me/news')).staff_mail, 'each', 'a GET changed nothing');
  await jan.dispose();

  // The mail program's one-click POST (RFC 8058).
  const mailProgram = await request.newContext();
  const res = await mailProgram.post(link, {
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    data: 'List-Unsubscribe=One-Click',
  });
  assert.equal(res.status(), 200);
  await mailProgram.dispose();
  jan = await api('jan');
  assert.equal((await jan.get('/me/news')).staff_mail, 'none', 'no more mail about decisions');
  await jan.dispose();

  // And Settings says so.
  const { context, page } = await signedIn('jan', 360, 740);
  await page.goto(`${server.url}/settings`);
  const none = page.getByTestId('news-settings').getByRole('radio', { name: text.nl['news.staff.none'] });
  await none.waitFor();
  assert.ok(await none.isChecked());
  await context.close();
});
