"""The process state the planning JSON columns hold, as typed shapes: what a step passed on
(`planning_steps.result`), the paper counts it was held with (`.paper`), the annual review
(`planning_processes.review`) and the list to submit (`.outcome`). Each is read from its column
at the database boundary (`result_of`, `paper_of`, `review_of`, `outcome_of`) and written back
only by `to_json`, so that the services and the dossier between them see names and types, not
string keys. The API still shows each column's JSON as stored.

Electronic and paper steps keep the same shape (the rules engine measures both alike); a step
that selects (it fills the quota) also keeps what was left to the head and the head's decision.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from voting.json_shapes import JsonObject
from voting.planning.lists import Section, approval_of
from voting.rules.eligibility import Reason
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


@dataclass(frozen=True)
class CountedCandidate:
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

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> CountedCandidate:
        return cls(
            cadre=data["cadre"],
            number=data["number"],
            full_name=data["full_name"],
            post=data["post"],
            unit=data["unit"],
            agree=data["agree"],
            base_count=data["base_count"],
            percent=data["percent"],
            passed=bool(data["passed"]),
        )

    def to_json(self) -> JsonObject:
        return {
            "cadre": self.cadre,
            "number": self.number,
            "full_name": self.full_name,
            "post": self.post,
            "unit": self.unit,
            "agree": self.agree,
            "base_count": self.base_count,
            "percent": self.percent,
            "passed": self.passed,
        }


CountedSection = Section[CountedCandidate]


@dataclass(frozen=True)
class Decision:
    """The head's decision at the final step as recorded: who (the log's principal), when (an
    ISO instant), the note, and the cadres chosen for each position."""

    decided_by: str
    decided_at: str
    note: str
    chosen: ByPosition

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Decision:
        return cls(
            decided_by=data["decided_by"],
            decided_at=data["decided_at"],
            note=data.get("note", ""),
            chosen={p: list(c) for p, c in data["chosen"].items()},
        )

    def to_json(self) -> JsonObject:
        return {
            "decided_by": self.decided_by,
            "decided_at": self.decided_at,
            "note": self.note,
            "chosen": {p: list(c) for p, c in self.chosen.items()},
        }


@dataclass(frozen=True)
class Selection:
    """What a selecting step (one that fills the quota) decided beyond the counts: who was
    left to the head (`contested`: a tie for the last places or over the 3-positions cap;
    `over_cap`: those over the cap alone), the head's decision once made, and (paper steps)
    the places left open."""

    contested: ByPosition
    over_cap: ByPosition
    decision: Decision | None
    open_places: dict[str, int] | None = None


@dataclass(frozen=True)
class StepResult:
    """A done step's result. `conference` is the conference that held it (or would have, for
    a paper step), `held_on` ISO, `base` what the threshold counts ("present" or "convened")
    and `base_count` that number; `chosen` the cadres the final step chose (None before it);
    `complete` False while the head has still to decide."""

    paper: bool
    conference: str | None
    held_on: str
    kind: BallotKind
    convened: int
    present: int
    base: str
    base_count: int
    threshold: str
    sections: list[CountedSection]
    chosen: ByPosition | None
    complete: bool
    # None for a step that does not select (a paper step before the final one).
    selection: Selection | None

    @property
    def decision(self) -> Decision | None:
        return self.selection.decision if self.selection else None

    @property
    def contested(self) -> ByPosition:
        return self.selection.contested if self.selection else {}

    @property
    def over_cap(self) -> ByPosition:
        return self.selection.over_cap if self.selection else {}

    def passing(self) -> int:
        """How many candidates passed the step's threshold, all positions together."""
        return sum(c.passed for s in self.sections for c in s.candidates)

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> StepResult:
        selection = None
        if "contested" in data:
            decision = data.get("decision")
            selection = Selection(
                contested={p: list(c) for p, c in (data["contested"] or {}).items()},
                over_cap={p: list(c) for p, c in (data.get("over_cap") or {}).items()},
                decision=Decision.from_json(decision) if decision else None,
                open_places=dict(data["open_places"]) if "open_places" in data else None,
            )
        chosen = data.get("chosen")
        return cls(
            paper=bool(data["paper"]),
            conference=data.get("conference"),
            held_on=data["held_on"],
            kind=data["kind"],
            convened=data["convened"],
            present=data["present"],
            base=data["base"],
            base_count=data["base_count"],
            threshold=data["threshold"],
            sections=[Section.from_json(s, CountedCandidate.from_json) for s in data["sections"]],
            chosen=None if chosen is None else {p: list(c) for p, c in chosen.items()},
            complete=bool(data.get("complete", True)),
            selection=selection,
        )

    def to_json(self) -> JsonObject:
        out: JsonObject = {
            "paper": self.paper,
            "conference": self.conference,
            "held_on": self.held_on,
            "kind": self.kind,
            "convened": self.convened,
            "present": self.present,
            "base": self.base,
            "base_count": self.base_count,
            "threshold": self.threshold,
            "sections": [s.to_json() for s in self.sections],
            "chosen": None if self.chosen is None else {p: list(c) for p, c in self.chosen.items()},
            "complete": self.complete,
        }
        if self.selection is not None:
            s = self.selection
            out["contested"] = {p: list(c) for p, c in s.contested.items()}
            out["over_cap"] = {p: list(c) for p, c in s.over_cap.items()}
            out["decision"] = s.decision.to_json() if s.decision else None
            if s.open_places is not None:
                out["open_places"] = dict(s.open_places)
        return out


def result_of(item: ProcessStep) -> StepResult | None:
    """The step's result as stored, typed; None while the step is not done."""
    return StepResult.from_json(item.result) if item.result is not None else None


@dataclass(frozen=True)
class RemovalEntry:
    """A planned cadre the annual review takes off the planning: automatically (`reasons`, the
    rules engine's) or by the removal ballot (`agree` and `percent`, its count)."""

    cadre: str
    full_name: str
    position: str
    automatic: bool
    reasons: list[Reason] = field(default_factory=list)
    agree: int | None = None
    percent: str | None = None

    @classmethod
    def automatic_from_json(cls, data: Mapping[str, Any]) -> RemovalEntry:
        return cls(
            cadre=data["cadre"],
            full_name=data["full_name"],
            position=data["position"],
            automatic=True,
            reasons=[_reason(r) for r in data["reasons"]],
        )

    @classmethod
    def voted_from_json(cls, data: Mapping[str, Any]) -> RemovalEntry:
        return cls(
            cadre=data["cadre"],
            full_name=data["full_name"],
            position=data["position"],
            automatic=False,
            agree=data.get("agree"),
            percent=data.get("percent"),
        )

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> RemovalEntry:
        """An entry as the outcome keeps it, its kind in `automatic`."""
        return (cls.automatic_from_json if data["automatic"] else cls.voted_from_json)(data)

    def to_json(self) -> JsonObject:
        out: JsonObject = {
            "cadre": self.cadre,
            "full_name": self.full_name,
            "position": self.position,
        }
        if self.automatic:
            out["reasons"] = [dict(r.to_dict()) for r in self.reasons]
        else:
            out["agree"] = self.agree
            out["percent"] = self.percent
        out["automatic"] = self.automatic
        return out


@dataclass(frozen=True)
class PlannedCadre:
    """A cadre the final step chose for a position, with the agree count it was chosen by."""

    cadre: str
    full_name: str
    post: str
    unit: str
    agree: int

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> PlannedCadre:
        return cls(
            cadre=data["cadre"],
            full_name=data["full_name"],
            post=data["post"],
            unit=data["unit"],
            agree=data["agree"],
        )

    def to_json(self) -> JsonObject:
        return {
            "cadre": self.cadre,
            "full_name": self.full_name,
            "post": self.post,
            "unit": self.unit,
            "agree": self.agree,
        }


@dataclass(frozen=True)
class PlannedSection:
    """One position of the list to submit and the cadres chosen for it."""

    position: str
    cadres: list[PlannedCadre]

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> PlannedSection:
        return cls(
            position=data["position"],
            cadres=[PlannedCadre.from_json(c) for c in data["cadres"]],
        )

    def to_json(self) -> JsonObject:
        return {"position": self.position, "cadres": [c.to_json() for c in self.cadres]}


@dataclass(frozen=True)
class Override:
    """KH 331 A.I: the head put forward a cadre who does not meet the standards and conditions
    (`unmet`, as the list printed them), for `reason`; `by` and `at` (ISO) record who and when."""

    cadre: str
    full_name: str
    position: str
    reason: str
    unmet: list[str]
    by: str
    at: str

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Override:
        return cls(
            cadre=data["cadre"],
            full_name=data["full_name"],
            position=data["position"],
            reason=data["reason"],
            unmet=list(data["unmet"]),
            by=data["by"],
            at=data["at"],
        )

    def to_json(self) -> JsonObject:
        return {
            "cadre": self.cadre,
            "full_name": self.full_name,
            "position": self.position,
            "reason": self.reason,
            "unmet": list(self.unmet),
            "by": self.by,
            "at": self.at,
        }


@dataclass(frozen=True)
class Outcome:
    """The list to submit once the final step is done: the cadres chosen for each position,
    the removals, and the head's overrides of unmet conditions."""

    planned: list[PlannedSection]
    removed: list[RemovalEntry]
    overrides: list[Override] = field(default_factory=list)

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Outcome:
        return cls(
            planned=[PlannedSection.from_json(p) for p in data["planned"]],
            removed=[RemovalEntry.from_json(r) for r in data["removed"]],
            overrides=[Override.from_json(o) for o in data.get("overrides", [])],
        )

    def to_json(self) -> JsonObject:
        out: JsonObject = {
            "planned": [p.to_json() for p in self.planned],
            "removed": [r.to_json() for r in self.removed],
        }
        if self.overrides:
            out["overrides"] = [o.to_json() for o in self.overrides]
        return out

    def chosen(self) -> set[tuple[str, str]]:
        """(position, cadre) of every cadre on the list."""
        return {(p.position, c.cadre) for p in self.planned for c in p.cadres}


def outcome_of(process: Process) -> Outcome | None:
    """The process's outcome as stored, typed; None until the final step is done."""
    return Outcome.from_json(process.outcome) if process.outcome is not None else None


def _reason(data: Mapping[str, Any]) -> Reason:
    return Reason(
        code=data["code"], en=data["en"], vi=data["vi"], removal=bool(data.get("removal"))
    )


def held_at_final_step(process: Process) -> dict[str, int]:
    """Cadre → the positions of the tier already held in the planning of the term, fixed when
    the final step's ballot was set (kept with it, and in its record's `planned`): what the
    3-positions cap counts."""
    return dict(approval_of(process.steps[-1]).held or {})


@dataclass(frozen=True)
class Confirmation:
    """A counting-committee member's confirmation of paper counts: the member's name, and
    `by`, the phone ("member:…") or account ("user:…") it came from (None in entries recorded
    before confirmations named it), `at` an ISO instant."""

    member: str
    at: str
    by: str | None = None

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Confirmation:
        return cls(member=data["member"], at=data["at"], by=data.get("by"))

    def to_json(self) -> JsonObject:
        out: JsonObject = {"member": self.member}
        if self.by is not None:
            out["by"] = self.by
        out["at"] = self.at
        return out


@dataclass(frozen=True)
class PaperEntry:
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

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> PaperEntry:
        return cls(
            held_on=data["held_on"],
            convened=data["convened"],
            present=data["present"],
            counts={p: dict(c) for p, c in data["counts"].items()},
            entered_by=data["entered_by"],
            entered_at=data["entered_at"],
            confirmations=[Confirmation.from_json(c) for c in data["confirmations"]],
        )

    def to_json(self) -> JsonObject:
        return {
            "held_on": self.held_on,
            "convened": self.convened,
            "present": self.present,
            "counts": {p: dict(c) for p, c in self.counts.items()},
            "entered_by": self.entered_by,
            "entered_at": self.entered_at,
            "confirmations": [c.to_json() for c in self.confirmations],
        }


def paper_of(item: ProcessStep) -> PaperEntry | None:
    """The step's paper counts as stored, typed; None when none were entered."""
    return PaperEntry.from_json(item.paper) if item.paper else None


@dataclass(frozen=True)
class ReviewedEntry:
    """A planned cadre the annual review looks at, for one position."""

    cadre: str
    full_name: str
    position: str

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> ReviewedEntry:
        return cls(cadre=data["cadre"], full_name=data["full_name"], position=data["position"])

    def to_json(self) -> JsonObject:
        return {"cadre": self.cadre, "full_name": self.full_name, "position": self.position}


@dataclass(frozen=True)
class Review:
    """The annual review's state (`planning_processes.review`): the automatic removals, the
    planned cadres reviewed, those the registry lacks (position → cadre, kept and flagged),
    those put to the removal ballot, and those it removed."""

    automatic: list[RemovalEntry]
    planned: list[ReviewedEntry]
    missing: list[tuple[str, str]]
    proposed: list[ReviewedEntry]
    removed: list[RemovalEntry]

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Review:
        return cls(
            automatic=[RemovalEntry.automatic_from_json(r) for r in data.get("automatic", [])],
            planned=[ReviewedEntry.from_json(p) for p in data.get("planned", [])],
            missing=[(m["cadre"], m["position"]) for m in data.get("missing", [])],
            proposed=[ReviewedEntry.from_json(p) for p in data.get("proposed", [])],
            removed=[RemovalEntry.voted_from_json(r) for r in data.get("removed", [])],
        )

    def to_json(self) -> JsonObject:
        # The review's own lists say which kind each removal is: no `automatic` key.
        def entry(removal: RemovalEntry) -> JsonObject:
            return {k: v for k, v in removal.to_json().items() if k != "automatic"}

        return {
            "automatic": [entry(r) for r in self.automatic],
            "planned": [p.to_json() for p in self.planned],
            "missing": [{"cadre": cadre, "position": position} for cadre, position in self.missing],
            "proposed": [p.to_json() for p in self.proposed],
            "removed": [entry(r) for r in self.removed],
        }


def review_of(process: Process) -> Review:
    """The process's annual review as stored, typed (empty lists for a next-term process)."""
    return Review.from_json(process.review)
