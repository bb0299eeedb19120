// Every value in tests/vectors/committee.json reproduced byte for byte: commitments, proofs of
// possession, shares, keys, backups, partial decryptions, Lagrange coefficients, counts and
// count signatures. Sealed shares are randomised, so they are checked by opening them.
import test from 'node:test';
import assert from 'node:assert/strict';
import sodium, { ready } from '../src/sodium.js';
import { frame, fromHex, toHex, utf8 } from '../src/bytes.js';
import { dumps } from '../src/canonical.js';
import { base, scalarOf, add, mul } from '../src/group.js';
import { scalarFromHex } from '../src/group.js';
import * as dkg from '../src/dkg.js';
import * as dec from '../src/decryption.js';
import * as rejoin from '../src/rejoin.js';
import { vectors } from '../test-support/vectors.mjs';

await ready;
const V = vectors('committee');
const CEREMONY = dkg.ceremony(V.ceremony.conference_id, V.ceremony.threshold, V.ceremony.members);
const text = (value) => new TextDecoder().decode(dumps(value));

function secrets(vector) {
  return {
    coefficients: vector.coefficients.map(scalarFromHex),
    possessionNonce: scalarFromHex(vector.possession_nonce),
    boxSecret: fromHex(vector.box_secret),
    signingSeed: fromHex(vector.signing_seed),
  };
}

/** The ceremony rebuilt from the vectors' randomness and their sealed shares. */
function rebuilt() {
  const members = V.members.map((v) => new dkg.Member(CEREMONY, v.member, secrets(v)));
  const transcript = dkg.assembleTranscript(CEREMONY, members.map((m) => m.commitmentHash()), members.map((m) => m.reveal));
  const sealed = V.members.flatMap((v) => v.shares.map((share) => dkg.sealedShareFromJSON(JSON.parse(share.sealed_message))));
  const keys = members.map((m) => m.finish(transcript, sealed.filter((e) => e.receiver === m.index)));
  return { members, transcript, keys };
}

test('committee.json: keys, Feldman commitments, proofs of possession, reveal and hash messages', () => {
  const { members, transcript } = rebuilt();
  members.forEach((member, i) => {
    const v = V.members[i];
    const { reveal } = member;
    assert.equal(toHex(reveal.boxKey), v.box_key);
    assert.equal(toHex(reveal.signingKey), v.signing_key);
    assert.deepEqual(reveal.commitments.map(toHex), v.commitments);
    assert.equal(toHex(frame(utf8(dkg.POSSESSION_TAG), ...dkg.possessionParts(reveal))), v.possession.challenge_input);
    assert.equal(toHex(dkg.possessionChallenge(reveal)), v.possession.challenge);
    assert.equal(toHex(reveal.proofCommitment), v.possession.commitment);
    assert.equal(toHex(reveal.proofResponse), v.possession.response);
    assert.equal(text(dkg.revealToJSON(reveal)), v.commitment_message);
    assert.equal(text(dkg.commitmentHashToJSON(member.commitmentHash())), v.commitment_hash_message);
    assert.deepEqual(dkg.commitmentHashFromJSON(JSON.parse(v.commitment_hash_message)), member.commitmentHash());
    assert.equal(text(dkg.revealToJSON(dkg.revealFromJSON(JSON.parse(v.commitment_message)))), v.commitment_message);
  });
  assert.equal(text(transcript.toJSON()), V.transcript_message);
  assert.equal(text(dkg.Transcript.fromJSON(JSON.parse(V.transcript_message)).toJSON()), V.transcript_message);
  assert.equal(toHex(transcript.jointKey), V.joint_key);
});

test('committee.json: shares, sealed plaintexts, key shares, public shares and backups', () => {
  const { members, transcript, keys } = rebuilt();
  const boxSecrets = new Map(V.members.map((v) => [v.member, fromHex(v.box_secret)]));
  members.forEach((member, i) => {
    const v = V.members[i];
    const mine = new Map(v.shares.map((share) => [share.to, share]));
    for (const envelope of member.sealShares(transcript)) {
      const expected = mine.get(envelope.receiver);
      assert.equal(toHex(member.shareFor(envelope.receiver)), expected.share);
      const receiverKey = transcript.reveal(envelope.receiver).boxKey;
      assert.equal(text(dkg.sealedShareToJSON(dkg.sealedShareFromJSON(JSON.parse(expected.sealed_message)))), expected.sealed_message);
      for (const sealed of [envelope.sealed, fromHex(JSON.parse(expected.sealed_message).sealed)]) {
        const opened = sodium.crypto_box_seal_open(sealed, receiverKey, boxSecrets.get(envelope.receiver));
        assert.equal(new TextDecoder().decode(opened), expected.plaintext);
      }
    }
    assert.equal(toHex(keys[i].secretShare), v.secret_share);
    assert.equal(toHex(transcript.publicShare(member.index)), v.public_share);
    assert.equal(new TextDecoder().decode(keys[i].backup()), v.backup);
    const restored = dkg.KeyShare.restore(utf8(v.backup), CEREMONY.conferenceId);
    assert.equal(new TextDecoder().decode(restored.backup()), v.backup);
  });
});

test('committee.json: ciphertexts, partial decryptions, Lagrange coefficients and counts', () => {
  const { transcript, keys } = rebuilt();
  const vd = V.decryption;
  const ciphertexts = vd.ciphertexts.map((item) => {
    const r = scalarFromHex(item.randomness);
    const ciphertext = { a: base(r), b: add(base(scalarOf(item.count)), mul(transcript.jointKey, r)) };
    assert.deepEqual([toHex(ciphertext.a), toHex(ciphertext.b)], [item.a, item.b]);
    return ciphertext;
  });
  const partials = new Map();
  keys.forEach((key, i) => {
    const v = vd.partials[i];
    const partial = dec.partialDecrypt(key, ciphertexts, v.nonces.map(scalarFromHex));
    assert.equal(text(dec.partialToJSON(partial)), v.message);
    assert.equal(text(dec.partialToJSON(dec.partialFromJSON(JSON.parse(v.message)))), v.message);
    const publicShare = transcript.publicShare(key.member);
    partial.shares.forEach((s, position) => {
      const statement = [key.conferenceId, key.member, publicShare, ciphertexts[position].a, s.share, s.commitmentG, s.commitmentA];
      assert.equal(toHex(frame(utf8(dec.DECRYPTION_TAG), ...dec.decryptionParts(...statement))), v.challenge_inputs[position]);
      assert.equal(toHex(dec.decryptionChallenge(...statement)), v.challenges[position]);
    });
    partials.set(key.member, partial);
  });
  for (const opening of vd.openings) {
    const weights = dec.lagrangeAtZero(opening.members);
    assert.deepEqual(Object.fromEntries([...weights].map(([j, w]) => [String(j), toHex(w)])), opening.lagrange);
    const chosen = opening.members.map((j) => partials.get(j));
    assert.deepEqual(dec.combine(transcript, ciphertexts, chosen, vd.ballots), opening.counts);
    assert.deepEqual(opening.counts, vd.ciphertexts.map((item) => item.count));
  }
});

test('committee.json: the signed counts message and each member signature', () => {
  const { transcript, keys } = rebuilt();
  const vs = V.count_signatures;
  const bound = dec.opened(vs.fingerprint, vs.list_hash);
  keys.forEach((key, i) => assert.equal(toHex(dec.countsMessage(CEREMONY.conferenceId, key.member, bound, vs.counts)), vs.signed_bytes[i]));
  const signatures = keys.map((key) => dec.signCounts(key, bound, vs.counts));
  assert.deepEqual(signatures.map((s) => text(dec.countSignatureToJSON(s))), vs.signatures);
  const read = vs.signatures.map((s) => dec.countSignatureFromJSON(JSON.parse(s)));
  dec.verifyCountSignatures(transcript, bound, vs.counts, read);
  // Bound to the list and the conference: another list hash or fingerprint fails.
  assert.throws(() => dec.verifyCountSignatures(transcript, dec.opened(vs.fingerprint, vs.fingerprint), vs.counts, read), /fails/);
  assert.throws(() => dec.verifyCountSignatures(transcript, dec.opened(vs.list_hash, vs.list_hash), vs.counts, read), /fails/);
});

test('committee.json: the rejoin proof of each restored backup', () => {
  const { keys } = rebuilt();
  const vr = V.rejoin;
  keys.forEach((key, i) => {
    assert.equal(toHex(rejoin.rejoinMessage(CEREMONY.conferenceId, key.member, vr.token)), vr.signed_bytes[i]);
    assert.equal(text(rejoin.rejoinToJSON(rejoin.signRejoin(key, vr.token))), vr.messages[i]);
  });
});
