"""The record's parts as typed data: each shape's `from_json` is the one place that reads a
part of a record's JSON and, for the parts `make_record` writes from a shape, its `to_json` the
one place that writes it (the same keys, so the canonical bytes do not change); the code between
sees names and types. `SignedRecord` is a signed record as the minutes and the counts table
read it. Reading trusts the shape: the verifier checks a record's parts before it reads them
(voting/tally/verify.py)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from voting.crypto.ballot import BallotDefinition
from voting.json_shapes import JsonObject
from voting.rules import HeadDecision


@dataclass(frozen=True)
class RecordConference:
    """The record's `conference`: which conference, where and when, and the step it ran."""

    agency: str
    timezone: str
    id: str
    title: str
    procedure: str
    step: int
    step_title: str
    held_on: str
    place: str

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> RecordConference:
        return cls(
            agency=data["agency"],
            timezone=data["timezone"],
            id=data["id"],
            title=data["title"],
            procedure=data["procedure"],
            step=data["step"],
            step_title=data["step_title"],
            held_on=data["held_on"],
            place=data["place"],
        )

    def to_json(self) -> JsonObject:
        return {
            "agency": self.agency,
            "timezone": self.timezone,
            "id": self.id,
            "title": self.title,
            "procedure": self.procedure,
            "step": self.step,
            "step_title": self.step_title,
            "held_on": self.held_on,
            "place": self.place,
        }


@dataclass(frozen=True)
class RecordCandidate:
    """A candidate as the ballot shows them; `cadre` is who they are across positions."""

    id: str
    cadre: str
    full_name: str
    post: str
    unit: str

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> RecordCandidate:
        return cls(
            id=data["id"],
            cadre=data["cadre"],
            full_name=data["full_name"],
            post=data["post"],
            unit=data["unit"],
        )

    def to_json(self) -> JsonObject:
        return {
            "id": self.id,
            "cadre": self.cadre,
            "full_name": self.full_name,
            "post": self.post,
            "unit": self.unit,
        }


@dataclass(frozen=True)
class Position:
    """One of the record's `positions`: a ballot section's display data."""

    id: str
    title: str
    candidates: tuple[RecordCandidate, ...]

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Position:
        return cls(
            id=data["id"],
            title=data["title"],
            candidates=tuple(RecordCandidate.from_json(c) for c in data["candidates"]),
        )

    def to_json(self) -> JsonObject:
        return {
            "id": self.id,
            "title": self.title,
            "candidates": [c.to_json() for c in self.candidates],
        }


@dataclass(frozen=True)
class Cards:
    """The record's `cards`: the card keys and the voided ones (sorted), and the counters."""

    keys: tuple[str, ...]
    voided: tuple[str, ...]
    dealt: int
    replaced: int
    undone: int

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Cards:
        return cls(
            keys=tuple(data["keys"]),
            voided=tuple(data["voided"]),
            dealt=data["dealt"],
            replaced=data["replaced"],
            undone=data["undone"],
        )

    def to_json(self) -> JsonObject:
        return {
            "keys": list(self.keys),
            "voided": list(self.voided),
            "dealt": self.dealt,
            "replaced": self.replaced,
            "undone": self.undone,
        }


@dataclass(frozen=True)
class Frozen:
    """The record's `frozen`: the attendance the opening froze."""

    convened: int
    present: int

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Frozen:
        return cls(convened=data["convened"], present=data["present"])

    def to_json(self) -> JsonObject:
        return {"convened": self.convened, "present": self.present}


@dataclass(frozen=True)
class Evaluated:
    """One candidate of the record's `evaluation`: the agree count, its base (named and
    counted), the exact share "n/d" and whether it passes."""

    agree: int
    base: str
    base_count: int
    share: str
    passed: bool

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Evaluated:
        return cls(
            agree=data["agree"],
            base=data["base"],
            base_count=data["base_count"],
            share=data["share"],
            passed=data["passed"],
        )

    def to_json(self) -> JsonObject:
        return {
            "agree": self.agree,
            "base": self.base,
            "base_count": self.base_count,
            "share": self.share,
            "passed": self.passed,
        }


Evaluation = dict[str, dict[str, Evaluated]]
"""Section → candidate → its evaluation."""


@dataclass(frozen=True)
class Tie:
    """A boundary tie left to the head: `places` to fill from `among`."""

    places: int
    among: tuple[str, ...]


@dataclass(frozen=True)
class RecordSelection:
    """The record's `selection` at a step that fills quotas (position → candidate ids)."""

    chosen: dict[str, tuple[str, ...]]
    ties: dict[str, Tie]
    open_places: dict[str, int]

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> RecordSelection | None:
        """None for the empty object of a step that fills no quotas."""
        if not data:
            return None
        return cls(
            chosen={p: tuple(ids) for p, ids in data["chosen"].items()},
            ties={p: Tie(t["places"], tuple(t["among"])) for p, t in data["ties"].items()},
            open_places=dict(data["open_places"]),
        )


@dataclass(frozen=True)
class Entry:
    """One event of the record's hash-chained log; `data` is the event's own JSON, whose keys
    depend on its `kind`."""

    seq: int
    prev: str
    hash: str
    conference: str
    kind: str
    actor: str
    at: str
    data: JsonObject

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Entry:
        return cls(
            seq=data["seq"],
            prev=data["prev"],
            hash=data["hash"],
            conference=data["conference"],
            kind=data["kind"],
            actor=data["actor"],
            at=data["at"],
            data=data["data"],
        )


def decision_of(data: Mapping[str, Any]) -> HeadDecision | None:
    """The head's decision as the record holds it (`decision` key; empty when none)."""
    if not data:
        return None
    return HeadDecision(
        chosen={p: list(c) for p, c in data["chosen"].items()},
        decided_by=data["decided_by"],
        decided_at=data["decided_at"],
        note=data["note"],
    )


def decision_data(decision: HeadDecision | None) -> JsonObject:
    """The `decision` key of a record: empty when the head decided nothing (JSON has no null
    in canonical form)."""
    if decision is None:
        return {}
    return {
        "chosen": {p: list(c) for p, c in decision.chosen.items()},
        "decided_by": decision.decided_by,
        "decided_at": decision.decided_at,
        "note": decision.note,
    }


@dataclass(frozen=True)
class SignedRecord:
    """A signed record as its readers use it (the minutes, the counts table): the parts they
    print, typed. The committee and the embedded rules (`rule_set`'s content) keep their JSON,
    which their own types (`Transcript`, `RuleSet`) read where needed: a transcript verifies
    itself when read."""

    conference: RecordConference
    rules: JsonObject
    ballot: BallotDefinition
    positions: tuple[Position, ...]
    cards: Cards
    frozen: Frozen
    committee: JsonObject
    ballots: int
    ballot_list_hash: str
    opened_by: tuple[int, ...]
    evaluation: Evaluation
    selection: RecordSelection | None
    decision: HeadDecision | None
    events: tuple[Entry, ...]
    bundles: dict[str, str]
    public_key: str

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> SignedRecord:
        return cls(
            conference=RecordConference.from_json(data["conference"]),
            rules=data["rule_set"]["content"],
            ballot=BallotDefinition.from_dict(data["ballot"]),
            positions=tuple(Position.from_json(p) for p in data["positions"]),
            cards=Cards.from_json(data["cards"]),
            frozen=Frozen.from_json(data["frozen"]),
            committee=data["committee"],
            ballots=len(data["ballots"]),
            ballot_list_hash=data["ballot_list_hash"],
            opened_by=tuple(sorted(p["member"] for p in data["partials"])),
            evaluation={
                section: {c: Evaluated.from_json(e) for c, e in rows.items()}
                for section, rows in data["evaluation"].items()
            },
            selection=RecordSelection.from_json(data["selection"]),
            decision=decision_of(data["decision"]),
            events=tuple(Entry.from_json(e) for e in data["events"]),
            bundles=dict(data["bundles"]),
            public_key=data["installation"]["public_key"],
        )
