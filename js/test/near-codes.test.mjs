// Where a mistyped card code is probably wrong (js/src/near-codes.js), and the worker's 'near'
// request that derives the near codes' keys against the conference's card list.
import test from 'node:test';
import assert from 'node:assert/strict';
import { ALPHABET, checkCharacter, code } from '../src/card-code.js';
import { nearCodes, typoGroups } from '../src/near-codes.js';
import { ready } from '../src/sodium.js';
import { makePool } from '../src/cards.js';
import { handle } from '../src/worker-protocol.js';
import { typoNear } from '../src/pages/code-typo.js';

const cards = [7, 99, 200].map((seed) => code(new Uint8Array(16).map((_, i) => (seed * (i + 3)) % 256)));
const isCard = (candidate) => cards.includes(candidate);
const replace = (text, at, symbol) => text.slice(0, at) + symbol + text.slice(at + 1);
const swap = (text, at) => text.slice(0, at) + text[at + 1] + text[at] + text.slice(at + 2);
const other = (symbol) => ALPHABET[(ALPHABET.indexOf(symbol) + 5) % 32];

test('every near code passes the check, is one typo away, and the card itself is among them', () => {
  const typed = replace(cards[0], 10, other(cards[0][10]));
  const near = nearCodes(typed);
  assert.ok(near.length > 20);
  for (const { code: candidate } of near) {
    assert.equal(checkCharacter(candidate.slice(0, 26)), candidate[26]);
    const differing = [...candidate].filter((c, i) => c !== typed[i]).length;
    assert.ok(differing === 1 || differing === 2, candidate);
  }
  assert.ok(near.some((n) => n.code === cards[0]));
  assert.deepEqual(nearCodes('TOO SHORT'), []);
});

test('one wrong character is placed in its printed group, wherever it is (the check too)', () => {
  for (const card of cards) {
    for (let at = 0; at < 27; at++) {
      // A first character above 7 is refused as such before any search.
      const typed = replace(card, at, at === 0 ? String((Number(card[0]) + 1) % 8) : other(card[at]));
      const from = Math.floor(at / 4) * 4 + 1;
      assert.deepEqual(typoGroups(typed, isCard), { from, to: Math.min(from + 3, 27) }, `${card} at ${at}`);
    }
  }
});

test('two swapped neighbours are placed: one group, or the two they straddle', () => {
  const card = cards[1];
  const at = [...card].findIndex((c, i) => i > 0 && i < 25 && c !== card[i + 1] && i % 4 === 1);
  assert.deepEqual(typoGroups(swap(card, at), isCard), { from: Math.floor(at / 4) * 4 + 1, to: Math.floor(at / 4) * 4 + 4 });
  const edge = [3, 7, 11, 15, 19].find((i) => card[i] !== card[i + 1]);
  assert.deepEqual(typoGroups(swap(card, edge), isCard), { from: edge - 2, to: edge + 5 });
});

test('nothing is placed when no card, or no single card, is one typo away', () => {
  const twice = replace(replace(cards[2], 3, other(cards[2][3])), 20, other(cards[2][20]));
  assert.equal(typoGroups(twice, isCard), null);
  assert.equal(typoGroups(replace(cards[2], 5, other(cards[2][5])), () => false), null);
  // Any card near: then which group is wrong is not known.
  assert.equal(typoGroups(replace(cards[2], 5, other(cards[2][5])), () => true), null);
});

test("the worker's 'near' derives keys in the conference and finds the card on its list", async () => {
  await ready;
  const pool = makePool('conf-near', 4);
  const card = code(pool.secrets[2]);
  const typed = replace(card, 13, other(card[13]));
  const answer = await handle({ type: 'near', conferenceId: 'conf-near', cardCode: typed, cardKeys: pool.publicKeys });
  assert.deepEqual(answer, { id: undefined, type: 'near', groups: { from: 13, to: 16 } });
  const elsewhere = await handle({ type: 'near', conferenceId: 'another', cardCode: typed, cardKeys: pool.publicKeys });
  assert.equal(elsewhere.groups, null);
});

test('typoNear asks only about a code that fails the check alone, with the keys it is given', async () => {
  const asked = [];
  const ask = async (request) => {
    asked.push(request);
    return { groups: typoGroups(request.cardCode, (c) => request.cardKeys.includes(c)) };
  };
  const keys = async () => cards; // stands in for the key list: the fake worker compares codes
  const typed = replace(cards[0], 22, other(cards[0][22])).toLowerCase();
  assert.deepEqual(await typoNear(typed, 'c', keys, ask), { key: 'code.typo.near', values: { from: 21, to: 24 } });
  assert.equal(asked[0].cardCode, typed.toUpperCase());
  assert.equal(await typoNear(cards[0].slice(0, 20), 'c', keys, ask), null);
  assert.equal(asked.length, 1);
});
