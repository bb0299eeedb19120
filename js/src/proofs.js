// Disjunctive Chaum–Pedersen proofs that a ciphertext encrypts one of 0, 1, …, max, mirroring
// voting/crypto/proofs.py. A mark must encrypt 0 or 1 and a section's sum at most its quota;
// without these a voter could encrypt 5 or −1 and the totals would be silently wrong.
//
// Strong Fiat–Shamir: the challenge hashes the whole statement (key, ciphertext, range), the
// conference fingerprint, the card's key and every commitment. For each value j:
//     A_j = z_j·G − c_j·a        B_j = z_j·Y − c_j·(b − j·G)
// The true branch is answered honestly, the others simulated; the challenges add up to the
// hash. Only (c_j, z_j) are sent: the verifier recomputes the commitments.
import { GroupError, base, hashToScalar, mul, randomScalar, scalarAdd, scalarFromHex, scalarMul, scalarOf, scalarSub, sub } from './group.js';
import { equal, toHex, u32be } from './bytes.js';
import { hasExactly } from './json-shape.js';

export const TAG = 'voting/ballot/range-proof/v1';

/**
 * A proof that `ciphertext` = encrypt(value, key, randomness) with 0 ≤ value ≤ maximum, bound
 * to `context` = {fingerprint, card} (32 bytes each). `rng` is drawn in a fixed order (for
 * j = 0..max: w if j is the true value, else c_j then z_j) so test vectors can inject theirs.
 */
export function prove(ciphertext, value, randomness, maximum, key, context, rng = randomScalar) {
  checkMaximum(maximum);
  if (!Number.isInteger(value) || value < 0 || value > maximum) {
    throw new RangeError(`${value} is outside 0..${maximum}: there is nothing true to prove`);
  }
  const challenges = [];
  const responses = [];
  const committed = [];
  let nonce;
  for (let j = 0; j <= maximum; j++) {
    if (j === value) {
      nonce = rng();
      committed.push([base(nonce), mul(key, nonce)]);
    } else {
      challenges[j] = rng();
      responses[j] = rng();
      committed.push(branch(ciphertext, key, j, challenges[j], responses[j]));
    }
  }
  let own = challenge(ciphertext, maximum, key, context, committed);
  for (let j = 0; j <= maximum; j++) if (j !== value) own = scalarSub(own, challenges[j]);
  challenges[value] = own;
  responses[value] = scalarAdd(nonce, scalarMul(own, randomness));
  return { challenges, responses };
}

/** Whether `proof` shows that `ciphertext` encrypts one of 0..maximum under `key`, for this
 * conference and card: one branch per value, and the challenges add up to the hash. */
export function verify(ciphertext, maximum, key, context, proof) {
  checkMaximum(maximum);
  if (proof.challenges.length !== maximum + 1 || proof.responses.length !== maximum + 1) return false;
  let sum = scalarOf(0);
  for (const c of proof.challenges) sum = scalarAdd(sum, c);
  return equal(sum, challenge(ciphertext, maximum, key, context, commitments(ciphertext, key, proof)));
}

/** The commitments (A_j, B_j) that the proof's challenges and responses imply. */
export function commitments(ciphertext, key, proof) {
  return proof.challenges.map((c, j) => branch(ciphertext, key, j, c, proof.responses[j]));
}

/** The Fiat–Shamir challenge: hashToScalar(TAG, fingerprint, card, Y, a, b, max as 4 bytes
 * big-endian, A_0, B_0, A_1, B_1, …). */
export function challenge(ciphertext, maximum, key, context, commitments) {
  const parts = [context.fingerprint, context.card, key, ciphertext.a, ciphertext.b, u32be(maximum)];
  for (const [a, b] of commitments) parts.push(a, b);
  return hashToScalar(TAG, ...parts);
}

export function proofToJSON({ challenges, responses }) {
  return { challenges: challenges.map(toHex), responses: responses.map(toHex) };
}

/** A proof from outside: two lists of canonical scalars in lowercase hex. */
export function proofFromJSON(data) {
  if (!hasExactly(data, ['challenges', 'responses'])) {
    throw new GroupError('a proof is an object with exactly "challenges" and "responses"');
  }
  if (!Array.isArray(data.challenges) || !Array.isArray(data.responses)) {
    throw new GroupError("a proof's challenges and responses are lists");
  }
  return { challenges: data.challenges.map(scalarFromHex), responses: data.responses.map(scalarFromHex) };
}

function branch(ciphertext, key, j, c, z) {
  const shifted = j ? sub(ciphertext.b, multiple(j)) : ciphertext.b;
  return [sub(base(z), mul(ciphertext.a, c)), sub(mul(key, z), mul(shifted, c))];
}

const multiples = new Map();

/** j·G, for the few small j a range has. */
function multiple(j) {
  if (!multiples.has(j)) multiples.set(j, base(scalarOf(j)));
  return multiples.get(j);
}

function checkMaximum(maximum) {
  if (!Number.isInteger(maximum) || maximum < 1 || maximum >= 2 ** 32) {
    throw new RangeError(`a range proof's maximum must be 1 or more (got ${maximum})`);
  }
}
