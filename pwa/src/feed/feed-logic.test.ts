// Unit tests of what the feed and the choice of mail work out (node:test): `npm run test:unit`.
// The browser test (tests/e2e/feed.test.mjs) reads the screens; these pin the words chosen for
// the figures and a plan, how pages join, the digest's hours and what a save sends.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { FeedItem, NewsChoices } from './feed-api.js';
import { appendPage, byLine, figureLines, hearAgain, hourLabel, HOURS, kindKey, outcomeKey, planLine, sameChoices, savedLine, SLIP_HOURS, slipChoices, slipLine, toSend } from './feed-logic.js';

const figures = (decisions: number, due: number, onTime: number, percent: number | null) => ({
  decisions,
  answers_due: due,
  on_time: onTime,
  on_time_percent: percent,
});

const item = (id: string, over: Partial<FeedItem> = {}): FeedItem => ({
  id,
  case_id: `case-${id}`,
  title: `Geval ${id}`,
  kind: 'no_action',
  version: 1,
  ended: false,
  day: '2030-03-04',
  by: 'Sofie Maes',
  language: 'nl',
  outcome: 'De oven is te klein.',
  change: '',
  hear_again_on: null,
  same_as: null,
  said: [],
  plan: null,
  ...over,
});

void test('the figures: none, one or more decisions; the share in time, or that none was due yet', () => {
  assert.deepEqual(figureLines(figures(0, 0, 0, null)), [{ key: 'feed.figures.decisions_none' }, { key: 'feed.figures.none_due' }]);
  assert.deepEqual(figureLines(figures(1, 4, 3, 75))[0], { key: 'feed.figures.decisions_one' });
  assert.deepEqual(figureLines(figures(7, 4, 3, 75)), [
    { key: 'feed.figures.decisions', vars: { count: 7 } },
    { key: 'feed.figures.on_time', vars: { percent: 75, on_time: 3, due: 4 } },
  ]);
  // Everything due was late: 0 % is a figure, not "nothing was due".
  assert.equal(figureLines(figures(2, 3, 0, 0))[1].key, 'feed.figures.on_time');
});

void test('a plan: done on its day, else how many tasks are done and its date', () => {
  assert.deepEqual(planLine({ due_on: '2030-03-10', done_on: '2030-03-08', tasks: 2, tasks_done: 2 }), {
    key: 'feed.plan.done',
    vars: { day: '2030-03-08' },
  });
  assert.deepEqual(planLine({ due_on: '2030-03-10', done_on: null, tasks: 4, tasks_done: 3 }), {
    key: 'feed.plan.tasks',
    vars: { done: 3, tasks: 4, day: '2030-03-10' },
  });
  assert.deepEqual(planLine({ due_on: '2030-03-10', done_on: null, tasks: 1, tasks_done: 0 }), {
    key: 'feed.plan.tasks_one',
    vars: { done: 0, day: '2030-03-10' },
  });
  assert.deepEqual(planLine({ due_on: '2030-03-10', done_on: null, tasks: 0, tasks_done: 0 }), { key: 'feed.plan.due', vars: { day: '2030-03-10' } });
});

void test('each kind has its words and its label for the owner\'s words', () => {
  const kinds = ['act', 'no_action', 'already_done', 'duplicate', 'praise'] as const;
  assert.deepEqual(
    kinds.map(kindKey),
    kinds.map((k) => `feed.kind.${k}`),
  );
  assert.equal(outcomeKey('no_action'), 'feed.outcome.no_action');
});

void test('who decided, and a changed decision says it was changed', () => {
  assert.deepEqual(byLine(item('a')), { key: 'feed.decided_by', vars: { day: '2030-03-04', name: 'Sofie Maes' } });
  assert.equal(byLine(item('a', { version: 2 })).key, 'feed.changed_by');
});

void test('an act without a plan says by when its customers hear; with a plan, the plan says it', () => {
  assert.equal(hearAgain(item('a', { kind: 'act', hear_again_on: '2030-03-20' })), '2030-03-20');
  assert.equal(hearAgain(item('a', { kind: 'act', hear_again_on: '2030-03-20', plan: { due_on: '2030-03-20', done_on: null, tasks: 1, tasks_done: 0 } })), null);
  assert.equal(hearAgain(item('a', { kind: 'no_action', hear_again_on: '2030-03-20' })), null);
});

void test('an older page goes below, each decision once', () => {
  const shown = [item('a'), item('b')];
  assert.deepEqual(
    appendPage(shown, [item('b'), item('c')]).map((i) => i.id),
    ['a', 'b', 'c'],
  );
  assert.deepEqual(appendPage([], [item('c')]).map((i) => i.id), ['c']);
});

void test('the digest\'s hours are 0 to 23, written as a clock does', () => {
  assert.equal(HOURS.length, 24);
  assert.equal(HOURS[0], 0);
  assert.equal(HOURS[23], 23);
  assert.equal(hourLabel(8), '08:00');
  assert.equal(hourLabel(0), '00:00');
  assert.equal(hourLabel(23), '23:00');
});

void test('a save sends every choice; someone who is not an owner sends the alerts back as they were', () => {
  const loaded: NewsChoices = { staff_mail: 'digest', digest_hour: 8, owner_alerts: 'each', slip_hours: 24 };
  const chosen: NewsChoices = { staff_mail: 'each', digest_hour: 17, owner_alerts: 'none', slip_hours: 4 };
  assert.deepEqual(toSend(chosen, loaded, true), chosen);
  assert.deepEqual(toSend(chosen, loaded, false), { staff_mail: 'each', digest_hour: 17, owner_alerts: 'each', slip_hours: 24 });
});

void test('"saved" says what comes from now on', () => {
  assert.deepEqual(savedLine({ staff_mail: 'digest', digest_hour: 7, owner_alerts: 'each', slip_hours: 24 }), { key: 'news.saved_digest', vars: { hour: '07:00' } });
  assert.deepEqual(savedLine({ staff_mail: 'each', digest_hour: 7, owner_alerts: 'each', slip_hours: 24 }), { key: 'news.saved_each' });
  assert.deepEqual(savedLine({ staff_mail: 'none', digest_hour: 7, owner_alerts: 'each', slip_hours: 24 }), { key: 'news.saved_none' });
  const a: NewsChoices = { staff_mail: 'none', digest_hour: 7, owner_alerts: 'each', slip_hours: 24 };
  assert.ok(sameChoices(a, { ...a }));
  assert.ok(!sameChoices(a, { ...a, digest_hour: 8 }));
  assert.ok(!sameChoices(a, { ...a, slip_hours: 48 }));
});

void test('slipping promises: the hours offered keep a value set elsewhere; days from 48 hours on', () => {
  assert.deepEqual(slipChoices(24), [...SLIP_HOURS]);
  assert.deepEqual(slipChoices(5), [2, 4, 5, 8, 12, 24, 48, 72, 168]);
  assert.deepEqual(slipLine(1), { key: 'news.slip.hour' });
  assert.deepEqual(slipLine(24), { key: 'news.slip.hours', vars: { hours: 24 } });
  assert.deepEqual(slipLine(50), { key: 'news.slip.hours', vars: { hours: 50 } });
  assert.deepEqual(slipLine(72), { key: 'news.slip.days', vars: { days: 3 } });
});
