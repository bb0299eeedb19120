// Opening the ballot box, mirroring voting/crypto/decryption.py: partial decryptions with
// proofs, their combination, signed counts.
//
// Member j's partial decryption of an aggregate ciphertext (a, b) is D_j = s_j·a, with a
// Chaum–Pedersen proof that log_G(Y_j) = log_a(D_j), so a wrong partial is caught and named.
// Any t verified partials give m·G = b − Σ λ_j·D_j (Lagrange at zero); m is found by counting
// up from 0 to the number of ballots. Only aggregates of a fully verified ballot list may be
// passed here (see ballot-box.js): decrypting one ballot or a subset would reveal votes.
// Formats: docs/crypto-committee.md.
import sodium from './sodium.js';
import { equal, frame, fromHex, toHex, u32be, utf8 } from './bytes.js';
import { dumps } from './canonical.js';
import { add, base, hashToScalar, identity, mul, randomScalar, scalarAdd, scalarInverse, scalarMul, scalarOf, sub, total } from './group.js';
import * as wire from './committee-wire.js';
import { CommitteeError } from './committee-wire.js';
import { MAX_MEMBERS } from './dkg.js';

export const DECRYPTION_TAG = 'voting/committee/decryption/v1';
export const COUNTS_TAG = 'voting/committee/counts/v2';
/** The tag of count signatures in records before format v3: counts and conference id only. */
export const COUNTS_TAG_V1 = 'voting/committee/counts/v1';

export class DecryptionError extends CommitteeError {}

/** The parts hashed (after the tag) for a decryption proof's challenge: conference, member,
 * statement, commitments. */
export function decryptionParts(conferenceId, member, publicShare, a, share, commitmentG, commitmentA) {
  return [utf8(conferenceId), u32be(member), publicShare, a, share, commitmentG, commitmentA];
}

export function decryptionChallenge(...statement) {
  return hashToScalar(DECRYPTION_TAG, ...decryptionParts(...statement));
}

/**
 * This member's partial decryption of each ciphertext ({a, b}), as {conferenceId, member,
 * shares: [{share, commitmentG, commitmentA, response}]}. `nonces` (one per ciphertext) are for
 * test vectors only.
 */
export function partialDecrypt(key, ciphertexts, nonces = ciphertexts.map(() => randomScalar())) {
  if (nonces.length !== ciphertexts.length) throw new DecryptionError('one nonce per ciphertext');
  const publicShare = key.transcript.publicShare(key.member);
  const shares = ciphertexts.map(({ a }, i) => {
    const nonce = nonces[i];
    const share = mul(a, key.secretShare);
    const commitmentG = base(nonce);
    const commitmentA = mul(a, nonce);
    const challenge = decryptionChallenge(key.conferenceId, key.member, publicShare, a, share, commitmentG, commitmentA);
    return { share, commitmentG, commitmentA, response: scalarAdd(nonce, scalarMul(challenge, key.secretShare)) };
  });
  return { conferenceId: key.conferenceId, member: key.member, shares };
}

export function partialToJSON({ conferenceId, member, shares }) {
  return {
    kind: 'committee-partial-decryption',
    conference_id: conferenceId,
    member,
    shares: shares.map((item) => ({
      share: toHex(item.share),
      proof: { commitment_g: toHex(item.commitmentG), commitment_a: toHex(item.commitmentA), response: toHex(item.response) },
    })),
  };
}

export function partialFromJSON(value) {
  const message = wire.fields(value, 'committee-partial-decryption', ['conference_id', 'member', 'shares']);
  return {
    conferenceId: wire.text(message, 'conference_id'),
    member: wire.integer(message, 'member', 1, MAX_MEMBERS),
    shares: wire.array(message, 'shares').map((item) => {
      // s_j·a and k·a are the identity exactly when a is (an empty ballot box).
      const share = wire.nested(item, 'shares', ['share', 'proof']);
      const proof = wire.nested(share.proof, 'proof', ['commitment_g', 'commitment_a', 'response']);
      return {
        share: wire.point(share, 'share', true),
        commitmentG: wire.point(proof, 'commitment_g'),
        commitmentA: wire.point(proof, 'commitment_a', true),
        response: wire.scalar(proof, 'response'),
      };
    }),
  };
}

/** Check every proof of `partial` against the member's public share Y_j:
 * z·G = k·G + c·Y_j and z·a = k·a + c·D_j. */
export function verifyPartial(transcript, ciphertexts, partial) {
  const { ceremony } = transcript;
  if (partial.conferenceId !== ceremony.conferenceId) throw new DecryptionError(`member ${partial.member}'s partial is for another conference`);
  const publicShare = transcript.publicShare(partial.member);
  if (partial.shares.length !== ciphertexts.length) throw new DecryptionError(`member ${partial.member}'s partial does not cover each ciphertext`);
  ciphertexts.forEach(({ a }, position) => {
    const item = partial.shares[position];
    const c = decryptionChallenge(ceremony.conferenceId, partial.member, publicShare, a, item.share, item.commitmentG, item.commitmentA);
    const holds =
      equal(base(item.response), add(item.commitmentG, mul(publicShare, c))) &&
      equal(mul(a, item.response), add(item.commitmentA, mul(item.share, c)));
    if (!holds) throw new DecryptionError(`member ${partial.member}'s decryption of ciphertext ${position} does not verify`);
  });
}

/** λ_j = Π_{m ≠ j} m / (m − j) mod the group order, for each j in `members`: a Map. */
export function lagrangeAtZero(members) {
  const coefficients = new Map();
  for (const j of members) {
    let numerator = scalarOf(1);
    let denominator = scalarOf(1);
    for (const m of members) {
      if (m === j) continue;
      numerator = scalarMul(numerator, scalarOf(m));
      denominator = scalarMul(denominator, scalarOf(m - j));
    }
    coefficients.set(j, scalarMul(numerator, scalarInverse(denominator)));
  }
  return coefficients;
}

/** The count m in 0..ballots of each ciphertext, from at least t verified partials of
 * distinct members. */
export function combine(transcript, ciphertexts, partials, ballots) {
  const byMember = new Map();
  for (const partial of partials) {
    if (byMember.has(partial.member)) throw new DecryptionError(`member ${partial.member} gave two partial decryptions`);
    verifyPartial(transcript, ciphertexts, partial);
    byMember.set(partial.member, partial);
  }
  const { threshold } = transcript.ceremony;
  if (byMember.size < threshold) throw new DecryptionError(`${threshold} members must open the box, only ${byMember.size} did`);
  const weights = lagrangeAtZero([...byMember.keys()]);
  const countsByPoint = smallMultiples(ballots);
  return ciphertexts.map(({ b }, position) => {
    const opened = sub(b, total([...byMember].map(([j, partial]) => mul(partial.shares[position].share, weights.get(j)))));
    const count = countsByPoint.get(toHex(opened));
    if (count === undefined) throw new DecryptionError(`ciphertext ${position} does not hold a count in 0..${ballots}`);
    return count;
  });
}

/** m·G (hex) → m for m in 0..ballots, by repeated addition. */
function smallMultiples(ballots) {
  if (!Number.isInteger(ballots) || ballots < 0) throw new DecryptionError('the number of ballots cannot be negative');
  const generator = base(scalarOf(1));
  const table = new Map();
  let point = identity();
  for (let m = 0; m <= ballots; m++) {
    table.set(toHex(point), m);
    point = add(point, generator);
  }
  return table;
}

// --- count signatures ----------------------------------------------------------------------

const SHA256_HEX = /^[0-9a-f]{64}$/;

/** What a count signature is bound to besides the counts: {fingerprint, listHash}, the
 * conference's fingerprint and the hash of the ballot list the member verified and opened. */
export function opened(fingerprint, listHash) {
  for (const [name, value] of [['fingerprint', fingerprint], ['list_hash', listHash]]) {
    if (typeof value !== 'string' || !SHA256_HEX.test(value)) throw new DecryptionError(`${name} must be 64 lowercase hex digits`);
  }
  return { fingerprint, listHash };
}

/** What member `member` signs: the framed tag, conference id, member index, conference
 * fingerprint, ballot list hash and canonical JSON of the counts. `openedList` null gives the
 * counts/v1 message of records before format v3, which verify under their own rules. */
export function countsMessage(conferenceId, member, openedList, counts) {
  if (openedList === null) return frame(utf8(COUNTS_TAG_V1), utf8(conferenceId), dumps(counts));
  const { fingerprint, listHash } = openedList;
  return frame(utf8(COUNTS_TAG), utf8(conferenceId), u32be(member), fromHex(fingerprint), fromHex(listHash), dumps(counts));
}

/** This member's signature over `counts` of the list `openedList`: {conferenceId, member, signature}. */
export function signCounts(key, openedList, counts) {
  const checked = opened(openedList.fingerprint, openedList.listHash);
  return { conferenceId: key.conferenceId, member: key.member, signature: key.sign(countsMessage(key.conferenceId, key.member, checked, counts)) };
}

export function countSignatureToJSON({ conferenceId, member, signature }) {
  return { kind: 'committee-count-signature', conference_id: conferenceId, member, signature: toHex(signature) };
}

export function countSignatureFromJSON(value) {
  const message = wire.fields(value, 'committee-count-signature', ['conference_id', 'member', 'signature']);
  return {
    conferenceId: wire.text(message, 'conference_id'),
    member: wire.integer(message, 'member', 1, MAX_MEMBERS),
    signature: wire.raw(message, 'signature', sodium.crypto_sign_BYTES),
  };
}

/** Check that at least t distinct members signed exactly `counts` of the list `openedList`
 * with the signing keys they published in the ceremony (`openedList` null: a record before
 * format v3, signed over the counts/v1 message). */
export function verifyCountSignatures(transcript, openedList, counts, signatures) {
  const { ceremony } = transcript;
  const checked = openedList === null ? null : opened(openedList.fingerprint, openedList.listHash);
  const signers = new Set();
  for (const item of signatures) {
    if (item.conferenceId !== ceremony.conferenceId || signers.has(item.member)) {
      throw new DecryptionError(`member ${item.member}'s signature is repeated or foreign`);
    }
    const { signingKey } = transcript.reveal(item.member);
    const message = countsMessage(ceremony.conferenceId, item.member, checked, counts);
    if (!sodium.crypto_sign_verify_detached(item.signature, message, signingKey)) {
      throw new DecryptionError(`member ${item.member}'s signature of the counts fails`);
    }
    signers.add(item.member);
  }
  if (signers.size < ceremony.threshold) throw new DecryptionError(`${ceremony.threshold} members must sign the counts`);
}
