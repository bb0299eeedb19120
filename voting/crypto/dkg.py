"""The counting committee's key ceremony: t-of-n distributed key generation, no trusted dealer.

Pedersen, "A threshold cryptosystem without a trusted party" (EUROCRYPT 1991), with Feldman
commitments. Each member deals a random polynomial of degree t − 1; the joint secret is the sum
of the constant terms and no one ever holds it. Commitments are hashed and published before they
are revealed, so nobody can choose theirs after seeing the others' (the key-biasing attack of
Gennaro, Jarecki, Krawczyk and Rabin). For member j of n:

1. `Member(ceremony, j)` draws its polynomial and keys and publishes `commitment_hash()`;
2. once every hash is in, it publishes `commitment` (the reveal), and everyone builds the same
   `Transcript.assemble(ceremony, hashes, reveals)`;
3. `seal_shares(transcript)` seals f_j(i) to every other member i;
4. `finish(transcript, shares)` opens what j received, checks each share against its sender's
   commitments and returns j's `KeyShare`, or raises `ShareComplaintError` naming the senders.
   A complaint stops the ceremony: it is run again without the accused.

Byte formats and hash inputs: `docs/crypto-committee.md`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any, TypeVar

import pysodium

from voting import canonical
from voting.crypto import committee_json as wire
from voting.crypto.cards import MAX_CONFERENCE_ID_BYTES
from voting.crypto.committee_json import CommitteeError
from voting.crypto.framing import u32
from voting.crypto.group import Point, Scalar, hash_to_scalar, total

POSSESSION_TAG = "voting/committee/possession/v1"
MAX_MEMBERS = 255
KEY_SIZE = 32  # X25519 and Ed25519 public keys, the box secret and the signing seed


@dataclass(frozen=True)
class Ceremony:
    """What every message of one key ceremony is bound to: the conference, t and n."""

    conference_id: str
    threshold: int = 2
    members: int = 3

    def __post_init__(self) -> None:
        if not 1 <= len(self.conference_id.encode()) <= MAX_CONFERENCE_ID_BYTES:
            raise CommitteeError(
                f"a conference id is 1 to {MAX_CONFERENCE_ID_BYTES} bytes of UTF-8 "
                "(cards key BLAKE2b with it)"
            )
        if not 1 <= self.threshold <= self.members <= MAX_MEMBERS:
            raise CommitteeError(f"need 1 ≤ threshold ≤ members ≤ {MAX_MEMBERS}")

    def check_member(self, member: int) -> None:
        """Refuse an index outside 1..n."""
        if not 1 <= member <= self.members:
            raise CommitteeError(f"member {member} is not one of 1..{self.members}")


@dataclass(frozen=True)
class MemberSecrets:
    """Everything a member draws at random. Only test vectors pass their own."""

    coefficients: tuple[Scalar, ...]
    possession_nonce: Scalar
    box_secret: bytes
    signing_seed: bytes

    @classmethod
    def random(cls, threshold: int) -> MemberSecrets:
        """Fresh randomness from the system's source; the box key as crypto_box_keypair makes it."""
        return cls(
            tuple(Scalar.random() for _ in range(threshold)),
            Scalar.random(),
            pysodium.crypto_box_keypair()[1],
            pysodium.randombytes(KEY_SIZE),
        )


@dataclass(frozen=True)
class CommitmentHash:
    """A member's first message: the SHA-256 of its commitment, before the reveal."""

    conference_id: str
    member: int
    digest: str

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": "committee-commitment-hash",
            "conference_id": self.conference_id,
            "member": self.member,
            "hash": self.digest,
        }

    @classmethod
    def from_json(cls, value: object) -> CommitmentHash:
        message = wire.fields(
            value, "committee-commitment-hash", {"conference_id", "member", "hash"}
        )
        return cls(
            wire.text(message, "conference_id"),
            wire.integer(message, "member", 1, MAX_MEMBERS),
            wire.raw(message, "hash", 32).hex(),
        )


@dataclass(frozen=True)
class Commitment:
    """A member's reveal: Feldman commitments C_k = a_k·G, its box and signing keys, and a
    Schnorr proof that it knows a_0, bound to the member, the ceremony and all of the above."""

    ceremony: Ceremony
    member: int
    commitments: tuple[Point, ...]
    box_key: bytes
    signing_key: bytes
    proof_commitment: Point
    proof_response: Scalar

    @property
    def conference_id(self) -> str:
        return self.ceremony.conference_id

    def challenge(self) -> Scalar:
        """The proof's strong Fiat–Shamir challenge."""
        return _possession_challenge(
            self.ceremony,
            self.member,
            self.commitments,
            self.box_key,
            self.signing_key,
            self.proof_commitment,
        )

    def verify(self) -> None:
        """Check the proof of possession: z·G = R + c·C_0."""
        expected = self.proof_commitment + self.commitments[0] * self.challenge()
        if Point.base(self.proof_response) != expected:
            raise CommitteeError(f"member {self.member}'s proof of possession does not verify")

    def digest(self) -> str:
        """The hash published before the reveal: SHA-256 of the canonical JSON."""
        return canonical.sha256_hex(self.to_json())

    def share_image(self, receiver: int) -> Point:
        """f(receiver)·G, computed from the commitments alone (Feldman)."""
        return _evaluate_points(self.commitments, receiver)

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": "committee-commitment",
            "conference_id": self.ceremony.conference_id,
            "threshold": self.ceremony.threshold,
            "members": self.ceremony.members,
            "member": self.member,
            "commitments": [point.hex() for point in self.commitments],
            "box_key": self.box_key.hex(),
            "signing_key": self.signing_key.hex(),
            "proof": {
                "commitment": self.proof_commitment.hex(),
                "response": self.proof_response.hex(),
            },
        }

    @classmethod
    def from_json(cls, value: object) -> Commitment:
        names = {"conference_id", "threshold", "members", "member", "commitments"}
        message = wire.fields(
            value, "committee-commitment", names | {"box_key", "signing_key", "proof"}
        )
        ceremony = Ceremony(
            wire.text(message, "conference_id"),
            wire.integer(message, "threshold", 1, MAX_MEMBERS),
            wire.integer(message, "members", 1, MAX_MEMBERS),
        )
        member = wire.integer(message, "member", 1, ceremony.members)
        proof = wire.nested(message["proof"], "proof", {"commitment", "response"})
        return cls(
            ceremony,
            member,
            wire.points(message, "commitments", ceremony.threshold),
            wire.raw(message, "box_key", KEY_SIZE),
            wire.raw(message, "signing_key", KEY_SIZE),
            wire.point(proof, "commitment"),
            wire.scalar(proof, "response"),
        )


@dataclass(frozen=True)
class Transcript:
    """The public outcome of a ceremony: every member's verified reveal, in member order.

    Anyone can derive the joint key and each member's public share from it.
    """

    ceremony: Ceremony
    reveals: tuple[Commitment, ...]

    def __post_init__(self) -> None:
        members = [reveal.member for reveal in self.reveals]
        if members != list(range(1, self.ceremony.members + 1)):
            raise CommitteeError(
                f"a transcript has one reveal per member 1..{self.ceremony.members}"
            )
        for reveal in self.reveals:
            if reveal.ceremony != self.ceremony:
                raise CommitteeError(f"member {reveal.member}'s reveal is for another ceremony")
            reveal.verify()
        check_distinct_keys(self.reveals)

    @classmethod
    def assemble(
        cls, ceremony: Ceremony, hashes: Iterable[CommitmentHash], reveals: Iterable[Commitment]
    ) -> Transcript:
        """The transcript, once every member's reveal matches the hash it published first."""
        published = _one_each(ceremony, hashes, "hash")
        revealed = _one_each(ceremony, reveals, "reveal")
        for member, reveal in revealed.items():
            if reveal.digest() != published[member].digest:
                raise CommitteeError(f"member {member}'s reveal does not match its published hash")
        return cls(ceremony, tuple(revealed[member] for member in sorted(revealed)))

    def reveal(self, member: int) -> Commitment:
        self.ceremony.check_member(member)
        return self.reveals[member - 1]

    @cached_property
    def _summed(self) -> tuple[Point, ...]:
        """Σ_i C_{i,k} for each k: the commitments of the joint polynomial."""
        return tuple(
            total(reveal.commitments[k] for reveal in self.reveals)
            for k in range(self.ceremony.threshold)
        )

    @property
    def joint_key(self) -> Point:
        """Y = Σ_i C_{i,0}, the key ballots are encrypted to."""
        return self._summed[0]

    def public_share(self, member: int) -> Point:
        """Y_j = Σ_i Σ_k C_{i,k}·j^k: member j's secret share times G."""
        self.ceremony.check_member(member)
        return _evaluate_points(self._summed, member)

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": "committee-transcript",
            "conference_id": self.ceremony.conference_id,
            "threshold": self.ceremony.threshold,
            "members": self.ceremony.members,
            "reveals": [reveal.to_json() for reveal in self.reveals],
        }

    @classmethod
    def from_json(cls, value: object) -> Transcript:
        names = {"conference_id", "threshold", "members", "reveals"}
        message = wire.fields(value, "committee-transcript", names)
        ceremony = Ceremony(
            wire.text(message, "conference_id"),
            wire.integer(message, "threshold", 1, MAX_MEMBERS),
            wire.integer(message, "members", 1, MAX_MEMBERS),
        )
        items = wire.array(message, "reveals")
        return cls(ceremony, tuple(Commitment.from_json(item) for item in items))


@dataclass(frozen=True)
class SealedShare:
    """f_sender(receiver), sealed to the receiver's box key with crypto_box_seal."""

    conference_id: str
    sender: int
    receiver: int
    sealed: bytes

    def open(self, box_key: bytes, box_secret: bytes) -> Scalar:
        """The share inside, if the envelope opens and its plaintext names this envelope."""
        if len(self.sealed) < pysodium.crypto_box_SEALBYTES:
            raise CommitteeError("the sealed share is too short")
        try:
            plaintext = canonical.loads(
                pysodium.crypto_box_seal_open(self.sealed, box_key, box_secret)
            )
            message = wire.fields(plaintext, "committee-share-plaintext", _PLAINTEXT_FIELDS)
            share = wire.scalar(message, "share")
        except ValueError as error:  # libsodium, canonical and message errors alike
            raise CommitteeError("the sealed share does not open to a share") from error
        if _share_plaintext(self.conference_id, self.sender, self.receiver, share) != plaintext:
            raise CommitteeError("the sealed share was made for another sender or receiver")
        return share

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": "committee-share",
            "conference_id": self.conference_id,
            "from": self.sender,
            "to": self.receiver,
            "sealed": self.sealed.hex(),
        }

    @classmethod
    def from_json(cls, value: object) -> SealedShare:
        message = wire.fields(value, "committee-share", {"conference_id", "from", "to", "sealed"})
        return cls(
            wire.text(message, "conference_id"),
            wire.integer(message, "from", 1, MAX_MEMBERS),
            wire.integer(message, "to", 1, MAX_MEMBERS),
            wire.raw(message, "sealed"),
        )


_PLAINTEXT_FIELDS = {"conference_id", "from", "to", "share"}


def _share_plaintext(
    conference_id: str, sender: int, receiver: int, share: Scalar
) -> dict[str, Any]:
    """What is sealed: the share with the envelope's context, so a redirected one is noticed."""
    return {
        "kind": "committee-share-plaintext",
        "conference_id": conference_id,
        "from": sender,
        "to": receiver,
        "share": share.hex(),
    }


@dataclass(frozen=True)
class Complaint:
    """A receiver's public accusation that a sender's share is missing or wrong."""

    conference_id: str
    accuser: int
    accused: int
    reason: str  # one of REASONS

    REASONS = ("missing", "duplicate", "unreadable", "mismatch")

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": "committee-complaint",
            "conference_id": self.conference_id,
            "accuser": self.accuser,
            "accused": self.accused,
            "reason": self.reason,
        }

    @classmethod
    def from_json(cls, value: object) -> Complaint:
        names = {"conference_id", "accuser", "accused", "reason"}
        message = wire.fields(value, "committee-complaint", names)
        reason = wire.text(message, "reason")
        if reason not in cls.REASONS:
            raise CommitteeError(f"a complaint's reason is one of {', '.join(cls.REASONS)}")
        return cls(
            wire.text(message, "conference_id"),
            wire.integer(message, "accuser", 1, MAX_MEMBERS),
            wire.integer(message, "accused", 1, MAX_MEMBERS),
            reason,
        )


class ShareComplaintError(CommitteeError):
    """A member received bad or missing shares; `complaints` names each sender at fault."""

    def __init__(self, complaints: Sequence[Complaint]) -> None:
        self.complaints = tuple(complaints)
        named = ", ".join(f"member {c.accused} ({c.reason})" for c in self.complaints)
        super().__init__(f"member {self.complaints[0].accuser} complains about {named}")


class _BadShare(Exception):
    """Why one sender's share is refused: becomes a `Complaint`."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class Member:
    """One member's side of the ceremony, holding its polynomial until its key share is made."""

    def __init__(
        self, ceremony: Ceremony, index: int, secrets: MemberSecrets | None = None
    ) -> None:
        ceremony.check_member(index)
        if secrets is None:
            secrets = MemberSecrets.random(ceremony.threshold)
        if len(secrets.coefficients) != ceremony.threshold:
            raise CommitteeError(f"the polynomial needs {ceremony.threshold} coefficients")
        self.ceremony = ceremony
        self.index = index
        self._secrets = secrets
        self.commitment = _commit(ceremony, index, secrets)

    def commitment_hash(self) -> CommitmentHash:
        """The first message: published before anyone reveals."""
        return CommitmentHash(self.ceremony.conference_id, self.index, self.commitment.digest())

    def share_for(self, receiver: int) -> Scalar:
        """f(receiver), this member's share for another."""
        self.ceremony.check_member(receiver)
        return _evaluate_scalars(self._secrets.coefficients, receiver)

    def seal_shares(self, transcript: Transcript) -> list[SealedShare]:
        """Every other member's share, sealed to the box key in its reveal."""
        self._check_transcript(transcript)
        sealed = []
        for other in transcript.reveals:
            if other.member == self.index:
                continue
            share = self.share_for(other.member)
            plaintext = _share_plaintext(
                self.ceremony.conference_id, self.index, other.member, share
            )
            envelope = pysodium.crypto_box_seal(canonical.dumps(plaintext), other.box_key)
            sealed.append(
                SealedShare(self.ceremony.conference_id, self.index, other.member, envelope)
            )
        return sealed

    def finish(self, transcript: Transcript, shares: Iterable[SealedShare]) -> KeyShare:
        """This member's key share, once every other member's share opens and matches its
        sender's commitments; otherwise a `ShareComplaintError` naming each sender at fault."""
        self._check_transcript(transcript)
        received: dict[int, list[SealedShare]] = defaultdict(list)
        for envelope in shares:
            if (
                envelope.conference_id != self.ceremony.conference_id
                or envelope.receiver != self.index
            ):
                raise CommitteeError(f"a share for another member reached member {self.index}")
            self.ceremony.check_member(envelope.sender)
            received[envelope.sender].append(envelope)
        secret = self.share_for(self.index)
        complaints = []
        for sender in transcript.reveals:
            if sender.member == self.index:
                continue
            try:
                secret = secret + self._accept(sender, received[sender.member])
            except _BadShare as bad:
                complaint = Complaint(
                    self.ceremony.conference_id, self.index, sender.member, bad.reason
                )
                complaints.append(complaint)
        if complaints:
            raise ShareComplaintError(complaints)
        secrets = self._secrets
        return KeyShare(transcript, self.index, secret, secrets.box_secret, secrets.signing_seed)

    def _accept(self, sender: Commitment, envelopes: list[SealedShare]) -> Scalar:
        """The one share from `sender`, checked against its commitments: f(j)·G = Σ C_k·j^k."""
        if not envelopes:
            raise _BadShare("missing")
        if len(envelopes) > 1:
            raise _BadShare("duplicate")
        try:
            share = envelopes[0].open(self.commitment.box_key, self._secrets.box_secret)
        except CommitteeError as error:
            raise _BadShare("unreadable") from error
        if Point.base(share) != sender.share_image(self.index):
            raise _BadShare("mismatch")
        return share

    def _check_transcript(self, transcript: Transcript) -> None:
        if transcript.reveal(self.index) != self.commitment:
            raise CommitteeError(f"the transcript does not carry member {self.index}'s own reveal")


@dataclass(frozen=True)
class KeyShare:
    """A member's lasting key material after the ceremony: what it decrypts and signs with.

    Constructing one checks that the secret share is this member's part of the joint key
    (s_j·G = Y_j) and that both keypairs are the ones its reveal published.
    """

    transcript: Transcript
    member: int
    secret_share: Scalar
    box_secret: bytes
    signing_seed: bytes

    def __post_init__(self) -> None:
        reveal = self.transcript.reveal(self.member)
        if Point.base(self.secret_share) != self.transcript.public_share(self.member):
            raise CommitteeError(f"member {self.member}'s key share is not in the joint key")
        if _box_public(self.box_secret) != reveal.box_key:
            raise CommitteeError(f"member {self.member}'s box key is not the one it published")
        if _signing_keypair(self.signing_seed)[0] != reveal.signing_key:
            raise CommitteeError(f"member {self.member}'s signing key is not the one it published")

    @property
    def conference_id(self) -> str:
        return self.transcript.ceremony.conference_id

    def sign(self, message: bytes) -> bytes:
        """An Ed25519 signature with the key this member published in the ceremony."""
        return bytes(pysodium.crypto_sign_detached(message, _signing_keypair(self.signing_seed)[1]))

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": "committee-key-backup",
            "conference_id": self.conference_id,
            "member": self.member,
            "secret_share": self.secret_share.hex(),
            "box_secret": self.box_secret.hex(),
            "signing_seed": self.signing_seed.hex(),
            "transcript": self.transcript.to_json(),
        }

    def backup(self) -> bytes:
        """The member's backup file: canonical JSON of everything needed to take part again."""
        return canonical.dumps(self.to_json())

    @classmethod
    def restore(cls, data: bytes, conference_id: str) -> KeyShare:
        """Re-import a backup for `conference_id`, refusing a damaged or foreign one."""
        try:
            value = canonical.loads(data)
        except canonical.CanonicalError as error:
            raise CommitteeError(f"the backup is damaged: {error}") from error
        names = {"conference_id", "member", "secret_share", "box_secret", "signing_seed"}
        message = wire.fields(value, "committee-key-backup", names | {"transcript"})
        if wire.text(message, "conference_id") != conference_id:
            raise CommitteeError(f"the backup is for another conference, not {conference_id}")
        transcript = Transcript.from_json(message["transcript"])
        if transcript.ceremony.conference_id != conference_id:
            raise CommitteeError("the backup's transcript is for another conference")
        return cls(
            transcript,
            wire.integer(message, "member", 1, transcript.ceremony.members),
            wire.scalar(message, "secret_share"),
            wire.raw(message, "box_secret", KEY_SIZE),
            wire.raw(message, "signing_seed", KEY_SIZE),
        )


def _commit(ceremony: Ceremony, member: int, secrets: MemberSecrets) -> Commitment:
    commitments = tuple(Point.base(a) for a in secrets.coefficients)
    box_key = _box_public(secrets.box_secret)
    signing_key = _signing_keypair(secrets.signing_seed)[0]
    nonce = secrets.possession_nonce
    proof_commitment = Point.base(nonce)
    challenge = _possession_challenge(
        ceremony, member, commitments, box_key, signing_key, proof_commitment
    )
    response = nonce + challenge * secrets.coefficients[0]
    return Commitment(
        ceremony, member, commitments, box_key, signing_key, proof_commitment, response
    )


def _possession_challenge(
    ceremony: Ceremony,
    member: int,
    commitments: Sequence[Point],
    box_key: bytes,
    signing_key: bytes,
    proof_commitment: Point,
) -> Scalar:
    return hash_to_scalar(
        POSSESSION_TAG,
        ceremony.conference_id.encode(),
        u32(member),
        u32(ceremony.threshold),
        u32(ceremony.members),
        box_key,
        signing_key,
        *(point.raw for point in commitments),
        proof_commitment.raw,
    )


def _evaluate_scalars(coefficients: Sequence[Scalar], x: int) -> Scalar:
    """Σ_k a_k·x^k by Horner's rule."""
    result = Scalar.of(0)
    for coefficient in reversed(coefficients):
        result = result * Scalar.of(x) + coefficient
    return result


def _evaluate_points(coefficients: Sequence[Point], x: int) -> Point:
    """Σ_k C_k·x^k by Horner's rule, in the group."""
    result = Point.identity()
    for coefficient in reversed(coefficients):
        result = result * Scalar.of(x) + coefficient
    return result


_Message = TypeVar("_Message", CommitmentHash, Commitment)


def check_distinct_keys(reveals: Iterable[Commitment]) -> None:
    """Refuse two seats holding the same signing key, box key or first commitment C_0: one
    person behind two seats would sign, open and count as two members."""
    seen: dict[tuple[str, bytes], int] = {}
    for reveal in reveals:
        for what, key in (
            ("signing key", reveal.signing_key),
            ("box key", reveal.box_key),
            ("first commitment", reveal.commitments[0].raw),
        ):
            other = seen.setdefault((what, key), reveal.member)
            if other != reveal.member:
                raise CommitteeError(f"members {other} and {reveal.member} share one {what}")


def _one_each(ceremony: Ceremony, messages: Iterable[_Message], what: str) -> dict[int, _Message]:
    """Messages by member: exactly one from each of 1..n, all for this conference."""
    found: dict[int, _Message] = {}
    for message in messages:
        if message.conference_id != ceremony.conference_id:
            raise CommitteeError(f"member {message.member}'s {what} is for another conference")
        if message.member in found:
            raise CommitteeError(f"member {message.member} sent two of its {what}")
        ceremony.check_member(message.member)
        found[message.member] = message
    missing = sorted(set(range(1, ceremony.members + 1)) - set(found))
    if missing:
        raise CommitteeError(f"no {what} yet from members {missing}")
    return found


def _box_public(box_secret: bytes) -> bytes:
    """The X25519 public key of a box secret key (what crypto_box_keypair pairs it with)."""
    return bytes(pysodium.crypto_scalarmult_curve25519_base(box_secret))


def _signing_keypair(seed: bytes) -> tuple[bytes, bytes]:
    public, secret = pysodium.crypto_sign_seed_keypair(seed)
    return bytes(public), bytes(secret)


def simulate_ceremony(
    ceremony: Ceremony, secrets: Sequence[MemberSecrets] | None = None
) -> tuple[Transcript, list[KeyShare]]:
    """Every member's part run in one process, as the demo record and simulations need it.
    `secrets` (one per member) are for test vectors only."""
    if secrets is None:
        secrets = [MemberSecrets.random(ceremony.threshold) for _ in range(ceremony.members)]
    members = [Member(ceremony, index, drawn) for index, drawn in enumerate(secrets, start=1)]
    hashes = [member.commitment_hash() for member in members]
    transcript = Transcript.assemble(ceremony, hashes, [member.commitment for member in members])
    sealed = [envelope for member in members for envelope in member.seal_shares(transcript)]
    keys = [
        member.finish(transcript, [e for e in sealed if e.receiver == member.index])
        for member in members
    ]
    return transcript, keys
