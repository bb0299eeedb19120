"""Voting cards: a 128-bit secret an attendee carries as a QR code or types as a code.

The code uses Crockford's base-32 alphabet (no I, L, O, U: nothing to confuse on a keypad) and a
Luhn mod 32 check character, so a mistyped code is refused on the device before anything is
sent. The card's Ed25519 key is derived from the secret keyed by the conference id, so the same
secret is useless in another conference. The server only ever sees public keys.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

import pysodium

from voting import canonical

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
SECRET_BYTES = 16
DIGITS = 26  # 128 bits in base 32; the first digit is therefore 0..7
GROUP = 4
_ALIASES = str.maketrans({"I": "1", "L": "1", "O": "0"})
_SEPARATORS = re.compile(r"[\s-]+")

MAX_CONFERENCE_ID_BYTES = 64
"""BLAKE2b's longest key: the conference id keys the derivation of every card's seed."""


class CardError(ValueError):
    """A card code, secret, conference id or card URL that cannot be used; the message says why
    in terms an attendee or clerk can act on."""


def new_secret() -> bytes:
    """128 bits from the system's random source."""
    return bytes(pysodium.randombytes(SECRET_BYTES))


def code(secret: bytes) -> str:
    """The 27-character code: the secret as a big-endian number in 26 base-32 digits, then the
    check character."""
    if len(secret) != SECRET_BYTES:
        raise CardError(f"a card secret is {SECRET_BYTES} bytes")
    value = int.from_bytes(secret, "big")
    digits = "".join(ALPHABET[(value >> (5 * i)) & 31] for i in reversed(range(DIGITS)))
    return digits + check_character(digits)


def display_code(secret: bytes) -> str:
    """The code as printed and shown: groups of 4 joined by hyphens (the last group has 3)."""
    text = code(secret)
    return "-".join(text[i : i + GROUP] for i in range(0, len(text), GROUP))


def check_character(digits: str) -> str:
    """Luhn mod 32: from the rightmost digit leftwards, every other value (starting with the
    rightmost) is doubled and its two base-32 digits added; the check makes the total ≡ 0."""
    total = 0
    for position, character in enumerate(reversed(digits)):
        value = ALPHABET.index(character)
        if position % 2 == 0:
            value = 2 * value // 32 + 2 * value % 32
        total += value
    return ALPHABET[-total % 32]


def parse_code(text: str) -> bytes:
    """The secret of a typed or scanned code. Case, spaces and hyphens do not matter, and I, L
    and O are read as 1, 1 and 0; a wrong check character is refused."""
    compact = _SEPARATORS.sub("", text).upper().translate(_ALIASES)
    for character in compact:
        if character not in ALPHABET:
            raise CardError(f"{character!r} does not occur on a voting card")
    if len(compact) != DIGITS + 1:
        raise CardError(f"a card code has {DIGITS + 1} characters; this one has {len(compact)}")
    digits, check = compact[:DIGITS], compact[DIGITS]
    if check_character(digits) != check:
        raise CardError("the card code is mistyped: its check character does not match")
    value = 0
    for character in digits:
        value = value * 32 + ALPHABET.index(character)
    if value >> (8 * SECRET_BYTES):
        raise CardError("this is not a voting card code (its first character is above 7)")
    return value.to_bytes(SECRET_BYTES, "big")


def card_url(base_url: str, secret: bytes) -> str:
    """The URL in the card's QR code: the code rides in the fragment, which browsers never send
    to the server."""
    if "#" in base_url:
        raise CardError("the voting page's URL must not have a fragment of its own")
    return f"{base_url}#{code(secret)}"


def secret_from_url(url: str) -> bytes:
    """The secret carried in a card URL's fragment."""
    _, mark, fragment = url.partition("#")
    if not mark:
        raise CardError("this link carries no voting card (it has no '#' part)")
    return parse_code(fragment)


def conference_key(conference_id: str) -> bytes:
    """The conference id as the BLAKE2b key (UTF-8, 1..64 bytes: BLAKE2b's key sizes)."""
    key = conference_id.encode()
    if not 1 <= len(key) <= MAX_CONFERENCE_ID_BYTES:
        raise CardError(
            f"a conference id is 1 to {MAX_CONFERENCE_ID_BYTES} bytes of UTF-8 (it keys BLAKE2b)"
        )
    return key


def signing_seed(conference_id: str, secret: bytes) -> bytes:
    """The card's Ed25519 seed: crypto_generichash(secret, key = conference id, 32 bytes)."""
    if len(secret) != SECRET_BYTES:
        raise CardError(f"a card secret is {SECRET_BYTES} bytes")
    return bytes(pysodium.crypto_generichash(secret, conference_key(conference_id), 32))


@dataclass(frozen=True, slots=True)
class Card:
    """A card's signing key in one conference."""

    conference_id: str
    public_key: bytes
    secret_key: bytes = field(repr=False)

    @classmethod
    def from_secret(cls, conference_id: str, secret: bytes) -> Card:
        public, private = pysodium.crypto_sign_seed_keypair(signing_seed(conference_id, secret))
        return cls(conference_id, bytes(public), bytes(private))

    @classmethod
    def from_code(cls, conference_id: str, text: str) -> Card:
        return cls.from_secret(conference_id, parse_code(text))

    @property
    def public_hex(self) -> str:
        return self.public_key.hex()

    def sign(self, message: bytes) -> bytes:
        """The 64-byte Ed25519 signature of `message`."""
        return bytes(pysodium.crypto_sign_detached(message, self.secret_key))


@dataclass(frozen=True, slots=True)
class CardPool:
    """Secrets for the desk to deal (in random order) and, apart, what the server may learn:
    their public keys, sorted so that the order tells nothing."""

    secrets: tuple[bytes, ...] = field(repr=False)
    public_keys: tuple[str, ...]


def make_pool(conference_id: str, count: int) -> CardPool:
    """`count` fresh cards for a conference."""
    if count < 0:
        raise CardError("a pool cannot have fewer than 0 cards")
    secrets = tuple(new_secret() for _ in range(count))
    keys = sorted(Card.from_secret(conference_id, secret).public_hex for secret in secrets)
    return CardPool(secrets, tuple(keys))


def card_list_hash(public_keys: Iterable[str]) -> str:
    """The card list's fingerprint for the projector: SHA-256 hex of the canonical JSON array
    of the keys' lowercase hex, sorted."""
    return canonical.sha256_hex(sorted(public_keys))
