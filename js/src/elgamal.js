// Exponential ElGamal over ristretto255, mirroring voting/crypto/elgamal.py: a mark m is
// encrypted as (a, b) = (rG, mG + rY). Putting m in the exponent makes ciphertexts add up to
// the encryption of the sum, so the committee only ever decrypts per-candidate totals.
import { GroupError, add, base, identity, mul, pointFromHex, scalarOf } from './group.js';
import { toHex } from './bytes.js';
import { hasExactly } from './json-shape.js';

/** (rG, mG + rY). The caller draws `randomness` from the system's random source. */
export function encrypt(message, key, randomness) {
  if (!Number.isInteger(message) || message < 0) throw new RangeError('only non-negative counts are encrypted');
  return { a: base(randomness), b: add(base(scalarOf(message)), mul(key, randomness)) };
}

/** The encryption of 0 with randomness 0: the neutral element of addCiphertexts. */
export function identityCiphertext() {
  return { a: identity(), b: identity() };
}

export function addCiphertexts(x, y) {
  return { a: add(x.a, y.a), b: add(x.b, y.b) };
}

/** The sum of `ciphertexts` (the identity ciphertext for none). */
export function addAll(ciphertexts) {
  let result = identityCiphertext();
  for (const ciphertext of ciphertexts) result = addCiphertexts(result, ciphertext);
  return result;
}

/** The JSON form: {"a": hex, "b": hex}. */
export function ciphertextToJSON({ a, b }) {
  return { a: toHex(a), b: toHex(b) };
}

/**
 * A ciphertext from outside: exactly the keys a and b, each a valid point in lowercase hex;
 * the identity only where allowed (an aggregate of nothing), never in a ballot.
 */
export function ciphertextFromJSON(data, allowIdentity = false) {
  if (!hasExactly(data, ['a', 'b'])) {
    throw new GroupError('a ciphertext is an object with exactly the keys "a" and "b"');
  }
  return { a: pointFromHex(data.a, allowIdentity), b: pointFromHex(data.b, allowIdentity) };
}
