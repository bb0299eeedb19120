// The voter page's pure parts: the quota, the in-app browser advice, the receipt's reading form.
import test from 'node:test';
import assert from 'node:assert/strict';
import { Choices } from '../src/pages/choices.js';
import { inAppBrowser } from '../src/pages/in-app.js';
import { shortReceipt } from '../src/pages/receipt.js';

const definition = { sections: [{ id: 's1', candidates: ['s1c1', 's1c2', 's1c3'], quota: 2 }, { id: 's2', candidates: ['s2c1'], quota: 1 }] };

test('a section takes at most its quota of marks, and unmarking frees a place', () => {
  const choices = new Choices(definition);
  assert.equal(choices.toggle('s1', 's1c3'), true);
  assert.equal(choices.toggle('s1', 's1c1'), true);
  assert.equal(choices.toggle('s1', 's1c2'), false);
  assert.deepEqual(choices.toJSON(), { s1: ['s1c1', 's1c3'], s2: [] });
  assert.equal(choices.toggle('s1', 's1c1'), true);
  assert.equal(choices.toggle('s1', 's1c2'), true);
  assert.equal(choices.count('s1'), 2);
  assert.throws(() => choices.toggle('s1', 's2c1'));
});

test('Zalo and Facebook are recognised as in-app browsers; Chrome and Safari are not', () => {
  assert.equal(inAppBrowser('Mozilla/5.0 (Linux; Android 13) AppleWebKit/537.36 Chrome/120 Mobile Safari/537.36 Zalo android/12100'), 'Zalo');
  assert.equal(inAppBrowser('Mozilla/5.0 (iPhone; CPU iPhone OS 17_0) Mobile/15E148 [FBAN/FBIOS;FBAV/440.0]'), 'Facebook');
  assert.equal(inAppBrowser('Mozilla/5.0 (Linux; Android 13) AppleWebKit/537.36 Chrome/120 Mobile Safari/537.36'), '');
  assert.equal(inAppBrowser('Mozilla/5.0 (iPhone; CPU iPhone OS 17_0) Version/17.0 Mobile/15E148 Safari/604.1'), '');
});

test('a receipt reads as four groups of four upper-case hex digits', () => {
  assert.equal(shortReceipt('3f2a9c0177be0d44aa'), '3F2A 9C01 77BE 0D44');
});

test('the desk deals in a random order of its own, and keeps a margin for replacements', async () => {
  const { poolSize, shuffled, qrSvg } = await import('../src/pages/dealing.js');
  const items = Array.from({ length: 50 }, (_, i) => i);
  const order = shuffled(items);
  assert.deepEqual([...order].sort((x, y) => x - y), items);
  assert.notDeepEqual(order, items);
  assert.deepEqual(shuffled([1, 2, 3], () => 0), [2, 3, 1]);
  assert.equal(poolSize(16), 21);
  assert.equal(poolSize(100), 120);
  assert.match(qrSvg('http://10.0.0.2/vote/x#0123'), /^<svg[^>]*viewBox/);
});
