// Unit tests of what the decision editor works out (node:test): `npm run test:unit`. The browser
// tests click through the editor; these pin the request, the pointers and the checks.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { caseIdFrom, checkChoice, decisionRequest, localErrors, localPointer, NO_WORDS, type Choice } from './decision-logic.js';

const ID = '0b9f7c3e-5d2a-4c1b-9e8f-1a2b3c4d5e6f';
const view = { version: 3, remarks: [{ remark: { id: 'r1' }, version: 2 }, { remark: { id: 'r2' }, version: 5 }] };
const choice = (over: Partial<Choice>): Choice => ({
  kind: 'no_action',
  words: {},
  languages: ['nl', 'fr'],
  changing: false,
  hearAgainOn: '',
  duplicateOf: '',
  ...over,
});

void test('a case is named by its number or by a pasted link', () => {
  assert.equal(caseIdFrom(ID), ID);
  assert.equal(caseIdFrom(`  ${ID.toUpperCase()} `), ID);
  assert.equal(caseIdFrom(`https://earshot.example.be/owner/case/${ID}`), ID);
  assert.equal(caseIdFrom(`/owner/case/${ID}?x=1`), ID);
  assert.equal(caseIdFrom(`https://earshot.example.be/owner/${ID}`), null, 'a remark is not a case');
  assert.equal(caseIdFrom('brood'), null);
  assert.equal(caseIdFrom(''), null);
});

void test('the request names every remark with its version, and only the words written', () => {
  const { body, sent } = decisionRequest(
    view,
    choice({ words: { fr: { ...NO_WORDS, outcome: 'Parce que.', feeling: '  ' }, nl: NO_WORDS }, hearAgainOn: '2030-01-02' }),
  );
  assert.deepEqual(body.remarks, [
    { id: 'r1', version: 2 },
    { id: 'r2', version: 5 },
  ]);
  assert.equal(body.version, 3);
  assert.deepEqual(body.texts, [{ language: 'fr', outcome: 'Parce que.' }], 'Dutch left out, blank parts not sent');
  assert.deepEqual(sent, ['fr']);
  assert.equal(body.hear_again_on, '2030-01-02');
  assert.equal(body.duplicate_of, undefined);
});

void test('a change is sent only when changing; a duplicate sends no words and no day', () => {
  const words = { nl: { ...NO_WORDS, outcome: 'Nee.', change: 'Omdat.' } };
  assert.deepEqual(decisionRequest(view, choice({ words })).body.texts, [{ language: 'nl', outcome: 'Nee.' }]);
  assert.deepEqual(decisionRequest(view, choice({ words, changing: true })).body.texts, [{ language: 'nl', outcome: 'Nee.', change: 'Omdat.' }]);
  const duplicate = decisionRequest(view, choice({ kind: 'duplicate', words, hearAgainOn: '2030-01-02', duplicateOf: `/owner/case/${ID}` })).body;
  assert.deepEqual(duplicate.texts, []);
  assert.equal(duplicate.hear_again_on, undefined);
  assert.equal(duplicate.duplicate_of, ID);
});

void test("the server's pointers lead to the language that was sent at that place", () => {
  assert.equal(localPointer('/texts/0/outcome', ['fr'], ['nl', 'fr']), '/texts/fr/outcome');
  assert.equal(localPointer('/texts/1/change', ['nl', 'fr'], ['nl', 'fr']), '/texts/fr/change');
  assert.equal(localPointer('/texts', [], ['nl', 'fr']), '/texts/nl/outcome');
  assert.equal(localPointer('/texts/0', ['fr'], ['nl', 'fr']), '/texts/fr/outcome');
  assert.equal(localPointer('/hear_again_on', ['nl'], ['nl']), '/hear_again_on');
  assert.deepEqual(localErrors({ '/texts/0/outcome': 'Te kort.', '': 'Nee.' }, ['nl'], ['nl']), { '/texts/nl/outcome': 'Te kort.', '': 'Nee.' });
});

void test('before sending: a kind, a day to act by, a reason, a change, a case to point at', () => {
  assert.deepEqual(checkChoice({ languages: ['nl'], words: {}, changing: false }), { '/kind': 'kind' });
  assert.deepEqual(checkChoice(choice({})), { '/texts/nl/outcome': 'blank' }, 'no reason at all: the first language');
  assert.deepEqual(checkChoice(choice({ words: { fr: { ...NO_WORDS, facts: 'x' } } })), { '/texts/fr/outcome': 'blank' });
  assert.deepEqual(checkChoice(choice({ words: { fr: { ...NO_WORDS, outcome: 'x' } } })), {}, 'Dutch may be left out');
  assert.deepEqual(checkChoice(choice({ kind: 'act', words: { nl: { ...NO_WORDS, outcome: 'x' } } })), { '/hear_again_on': 'date' });
  assert.deepEqual(checkChoice(choice({ kind: 'praise' })), {}, 'praise asks for nothing');
  assert.deepEqual(checkChoice(choice({ kind: 'praise', changing: true })), { '/texts/nl/change': 'blank' });
  assert.deepEqual(checkChoice(choice({ kind: 'duplicate', duplicateOf: 'brood' })), { '/duplicate_of': 'duplicate' });
  assert.deepEqual(checkChoice(choice({ kind: 'duplicate', duplicateOf: ID, changing: true })), {});
});
