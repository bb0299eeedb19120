// Byte-exact canonical JSON, identical to voting/canonical.py: the one encoding every hash and
// signature covers. Sorted keys (by code point, as Python sorts str — not JS's UTF-16 order),
// no insignificant whitespace, UTF-8 without escaping non-ASCII; values are objects, arrays,
// strings, integers and booleans. Floats and null are refused so two implementations can never
// disagree on a number.
import sodium from './sodium.js';
import { toHex, utf8 } from './bytes.js';

export class CanonicalError extends Error {}

const LONE_SURROGATE = /\p{Surrogate}/u;
const utf8Decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Compare two strings by Unicode code point, as Python compares str (and canonical JSON
 * sorts keys). */
export function compareCodePoints(a, b) {
  const left = a[Symbol.iterator]();
  const right = b[Symbol.iterator]();
  for (;;) {
    const x = left.next();
    const y = right.next();
    if (x.done || y.done) return (x.done ? 0 : 1) - (y.done ? 0 : 1);
    const diff = x.value.codePointAt(0) - y.value.codePointAt(0);
    if (diff !== 0) return diff;
  }
}

function encodeString(text, path) {
  // Python cannot encode a lone surrogate as UTF-8 either: refuse it rather than escape it.
  if (LONE_SURROGATE.test(text)) throw new CanonicalError(`${path}: string holds a lone surrogate`);
  // JSON.stringify escapes exactly what Python's json.dumps(ensure_ascii=False) escapes:
  // '"', '\\', and U+0000..U+001F (short forms \b \t \n \f \r, otherwise lowercase \u00xx).
  return JSON.stringify(text);
}

function encode(value, path) {
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'string':
      return encodeString(value, path);
    case 'number':
      if (!Number.isSafeInteger(value)) throw new CanonicalError(`${path}: ${value} is not an integer allowed in canonical JSON`);
      return String(value);
    case 'object':
      // Array.from visits holes too, as undefined, so a sparse array is refused, not mangled.
      if (Array.isArray(value)) return `[${Array.from(value, (item, i) => encode(item, `${path}[${i}]`)).join(',')}]`;
      if (value !== null && Object.getPrototypeOf(value) === Object.prototype) {
        const keys = Object.keys(value).sort(compareCodePoints);
        return `{${keys.map((key) => `${encodeString(key, path)}:${encode(value[key], `${path}.${key}`)}`).join(',')}}`;
      }
  }
  const kind = value === null ? 'null' : typeof value === 'object' ? value.constructor?.name ?? 'object' : typeof value;
  throw new CanonicalError(`${path}: ${kind} is not allowed in canonical JSON`);
}

/** Encode `value` as canonical JSON bytes. */
export function dumps(value) {
  return utf8(encode(value, '$'));
}

/** Decode canonical JSON bytes, refusing anything that is not byte-for-byte canonical. */
export function loads(data) {
  let value;
  try {
    value = JSON.parse(utf8Decoder.decode(data));
  } catch (error) {
    throw new CanonicalError(`not valid JSON: ${error.message}`);
  }
  const again = dumps(value);
  if (again.length !== data.length || again.some((byte, i) => byte !== data[i])) {
    throw new CanonicalError('not in canonical form (key order, whitespace, escaping or numbers differ)');
  }
  return value;
}

/** SHA-256 of the canonical encoding, as lowercase hex. */
export function sha256Hex(value) {
  return toHex(sodium.crypto_hash_sha256(dumps(value)));
}
