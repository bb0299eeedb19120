// The committee's side in JavaScript: the key ceremony catches and names bad shares, backups
// restore only when intact and for this conference, and the ballot box opens only the whole
// verified list, with any t of n members and never with fewer.
import test from 'node:test';
import assert from 'node:assert/strict';
import sodium, { ready } from '../src/sodium.js';
import { toHex, utf8 } from '../src/bytes.js';
import { dumps } from '../src/canonical.js';
import * as g from '../src/group.js';
import * as dkg from '../src/dkg.js';
import * as dec from '../src/decryption.js';
import { CommitteeError } from '../src/committee-wire.js';
import { BallotError, ballotToJSON, buildBallot } from '../src/ballot.js';
import { BallotBox, OpeningError, farFewer } from '../src/ballot-box.js';
import { conference } from '../test-support/conference.mjs';

await ready;
const CEREMONY = dkg.ceremony('hội-nghị-thử', 2, 3);

function started() {
  const members = [1, 2, 3].map((j) => new dkg.Member(CEREMONY, j));
  const transcript = dkg.assembleTranscript(CEREMONY, members.map((m) => m.commitmentHash()), members.map((m) => m.reveal));
  const sealed = members.flatMap((m) => m.sealShares(transcript));
  return { members, transcript, sealed, to: (j) => sealed.filter((e) => e.receiver === j) };
}

const complaints = (fn) => {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof dkg.ShareComplaintError, error.message);
    return error.complaints.map((c) => `${c.accused}:${c.reason}`);
  }
  assert.fail('no complaint');
};

test('every member ends with a share of the same joint key', () => {
  const { members, transcript, to } = started();
  const keys = members.map((m) => m.finish(transcript, to(m.index)));
  for (const key of keys) assert.deepEqual(g.base(key.secretShare), transcript.publicShare(key.member));
  // Any two shares interpolate to the joint secret: Σ λ_j s_j · G = Y.
  for (const pair of [[1, 2], [1, 3], [2, 3]]) {
    const weights = dec.lagrangeAtZero(pair);
    const secret = pair.map((j) => g.scalarMul(weights.get(j), keys[j - 1].secretShare)).reduce(g.scalarAdd);
    assert.deepEqual(g.base(secret), transcript.jointKey);
  }
});

test('bad, missing, duplicated and unreadable shares are each named in a complaint', () => {
  const { members, transcript, to } = started();
  const [fromOne, fromThree] = to(2);
  assert.deepEqual(complaints(() => members[1].finish(transcript, [fromOne])), ['3:missing']);
  assert.deepEqual(complaints(() => members[1].finish(transcript, [fromOne, fromThree, fromThree])), ['3:duplicate']);
  const garbled = { ...fromThree, sealed: fromThree.sealed.map((byte, i) => (i === 40 ? byte ^ 1 : byte)) };
  assert.deepEqual(complaints(() => members[1].finish(transcript, [fromOne, garbled])), ['3:unreadable']);
  // A well-sealed share that is not f_3(2): the Feldman check catches it.
  const forged = dumps({ kind: 'committee-share-plaintext', conference_id: CEREMONY.conferenceId, from: 3, to: 2, share: toHex(g.randomScalar()) });
  const wrong = { ...fromThree, sealed: sodium.crypto_box_seal(forged, transcript.reveal(2).boxKey) };
  assert.deepEqual(complaints(() => members[1].finish(transcript, [fromOne, wrong])), ['3:mismatch']);
  // A share sealed for member 3 but relabelled for member 2 does not open: unreadable.
  const redirected = { ...to(3)[0], receiver: 2 };
  assert.deepEqual(complaints(() => members[1].finish(transcript, [redirected, fromThree])), ['1:unreadable']);
  // Several at once, each named.
  assert.deepEqual(complaints(() => members[1].finish(transcript, [])), ['1:missing', '3:missing']);
  const complaint = dkg.complaintFromJSON(dkg.complaintToJSON({ conferenceId: CEREMONY.conferenceId, accuser: 2, accused: 3, reason: 'mismatch' }));
  assert.equal(complaint.reason, 'mismatch');
  assert.throws(() => dkg.complaintFromJSON({ ...dkg.complaintToJSON(complaint), reason: 'bored' }), CommitteeError);
});

test('a reveal that does not match its published hash, or a forged proof of possession, is refused', () => {
  const members = [1, 2, 3].map((j) => new dkg.Member(CEREMONY, j));
  const hashes = members.map((m) => m.commitmentHash());
  const other = new dkg.Member(CEREMONY, 3);
  assert.throws(() => dkg.assembleTranscript(CEREMONY, hashes, [members[0].reveal, members[1].reveal, other.reveal]), /does not match its published hash/);
  assert.throws(() => dkg.assembleTranscript(CEREMONY, hashes.slice(1), members.map((m) => m.reveal)), /no hash yet from members 1/);
  const stolen = { ...members[2].reveal, commitments: [members[0].reveal.commitments[0], members[2].reveal.commitments[1]] };
  assert.throws(() => dkg.verifyReveal(stolen), /proof of possession/);
  const moved = { ...members[0].reveal, member: 2 };
  assert.throws(() => dkg.verifyReveal(moved), /proof of possession/);
  // A reveal made, with a valid proof, for another ceremony (2 of 4) has no place in this one.
  const foreign = new dkg.Member(dkg.ceremony(CEREMONY.conferenceId, 2, 4), 3).reveal;
  assert.throws(() => new dkg.Transcript(CEREMONY, [members[0].reveal, members[1].reveal, foreign]), /another ceremony/);
});

test('a backup restores only intact and for its own conference', () => {
  const { members, transcript, to } = started();
  const key = members[0].finish(transcript, to(1));
  const backup = key.backup();
  const restored = dkg.KeyShare.restore(backup, CEREMONY.conferenceId);
  assert.deepEqual(restored.backup(), backup);
  assert.throws(() => dkg.KeyShare.restore(backup, 'another'), /another conference/);
  const relabelled = dumps({ ...JSON.parse(new TextDecoder().decode(backup)), conference_id: 'another' });
  assert.throws(() => dkg.KeyShare.restore(relabelled, CEREMONY.conferenceId), /another conference/);
  const text = new TextDecoder().decode(backup);
  assert.throws(() => dkg.KeyShare.restore(utf8(text + '\n'), CEREMONY.conferenceId), /damaged/);
  const json = JSON.parse(text);
  const withShare = (share) => utf8(new TextDecoder().decode(dumps({ ...json, secret_share: share })));
  assert.throws(() => dkg.KeyShare.restore(withShare(toHex(g.randomScalar())), CEREMONY.conferenceId), /not in the joint key/);
  const otherKey = members[1].finish(transcript, to(2));
  const swapped = dumps({ ...json, box_secret: otherKey.toJSON().box_secret });
  assert.throws(() => dkg.KeyShare.restore(swapped, CEREMONY.conferenceId), /box key/);
  const seedSwapped = dumps({ ...json, signing_seed: otherKey.toJSON().signing_seed });
  assert.throws(() => dkg.KeyShare.restore(seedSwapped, CEREMONY.conferenceId), /signing key/);
  // A member's draws survive a reload mid-ceremony.
  const secrets = dkg.randomSecrets(2);
  const again = dkg.secretsFromJSON(JSON.parse(JSON.stringify(dkg.secretsToJSON(secrets))));
  assert.deepEqual(dkg.revealToJSON(new dkg.Member(CEREMONY, 1, again).reveal), dkg.revealToJSON(new dkg.Member(CEREMONY, 1, secrets).reveal));
});

function votedBox(setting, votes) {
  const box = new BallotBox(setting.context, setting.pool.publicKeys);
  const ballots = votes.map((choices, i) => ballotToJSON(buildBallot(setting.context, setting.cards[i], choices)));
  for (const ballot of ballots) box.add(ballot);
  return { box, ballots };
}

test('the box verifies as ballots arrive, and any two members open it to the right counts', () => {
  const setting = conference({ cards: 4 });
  const votes = [{ s1: ['s1-c1', 's1-c2'], s2: ['s2-c3'] }, { s1: ['s1-c1'] }, {}];
  const { box } = votedBox(setting, votes);
  assert.equal(box.count, 3);
  const announced = { ballotCount: 3, listHash: box.listHash(), present: 4 };
  const partials = setting.keys.map((key) => box.open(announced, key));
  const ciphertexts = box.aggregates();
  const expected = [2, 1, 0, 0, 0, 1];
  for (const pair of [[0, 1], [0, 2], [1, 2], [0, 1, 2]]) {
    const chosen = pair.map((i) => dec.partialFromJSON(JSON.parse(JSON.stringify(dec.partialToJSON(partials[i])))));
    assert.deepEqual(dec.combine(setting.transcript, ciphertexts, chosen, box.count), expected, String(pair));
  }
  assert.throws(() => dec.combine(setting.transcript, ciphertexts, [partials[0]], box.count), /2 members must open/);
  assert.throws(() => dec.combine(setting.transcript, ciphertexts, [partials[0], partials[0]], box.count), /two partial/);
  // A forged partial is caught and its member named.
  const forged = { ...partials[1], shares: partials[1].shares.map((s, i) => (i === 0 ? { ...s, share: g.add(s.share, g.base(g.scalarOf(1))) } : s)) };
  assert.throws(() => dec.combine(setting.transcript, ciphertexts, [partials[0], forged], box.count), /member 2's decryption of ciphertext 0/);
  // A member who knows its share can make the first equation hold for a wrong D; the second
  // (z·a = k·a + c·D) still catches it.
  const key = setting.keys[2];
  const { a } = ciphertexts[0];
  const wrongShare = g.add(g.mul(a, key.secretShare), g.base(g.scalarOf(1)));
  const k = g.randomScalar();
  const [commitmentG, commitmentA] = [g.base(k), g.mul(a, k)];
  const c = dec.decryptionChallenge(key.conferenceId, 3, setting.transcript.publicShare(3), a, wrongShare, commitmentG, commitmentA);
  const cheat = { share: wrongShare, commitmentG, commitmentA, response: g.scalarAdd(k, g.scalarMul(c, key.secretShare)) };
  const cheating = { ...partials[2], shares: [cheat, ...partials[2].shares.slice(1)] };
  assert.throws(() => dec.combine(setting.transcript, ciphertexts, [partials[0], cheating], box.count), /member 3's decryption of ciphertext 0/);
  // The counts, signed by the opening members.
  const counts = { s1: { 's1-c1': 2 } };
  const bound = dec.opened(box.context.fingerprint, box.listHash());
  const signatures = setting.keys.slice(0, 2).map((key) => dec.signCounts(key, bound, counts));
  dec.verifyCountSignatures(setting.transcript, bound, counts, signatures);
  assert.throws(() => dec.verifyCountSignatures(setting.transcript, bound, { s1: { 's1-c1': 3 } }, signatures), /fails/);
  assert.throws(() => dec.verifyCountSignatures(setting.transcript, bound, counts, signatures.slice(1)), /2 members must sign/);
  // A signature cannot be moved to another member's seat.
  const moved = { ...signatures[1], member: 3 };
  assert.throws(() => dec.verifyCountSignatures(setting.transcript, bound, counts, [signatures[0], moved]), /member 3's signature of the counts fails/);
});

test('an empty box opens to zero counts', () => {
  const setting = conference({ sections: 1, candidates: 2 });
  const box = new BallotBox(setting.context, setting.pool.publicKeys);
  const announced = { ballotCount: 0, listHash: box.listHash(), present: 0 };
  const partials = setting.keys.slice(1).map((key) => box.open(announced, key));
  const parsed = partials.map((p) => dec.partialFromJSON(JSON.parse(JSON.stringify(dec.partialToJSON(p)))));
  assert.deepEqual(dec.combine(setting.transcript, box.aggregates(), parsed, 0), [0, 0]);
});

test('the box refuses a second ballot of a card, a voided card, and opens only the announced list', () => {
  const setting = conference({ cards: 3 });
  const { box, ballots } = votedBox(setting, [{ s1: ['s1-c1'] }, {}]);
  assert.equal(box.add(ballots[0]), box.add(ballots[0]), 'the same ballot again changes nothing');
  assert.equal(box.count, 2);
  const again = ballotToJSON(buildBallot(setting.context, setting.cards[0], {}));
  assert.throws(() => box.add(again), /already cast/);
  const voided = new BallotBox(setting.context, setting.pool.publicKeys, [setting.cards[2].publicHex]);
  assert.throws(() => voided.add(ballotToJSON(buildBallot(setting.context, setting.cards[2], {}))), /voided/);
  const tampered = JSON.parse(JSON.stringify(again));
  tampered.card = setting.cards[2].publicHex;
  assert.throws(() => box.add(tampered), BallotError);
  assert.equal(box.count, 2, 'refused ballots change nothing');
  const key = setting.keys[0];
  const listHash = box.listHash();
  assert.throws(() => box.open({ ballotCount: 3, listHash, present: 3 }, key), /3 announced/);
  assert.throws(() => box.open({ ballotCount: 2, listHash: 'ab'.repeat(32), present: 3 }, key), OpeningError);
  assert.throws(() => box.open({ ballotCount: 2, listHash, present: 1 }, key), /present/);
  const stranger = conference();
  assert.throws(() => box.open({ ballotCount: 2, listHash, present: 3 }, stranger.keys[0]), /not part of the key/);
  box.open({ ballotCount: 2, listHash, present: 3 }, key);
});

test('the box opens only with the rule set\'s minimum of ballots (issue 16 item 14)', () => {
  const setting = conference({ cards: 3 });
  const { box } = votedBox(setting, [{ s1: ['s1-c1'] }, {}]);
  const announced = { ballotCount: 2, listHash: box.listHash(), present: 3 };
  assert.throws(() => box.open({ ...announced, minimum: 3 }, setting.keys[0]), /2 ballots, fewer than the 3 the rule set requires/);
  box.open({ ...announced, minimum: 2 }, setting.keys[0]);
});

test('a ceremony takes a conference id of 1 to 64 bytes of UTF-8, as cards do', () => {
  for (const bad of ['', 'x'.repeat(65), 'đ'.repeat(33), 7]) {
    assert.throws(() => dkg.ceremony(bad, 2, 3), (error) => error instanceof CommitteeError && /1 to 64 bytes/.test(error.message));
  }
  assert.equal(dkg.ceremony('đ'.repeat(32), 2, 3).conferenceId, 'đ'.repeat(32));
});

test('a list far smaller than the room is never opened, whatever the server announces', () => {
  // Issue 16, item 4: the server announces, consistently, a one-ballot list with 20 present.
  const setting = conference({ sections: 1, candidates: 2 });
  const { box } = votedBox(setting, [{ s1: ['s1-c1'] }]);
  const announced = { ballotCount: 1, listHash: box.listHash(), present: 20 };
  assert.throws(() => box.open(announced, setting.keys[0]), /1 ballots is far fewer than the 20 attendees present/);
  assert.ok(farFewer(1, 3) && !farFewer(2, 4) && !farFewer(0, 0));
  box.open({ ...announced, present: 2 }, setting.keys[0]);
});

test('two seats sharing one signing key, box key or first commitment are refused', () => {
  // Issue 16, item 5: one person behind two seats would count as two members.
  for (const [field, what] of [['signingSeed', 'signing key'], ['boxSecret', 'box key'], ['coefficients', 'first commitment']]) {
    const first = dkg.randomSecrets(2);
    const second = { ...dkg.randomSecrets(2), [field]: first[field] };
    const members = [new dkg.Member(CEREMONY, 1, first), new dkg.Member(CEREMONY, 2, second), new dkg.Member(CEREMONY, 3)];
    assert.throws(
      () => dkg.assembleTranscript(CEREMONY, members.map((m) => m.commitmentHash()), members.map((m) => m.reveal)),
      new RegExp(`members 1 and 2 share one ${what}`),
    );
  }
});
