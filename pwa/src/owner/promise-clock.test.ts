// Unit tests of the promise clock and the live preview (node:test): `npm run test:unit`. The
// end-to-end tests move the server's clock and read the screen; these pin the numbers.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { livePreview, promiseClock } from './promise-clock.js';

const NOW = 1_795_428_000;
const H = 3600;
const D = 24 * H;

void test('time left: minutes under an hour, hours under two days, then days, rounded down', () => {
  assert.deepEqual(promiseClock(NOW + 40 * 60, NOW), { late: false, amount: 40, unit: 'min' });
  assert.deepEqual(promiseClock(NOW + H, NOW), { late: false, amount: 1, unit: 'h' });
  assert.deepEqual(promiseClock(NOW + 5 * H + 59 * 60, NOW), { late: false, amount: 5, unit: 'h' });
  assert.deepEqual(promiseClock(NOW + 2 * D - 1, NOW), { late: false, amount: 47, unit: 'h' });
  assert.deepEqual(promiseClock(NOW + 2 * D, NOW), { late: false, amount: 2, unit: 'd' });
  assert.deepEqual(promiseClock(NOW + 6 * D + 23 * H, NOW), { late: false, amount: 6, unit: 'd' });
});

void test('late from the very instant of the promise, by as much as it is late', () => {
  assert.deepEqual(promiseClock(NOW, NOW), { late: true, amount: 1, unit: 'min' }, 'due now is late, never "0"');
  assert.deepEqual(promiseClock(NOW - 59, NOW), { late: true, amount: 1, unit: 'min' });
  assert.deepEqual(promiseClock(NOW - 3 * H - 20 * 60, NOW), { late: true, amount: 3, unit: 'h' });
  assert.deepEqual(promiseClock(NOW - 3 * D, NOW), { late: true, amount: 3, unit: 'd' });
});

void test('a second before its instant is not late yet, and says at least one minute', () => {
  assert.deepEqual(promiseClock(NOW + 1, NOW), { late: false, amount: 1, unit: 'min' });
});

const draft = {
  apology: 'Sorry dat je zo lang moest wachten.',
  text: 'Je was boos over de bus.',
  facts: ['Je vertelde ons op zaterdag 28 november: de bus kwam niet.'],
  date_line: 'Ten laatste op dinsdag 8 december 2026 hoor je van ons.',
  preview:
    'Sorry dat je zo lang moest wachten.\n\nJe was boos over de bus.\n\nJe vertelde ons op zaterdag 28 november: de bus kwam niet.\n\nTen laatste op dinsdag 8 december 2026 hoor je van ons.',
};

void test("the preview shows the owner's text in place of the draft's, trimmed, the fixed parts as they are", () => {
  assert.equal(livePreview(draft, draft.text), draft.preview);
  assert.equal(
    livePreview(draft, '  We begrijpen dat je $& boos was.\n'),
    'Sorry dat je zo lang moest wachten.\n\nWe begrijpen dat je $& boos was.\n\nJe vertelde ons op zaterdag 28 november: de bus kwam niet.\n\nTen laatste op dinsdag 8 december 2026 hoor je van ons.',
  );
});

void test("without the draft's text in the preview, the parts are put together in the server's order", () => {
  const other = { ...draft, preview: 'something else' };
  assert.equal(livePreview(other, ' Nieuw. '), `${draft.apology}\n\nNieuw.\n\n${draft.facts[0]}\n\n${draft.date_line}`);
  assert.equal(livePreview({ ...other, apology: null, facts: undefined }, 'Nieuw.'), `Nieuw.\n\n${draft.date_line}`);
});
