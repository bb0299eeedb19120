// What a refused card code tells the person typing it (js/src/pages/code-typo.js).
import test from 'node:test';
import assert from 'node:assert/strict';
import { code } from '../src/card-code.js';
import { codeTypo } from '../src/pages/code-typo.js';

const good = code(new Uint8Array(16).fill(7));

test('a character that is on no card is named', () => {
  assert.deepEqual(codeTypo(`${good.slice(0, 5)}U${good.slice(6)}`), { key: 'code.typo.character', values: { c: 'U' } });
});

test('a missing or extra character is counted, hyphens and spaces aside', () => {
  assert.deepEqual(codeTypo(good.slice(0, 26)), { key: 'code.typo.length', values: { n: 26 } });
  assert.deepEqual(codeTypo(`${good.match(/.{1,4}/g).join('-')} 1`), { key: 'code.typo.length', values: { n: 28 } });
});

test('a first character above 7 is said, otherwise the check points at a typo', () => {
  assert.deepEqual(codeTypo(`9${good.slice(1)}`), { key: 'code.typo.first', values: {} });
  const last = good[26] === '0' ? '1' : '0';
  assert.deepEqual(codeTypo(`${good.slice(0, 26)}${last}`), { key: 'code.typo.check', values: {} });
});
