// The app shell as it is today, in every language: served by the binary, in the browser's
// language, the server's readiness shown, no serious accessibility violation, no sideways
// scrolling at 320 px. Screens of issue 8 extend this suite.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { AxeBuilder } from '@axe-core/playwright';
import { launchBrowser, phonePage, screenshot, startServer } from './harness.mjs';

let server;
let browser;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const catalog = (lang) =>
  JSON.parse(readFileSync(new URL(`../../pwa/src/locales/${lang}.json`, import.meta.url), 'utf8'));

for (const lang of ['nl', 'fr', 'en']) {
  test(`the app opens in ${lang}, accessible, without sideways scrolling at 320 px`, async () => {
    const { context, page } = await phonePage(browser, lang, 320, 640);
    try {
      await page.goto(server.url);
      assert.equal(await page.getAttribute('html', 'lang'), lang);
      const status = page.getByRole('status');
      await status.and(page.locator('[data-state="server.ready"]')).waitFor();
      assert.equal(await status.textContent(), catalog(lang)['server.ready']);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `scrolls sideways by ${overflow} px`);
      const { violations } = await new AxeBuilder({ page }).analyze();
      const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      assert.deepEqual(serious.map((v) => `${v.id}: ${v.help}`), []);
      await screenshot(page, 'start', lang);
    } finally {
      await context.close();
    }
  });
}
