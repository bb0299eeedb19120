"""Exponential ElGamal over ristretto255: a mark m is encrypted as (a, b) = (rG, mG + rY).

Putting m in the exponent makes ciphertexts add up to the encryption of the sum, so the
committee only ever decrypts per-candidate totals, never a single ballot.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from voting.crypto.group import GroupError, Point, Scalar


@dataclass(frozen=True, slots=True)
class Ciphertext:
    """An ElGamal pair: a = rG carries the randomness, b = mG + rY hides the message."""

    a: Point
    b: Point

    @classmethod
    def identity(cls) -> Ciphertext:
        """The encryption of 0 with randomness 0: the neutral element of `+`."""
        return cls(Point.identity(), Point.identity())

    def __add__(self, other: Ciphertext) -> Ciphertext:
        """The encryption of the sum, with the sum of the randomness."""
        return Ciphertext(self.a + other.a, self.b + other.b)

    def to_dict(self) -> dict[str, str]:
        """The JSON form: {"a": hex, "b": hex}, 64 lowercase hex characters each."""
        return {"a": self.a.hex(), "b": self.b.hex()}

    @classmethod
    def from_dict(cls, data: Any, allow_identity: bool = False) -> Ciphertext:
        """A ciphertext from outside: exactly the keys a and b, each a valid point in lowercase
        hex; the identity only where allowed (an aggregate of nothing), never in a ballot."""
        if not isinstance(data, dict) or set(data) != {"a", "b"}:
            raise GroupError('a ciphertext is an object with exactly the keys "a" and "b"')
        return cls(
            Point.from_hex(data["a"], allow_identity), Point.from_hex(data["b"], allow_identity)
        )


def encrypt(message: int, key: Point, randomness: Scalar) -> Ciphertext:
    """(rG, mG + rY). The caller draws `randomness` from the system's random source."""
    if message < 0:
        raise ValueError("only non-negative counts are encrypted")
    return Ciphertext(Point.base(randomness), Point.base(Scalar.of(message)) + key * randomness)


def add_all(ciphertexts: Iterable[Ciphertext]) -> Ciphertext:
    """The sum of `ciphertexts` (the identity ciphertext for none), without adding the identity
    first: each addition is a libsodium call as costly as a third of a multiplication."""
    items = iter(ciphertexts)
    result = next(items, Ciphertext.identity())
    for ciphertext in items:
        result = result + ciphertext
    return result
