"""The ristretto255 group (RFC 9496) through libsodium: scalars, points and the hash to a scalar.

Everything is a 32-byte canonical encoding. Points arriving from outside go through
`Point.decode`, which refuses non-canonical and invalid encodings and, unless asked otherwise,
the identity. libsodium refuses to multiply by zero or to produce the identity, so the identity
(32 zero bytes, its canonical encoding; libsodium's `is_valid_point` accepts it, so `decode`
refuses it itself) and the zero scalar are handled here, once.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import pysodium

from voting.crypto.framing import frame

SIZE = 32
ORDER = 2**252 + 27742317777372353535851937790883648493
_ZERO = bytes(SIZE)
_HEX = re.compile("[0-9a-f]*")


class GroupError(ValueError):
    """An encoding that is not a valid scalar or point of the group."""


@dataclass(frozen=True, slots=True)
class Scalar:
    """An integer modulo the group order, as its 32-byte little-endian canonical encoding."""

    raw: bytes

    @classmethod
    def of(cls, value: int) -> Scalar:
        """The scalar `value mod ORDER` (small public numbers: counts, indexes, coefficients)."""
        return cls((value % ORDER).to_bytes(SIZE, "little"))

    @classmethod
    def random(cls) -> Scalar:
        """A uniformly random scalar from the system's random source."""
        return cls(pysodium.crypto_core_ristretto255_scalar_random())

    @classmethod
    def decode(cls, data: bytes) -> Scalar:
        """A scalar from outside: exactly 32 bytes, canonical (below the group order)."""
        if len(data) != SIZE or int.from_bytes(data, "little") >= ORDER:
            raise GroupError("not a canonical ristretto255 scalar")
        return cls(bytes(data))

    @classmethod
    def from_hex(cls, text: Any) -> Scalar:
        """`decode` of exactly 64 lowercase hex characters."""
        return cls.decode(strict_hex(text, SIZE))

    def hex(self) -> str:
        return self.raw.hex()

    def __int__(self) -> int:
        return int.from_bytes(self.raw, "little")

    def __add__(self, other: Scalar) -> Scalar:
        return Scalar(pysodium.crypto_core_ristretto255_scalar_add(self.raw, other.raw))

    def __sub__(self, other: Scalar) -> Scalar:
        return Scalar(pysodium.crypto_core_ristretto255_scalar_sub(self.raw, other.raw))

    def __mul__(self, other: Scalar) -> Scalar:
        return Scalar(pysodium.crypto_core_ristretto255_scalar_mul(self.raw, other.raw))

    def __neg__(self) -> Scalar:
        return Scalar(pysodium.crypto_core_ristretto255_scalar_negate(self.raw))

    def inverse(self) -> Scalar:
        """The multiplicative inverse; zero has none."""
        if self.is_zero():
            raise GroupError("zero has no inverse")
        return Scalar(pysodium.crypto_core_ristretto255_scalar_invert(self.raw))

    def is_zero(self) -> bool:
        return self.raw == _ZERO


@dataclass(frozen=True, slots=True)
class Point:
    """A group element, as its 32-byte canonical encoding (the identity is 32 zero bytes)."""

    raw: bytes

    @classmethod
    def identity(cls) -> Point:
        return cls(_ZERO)

    @classmethod
    def base(cls, scalar: Scalar) -> Point:
        """scalar · G."""
        if scalar.is_zero():
            return cls(_ZERO)
        return cls(pysodium.crypto_scalarmult_ristretto255_base(scalar.raw))

    @classmethod
    def decode(cls, data: bytes, allow_identity: bool = False) -> Point:
        """A point from outside: canonical, valid, and not the identity unless allowed."""
        if len(data) != SIZE:
            raise GroupError("a ristretto255 point is 32 bytes")
        if data == _ZERO:
            if allow_identity:
                return cls(_ZERO)
            raise GroupError("the identity point is not allowed here")
        if not pysodium.crypto_core_ristretto255_is_valid_point(bytes(data)):
            raise GroupError("not a valid canonical ristretto255 point")
        return cls(bytes(data))

    @classmethod
    def from_hex(cls, text: Any, allow_identity: bool = False) -> Point:
        """`decode` of exactly 64 lowercase hex characters."""
        return cls.decode(strict_hex(text, SIZE), allow_identity)

    @classmethod
    def from_uniform(cls, data: bytes) -> Point:
        """The point of 64 uniform bytes (libsodium's ristretto255 hash-to-group map)."""
        return cls(pysodium.crypto_core_ristretto255_from_hash(data))

    def hex(self) -> str:
        return self.raw.hex()

    def is_identity(self) -> bool:
        return self.raw == _ZERO

    def __add__(self, other: Point) -> Point:
        return Point(pysodium.crypto_core_ristretto255_add(self.raw, other.raw))

    def __sub__(self, other: Point) -> Point:
        return Point(pysodium.crypto_core_ristretto255_sub(self.raw, other.raw))

    def __mul__(self, scalar: Scalar) -> Point:
        """self · scalar; zero and the identity give the identity."""
        if scalar.is_zero() or self.is_identity():
            return Point(_ZERO)
        return Point(pysodium.crypto_scalarmult_ristretto255(scalar.raw, self.raw))


def total(points: Iterable[Point]) -> Point:
    """The sum of `points` (the identity for none)."""
    result = Point.identity()
    for point in points:
        result = result + point
    return result


def hash_to_scalar(tag: str, *parts: bytes) -> Scalar:
    """A scalar from a domain tag and byte strings, each length-prefixed so none can run into
    the next: BLAKE2b-512 of the framed input, reduced modulo the group order."""
    digest = pysodium.crypto_generichash(frame(tag.encode(), *parts), outlen=64)
    return Scalar(pysodium.crypto_core_ristretto255_scalar_reduce(digest))


def strict_hex(text: Any, size: int | None = None) -> bytes:
    """Bytes from lowercase hex and nothing else (exactly `size` bytes unless None), so that
    what was parsed re-encodes to the very same JSON: `bytes.fromhex` alone would also take
    upper case and spaces."""
    if not isinstance(text, str) or not _HEX.fullmatch(text) or len(text) % 2:
        raise GroupError("expected lowercase hex")
    if size is not None and len(text) != 2 * size:
        raise GroupError(f"expected {2 * size} lowercase hex characters")
    return bytes.fromhex(text)
