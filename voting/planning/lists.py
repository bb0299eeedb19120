"""The candidate lists a process keeps, as typed shapes: the source list the organiser edits
(`planning_processes.source`), the engine's proposal it started from (`.proposal`), and what a
step recorded and passes on to vote (`planning_steps.approved`). Each is read from its column
here (`source_of`, `proposal_of`, `approval_of`) and written back only by `to_json`, so the
services between see names and types; the stored JSON keeps its keys and their order.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from pydantic import Field, SerializerFunctionWrapHandler, model_serializer

from voting.rules.eligibility import Reason
from voting.shape import Absent, Shape, absent
from voting.store import Process, ProcessStep


class EligibilityReason(Shape):
    """A reason of the rules engine (`voting.rules.eligibility.Reason`) as the planning stores
    and shows it: its own shape, because the rules stay free of pydantic and the API's request
    body `Reason` already has the name."""

    code: str
    en: str
    vi: str
    removal: bool = False

    @classmethod
    def of(cls, reason: Reason) -> EligibilityReason:
        return cls(code=reason.code, en=reason.en, vi=reason.vi, removal=reason.removal)


class SourceEntry(Shape):
    """One position of the source list: its title, kind and unit, the places open when the
    process started (3 less those planned), and the cadres (registry ids) standing for it."""

    position: str
    kind: str
    unit: str
    places: int
    candidates: list[str]


def source_of(process: Process) -> list[SourceEntry]:
    """The process's source list as stored, typed."""
    return [SourceEntry.model_validate(s) for s in process.source]


class ExcludedCadre(Shape):
    """A cadre the engine excluded from a position when the process started, with the
    registry's particulars (`born` ISO) and the reasons, as the proposal stored them."""

    full_name: str
    sex: str
    born: str
    post: str
    unit: str
    cadre: str
    reasons: list[EligibilityReason]


@dataclass(frozen=True)
class Proposed:
    """Who the engine proposed for a position when the process started, and the cadre's
    category (the source the post is)."""

    cadre: str
    category: int


@dataclass(frozen=True)
class Proposal:
    """One position of the engine's proposal: who it proposed, and who it excluded and why
    (each as shown on the source list). Read by hand: the stored position holds more than the
    pages use (each proposed cadre's particulars)."""

    position: str
    proposed: list[Proposed]
    excluded: list[ExcludedCadre]

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Proposal:
        return cls(
            position=data["position"],
            proposed=[Proposed(p["cadre"], p["category"]) for p in data["proposed"]],
            excluded=[ExcludedCadre.model_validate(e) for e in data["excluded"]],
        )


def proposal_of(process: Process) -> dict[str, Proposal]:
    """Position → the engine's proposal for it, as stored when the process started."""
    return {p.position: p for p in (Proposal.from_json(d) for d in process.proposal)}


class StepBallotCandidate(Shape):
    """A candidate a step's ballot lists: the cadre's registry id, name, post and unit."""

    cadre: str
    full_name: str
    post: str
    unit: str


C = TypeVar("C", bound=Shape)


class Section(Shape, Generic[C]):
    """One position of a step's ballot with its candidates, as listed (`StepBallotSection`) or as
    counted (`voting.planning.state.CountedSection`); `quota` ("chọn tối đa") is None on the
    removal ballot."""

    position: str
    quota: int | None
    candidates: list[C]


class StepBallotSection(Section[StepBallotCandidate]):
    """One position of a step's ballot and the candidates it lists."""


@dataclass(frozen=True)
class Recorded:
    """A step held without a secret ballot on the list, as recorded: the day (ISO), the note,
    who recorded it (the log's principal) and when, and the source list it approved (None
    unless the step approves it). Stored flat in the step's `Approval`, all or none."""

    held_on: str
    note: str
    by: str
    at: str
    source: list[SourceEntry] | None


class Approval(Shape):
    """What a step holds beside its result (`planning_steps.approved`), its keys as stored:
    its record if held without a ballot (`held_on`, `note`, `by`, `at` and `source`, the
    source list it approved or null), and the ballot it votes on with the positions each cadre
    already held in the planning of the term when it was set (`held`, what the 3-positions cap
    counts)."""

    held_on: str | Absent = absent()
    note: str | Absent = absent()
    by: str | Absent = absent()
    at: str | Absent = absent()
    source: list[SourceEntry] | None = Field(
        None, description="Present (null too) when the step is recorded"
    )
    ballot: list[StepBallotSection] | Absent = absent()
    held: dict[str, int] | Absent = absent()

    @property
    def recorded(self) -> Recorded | None:
        """The step's record, if it was recorded without a ballot."""
        if self.held_on is None or self.note is None or self.by is None or self.at is None:
            return None
        return Recorded(self.held_on, self.note, self.by, self.at, self.source)

    @model_serializer(mode="wrap")
    def _flat(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        out: dict[str, Any] = handler(self)
        if self.held_on is None:
            # A ballot alone has no `source` key; a record keeps it, null or not.
            out.pop("source", None)
        return out


def approval_of(item: ProcessStep) -> Approval:
    """The step's record and ballot as stored, typed (empty before either is set)."""
    return Approval.model_validate(item.approved or {})
