// Byte strings: strict lowercase hex (one spelling per value, as in the records), UTF-8, and
// the length-prefixed framing of every hash input and signed message.
const HEX = /^(?:[0-9a-f]{2})*$/;
const utf8Encoder = new TextEncoder();

export class EncodingError extends Error {}

const BYTE_HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

export function toHex(bytes) {
  let text = '';
  for (const byte of bytes) text += BYTE_HEX[byte];
  return text;
}

/** Bytes from lowercase hex and nothing else: one spelling per value, so what is parsed
 * re-encodes to the very same JSON. */
export function fromHex(text) {
  if (typeof text !== 'string' || !HEX.test(text)) throw new EncodingError('expected lowercase hex');
  const bytes = new Uint8Array(text.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(text.substr(2 * i, 2), 16);
  return bytes;
}

/** `fromHex` of exactly `size` bytes. */
export function fromHexSized(text, size) {
  if (typeof text !== 'string' || text.length !== 2 * size) throw new EncodingError(`expected ${2 * size} lowercase hex characters`);
  return fromHex(text);
}

export function utf8(text) {
  return utf8Encoder.encode(text);
}

function concat(...parts) {
  const out = new Uint8Array(parts.reduce((size, part) => size + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

export function equal(a, b) {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i] ^ b[i];
  return diff === 0;
}

/** 4 bytes big-endian: length prefixes, member indexes, a range proof's maximum. */
export function u32be(n) {
  if (!Number.isInteger(n) || n < 0 || n > 0xffffffff) throw new EncodingError(`${n} does not fit in 4 bytes`);
  return new Uint8Array([n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255]);
}

/** Each part behind its 4-byte big-endian length, so no part can run into the next: the
 * framing of every hash input and signed message (docs/crypto.md, docs/crypto-committee.md). */
export function frame(...parts) {
  return concat(...parts.flatMap((part) => [u32be(part.length), part]));
}
