// The e2e harness: the real earshot binary on a fresh SQLite file and port 0, and Debian's
// Chromium (playwright-core, no browser download). Each test owns its server and its browser.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { chromium } from 'playwright-core';

const repo = resolve(import.meta.dirname, '../..');
const binary = process.env.EARSHOT_BIN ?? join(repo, 'target/debug/earshot');
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Start `earshot serve` on a fresh SQLite database; resolves once it listens. */
export async function startServer(extraEnv = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'earshot-e2e-'));
  const child = spawn(binary, ['serve'], {
    env: {
      ...process.env,
      EARSHOT_DATA_DIR: join(dir, 'data'),
      EARSHOT_KEY_DIR: join(dir, 'keys'),
      EARSHOT_DATABASE_URL: `sqlite://${join(dir, 'data', 'earshot.sqlite3')}`,
      EARSHOT_HOST: '127.0.0.1',
      EARSHOT_PORT: '0',
      EARSHOT_LOG_FORMAT: 'json',
      ...extraEnv,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const logs = [];
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
  return {
    url: `http://127.0.0.1:${port}`,
    logs,
    async stop() {
      child.kill('SIGTERM');
      await new Promise((ok) => (child.exitCode !== null ? ok() : child.once('exit', ok)));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Debian's Chromium, headless. */
export function launchBrowser() {
  return chromium.launch({ executablePath: chromiumPath, headless: true });
}

/** A phone-sized page in a language (Accept-Language and navigator.languages). */
export async function phonePage(browser, locale, width = 360, height = 740) {
  const context = await browser.newContext({ locale, viewport: { width, height }, deviceScaleFactor: 2 });
  return { context, page: await context.newPage() };
}

/** A 360×740 screenshot of a screen in a language, kept in test-artifacts/screenshots for CI. */
export async function screenshot(page, screen, lang) {
  const dir = join(repo, 'test-artifacts', 'screenshots');
  mkdirSync(dir, { recursive: true });
  await page.setViewportSize({ width: 360, height: 740 });
  const path = join(dir, `${screen}-${lang}.png`);
  await page.screenshot({ path });
  return path;
}
