// No missing translation: the three catalogs hold the same keys, none empty, with the same
// placeholders; every key the code names exists (the literal ones, and each member of the
// families it builds: feeling.*, place.*, lang.*).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const src = new URL('../../pwa/src/', import.meta.url).pathname;
const load = (lang) => JSON.parse(readFileSync(join(src, 'locales', `${lang}.json`), 'utf8'));
const catalogs = { nl: load('nl'), fr: load('fr'), en: load('en') };
const placeholders = (s) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

function sources(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.(ts|tsx)$/.test(name) ? [readFileSync(path, 'utf8')] : [];
  });
}

test('the catalogs hold the same keys, none empty, with the same placeholders', () => {
  const keys = Object.keys(catalogs.nl).sort();
  for (const lang of ['fr', 'en']) {
    assert.deepEqual(Object.keys(catalogs[lang]).sort(), keys, `${lang} has exactly the Dutch keys`);
    for (const key of keys) {
      assert.ok(catalogs[lang][key].trim(), `${lang}: ${key} is empty`);
      assert.deepEqual(placeholders(catalogs[lang][key]), placeholders(catalogs.nl[key]), `${lang}: ${key} placeholders`);
    }
  }
});

test('every key the app names exists', () => {
  const code = sources(src).join('\n');
  const literal = [...code.matchAll(/\bt\(\s*'([a-z_]+\.[a-z_.]+)'/g)].map((m) => m[1]);
  const families = {
    feeling: ['very_frustrated', 'frustrated', 'neutral', 'pleased', 'delighted'],
    place: ['party', 'school', 'sports_club', 'hairdresser', 'shop', 'family', 'other'],
    lang: ['nl', 'fr', 'en'],
  };
  const built = Object.entries(families).flatMap(([family, members]) => members.map((m) => `${family}.${m}`));
  assert.ok(literal.length > 50, `found ${literal.length} keys in the code`);
  const missing = [...new Set([...literal, ...built])].filter((key) => !(key in catalogs.nl));
  assert.deepEqual(missing, []);
});
