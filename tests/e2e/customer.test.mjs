// The customer's own page (issue 24) in Debian's Chromium, with JavaScript off as a customer's
// mail program might open it: a decision → the French customer's mail in the SMTP sink → the
// status page from its link → "did this help?" no, with words → no more e-mails → forget me,
// and the link is then unknown. The page and every page behind it axe clean (no violation at
// all) in nl, fr and en at 360×740 and 1280×800, and photographed.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { AxeBuilder } from '@axe-core/playwright';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { launchBrowser, setupPeople, signedInClient, signedInPage, startServer } from './harness.mjs';

const shots = new URL('../../test-artifacts/screenshots/', import.meta.url).pathname;
mkdirSync(shots, { recursive: true });

const STATUS_LINK = /(https?:\/\/[^\s"<>]+\/status\/[A-Za-z0-9_-]+)/;
const flat = (s) => s.replace(/\s+/g, ' ');

let server;
let browser;
let admin;
const people = {
  sofie: { email: 'sofie.customer@example.be', name: 'Sofie Maes', lang: 'nl', roles: ['owner'] },
  jan: { email: 'jan.customer@example.be', name: 'Jan De Smet', lang: 'nl' },
};
// No accents in what the test looks for in mails: the sink's quoted-printable is read as is.
const customers = {
  fr: { name: 'Madame Lemaire', email: 'lemaire.page@example.be', facts: 'Plus de pain le samedi a dix heures.', words: 'je suis venue pour rien' },
  nl: { name: 'Meneer Wouters', email: 'wouters.page@example.be', facts: 'Het brood is op zaterdag om tien uur al op.', words: 'telkens voor niets' },
  en: { name: 'Mr Smith', email: 'smith.page@example.com', facts: 'No bread left on Saturday at ten.', words: 'came for nothing' },
};
const REASONS = {
  nl: 'Onze oven bakt tweehonderd broden per ochtend; een tweede oven kost meer dan de zaterdag opbrengt. Reserveren kan tot vrijdagavond.',
  fr: 'Notre four cuit deux cents pains le matin; un second four couterait plus que le samedi ne rapporte. Vous pouvez reserver jusqu au vendredi soir.',
  en: 'Our oven bakes two hundred loaves a morning; a second oven costs more than Saturday brings in. You can reserve until Friday evening.',
};
const paths = {};
const remarkIds = {};
let caseId;
const errors = [];
const nl = JSON.parse(readFileSync(new URL('../../pwa/src/locales/nl.json', import.meta.url), 'utf8'));

/** The page at `path` in a context without script, in `lang`. */
async function noScript(lang, path) {
  const context = await browser.newContext({ javaScriptEnabled: false, locale: lang });
  const page = await context.newPage();
  const res = await page.goto(`${server.url}${path}`);
  return { context, page, status: res.status() };
}

/** Axe finds nothing at all on `url` at either size (axe runs its script: a context with it). */
async function axeClean(url, name) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(url);
  for (const [width, height] of [
    [360, 740],
    [1280, 800],
  ]) {
    await page.setViewportSize({ width, height });
    const { violations } = await new AxeBuilder({ page }).analyze();
    assert.deepEqual(
      violations.map((v) => `${name} at ${width} px: ${v.id} (${v.impact}) ${v.nodes.map((n) => n.target).join(', ')}`),
      [],
    );
  }
  await context.close();
}

/** Both sizes photographed, the whole page (these pages are read top to bottom). */
async function photos(page, name, lang) {
  for (const [width, height, suffix] of [
    [360, 740, ''],
    [1280, 800, '-laptop'],
  ]) {
    await page.setViewportSize({ width, height });
    await page.screenshot({ path: join(shots, `${name}-${lang}${suffix}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 360, height: 740 });
}

before(async () => {
  server = await startServer({});
  browser = await launchBrowser();
  ({ admin } = await setupPeople(server, people));
  const jan = await signedInClient(server.url, people.jan);
  const ids = [];
  for (const [language, c] of Object.entries(customers)) {
    const id = crypto.randomUUID();
    await jan.post('/remarks', {
      id,
      customer: { name: c.name, language, email: c.email, consent: true },
      facts: c.facts,
      feeling: { level: 'frustrated', words: c.words },
      place: { kind: 'shop' },
    });
    ids.push(id);
    remarkIds[language] = id;
  }
  await jan.dispose();
  server.command('release-held', '--now');
  const sofie = await signedInClient(server.url, people.sofie);
  const made = await sofie.post('/desk/cases', { title: 'Zaterdag om tien uur is het brood op', remarks: ids });
  caseId = made.id;
  const view = await sofie.get(`/desk/cases/${made.id}`);
  await sofie.post(`/desk/cases/${made.id}/decision`, {
    version: view.version,
    remarks: view.remarks.map((item) => ({ id: item.remark.id, version: item.version })),
    kind: 'no_action',
    texts: Object.entries(REASONS).map(([language, outcome]) => ({ language, outcome })),
  });
  await sofie.dispose();
  for (const [language, c] of Object.entries(customers)) {
    const { text } = await server.mailFor(c.email, new RegExp(REASONS[language].split(' ').slice(0, 4).join('\\s+')));
    const link = STATUS_LINK.exec(text);
    assert.ok(link, `the mail to ${c.email} carries its page`);
    assert.match(text, /^List-Unsubscribe:\s*<[^>]+\/stop>/m, 'and the one-click way out');
    paths[language] = new URL(link[1]).pathname;
  }
});

after(async () => {
  await browser?.close();
  await admin?.dispose();
  await server?.stop();
  assert.deepEqual(errors, [], 'no script errors in the app');
});

test('each customer reads their page in their language, without script, axe clean', async () => {
  const heading = { nl: 'Uw opmerking bij', fr: 'Votre remarque chez', en: 'Your remark to' };
  const question = { nl: 'Hielp dit u?', fr: 'Cela vous a-t-il aidé ?', en: 'Did this help you?' };
  for (const lang of ['fr', 'nl', 'en']) {
    const { context, page, status } = await noScript(lang, paths[lang]);
    assert.equal(status, 200);
    const shown = flat(await page.locator('main').innerText());
    for (const words of [heading[lang], customers[lang].facts, customers[lang].words, REASONS[lang].slice(0, 30), question[lang]]) {
      assert.ok(shown.includes(words), `${lang}: the page says "${words}"`);
    }
    assert.ok(!shown.includes(people.jan.name), 'never who heard it');
    assert.equal(await page.locator('script').count(), 0);
    await photos(page, 'customer-page', lang);
    await context.close();
    await axeClean(`${server.url}${paths[lang]}`, `customer-page/${lang}`);
  }
});

test('the French customer says it did not help, with her words; the owner hears it', async () => {
  const { context, page } = await noScript('fr', paths.fr);
  await page.getByLabel('Voulez-vous ajouter quelque chose ? (facultatif)').fill('Le samedi matin, je travaille: je ne peux pas reserver.');
  await page.getByRole('button', { name: "Non, cela ne m'a pas aidé" }).click();
  await page.getByRole('heading', { level: 1, name: 'Merci pour votre réponse' }).waitFor();
  await photos(page, 'customer-thanks', 'fr');
  await axeClean(page.url(), 'customer-thanks/fr');
  const { text } = await server.mailFor(people.sofie.email, /^Subject: Een klant zegt dat jullie besluit niet hielp/m);
  assert.match(flat(text), /je ne peux pas reserver/, 'her words reach the owner');
  await page.getByRole('link', { name: 'Retour à votre page' }).click();
  await page.getByText('Vous nous avez dit que cela ne vous a pas aidé.').waitFor();
  assert.equal(await page.getByRole('button', { name: "Non, cela ne m'a pas aidé" }).count(), 0, 'asked once');
  await context.close();
});

test('she asks for no more e-mails from her page; later news stays on it', async () => {
  const { context, page } = await noScript('fr', paths.fr);
  await page.getByRole('button', { name: "Ne plus m'envoyer d'e-mails" }).click();
  await page.getByRole('heading', { level: 1, name: "Vous ne recevrez plus d'e-mails de notre part" }).waitFor();
  await photos(page, 'customer-stopped', 'fr');
  await axeClean(page.url(), 'customer-stopped/fr');
  await page.getByRole('link', { name: 'Retour à votre page' }).click();
  await page.getByText("Vous nous avez demandé de ne plus vous envoyer d'e-mails.").waitFor();
  assert.equal(await page.getByRole('button', { name: "Ne plus m'envoyer d'e-mails" }).count(), 0);
  await context.close();
});

test('she asks to be forgotten: a page that asks, then what was erased; the link is gone', async () => {
  const { context, page } = await noScript('fr', paths.fr);
  await page.getByRole('link', { name: 'Effacer mon nom et mes coordonnées' }).click();
  await page.getByRole('heading', { level: 1, name: 'Effacer votre nom et vos coordonnées ?' }).waitFor();
  await photos(page, 'customer-forget-ask', 'fr');
  await axeClean(page.url(), 'customer-forget-ask/fr');
  await page.getByRole('button', { name: 'Effacer mon nom et mes coordonnées' }).click();
  await page.getByRole('heading', { level: 1, name: 'Votre nom et vos coordonnées sont effacés' }).waitFor();
  const said = flat(await page.locator('main').innerText());
  assert.ok(said.includes('votre nom et votre adresse e-mail'), said);
  await photos(page, 'customer-forgotten', 'fr');
  const again = await page.goto(`${server.url}${paths.fr}`);
  assert.equal(again.status(), 404, 'the link no longer opens anything');
  await page.getByRole('heading', { level: 1, name: 'Nous ne connaissons pas ce lien' }).waitFor();
  await context.close();
  // Staff read that she asked to be forgotten.
  const sofie = await signedInClient(server.url, people.sofie);
  const view = await sofie.get(`/desk/cases/${caseId}`);
  await sofie.dispose();
  const forgotten = view.remarks.map((item) => item.remark.customer).filter((customer) => customer.forgotten);
  assert.deepEqual(
    forgotten.map((customer) => customer.name),
    [''],
    'one customer forgotten, her name gone',
  );
  assert.equal(view.remarks.length, 3, 'her remark stays in the case');
});

test('the owner reads that she asked to be forgotten, and takes a name out of her words', async () => {
  const { context, page } = await signedInPage(browser, server.url, people.sofie, { nl }, { width: 1280, height: 800, errors });
  await page.goto(`${server.url}/owner/${remarkIds.fr}`);
  const section = page.getByTestId('forgotten');
  await section.getByRole('heading', { name: nl['desk.forgotten.title'] }).waitFor();
  await page.getByRole('heading', { level: 2, name: nl['desk.remark.title'].replace('{name}', nl['remark.forgotten']) }).waitFor();
  await section.getByTestId('forgotten-open').click();
  await page.getByLabel(nl['desk.forgotten.facts']).fill('Plus de pain le samedi a dix heures, dit la cliente.');
  const { violations } = await new AxeBuilder({ page }).analyze();
  assert.deepEqual(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`), [], 'the editor, axe clean');
  await page.screenshot({ path: join(shots, 'owner-forgotten-nl-laptop.png'), fullPage: true });
  await section.getByTestId('forgotten-save').click();
  await section.getByRole('status').filter({ hasText: nl['desk.forgotten.saved'] }).waitFor();
  await page.getByText('Plus de pain le samedi a dix heures, dit la cliente.').first().waitFor();
  await context.close();
  const sofie = await signedInClient(server.url, people.sofie);
  const view = await sofie.get(`/desk/remarks/${remarkIds.fr}`);
  await sofie.dispose();
  assert.equal(view.remark.facts, 'Plus de pain le samedi a dix heures, dit la cliente.');
});
