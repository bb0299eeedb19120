// Canonical JSON must equal voting/canonical.py byte for byte; the expected texts below were
// produced by the Python implementation.
import test from 'node:test';
import assert from 'node:assert/strict';
import { ready } from '../src/sodium.js';
import { CanonicalError, dumps, loads, sha256Hex } from '../src/canonical.js';
import { utf8 } from '../src/bytes.js';

await ready;

const text = (bytes) => new TextDecoder().decode(bytes);

const agreed = [
  [{ b: 1, a: [true, false, -5, 0], c: { z: 'x', y: '' } }, '{"a":[true,false,-5,0],"b":1,"c":{"y":"","z":"x"}}'],
  // Code-point order: U+FFFF sorts before U+10000, although its UTF-16 code unit is larger.
  [{ '\u{10000}': 1, '\uffff': 2, 'é': 3, e: 4, E: 5, '': 6 }, '{"":6,"E":5,"e":4,"\u00e9":3,"\uffff":2,"\ud800\udc00":1}'],
  [['"\\/\b\f\n\r\t\x00\x01\x1f\x7f\u2028\u2029 Việt Nam ✓ 😀'], '["\\"\\\\/\\b\\f\\n\\r\\t\\u0000\\u0001\\u001f\u007f\u2028\u2029 Vi\u1ec7t Nam \u2713 \ud83d\ude00"]'],
  // Integer-like keys: JavaScript objects list them first, in numeric order; Python sorts them
  // as strings. Section and candidate ids are keys in aggregates and counts.
  [{ 10: 1, 9: 2, a: 3, 2: 4 }, '{"10":1,"2":4,"9":2,"a":3}'],
  ['Nguyễn Văn A', '"Nguy\u1ec5n V\u0103n A"'],
  [9007199254740991, '9007199254740991'],
  [[], '[]'],
  [{}, '{}'],
];

test('dumps matches Python byte for byte', () => {
  for (const [value, expected] of agreed) assert.equal(text(dumps(value)), expected);
});

test('loads accepts exactly the canonical bytes', () => {
  for (const [value, expected] of agreed) assert.deepEqual(loads(utf8(expected)), value);
});

test('dumps refuses floats, null, undefined, non-plain objects and lone surrogates', () => {
  for (const bad of [1.5, NaN, Infinity, 2 ** 53, null, undefined, { a: null }, [undefined], 1n, new Date(0), new Map(), () => 1, '\ud800', { '\udc00': 1 }, [1, , 2]]) {
    assert.throws(() => dumps(bad), CanonicalError, String(bad));
  }
});

test('loads refuses every non-canonical spelling', () => {
  for (const bad of ['{"b":1,"a":2}', '{"a": 1}', ' {}', '{}\n', '1.0', '1e2', '-0', 'null', '{"a":null}', '"\\u00e9"', '"\\/"', '{"a":1,"a":1}', '\ufeff{}', '"\\ud800"', '01', '']) {
    assert.throws(() => loads(utf8(bad)), CanonicalError, bad);
  }
  assert.throws(() => loads(new Uint8Array([0x22, 0xff, 0x22])), CanonicalError, 'invalid UTF-8');
});

test('sha256Hex hashes the canonical bytes', () => {
  // sha256(b'{"a":1}') from Python's hashlib.
  assert.equal(sha256Hex({ a: 1 }), '015abd7f5cc57a2dd94b7590f04ad8084273905ee33ec5cebeae62276a97f862');
});
