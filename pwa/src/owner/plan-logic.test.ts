// Unit tests of what the plan screens work out (node:test): `npm run test:unit`. The browser
// tests click through the editor and the plan; these pin the request, the checks, what a change
// sends, a task's state and why a plan is at the top of the desk.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { TaskView } from './plan-api.js';
import { attentionReasons, checkRows, checkTask, DESCRIPTION_MAX, formOf, planTasks, secondsOf, taskChange, taskState } from './plan-logic.js';

const PLAN_DAY = '2030-03-10';
const row = (over: Partial<{ description: string; assignee: string; dueOn: string }> = {}) => ({
  description: 'Bel de bakker',
  assignee: 'p1',
  dueOn: '2030-03-01',
  ...over,
});
const task: TaskView = {
  id: 't1',
  description: 'Bel de bakker',
  assignee: { id: 'p1', name: 'An', active: true },
  due_on: '2030-03-01',
  late: false,
  done_at: null,
  done_by: null,
};

void test('a task needs words, an assignee and a day up to the plan date', () => {
  assert.deepEqual(checkTask(row(), PLAN_DAY), {});
  assert.deepEqual(checkTask(row({ dueOn: PLAN_DAY }), PLAN_DAY), {}, 'the plan date itself is fine');
  assert.deepEqual(checkTask(row({ description: '  \n ' }), PLAN_DAY), { description: 'blank' });
  assert.deepEqual(checkTask(row({ description: 'é'.repeat(DESCRIPTION_MAX) }), PLAN_DAY), {}, 'counted in characters');
  assert.deepEqual(checkTask(row({ description: '😀'.repeat(DESCRIPTION_MAX + 1) }), PLAN_DAY), { description: 'too_long' });
  assert.deepEqual(checkTask(row({ assignee: '' }), PLAN_DAY), { assignee: 'assignee' });
  assert.deepEqual(checkTask(row({ dueOn: '' }), PLAN_DAY), { due_on: 'date' });
  assert.deepEqual(checkTask(row({ dueOn: '2030-03-11' }), PLAN_DAY), { due_on: 'after_plan' });
});

void test("the editor's problems are at the server's pointers, by row", () => {
  assert.deepEqual(checkRows([row(), row({ description: '', dueOn: '2031-01-01' })], PLAN_DAY), {
    '/tasks/1/description': 'blank',
    '/tasks/1/due_on': 'after_plan',
  });
});

void test('the plan request is the rows in order, the words without blank lines around them', () => {
  assert.deepEqual(planTasks([row({ description: '\n Bel de bakker \n' }), row({ assignee: 'p2', dueOn: PLAN_DAY })]), [
    { description: 'Bel de bakker', assignee: 'p1', due_on: '2030-03-01' },
    { description: 'Bel de bakker', assignee: 'p2', due_on: PLAN_DAY },
  ]);
});

void test('a change sends only what differs: the same person again is no new assignee', () => {
  assert.deepEqual(taskChange(task, formOf(task)), {});
  assert.deepEqual(taskChange(task, { ...formOf(task), description: 'Bel de bakker ' }), {}, 'trailing blanks are no change');
  assert.deepEqual(taskChange(task, { ...formOf(task), assignee: 'p2' }), { assignee: 'p2' });
  assert.deepEqual(taskChange(task, { description: 'Mail de bakker', assignee: 'p1', dueOn: '2030-03-02' }), {
    description: 'Mail de bakker',
    due_on: '2030-03-02',
  });
});

void test('a task is done with its hour, else late when its day has ended, else open', () => {
  assert.equal(taskState(task), 'open');
  assert.equal(taskState({ ...task, late: true }), 'late');
  assert.equal(taskState({ ...task, late: true, done_at: 1_900_000_000 }), 'done');
});

void test('why a plan needs attention: late first, then late tasks, then disabled assignees', () => {
  const plan = { late: false, due_on: PLAN_DAY, late_tasks: 0, disabled_assignees: 0 };
  assert.deepEqual(attentionReasons(plan), []);
  assert.deepEqual(attentionReasons({ late: true, due_on: PLAN_DAY, late_tasks: 2, disabled_assignees: 1 }), [
    { key: 'plan.reason.late', vars: { day: PLAN_DAY } },
    { key: 'plan.reason.late_tasks', vars: { n: 2 } },
    { key: 'plan.reason.disabled_one', vars: {} },
  ]);
  assert.deepEqual(attentionReasons({ ...plan, late_tasks: 1, disabled_assignees: 3 }), [
    { key: 'plan.reason.late_tasks_one', vars: {} },
    { key: 'plan.reason.disabled', vars: { n: 3 } },
  ]);
});

void test('an hour is epoch seconds, or an ISO text', () => {
  assert.equal(secondsOf(1_900_000_000), 1_900_000_000);
  assert.equal(secondsOf('2030-03-10T09:00:00Z'), Date.UTC(2030, 2, 10, 9) / 1000);
});
