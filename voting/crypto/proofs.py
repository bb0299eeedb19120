"""Disjunctive Chaum–Pedersen proofs that a ciphertext encrypts one of 0, 1, …, max.

A mark must encrypt 0 or 1 (max 1) and a section's sum at most its quota (max K); without
these a voter could encrypt 5 or −1 and the totals would be silently wrong. The proof is
non-interactive by strong Fiat–Shamir: the challenge hashes the whole statement (the joint key,
the ciphertext, the range), the conference fingerprint and the card's key, and every
commitment, so a proof cannot be moved to another statement, conference or card.

For each allowed value j the branch equations are, with (a, b) the ciphertext and Y the key:
    A_j = z_j·G − c_j·a        B_j = z_j·Y − c_j·(b − j·G)
The prover answers the true branch honestly and simulates the others; the challenges must add
up to the hash. Only (c_j, z_j) are sent: the verifier recomputes the commitments.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any

from voting.crypto.elgamal import Ciphertext
from voting.crypto.framing import u32
from voting.crypto.group import GroupError, Point, Scalar, hash_to_scalar

TAG = "voting/ballot/range-proof/v1"
Commitments = list[tuple[Point, Point]]


@dataclass(frozen=True, slots=True)
class ProofContext:
    """What a proof is bound to besides its statement: the conference's fingerprint (32 bytes)
    and the card's Ed25519 public key (32 bytes)."""

    fingerprint: bytes
    card: bytes


@dataclass(frozen=True, slots=True)
class RangeProof:
    """One challenge and one response per allowed value 0..max, in that order."""

    challenges: tuple[Scalar, ...]
    responses: tuple[Scalar, ...]

    def to_dict(self) -> dict[str, list[str]]:
        return {
            "challenges": [c.hex() for c in self.challenges],
            "responses": [z.hex() for z in self.responses],
        }

    @classmethod
    def from_dict(cls, data: Any) -> RangeProof:
        """A proof from outside: two lists of canonical scalars in lowercase hex."""
        if not isinstance(data, dict) or set(data) != {"challenges", "responses"}:
            raise GroupError('a proof is an object with exactly "challenges" and "responses"')
        lists = data["challenges"], data["responses"]
        if not all(isinstance(items, list) for items in lists):
            raise GroupError("a proof's challenges and responses are lists")
        return cls(*(tuple(Scalar.from_hex(item) for item in items) for items in lists))


def prove(
    ciphertext: Ciphertext,
    value: int,
    randomness: Scalar,
    maximum: int,
    key: Point,
    context: ProofContext,
    rng: Callable[[], Scalar] = Scalar.random,
) -> RangeProof:
    """A proof that `ciphertext` = encrypt(value, key, randomness) with 0 ≤ value ≤ maximum.

    `rng` is drawn in a fixed order (for j = 0..max: w if j is the true value, else c_j then
    z_j) so that test vectors can inject their scalars; everything else uses the default.
    """
    _check_maximum(maximum)
    if not 0 <= value <= maximum:
        raise ValueError(f"{value} is outside 0..{maximum}: there is nothing true to prove")
    answers: dict[int, tuple[Scalar, Scalar]] = {}  # j → (c_j, z_j)
    commitments: Commitments = []
    for j in range(maximum + 1):
        if j == value:
            nonce = rng()
            commitments.append((Point.base(nonce), key * nonce))
        else:
            answers[j] = rng(), rng()
            commitments.append(_branch(ciphertext, key, j, *answers[j]))
    own = challenge(ciphertext, maximum, key, context, commitments)
    for c, _ in answers.values():
        own = own - c
    answers[value] = own, nonce + own * randomness
    ordered = [answers[j] for j in range(maximum + 1)]
    return RangeProof(tuple(c for c, _ in ordered), tuple(z for _, z in ordered))


def verify(
    ciphertext: Ciphertext, maximum: int, key: Point, context: ProofContext, proof: RangeProof
) -> bool:
    """Whether `proof` shows that `ciphertext` encrypts one of 0..maximum under `key`, for
    this conference and card: one branch per value, and the challenges add up to the hash."""
    _check_maximum(maximum)
    if len(proof.challenges) != maximum + 1 or len(proof.responses) != maximum + 1:
        return False
    expected = challenge(ciphertext, maximum, key, context, commitments(ciphertext, key, proof))
    total = Scalar.of(0)
    for c in proof.challenges:
        total = total + c
    return total == expected


def commitments(ciphertext: Ciphertext, key: Point, proof: RangeProof) -> Commitments:
    """The commitments (A_j, B_j) that the proof's challenges and responses imply."""
    return [
        _branch(ciphertext, key, j, c, z)
        for j, (c, z) in enumerate(zip(proof.challenges, proof.responses, strict=True))
    ]


def challenge(
    ciphertext: Ciphertext,
    maximum: int,
    key: Point,
    context: ProofContext,
    commitments: Commitments,
) -> Scalar:
    """The Fiat–Shamir challenge: hash_to_scalar(TAG, fingerprint, card, Y, a, b, max as 4
    bytes big-endian, A_0, B_0, A_1, B_1, …)."""
    parts = [context.fingerprint, context.card, key.raw, ciphertext.a.raw, ciphertext.b.raw]
    parts.append(u32(maximum))
    for a, b in commitments:
        parts += (a.raw, b.raw)
    return hash_to_scalar(TAG, *parts)


def _branch(
    ciphertext: Ciphertext, key: Point, j: int, c: Scalar, z: Scalar
) -> tuple[Point, Point]:
    shifted = ciphertext.b - _multiple(j) if j else ciphertext.b
    return Point.base(z) - ciphertext.a * c, key * z - shifted * c


@cache
def _multiple(j: int) -> Point:
    """j·G, for the few small j a range has."""
    return Point.base(Scalar.of(j))


def _check_maximum(maximum: int) -> None:
    if not 1 <= maximum < 2**32:
        raise ValueError(f"a range proof's maximum must be 1 or more (got {maximum})")
