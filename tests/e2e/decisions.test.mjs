// Decisions in Debian's Chromium (issue 21): an owner on a laptop decides a two-language case
// "no action for now" — the preview warns of a stock phrase, then stops warning once the reason
// is honest — and each customer's mail arrives in the SMTP sink in their language, its status
// link showing the decision; an owner on a phone decides a lone remark the same way, from the
// remark's "Decide". The editor (with its preview) and the decision are checked with axe in nl,
// fr and en at 360×740 and 1280×800, and photographed.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { apiClient, checkEveryScreen, launchBrowser, PASSWORD, setupPeople, signedInPage, startServer } from './harness.mjs';

const locales = new URL('../../pwa/src/locales/', import.meta.url).pathname;
const load = (path) => JSON.parse(readFileSync(join(locales, path), 'utf8'));
// The decision screens' words are a catalog of their own (the owner's chunk carries them).
const decisions = { nl: load('decisions/nl.json'), fr: load('decisions/fr.json'), en: load('decisions/en.json') };
const text = Object.fromEntries(['nl', 'fr', 'en'].map((lang) => [lang, { ...load(`${lang}.json`), ...decisions[lang] }]));
const fill = (template, values) => template.replace(/\{(\w+)\}/g, (_, key) => values[key] ?? '');
/** A mail's or a page's text in one line, to find words the server may have wrapped. */
const flat = (s) => s.replace(/\s+/g, ' ');
const STATUS_LINK = /(https?:\/\/[^\s"<>]+\/status\/[A-Za-z0-9_-]+)/;

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

// The owner's words: first a stock phrase, then an honest reason of several sentences (no
// accents where a mail is searched: the sink's quoted-printable is read byte by byte).
const CANNED = 'We komen erop terug.';
const REASON_NL =
  'We hebben met de bakker bekeken of er op zaterdag meer brood gebakken kan worden. Dat lukt nu niet: de oven is te klein en er is geen plaats voor een tweede. Wie zijn brood de dag voordien bestelt, vindt het zaterdag klaar aan de kassa.';
const REASON_FR =
  "Nous avons vu avec le boulanger si plus de pain peut etre cuit le samedi. Pour le moment ce n'est pas possible : le four est trop petit et il n'y a pas de place pour un second. Si vous commandez votre pain la veille, il vous attend samedi a la caisse.";
const REASON_LONE =
  'We hebben bekeken of de prijzen bij elk taartje kunnen staan. De toonbank is te klein voor een bordje per taart, dus hangt er vanaf maandag een prijslijst aan de kassa en boven de toonbank.';

/** A capture by Jan through the API (the capture screen has its own tests). */
async function capture(jan, customer, facts, words) {
  const id = crypto.randomUUID();
  await jan.post('/remarks', { id, customer, facts, feeling: { level: 'frustrated', words }, place: { kind: 'shop' } });
  return id;
}

/** A signed-in page for `who` at `width`×`height`. */
function signedIn(who, width, height) {
  return signedInPage(browser, server.url, people[who], text, { width, height, errors });
}

/** The stock-phrase warning of the preview, wherever it shows. */
const cannedWarning = (page) => page.locator('[data-testid="decision-warning"][data-code="canned"]');

/** Choose "no action for now", write the stock phrase and wait for the preview to warn of it. */
async function writeCanned(page, language) {
  await page.getByTestId('decision-kind-no_action').check();
  await page.getByTestId(`decision-outcome-${language}`).fill(CANNED);
  await cannedWarning(page).first().waitFor();
  assert.match(await cannedWarning(page).first().innerText(), /we komen erop terug/i, 'the warning quotes the phrase');
}

/** The mail to `to` that carries `words`, and its status link (as this server answers it). */
async function mailWith(to, words) {
  const pattern = new RegExp(words.split(' ').join('\\s+'));
  const { text: mail } = await server.mailFor(to, pattern);
  const link = STATUS_LINK.exec(mail);
  assert.ok(link, `the mail to ${to} carries a status link`);
  return { mail: flat(mail), path: new URL(link[1]).pathname };
}

/** The customer's page of a status link, without script: it shows `words` of the decision. */
async function statusShows(path, words, lang, shot) {
  const customer = await browser.newContext({ javaScriptEnabled: false, locale: lang });
  const statusPage = await customer.newPage();
  const res = await statusPage.goto(`${server.url}${path}`);
  assert.equal(res.status(), 200);
  assert.ok(flat(await statusPage.locator('body').innerText()).includes(words), `the status page shows the decision (${words})`);
  await statusPage.setViewportSize({ width: 360, height: 740 });
  await statusPage.screenshot({ path: new URL(`../../test-artifacts/screenshots/${shot}.png`, import.meta.url).pathname });
  await customer.close();
}

before(async () => {
  server = await startServer({});
  browser = await launchBrowser();
  ({ admin } = await setupPeople(server, people));
  const jan = await apiClient(server.url);
  await jan.post('/session', { email: people.jan.email, password: PASSWORD });
  ids.wouters = await capture(
    jan,
    { name: 'Meneer Wouters', language: 'nl', email: 'wouters@example.be', consent: true },
    'Het brood is op zaterdag om tien uur al op.',
    'telkens voor niets naar de winkel',
  );
  ids.lemaire = await capture(
    jan,
    { name: 'Madame Lemaire', language: 'fr', email: 'lemaire@example.be', consent: true },
    'Plus de pain le samedi a dix heures, meme pas une baguette.',
    'je suis venue pour rien',
  );
  ids.lone = await capture(
    jan,
    { name: 'Mevrouw Goossens', language: 'nl', email: 'goossens@example.be', consent: true },
    'De prijzen zijn niet aangeduid bij de taartjes.',
    'je weet pas aan de kassa wat je betaalt',
  );
  ids.music = await capture(jan, { name: 'Buurman Ward', language: 'nl' }, 'De muziek in de winkel staat te luid.', 'ik ga er sneller buiten');
  ids.musicEn = await capture(
    jan,
    { name: 'Mr Smith', language: 'en', email: 'smith@example.com', consent: true },
    'The music in the shop is far too loud.',
    'could not hear myself think',
  );
  await jan.dispose();
  server.command('release-held', '--now');
  const sofie = await apiClient(server.url);
  await sofie.post('/session', { email: people.sofie.email, password: PASSWORD });
  ids.bread = (await sofie.post('/desk/cases', { title: 'Zaterdag om tien uur is het brood op', remarks: [ids.wouters, ids.lemaire] })).id;
  ids.loud = (await sofie.post('/desk/cases', { title: 'De muziek staat te luid', remarks: [ids.music, ids.musicEn] })).id;
  await sofie.dispose();
});

after(async () => {
  await browser?.close();
  await admin?.dispose();
  await server?.stop();
  assert.deepEqual(errors, [], 'no script errors on any page');
});

test('the decision catalogs hold the same keys and placeholders, and every key the screens name', () => {
  const placeholders = (s) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
  const keys = Object.keys(decisions.nl).sort();
  for (const lang of ['fr', 'en']) {
    assert.deepEqual(Object.keys(decisions[lang]).sort(), keys, `${lang} has exactly the Dutch keys`);
    for (const key of keys) {
      assert.ok(decisions[lang][key].trim(), `${lang}: ${key} is empty`);
      assert.deepEqual(placeholders(decisions[lang][key]), placeholders(decisions.nl[key]), `${lang}: ${key} placeholders`);
    }
  }
  const src = new URL('../../pwa/src/', import.meta.url).pathname;
  const sources = (dir) =>
    readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return sources(path);
      return /\.(ts|tsx)$/.test(name) ? [readFileSync(path, 'utf8')] : [];
    });
  const named = [...sources(src).join('\n').matchAll(/\btd\(\s*'([a-z_]+\.[a-z_.]+)'/g)].map((m) => m[1]);
  assert.ok(named.length > 30, `found ${named.length} decision keys in the code`);
  assert.deepEqual([...new Set(named)].filter((key) => !(key in decisions.nl)), []);
});

test('an owner on a laptop decides a case "no action for now"; each customer reads it in their language', async () => {
  const { context, page } = await signedIn('sofie', 1280, 800);
  await page.goto(`${server.url}/owner`);
  await page.getByTestId('inbox-case-row').filter({ hasText: 'Zaterdag om tien uur is het brood op' }).click();
  await page.getByTestId('case-title').waitFor();
  await page.getByTestId('decision-open').click();
  await page.getByTestId('decision-editor').waitFor();
  await writeCanned(page, 'nl');
  // Each customer first reads their own words, whatever the owner writes.
  await page.getByTestId('decision-editor').getByText(/telkens voor niets naar de winkel/).first().waitFor();
  // The warnings are counted in a live region; they do not stop the owner from sending.
  assert.ok(await page.getByTestId('decision-mail').count() >= 2, 'a mail per customer');

  await page.getByTestId('decision-outcome-nl').fill(REASON_NL);
  await page.getByTestId('decision-outcome-fr').fill(REASON_FR);
  // The preview follows: the honest reason in it, and the stock phrase warning gone.
  await page.getByTestId('decision-mail').filter({ hasText: 'Meneer Wouters' }).getByText(/de oven is te klein/).waitFor();
  await page.getByTestId('decision-mail').filter({ hasText: 'Madame Lemaire' }).getByText(/le four est trop petit/).waitFor();
  await cannedWarning(page).first().waitFor({ state: 'detached' });
  await checkEveryScreen(page, 'decision-editor', 'nl', text);
  await page.setViewportSize({ width: 1280, height: 800 });

  await page.getByTestId('decision-submit').click();
  const current = page.getByTestId('decision-current');
  await current.waitFor();
  await current.getByText(text.nl['decision.kind.no_action'], { exact: true }).waitFor();
  await current.getByText(/de oven is te klein/).waitFor();
  await page.locator('.notice.success').waitFor();
  assert.equal(await page.getByTestId('decision-editor').count(), 0, 'the editor closed');
  ids.decided = true;

  // Each customer their own mail, in their language, the feeling before the reason.
  const dutch = await mailWith('wouters@example.be', 'de oven is te klein');
  assert.ok(dutch.mail.indexOf('telkens voor niets') < dutch.mail.indexOf('de oven is te klein'), 'their feeling first');
  assert.ok(!dutch.mail.includes('le four est trop petit'), 'no French words in the Dutch mail');
  const french = await mailWith('lemaire@example.be', 'le four est trop petit');
  assert.ok(!french.mail.includes('de oven is te klein'), 'no Dutch words in the French mail');
  await statusShows(dutch.path, 'de oven is te klein', 'nl', 'status-decision-nl');
  await statusShows(french.path, 'le four est trop petit', 'fr', 'status-decision-fr');

  await checkEveryScreen(page, 'decision-current', 'nl', text);
  await context.close();
});

test('an owner on a phone decides a lone remark from its "Decide"', async () => {
  const { context, page } = await signedIn('sofie', 360, 740);
  await page.goto(`${server.url}/owner/${ids.lone}`);
  await page.getByRole('heading', { name: fill(text.nl['desk.remark.title'], { name: 'Mevrouw Goossens' }) }).waitFor();
  await page.getByTestId('remark-decide').click();
  // A case of one, its editor open.
  await page.waitForURL(/\/owner\/case\/[0-9a-f-]{36}/);
  await page.getByTestId('decision-editor').waitFor();
  assert.equal(await page.locator('.desk-list').isVisible(), false, 'on a phone the case has the screen');

  await writeCanned(page, 'nl');
  await page.getByTestId('decision-outcome-nl').fill(REASON_LONE);
  await page.getByTestId('decision-mail').getByText(/een prijslijst aan de kassa/).waitFor();
  await cannedWarning(page).first().waitFor({ state: 'detached' });
  await checkEveryScreen(page, 'decision-editor-lone', 'nl', text);
  await page.setViewportSize({ width: 360, height: 740 });

  await page.getByTestId('decision-submit').click();
  await page.getByTestId('decision-current').getByText(/een prijslijst aan de kassa/).waitFor();

  const { path } = await mailWith('goossens@example.be', 'een prijslijst aan de kassa');
  await statusShows(path, 'een prijslijst aan de kassa', 'nl', 'status-decision-lone-nl');

  // The remark is decided: its state says so, and its "Decide" now leads to the decision.
  await page.goto(`${server.url}/owner/${ids.lone}`);
  await page.locator('.desk-status').getByText(text.nl['desk.state.decided'], { exact: true }).waitFor();
  await page.getByTestId('remark-decide').click();
  await page.getByTestId('decision-current').waitFor();
  await context.close();
});

test('the editor with its preview, and a decision, in French and English', async () => {
  for (const [who, lang] of [['sofie', 'nl'], ['mehdi', 'fr'], ['emma', 'en']]) {
    const { context, page } = await signedIn(who, 1280, 800);
    const T = text[lang];
    await page.goto(`${server.url}/owner/case/${ids.loud}`);
    await page.getByTestId('case-title').waitFor();
    await page.getByTestId('decision-open').click();
    await page.getByRole('heading', { name: T['decision.editor_title'] }).waitFor();
    await page.getByTestId('decision-kind-no_action').check();
    await page.getByTestId('decision-outcome-nl').fill(CANNED);
    // The English customer would read Dutch words: the preview says so, in the owner's language.
    await cannedWarning(page).first().waitFor();
    await page.locator('[data-testid="decision-warning"][data-code="other_language"]').first().waitFor();
    await page.getByTestId('decision-mail').filter({ hasText: 'Mr Smith' }).waitFor();
    if (lang !== 'nl') await checkEveryScreen(page, 'decision-editor', lang, text);
    else await checkEveryScreen(page, 'decision-editor-warnings', lang, text);
    await page.getByRole('button', { name: T['desk.ack.cancel'], exact: true }).click();
    await page.getByTestId('decision-open').waitFor();

    if (ids.decided && lang !== 'nl') {
      await page.goto(`${server.url}/owner/case/${ids.bread}`);
      await page.getByTestId('decision-current').getByText(/de oven is te klein/).waitFor();
      await checkEveryScreen(page, 'decision-current', lang, text);
    }
    await context.close();
  }
});
