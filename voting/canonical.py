"""Byte-exact canonical JSON: the one encoding that every hash and signature in the system covers.

Sorted keys, no insignificant whitespace, UTF-8 without ASCII escaping; values are objects with
string keys, arrays, strings, integers and booleans. Floats and null are refused so that two
implementations can never disagree on a number. `docs/crypto.md` freezes this format.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any


class CanonicalError(ValueError):
    """A value cannot be encoded canonically, or bytes are not in canonical form."""


SAFE_INTEGER = 2**53 - 1
"""The largest integer JavaScript reads exactly: canonical JSON holds none beyond ±this."""


def _check(value: Any, path: str) -> None:
    if isinstance(value, bool | str):
        return
    if isinstance(value, int):
        if abs(value) > SAFE_INTEGER:
            raise CanonicalError(f"{path}: integer {value} is beyond ±(2^53 − 1)")
        return
    if isinstance(value, dict):
        for key, item in value.items():
            if not isinstance(key, str):
                raise CanonicalError(f"{path}: object key {key!r} is not a string")
            _check(item, f"{path}.{key}")
        return
    if isinstance(value, list | tuple):
        for index, item in enumerate(value):
            _check(item, f"{path}[{index}]")
        return
    raise CanonicalError(f"{path}: {type(value).__name__} is not allowed in canonical JSON")


def dumps(value: Any) -> bytes:
    """Encode `value` as canonical JSON bytes."""
    _check(value, "$")
    text = json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return text.encode("utf-8")


def loads(data: bytes) -> Any:
    """Decode canonical JSON bytes, refusing anything that is not byte-for-byte canonical."""
    try:
        value = json.loads(data.decode("utf-8"), parse_float=_refuse_float, parse_constant=_refuse)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise CanonicalError(f"not valid JSON: {exc}") from exc
    try:
        encoded = dumps(value)
    except UnicodeEncodeError as exc:  # a lone surrogate such as "\ud800"
        raise CanonicalError(f"not valid Unicode text: {exc.reason}") from exc
    if encoded != data:
        raise CanonicalError("not in canonical form (key order, whitespace or escaping differ)")
    return value


def sha256_hex(value: Any) -> str:
    """SHA-256 of the canonical encoding, as lowercase hex."""
    return hashlib.sha256(dumps(value)).hexdigest()


def _refuse_float(text: str) -> Any:
    raise CanonicalError(f"floating-point number {text} is not allowed in canonical JSON")


def _refuse(text: str) -> Any:
    raise CanonicalError(f"{text} is not allowed in canonical JSON")
