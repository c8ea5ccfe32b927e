// The owner's desk in Debian's Chromium (issue 19): an owner on a laptop and one on a phone take
// a remark from the inbox to a first answer; the mail arrives in the SMTP sink and its link
// opens the customer's page, with JavaScript off; a remark runs late before the owner's eyes when
// the server's test clock moves; the reporter passes an answer on; every new screen is checked
// with axe in nl, fr and en, and photographed.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { apiClient, checkEveryScreen, launchBrowser, PASSWORD, setupPeople, signedInPage, startServer } from './harness.mjs';

const catalog = (lang) => JSON.parse(readFileSync(new URL(`../../pwa/src/locales/${lang}.json`, import.meta.url), 'utf8'));
const text = { nl: catalog('nl'), fr: catalog('fr'), en: catalog('en') };
const fill = (template, values) => template.replace(/\{(\w+)\}/g, (_, key) => values[key] ?? '');

let server;
let browser;
let admin;
const people = {
  jan: { email: 'jan.desmet@example.be', name: 'Jan De Smet', lang: 'nl' },
  sofie: { email: 'sofie.owner@example.be', name: 'Sofie Maes', lang: 'nl', roles: ['owner'] },
  mehdi: { email: 'mehdi.owner@example.be', name: 'Mehdi Benali', lang: 'fr', roles: ['owner'] },
  emma: { email: 'emma.owner@example.be', name: 'Emma Wilson', lang: 'en', roles: ['owner'] },
};
const errors = [];
const ids = {};

/** A capture by Jan through the API (the capture screen has its own tests). */
async function capture(jan, customer, facts, feeling) {
  const id = crypto.randomUUID();
  await jan.post('/remarks', { id, customer, facts, feeling, place: { kind: 'school' } });
  return id;
}

/** A signed-in page for `who` at `width`×`height`. */
function signedIn(who, width, height) {
  return signedInPage(browser, server.url, people[who], text, { width, height, errors });
}

before(async () => {
  server = await startServer({}, ['--test-clock']);
  browser = await launchBrowser();
  ({ admin } = await setupPeople(server, people));
  const jan = await apiClient(server.url);
  await jan.post('/session', { email: people.jan.email, password: PASSWORD });
  ids.french = await capture(
    jan,
    { name: 'Madame Dubois', email: 'claire.dubois@example.be', consent: true, language: 'fr' },
    'Les tartes pour la communion sont arrivées avec une heure de retard.',
    { level: 'very_frustrated', words: "j'étais furieuse, trente invités et rien sur la table" },
  );
  ids.noAddress = await capture(jan, { name: 'Meneer Wouters', language: 'nl' }, 'Het brood was om tien uur al op.', { level: 'neutral' });
  ids.english = await capture(jan, { name: 'Mr Smith', email: 'smith@example.com', consent: true, language: 'en' }, 'Nothing without nuts for his daughter.', { level: 'frustrated' });
  await jan.dispose();
  server.command('release-held', '--now');
});

after(async () => {
  await browser?.close();
  await admin?.dispose();
  await server?.stop();
  assert.deepEqual(errors, [], 'no script errors on any page');
});

test('an owner on a laptop acknowledges by mail; the link opens the customer\'s page without script', async () => {
  const { context, page } = await signedIn('sofie', 1280, 800);
  const T = text.nl;
  await page.goto(`${server.url}/owner`);
  const list = page.getByRole('list', { name: T['desk.inbox.title'] });
  await list.waitFor();
  await checkEveryScreen(page, 'desk-inbox', 'nl', text);
  await page.setViewportSize({ width: 1280, height: 800 });
  await list.getByRole('link', { name: /Madame Dubois/ }).click();
  await page.getByRole('heading', { name: fill(T['desk.remark.title'], { name: 'Madame Dubois' }) }).waitFor();
  // Side by side on a laptop: the list stays in view next to the remark.
  assert.ok(await list.isVisible(), 'the inbox beside the remark');
  await page.getByRole('button', { name: T['desk.ack.open'] }).click();
  const day = page.getByLabel(T['desk.ack.promised_on']);
  await day.waitFor();
  const promised = new Date(Date.now() + 6 * 86_400_000).toISOString().slice(0, 10);
  const redrafted = page.waitForResponse((r) => r.url().includes(`/draft?promised_on=${promised}`));
  await day.fill(promised);
  await redrafted;
  assert.match(await page.getByLabel(T['desk.ack.text']).inputValue(), /« j'étais furieuse/, 'the draft in French, their words first');
  await page.getByRole('button', { name: T['desk.ack.send'] }).click();
  await page.locator('.notice.success').waitFor();

  const { match, text: mail } = await server.mailFor('claire.dubois@example.be', /(http:\/\/[^\s"<>]+\/status\/[A-Za-z0-9_-]+)/);
  assert.ok(mail.indexOf('furieuse') < mail.indexOf('Les tartes pour la communion'), 'the feeling before the facts');
  const customer = await browser.newContext({ javaScriptEnabled: false, locale: 'fr' });
  const statusPage = await customer.newPage();
  // The link names the configured public address; this server listens on a port of its own.
  const res = await statusPage.goto(`${server.url}${new URL(match[1]).pathname}`);
  assert.equal(res.status(), 200);
  await statusPage.getByRole('heading', { name: /Votre remarque/ }).waitFor();
  await statusPage.getByText('Les tartes pour la communion sont arrivées avec une heure de retard.', { exact: true }).waitFor();
  await statusPage.getByRole('heading', { name: 'Notre première réponse' }).waitFor();
  assert.ok((await res.body()).length <= 14 * 1024, 'at most 14 KB');
  await statusPage.setViewportSize({ width: 360, height: 740 });
  await statusPage.screenshot({ path: new URL('../../test-artifacts/screenshots/status-page-fr.png', import.meta.url).pathname });
  await customer.close();
  await context.close();
});

test('a remark runs late before the owner\'s eyes when the clock moves', async () => {
  const { context, page } = await signedIn('sofie', 1280, 800);
  await page.goto(`${server.url}/owner`);
  const row = page.getByRole('list', { name: text.nl['desk.inbox.title'] }).getByRole('listitem').filter({ hasText: 'Meneer Wouters' });
  await row.locator('.promise').waitFor();
  assert.equal(await row.locator('.promise.late').count(), 0, 'on time at first');
  const owner = await apiClient(server.url);
  await owner.post('/test/clock', { advance_secs: 49 * 3600 });
  await owner.dispose();
  await page.reload();
  await row.locator('.promise.late').waitFor();
  assert.match(await row.locator('.promise').innerText(), /te laat/);
  const color = await row.locator('.promise.late').evaluate((el) => getComputedStyle(el).color);
  assert.notEqual(color, 'rgb(0, 0, 0)', 'late is coloured');
  await checkEveryScreen(page, 'desk-late', 'nl', text);
  await context.close();
});

test('an owner on a phone asks the messenger to pass it on, and the messenger does', async () => {
  const { context, page } = await signedIn('sofie', 360, 740);
  const T = text.nl;
  await page.goto(`${server.url}/owner`);
  await page.getByRole('list', { name: T['desk.inbox.title'] }).getByRole('link', { name: /Meneer Wouters/ }).click();
  await page.getByRole('heading', { name: fill(T['desk.remark.title'], { name: 'Meneer Wouters' }) }).waitFor();
  assert.equal(await page.locator('.desk-list').isVisible(), false, 'on a phone the remark has the screen');
  await checkEveryScreen(page, 'desk-remark', 'nl', text);
  await page.setViewportSize({ width: 360, height: 740 });
  await page.getByRole('button', { name: T['desk.ack.open'] }).click();
  await page.getByLabel(T['desk.ack.promised_on']).waitFor();
  await page.getByText(T['desk.ack.by_pass_on']).waitFor();
  await checkEveryScreen(page, 'desk-acknowledge', 'nl', text);
  await page.setViewportSize({ width: 360, height: 740 });
  await page.getByRole('button', { name: T['desk.ack.send'] }).click();
  await page.locator('.notice.success').waitFor();
  await page.getByRole('link', { name: T['desk.back'] }).click();
  await page.getByRole('list', { name: T['desk.inbox.title'] }).waitFor();
  await context.close();

  const jan = await signedIn('jan', 360, 740);
  await jan.page.goto(`${server.url}/mine`);
  const confirm = jan.page.getByRole('button', { name: T['mine.pass_on_confirm'] });
  await confirm.waitFor();
  await checkEveryScreen(jan.page, 'my-remarks-pass-on', 'nl', text);
  await jan.page.setViewportSize({ width: 360, height: 740 });
  await confirm.click();
  await jan.page.locator('.passed-on').waitFor();
  await jan.context.close();
});

test('the desk in French and English: accessible, and the editor warns of a late answer', async () => {
  for (const [who, lang] of [['mehdi', 'fr'], ['emma', 'en']]) {
    const { context, page } = await signedIn(who, 1280, 800);
    const T = text[lang];
    await page.goto(`${server.url}/owner`);
    await page.getByRole('list', { name: T['desk.inbox.title'] }).waitFor();
    await checkEveryScreen(page, 'desk-inbox', lang, text);
    await page.goto(`${server.url}/owner/${ids.english}`);
    await page.getByRole('heading', { name: fill(T['desk.remark.title'], { name: 'Mr Smith' }) }).waitFor();
    await page.getByRole('button', { name: T['desk.ack.open'] }).click();
    await page.getByLabel(T['desk.ack.promised_on']).waitFor();
    // The clock moved past its promise: the answer will open with an apology.
    await page.getByText(T['desk.ack.apology_label']).waitFor();
    await checkEveryScreen(page, 'desk-acknowledge', lang, text);
    await context.close();
  }
});
