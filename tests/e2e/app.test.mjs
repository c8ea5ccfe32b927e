// The employee app end to end, against the real binary in Debian's Chromium: an invitation
// accepted, sign-in by password and by a mailed link (read from a real SMTP server), a capture
// typed at human speed, what came in for a colleague (no reporter, no contact), my remarks, the
// owner's question with its badge and the answer; then every screen in nl, fr and en checked by
// axe-core, at 320 px, and kept as a 360×740 screenshot.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { apiClient, checkEveryScreen, launchBrowser, PASSWORD, phonePage, setupPeople, startServer } from './harness.mjs';

const catalog = (lang) => JSON.parse(readFileSync(new URL(`../../pwa/src/locales/${lang}.json`, import.meta.url), 'utf8'));
const text = { nl: catalog('nl'), fr: catalog('fr'), en: catalog('en') };

let server;
let browser;
let admin;
let invite;
const people = {
  jan: { email: 'jan.desmet@example.be', name: 'Jan De Smet', lang: 'nl' },
  camille: { email: 'camille.leroy@example.be', name: 'Camille Leroy', lang: 'fr' },
  emma: { email: 'emma.wilson@example.be', name: 'Emma Wilson', lang: 'en' },
  sofie: { email: 'sofie.owner@example.be', name: 'Sofie Maes', lang: 'nl', roles: ['owner'] },
};
const pages = {};
const errors = [];

/** A tab of the navigation bar (its name may carry the badge). */
const nav = (page, name) =>
  page.getByRole('navigation').getByRole('link', { name: new RegExp(`^${name.replace(/\u00ad/g, '\u00ad?')}`) });

/** A signed-in phone for `who`, by password through the sign-in screen. */
async function signedIn(who) {
  const person = people[who];
  const { context, page } = await phonePage(browser, person.lang);
  page.on('pageerror', (err) => errors.push(`${who}: ${err.message}`));
  await page.goto(`${server.url}/`);
  await page.getByLabel(text[person.lang]['signin.email']).fill(person.email);
  await page.getByLabel(text[person.lang]['signin.password']).fill(PASSWORD);
  await page.getByRole('button', { name: text[person.lang]['signin.submit'], exact: true }).click();
  await page.getByRole('heading', { name: text[person.lang]['capture.title'] }).waitFor();
  pages[who] = { context, page };
  return page;
}

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  ({ admin, invite } = await setupPeople(server, people, ['jan']));
});

after(async () => {
  await browser?.close();
  await admin?.dispose();
  await server?.stop();
  assert.deepEqual(errors, [], 'no script errors on any page');
});

test('an invitation is accepted in the app, which greets the person and signs them in', async () => {
  const token = await invite(people.jan);
  const { context, page } = await phonePage(browser, 'nl');
  page.on('pageerror', (err) => errors.push(`jan: ${err.message}`));
  await page.goto(`${server.url}/invitation#token=${token}`);
  await page.getByText('Dag Jan De Smet').waitFor();
  assert.ok(!page.url().includes('token='), 'the token leaves the address bar');
  await page.getByLabel(text.nl['password.new']).fill('kort');
  await page.getByRole('button', { name: text.nl['invite.submit'] }).click();
  await page.locator('#new-password-error').waitFor();
  await page.getByLabel(text.nl['password.new']).fill(PASSWORD);
  await page.getByRole('button', { name: text.nl['invite.submit'] }).click();
  await page.getByRole('heading', { name: text.nl['capture.title'] }).waitFor();
  pages.jan = { context, page };
});

test('a signed-out start asks the server nothing bound to fail: no 401, no console error', async () => {
  const { context, page } = await phonePage(browser, 'nl');
  const refused = [];
  const logged = [];
  page.on('response', (res) => res.status() >= 400 && refused.push(`${res.status()} ${res.url()}`));
  page.on('console', (msg) => msg.type() === 'error' && logged.push(msg.text()));
  await page.goto(`${server.url}/`);
  await page.getByRole('heading', { name: text.nl['signin.title'] }).waitFor();
  await page.goto(`${server.url}/mine`);
  await page.getByRole('heading', { name: text.nl['signin.title'] }).waitFor();
  assert.deepEqual(refused, []);
  assert.deepEqual(logged, []);
  await context.close();
});

test('sign-in by password, in the person\'s language', async () => {
  const page = await signedIn('camille');
  assert.equal(await page.getAttribute('html', 'lang'), 'fr');
  await page.getByText(text.fr['capture.messenger']).waitFor();
});

test('sign-in by a mailed link, opened in the browser that asked for it', async () => {
  const { context, page } = await phonePage(browser, 'en');
  page.on('pageerror', (err) => errors.push(`emma: ${err.message}`));
  await page.goto(`${server.url}/sign-in`);
  await page.getByLabel(text.en['signin.email']).fill(people.emma.email);
  await page.getByRole('button', { name: text.en['signin.link'] }).click();
  await page.getByText(text.en['signin.link_sent']).waitFor();
  const token = await server.linkTokenFor(people.emma.email);
  await page.goto(`${server.url}/sign-in#token=${token}`);
  await page.getByRole('heading', { name: text.en['capture.title'] }).waitFor();
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  pages.emma = { context, page };
});

const FACTS = 'Het brood was om 10 uur al op';

test('a person who knows the form captures a remark in under 15 seconds, typing at phone speed', async () => {
  const { page } = pages.jan;
  const nl = text.nl;
  const typing = { delay: 180 }; // ms per key: about 65 words a minute on a phone keyboard
  const think = () => page.waitForTimeout(400); // a glance before each tap
  const started = Date.now();
  // In the order the moment is remembered: who, what happened, how they felt, where; then contact.
  await page.getByLabel(nl['capture.customer_name']).pressSequentially('Marc Peeters', typing);
  await page.getByLabel(nl['capture.facts']).pressSequentially(FACTS, typing);
  await think();
  await page.getByRole('radio', { name: nl['feeling.frustrated'], exact: true }).check();
  await think();
  await page.getByRole('radio', { name: nl['place.school'] }).check();
  await page.getByLabel(nl['capture.email']).pressSequentially('marc@example.org', typing);
  await think();
  await page.getByRole('radio', { name: nl['capture.consent_yes'] }).check();
  await think();
  await page.getByRole('button', { name: nl['capture.submit'] }).click();
  await page.getByText(nl['capture.sent']).waitFor();
  const seconds = (Date.now() - started) / 1000;
  console.log(`capture by someone who knows the form, at phone typing speed: ${seconds.toFixed(1)} s`);
  assert.ok(seconds < 15, `took ${seconds} s`);
});

test('a first-timer who reads every label on the way captures 80 characters of facts', async () => {
  const { page } = pages.jan;
  const nl = text.nl;
  await page.getByRole('button', { name: nl['capture.another'] }).click();
  const words = (s) => s.split(/\s+/).filter(Boolean).length;
  // Reads at about 4 words a second, pauses a second per field, types 3 characters a second;
  // `floor` adds up what the person spends, the rest is the app's.
  let floor = 0;
  const read = (...labels) => {
    const ms = (labels.map(words).reduce((a, b) => a + b, 0) / 4) * 1000;
    floor += ms;
    return page.waitForTimeout(ms);
  };
  const pause = () => ((floor += 1000), page.waitForTimeout(1000));
  const typing = { delay: 333 };
  const type = (label, value) => ((floor += value.length * 333), page.getByLabel(label).pressSequentially(value, typing));
  const facts = 'De parking ging om tien uur dicht, en dat is de derde zaterdag op rij zo gebeurd';
  assert.equal(facts.length, 80);
  const started = Date.now();
  await read(nl['capture.title']);
  await read(nl['capture.customer_name'], nl['common.required']);
  await pause();
  await type(nl['capture.customer_name'], 'An Claes');
  await read(nl['capture.facts'], nl['common.required'], nl['capture.facts_hint']);
  await pause();
  await type(nl['capture.facts'], facts);
  await read(nl['capture.feeling'], nl['common.required'], nl['feeling.very_frustrated'], nl['feeling.delighted']);
  await pause();
  await page.getByRole('radio', { name: nl['feeling.frustrated'], exact: true }).check();
  await read(nl['capture.place'], nl['common.required'], ...['party', 'school', 'sports_club', 'hairdresser', 'shop'].map((p) => nl[`place.${p}`]));
  await pause();
  await page.getByRole('radio', { name: nl['place.shop'] }).check();
  await read(nl['capture.submit']);
  await page.getByRole('button', { name: nl['capture.submit'] }).click();
  await page.getByText(nl['capture.sent']).waitFor();
  const seconds = (Date.now() - started) / 1000;
  console.log(
    `capture by a first-timer reading every label, 80 characters of facts: ${seconds.toFixed(1)} s ` +
      `(reading, pauses and typing alone: ${(floor / 1000).toFixed(1)} s)`,
  );
  // The person's own time is most of it (typing 80 characters at 3 a second is 27 s); the form
  // may add at most a few seconds of its own — taps, waiting for an answer.
  assert.ok(seconds < floor / 1000 + 6, `took ${seconds} s, of which the person's own ${floor / 1000} s`);
});

test('a refused capture shows each reason next to its field and keeps what was typed', async () => {
  const { page } = pages.jan;
  const nl = text.nl;
  await page.getByRole('button', { name: nl['capture.another'] }).click();
  await page.getByLabel(nl['capture.customer_name']).fill('Mevrouw Claes');
  await page.getByLabel(nl['capture.phone']).fill('0475 12 34 56');
  await page.getByRole('button', { name: nl['capture.submit'] }).click();
  // Refused on the phone itself: the summary at the top has the focus and says how many.
  const summary = page.locator('.error-summary');
  await summary.waitFor();
  assert.ok(await summary.evaluate((el) => el === document.activeElement), 'the summary has the focus');
  assert.equal(await summary.getByRole('heading').innerText(), nl['form.problems'].replace('{count}', '4'));
  assert.ok((await summary.boundingBox()).y < 740, 'the summary is in sight');
  for (const [id, message] of [
    ['#facts-error', 'check.field-blank'],
    ['#feeling-error', 'check.field-feeling'],
    ['#place-error', 'check.field-place'],
    ['#consent-error', 'check.field-consent'],
  ]) {
    assert.equal(await page.locator(id).innerText(), nl[message], `${id} is shown`);
  }
  // Each line leads to its field.
  await summary.getByRole('link', { name: new RegExp(`^${nl['capture.facts']}`) }).click();
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'facts');
  assert.equal(await page.getByLabel(nl['capture.customer_name']).inputValue(), 'Mevrouw Claes');
  assert.equal(await page.getByLabel(nl['capture.phone']).inputValue(), '0475 12 34 56');
  // Fixed and sent: one remark.
  await page.getByRole('radio', { name: nl['capture.consent_no'] }).check();
  await page.getByRole('radio', { name: nl['place.shop'] }).check();
  await page.getByRole('radio', { name: nl['feeling.pleased'] }).check();
  await page.getByLabel(nl['capture.facts']).fill('Vriendelijk geholpen aan de kassa');
  await page.getByRole('button', { name: nl['capture.submit'] }).click();
  await page.getByText(nl['capture.sent']).waitFor();
});

test('a colleague reads it in what came in, without who brought it in and without contact', async () => {
  // Held until its hour ends; released now (as the server does at the hour) for the colleague.
  server.command('release-held', '--now');
  const { page } = pages.camille;
  await nav(page, text.fr['tab.came_in']).click();
  const card = page.locator('.card', { hasText: FACTS });
  await card.waitFor();
  // Under the day it came in, and the list says why the order within it is no arrival order.
  const day = page.locator('section.day', { has: card });
  assert.ok((await day.locator('h2').innerText()).length > 0, 'a day heading');
  await page.getByText(text.fr['came_in.order']).waitFor();
  const shown = await card.innerText();
  assert.ok(shown.includes('Marc Peeters'), shown);
  for (const hidden of ['marc@example.org', 'Jan De Smet', people.jan.email]) {
    assert.ok(!shown.includes(hidden), `"${hidden}" is not shown: ${shown}`);
  }
  await card.click();
  await page.getByRole('heading', { name: text.fr['remark.title'] }).waitFor();
  await page.locator('article.card', { hasText: FACTS }).waitFor();
  const body = await page.locator('main').innerText();
  assert.ok(body.includes(FACTS) && !body.includes('marc@example.org') && !body.includes('Jan De Smet'), body);
  // Hers stays empty: she brought nothing in.
  await nav(page, text.fr['tab.mine']).click();
  await page.getByText(text.fr['mine.empty']).waitFor();
});

test('the reporter finds it in my remarks; the owner\'s question shows a badge and is answered', async () => {
  const { page } = pages.jan;
  await nav(page, text.nl['tab.mine']).click();
  const card = page.locator('.card', { hasText: FACTS });
  await card.waitFor();
  assert.equal(await card.locator('.state').innerText(), text.nl['state.new'], 'its state is shown');

  const owner = await apiClient(server.url);
  await owner.post('/session', { email: people.sofie.email, password: PASSWORD });
  const { items } = await owner.get(`/remarks?q=${encodeURIComponent('brood')}`);
  assert.equal(items.length, 1);
  await owner.post(`/remarks/${items[0].id}/questions`, { text: 'Welke school was het?' });
  await owner.dispose();

  await nav(page, text.nl['tab.came_in']).click();
  const badge = page.locator('.tabs .badge');
  await badge.waitFor();
  assert.equal(await badge.innerText(), '1');
  await nav(page, text.nl['tab.mine']).click();
  const waiting = page.locator('.card.waiting');
  await waiting.getByText('Welke school was het?').waitFor();
  await waiting.getByLabel(text.nl['mine.answer']).fill('De Sint-Jozefschool');
  await waiting.getByRole('button', { name: text.nl['mine.send_answer'] }).click();
  await page.getByText(text.nl['mine.answered']).waitFor();
  await page.locator('.tabs .badge').waitFor({ state: 'detached' });
  await page.locator('.thread', { hasText: 'De Sint-Jozefschool' }).waitFor();
});

/** The checks every screen passes, and its screenshot. */
const checkScreen = (page, name, lang) => checkEveryScreen(page, name, lang, text);

test('every screen in nl, fr and en: accessible, no sideways scrolling at 320 px, screenshots', async () => {
  const { items } = await admin.get('/remarks');
  const remarkId = items[0].id;
  const owners = { nl: 'jan', fr: 'camille', en: 'emma' };
  for (const lang of ['nl', 'fr', 'en']) {
    const visitor = await phonePage(browser, lang);
    visitor.page.on('pageerror', (err) => errors.push(`visitor ${lang}: ${err.message}`));
    await visitor.page.goto(`${server.url}/sign-in`);
    await checkScreen(visitor.page, 'sign-in', lang);
    await visitor.page.goto(`${server.url}/reset-password`);
    await checkScreen(visitor.page, 'reset-password', lang);
    // The screen a reset link opens (the token is checked only when the password is sent).
    await visitor.page.goto(`${server.url}/reset-password#token=not-sent-anywhere`);
    await visitor.page.getByLabel(text[lang]['password.new']).waitFor();
    await checkScreen(visitor.page, 'reset-password-choose', lang);
    const newcomer = { email: `nieuw.${lang}@example.be`, name: `Nieuw ${lang}`, lang };
    await visitor.page.goto(`${server.url}/invitation#token=${await invite(newcomer)}`);
    await visitor.page.getByText(newcomer.name).waitFor();
    await checkScreen(visitor.page, 'invitation', lang);
    await visitor.context.close();

    const { page } = pages[owners[lang]];
    const screens = [
      ['capture', '/'],
      ['came-in', '/came-in'],
      ['remark', `/came-in/${remarkId}`],
      ['my-remarks', '/mine'],
      ['settings', '/settings'],
    ];
    for (const [name, path] of screens) {
      await page.setViewportSize({ width: 360, height: 740 });
      await page.goto(`${server.url}${path}`);
      await checkScreen(page, name, lang);
    }
    // The capture screen with the server's reasons next to the fields.
    await page.setViewportSize({ width: 360, height: 740 });
    await page.goto(`${server.url}/`);
    await page.getByRole('button', { name: text[lang]['capture.submit'] }).click();
    await page.locator('.error-summary').waitFor();
    await checkScreen(page, 'capture-refused', lang);
    // The app's (and the organisation's, once it has one of its own) name stands above every
    // signed-in screen.
    assert.equal(await page.locator('.app-header .app-name').innerText(), 'earshot');
  }
  // An owner reaches the owner's screens from the navigation.
  const owner = pages.sofie?.page ?? (await signedIn('sofie'));
  await nav(owner, text.nl['tab.owner']).click();
  await owner.getByRole('heading', { name: text.nl['role.owner'] }).waitFor();
  await checkScreen(owner, 'owner', 'nl');
});

test('settings: a new password, the old one refused after it, and an invitation without a link leads to sign-in', async () => {
  const { page } = pages.emma;
  const en = text.en;
  await page.goto(`${server.url}/settings`);
  await page.getByLabel(en['settings.current_password']).fill('not my password');
  await page.getByLabel(en['password.new']).fill('four loose words here');
  await page.getByRole('button', { name: en['settings.change_password'] }).click();
  await page.locator('.form-error').waitFor();
  await page.getByLabel(en['settings.current_password']).fill(PASSWORD);
  await page.getByRole('button', { name: en['settings.change_password'] }).click();
  await page.getByText(en['settings.password_changed']).waitFor();
  const api = await apiClient(server.url);
  await assert.rejects(api.post('/session', { email: people.emma.email, password: PASSWORD }), /401/);
  await api.post('/session', { email: people.emma.email, password: 'four loose words here' });
  await api.dispose();
  // Still signed in on this phone, with fresh tokens.
  await nav(page, en['tab.mine']).click();
  await page.getByRole('heading', { name: en['nav.mine'] }).waitFor();
  // An invitation page opened without its link says so and leads to sign-in.
  const { context, page: other } = await phonePage(browser, 'en');
  await other.goto(`${server.url}/invitation`);
  await other.getByText(en['link.missing']).waitFor();
  await other.getByRole('link', { name: en['link.to_sign_in'] }).click();
  await other.getByRole('heading', { name: en['signin.title'] }).waitFor();
  await context.close();
});

test('settings: the language follows the person everywhere, and signing out ends the session', async () => {
  const { page } = pages.emma;
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto(`${server.url}/settings`);
  await page.getByLabel(text.en['settings.language']).selectOption('fr');
  await page.getByText(text.fr['settings.saved']).waitFor();
  assert.equal(await page.getAttribute('html', 'lang'), 'fr');
  await nav(page, text.fr['tab.capture']).waitFor();
  // A fresh start reads it from the account, whatever the browser says.
  await page.reload();
  await page.getByRole('heading', { name: text.fr['settings.title'] }).waitFor();
  await page.getByRole('button', { name: text.fr['settings.sign_out'] }).click();
  await page.getByRole('heading', { name: text.en['signin.title'] }).waitFor();
  await page.goto(`${server.url}/mine`);
  await page.getByRole('heading', { name: text.en['signin.title'] }).waitFor();
});

test('installable: the manifest names the app, its colour and icons that load', async () => {
  const res = await fetch(`${server.url}/manifest.webmanifest`);
  assert.equal(res.status, 200);
  const manifest = await res.json();
  assert.equal(manifest.display, 'standalone');
  assert.equal(manifest.start_url, '/');
  assert.equal(manifest.theme_color, '#1f5f5b');
  const sizes = manifest.icons.map((icon) => icon.sizes);
  assert.ok(sizes.includes('192x192') && sizes.includes('512x512'), sizes.join());
  for (const icon of manifest.icons) {
    const image = await fetch(`${server.url}${icon.src}`);
    assert.equal(image.status, 200, icon.src);
    assert.equal(image.headers.get('content-type')?.split(';')[0], icon.type, icon.src);
  }
});
