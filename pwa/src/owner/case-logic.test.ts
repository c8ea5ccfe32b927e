// Unit tests of what the case screens decide (node:test): `npm run test:unit`. The browser tests
// click through the screens; these pin the title, the action and the numbers.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { firstLine, hourLabel, percent, suggestionAction, titleFrom, titleLength } from './case-logic.js';

void test('a made title is the first line that says something, trimmed, in one line', () => {
  assert.equal(titleFrom('  Het brood was om tien uur al op.  \nEn de croissants ook.'), 'Het brood was om tien uur al op.');
  assert.equal(titleFrom('\n\n  Geen brood\tmeer  '), 'Geen brood meer');
  assert.equal(firstLine('\r\nLes tartes\r\nétaient en retard'), 'Les tartes');
  assert.equal(titleFrom(''), '');
});

void test('a long first line is cut to 80 characters, the last one "…"', () => {
  const long = 'a'.repeat(100);
  const title = titleFrom(long);
  assert.equal(titleLength(title), 80);
  assert.ok(title.endsWith('…'));
  assert.equal(titleFrom('b'.repeat(80)), 'b'.repeat(80), 'exactly 80 is kept whole');
});

void test('a cut never splits a character in two, and leaves no space before "…"', () => {
  const title = titleFrom('🥐'.repeat(90));
  assert.equal(titleLength(title), 80);
  assert.equal(Array.from(title)[78], '🥐');
  const spaced = titleFrom(`${'x'.repeat(78)} ${'y'.repeat(20)}`);
  assert.equal(spaced, `${'x'.repeat(78)}…`);
});

void test('each suggestion offers the one action that fits', () => {
  assert.equal(suggestionAction(false, false), 'group');
  assert.equal(suggestionAction(true, false), 'join');
  assert.equal(suggestionAction(true, true), 'merge');
  assert.equal(suggestionAction(false, true), 'take');
});

void test('a score is a whole percentage between 0 and 100', () => {
  assert.equal(percent(0.724), 72);
  assert.equal(percent(0.725), 73);
  assert.equal(percent(0.08), 8);
  assert.equal(percent(1.2), 100);
  assert.equal(percent(-0.1), 0);
});

void test('an event\'s hour shows the day and the hour, never the seconds', () => {
  const at = Date.UTC(2025, 11, 2, 13) / 1000;
  for (const lang of ['nl', 'fr', 'en']) {
    const label = hourLabel(at, lang);
    assert.match(label, /\b2\b/, `${lang}: the day in ${label}`);
    assert.match(label, /\d{2}[:.h]00/, `${lang}: the hour in ${label}`);
    assert.doesNotMatch(label, /\d{2}[:.]00[:.]00/, `${lang}: no seconds in ${label}`);
  }
});
