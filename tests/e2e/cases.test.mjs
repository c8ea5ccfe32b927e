// Cases in Debian's Chromium (issue 20): an owner on a laptop, and another on a phone, group two
// remarks into a case from a suggestion, then merge another case into it from the next
// suggestion; the inbox shows the case once; owners on a phone read it in French and English.
// Every case screen is checked with axe in nl, fr and en at 360×740 and 1280×800, and
// photographed.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { apiClient, checkEveryScreen, launchBrowser, PASSWORD, setupPeople, signedInPage, startServer } from './harness.mjs';

const catalog = (lang) => JSON.parse(readFileSync(new URL(`../../pwa/src/locales/${lang}.json`, import.meta.url), 'utf8'));
const text = { nl: catalog('nl'), fr: catalog('fr'), en: catalog('en') };

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

/** A signed-in page for `who` at `width`×`height`. */
function signedIn(who, width, height) {
  return signedInPage(browser, server.url, people[who], text, { width, height, errors });
}

before(async () => {
  server = await startServer({});
  browser = await launchBrowser();
  ({ admin } = await setupPeople(server, people));
  const jan = await apiClient(server.url);
  await jan.post('/session', { email: people.jan.email, password: PASSWORD });
  const capture = async (name, facts, words) => {
    const id = crypto.randomUUID();
    await jan.post('/remarks', { id, customer: { name, language: 'nl' }, facts, feeling: { level: 'frustrated', words }, place: { kind: 'shop' } });
    return id;
  };
  ids.first = await capture('Mevrouw Claes', 'Om tien uur is het brood al op in de winkel.', 'weer geen brood');
  ids.second = await capture('Meneer Wouters', 'Het brood was om tien uur al uitverkocht.', 'geen brood meer');
  ids.third = await capture('Mevrouw Peeters', 'Rond tien uur geen enkel brood meer in de rekken.', 'altijd dat brood');
  ids.fourth = await capture('Meneer Janssens', 'Zaterdag om tien uur waren alle broden op.', 'jammer van het brood');
  ids.parking = await capture('Mevrouw Maes', 'De parking is altijd vol.', 'geergerd');
  ids.music = await capture('Buurman Ward', 'De muziek in de winkel staat veel te luid.', 'hoofdpijn van de muziek');
  ids.music2 = await capture('Juf Annelies', 'Muziek in de winkel is te luid, je kan niet praten.', 'te luide muziek');
  ids.music3 = await capture('Opa Jef', 'Zet de muziek in de winkel wat stiller, ze is te luid.', 'muziek te luid');
  await jan.dispose();
  server.command('release-held', '--now');
  // Another owner made a case of two of them already.
  const mehdi = await apiClient(server.url);
  await mehdi.post('/session', { email: people.mehdi.email, password: PASSWORD });
  ids.other = (await mehdi.post('/desk/cases', { title: 'Brood op, zaterdag', remarks: [ids.third, ids.fourth] })).id;
  ids.loud = (await mehdi.post('/desk/cases', { title: 'Muziek te luid', remarks: [ids.music3] })).id;
  await mehdi.dispose();
});

after(async () => {
  await browser?.close();
  await admin?.dispose();
  await server?.stop();
  assert.deepEqual(errors, [], 'no script errors on any page');
});

test('an owner groups two remarks from a suggestion, then merges another case in', async () => {
  const { context, page } = await signedIn('sofie', 1280, 800);
  await page.goto(`${server.url}/owner/${ids.first}`);
  const suggestions = page.getByTestId('suggestions');
  await suggestions.waitFor();
  const lone = suggestions.getByTestId('suggestion').filter({ hasText: 'Meneer Wouters' });
  await lone.waitFor();
  assert.equal(await suggestions.getByTestId('suggestion').filter({ hasText: 'Mevrouw Maes' }).count(), 0, 'the parking is not alike');
  await checkEveryScreen(page, 'case-suggestions', 'nl', text);
  await page.setViewportSize({ width: 1280, height: 800 });
  await lone.getByTestId('suggestion-action').click();
  // The new case opens, with both remarks.
  await page.getByTestId('case-title').waitFor();
  const remarks = page.getByTestId('case-remarks');
  await remarks.getByText('Meneer Wouters', { exact: true }).waitFor();
  await remarks.getByText('Mevrouw Claes', { exact: true }).waitFor();
  const caseUrl = page.url();
  assert.match(caseUrl, /\/owner\/case\/[0-9a-f-]{36}$/);

  // From the first remark again: the other owner's case is suggested, once; merge it in.
  await page.goto(`${server.url}/owner/${ids.first}`);
  const theirs = page.getByTestId('suggestion').filter({ hasText: 'Brood op, zaterdag' });
  await theirs.waitFor();
  assert.equal(await theirs.count(), 1, 'a case is suggested once');
  await theirs.getByTestId('suggestion-action').click();
  await page.waitForURL(caseUrl);
  for (const name of ['Mevrouw Claes', 'Meneer Wouters', 'Mevrouw Peeters', 'Meneer Janssens']) {
    await page.getByTestId('case-remarks').getByText(name, { exact: true }).waitFor();
  }
  await page.getByTestId('case-history').getByText(/Brood op, zaterdag/).waitFor();
  await checkEveryScreen(page, 'case', 'nl', text);

  // The inbox shows the case once, with its four remarks, beside the parking remark.
  await page.goto(`${server.url}/owner`);
  // (Its title is the first line of the remark it was made from.)
  const row = page.getByTestId('inbox-case-row').filter({ hasText: 'Om tien uur is het brood' });
  await row.waitFor();
  assert.equal(await row.count(), 1, 'the case is one row');
  assert.equal(await page.getByRole('link', { name: /Meneer Wouters/ }).count(), 0, 'its remarks are not rows of their own');
  assert.match(await row.getByTestId('case-count').innerText(), /4/);
  await checkEveryScreen(page, 'case-inbox', 'nl', text);
  ids.caseUrl = new URL(caseUrl).pathname;
  await context.close();
});

test('an owner on a phone groups from a suggestion and merges a case in', async () => {
  const { context, page } = await signedIn('emma', 360, 740);
  await page.goto(`${server.url}/owner/${ids.music}`);
  const lone = page.getByTestId('suggestion').filter({ hasText: 'Juf Annelies' });
  await lone.waitFor();
  await lone.getByTestId('suggestion-action').click();
  await page.getByTestId('case-title').waitFor();
  const caseUrl = page.url();
  await page.getByTestId('case-remarks').getByText('Juf Annelies', { exact: true }).waitFor();
  await page.goto(`${server.url}/owner/${ids.music}`);
  const theirs = page.getByTestId('suggestion').filter({ hasText: 'Muziek te luid' });
  await theirs.waitFor();
  await theirs.getByTestId('suggestion-action').click();
  await page.waitForURL(caseUrl);
  for (const name of ['Buurman Ward', 'Juf Annelies', 'Opa Jef']) {
    await page.getByTestId('case-remarks').getByText(name, { exact: true }).waitFor();
  }
  await checkEveryScreen(page, 'case-merged-phone', 'en', text);
  await context.close();
});

test('owners on a phone read the case in French and English', async () => {
  assert.ok(ids.caseUrl, 'the first test made the case');
  for (const who of ['mehdi', 'emma']) {
    const { context, page } = await signedIn(who, 360, 740);
    await page.goto(`${server.url}${ids.caseUrl}`);
    await page.getByTestId('case-title').waitFor();
    await page.getByTestId('case-remarks').getByText('Mevrouw Claes', { exact: true }).waitFor();
    assert.equal(await page.locator('.desk-list').isVisible(), false, 'on a phone the case has the screen');
    await checkEveryScreen(page, 'case', people[who].lang, text);
    await page.goto(`${server.url}/owner/${ids.second}`);
    await page.getByRole('heading', { name: text[people[who].lang]['desk.suggest.title'] }).waitFor();
    await checkEveryScreen(page, 'case-suggestions', people[who].lang, text);
    await context.close();
  }
});
