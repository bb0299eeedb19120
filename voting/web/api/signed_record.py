"""The signed conference record's JSON (docs/record.md) as the reply of GET …/record: the
schema /api/openapi.json publishes for it and the tests check each record served against.

One definition of each part: the parts the tally types (voting.tally.shapes: frozen stdlib
dataclasses, which pydantic validates and describes as they are) and the committee's and
voters' messages (voting.web.api.messages, read by their own readers) are used as they are;
the parts nobody reads into a type are written here. Validating never changes the record: the
view serves the stored bytes.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import Field

from voting.conference.events import Entry
from voting.conference.results import Selection
from voting.rules import HeadDecision
from voting.shape import Shape
from voting.tally.shapes import Cards, Evaluated, Frozen, Position, RecordConference
from voting.web.api.messages import (
    CommitmentMessage,
    CountSignatureMessage,
    PartialMessage,
    SignedBallot,
)
from voting.web.api.replies import BallotDefinition

Sha256 = Annotated[str, Field(pattern="^[0-9a-f]{64}$")]
Point = Annotated[str, Field(pattern="^[0-9a-f]{64}$", description="hex(32)")]


class Empty(Shape):
    """A part the record leaves empty: `{}`, never null (canonical JSON has no null)."""


class RecordRuleSet(Shape):
    """The rules the record was counted under, embedded whole."""

    name: str
    hash: Sha256
    content: dict[str, Any] = Field(description="Valid against docs/rule-set.schema.json")


class Transcript(Shape):
    """The key ceremony's transcript (`committee-transcript`, docs/crypto-committee.md)."""

    kind: Literal["committee-transcript"]
    conference_id: str
    threshold: int
    members: int
    reveals: list[CommitmentMessage]


class Ciphertext(Shape):
    """An ElGamal ciphertext (docs/crypto.md)."""

    a: Point
    b: Point


class Installation(Shape):
    """The installation whose key signed the record."""

    public_key: Point


class SignedRecordFile(Shape):
    """The signed conference record (docs/record.md): everything needed to re-check the count
    offline, signed by the installation."""

    format: str = Field(pattern="^voting-record/v[0-9]+$", description='docs/record.md "Versions"')
    conference: RecordConference
    rule_set: RecordRuleSet
    ballot: BallotDefinition
    positions: list[Position]
    cards: Cards
    frozen: Frozen
    committee: Transcript
    fingerprint: Sha256
    ballots: list[SignedBallot] = Field(description="In ballot-hash order")
    ballot_list_hash: Sha256
    aggregate: dict[str, dict[str, Ciphertext]]
    partials: list[PartialMessage]
    counts: dict[str, dict[str, int]]
    count_signatures: list[CountSignatureMessage]
    evaluation: dict[str, dict[str, Evaluated]]
    planned: dict[str, int]
    selection: Selection | Empty
    decision: HeadDecision | Empty
    events: list[Entry] = Field(description="The event log, as GET …/events answers it")
    bundles: dict[str, str]
    installation: Installation
    signature: str = Field(pattern="^[0-9a-f]{128}$")
