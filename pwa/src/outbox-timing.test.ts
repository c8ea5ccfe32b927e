// Unit tests of the outbox's timing (node:test): `npm run test:unit`. The end-to-end tests see
// the outbox as a person does; these pin the numbers.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_TIMING, MAX_BACKOFF, backoff, pickOne, readTiming, spacing } from './outbox-timing.js';

const fixed = (value: number) => () => value;

void test('the back-off doubles from its base and stops at ten minutes', () => {
  const middle = fixed(0.5); // no jitter: 0.75 + 0.5 / 2 = 1
  assert.deepEqual([1, 2, 3, 4].map((n) => backoff(n, 5000, middle)), [5000, 10000, 20000, 40000]);
  assert.equal(backoff(8, 5000, middle), MAX_BACKOFF, '5 s × 2⁷ is over ten minutes');
  assert.equal(backoff(50, 5000, middle), MAX_BACKOFF);
});

void test('the back-off jitters by a quarter either way, never more', () => {
  assert.equal(backoff(1, 4000, fixed(0)), 3000);
  assert.equal(backoff(1, 4000, fixed(0.999999)), 4000 * (0.75 + 0.999999 / 2));
  for (let i = 0; i < 1000; i++) {
    const delay = backoff(3, 5000, Math.random);
    assert.ok(delay >= 15000 && delay < 25000, `${delay}`);
  }
});

void test('a backlog is spaced within its bounds, and a reversed range does not go below its low end', () => {
  assert.equal(spacing([1000, 30000], fixed(0)), 1000);
  assert.equal(spacing([1000, 30000], fixed(0.5)), 15500);
  assert.equal(spacing([5000, 1000], fixed(0.9)), 5000);
});

void test('the pick shuffles: every due item can be first, and nothing is picked from nothing', () => {
  const due = ['a', 'b', 'c', 'd'];
  assert.deepEqual([0, 0.25, 0.5, 0.99].map((r) => pickOne(due, fixed(r))), due);
  const seen = new Set<string>();
  for (let i = 0; i < 200; i++) seen.add(pickOne(due, Math.random) ?? '');
  assert.equal(seen.size, 4);
  assert.equal(pickOne([], Math.random), undefined);
});

void test('stored timing overrides the defaults field by field; unreadable JSON is ignored', () => {
  assert.deepEqual(readTiming(null), DEFAULT_TIMING);
  assert.deepEqual(readTiming('{"backoff": 50}'), { ...DEFAULT_TIMING, backoff: 50 });
  assert.deepEqual(readTiming('{not json'), DEFAULT_TIMING);
});
