// Front-end budgets, measured and reported (not gated in CI: these machines are noisy).
//   npm ci --prefix tests/e2e && npm ci --prefix tests/budgets
//   npm run build --prefix pwa && cargo build --release
//   node tests/budgets/budgets.mjs
// Prints: the capture route's JavaScript gzipped, the service worker's precache, Lighthouse 12
// (mobile preset, simulated slow 4G and CPU) on the capture screen cold (no service worker, no
// cache) and repeat (service worker and cache warm), and the time to reopen the app offline.
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import lighthouse from 'lighthouse';
import { chromium } from 'playwright-core';

const repo = resolve(import.meta.dirname, '../..');
process.env.EARSHOT_BIN ??= [join(repo, 'target/release/earshot'), join(repo, 'target/debug/earshot')].find(existsSync);
const chromePath = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const { startServer, setupPeople, PASSWORD } = await import('../e2e/harness.mjs');

const dist = join(repo, 'pwa/dist');
const gz = (file) => gzipSync(readFileSync(join(dist, file)), { level: 9 }).length;
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const rows = [];
const row = (what, value, budget) => rows.push([what, value, budget ?? '']);

// 1. The capture route's JavaScript: what index.html loads.
const html = readFileSync(join(dist, 'index.html'), 'utf8');
const scripts = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]);
row('capture route JS, gzipped', kb(scripts.reduce((sum, file) => sum + gz(file), 0)), '≤ 40 KB');

// 2. The precache: every file the service worker keeps.
const precache = JSON.parse(/const PRECACHE = (\[.*?\]);/.exec(readFileSync(join(dist, 'sw.js'), 'utf8'))[1]);
const raw = precache.reduce((sum, url) => sum + statSync(join(dist, url.slice(1))).size, 0);
const packed = precache.reduce((sum, url) => sum + gz(url.slice(1)), 0);
row(`precache (${precache.length} files)`, `${kb(raw)} (${kb(packed)} gzipped)`);

// 3. Lighthouse on the capture screen, signed in (the browser profile keeps the session).
const server = await startServer();
const jan = { email: 'jan.budget@example.be', name: 'Jan Budget', lang: 'nl' };
await setupPeople(server, { jan });
const profile = mkdtempSync(join(tmpdir(), 'earshot-budget-'));
const port = 9300 + Math.floor(Math.random() * 500);
const open = () =>
  chromium.launchPersistentContext(profile, {
    executablePath: chromePath,
    headless: true,
    locale: 'nl',
    args: [`--remote-debugging-port=${port}`],
  });
let context = await open();
let page = context.pages()[0] ?? (await context.newPage());
await page.goto(`${server.url}/sign-in`);
await page.getByLabel('E-mailadres').fill(jan.email);
await page.getByLabel('Wachtwoord').fill(PASSWORD);
await page.getByRole('button', { name: 'Aanmelden', exact: true }).click();
await page.getByRole('heading', { name: 'Opmerking noteren' }).waitFor();

const audit = async (label, disableStorageReset) => {
  const result = await lighthouse(`${server.url}/`, { port, output: 'json', logLevel: 'error', disableStorageReset, onlyCategories: ['performance'] });
  const { categories, audits } = result.lhr;
  row(`Lighthouse ${label}: performance`, Math.round(categories.performance.score * 100), '≥ 90');
  row(`Lighthouse ${label}: LCP`, audits['largest-contentful-paint'].displayValue, '≤ 2.5 s');
  row(`Lighthouse ${label}: TBT`, audits['total-blocking-time'].displayValue, '≤ 200 ms');
  row(`Lighthouse ${label}: CLS`, audits['cumulative-layout-shift'].displayValue, '≤ 0.1');
};
await audit('cold', false);
// Warm: load once so the service worker installs and caches, then measure again.
await page.goto(`${server.url}/`);
await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
await audit('repeat', true);

// 4. Reopen without network: the server is gone, the app opens from the service worker.
await context.close();
await server.kill();
context = await open();
page = context.pages()[0] ?? (await context.newPage());
const started = performance.now();
await page.goto(server.url).catch(() => undefined);
await page.getByRole('heading', { name: 'Opmerking noteren' }).waitFor();
row('offline reopen to the capture screen', `${Math.round(performance.now() - started)} ms`);
await context.close();
await server.restart();
await server.stop();
rmSync(profile, { recursive: true, force: true });

const width = Math.max(...rows.map(([what]) => what.length));
for (const [what, value, budget] of rows) console.log(`${what.padEnd(width)}  ${String(value).padStart(22)}  ${budget}`);
