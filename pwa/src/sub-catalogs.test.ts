// The chunks' own catalogs (src/locales/<chunk>/: decisions, plans, tasks) are typed against
// their Dutch one, which catches a missing key; this catches the rest, as the main catalogs'
// test does for those: an extra key, an empty text, a placeholder lost in translation.
// Run from the package (`npm run test:unit`), so the path is the source tree's.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

const root = join(process.cwd(), 'src', 'locales');
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

for (const chunk of readdirSync(root, { withFileTypes: true }).filter((entry) => entry.isDirectory())) {
  void test(`the ${chunk.name} catalogs hold the same keys, none empty, with the same placeholders`, () => {
    const load = (lang: string) => JSON.parse(readFileSync(join(root, chunk.name, `${lang}.json`), 'utf8')) as Record<string, string>;
    const nl = load('nl');
    for (const lang of ['fr', 'en']) {
      const other = load(lang);
      assert.deepEqual(Object.keys(other).sort(), Object.keys(nl).sort(), `${lang} has exactly the Dutch keys`);
      for (const [key, text] of Object.entries(nl)) {
        assert.ok(text.trim() && other[key].trim(), `${lang}: ${key} is empty`);
        assert.deepEqual(placeholders(other[key]), placeholders(text), `${lang}: ${key} placeholders`);
      }
    }
  });
}
