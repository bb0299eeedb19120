"""Canonical JSON: one byte string per value, and only that byte string is accepted back."""

import pytest

from voting.canonical import SAFE_INTEGER, CanonicalError, dumps, loads, sha256_hex


def test_keys_sorted_compact_and_utf8() -> None:
    value = {"ý": 1, "b": [True, "Nguyễn"], "a": {"z": -3, "y": ""}}
    assert dumps(value) == '{"a":{"y":"","z":-3},"b":[true,"Nguyễn"],"ý":1}'.encode()
    assert loads(dumps(value)) == value


@pytest.mark.parametrize(
    "value",
    [1.5, None, {1: "a"}, {"a": {1, 2}}, SAFE_INTEGER + 1, [-SAFE_INTEGER - 1]],
)
def test_values_outside_the_format_are_refused(value: object) -> None:
    with pytest.raises(CanonicalError):
        dumps(value)


def test_the_safe_integer_bounds_are_allowed() -> None:
    assert loads(dumps([SAFE_INTEGER, -SAFE_INTEGER])) == [SAFE_INTEGER, -SAFE_INTEGER]


@pytest.mark.parametrize(
    "data",
    [
        b'{"b":1,"a":2}',
        b'{"a": 1}',
        b'{"a":1}\n',
        b'{"a":"\\u00fd"}',
        b'{"a":1.0}',
        b'{"a":null}',
        b"[9007199254740992]",
        b"\xff",
        b'["\\ud800"]',
    ],
)
def test_non_canonical_bytes_are_refused(data: bytes) -> None:
    with pytest.raises(CanonicalError):
        loads(data)


def test_hash_is_of_the_canonical_bytes() -> None:
    assert sha256_hex({"b": 1, "a": 2}) == sha256_hex({"a": 2, "b": 1})
    assert sha256_hex([]) == "4f53cda18c2baa0c0354bb5f9a3ecbe5ed12ab4d8e11ba873c2f11161202b945"
