// Shape checks for JSON read from outside: every message and ballot is an object with exactly
// its own keys, so what is accepted re-encodes to exactly what was received.
export function isPlainObject(value) {
  return typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;
}

/** Whether `value` is a plain object with exactly the own keys `names`. */
export function hasExactly(value, names) {
  if (!isPlainObject(value)) return false;
  const keys = Object.keys(value);
  return keys.length === names.length && names.every((name) => Object.hasOwn(value, name));
}
