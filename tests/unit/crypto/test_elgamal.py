"""Exponential ElGamal: encryption, the homomorphic sum, and the strict JSON form."""

from collections.abc import Callable
from typing import Any

import pytest

from voting.crypto.elgamal import (
    Ciphertext,
    add_all,
    encrypt,
)
from voting.crypto.group import GroupError, Point, Scalar, strict_hex

SECRET = Scalar.random()
KEY = Point.base(SECRET)


def decrypt(ciphertext: Ciphertext, maximum: int) -> int:
    """Brute-force the small count m from mG = b - y·a (the committee's job, done here with
    the whole secret key)."""
    target = ciphertext.b - ciphertext.a * SECRET
    return next(m for m in range(maximum + 1) if Point.base(Scalar.of(m)) == target)


def test_encryption_is_rG_and_mG_plus_rY() -> None:
    r = Scalar.random()
    ciphertext = encrypt(3, KEY, r)
    assert ciphertext.a == Point.base(r)
    assert ciphertext.b == Point.base(Scalar.of(3)) + KEY * r
    assert decrypt(ciphertext, 5) == 3


def test_zero_encrypts_and_decrypts() -> None:
    assert decrypt(encrypt(0, KEY, Scalar.random()), 1) == 0


def test_sum_of_ciphertexts_encrypts_the_sum_of_messages() -> None:
    values = [1, 0, 1, 1, 0]
    assert decrypt(add_all(encrypt(v, KEY, Scalar.random()) for v in values), 5) == 3


def test_sum_of_nothing_is_the_identity_ciphertext() -> None:
    empty = add_all([])
    assert empty == Ciphertext.identity() and decrypt(empty, 0) == 0


def test_negative_messages_are_refused() -> None:
    with pytest.raises(ValueError):
        encrypt(-1, KEY, Scalar.random())


def test_json_form_round_trips() -> None:
    ciphertext = encrypt(1, KEY, Scalar.random())
    assert Ciphertext.from_dict(ciphertext.to_dict()) == ciphertext


@pytest.mark.parametrize(
    "change",
    [
        lambda d: {**d, "a": "00" * 32},  # the identity
        lambda d: {**d, "b": d["b"].upper()},  # not lowercase
        lambda d: {**d, "b": d["b"][:-2]},  # too short
        lambda d: {**d, "a": "ff" * 32},  # not a point
        lambda d: {**d, "c": d["a"]},  # an extra field
        lambda d: {"a": d["a"]},  # a missing field
    ],
)
def test_malformed_ciphertexts_are_refused(change: Callable[[dict[str, str]], Any]) -> None:
    data = encrypt(1, KEY, Scalar.random()).to_dict()
    with pytest.raises(GroupError):
        Ciphertext.from_dict(change(data))


def test_identity_is_accepted_only_where_asked_for() -> None:
    identity = Ciphertext.identity().to_dict()
    assert Ciphertext.from_dict(identity, allow_identity=True) == Ciphertext.identity()


def test_strict_hex_takes_only_exact_lowercase_hex() -> None:
    assert strict_hex("00ff", 2) == b"\x00\xff"
    for bad in ("00FF", "00 f", "00f", "00ff00", 7, "zz00"):
        with pytest.raises(GroupError):
            strict_hex(bad, 2)
    with pytest.raises(GroupError):
        Scalar.from_hex("ff" * 32)  # above the group order
    with pytest.raises(GroupError):
        Point.from_hex(KEY.hex().upper())
