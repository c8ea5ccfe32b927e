// The e2e harness: the real earshot binary on a fresh SQLite file and port 0, and Debian's
// Chromium (playwright-core, no browser download). Each test owns its server and its browser.
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import assert from 'node:assert/strict';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, request } from 'playwright-core';

const repo = resolve(import.meta.dirname, '../..');
const binary = process.env.EARSHOT_BIN ?? join(repo, 'target/debug/earshot');
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** A real SMTP server (tests/smtp_sink.py, aiosmtpd) writing each mail to a folder. */
async function startMailSink(dir, wanted = 0) {
  const python = process.env.EARSHOT_TEST_PYTHON ?? '/usr/bin/python3';
  const child = spawn(python, [join(repo, 'tests/smtp_sink.py'), dir, String(wanted)], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise((ok, fail) => {
    child.once('exit', (code) => fail(new Error(`the SMTP sink exited with ${code} (is aiosmtpd installed?)`)));
    createInterface({ input: child.stdout }).once('line', (line) => ok(Number(line.trim())));
  });
  const exited = new Promise((ok) => child.once('exit', ok));
  return {
    port,
    /** Kill it and wait until it is gone. */
    stop: async () => {
      child.kill();
      await exited;
    },
  };
}

/**
 * Start `earshot serve` on a fresh SQLite database, with a real SMTP server receiving its mail;
 * resolves once it listens.
 */
export async function startServer(extraEnv = {}, args = []) {
  const dir = mkdtempSync(join(tmpdir(), 'earshot-e2e-'));
  const mailDir = join(dir, 'mail');
  mkdirSync(mailDir);
  let sink = await startMailSink(mailDir);
  const env = {
    ...process.env,
    EARSHOT_DATA_DIR: join(dir, 'data'),
    EARSHOT_KEY_DIR: join(dir, 'keys'),
    EARSHOT_DATABASE_URL: `sqlite://${join(dir, 'data', 'earshot.sqlite3')}`,
    EARSHOT_HOST: '127.0.0.1',
    EARSHOT_PORT: '0',
    EARSHOT_LOG_FORMAT: 'json',
    EARSHOT_SMTP_HOST: '127.0.0.1',
    EARSHOT_SMTP_PORT: String(sink.port),
    EARSHOT_SMTP_TLS: 'none',
    // One address plays every person here: per-address limits out of the way.
    EARSHOT_SIGN_IN_ATTEMPTS_PER_MINUTE: '1000',
    EARSHOT_REQUESTS_PER_MINUTE_PER_IP: '10000',
    ...extraEnv,
  };
  const logs = [];
  let child;
  let url;
  const launch = async () => {
    child = spawn(binary, ['serve', ...args], { env, stdio: ['ignore', 'pipe', 'inherit'] });
    const port = await new Promise((ok, fail) => {
      child.once('exit', (code) => fail(new Error(`earshot exited with ${code} before listening`)));
      createInterface({ input: child.stdout }).on('line', (line) => {
        logs.push(line);
        try {
          const event = JSON.parse(line);
          if (event.message === 'listening') ok(event.port);
        } catch {
          // Not a JSON line: kept in `logs` all the same.
        }
      });
    });
    url = `http://127.0.0.1:${port}`;
  };
  const exited = () => new Promise((ok) => (child.exitCode !== null || child.signalCode !== null ? ok() : child.once('exit', ok)));
  await launch();
  return {
    /** Where it listens now (a restart picks another port). */
    get url() {
      return url;
    },
    logs,
    /** Run another earshot command against the same database and keys; its stdout. */
    command: (...args) => execFileSync(binary, args, { env, encoding: 'utf8' }),
    /** Waits for the next mail to `to` not seen before, and returns the token of its link. */
    linkTokenFor: (to) => nextToken(mailDir, to),
    /** Waits for the next mail to `to` not seen before whose text matches `pattern`; the match. */
    mailFor: (to, pattern) => nextMatch(mailDir, to, pattern),
    /** The SMTP server it sends to: where its mails land, and stopping and starting it. */
    smtp: {
      dir: mailDir,
      stop: () => sink.stop(),
      restart: async () => {
        sink = await startMailSink(mailDir, sink.port);
      },
    },
    /** Kill it outright (SIGKILL: no graceful stop), as a crash would. */
    async kill() {
      child.kill('SIGKILL');
      await exited();
    },
    /** Start it again on the same data. */
    restart: launch,
    async stop() {
      child.kill('SIGTERM');
      await exited();
      await sink.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const PASSWORD = 'lantaarn walvis oktober';

/**
 * The admin (from `earshot create-admin`, accepted through the API) and the given people invited
 * and signed up with PASSWORD — except those in `later`, whose invitation `invite` sends when
 * the test wants it.
 */
export async function setupPeople(server, people, later = []) {
  const created = server.command('create-admin', '--email', 'anna@example.be', '--name', 'Anna Janssens');
  const token = /#token=([A-Za-z0-9_.-]+)/.exec(created)[1];
  const admin = await apiClient(server.url);
  await admin.post('/invitations/accept', { token, password: PASSWORD });
  const invite = async (person) => {
    await admin.post('/people', { email: person.email, name: person.name, roles: person.roles ?? ['employee'], language: person.lang });
    return server.linkTokenFor(person.email);
  };
  for (const [key, person] of Object.entries(people)) {
    if (later.includes(key)) continue;
    const client = await apiClient(server.url);
    await client.post('/invitations/accept', { token: await invite(person), password: PASSWORD });
    await client.dispose();
  }
  return { admin, invite };
}

const seen = new Set();

/** A mail's text with quoted-printable and base64 bodies undone (enough to find a link). */
function readable(raw) {
  const unfolded = raw.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex) => String.fromCharCode(parseInt(hex, 16)));
  const decoded = [...raw.matchAll(/\r?\n\r?\n([A-Za-z0-9+/=\r\n]{40,})/g)]
    .map((m) => Buffer.from(m[1].replace(/\s/g, ''), 'base64').toString('utf8'))
    .join('\n');
  return `${unfolded}\n${decoded}`;
}

async function nextMatch(mailDir, to, pattern) {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    for (const name of readdirSync(mailDir).filter((n) => n.endsWith('.eml')).sort()) {
      if (seen.has(name)) continue;
      const text = readable(readFileSync(join(mailDir, name), 'utf8'));
      if (!new RegExp(`^To: .*${to.replace(/[.+]/g, '\\$&')}`, 'mi').test(text)) continue;
      const found = pattern.exec(text);
      if (found) {
        seen.add(name);
        return { match: found, text };
      }
    }
    await new Promise((ok) => setTimeout(ok, 50));
  }
  throw new Error(`no mail to ${to} matching ${pattern} within 15 s`);
}

async function nextToken(mailDir, to) {
  return (await nextMatch(mailDir, to, /#token=([A-Za-z0-9_.-]+)/)).match[1];
}

/** The API as a client outside the browser (cookies and CSRF handled): for setting up people. */
export async function apiClient(baseURL) {
  const context = await request.newContext({ baseURL });
  const csrf = (await (await context.get('/api/v1/session/csrf')).json()).token;
  const call = async (method, path, data) => {
    const res = await context.fetch(`/api/v1${path}`, { method, data, headers: { 'x-csrf-token': csrf } });
    if (!res.ok()) throw new Error(`${method} ${path}: ${res.status()} ${await res.text()}`);
    const text = await res.text();
    return text ? JSON.parse(text) : undefined;
  };
  return {
    get: (path) => call('GET', path),
    post: (path, data) => call('POST', path, data ?? {}),
    patch: (path, data) => call('PATCH', path, data),
    put: (path, data) => call('PUT', path, data),
    dispose: () => context.dispose(),
  };
}

/** The API as `person` (signed in with the test password). */
export async function signedInClient(baseURL, person) {
  const client = await apiClient(baseURL);
  await client.post('/session', { email: person.email, password: PASSWORD });
  return client;
}

/** On the owner's desk: the case's decision editor open, `kind` chosen, the Dutch words in. */
export async function startDecision(page, baseURL, caseId, kind, outcome) {
  await page.goto(`${baseURL}/owner/case/${caseId}`);
  await page.getByTestId('decision-open').click();
  await page.getByTestId('decision-editor').waitFor();
  await page.getByTestId(`decision-kind-${kind}`).check();
  await page.getByTestId('decision-outcome-nl').fill(outcome);
}

/** Debian's Chromium, headless. */
export function launchBrowser() {
  return chromium.launch({ executablePath: chromiumPath, headless: true });
}

/**
 * A phone that keeps its storage across restarts (a persistent user-data dir): close it and
 * launch it again on the same `dir`, as a person closes and reopens the app.
 */
export async function persistentPhone(dir, locale, timing) {
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: chromiumPath,
    headless: true,
    locale,
    viewport: { width: 360, height: 740 },
  });
  if (timing) {
    await context.addInitScript((value) => localStorage.setItem('earshot.outboxTiming', value), JSON.stringify(timing));
  }
  const page = context.pages()[0] ?? (await context.newPage());
  return { context, page };
}

/** A phone-sized page in a language (Accept-Language and navigator.languages). */
/** `person` signed in through the sign-in screen on a page of `width`×`height`; script errors
 * go to `errors`. */
export async function signedInPage(browser, url, person, text, { width, height, errors }) {
  const { context, page } = await phonePage(browser, person.lang, width, height);
  page.on('pageerror', (err) => errors.push(`${person.email}: ${err.message}`));
  await page.goto(`${url}/sign-in`);
  await page.getByLabel(text[person.lang]['signin.email']).fill(person.email);
  await page.getByLabel(text[person.lang]['signin.password']).fill(PASSWORD);
  await page.getByRole('button', { name: text[person.lang]['signin.submit'], exact: true }).click();
  await page.getByRole('heading', { name: text[person.lang]['capture.title'] }).waitFor();
  return { context, page };
}

export async function phonePage(browser, locale, width = 360, height = 740) {
  const context = await browser.newContext({ locale, viewport: { width, height }, deviceScaleFactor: 2 });
  return { context, page: await context.newPage() };
}

/** A 360×740 screenshot of a screen in a language, kept in test-artifacts/screenshots for CI. */
export async function screenshot(page, screen, lang, size = { width: 360, height: 740 }) {
  const dir = join(repo, 'test-artifacts', 'screenshots');
  mkdirSync(dir, { recursive: true });
  await page.setViewportSize(size);
  const path = join(dir, `${screen}-${lang}${size.width >= 1000 ? '-laptop' : ''}.png`);
  await page.screenshot({ path });
  return path;
}

/**
 * The checks every screen passes — in its language, axe clean at 360 and 1280 px, no raw
 * catalog key, no sideways scrolling at 320 px, the navigation at the side on a laptop — and its
 * screenshots. `text`: the catalogs by language.
 */
export async function checkEveryScreen(page, name, lang, text) {
  await page.locator('h1').first().waitFor();
  await page.locator('[role="status"]', { hasText: text[lang]['common.loading'] }).waitFor({ state: 'detached' });
  assert.equal(await page.getAttribute('html', 'lang'), lang, `${name} in ${lang}`);
  const { violations } = await new AxeBuilder({ page }).analyze();
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(serious.map((v) => `${name}/${lang} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target).join(', ')})`), []);
  const shown = await page.locator('body').innerText();
  const rawKeys = Object.keys(text.nl).filter((key) => shown.includes(key));
  assert.deepEqual(rawKeys, [], `${name}/${lang} shows no untranslated key`);
  await page.setViewportSize({ width: 320, height: 640 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `${name}/${lang} scrolls sideways by ${overflow} px at 320 px`);
  await screenshot(page, name, lang);
  // And on a laptop: as clean, the navigation (if any) a column at the side.
  const laptop = { width: 1280, height: 800 };
  await page.setViewportSize(laptop);
  const wide = await new AxeBuilder({ page }).analyze();
  const wideSerious = wide.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(wideSerious.map((v) => `${name}/${lang} at 1280 px ${v.id}: ${v.help}`), []);
  const tabs = (await page.locator('nav.tabs').count()) ? await page.locator('nav.tabs').boundingBox() : null;
  if (tabs) assert.ok(tabs.width < 300 && tabs.height > 500, `${name}/${lang}: the navigation is at the side at 1280 px`);
  await screenshot(page, name, lang, laptop);
  await page.setViewportSize({ width: 360, height: 740 });
}
