"""Ballots: the definition voters mark, the encrypted and proven ballot a card signs, its
verification, its hash, the ballot-list hash and the aggregate the committee decrypts.

A ballot is bound three ways to its conference: it names the conference id and fingerprint,
every proof hashes the fingerprint and the card's key, and the card signs it all. Verification
names the first thing that fails, so a refused cast tells the voter (and the record) why.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any, TypeVar

import pysodium

from voting import canonical
from voting.crypto import proofs
from voting.crypto.cards import Card
from voting.crypto.elgamal import Ciphertext, add_all, encrypt
from voting.crypto.framing import frame
from voting.crypto.group import GroupError, Point, Scalar, strict_hex
from voting.crypto.proofs import ProofContext, RangeProof

SIGNATURE_TAG = "voting/ballot/signature/v1"
FINGERPRINT_TAG = "voting/conference-fingerprint/v1"
_T = TypeVar("_T")


class BallotError(ValueError):
    """A ballot, ballot definition or choice that is refused; the message names what failed."""


@dataclass(frozen=True, slots=True)
class Section:
    """One part of the ballot: its candidates, of whom at most `quota` may be marked."""

    id: str
    candidates: tuple[str, ...]
    quota: int

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "candidates": list(self.candidates), "quota": self.quota}


@dataclass(frozen=True, slots=True)
class BallotDefinition:
    """The sections in ballot order; candidates within a section in ballot order."""

    sections: tuple[Section, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"sections": [section.to_dict() for section in self.sections]}

    @classmethod
    def from_dict(cls, data: Any) -> BallotDefinition:
        """{"sections": [{"id", "candidates", "quota"}, …]}: unique non-empty ids, at least one
        candidate per section and a quota of at least 1."""
        sections = _fields(data, {"sections"}, "ballot definition")["sections"]
        if not isinstance(sections, list) or not sections:
            raise BallotError("a ballot definition has a non-empty list of sections")
        parsed = tuple(_section(item, index) for index, item in enumerate(sections))
        _unique([section.id for section in parsed], "section")
        return cls(parsed)

    def section(self, section_id: str) -> Section:
        for section in self.sections:
            if section.id == section_id:
                return section
        raise BallotError(f"there is no section {section_id!r} on this ballot")


def conference_fingerprint(
    conference_id: str,
    *,
    rule_set: str,
    rule_set_hash: str,
    procedure: str,
    step: int,
    definition: BallotDefinition,
    card_keys: Iterable[str],
    joint_key: Point,
    convened: int,
    present: int,
) -> str:
    """SHA-256 hex of the canonical JSON of everything frozen at the opening; every proof and
    signature covers it, so changing any of it invalidates every ballot."""
    keys = sorted(card_keys)
    for key in keys:
        _hex(key, 32, "a card key")
    _unique(keys, "card key")
    if joint_key.is_identity():
        raise BallotError("the committee's joint key cannot be the identity")
    return canonical.sha256_hex(
        {
            "tag": FINGERPRINT_TAG,
            "conference": conference_id,
            "rule_set": rule_set,
            "rule_set_hash": rule_set_hash,
            "procedure": procedure,
            "step": step,
            "ballot": definition.to_dict(),
            "cards": keys,
            "joint_key": joint_key.hex(),
            "convened": convened,
            "present": present,
        }
    )


@dataclass(frozen=True, slots=True)
class BallotContext:
    """What ballots of one opened conference are built and verified against."""

    conference_id: str
    fingerprint: str
    definition: BallotDefinition
    joint_key: Point

    def __post_init__(self) -> None:
        _hex(self.fingerprint, 32, "the conference fingerprint")
        if self.joint_key.is_identity():
            raise BallotError("the committee's joint key cannot be the identity")

    def proof_context(self, card: bytes) -> ProofContext:
        return ProofContext(bytes.fromhex(self.fingerprint), card)


@dataclass(frozen=True, slots=True)
class Mark:
    """One candidate's encrypted 0 or 1, with its proof."""

    candidate: str
    ciphertext: Ciphertext
    proof: RangeProof

    def to_dict(self) -> dict[str, Any]:
        return {
            "candidate": self.candidate,
            "ciphertext": self.ciphertext.to_dict(),
            "proof": self.proof.to_dict(),
        }


@dataclass(frozen=True, slots=True)
class SectionVote:
    """A section's marks and the proof that their sum is at most the quota."""

    id: str
    marks: tuple[Mark, ...]
    sum_proof: RangeProof

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "marks": [mark.to_dict() for mark in self.marks],
            "sum_proof": self.sum_proof.to_dict(),
        }

    def total(self) -> Ciphertext:
        return add_all(mark.ciphertext for mark in self.marks)


@dataclass(frozen=True, slots=True)
class Ballot:
    """A cast ballot. Its JSON form (`to_dict`) is what is stored, published and hashed."""

    conference: str
    fingerprint: str
    card: bytes
    sections: tuple[SectionVote, ...]
    signature: bytes

    def unsigned_dict(self) -> dict[str, Any]:
        """The JSON form without the signature: what the signature covers."""
        return {
            "conference": self.conference,
            "fingerprint": self.fingerprint,
            "card": self.card.hex(),
            "sections": [section.to_dict() for section in self.sections],
        }

    def to_dict(self) -> dict[str, Any]:
        return {**self.unsigned_dict(), "signature": self.signature.hex()}

    @classmethod
    def from_dict(cls, data: Any) -> Ballot:
        """A ballot from outside, checked for shape and encodings (valid points, no identity,
        canonical scalars, lowercase hex) so that it re-encodes to exactly the same JSON."""
        names = {"conference", "fingerprint", "card", "sections", "signature"}
        fields = _fields(data, names, "ballot")
        if not isinstance(fields["conference"], str):
            raise BallotError("ballot.conference: expected a string")
        _hex(fields["fingerprint"], 32, "ballot.fingerprint")
        sections = fields["sections"]
        if not isinstance(sections, list):
            raise BallotError("ballot.sections: expected a list")
        return cls(
            fields["conference"],
            fields["fingerprint"],
            _hex(fields["card"], 32, "ballot.card"),
            tuple(_section_vote(item, f"ballot.sections[{i}]") for i, item in enumerate(sections)),
            _hex(fields["signature"], 64, "ballot.signature"),
        )


def signed_message(ballot: Ballot) -> bytes:
    """What the card signs: SIGNATURE_TAG, the conference id (UTF-8), the fingerprint (32 raw
    bytes) and the canonical JSON of the ballot without its signature, each preceded by its
    length as 4 bytes big-endian."""
    fingerprint = _hex(ballot.fingerprint, 32, "ballot.fingerprint")
    return frame(
        SIGNATURE_TAG.encode(),
        ballot.conference.encode(),
        fingerprint,
        canonical.dumps(ballot.unsigned_dict()),
    )


def build_ballot(
    context: BallotContext,
    card: Card,
    choices: Mapping[str, Collection[str]],
    rng: Callable[[], Scalar] = Scalar.random,
) -> Ballot:
    """Encrypt, prove and sign `choices` (section id → the candidate ids marked; a section left
    out has no marks). Randomness comes from the system's random source, never from the card;
    only test vectors pass their own `rng`, which is drawn per section, per candidate in ballot
    order (r, then the mark's proof), then for the section's sum proof."""
    if card.conference_id != context.conference_id:
        raise BallotError(
            f"this card belongs to conference {card.conference_id!r}, not {context.conference_id!r}"
        )
    marked = _checked_choices(context.definition, choices)
    binding = context.proof_context(card.public_key)
    key = context.joint_key
    votes = []
    for section in context.definition.sections:
        marks, total_randomness = [], Scalar.of(0)
        for candidate in section.candidates:
            value = int(candidate in marked[section.id])
            randomness = rng()
            ciphertext = encrypt(value, key, randomness)
            proof = proofs.prove(ciphertext, value, randomness, 1, key, binding, rng)
            marks.append(Mark(candidate, ciphertext, proof))
            total_randomness = total_randomness + randomness
        total = add_all(mark.ciphertext for mark in marks)
        count = len(marked[section.id])
        sum_proof = proofs.prove(total, count, total_randomness, section.quota, key, binding, rng)
        votes.append(SectionVote(section.id, tuple(marks), sum_proof))
    unsigned = Ballot(context.conference_id, context.fingerprint, card.public_key, (*votes,), b"")
    return replace(unsigned, signature=card.sign(signed_message(unsigned)))


def verify_ballot(context: BallotContext, ballot: Ballot, card_keys: Collection[str]) -> None:
    """Raise BallotError naming the first failure: the conference, the fingerprint, the card
    list, the signature, the ballot's layout, then each proof in ballot order."""
    if ballot.conference != context.conference_id:
        raise BallotError(
            f"this ballot is for conference {ballot.conference!r}, not {context.conference_id!r}"
        )
    if ballot.fingerprint != context.fingerprint:
        raise BallotError(
            f"this ballot was made for conference fingerprint {ballot.fingerprint[:16]}…, "
            f"not {context.fingerprint[:16]}…: before the opening, or for other parameters"
        )
    if ballot.card.hex() not in card_keys:
        raise BallotError(f"card {ballot.card.hex()[:16]}… is not on this conference's card list")
    try:
        pysodium.crypto_sign_verify_detached(ballot.signature, signed_message(ballot), ballot.card)
    except ValueError as error:
        raise BallotError("the card's signature on this ballot does not verify") from error
    _check_layout(context.definition, ballot)
    binding = context.proof_context(ballot.card)
    key = context.joint_key
    for section, vote in zip(context.definition.sections, ballot.sections, strict=True):
        for mark in vote.marks:
            if not proofs.verify(mark.ciphertext, 1, key, binding, mark.proof):
                raise BallotError(
                    f"section {section.id!r}, candidate {mark.candidate!r}: "
                    "the proof that the mark is 0 or 1 does not verify"
                )
        if not proofs.verify(vote.total(), section.quota, key, binding, vote.sum_proof):
            raise BallotError(
                f"section {section.id!r}: the proof that at most {section.quota} "
                "candidates are marked does not verify"
            )


def ballot_hash(ballot: Ballot) -> str:
    """SHA-256 hex of the ballot's canonical JSON, signature included: its receipt."""
    return canonical.sha256_hex(ballot.to_dict())


def ballot_list_hash(ballot_hashes: Iterable[str]) -> str:
    """SHA-256 hex of the canonical JSON array of the ballot hashes, sorted: the same list
    gives the same hash whatever order the ballots arrived in."""
    hashes = sorted(ballot_hashes)
    for item in hashes:
        _hex(item, 32, "a ballot hash")
    return canonical.sha256_hex(hashes)


def aggregate(
    definition: BallotDefinition, ballots: Iterable[Ballot]
) -> dict[str, dict[str, Ciphertext]]:
    """Section id → candidate id → the sum of that candidate's ciphertexts over `ballots`
    (verified ones: this only checks their layout). No ballots give identity ciphertexts."""
    sums = {
        section.id: dict.fromkeys(section.candidates, Ciphertext.identity())
        for section in definition.sections
    }
    for ballot in ballots:
        _check_layout(definition, ballot)
        for vote in ballot.sections:
            for mark in vote.marks:
                sums[vote.id][mark.candidate] = sums[vote.id][mark.candidate] + mark.ciphertext
    return sums


def _checked_choices(
    definition: BallotDefinition, choices: Mapping[str, Collection[str]]
) -> dict[str, set[str]]:
    marked: dict[str, set[str]] = {section.id: set() for section in definition.sections}
    for section_id, chosen in choices.items():
        section = definition.section(section_id)
        for candidate in chosen:
            if candidate not in section.candidates:
                raise BallotError(f"section {section_id!r} has no candidate {candidate!r}")
            if candidate in marked[section_id]:
                raise BallotError(f"section {section_id!r}: {candidate!r} is marked twice")
            marked[section_id].add(candidate)
        if len(marked[section_id]) > section.quota:
            raise BallotError(
                f"section {section_id!r}: {len(marked[section_id])} candidates are marked, "
                f"but at most {section.quota} may be"
            )
    return marked


def _check_layout(definition: BallotDefinition, ballot: Ballot) -> None:
    """The ballot has the definition's sections and candidates, in the definition's order."""
    if len(ballot.sections) != len(definition.sections):
        raise BallotError(
            f"the ballot has {len(ballot.sections)} sections; "
            f"this conference's ballot has {len(definition.sections)}"
        )
    for index, (section, vote) in enumerate(zip(definition.sections, ballot.sections, strict=True)):
        if vote.id != section.id:
            raise BallotError(f"section {index + 1} is {vote.id!r}, expected {section.id!r}")
        candidates = tuple(mark.candidate for mark in vote.marks)
        if candidates != section.candidates:
            raise BallotError(
                f"section {section.id!r} lists candidates {', '.join(candidates)}, "
                f"expected {', '.join(section.candidates)}"
            )


def _section(data: Any, index: int) -> Section:
    where = f"ballot definition section {index + 1}"
    fields = _fields(data, {"id", "candidates", "quota"}, where)
    section_id, candidates, quota = fields["id"], fields["candidates"], fields["quota"]
    if not isinstance(section_id, str) or not section_id:
        raise BallotError(f"{where}: the id is a non-empty string")
    if not isinstance(candidates, list) or not candidates:
        raise BallotError(f"section {section_id!r}: candidates is a non-empty list")
    if not all(isinstance(item, str) and item for item in candidates):
        raise BallotError(f"section {section_id!r}: candidate ids are non-empty strings")
    _unique(candidates, f"section {section_id!r}: candidate")
    if not isinstance(quota, int) or isinstance(quota, bool) or quota < 1:
        raise BallotError(f"section {section_id!r}: the quota is a whole number of at least 1")
    return Section(section_id, tuple(candidates), quota)


def _section_vote(data: Any, where: str) -> SectionVote:
    fields = _fields(data, {"id", "marks", "sum_proof"}, where)
    if not isinstance(fields["id"], str):
        raise BallotError(f"{where}.id: expected a string")
    if not isinstance(fields["marks"], list):
        raise BallotError(f"{where}.marks: expected a list")
    marks = tuple(_mark(item, f"{where}.marks[{i}]") for i, item in enumerate(fields["marks"]))
    return SectionVote(
        fields["id"],
        marks,
        _decoded(RangeProof.from_dict, fields["sum_proof"], f"{where}.sum_proof"),
    )


def _mark(data: Any, where: str) -> Mark:
    fields = _fields(data, {"candidate", "ciphertext", "proof"}, where)
    if not isinstance(fields["candidate"], str):
        raise BallotError(f"{where}.candidate: expected a string")
    return Mark(
        fields["candidate"],
        _decoded(Ciphertext.from_dict, fields["ciphertext"], f"{where}.ciphertext"),
        _decoded(RangeProof.from_dict, fields["proof"], f"{where}.proof"),
    )


def _decoded(decode: Callable[[Any], _T], data: Any, where: str) -> _T:
    try:
        return decode(data)
    except GroupError as error:
        raise BallotError(f"{where}: {error}") from error


def _fields(data: Any, names: set[str], where: str) -> dict[str, Any]:
    if not isinstance(data, dict) or set(data) != names:
        raise BallotError(f"{where}: expected an object with exactly {', '.join(sorted(names))}")
    return data


def _hex(text: Any, size: int, where: str) -> bytes:
    try:
        return strict_hex(text, size)
    except GroupError as error:
        raise BallotError(f"{where}: {error}") from error


def _unique(items: list[str], what: str) -> None:
    seen: set[str] = set()
    for item in items:
        if item in seen:
            raise BallotError(f"{what} {item!r} appears twice")
        seen.add(item)
