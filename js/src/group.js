// The ristretto255 group (RFC 9496) through libsodium, mirroring voting/crypto/group.py.
//
// Scalars and points are 32-byte canonical encodings (Uint8Array). Points from outside go
// through decodePoint, which refuses non-canonical and invalid encodings and, unless allowed,
// the identity (32 zero bytes: libsodium's is_valid_point accepts it, so we refuse it here).
// libsodium refuses to multiply by zero or to produce the identity: handled here, once.
import sodium from './sodium.js';
import { EncodingError, fromHexSized, frame, utf8 } from './bytes.js';

export const SIZE = 32;
export const ORDER = 2n ** 252n + 27742317777372353535851937790883648493n;

export class GroupError extends Error {}

function isZeroBytes(bytes) {
  return bytes.every((byte) => byte === 0);
}

function littleEndian(bytes) {
  let value = 0n;
  for (let i = bytes.length - 1; i >= 0; i--) value = (value << 8n) | BigInt(bytes[i]);
  return value;
}

// --- scalars -----------------------------------------------------------------------------

/** The scalar `value mod ORDER` (small public numbers: counts, indexes, coefficients). */
export function scalarOf(value) {
  let rest = ((BigInt(value) % ORDER) + ORDER) % ORDER;
  const out = new Uint8Array(SIZE);
  for (let i = 0; i < SIZE; i++) {
    out[i] = Number(rest & 255n);
    rest >>= 8n;
  }
  return out;
}

/**
 * A uniformly random scalar: 64 bytes from crypto.getRandomValues (libsodium's own source in
 * the browser, and available on plain http) reduced modulo the order by libsodium, as RFC 9496
 * derives scalars. libsodium's scalar_random would fetch them 4 bytes per call, which made a
 * reference ballot half again as slow to build.
 */
export function randomScalar() {
  const wide = globalThis.crypto.getRandomValues(new Uint8Array(64));
  const scalar = sodium.crypto_core_ristretto255_scalar_reduce(wide);
  wide.fill(0);
  return scalar;
}

/** A scalar from outside: exactly 32 bytes, canonical (below the group order). */
export function decodeScalar(data) {
  if (!(data instanceof Uint8Array) || data.length !== SIZE || littleEndian(data) >= ORDER) {
    throw new GroupError('not a canonical ristretto255 scalar');
  }
  return Uint8Array.from(data);
}

/** `decodeScalar` of exactly 64 lowercase hex characters. */
export function scalarFromHex(text) {
  return decodeScalar(hexBytes(text));
}

export const isZeroScalar = isZeroBytes;

export function scalarAdd(a, b) {
  return sodium.crypto_core_ristretto255_scalar_add(a, b);
}

export function scalarSub(a, b) {
  return sodium.crypto_core_ristretto255_scalar_sub(a, b);
}

export function scalarMul(a, b) {
  return sodium.crypto_core_ristretto255_scalar_mul(a, b);
}

export function scalarNeg(a) {
  return sodium.crypto_core_ristretto255_scalar_negate(a);
}

/** The multiplicative inverse; zero has none. */
export function scalarInverse(a) {
  if (isZeroBytes(a)) throw new GroupError('zero has no inverse');
  return sodium.crypto_core_ristretto255_scalar_invert(a);
}

// --- points ------------------------------------------------------------------------------

export function identity() {
  return new Uint8Array(SIZE);
}

export const isIdentity = isZeroBytes;

/** scalar · G. */
export function base(scalar) {
  if (isZeroBytes(scalar)) return identity();
  return sodium.crypto_scalarmult_ristretto255_base(scalar);
}

/** A point from outside: canonical, valid, and not the identity unless allowed. */
export function decodePoint(data, allowIdentity = false) {
  if (!(data instanceof Uint8Array) || data.length !== SIZE) {
    throw new GroupError('a ristretto255 point is 32 bytes');
  }
  if (isZeroBytes(data)) {
    if (allowIdentity) return identity();
    throw new GroupError('the identity point is not allowed here');
  }
  if (!sodium.crypto_core_ristretto255_is_valid_point(data)) {
    throw new GroupError('not a valid canonical ristretto255 point');
  }
  return Uint8Array.from(data);
}

/** `decodePoint` of exactly 64 lowercase hex characters. */
export function pointFromHex(text, allowIdentity = false) {
  return decodePoint(hexBytes(text), allowIdentity);
}

export function add(p, q) {
  return sodium.crypto_core_ristretto255_add(p, q);
}

export function sub(p, q) {
  return sodium.crypto_core_ristretto255_sub(p, q);
}

/** point · scalar; zero and the identity give the identity. */
export function mul(point, scalar) {
  if (isZeroBytes(scalar) || isZeroBytes(point)) return identity();
  return sodium.crypto_scalarmult_ristretto255(scalar, point);
}

/** The sum of `points` (the identity for none). */
export function total(points) {
  let result = identity();
  for (const point of points) result = add(result, point);
  return result;
}

// --- hashing -----------------------------------------------------------------------------

/**
 * A scalar from a domain tag and byte strings, each prefixed by its 4-byte big-endian length
 * so none can run into the next: BLAKE2b-512 of the framed input, reduced modulo the order.
 */
export function hashToScalar(tag, ...parts) {
  const digest = sodium.crypto_generichash(64, frame(utf8(tag), ...parts), null);
  return sodium.crypto_core_ristretto255_scalar_reduce(digest);
}

function hexBytes(text) {
  try {
    return fromHexSized(text, SIZE);
  } catch (error) {
    if (error instanceof EncodingError) throw new GroupError(error.message);
    throw error;
  }
}
