"""The ristretto255 layer: canonical encodings, point validation, zero handling, the hash."""

import hashlib

import pytest

from voting.crypto.group import ORDER, GroupError, Point, Scalar, hash_to_scalar, total

# A canonical encoding of a field element that is not a ristretto255 point (RFC 9496 A.2),
# and a non-canonical one (2^255 - 19 = p itself).
NOT_ON_CURVE = bytes.fromhex("26948d35ca62e643e26a83177332e6b6afeb9d08e4268b650f1f5bbd8d81d371")
NON_CANONICAL = bytes.fromhex("edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f")
G = Point.base(Scalar.of(1))


def test_scalar_arithmetic_is_arithmetic_modulo_the_order() -> None:
    """Scalars add, subtract, multiply, negate and invert as integers modulo the order."""
    x, y = Scalar.random(), Scalar.random()
    assert int(x + y) == (int(x) + int(y)) % ORDER
    assert int(x - y) == (int(x) - int(y)) % ORDER
    assert int(x * y) == (int(x) * int(y)) % ORDER
    assert int(-x) == -int(x) % ORDER
    assert int(x * x.inverse()) == 1
    assert Scalar.of(-1) == -Scalar.of(1)


def test_only_canonical_scalars_decode() -> None:
    """The order itself, anything above, and wrong lengths are refused; L - 1 is accepted."""
    assert int(Scalar.decode((ORDER - 1).to_bytes(32, "little"))) == ORDER - 1
    for bad in ((ORDER).to_bytes(32, "little"), bytes([255] * 32), bytes(31), bytes(33)):
        with pytest.raises(GroupError):
            Scalar.decode(bad)
    with pytest.raises(GroupError):
        Scalar.from_hex("not hex")


def test_zero_has_no_inverse() -> None:
    with pytest.raises(GroupError):
        Scalar.of(0).inverse()


def test_points_are_validated() -> None:
    """Invalid, non-canonical and wrong-length encodings are refused; so is the identity unless
    it is asked for."""
    assert Point.decode(G.raw) == G
    for bad in (NOT_ON_CURVE, NON_CANONICAL, bytes(31), G.raw + b"\0"):
        with pytest.raises(GroupError):
            Point.decode(bad)
    with pytest.raises(GroupError, match="identity"):
        Point.decode(bytes(32))
    assert Point.decode(bytes(32), allow_identity=True).is_identity()


def test_zero_and_the_identity_work_in_every_operation() -> None:
    """libsodium refuses to make the identity; the group layer does it itself."""
    x = Scalar.random()
    assert Point.base(Scalar.of(0)).is_identity()
    assert (G * Scalar.of(0)).is_identity()
    assert (Point.identity() * x).is_identity()
    assert Point.identity() + G == G
    assert (G - G).is_identity()
    assert total([]).is_identity()


def test_base_multiplication_is_a_homomorphism() -> None:
    """(x + y)·G = x·G + y·G and (x·y)·G = y·(x·G)."""
    x, y = Scalar.random(), Scalar.random()
    assert Point.base(x + y) == Point.base(x) + Point.base(y)
    assert Point.base(x * y) == Point.base(x) * y
    assert total([Point.base(x), Point.base(y), G]) == Point.base(x + y + Scalar.of(1))


def test_hash_to_scalar_is_blake2b_512_of_framed_parts_mod_the_order() -> None:
    """Each part, tag first, is prefixed by its length (4 bytes big-endian)."""
    framed = b"\0\0\0\3tag" + b"\0\0\0\2ab" + b"\0\0\0\0"
    expected = int.from_bytes(hashlib.blake2b(framed, digest_size=64).digest(), "little") % ORDER
    assert int(hash_to_scalar("tag", b"ab", b"")) == expected


def test_hash_to_scalar_framing_separates_parts_and_tags() -> None:
    assert hash_to_scalar("t", b"ab", b"c") != hash_to_scalar("t", b"a", b"bc")
    assert hash_to_scalar("t", b"x") != hash_to_scalar("u", b"x")
