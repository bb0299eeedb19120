// Reading the counting committee's messages from their canonical JSON form, mirroring
// voting/crypto/committee_json.py. Every message is an object with a `kind` and exactly its own
// fields; bytes travel as lowercase hex; points are decoded (so validated) on the way in.
// Anything else is refused with a CommitteeError naming the field. Formats:
// docs/crypto-committee.md.
import { GroupError, SIZE, decodePoint, decodeScalar } from './group.js';
import { fromHex } from './bytes.js';
import { hasExactly, isPlainObject } from './json-shape.js';

export class CommitteeError extends Error {}

/** `value` as a message of `kind` carrying exactly the fields `names` (besides `kind`). */
export function fields(value, kind, names) {
  if (!isPlainObject(value) || value.kind !== kind) throw new CommitteeError(`not a ${kind} message`);
  if (!hasExactly(value, [...names, 'kind'])) {
    throw new CommitteeError(`a ${kind} message has exactly the fields ${[...names, 'kind'].sort().join(', ')}`);
  }
  return value;
}

/** An object without a kind (a proof, say) carrying exactly the fields `names`. */
export function nested(value, name, names) {
  if (!hasExactly(value, names)) {
    throw new CommitteeError(`${name} has exactly the fields ${[...names].sort().join(', ')}`);
  }
  return value;
}

/** An integer field within low..high. */
export function integer(message, name, low, high) {
  const value = message[name];
  if (!Number.isSafeInteger(value) || value < low || value > high) {
    throw new CommitteeError(`${name} must be an integer from ${low} to ${high}`);
  }
  return value;
}

/** A non-empty string field. */
export function text(message, name) {
  const value = message[name];
  if (typeof value !== 'string' || !value) throw new CommitteeError(`${name} must be a non-empty string`);
  return value;
}

export function array(message, name) {
  if (!Array.isArray(message[name])) throw new CommitteeError(`${name} must be a list`);
  return message[name];
}

/** A lowercase-hex field of `size` bytes (any length when undefined). */
export function raw(message, name, size) {
  return bytesOf(message[name], name, size);
}

function bytesOf(value, name, size) {
  let data;
  try {
    data = fromHex(value);
  } catch {
    data = undefined;
  }
  if (data === undefined || (size !== undefined && data.length !== size)) {
    throw new CommitteeError(`${name} must be ${size !== undefined ? `${size} bytes` : 'bytes'} as lowercase hex`);
  }
  return data;
}

/** A point field, decoded and validated. */
export function point(message, name, allowIdentity = false) {
  return pointOf(message[name], name, allowIdentity);
}

function pointOf(value, name, allowIdentity) {
  return grouped(() => decodePoint(bytesOf(value, name, SIZE), allowIdentity), name);
}

/** A list field of exactly `count` points, none the identity. */
export function points(message, name, count) {
  const items = array(message, name);
  if (items.length !== count) throw new CommitteeError(`${name} must hold exactly ${count} points`);
  return items.map((item) => pointOf(item, name, false));
}

/** A scalar field in canonical form. */
export function scalar(message, name) {
  return grouped(() => decodeScalar(bytesOf(message[name], name, SIZE)), name);
}

function grouped(decode, name) {
  try {
    return decode();
  } catch (error) {
    if (error instanceof GroupError) throw new CommitteeError(`${name}: ${error.message}`);
    throw error;
  }
}
