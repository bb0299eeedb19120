// Every value in tests/vectors/{group,cards,proofs,ballot}.json reproduced byte for byte.
import test from 'node:test';
import assert from 'node:assert/strict';
import { ready } from '../src/sodium.js';
import * as g from '../src/group.js';
import { fromHex, toHex } from '../src/bytes.js';
import { dumps } from '../src/canonical.js';
import * as cards from '../src/cards.js';
import { encrypt, ciphertextToJSON } from '../src/elgamal.js';
import { pointFromHex, scalarFromHex } from '../src/group.js';
import * as proofs from '../src/proofs.js';
import * as b from '../src/ballot.js';
import { replay, vectors } from '../test-support/vectors.mjs';

await ready;
const text = (bytes) => new TextDecoder().decode(bytes);

test('group.json: hash_to_scalar, small multiples, invalid encodings', () => {
  const v = vectors('group');
  for (const item of v.hash_to_scalar) {
    assert.equal(toHex(g.hashToScalar(item.tag, ...item.parts.map(fromHex))), item.scalar, item.tag);
  }
  for (const item of v.small_multiples) {
    assert.equal(toHex(g.scalarOf(item.j)), item.scalar);
    assert.equal(toHex(g.base(g.scalarOf(item.j))), item.point);
    assert.equal(toHex(pointFromHex(item.point, true)), item.point);
  }
  for (const item of v.invalid_points) assert.throws(() => pointFromHex(item.hex), g.GroupError, item.why);
  for (const item of v.invalid_scalars) assert.throws(() => scalarFromHex(item.hex), g.GroupError, item.why);
});

test('cards.json: codes, display, URLs, seeds, keys, parsing, card list hash', () => {
  const v = vectors('cards');
  assert.equal(cards.ALPHABET, v.alphabet);
  for (const item of v.cards) {
    const secret = fromHex(item.secret);
    assert.equal(cards.code(secret), item.code);
    assert.equal(cards.displayCode(secret), item.display);
    assert.equal(cards.cardUrl('http://192.168.1.10:8000/vote', secret), item.url);
    assert.equal(toHex(cards.signingSeed(v.conference, secret)), item.seed);
    assert.equal(cards.cardFromSecret(v.conference, secret).publicHex, item.public_key);
    assert.equal(toHex(cards.parseCode(item.display)), item.secret);
    assert.equal(toHex(cards.secretFromUrl(item.url)), item.secret);
  }
  for (const item of v.accepted) assert.equal(toHex(cards.parseCode(item.input)), item.secret, item.input);
  for (const item of v.refused) assert.throws(() => cards.parseCode(item.input), cards.CardError, item.why);
  assert.equal(cards.cardListHash(v.card_list.public_keys), v.card_list.hash);
  assert.equal(cards.cardListHash([...v.card_list.public_keys].reverse()), v.card_list.hash);
});

test('proofs.json: ciphertexts, commitments, challenges and proofs', () => {
  const v = vectors('proofs');
  assert.equal(proofs.TAG, v.tag);
  for (const item of v.cases) {
    const { inputs } = item;
    const key = pointFromHex(inputs.joint_key);
    const context = { fingerprint: fromHex(inputs.fingerprint), card: fromHex(inputs.card) };
    const ciphertext = encrypt(inputs.value, key, scalarFromHex(inputs.randomness));
    assert.deepEqual(ciphertextToJSON(ciphertext), item.ciphertext, item.label);
    const rng = replay(inputs.nonces, scalarFromHex);
    const proof = proofs.prove(ciphertext, inputs.value, scalarFromHex(inputs.randomness), inputs.maximum, key, context, rng);
    assert.equal(rng.remaining(), 0, `${item.label}: every recorded nonce drawn`);
    assert.deepEqual(proofs.proofToJSON(proof), item.proof, item.label);
    const commitments = proofs.commitments(ciphertext, key, proof);
    assert.deepEqual(commitments.map(([A, B]) => ({ A: toHex(A), B: toHex(B) })), item.commitments, item.label);
    assert.equal(toHex(proofs.challenge(ciphertext, inputs.maximum, key, context, commitments)), item.challenge, item.label);
    assert.ok(proofs.verify(ciphertext, inputs.maximum, key, context, proofs.proofFromJSON(item.proof)), item.label);
  }
});

function ballotSetting() {
  const v = vectors('ballot');
  const { inputs } = v;
  const definition = b.definitionFromJSON(inputs.definition);
  const jointKey = pointFromHex(inputs.joint_key);
  const context = { conferenceId: inputs.conference, fingerprint: v.fingerprint, definition, jointKey };
  return { v, inputs, definition, jointKey, context, cardKeys: new Set(inputs.card_keys) };
}

test('ballot.json: the conference fingerprint', () => {
  const { v, inputs, definition, jointKey } = ballotSetting();
  assert.equal(toHex(g.base(scalarFromHex(inputs.joint_secret))), inputs.joint_key);
  const secrets = inputs.card_secrets.map(fromHex);
  assert.deepEqual(secrets.map((s) => cards.cardFromSecret(inputs.conference, s).publicHex).sort(), inputs.card_keys);
  const parameters = {
    ruleSet: inputs.rule_set,
    ruleSetHash: inputs.rule_set_hash,
    procedure: inputs.procedure,
    step: inputs.step,
    definition,
    cardKeys: [...inputs.card_keys].reverse(),
    jointKey,
    convened: inputs.convened,
    present: inputs.present,
  };
  assert.equal(text(dumps(b.fingerprintInput(inputs.conference, parameters))), v.fingerprint_json);
  assert.equal(b.conferenceFingerprint(inputs.conference, parameters), v.fingerprint);
});

test('ballot.json: each ballot rebuilt from its recorded randomness, byte for byte', () => {
  const { v, inputs, context, cardKeys } = ballotSetting();
  for (const item of v.ballots) {
    const card = cards.cardFromSecret(inputs.conference, fromHex(item.card_secret));
    const rng = replay(item.randomness, scalarFromHex);
    const ballot = b.buildBallot(context, card, item.choices, rng);
    assert.equal(rng.remaining(), 0);
    assert.equal(toHex(b.signedMessage(ballot)), item.signed_message);
    assert.equal(text(dumps(b.ballotToJSON(ballot))), text(dumps(item.ballot)));
    assert.equal(b.ballotHash(ballot), item.ballot_hash);
    const parsed = b.ballotFromJSON(item.ballot);
    b.verifyBallot(context, parsed, cardKeys);
    assert.equal(b.ballotHash(parsed), item.ballot_hash);
    // The documented draw order: per section, each mark's r then its proof's 3 nonces, then
    // the sum proof's 1 + 2K nonces.
    const order = item.sections.flatMap((section) => [...section.marks.flatMap((mark) => [mark.randomness, ...mark.nonces]), ...section.sum.nonces]);
    assert.deepEqual(order, item.randomness);
    item.sections.forEach((section, s) => assert.equal(section.sum.nonces.length, 1 + 2 * context.definition.sections[s].quota));
    // The intermediates: each mark's and each sum's ciphertext, commitments and challenge.
    const binding = { fingerprint: fromHex(v.fingerprint), card: card.publicKey };
    item.sections.forEach((section, s) => {
      const vote = parsed.sections[s];
      section.marks.forEach((mark, m) => {
        const { ciphertext, proof } = vote.marks[m];
        assert.deepEqual(ciphertextToJSON(encrypt(mark.value, context.jointKey, scalarFromHex(mark.randomness))), ciphertextToJSON(ciphertext));
        const commitments = proofs.commitments(ciphertext, context.jointKey, proof);
        assert.deepEqual(commitments.map(([A, B]) => ({ A: toHex(A), B: toHex(B) })), mark.commitments);
        assert.equal(toHex(proofs.challenge(ciphertext, 1, context.jointKey, binding, commitments)), mark.challenge);
      });
      const quota = context.definition.sections[s].quota;
      const total = encrypt(section.sum.value, context.jointKey, scalarFromHex(section.sum.randomness));
      assert.deepEqual(ciphertextToJSON(total), section.sum.ciphertext);
      const commitments = proofs.commitments(total, context.jointKey, vote.sumProof);
      assert.deepEqual(commitments.map(([A, B]) => ({ A: toHex(A), B: toHex(B) })), section.sum.commitments);
      assert.equal(toHex(proofs.challenge(total, quota, context.jointKey, binding, commitments)), section.sum.challenge);
    });
  }
});

test('ballot.json: the ballot list hash, the aggregate, and the counts it decrypts to', () => {
  const { v, inputs, definition } = ballotSetting();
  const ballots = v.ballots.map((item) => b.ballotFromJSON(item.ballot));
  const hashes = ballots.map(b.ballotHash);
  assert.deepEqual([...hashes].sort(), v.ballot_list.hashes);
  assert.equal(b.ballotListHash(hashes), v.ballot_list.hash);
  assert.equal(b.ballotListHash([...hashes].reverse()), v.ballot_list.hash);
  const sums = b.aggregate(definition, ballots);
  assert.deepEqual(b.aggregateToJSON(sums), v.aggregate);
  const secret = scalarFromHex(inputs.joint_secret);
  for (const [section, row] of Object.entries(sums)) {
    for (const [candidate, { a, b: blinded }] of Object.entries(row)) {
      const opened = g.sub(blinded, g.mul(a, secret));
      assert.deepEqual(opened, g.base(g.scalarOf(v.counts[section][candidate])), `${section}/${candidate}`);
    }
  }
});

test('ballot.json: every refused ballot is refused, for the recorded reason', () => {
  const { v, context, cardKeys } = ballotSetting();
  for (const item of v.refused) {
    assert.throws(
      () => b.verifyBallot(context, b.ballotFromJSON(item.ballot), cardKeys),
      (error) => error instanceof b.BallotError && error.message.includes(item.error),
      item.why,
    );
  }
});
