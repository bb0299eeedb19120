"""Reading the counting committee's messages from their canonical JSON form.

Every message is a JSON object with a `kind` and exactly its own fields; bytes travel as
lowercase hex; points are decoded (and so validated) on the way in. Anything else is refused
with a `CommitteeError` naming the field, so a malformed message never reaches the protocol.
The byte formats are frozen in `docs/crypto-committee.md`.
"""

from __future__ import annotations

from typing import Any

from voting.crypto.group import SIZE, GroupError, Point, Scalar, strict_hex


class CommitteeError(ValueError):
    """A committee message, key ceremony or decryption that cannot be accepted."""


def fields(value: object, kind: str, names: set[str]) -> dict[str, Any]:
    """`value` as a message of `kind` carrying exactly the fields `names` (besides `kind`)."""
    if not isinstance(value, dict) or value.get("kind") != kind:
        raise CommitteeError(f"not a {kind} message")
    if set(value) != names | {"kind"}:
        raise CommitteeError(f"a {kind} message has exactly the fields {sorted(names | {'kind'})}")
    return value


def nested(value: object, name: str, names: set[str]) -> dict[str, Any]:
    """An object without a kind (a proof, say) carrying exactly the fields `names`."""
    if not isinstance(value, dict) or set(value) != names:
        raise CommitteeError(f"{name} has exactly the fields {sorted(names)}")
    return value


def integer(message: dict[str, Any], name: str, low: int, high: int) -> int:
    """An integer field within `low..high` (JSON booleans are not integers here)."""
    value = message[name]
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise CommitteeError(f"{name} must be an integer from {low} to {high}")
    return value


def text(message: dict[str, Any], name: str) -> str:
    """A non-empty string field."""
    value = message[name]
    if not isinstance(value, str) or not value:
        raise CommitteeError(f"{name} must be a non-empty string")
    return value


def array(message: dict[str, Any], name: str) -> list[Any]:
    """A list field."""
    value = message[name]
    if not isinstance(value, list):
        raise CommitteeError(f"{name} must be a list")
    return value


def raw(message: dict[str, Any], name: str, size: int | None = None) -> bytes:
    """A lowercase-hex field of `size` bytes (any length when None)."""
    return _bytes(message[name], name, size)


def _bytes(value: object, name: str, size: int | None) -> bytes:
    try:
        return strict_hex(value, size)
    except GroupError:
        wanted = f"{size} bytes" if size is not None else "bytes"
        raise CommitteeError(f"{name} must be {wanted} as lowercase hex") from None


def point(message: dict[str, Any], name: str, allow_identity: bool = False) -> Point:
    """A point field, decoded and validated."""
    return _point(message[name], name, allow_identity)


def _point(value: object, name: str, allow_identity: bool) -> Point:
    try:
        return Point.decode(_bytes(value, name, SIZE), allow_identity)
    except GroupError as error:
        raise CommitteeError(f"{name}: {error}") from error


def points(message: dict[str, Any], name: str, count: int) -> tuple[Point, ...]:
    """A list field of exactly `count` points, none the identity."""
    items = array(message, name)
    if len(items) != count:
        raise CommitteeError(f"{name} must hold exactly {count} points")
    return tuple(_point(item, name, allow_identity=False) for item in items)


def scalar(message: dict[str, Any], name: str) -> Scalar:
    """A scalar field in canonical form."""
    try:
        return Scalar.decode(_bytes(message[name], name, SIZE))
    except GroupError as error:
        raise CommitteeError(f"{name}: {error}") from error
