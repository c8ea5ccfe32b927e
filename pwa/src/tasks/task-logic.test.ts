// Unit tests of the bookkeeping of tasks marked done on this device (node:test):
// `npm run test:unit`. The browser tests mark a task done offline and bring the network back;
// these pin the outbox keys, what waits, what was refused and when the list is asked again.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { MyTask } from './tasks-api.js';
import { addDropped, doneItemId, donePath, leftQueue, queueState, shownOpen } from './task-logic.js';

const item = (task: string, over: Record<string, unknown> = {}) => ({
  id: doneItemId(task),
  kind: 'task-done',
  draft: { task, description: `Taak ${task}` },
  ...over,
});

void test('a task marked done is one outbox item, however often pressed, sent to its own path', () => {
  assert.equal(doneItemId('t1'), doneItemId('t1'));
  assert.notEqual(doneItemId('t1'), doneItemId('t2'));
  assert.equal(donePath('t1'), '/me/tasks/t1/done');
});

void test('what waits and what was refused, among the other items of the outbox', () => {
  const { waiting, refused } = queueState([
    item('t1'),
    item('t2', { refused: { '': 'Niet gevonden.' } }),
    { id: 'r1', kind: 'capture', draft: { name: 'An', facts: '…' } },
    { id: 'a1', kind: 'answer' },
    // An item without its draft still names its task by its key.
    { id: doneItemId('t3'), kind: 'task-done' },
  ]);
  assert.deepEqual([...waiting].sort(), ['t1', 't3']);
  assert.deepEqual(refused, [{ task: 't2', description: 'Taak t2' }]);
});

void test('the list is asked again when a waiting "done" leaves the outbox, not when one joins', () => {
  assert.deepEqual(leftQueue(new Set(['t1', 't2']), new Set(['t2'])), ['t1']);
  assert.deepEqual(leftQueue(new Set(['t1']), new Set(['t1', 't2'])), []);
  assert.deepEqual(leftQueue(new Set(), new Set()), []);
});

void test('an open task whose "done" waits is shown as queued', () => {
  const task = (id: string): MyTask => ({
    id,
    description: id,
    due_on: '2030-03-01',
    late: false,
    done_at: null,
    case_title: 'Brood',
    outcome: 'We bakken meer.',
    plan_due_on: '2030-03-10',
  });
  const shown = shownOpen([task('t1'), task('t2')], new Set(['t2']));
  assert.deepEqual(
    shown.map((t) => [t.id, t.queued]),
    [
      ['t1', false],
      ['t2', true],
    ],
  );
});

void test('a refused "done" is said once per task', () => {
  const said = [{ task: 't1', description: 'a' }];
  assert.equal(addDropped(said, [{ task: 't1', description: 'a' }]), said, 'nothing new: the same list');
  assert.deepEqual(addDropped(said, [{ task: 't2', description: 'b' }, { task: 't2', description: 'b' }]), [
    { task: 't1', description: 'a' },
    { task: 't2', description: 'b' },
  ]);
});
