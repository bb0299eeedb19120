// Ballots, mirroring voting/crypto/ballot.py: the definition voters mark, the encrypted and
// proven ballot a card signs, its verification, its hash, the ballot-list hash and the
// aggregate the committee decrypts.
//
// A ballot is bound three ways to its conference: it names the conference id and fingerprint,
// every proof hashes the fingerprint and the card's key, and the card signs it all.
// Verification names the first thing that fails.
import sodium from './sodium.js';
import { EncodingError, frame, fromHexSized, toHex, utf8 } from './bytes.js';
import { dumps, sha256Hex } from './canonical.js';
import { GroupError, isIdentity, randomScalar, scalarAdd, scalarOf } from './group.js';
import { addAll, addCiphertexts, ciphertextFromJSON, ciphertextToJSON, encrypt, identityCiphertext } from './elgamal.js';
import { hasExactly } from './json-shape.js';
import * as proofs from './proofs.js';
import { sign } from './cards.js';

export const SIGNATURE_TAG = 'voting/ballot/signature/v1';
export const FINGERPRINT_TAG = 'voting/conference-fingerprint/v1';

export class BallotError extends Error {}

// --- the definition ----------------------------------------------------------------------

/** {"sections": [{"id", "candidates", "quota"}, …]}: unique non-empty ids, at least one
 * candidate per section and a quota of at least 1. Returns the same shape, checked. */
export function definitionFromJSON(data) {
  const { sections } = fields(data, ['sections'], 'ballot definition');
  if (!Array.isArray(sections) || sections.length === 0) {
    throw new BallotError('a ballot definition has a non-empty list of sections');
  }
  const parsed = sections.map(sectionFromJSON);
  unique(parsed.map((section) => section.id), 'section');
  return { sections: parsed };
}

function sectionFromJSON(data, index) {
  const where = `ballot definition section ${index + 1}`;
  const { id, candidates, quota } = fields(data, ['id', 'candidates', 'quota'], where);
  if (typeof id !== 'string' || !id) throw new BallotError(`${where}: the id is a non-empty string`);
  if (!Array.isArray(candidates) || candidates.length === 0) {
    throw new BallotError(`section '${id}': candidates is a non-empty list`);
  }
  if (!candidates.every((item) => typeof item === 'string' && item)) {
    throw new BallotError(`section '${id}': candidate ids are non-empty strings`);
  }
  unique(candidates, `section '${id}': candidate`);
  if (!Number.isSafeInteger(quota) || quota < 1) {
    throw new BallotError(`section '${id}': the quota is a whole number of at least 1`);
  }
  return { id, candidates: [...candidates], quota };
}

// --- the conference ----------------------------------------------------------------------

/** SHA-256 hex of the canonical JSON of everything frozen at the opening; every proof and
 * signature covers it, so changing any of it invalidates every ballot. */
export function conferenceFingerprint(conferenceId, parameters) {
  return sha256Hex(fingerprintInput(conferenceId, parameters));
}

/** The object the fingerprint hashes (docs/crypto.md, "The conference fingerprint"). */
export function fingerprintInput(conferenceId, { ruleSet, ruleSetHash, procedure, step, definition, cardKeys, jointKey, convened, present }) {
  const keys = [...cardKeys].sort();
  for (const key of keys) hex(key, 32, 'a card key');
  unique(keys, 'card key');
  if (isIdentity(jointKey)) throw new BallotError("the committee's joint key cannot be the identity");
  return {
    tag: FINGERPRINT_TAG,
    conference: conferenceId,
    rule_set: ruleSet,
    rule_set_hash: ruleSetHash,
    procedure,
    step,
    ballot: definition,
    cards: keys,
    joint_key: toHex(jointKey),
    convened,
    present,
  };
}

// A ballot context is what ballots of one opened conference are built and verified against:
// {conferenceId, fingerprint (hex), definition (from definitionFromJSON), jointKey (point)}.

/** What every proof of a ballot by `card` is bound to: the fingerprint's bytes and the card. */
function proofContext(context, card) {
  return { fingerprint: hex(context.fingerprint, 32, 'the fingerprint'), card };
}

// --- building ----------------------------------------------------------------------------

/**
 * Encrypt, prove and sign `choices` (section id → the candidate ids marked; a section left out
 * has no marks). Randomness comes from `rng` (randomScalar): only test vectors inject theirs,
 * drawn per section and candidate in ballot order (r, then the mark's proof), then the
 * section's sum proof. Returns the decoded ballot (ballotToJSON gives its JSON form).
 */
export function buildBallot(context, card, choices, rng = randomScalar) {
  if (card.conferenceId !== context.conferenceId) {
    throw new BallotError(`this card belongs to conference '${card.conferenceId}', not '${context.conferenceId}'`);
  }
  const marked = checkedChoices(context.definition, choices);
  const binding = proofContext(context, card.publicKey);
  const key = context.jointKey;
  const sections = context.definition.sections.map((section) => {
    let totalRandomness = scalarOf(0);
    const marks = section.candidates.map((candidate) => {
      const value = marked.get(section.id).has(candidate) ? 1 : 0;
      const randomness = rng();
      const ciphertext = encrypt(value, key, randomness);
      const proof = proofs.prove(ciphertext, value, randomness, 1, key, binding, rng);
      totalRandomness = scalarAdd(totalRandomness, randomness);
      return { candidate, ciphertext, proof };
    });
    const total = addAll(marks.map((mark) => mark.ciphertext));
    const count = marked.get(section.id).size;
    const sumProof = proofs.prove(total, count, totalRandomness, section.quota, key, binding, rng);
    return { id: section.id, marks, sumProof };
  });
  const unsigned = { conference: context.conferenceId, fingerprint: context.fingerprint, card: card.publicKey, sections };
  return { ...unsigned, signature: sign(card, signedMessage(unsigned)) };
}

function checkedChoices(definition, choices) {
  const marked = new Map(definition.sections.map((section) => [section.id, new Set()]));
  for (const [sectionId, chosen] of Object.entries(choices)) {
    const section = definition.sections.find((item) => item.id === sectionId);
    if (!section) throw new BallotError(`there is no section '${sectionId}' on this ballot`);
    const set = marked.get(sectionId);
    for (const candidate of chosen) {
      if (!section.candidates.includes(candidate)) throw new BallotError(`section '${sectionId}' has no candidate '${candidate}'`);
      if (set.has(candidate)) throw new BallotError(`section '${sectionId}': '${candidate}' is marked twice`);
      set.add(candidate);
    }
    if (set.size > section.quota) {
      throw new BallotError(`section '${sectionId}': ${set.size} candidates are marked, but at most ${section.quota} may be`);
    }
  }
  return marked;
}

// --- the signed message and the JSON form --------------------------------------------------

/** The JSON form without the signature: what the signature covers. */
export function unsignedToJSON(ballot) {
  return {
    conference: ballot.conference,
    fingerprint: ballot.fingerprint,
    card: toHex(ballot.card),
    sections: ballot.sections.map((vote) => ({
      id: vote.id,
      marks: vote.marks.map((mark) => ({
        candidate: mark.candidate,
        ciphertext: ciphertextToJSON(mark.ciphertext),
        proof: proofs.proofToJSON(mark.proof),
      })),
      sum_proof: proofs.proofToJSON(vote.sumProof),
    })),
  };
}

/** The JSON form that is stored, published and hashed. */
export function ballotToJSON(ballot) {
  return { ...unsignedToJSON(ballot), signature: toHex(ballot.signature) };
}

/** What the card signs: SIGNATURE_TAG, the conference id (UTF-8), the fingerprint (32 raw
 * bytes) and the canonical JSON of the ballot without its signature, each preceded by its
 * length as 4 bytes big-endian. */
export function signedMessage(ballot) {
  return frame(utf8(SIGNATURE_TAG), utf8(ballot.conference), hex(ballot.fingerprint, 32, 'ballot.fingerprint'), dumps(unsignedToJSON(ballot)));
}

/** A ballot from outside, checked for shape and encodings (valid points, no identity,
 * canonical scalars, lowercase hex) so that it re-encodes to exactly the same JSON. */
export function ballotFromJSON(data) {
  const ballot = fields(data, ['conference', 'fingerprint', 'card', 'sections', 'signature'], 'ballot');
  if (typeof ballot.conference !== 'string') throw new BallotError('ballot.conference: expected a string');
  hex(ballot.fingerprint, 32, 'ballot.fingerprint');
  if (!Array.isArray(ballot.sections)) throw new BallotError('ballot.sections: expected a list');
  return {
    conference: ballot.conference,
    fingerprint: ballot.fingerprint,
    card: hex(ballot.card, 32, 'ballot.card'),
    sections: ballot.sections.map((item, i) => sectionVoteFromJSON(item, `ballot.sections[${i}]`)),
    signature: hex(ballot.signature, 64, 'ballot.signature'),
  };
}

function sectionVoteFromJSON(data, where) {
  const vote = fields(data, ['id', 'marks', 'sum_proof'], where);
  if (typeof vote.id !== 'string') throw new BallotError(`${where}.id: expected a string`);
  if (!Array.isArray(vote.marks)) throw new BallotError(`${where}.marks: expected a list`);
  return {
    id: vote.id,
    marks: vote.marks.map((item, i) => markFromJSON(item, `${where}.marks[${i}]`)),
    sumProof: decoded(proofs.proofFromJSON, vote.sum_proof, `${where}.sum_proof`),
  };
}

function markFromJSON(data, where) {
  const mark = fields(data, ['candidate', 'ciphertext', 'proof'], where);
  if (typeof mark.candidate !== 'string') throw new BallotError(`${where}.candidate: expected a string`);
  return {
    candidate: mark.candidate,
    ciphertext: decoded(ciphertextFromJSON, mark.ciphertext, `${where}.ciphertext`),
    proof: decoded(proofs.proofFromJSON, mark.proof, `${where}.proof`),
  };
}

// --- verification, hashes, aggregate ---------------------------------------------------------

/** Throw BallotError naming the first failure: the conference, the fingerprint, the card
 * list, the signature, the ballot's layout, then each proof in ballot order. `cardKeys`: the
 * card list's lowercase hex keys (a Set, when verifying many ballots). */
export function verifyBallot(context, ballot, cardKeys) {
  if (ballot.conference !== context.conferenceId) {
    throw new BallotError(`this ballot is for conference '${ballot.conference}', not '${context.conferenceId}'`);
  }
  if (ballot.fingerprint !== context.fingerprint) {
    throw new BallotError(
      `this ballot was made for conference fingerprint ${ballot.fingerprint.slice(0, 16)}…, ` +
        `not ${context.fingerprint.slice(0, 16)}…: before the opening, or for other parameters`,
    );
  }
  const card = toHex(ballot.card);
  if (!(cardKeys instanceof Set ? cardKeys : new Set(cardKeys)).has(card)) throw new BallotError(`card ${card.slice(0, 16)}… is not on this conference's card list`);
  if (!sodium.crypto_sign_verify_detached(ballot.signature, signedMessage(ballot), ballot.card)) {
    throw new BallotError("the card's signature on this ballot does not verify");
  }
  checkLayout(context.definition, ballot);
  const binding = proofContext(context, ballot.card);
  const key = context.jointKey;
  context.definition.sections.forEach((section, index) => {
    const vote = ballot.sections[index];
    for (const mark of vote.marks) {
      if (!proofs.verify(mark.ciphertext, 1, key, binding, mark.proof)) {
        throw new BallotError(`section '${section.id}', candidate '${mark.candidate}': the proof that the mark is 0 or 1 does not verify`);
      }
    }
    const total = addAll(vote.marks.map((mark) => mark.ciphertext));
    if (!proofs.verify(total, section.quota, key, binding, vote.sumProof)) {
      throw new BallotError(`section '${section.id}': the proof that at most ${section.quota} candidates are marked does not verify`);
    }
  });
}

/** SHA-256 hex of the ballot's canonical JSON, signature included: its receipt. */
export function ballotHash(ballot) {
  return sha256Hex(ballotToJSON(ballot));
}

/** SHA-256 hex of the canonical JSON array of the ballot hashes, sorted: the same list gives
 * the same hash whatever order the ballots arrived in. */
export function ballotListHash(ballotHashes) {
  const hashes = [...ballotHashes].sort();
  for (const item of hashes) hex(item, 32, 'a ballot hash');
  return sha256Hex(hashes);
}

/** An empty aggregate: section id → candidate id → the identity ciphertext. */
export function emptyAggregate(definition) {
  return Object.fromEntries(
    definition.sections.map((section) => [section.id, Object.fromEntries(section.candidates.map((c) => [c, identityCiphertext()]))]),
  );
}

/** Add one ballot (verified: this only checks its layout) into `sums`, in place. */
export function addToAggregate(definition, sums, ballot) {
  checkLayout(definition, ballot);
  for (const vote of ballot.sections) {
    for (const mark of vote.marks) sums[vote.id][mark.candidate] = addCiphertexts(sums[vote.id][mark.candidate], mark.ciphertext);
  }
  return sums;
}

/** Section id → candidate id → the sum of that candidate's ciphertexts over `ballots`. */
export function aggregate(definition, ballots) {
  const sums = emptyAggregate(definition);
  for (const ballot of ballots) addToAggregate(definition, sums, ballot);
  return sums;
}

/** The aggregate's JSON form: section id → candidate id → {"a", "b"}. */
export function aggregateToJSON(sums) {
  return Object.fromEntries(
    Object.entries(sums).map(([id, candidates]) => [id, Object.fromEntries(Object.entries(candidates).map(([c, ct]) => [c, ciphertextToJSON(ct)]))]),
  );
}

/** The ballot has the definition's sections and candidates, in the definition's order. */
function checkLayout(definition, ballot) {
  if (ballot.sections.length !== definition.sections.length) {
    throw new BallotError(`the ballot has ${ballot.sections.length} sections; this conference's ballot has ${definition.sections.length}`);
  }
  definition.sections.forEach((section, index) => {
    const vote = ballot.sections[index];
    if (vote.id !== section.id) throw new BallotError(`section ${index + 1} is '${vote.id}', expected '${section.id}'`);
    const candidates = vote.marks.map((mark) => mark.candidate);
    if (candidates.length !== section.candidates.length || candidates.some((c, i) => c !== section.candidates[i])) {
      throw new BallotError(`section '${section.id}' lists candidates ${candidates.join(', ')}, expected ${section.candidates.join(', ')}`);
    }
  });
}

// --- reading JSON ------------------------------------------------------------------------

function fields(data, names, where) {
  if (!hasExactly(data, names)) {
    throw new BallotError(`${where}: expected an object with exactly ${[...names].sort().join(', ')}`);
  }
  return data;
}

function decoded(decode, data, where) {
  try {
    return decode(data);
  } catch (error) {
    if (error instanceof GroupError || error instanceof EncodingError) throw new BallotError(`${where}: ${error.message}`);
    throw error;
  }
}

function hex(text, size, where) {
  return decoded((value) => fromHexSized(value, size), text, where);
}

function unique(items, what) {
  const seen = new Set();
  for (const item of items) {
    if (seen.has(item)) throw new BallotError(`${what} '${item}' appears twice`);
    seen.add(item);
  }
}
