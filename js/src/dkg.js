// The counting committee's key ceremony, mirroring voting/crypto/dkg.py: t-of-n distributed key
// generation (Pedersen, with Feldman commitments), run in each member's browser. The joint
// secret is the sum of the members' constant terms and no one ever holds it. Commitments are
// hashed and published before they are revealed, so nobody can choose theirs after seeing the
// others'. For member j of n:
//
// 1. `new Member(ceremony, j)` draws its polynomial and keys; publish `commitmentHash()`;
// 2. once every hash is in, publish `reveal`; everyone builds `assembleTranscript(…)`;
// 3. `sealShares(transcript)` seals f_j(i) to every other member i;
// 4. `finish(transcript, shares)` opens what j received, checks each share against its
//    sender's commitments and returns j's KeyShare, or throws ShareComplaintError.
//
// Byte formats and hash inputs: docs/crypto-committee.md.
import sodium from './sodium.js';
import { equal, toHex, u32be, utf8 } from './bytes.js';
import { dumps, loads, sha256Hex, CanonicalError } from './canonical.js';
import { add, base, hashToScalar, identity, mul, randomScalar, scalarAdd, scalarMul, scalarOf, total } from './group.js';
import { MAX_CONFERENCE_ID_BYTES } from './cards.js';
import * as wire from './committee-wire.js';
import { CommitteeError } from './committee-wire.js';

export const POSSESSION_TAG = 'voting/committee/possession/v1';
export const MAX_MEMBERS = 255;
const KEY_SIZE = 32; // X25519 and Ed25519 public keys, the box secret and the signing seed

/** What every message of one key ceremony is bound to: the conference, t and n. */
export function ceremony(conferenceId, threshold = 2, members = 3) {
  const size = typeof conferenceId === 'string' ? utf8(conferenceId).length : 0;
  if (size < 1 || size > MAX_CONFERENCE_ID_BYTES) {
    throw new CommitteeError('a conference id is 1 to 64 bytes of UTF-8 (cards key BLAKE2b with it)');
  }
  if (!Number.isInteger(threshold) || !Number.isInteger(members) || !(1 <= threshold && threshold <= members && members <= MAX_MEMBERS)) {
    throw new CommitteeError(`need 1 ≤ threshold ≤ members ≤ ${MAX_MEMBERS}`);
  }
  return { conferenceId, threshold, members };
}

function checkMember(ceremony, member) {
  if (!Number.isInteger(member) || member < 1 || member > ceremony.members) {
    throw new CommitteeError(`member ${member} is not one of 1..${ceremony.members}`);
  }
}

function sameCeremony(x, y) {
  return x.conferenceId === y.conferenceId && x.threshold === y.threshold && x.members === y.members;
}

/** Everything a member draws at random: {coefficients, possessionNonce, boxSecret,
 * signingSeed}. Only test vectors pass their own. */
export function randomSecrets(threshold) {
  return {
    coefficients: Array.from({ length: threshold }, randomScalar),
    possessionNonce: randomScalar(),
    boxSecret: sodium.crypto_box_keypair().privateKey,
    signingSeed: sodium.randombytes_buf(KEY_SIZE),
  };
}

/** A ceremony in progress must outlive a reload: the member's draws as JSON, kept only in this
 * browser (IndexedDB) until `finish` turns them into the key share and its backup. A local
 * format, never sent anywhere. */
export function secretsToJSON({ coefficients, possessionNonce, boxSecret, signingSeed }) {
  return {
    kind: 'committee-member-secrets',
    coefficients: coefficients.map(toHex),
    possession_nonce: toHex(possessionNonce),
    box_secret: toHex(boxSecret),
    signing_seed: toHex(signingSeed),
  };
}

export function secretsFromJSON(value) {
  const message = wire.fields(value, 'committee-member-secrets', ['coefficients', 'possession_nonce', 'box_secret', 'signing_seed']);
  return {
    coefficients: wire.array(message, 'coefficients').map((item) => wire.scalar({ coefficient: item }, 'coefficient')),
    possessionNonce: wire.scalar(message, 'possession_nonce'),
    boxSecret: wire.raw(message, 'box_secret', KEY_SIZE),
    signingSeed: wire.raw(message, 'signing_seed', KEY_SIZE),
  };
}

// --- commitments (the reveal) --------------------------------------------------------------

/**
 * A member's reveal: {ceremony, member, commitments: C_k = a_k·G, boxKey, signingKey,
 * proofCommitment R, proofResponse z}, with a Schnorr proof that it knows a_0 bound to the
 * member, the ceremony and all of the above.
 */
function commit(ceremony, member, secrets) {
  const commitments = secrets.coefficients.map(base);
  const reveal = {
    ceremony,
    member,
    commitments,
    boxKey: boxPublic(secrets.boxSecret),
    signingKey: signingKeypair(secrets.signingSeed).publicKey,
    proofCommitment: base(secrets.possessionNonce),
  };
  const challenge = possessionChallenge(reveal);
  return { ...reveal, proofResponse: scalarAdd(secrets.possessionNonce, scalarMul(challenge, secrets.coefficients[0])) };
}

/** The parts hashed (after the tag) for the proof of possession's challenge. */
export function possessionParts({ ceremony, member, commitments, boxKey, signingKey, proofCommitment }) {
  return [utf8(ceremony.conferenceId), u32be(member), u32be(ceremony.threshold), u32be(ceremony.members), boxKey, signingKey, ...commitments, proofCommitment];
}

/** The proof of possession's strong Fiat–Shamir challenge. */
export function possessionChallenge(reveal) {
  return hashToScalar(POSSESSION_TAG, ...possessionParts(reveal));
}

/** Check the proof of possession: z·G = R + c·C_0. */
export function verifyReveal(reveal) {
  const expected = add(reveal.proofCommitment, mul(reveal.commitments[0], possessionChallenge(reveal)));
  if (!equal(base(reveal.proofResponse), expected)) {
    throw new CommitteeError(`member ${reveal.member}'s proof of possession does not verify`);
  }
}

export function revealToJSON(reveal) {
  return {
    kind: 'committee-commitment',
    conference_id: reveal.ceremony.conferenceId,
    threshold: reveal.ceremony.threshold,
    members: reveal.ceremony.members,
    member: reveal.member,
    commitments: reveal.commitments.map(toHex),
    box_key: toHex(reveal.boxKey),
    signing_key: toHex(reveal.signingKey),
    proof: { commitment: toHex(reveal.proofCommitment), response: toHex(reveal.proofResponse) },
  };
}

export function revealFromJSON(value) {
  const names = ['conference_id', 'threshold', 'members', 'member', 'commitments', 'box_key', 'signing_key', 'proof'];
  const message = wire.fields(value, 'committee-commitment', names);
  const ceremonyOf = ceremony(
    wire.text(message, 'conference_id'),
    wire.integer(message, 'threshold', 1, MAX_MEMBERS),
    wire.integer(message, 'members', 1, MAX_MEMBERS),
  );
  const proof = wire.nested(message.proof, 'proof', ['commitment', 'response']);
  return {
    ceremony: ceremonyOf,
    member: wire.integer(message, 'member', 1, ceremonyOf.members),
    commitments: wire.points(message, 'commitments', ceremonyOf.threshold),
    boxKey: wire.raw(message, 'box_key', KEY_SIZE),
    signingKey: wire.raw(message, 'signing_key', KEY_SIZE),
    proofCommitment: wire.point(proof, 'commitment'),
    proofResponse: wire.scalar(proof, 'response'),
  };
}

/** The hash published before the reveal: SHA-256 hex of the reveal's canonical JSON. */
export function revealDigest(reveal) {
  return sha256Hex(revealToJSON(reveal));
}

/** f(receiver)·G, computed from the sender's commitments alone (Feldman). */
function shareImage(reveal, receiver) {
  return evaluatePoints(reveal.commitments, receiver);
}

// --- the commitment hash (step 1) ---------------------------------------------------------

export function commitmentHashToJSON({ conferenceId, member, digest }) {
  return { kind: 'committee-commitment-hash', conference_id: conferenceId, member, hash: digest };
}

export function commitmentHashFromJSON(value) {
  const message = wire.fields(value, 'committee-commitment-hash', ['conference_id', 'member', 'hash']);
  return {
    conferenceId: wire.text(message, 'conference_id'),
    member: wire.integer(message, 'member', 1, MAX_MEMBERS),
    digest: toHex(wire.raw(message, 'hash', 32)),
  };
}

// --- the transcript -----------------------------------------------------------------------

/**
 * The public outcome of a ceremony: every member's verified reveal, in member order. Anyone
 * derives the joint key and each member's public share from it.
 */
export class Transcript {
  constructor(ceremonyOf, reveals) {
    const members = reveals.map((reveal) => reveal.member);
    if (members.length !== ceremonyOf.members || members.some((m, i) => m !== i + 1)) {
      throw new CommitteeError(`a transcript has one reveal per member 1..${ceremonyOf.members}`);
    }
    for (const reveal of reveals) {
      if (!sameCeremony(reveal.ceremony, ceremonyOf)) throw new CommitteeError(`member ${reveal.member}'s reveal is for another ceremony`);
      verifyReveal(reveal);
    }
    checkDistinctKeys(reveals);
    this.ceremony = ceremonyOf;
    this.reveals = reveals;
    // Σ_i C_{i,k} for each k: the commitments of the joint polynomial.
    this.summed = Array.from({ length: ceremonyOf.threshold }, (_, k) => total(reveals.map((reveal) => reveal.commitments[k])));
  }

  reveal(member) {
    checkMember(this.ceremony, member);
    return this.reveals[member - 1];
  }

  /** Y = Σ_i C_{i,0}, the key ballots are encrypted to. */
  get jointKey() {
    return this.summed[0];
  }

  /** Y_j = Σ_i Σ_k C_{i,k}·j^k: member j's secret share times G. */
  publicShare(member) {
    checkMember(this.ceremony, member);
    return evaluatePoints(this.summed, member);
  }

  toJSON() {
    return {
      kind: 'committee-transcript',
      conference_id: this.ceremony.conferenceId,
      threshold: this.ceremony.threshold,
      members: this.ceremony.members,
      reveals: this.reveals.map(revealToJSON),
    };
  }

  static fromJSON(value) {
    const message = wire.fields(value, 'committee-transcript', ['conference_id', 'threshold', 'members', 'reveals']);
    const ceremonyOf = ceremony(
      wire.text(message, 'conference_id'),
      wire.integer(message, 'threshold', 1, MAX_MEMBERS),
      wire.integer(message, 'members', 1, MAX_MEMBERS),
    );
    return new Transcript(ceremonyOf, wire.array(message, 'reveals').map(revealFromJSON));
  }
}

/** The transcript, once every member's reveal matches the hash it published first. */
/** Refuse two seats holding the same signing key, box key or first commitment C_0: one
 * person behind two seats would sign, open and count as two members. */
export function checkDistinctKeys(reveals) {
  const seen = new Map();
  for (const reveal of reveals) {
    for (const [what, key] of [['signing key', reveal.signingKey], ['box key', reveal.boxKey], ['first commitment', reveal.commitments[0]]]) {
      const id = `${what}:${toHex(key)}`;
      if (!seen.has(id)) seen.set(id, reveal.member);
      else if (seen.get(id) !== reveal.member) throw new CommitteeError(`members ${seen.get(id)} and ${reveal.member} share one ${what}`);
    }
  }
}

export function assembleTranscript(ceremonyOf, hashes, reveals) {
  const published = oneEach(ceremonyOf, hashes, 'hash');
  const revealed = oneEach(ceremonyOf, reveals, 'reveal');
  for (const [member, reveal] of revealed) {
    if (revealDigest(reveal) !== published.get(member).digest) {
      throw new CommitteeError(`member ${member}'s reveal does not match its published hash`);
    }
  }
  return new Transcript(ceremonyOf, [...revealed.keys()].sort((x, y) => x - y).map((member) => revealed.get(member)));
}

/** Messages by member: exactly one from each of 1..n, all for this conference. */
function oneEach(ceremonyOf, messages, what) {
  const found = new Map();
  for (const message of messages) {
    // A commitment hash names its conference; a reveal carries its whole ceremony.
    const conferenceId = message.conferenceId ?? message.ceremony.conferenceId;
    if (conferenceId !== ceremonyOf.conferenceId) throw new CommitteeError(`member ${message.member}'s ${what} is for another conference`);
    if (found.has(message.member)) throw new CommitteeError(`member ${message.member} sent two of its ${what}`);
    checkMember(ceremonyOf, message.member);
    found.set(message.member, message);
  }
  const missing = [];
  for (let member = 1; member <= ceremonyOf.members; member++) if (!found.has(member)) missing.push(member);
  if (missing.length) throw new CommitteeError(`no ${what} yet from members ${missing.join(', ')}`);
  return found;
}

// --- sealed shares and complaints ---------------------------------------------------------

/** What is sealed: the share with the envelope's context, so a redirected one is noticed. */
function sharePlaintext(conferenceId, sender, receiver, share) {
  return { kind: 'committee-share-plaintext', conference_id: conferenceId, from: sender, to: receiver, share: toHex(share) };
}

/** f_sender(receiver), sealed to the receiver's box key: {conferenceId, sender, receiver, sealed}. */
export function sealedShareToJSON({ conferenceId, sender, receiver, sealed }) {
  return { kind: 'committee-share', conference_id: conferenceId, from: sender, to: receiver, sealed: toHex(sealed) };
}

export function sealedShareFromJSON(value) {
  const message = wire.fields(value, 'committee-share', ['conference_id', 'from', 'to', 'sealed']);
  return {
    conferenceId: wire.text(message, 'conference_id'),
    sender: wire.integer(message, 'from', 1, MAX_MEMBERS),
    receiver: wire.integer(message, 'to', 1, MAX_MEMBERS),
    sealed: wire.raw(message, 'sealed'),
  };
}

/** The share inside an envelope, if it opens and its plaintext names this envelope. */
export function openShare(envelope, boxKey, boxSecret) {
  if (envelope.sealed.length < sodium.crypto_box_SEALBYTES) throw new CommitteeError('the sealed share is too short');
  let plaintext;
  let share;
  try {
    plaintext = loads(sodium.crypto_box_seal_open(envelope.sealed, boxKey, boxSecret));
    const message = wire.fields(plaintext, 'committee-share-plaintext', ['conference_id', 'from', 'to', 'share']);
    share = wire.scalar(message, 'share');
  } catch (error) {
    // libsodium refuses with a plain Error; canonical and message errors alike mean unreadable.
    throw new CommitteeError(`the sealed share does not open to a share (${error.message})`);
  }
  const expected = sharePlaintext(envelope.conferenceId, envelope.sender, envelope.receiver, share);
  if (!equal(dumps(expected), dumps(plaintext))) throw new CommitteeError('the sealed share was made for another sender or receiver');
  return share;
}

export const COMPLAINT_REASONS = ['missing', 'duplicate', 'unreadable', 'mismatch'];

/** A receiver's public accusation: {conferenceId, accuser, accused, reason}. */
export function complaintToJSON({ conferenceId, accuser, accused, reason }) {
  return { kind: 'committee-complaint', conference_id: conferenceId, accuser, accused, reason };
}

export function complaintFromJSON(value) {
  const message = wire.fields(value, 'committee-complaint', ['conference_id', 'accuser', 'accused', 'reason']);
  const reason = wire.text(message, 'reason');
  if (!COMPLAINT_REASONS.includes(reason)) throw new CommitteeError(`a complaint's reason is one of ${COMPLAINT_REASONS.join(', ')}`);
  return {
    conferenceId: wire.text(message, 'conference_id'),
    accuser: wire.integer(message, 'accuser', 1, MAX_MEMBERS),
    accused: wire.integer(message, 'accused', 1, MAX_MEMBERS),
    reason,
  };
}

/** A member received bad or missing shares; `complaints` names each sender at fault. */
export class ShareComplaintError extends CommitteeError {
  constructor(complaints) {
    const named = complaints.map((c) => `member ${c.accused} (${c.reason})`).join(', ');
    super(`member ${complaints[0].accuser} complains about ${named}`);
    this.complaints = complaints;
  }
}

// --- one member's side ----------------------------------------------------------------------

/** One member's side of the ceremony, holding its polynomial until its key share is made. */
export class Member {
  #secrets;

  constructor(ceremonyOf, index, secrets = randomSecrets(ceremonyOf.threshold)) {
    checkMember(ceremonyOf, index);
    if (secrets.coefficients.length !== ceremonyOf.threshold) {
      throw new CommitteeError(`the polynomial needs ${ceremonyOf.threshold} coefficients`);
    }
    this.ceremony = ceremonyOf;
    this.index = index;
    this.#secrets = secrets;
    this.reveal = commit(ceremonyOf, index, secrets);
  }

  /** The first message: published before anyone reveals. */
  commitmentHash() {
    return { conferenceId: this.ceremony.conferenceId, member: this.index, digest: revealDigest(this.reveal) };
  }

  /** f(receiver), this member's share for another. */
  shareFor(receiver) {
    checkMember(this.ceremony, receiver);
    return evaluateScalars(this.#secrets.coefficients, receiver);
  }

  /** Every other member's share, sealed to the box key in its reveal. */
  sealShares(transcript) {
    this.#checkTranscript(transcript);
    const { conferenceId } = this.ceremony;
    return transcript.reveals
      .filter((other) => other.member !== this.index)
      .map((other) => {
        const plaintext = sharePlaintext(conferenceId, this.index, other.member, this.shareFor(other.member));
        const sealed = sodium.crypto_box_seal(dumps(plaintext), other.boxKey);
        return { conferenceId, sender: this.index, receiver: other.member, sealed };
      });
  }

  /** This member's KeyShare, once every other member's share opens and matches its sender's
   * commitments; otherwise a ShareComplaintError naming each sender at fault. */
  finish(transcript, shares) {
    this.#checkTranscript(transcript);
    const received = new Map();
    for (const envelope of shares) {
      if (envelope.conferenceId !== this.ceremony.conferenceId || envelope.receiver !== this.index) {
        throw new CommitteeError(`a share for another member reached member ${this.index}`);
      }
      checkMember(this.ceremony, envelope.sender);
      received.set(envelope.sender, [...(received.get(envelope.sender) ?? []), envelope]);
    }
    let secret = this.shareFor(this.index);
    const complaints = [];
    for (const sender of transcript.reveals) {
      if (sender.member === this.index) continue;
      const { share, reason } = this.#accept(sender, received.get(sender.member) ?? []);
      if (reason) complaints.push({ conferenceId: this.ceremony.conferenceId, accuser: this.index, accused: sender.member, reason });
      else secret = scalarAdd(secret, share);
    }
    if (complaints.length) throw new ShareComplaintError(complaints);
    return new KeyShare(transcript, this.index, secret, this.#secrets.boxSecret, this.#secrets.signingSeed);
  }

  /** {share}: the one share from `sender`, checked against its commitments
   * (f(j)·G = Σ C_k·j^k); or {reason}: the complaint refusing it. */
  #accept(sender, envelopes) {
    if (envelopes.length === 0) return { reason: 'missing' };
    if (envelopes.length > 1) return { reason: 'duplicate' };
    let share;
    try {
      share = openShare(envelopes[0], this.reveal.boxKey, this.#secrets.boxSecret);
    } catch (error) {
      if (error instanceof CommitteeError) return { reason: 'unreadable' };
      throw error;
    }
    if (!equal(base(share), shareImage(sender, this.index))) return { reason: 'mismatch' };
    return { share };
  }

  #checkTranscript(transcript) {
    if (!equal(dumps(revealToJSON(transcript.reveal(this.index))), dumps(revealToJSON(this.reveal)))) {
      throw new CommitteeError(`the transcript does not carry member ${this.index}'s own reveal`);
    }
  }
}

// --- the lasting key share and its backup -----------------------------------------------------

/**
 * A member's key material after the ceremony: what it decrypts and signs with. Constructing
 * one checks that the secret share is this member's part of the joint key (s_j·G = Y_j) and
 * that both keypairs are the ones its reveal published.
 */
export class KeyShare {
  constructor(transcript, member, secretShare, boxSecret, signingSeed) {
    const reveal = transcript.reveal(member);
    if (!equal(base(secretShare), transcript.publicShare(member))) {
      throw new CommitteeError(`member ${member}'s key share is not in the joint key`);
    }
    if (!equal(boxPublic(boxSecret), reveal.boxKey)) throw new CommitteeError(`member ${member}'s box key is not the one it published`);
    if (!equal(signingKeypair(signingSeed).publicKey, reveal.signingKey)) {
      throw new CommitteeError(`member ${member}'s signing key is not the one it published`);
    }
    Object.assign(this, { transcript, member, secretShare, boxSecret, signingSeed });
  }

  get conferenceId() {
    return this.transcript.ceremony.conferenceId;
  }

  /** An Ed25519 signature with the key this member published in the ceremony. */
  sign(message) {
    return sodium.crypto_sign_detached(message, signingKeypair(this.signingSeed).privateKey);
  }

  toJSON() {
    return {
      kind: 'committee-key-backup',
      conference_id: this.conferenceId,
      member: this.member,
      secret_share: toHex(this.secretShare),
      box_secret: toHex(this.boxSecret),
      signing_seed: toHex(this.signingSeed),
      transcript: this.transcript.toJSON(),
    };
  }

  /** The member's backup file: canonical JSON of everything needed to take part again. */
  backup() {
    return dumps(this.toJSON());
  }

  /** Re-import a backup for `conferenceId`, refusing a damaged or foreign one. */
  static restore(data, conferenceId) {
    let value;
    try {
      value = loads(data);
    } catch (error) {
      if (error instanceof CanonicalError) throw new CommitteeError(`the backup is damaged: ${error.message}`);
      throw error;
    }
    const names = ['conference_id', 'member', 'secret_share', 'box_secret', 'signing_seed', 'transcript'];
    const message = wire.fields(value, 'committee-key-backup', names);
    if (wire.text(message, 'conference_id') !== conferenceId) throw new CommitteeError(`the backup is for another conference, not ${conferenceId}`);
    const transcript = Transcript.fromJSON(message.transcript);
    if (transcript.ceremony.conferenceId !== conferenceId) throw new CommitteeError("the backup's transcript is for another conference");
    return new KeyShare(
      transcript,
      wire.integer(message, 'member', 1, transcript.ceremony.members),
      wire.scalar(message, 'secret_share'),
      wire.raw(message, 'box_secret', KEY_SIZE),
      wire.raw(message, 'signing_seed', KEY_SIZE),
    );
  }
}

// --- helpers -------------------------------------------------------------------------------

/** Σ_k a_k·x^k by Horner's rule. */
function evaluateScalars(coefficients, x) {
  let result = scalarOf(0);
  for (const coefficient of [...coefficients].reverse()) result = scalarAdd(scalarMul(result, scalarOf(x)), coefficient);
  return result;
}

/** Σ_k C_k·x^k by Horner's rule, in the group. */
function evaluatePoints(coefficients, x) {
  let result = identity();
  for (const coefficient of [...coefficients].reverse()) result = add(mul(result, scalarOf(x)), coefficient);
  return result;
}

/** The X25519 public key of a box secret key (what crypto_box_keypair pairs it with). */
function boxPublic(boxSecret) {
  return sodium.crypto_scalarmult_base(boxSecret);
}

function signingKeypair(seed) {
  return sodium.crypto_sign_seed_keypair(seed);
}

/** Every member's part run in one place, for tests and simulations. `secrets` (one per
 * member) are for test vectors only. */
export function simulateCeremony(ceremonyOf, secrets) {
  const drawn = secrets ?? Array.from({ length: ceremonyOf.members }, () => randomSecrets(ceremonyOf.threshold));
  const members = drawn.map((item, i) => new Member(ceremonyOf, i + 1, item));
  const transcript = assembleTranscript(ceremonyOf, members.map((m) => m.commitmentHash()), members.map((m) => m.reveal));
  const sealed = members.flatMap((m) => m.sealShares(transcript));
  const keys = members.map((m) => m.finish(transcript, sealed.filter((e) => e.receiver === m.index)));
  return { transcript, keys };
}
