// Action plans in Debian's Chromium (issue 22): an owner on a laptop (1280×800) decides a case
// "act" and gives two tasks to an employee; the employee, on a phone (360×740) behind the
// loopback proxy, marks one done online and the other while the network is gone — it waits in
// the outbox and is sent when the network returns — and the customer's "done" mail arrives,
// its status page saying so. The plan and My tasks are checked with axe in nl, fr and en, and
// photographed.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkEveryScreen, launchBrowser, setupPeople, signedInClient, signedInPage, startDecision, startServer } from './harness.mjs';
import { startProxy } from './proxy.mjs';

const locales = new URL('../../pwa/src/locales/', import.meta.url).pathname;
const load = (path) => JSON.parse(readFileSync(join(locales, path), 'utf8'));
// The owner's chunk and My tasks carry catalogs of their own.
const text = Object.fromEntries(
  ['nl', 'fr', 'en'].map((lang) => [
    lang,
    { ...load(`${lang}.json`), ...load(`decisions/${lang}.json`), ...load(`plans/${lang}.json`), ...load(`tasks/${lang}.json`) },
  ]),
);
const flat = (s) => s.replace(/\s+/g, ' ');
const STATUS_LINK = /(https?:\/\/[^\s"<>]+\/status\/[A-Za-z0-9_-]+)/;

let server;
let proxy;
let browser;
let admin;
const people = {
  jan: { email: 'jan.plan@example.be', name: 'Jan De Smet', lang: 'nl' },
  piet: { email: 'piet.plan@example.be', name: 'Piet Peeters', lang: 'nl' },
  sofie: { email: 'sofie.plan@example.be', name: 'Sofie Maes', lang: 'nl', roles: ['owner'] },
  mehdi: { email: 'mehdi.plan@example.be', name: 'Mehdi Benali', lang: 'fr', roles: ['owner'] },
  emma: { email: 'emma.plan@example.be', name: 'Emma Wilson', lang: 'en', roles: ['owner'] },
};
const errors = [];
const ids = {};
const OUTCOME = 'Vanaf januari bakken we op zaterdag om negen uur een tweede keer brood.';
const TASKS = ['Meer bloem bestellen voor de zaterdag', 'De tweede bakbeurt in het rooster zetten'];

/** A signed-in API client for `who`. */
function api(who) {
  return signedInClient(server.url, people[who]);
}

/** A signed-in page for `who` at `width`×`height`, on `url` (the server, or the proxy). */
function signedIn(who, width, height, url = server.url) {
  return signedInPage(browser, url, people[who], text, { width, height, errors });
}

/** The day `days` from today, `YYYY-MM-DD` (the server's zone is the test machine's day here). */
function dayFromNow(days) {
  const d = new Date(Date.now() + days * 86_400_000);
  return d.toISOString().slice(0, 10);
}

before(async () => {
  server = await startServer({});
  proxy = await startProxy(() => server.url);
  browser = await launchBrowser();
  ({ admin } = await setupPeople(server, people));
  const jan = await api('jan');
  ids.remark = crypto.randomUUID();
  await jan.post('/remarks', {
    id: ids.remark,
    customer: { name: 'Meneer Wouters', language: 'nl', email: 'wouters.plan@example.be', consent: true },
    facts: 'Het brood is op zaterdag om tien uur al op.',
    feeling: { level: 'frustrated', words: 'telkens voor niets naar de winkel' },
    place: { kind: 'shop' },
  });
  await jan.dispose();
  server.command('release-held', '--now');
  const sofie = await api('sofie');
  ids.case = (await sofie.post('/desk/cases', { title: 'Zaterdag om tien uur is het brood op', remarks: [ids.remark] })).id;
  await sofie.dispose();
});

after(async () => {
  await browser?.close();
  await proxy?.close();
  await admin?.dispose();
  await server?.stop();
  assert.deepEqual(errors, [], 'no script errors on any page');
});

test('an owner on a laptop decides "act" and gives two tasks to a colleague', async () => {
  const { context, page } = await signedIn('sofie', 1280, 800);
  await startDecision(page, server.url, ids.case, 'act', OUTCOME);
  await page.getByTestId('decision-hear-again').fill(dayFromNow(14));
  await page.getByTestId('decision-mail').getByText(/tweede keer brood/).first().waitFor();
  await page.getByTestId('decision-submit').click();
  await page.getByTestId('decision-current').waitFor();
  await server.mailFor('wouters.plan@example.be', /tweede\s+keer\s+brood/);

  // The plan: an act decided without one is waiting in the inbox.
  await page.goto(`${server.url}/owner`);
  await page.getByTestId('plans-unplanned').filter({ hasText: 'Zaterdag om tien uur' }).click();
  const editor = page.getByTestId('plan-editor');
  await editor.waitFor();
  await page.getByTestId('plan-task-description-0').fill(TASKS[0]);
  await page.getByTestId('plan-task-assignee-0').selectOption({ label: people.piet.name });
  await page.getByTestId('plan-task-due-0').fill(dayFromNow(3));
  await page.getByTestId('plan-add-task').click();
  await page.getByTestId('plan-task-description-1').fill(TASKS[1]);
  await page.getByTestId('plan-task-assignee-1').selectOption({ label: people.piet.name });
  await page.getByTestId('plan-task-due-1').fill(dayFromNow(5));
  await checkEveryScreen(page, 'plan-editor', 'nl', text);
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.getByTestId('plan-submit').click();
  await page.getByTestId('plan-view').waitFor();
  assert.equal(await page.getByTestId('plan-task').count(), 2);
  await checkEveryScreen(page, 'plan-view', 'nl', text);
  // Piet is told, in a short mail of his own.
  const { text: mail } = await server.mailFor(people.piet.email, /Meer bloem bestellen/);
  assert.match(flat(mail), /Een taak voor jou/);
  await context.close();
});

test('the plan reads in French and English for owners who speak them', async () => {
  for (const [who, lang] of [['mehdi', 'fr'], ['emma', 'en']]) {
    const { context, page } = await signedIn(who, 1280, 800);
    await page.goto(`${server.url}/owner/case/${ids.case}`);
    await page.getByTestId('plan-view').waitFor();
    await checkEveryScreen(page, 'plan-view', lang, text);
    await context.close();
  }
});

test('the colleague marks one task done online and one offline, and the customer hears it is done', async () => {
  const { context, page } = await signedIn('piet', 360, 740, proxy.url);
  // Short outbox waits instead of 1–30 s, as the offline tests use.
  await page.evaluate(() => localStorage.setItem('earshot.outboxTiming', JSON.stringify({ spacing: [50, 150], tick: 300, backoff: 200, request: 3000 })));
  await page.reload();
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  await page.getByTestId('nav-tasks').click();
  await page.getByTestId('my-tasks').waitFor();
  const open = page.getByTestId('task-open');
  await open.nth(1).waitFor();
  await checkEveryScreen(page, 'my-tasks', 'nl', text);
  await page.setViewportSize({ width: 360, height: 740 });
  const first = await open.filter({ hasText: TASKS[0] }).getAttribute('data-id');
  const second = await open.filter({ hasText: TASKS[1] }).getAttribute('data-id');

  await page.getByTestId(`task-done-${first}`).click();
  await page.getByTestId('task-done-item').filter({ hasText: TASKS[0] }).waitFor();

  // No network: the second waits on the phone, and says so.
  proxy.down();
  await page.getByTestId(`task-done-${second}`).click();
  await page.getByTestId('task-queued').waitFor();
  const sends = () => proxy.log.filter((line) => line === `POST /api/v1/me/tasks/${second}/done`).length;
  assert.equal(sends(), 0, 'nothing reached the server');
  proxy.up();
  await page.getByTestId('task-done-item').filter({ hasText: TASKS[1] }).waitFor({ timeout: 45_000 });
  await page.getByTestId('task-queued').waitFor({ state: 'detached' });
  assert.ok(sends() >= 1, 'sent when the network came back');
  await checkEveryScreen(page, 'my-tasks-done', 'nl', text);
  await context.close();

  // The customer's "done" mail, once, and their page says it is done.
  const { text: done } = await server.mailFor('wouters.plan@example.be', /Dat\s+is\s+nu\s+gebeurd/);
  const plain = flat(done);
  assert.ok(plain.indexOf('telkens voor niets') < plain.indexOf('Dat is nu gebeurd'), 'their feeling first');
  const link = STATUS_LINK.exec(done);
  assert.ok(link, 'a status link');
  const customer = await browser.newContext({ javaScriptEnabled: false, locale: 'nl' });
  const status = await customer.newPage();
  assert.equal((await status.goto(`${server.url}${new URL(link[1]).pathname}`)).status(), 200);
  assert.match(flat(await status.locator('body').innerText()), /Het is gedaan/);
  await status.setViewportSize({ width: 360, height: 740 });
  await status.screenshot({ path: new URL('../../test-artifacts/screenshots/status-done-nl.png', import.meta.url).pathname });
  await customer.close();
  const sofie = await api('sofie');
  const view = await sofie.get(`/desk/cases/${ids.case}`);
  await sofie.dispose();
  assert.ok(view.plan.done_at, 'the plan is done');
  assert.deepEqual(view.plan.tasks.map((t) => t.done_by), [people.piet.name, people.piet.name]);
});

test('My tasks reads in French and English', async () => {
  // A task each for a French- and an English-speaking colleague, through the API.
  const sofie = await api('sofie');
  const colleagues = await sofie.get('/desk/colleagues');
  const remark = crypto.randomUUID();
  const jan = await api('jan');
  await jan.post('/remarks', {
    id: remark,
    customer: { name: 'Mme Lemaire', language: 'fr' },
    facts: 'Les prix ne sont pas indiqués sur les gâteaux.',
    feeling: { level: 'frustrated', words: '' },
    place: { kind: 'shop' },
  });
  await jan.dispose();
  server.command('release-held', '--now');
  const made = await sofie.post(`/desk/remarks/${remark}/case`, {});
  const seen = made.remarks.map((item) => ({ id: item.remark.id, version: item.version }));
  const decided = await sofie.post(`/desk/cases/${made.id}/decision`, {
    version: made.version,
    remarks: seen,
    kind: 'act',
    hear_again_on: dayFromNow(10),
    texts: [{ language: 'fr', outcome: 'Une liste de prix sera affichée à la caisse dès lundi.' }],
  });
  const idOf = (name) => colleagues.find((c) => c.name === name).id;
  await sofie.post(`/desk/cases/${made.id}/plan`, {
    version: decided.version,
    tasks: [
      { description: 'Imprimer la liste des prix', assignee: idOf(people.mehdi.name), due_on: dayFromNow(2) },
      { description: 'Hang the price list by the till', assignee: idOf(people.emma.name), due_on: dayFromNow(2) },
    ],
  });
  await sofie.dispose();
  for (const [who, lang] of [['mehdi', 'fr'], ['emma', 'en']]) {
    const { context, page } = await signedIn(who, 360, 740);
    await page.goto(`${server.url}/tasks`);
    await page.getByTestId('task-open').first().waitFor();
    await checkEveryScreen(page, 'my-tasks', lang, text);
    await context.close();
  }
});
