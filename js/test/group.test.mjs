// The group layer must behave as voting/crypto/group.py; expected values come from RFC 9496
// and from the Python implementation.
import test from 'node:test';
import assert from 'node:assert/strict';
import { ready } from '../src/sodium.js';
import * as g from '../src/group.js';
import { fromHex, toHex, utf8 } from '../src/bytes.js';

await ready;

const G_HEX = 'e2f2ae0a6abc4e71a884a961c500515f58e30b6aa582dd8db6a65945e08d2d76';
const TWO_G_HEX = '6a493210f7499cd17fecb510ae0cea23a110e8d5b901f8acadd3095c73a3b919';

test('base multiples match RFC 9496', () => {
  assert.equal(toHex(g.base(g.scalarOf(1))), G_HEX);
  assert.equal(toHex(g.base(g.scalarOf(2))), TWO_G_HEX);
  assert.equal(toHex(g.add(g.pointFromHex(G_HEX), g.pointFromHex(G_HEX))), TWO_G_HEX);
});

test('the identity is refused unless allowed', () => {
  const zero = new Uint8Array(32);
  assert.throws(() => g.decodePoint(zero), g.GroupError);
  assert.deepEqual(g.decodePoint(zero, true), zero);
  assert.throws(() => g.pointFromHex('00'.repeat(32)), g.GroupError);
});

test('invalid and non-canonical encodings are refused', () => {
  // Bad encodings from RFC 9496 A.2: non-canonical field elements, negative ones, non-squares.
  const bad = [
    '00ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff',
    'ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
    'f3ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
    'edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
    '0100000000000000000000000000000000000000000000000000000000000000',
    '01ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
    'ed57ffd8c914fb201471d1c3d245ce3c746fcbe63a3679d51b6a516ebebe0e20',
    '26948d35ca62e643e26a83177332e6b6afeb9d08e4268b650f1f5bbd8d81d371',
  ];
  for (const hex of bad) assert.throws(() => g.pointFromHex(hex), g.GroupError, hex);
  assert.throws(() => g.decodePoint(fromHex(G_HEX).subarray(1)), g.GroupError);
  assert.throws(() => g.pointFromHex(G_HEX.toUpperCase()), g.GroupError, 'one hex spelling only');
});

test('scalars are canonical: below the order, 32 bytes', () => {
  const orderMinusOne = g.scalarOf(-1);
  assert.equal(toHex(orderMinusOne), 'ecd3f55c1a631258d69cf7a2def9de1400000000000000000000000000000010');
  assert.deepEqual(g.decodeScalar(orderMinusOne), orderMinusOne);
  assert.throws(() => g.scalarFromHex('edd3f55c1a631258d69cf7a2def9de1400000000000000000000000000000010'), g.GroupError);
  assert.throws(() => g.decodeScalar(new Uint8Array(31)), g.GroupError);
  assert.equal(toHex(g.scalarOf(0x010203)), '030201' + '00'.repeat(29));
});

test('zero scalars and the identity work where libsodium would refuse them', () => {
  const zero = g.scalarOf(0);
  const p = g.base(g.randomScalar());
  assert.ok(g.isIdentity(g.base(zero)));
  assert.ok(g.isIdentity(g.mul(p, zero)));
  assert.ok(g.isIdentity(g.mul(g.identity(), g.scalarOf(7))));
  assert.ok(g.isIdentity(g.sub(p, p)));
  assert.deepEqual(g.add(p, g.identity()), p);
  assert.ok(g.isIdentity(g.total([])));
  assert.throws(() => g.scalarInverse(zero), g.GroupError);
});

test('scalar arithmetic is consistent with point arithmetic', () => {
  const a = g.randomScalar();
  const b = g.randomScalar();
  assert.deepEqual(g.base(g.scalarAdd(a, b)), g.add(g.base(a), g.base(b)));
  assert.deepEqual(g.base(g.scalarSub(a, b)), g.sub(g.base(a), g.base(b)));
  assert.deepEqual(g.base(g.scalarMul(a, b)), g.mul(g.base(a), b));
  assert.ok(g.isZeroScalar(g.scalarAdd(a, g.scalarNeg(a))));
  assert.deepEqual(g.scalarMul(a, g.scalarInverse(a)), g.scalarOf(1));
});

test('hashToScalar frames its input exactly as Python', () => {
  assert.equal(toHex(g.hashToScalar('test/tag')), '151a030526b6ab38bf847cab5541852ef5d039e28b1450a0d8a542997a91c70a');
  assert.equal(
    toHex(g.hashToScalar('test/tag', new Uint8Array(0), new Uint8Array([1, 2]), utf8('Việt'))),
    '5896521c7c04f10b61143d257b5d74faa812afa8570691da06c600bcd5d7460f',
  );
  assert.equal(toHex(g.hashToScalar('Việt', utf8('abc'))), '0d70539d9960338d558e0da11e55c20fa628defb218ad637eeaea3de0ae8fb02');
  // The framing keeps part boundaries: moving a byte from one part to the next changes the hash.
  assert.notDeepEqual(g.hashToScalar('t', utf8('ab'), utf8('c')), g.hashToScalar('t', utf8('a'), utf8('bc')));
});
