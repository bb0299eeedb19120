"""The process state the planning JSON columns hold, as typed shapes: what a step passed on
(`planning_steps.result`), the paper counts it was held with (`.paper`), the annual review
(`planning_processes.review`) and the list to submit (`.outcome`). Each is read from its column
at the database boundary (`result_of`, `paper_of`, `review_of`, `outcome_of`) and written back
only by `to_json`, so that the services and the dossier between them see names and types, not
string keys. Each maps its column's JSON key for key, so it is also the schema the API answers
the column with.

Electronic and paper steps keep the same shape (the rules engine measures both alike); a step
that selects (it fills the quota) also keeps what was left to the head and the head's decision.
"""

from __future__ import annotations

import operator
from typing import Any, Literal

from pydantic import Field, SerializerFunctionWrapHandler, model_serializer, model_validator

from voting.planning.lists import EligibilityReason, Section, approval_of
from voting.shape import Absent, Shape, absent
from voting.store import Process, ProcessStep

BallotKind = Literal["candidates", "removal"]


def ballot_kind(text: str) -> BallotKind:
    """A ballot kind as the conference stores it (text), checked."""
    if text == "candidates":
        return "candidates"
    if text == "removal":
        return "removal"
    raise ValueError(f"not a ballot kind: {text!r}")


# Position → cadres (the ids of the registry), in the order the step keeps them.
ByPosition = dict[str, list[str]]


class CountedCandidate(Shape):
    """One candidate's count at a step: `number` is the place on the ballot, `percent` the
    share as display text ("62.50"), `passed` the step's threshold."""

    cadre: str
    number: int
    full_name: str
    post: str
    unit: str
    agree: int
    base_count: int
    percent: str
    passed: bool


class CountedSection(Section[CountedCandidate]):
    """One position of a step's ballot and its candidates as counted."""


class RecordedDecision(Shape):
    """The head's decision at the final step as recorded: who (the log's principal), when (an
    ISO instant), the note, and the cadres chosen for each position."""

    decided_by: str
    decided_at: str
    note: str = ""
    chosen: ByPosition


class StepResult(Shape):
    """A done step's result (`planning_steps.result`). `conference` is the conference that
    held it (or would have, for a paper step), `held_on` ISO, `base` what the threshold counts
    ("present" or "convened") and `base_count` that number; `chosen` the cadres the final step
    chose (None before it); `complete` False while the head has still to decide.

    A step that selects (it fills the quota; an electronic step always keeps these, empty)
    also keeps who was left to the head (`contested`: a tie for the last places or over the
    3-positions cap; `over_cap`: those over the cap alone), the head's `decision` (null until
    made) and, on paper, the places left open; a paper step before the final one has none of
    these keys."""

    paper: bool
    conference: str | None = None
    held_on: str
    kind: BallotKind
    convened: int
    present: int
    base: str
    base_count: int
    threshold: str
    sections: list[CountedSection]
    chosen: ByPosition | None
    complete: bool = True
    contested: ByPosition | Absent = absent()
    over_cap: ByPosition | Absent = absent()
    decision: RecordedDecision | None = Field(
        None, description="Present (null too) with `contested`"
    )
    open_places: dict[str, int] | Absent = absent()

    def passing(self) -> int:
        """How many candidates passed the step's threshold, all positions together."""
        return sum(c.passed for s in self.sections for c in s.candidates)

    @model_validator(mode="before")
    @classmethod
    def _older(cls, data: Any) -> Any:
        # Results stored before every selecting step kept all three: a null `contested`, no
        # `over_cap`, no `decision`.
        if isinstance(data, dict) and "contested" in data:
            return data | {
                "contested": data["contested"] or {},
                "over_cap": data.get("over_cap") or {},
                "decision": data.get("decision"),
            }
        return data

    @model_serializer(mode="wrap")
    def _selection(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        out: dict[str, Any] = handler(self)
        if self.contested is None:
            out.pop("decision", None)
        return out


def result_of(item: ProcessStep) -> StepResult | None:
    """The step's result as stored, typed; None while the step is not done."""
    return StepResult.model_validate(item.result) if item.result is not None else None


class ReviewRemoval(Shape):
    """A planned cadre the annual review takes off the planning, as the review lists it:
    automatically (`reasons`, the rules engine's) or by the removal ballot (`agree` and
    `percent`, its count)."""

    cadre: str
    full_name: str
    position: str
    reasons: list[EligibilityReason] = Field(
        default_factory=list, exclude_if=operator.not_, description="An automatic removal's"
    )
    agree: int | Absent = absent("A removal by the ballot's")
    percent: str | Absent = absent("A removal by the ballot's")

    def entry(self, *, automatic: bool) -> RemovalEntry:
        """The removal as the outcome keeps it, its kind said."""
        return RemovalEntry(**dict(self), automatic=automatic)


class RemovalEntry(ReviewRemoval):
    """A removal as the outcome keeps it, its kind in `automatic`."""

    automatic: bool


class PlannedCadre(Shape):
    """A cadre the final step chose for a position, with the agree count it was chosen by."""

    cadre: str
    full_name: str
    post: str
    unit: str
    agree: int


class PlannedSection(Shape):
    """One position of the list to submit and the cadres chosen for it."""

    position: str
    cadres: list[PlannedCadre]


class HeadOverride(Shape):
    """KH 331 A.I: the head put forward a cadre who does not meet the standards and conditions
    (`unmet`, as the list printed them), for `reason`; `by` and `at` (ISO) record who and when."""

    cadre: str
    full_name: str
    position: str
    reason: str
    unmet: list[str]
    by: str
    at: str


class Outcome(Shape):
    """The list to submit once the final step is done (`planning_processes.outcome`): the
    cadres chosen for each position, the removals, and the head's overrides of unmet
    conditions (no key while there are none)."""

    planned: list[PlannedSection]
    removed: list[RemovalEntry]
    overrides: list[HeadOverride] = Field(default_factory=list, exclude_if=operator.not_)

    def chosen(self) -> set[tuple[str, str]]:
        """(position, cadre) of every cadre on the list."""
        return {(p.position, c.cadre) for p in self.planned for c in p.cadres}


def outcome_of(process: Process) -> Outcome | None:
    """The process's outcome as stored, typed; None until the final step is done."""
    return Outcome.model_validate(process.outcome) if process.outcome is not None else None


def held_at_final_step(process: Process) -> dict[str, int]:
    """Cadre → the positions of the tier already held in the planning of the term, fixed when
    the final step's ballot was set (kept with it, and in its record's `planned`): what the
    3-positions cap counts."""
    return dict(approval_of(process.steps[-1]).held or {})


class Confirmation(Shape):
    """A counting-committee member's confirmation of paper counts: the member's name, and
    `by`, the phone ("member:…") or account ("user:…") it came from (absent in entries
    recorded before confirmations named it), `at` an ISO instant."""

    member: str
    by: str | Absent = absent()
    at: str


class PaperEntry(Shape):
    """The counts of a step held on paper as entered from its paper minutes (position → cadre
    → agree), who entered them and when, and the members' confirmations so far
    (`planning_steps.paper`)."""

    held_on: str
    convened: int
    present: int
    counts: dict[str, dict[str, int]]
    entered_by: str
    entered_at: str
    confirmations: list[Confirmation]


def paper_of(item: ProcessStep) -> PaperEntry | None:
    """The step's paper counts as stored, typed; None when none were entered."""
    return PaperEntry.model_validate(item.paper) if item.paper else None


class ReviewedEntry(Shape):
    """A planned cadre the annual review looks at, for one position."""

    cadre: str
    full_name: str
    position: str


class MissingCadre(Shape):
    """A planned cadre the registry lacks: kept (no ground for removal), flagged."""

    cadre: str
    position: str


class Review(Shape):
    """The annual review's state (`planning_processes.review`): the automatic removals, the
    planned cadres reviewed, those the registry lacks, those put to the removal ballot, and
    those it removed (empty lists for a next-term process)."""

    automatic: list[ReviewRemoval] = Field(default_factory=list)
    planned: list[ReviewedEntry] = Field(default_factory=list)
    missing: list[MissingCadre] = Field(default_factory=list)
    proposed: list[ReviewedEntry] = Field(default_factory=list)
    removed: list[ReviewRemoval] = Field(default_factory=list)


def review_of(process: Process) -> Review:
    """The process's annual review as stored, typed."""
    return Review.model_validate(process.review)
