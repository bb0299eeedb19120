// A ballot built in JavaScript verifies in JavaScript; every kind of tampering is refused and
// named; choices that cannot be cast are refused before anything is computed.
import test from 'node:test';
import assert from 'node:assert/strict';
import { ready } from '../src/sodium.js';
import * as g from '../src/group.js';
import { addAll, encrypt } from '../src/elgamal.js';
import * as proofs from '../src/proofs.js';
import * as b from '../src/ballot.js';
import { cardFromSecret, makePool, sign } from '../src/cards.js';
import { dumps } from '../src/canonical.js';
import { fromHex } from '../src/bytes.js';
import { CONFERENCE, conference } from '../test-support/conference.mjs';

await ready;
const setting = conference();
const { context, cards, pool } = setting;
const KEYS = new Set(pool.publicKeys);
const CHOICES = { s1: ['s1-c1', 's1-c3'], s2: ['s2-c2'] };

/** A deep copy through the JSON form, as a ballot arrives from outside. */
const copy = (ballot) => b.ballotFromJSON(JSON.parse(JSON.stringify(b.ballotToJSON(ballot))));
const resigned = (ballot, card = cards[0]) => ({ ...ballot, signature: sign(card, b.signedMessage(ballot)) });
const refused = (ballot, word, ctx = context) =>
  assert.throws(() => b.verifyBallot(ctx, ballot, KEYS), (e) => e instanceof b.BallotError && e.message.includes(word), word);

test('a ballot built here verifies here, and its JSON form round-trips exactly', () => {
  const ballot = b.buildBallot(context, cards[0], CHOICES);
  const parsed = copy(ballot);
  b.verifyBallot(context, parsed, KEYS);
  assert.deepEqual(dumps(b.ballotToJSON(parsed)), dumps(b.ballotToJSON(ballot)));
  assert.equal(b.ballotHash(parsed), b.ballotHash(ballot));
});

test('zero marks, and a quota above the number of candidates, are fine', () => {
  b.verifyBallot(context, b.buildBallot(context, cards[1], {}), KEYS);
  const wide = b.definitionFromJSON({ sections: [{ id: 'x', candidates: ['a', 'b'], quota: 5 }] });
  const ctx = { ...context, definition: wide };
  b.verifyBallot(ctx, b.buildBallot(ctx, cards[1], { x: ['a', 'b'] }), KEYS);
});

test('choices that cannot be cast are refused before anything is computed', () => {
  assert.throws(() => b.buildBallot(context, cards[0], { nowhere: [] }), /no section/);
  assert.throws(() => b.buildBallot(context, cards[0], { s1: ['s2-c1'] }), /has no candidate/);
  assert.throws(() => b.buildBallot(context, cards[0], { s1: ['s1-c1', 's1-c1'] }), /marked twice/);
  assert.throws(() => b.buildBallot(context, cards[0], { s1: ['s1-c1', 's1-c2', 's1-c3'] }), /at most 2/);
  const foreign = cardFromSecret('another-conference', pool.secrets[0]);
  assert.throws(() => b.buildBallot(context, foreign, CHOICES), /belongs to conference/);
});

test('tampering is refused and named', () => {
  const ballot = b.buildBallot(context, cards[0], CHOICES);
  const one = g.base(g.scalarOf(1));
  const firstMark = (change) => {
    const [vote, ...rest] = ballot.sections;
    return resigned({ ...ballot, sections: [{ ...vote, marks: [change(vote.marks[0]), ...vote.marks.slice(1)] }, ...rest] });
  };
  refused({ ...ballot, signature: new Uint8Array(64) }, 'signature');
  refused({ ...ballot, card: cards[1].publicKey }, 'signature');
  refused(resigned({ ...ballot, card: cards[1].publicKey }, cards[1]), 'proof');
  const stranger = cardFromSecret(CONFERENCE, makePool(CONFERENCE, 1).secrets[0]);
  refused(resigned({ ...ballot, card: stranger.publicKey }, stranger), 'card list');
  refused(resigned({ ...ballot, conference: 'another' }), 'conference');
  refused(resigned({ ...ballot, fingerprint: '00'.repeat(32) }), 'fingerprint');
  refused(firstMark((m) => ({ ...m, ciphertext: { a: m.ciphertext.a, b: g.add(m.ciphertext.b, one) } })), 'proof');
  refused(firstMark((m) => ({ ...m, proof: { ...m.proof, challenges: [g.scalarAdd(m.proof.challenges[0], g.scalarOf(1)), m.proof.challenges[1]] } })), 'proof');
  refused(firstMark((m) => ({ ...m, proof: { ...m.proof, responses: [m.proof.responses[1], m.proof.responses[0]] } })), 'proof');
  const [s1, s2] = ballot.sections;
  refused(resigned({ ...ballot, sections: [s1, { ...s2, sumProof: s1.sumProof }] }), 'proof');
  refused(resigned({ ...ballot, sections: [s2, s1] }), 'section');
  refused(resigned({ ...ballot, sections: [s1] }), 'sections');
  refused(resigned({ ...ballot, sections: [{ ...s1, marks: [...s1.marks].reverse() }, s2] }), 'candidates');
  refused(resigned({ ...ballot, sections: [s1, { ...s2, marks: s2.marks.slice(1) }] }), 'candidates');
  // The same ballot checked against another conference's parameters.
  refused(ballot, 'fingerprint', { ...context, fingerprint: 'ff'.repeat(32) });
  refused(ballot, 'proof', { ...context, jointKey: g.base(g.randomScalar()) });
});

test('a proof made for another card or conference is refused', () => {
  const key = context.jointKey;
  const r = g.randomScalar();
  const ciphertext = encrypt(1, key, r);
  const mine = { fingerprint: fromHex(context.fingerprint), card: cards[0].publicKey };
  const proof = proofs.prove(ciphertext, 1, r, 1, key, mine);
  assert.ok(proofs.verify(ciphertext, 1, key, mine, proof));
  assert.ok(!proofs.verify(ciphertext, 1, key, { ...mine, card: cards[1].publicKey }, proof));
  assert.ok(!proofs.verify(ciphertext, 1, key, { ...mine, fingerprint: new Uint8Array(32) }, proof));
  assert.ok(!proofs.verify(ciphertext, 2, key, mine, proof), 'a proof for 0..1 is no proof for 0..2');
  // Exactly max + 1 challenges and responses: an extra response must not ride along unchecked.
  assert.ok(!proofs.verify(ciphertext, 1, key, mine, { ...proof, responses: [...proof.responses, g.randomScalar()] }));
  assert.ok(!proofs.verify(ciphertext, 1, key, mine, { challenges: proof.challenges.slice(1), responses: proof.responses.slice(1) }));
});

test('a slot encrypting 2, or a section over its quota, cannot pass (built by hand)', () => {
  const key = context.jointKey;
  const binding = { fingerprint: fromHex(context.fingerprint), card: cards[0].publicKey };
  const r = g.randomScalar();
  const two = encrypt(2, key, r);
  assert.throws(() => proofs.prove(two, 2, r, 1, key, binding), RangeError);
  // Claiming it is a 1 (or a 0) with the true randomness gives a proof that does not verify.
  assert.ok(!proofs.verify(two, 1, key, binding, proofs.prove(two, 1, r, 1, key, binding)));
  assert.ok(!proofs.verify(two, 1, key, binding, proofs.prove(two, 0, r, 1, key, binding)));
  // Three marks of 1 in a section of quota 2: every mark proof holds, the sum proof cannot.
  const rs = [g.randomScalar(), g.randomScalar(), g.randomScalar()];
  const marks = rs.map((ri) => encrypt(1, key, ri));
  for (const [i, mark] of marks.entries()) assert.ok(proofs.verify(mark, 1, key, binding, proofs.prove(mark, 1, rs[i], 1, key, binding)));
  const sum = addAll(marks);
  const sumR = rs.reduce(g.scalarAdd);
  assert.throws(() => proofs.prove(sum, 3, sumR, 2, key, binding), RangeError);
  for (const claimed of [0, 1, 2]) assert.ok(!proofs.verify(sum, 2, key, binding, proofs.prove(sum, claimed, sumR, 2, key, binding)));
});

test('malformed ballots are refused when parsed', () => {
  const json = b.ballotToJSON(b.buildBallot(context, cards[0], CHOICES));
  const variants = [
    (j) => { j.sections[0].marks[0].ciphertext.a = '00'.repeat(32); },
    (j) => { j.sections[0].marks[0].ciphertext.b = j.sections[0].marks[0].ciphertext.b.toUpperCase(); },
    (j) => { j.sections[0].marks[0].proof.responses[0] = 'ff'.repeat(32); },
    (j) => { j.sections[0].sum_proof.challenges[0] += '00'; },
    (j) => { j.extra = 1; },
    (j) => { delete j.signature; },
    (j) => { j.sections[0].marks[0].note = 'x'; },
    (j) => { j.card = j.card.slice(2); },
    (j) => { j.sections = {}; },
  ];
  for (const [i, change] of variants.entries()) {
    const bad = JSON.parse(JSON.stringify(json));
    change(bad);
    assert.throws(() => b.ballotFromJSON(bad), b.BallotError, `variant ${i}`);
  }
});

test('the ballot-list hash ignores order and refuses malformed hashes; the empty list has one', () => {
  const hashes = [0, 1, 2].map((i) => b.ballotHash(b.buildBallot(context, cards[i], {})));
  assert.equal(b.ballotListHash(hashes), b.ballotListHash([...hashes].reverse()));
  assert.notEqual(b.ballotListHash(hashes), b.ballotListHash(hashes.slice(1)));
  assert.throws(() => b.ballotListHash(['AB'.repeat(32)]), b.BallotError);
  // SHA-256 of "[]".
  assert.equal(b.ballotListHash([]), '4f53cda18c2baa0c0354bb5f9a3ecbe5ed12ab4d8e11ba873c2f11161202b945');
});

test('the fingerprint refuses duplicate card keys and an identity joint key', () => {
  const parameters = { ruleSet: 'KH 331', ruleSetHash: 'ab'.repeat(32), procedure: 'next_term', step: 3, definition: context.definition, convened: 40, present: 36 };
  assert.throws(() => b.conferenceFingerprint(CONFERENCE, { ...parameters, cardKeys: [pool.publicKeys[0], pool.publicKeys[0]], jointKey: context.jointKey }), /twice/);
  assert.throws(() => b.conferenceFingerprint(CONFERENCE, { ...parameters, cardKeys: pool.publicKeys, jointKey: g.identity() }), /identity/);
});
