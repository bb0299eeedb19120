"""Length-prefixed framing: the one way several byte strings are joined before hashing or
signing, so that no field can run into the next (`docs/crypto.md`)."""

from __future__ import annotations


def u32(value: int) -> bytes:
    """A non-negative integer below 2³² as 4 bytes big-endian."""
    return value.to_bytes(4, "big")


def frame(*parts: bytes) -> bytes:
    """Each part preceded by its length as `u32`."""
    return b"".join(u32(len(part)) + part for part in parts)
