"""The candidate lists a process keeps, as typed shapes: the source list the organiser edits
(`planning_processes.source`), the engine's proposal it started from (`.proposal`), and what a
step recorded and passes on to vote (`planning_steps.approved`). Each is read from its column
here (`source_of`, `proposal_of`, `approval_of`) and written back only by `to_json`, so the
services between see names and types; the stored JSON keeps its keys and their order.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Generic, Protocol, TypeVar

from voting.json_shapes import JsonObject
from voting.store import Process, ProcessStep


@dataclass(frozen=True)
class SourceEntry:
    """One position of the source list: its title, kind and unit, the places open when the
    process started (3 less those planned), and the cadres (registry ids) standing for it."""

    position: str
    kind: str
    unit: str
    places: int
    candidates: list[str]

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> SourceEntry:
        return cls(
            position=data["position"],
            kind=data["kind"],
            unit=data["unit"],
            places=data["places"],
            candidates=list(data["candidates"]),
        )

    def to_json(self) -> JsonObject:
        return {
            "position": self.position,
            "kind": self.kind,
            "unit": self.unit,
            "places": self.places,
            "candidates": list(self.candidates),
        }


def source_of(process: Process) -> list[SourceEntry]:
    """The process's source list as stored, typed."""
    return [SourceEntry.from_json(s) for s in process.source]


@dataclass(frozen=True)
class Proposed:
    """Who the engine proposed for a position when the process started, and the cadre's
    category (the source the post is)."""

    cadre: str
    category: int


@dataclass(frozen=True)
class Proposal:
    """One position of the engine's proposal: who it proposed, and who it excluded and why
    (each as shown on the source list)."""

    position: str
    proposed: list[Proposed]
    excluded: list[JsonObject]

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Proposal:
        return cls(
            position=data["position"],
            proposed=[Proposed(p["cadre"], p["category"]) for p in data["proposed"]],
            excluded=[dict(e) for e in data["excluded"]],
        )


def proposal_of(process: Process) -> dict[str, Proposal]:
    """Position → the engine's proposal for it, as stored when the process started."""
    return {p.position: p for p in (Proposal.from_json(d) for d in process.proposal)}


@dataclass(frozen=True)
class BallotCandidate:
    """A candidate a step's ballot lists: the cadre's registry id, name, post and unit."""

    cadre: str
    full_name: str
    post: str
    unit: str

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> BallotCandidate:
        return cls(
            cadre=data["cadre"], full_name=data["full_name"], post=data["post"], unit=data["unit"]
        )

    def to_json(self) -> JsonObject:
        return {
            "cadre": self.cadre,
            "full_name": self.full_name,
            "post": self.post,
            "unit": self.unit,
        }


class Listed(Protocol):
    """A candidate a section holds: it writes its own JSON."""

    def to_json(self) -> JsonObject: ...


C = TypeVar("C", bound=Listed)


@dataclass(frozen=True)
class Section(Generic[C]):
    """One position of a step's ballot with its candidates, as listed (`BallotSection`) or as
    counted (`voting.planning.state.CountedSection`); `quota` ("chọn tối đa") is None on the
    removal ballot."""

    position: str
    quota: int | None
    candidates: list[C]

    @classmethod
    def from_json(
        cls, data: Mapping[str, Any], candidate: Callable[[Mapping[str, Any]], C]
    ) -> Section[C]:
        """The section stored as `data`, each candidate read by `candidate`."""
        return cls(
            position=data["position"],
            quota=data["quota"],
            candidates=[candidate(c) for c in data["candidates"]],
        )

    def to_json(self) -> JsonObject:
        return {
            "position": self.position,
            "quota": self.quota,
            "candidates": [c.to_json() for c in self.candidates],
        }


BallotSection = Section[BallotCandidate]


@dataclass(frozen=True)
class Recorded:
    """A step held without a secret ballot on the list, as recorded: the day (ISO), the note,
    who recorded it (the log's principal) and when, and the source list it approved (None
    unless the step approves it)."""

    held_on: str
    note: str
    by: str
    at: str
    source: list[SourceEntry] | None

    def to_json(self) -> JsonObject:
        return {
            "held_on": self.held_on,
            "note": self.note,
            "by": self.by,
            "at": self.at,
            "source": None if self.source is None else [s.to_json() for s in self.source],
        }


@dataclass(frozen=True)
class Approval:
    """What a step holds beside its result: its record if held without a ballot, and the
    ballot it votes on with the positions each cadre already held in the planning of the term
    when it was set (`held`, what the 3-positions cap counts)."""

    recorded: Recorded | None = None
    ballot: list[BallotSection] | None = None
    held: dict[str, int] | None = None

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Approval:
        recorded = None
        if "held_on" in data:
            source = data.get("source")
            recorded = Recorded(
                held_on=data["held_on"],
                note=data["note"],
                by=data["by"],
                at=data["at"],
                source=None if source is None else [SourceEntry.from_json(s) for s in source],
            )
        return cls(
            recorded=recorded,
            ballot=[Section.from_json(s, BallotCandidate.from_json) for s in data["ballot"]]
            if "ballot" in data
            else None,
            held={c: int(n) for c, n in data["held"].items()} if "held" in data else None,
        )

    def to_json(self) -> JsonObject:
        out: JsonObject = self.recorded.to_json() if self.recorded is not None else {}
        if self.ballot is not None:
            out["ballot"] = [s.to_json() for s in self.ballot]
        if self.held is not None:
            out["held"] = dict(self.held)
        return out


def approval_of(item: ProcessStep) -> Approval:
    """The step's record and ballot as stored, typed (empty before either is set)."""
    return Approval.from_json(item.approved or {})
