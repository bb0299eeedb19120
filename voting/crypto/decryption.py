"""Opening the ballot box: partial decryptions with proofs, their combination, signed counts.

Member j's partial decryption of an aggregate ciphertext (a, b) is D_j = s_j·a, with a
Chaum–Pedersen proof (Chaum and Pedersen, CRYPTO 1992) that log_G(Y_j) = log_a(D_j), so a wrong
partial is caught and named. Any t verified partials give m·G = b − Σ λ_j·D_j with Lagrange
coefficients at zero, and m is found by counting up from 0 to the number of ballots.

Only per-candidate aggregates of a fully verified ballot list may be passed here: decrypting a
single ballot or a subset would reveal how people voted. Formats: `docs/crypto-committee.md`.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import pysodium

from voting import canonical
from voting.crypto import committee_json as wire
from voting.crypto.committee_json import CommitteeError
from voting.crypto.dkg import MAX_MEMBERS, KeyShare, Transcript
from voting.crypto.framing import frame, u32
from voting.crypto.group import Point, Scalar, hash_to_scalar, total

DECRYPTION_TAG = "voting/committee/decryption/v1"
COUNTS_TAG = "voting/committee/counts/v2"
COUNTS_TAG_V1 = "voting/committee/counts/v1"
"""The tag of count signatures in records before format v3: counts and conference id only."""

Aggregate = tuple[Point, Point]
"""A candidate's aggregate ciphertext (a, b) = (r·G, m·G + r·Y) as a pair of points (an
`elgamal.Ciphertext` c gives `(c.a, c.b)`), so decryption depends on nothing but the group."""


class DecryptionError(CommitteeError):
    """A partial decryption, combination or count signature that cannot be accepted."""


@dataclass(frozen=True)
class DecryptionShare:
    """D = s_j·a for one ciphertext, with the proof's commitments (k·G, k·a) and response."""

    share: Point
    commitment_g: Point
    commitment_a: Point
    response: Scalar

    def to_json(self) -> dict[str, Any]:
        return {
            "share": self.share.hex(),
            "proof": {
                "commitment_g": self.commitment_g.hex(),
                "commitment_a": self.commitment_a.hex(),
                "response": self.response.hex(),
            },
        }

    @classmethod
    def from_json(cls, value: object) -> DecryptionShare:
        # s_j·a and k·a are the identity exactly when a is (an empty ballot box)
        message = wire.nested(value, "shares", {"share", "proof"})
        proof = wire.nested(message["proof"], "proof", {"commitment_g", "commitment_a", "response"})
        return cls(
            wire.point(message, "share", allow_identity=True),
            wire.point(proof, "commitment_g"),
            wire.point(proof, "commitment_a", allow_identity=True),
            wire.scalar(proof, "response"),
        )


@dataclass(frozen=True)
class PartialDecryption:
    """One member's decryption shares for every aggregate ciphertext, in order."""

    conference_id: str
    member: int
    shares: tuple[DecryptionShare, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": "committee-partial-decryption",
            "conference_id": self.conference_id,
            "member": self.member,
            "shares": [share.to_json() for share in self.shares],
        }

    @classmethod
    def from_json(cls, value: object) -> PartialDecryption:
        names = {"conference_id", "member", "shares"}
        message = wire.fields(value, "committee-partial-decryption", names)
        return cls(
            wire.text(message, "conference_id"),
            wire.integer(message, "member", 1, MAX_MEMBERS),
            tuple(DecryptionShare.from_json(item) for item in wire.array(message, "shares")),
        )


def partial_decrypt(
    key: KeyShare, ciphertexts: Sequence[Aggregate], nonces: Sequence[Scalar] | None = None
) -> PartialDecryption:
    """This member's partial decryption of each ciphertext. `nonces` (one per ciphertext) are
    for test vectors only; otherwise they are fresh from the system's random source."""
    if nonces is None:
        nonces = [Scalar.random() for _ in ciphertexts]
    if len(nonces) != len(ciphertexts):
        raise DecryptionError("one nonce per ciphertext")
    public_share = key.transcript.public_share(key.member)
    shares = []
    for (a, _), nonce in zip(ciphertexts, nonces, strict=True):
        share = a * key.secret_share
        commitment_g, commitment_a = Point.base(nonce), a * nonce
        challenge = decryption_challenge(
            key.conference_id, key.member, public_share, a, share, commitment_g, commitment_a
        )
        response = nonce + challenge * key.secret_share
        shares.append(DecryptionShare(share, commitment_g, commitment_a, response))
    return PartialDecryption(key.conference_id, key.member, tuple(shares))


def decryption_challenge(
    conference_id: str,
    member: int,
    public_share: Point,
    a: Point,
    share: Point,
    commitment_g: Point,
    commitment_a: Point,
) -> Scalar:
    """The strong Fiat–Shamir challenge: tag, conference, member, statement, commitments."""
    return hash_to_scalar(
        DECRYPTION_TAG,
        conference_id.encode(),
        u32(member),
        public_share.raw,
        a.raw,
        share.raw,
        commitment_g.raw,
        commitment_a.raw,
    )


def verify_partial(
    transcript: Transcript, ciphertexts: Sequence[Aggregate], partial: PartialDecryption
) -> None:
    """Check every proof of `partial` against the member's public share Y_j:
    z·G = k·G + c·Y_j and z·a = k·a + c·D_j."""
    ceremony = transcript.ceremony
    if partial.conference_id != ceremony.conference_id:
        raise DecryptionError(f"member {partial.member}'s partial is for another conference")
    ceremony.check_member(partial.member)
    if len(partial.shares) != len(ciphertexts):
        raise DecryptionError(f"member {partial.member}'s partial does not cover each ciphertext")
    public_share = transcript.public_share(partial.member)
    for position, ((a, _), item) in enumerate(zip(ciphertexts, partial.shares, strict=True)):
        challenge = decryption_challenge(
            ceremony.conference_id,
            partial.member,
            public_share,
            a,
            item.share,
            item.commitment_g,
            item.commitment_a,
        )
        if Point.base(item.response) != item.commitment_g + public_share * challenge or (
            a * item.response != item.commitment_a + item.share * challenge
        ):
            raise DecryptionError(
                f"member {partial.member}'s decryption of ciphertext {position} does not verify"
            )


def lagrange_at_zero(members: Collection[int]) -> dict[int, Scalar]:
    """λ_j = Π_{m ≠ j} m / (m − j) mod the group order, for each j in `members`."""
    coefficients = {}
    for j in members:
        numerator, denominator = Scalar.of(1), Scalar.of(1)
        for m in members:
            if m != j:
                numerator = numerator * Scalar.of(m)
                denominator = denominator * Scalar.of(m - j)
        coefficients[j] = numerator * denominator.inverse()
    return coefficients


def combine(
    transcript: Transcript,
    ciphertexts: Sequence[Aggregate],
    partials: Iterable[PartialDecryption],
    ballots: int,
) -> list[int]:
    """The count m in 0..ballots of each ciphertext, from at least t verified partials of
    distinct members."""
    by_member: dict[int, PartialDecryption] = {}
    for partial in partials:
        if partial.member in by_member:
            raise DecryptionError(f"member {partial.member} gave two partial decryptions")
        verify_partial(transcript, ciphertexts, partial)
        by_member[partial.member] = partial
    threshold = transcript.ceremony.threshold
    if len(by_member) < threshold:
        raise DecryptionError(f"{threshold} members must open the box, only {len(by_member)} did")
    weights = lagrange_at_zero(by_member)
    counts_by_point = _small_multiples(ballots)
    counts = []
    for position, (_, b) in enumerate(ciphertexts):
        opened = b - total(p.shares[position].share * weights[j] for j, p in by_member.items())
        if opened.raw not in counts_by_point:
            raise DecryptionError(f"ciphertext {position} does not hold a count in 0..{ballots}")
        counts.append(counts_by_point[opened.raw])
    return counts


def _small_multiples(ballots: int) -> dict[bytes, int]:
    """m·G → m for m in 0..ballots, by repeated addition."""
    if ballots < 0:
        raise DecryptionError("the number of ballots cannot be negative")
    generator = Point.base(Scalar.of(1))
    table, point = {}, Point.identity()
    for m in range(ballots + 1):
        table[point.raw] = m
        point = point + generator
    return table


@dataclass(frozen=True)
class CountSignature:
    """An opening member's Ed25519 signature over the counts."""

    conference_id: str
    member: int
    signature: bytes

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": "committee-count-signature",
            "conference_id": self.conference_id,
            "member": self.member,
            "signature": self.signature.hex(),
        }

    @classmethod
    def from_json(cls, value: object) -> CountSignature:
        names = {"conference_id", "member", "signature"}
        message = wire.fields(value, "committee-count-signature", names)
        return cls(
            wire.text(message, "conference_id"),
            wire.integer(message, "member", 1, MAX_MEMBERS),
            wire.raw(message, "signature", pysodium.crypto_sign_BYTES),
        )


@dataclass(frozen=True)
class Opened:
    """What a count signature is bound to besides the counts: the conference's fingerprint
    (its rules, ballot, cards, joint key and frozen bases) and the hash of the ballot list the
    member verified and opened, each 64 lowercase hex digits."""

    fingerprint: str
    list_hash: str

    def __post_init__(self) -> None:
        for name in ("fingerprint", "list_hash"):
            value = getattr(self, name)
            if not isinstance(value, str) or not _SHA256_HEX.fullmatch(value):
                raise DecryptionError(f"{name} must be 64 lowercase hex digits")


_SHA256_HEX = re.compile(r"[0-9a-f]{64}")


def counts_message(conference_id: str, member: int, opened: Opened | None, counts: object) -> bytes:
    """What member `member` signs: the framed tag, conference id, member index, conference
    fingerprint, ballot list hash and canonical JSON of the counts — so a signature cannot be
    moved to another member, conference, list or count. `opened` None gives the counts/v1
    message of records before format v3, which verify under their own rules."""
    if opened is None:
        return frame(COUNTS_TAG_V1.encode(), conference_id.encode(), canonical.dumps(counts))
    return frame(
        COUNTS_TAG.encode(),
        conference_id.encode(),
        u32(member),
        bytes.fromhex(opened.fingerprint),
        bytes.fromhex(opened.list_hash),
        canonical.dumps(counts),
    )


def sign_counts(key: KeyShare, opened: Opened, counts: object) -> CountSignature:
    """This member's signature over `counts` (any canonical-JSON value, as the record holds it)
    of the list `opened`."""
    signature = key.sign(counts_message(key.conference_id, key.member, opened, counts))
    return CountSignature(key.conference_id, key.member, signature)


def verify_count_signatures(
    transcript: Transcript,
    opened: Opened | None,
    counts: object,
    signatures: Iterable[CountSignature],
) -> None:
    """Check that at least t distinct members signed exactly `counts` of the list `opened`
    with the signing keys they published in the ceremony."""
    ceremony = transcript.ceremony
    signers: set[int] = set()
    for item in signatures:
        if item.conference_id != ceremony.conference_id or item.member in signers:
            raise DecryptionError(f"member {item.member}'s signature is repeated or foreign")
        signing_key = transcript.reveal(item.member).signing_key
        message = counts_message(ceremony.conference_id, item.member, opened, counts)
        try:
            pysodium.crypto_sign_verify_detached(item.signature, message, signing_key)
        except ValueError as error:
            raise DecryptionError(
                f"member {item.member}'s signature of the counts fails"
            ) from error
        signers.add(item.member)
    if len(signers) < ceremony.threshold:
        raise DecryptionError(f"{ceremony.threshold} members must sign the counts")
