// The device's capture checks against the cases the server is held to as well
// (tests/fixtures/capture-checks.json; tests/api/capture_checks.rs sends them to the server).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { checkCapture, type CaptureBody } from './capture-check.js';

interface Fixtures {
  today: string;
  base: CaptureBody;
  cases: { case: string; change: unknown; errors: [string, string][] }[];
}

const fixtures = JSON.parse(
  readFileSync(new URL('../../tests/fixtures/capture-checks.json', import.meta.url), 'utf8'),
) as Fixtures;

/** JSON merge patch (RFC 7396), as the server's test applies it. */
function merged(base: unknown, change: unknown): unknown {
  if (typeof change !== 'object' || change === null || Array.isArray(change)) return change;
  const out: Record<string, unknown> = typeof base === 'object' && base !== null ? { ...(base as Record<string, unknown>) } : {};
  for (const [key, value] of Object.entries(change)) {
    if (value === null) delete out[key];
    else out[key] = merged(out[key], value);
  }
  return out;
}

void test('the device refuses what the server refuses, field by field, and takes what it takes', () => {
  assert.ok(fixtures.cases.length >= 40);
  for (const c of fixtures.cases) {
    const body = merged(fixtures.base, c.change) as CaptureBody;
    const found = checkCapture(body, fixtures.today, []).map((i) => `${i.pointer} ${i.code}`).sort();
    const expected = c.errors.map(([pointer, code]) => `${pointer} ${code}`).sort();
    assert.deepEqual(found, expected, c.case);
  }
});

void test('a limit is quoted with its problem', () => {
  const long = merged(fixtures.base, { facts: 'f'.repeat(4001) }) as CaptureBody;
  assert.deepEqual(checkCapture(long, fixtures.today, []), [{ pointer: '/facts', code: 'too-long', limit: 4000 }]);
  const offered = merged(fixtures.base, { topic_id: 'a-topic' }) as CaptureBody;
  assert.deepEqual(checkCapture(offered, fixtures.today, ['a-topic']), []);
});
