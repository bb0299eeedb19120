"""A step's conference result as the process reads it, typed: the counts by section and
candidate id, and what the rules engine left to the head and the head decided. Read once from
the conference's result view (`opened`); `steps` turns it into the step's result by cadre."""

from __future__ import annotations

from dataclasses import dataclass

from voting.conference.results import BoxResult, CandidateResult, Result, SelectionResult
from voting.planning.state import CountedCandidate, Decision


@dataclass(frozen=True)
class HeldSection:
    """One section of the conference's ballot: its id, position and quota, and each
    candidate's id with the count."""

    id: str
    position: str
    quota: int | None
    candidates: list[tuple[str, CountedCandidate]]


@dataclass(frozen=True)
class HeldSelection:
    """Who a selecting step chose (section id → candidate ids), the ties for the last places
    (section id → candidate ids), those over the 3-positions cap (candidate id → section
    ids), and the head's decision once made (its `chosen` by section and candidate ids too)."""

    chosen: dict[str, list[str]]
    ties: dict[str, list[str]]
    over_cap: dict[str, list[str]]
    decision: Decision | None


@dataclass(frozen=True)
class HeldResult:
    """The opened conference's counts: convened, present, what the threshold counts
    ("present" or "convened"), whether the result is complete, the sections, the selection."""

    convened: int
    present: int
    threshold_base: str
    complete: bool
    sections: list[HeldSection]
    selection: HeldSelection | None

    @classmethod
    def of(cls, result: BoxResult) -> HeldResult:
        assert result.threshold_base is not None  # an opened box's ballot has a section
        return cls(
            convened=result.convened,
            present=result.present,
            threshold_base=result.threshold_base,
            complete=result.complete,
            sections=[
                HeldSection(
                    id=s.id,
                    position=s.position,
                    quota=s.quota,
                    candidates=[(c.id, _counted(c)) for c in s.candidates],
                )
                for s in result.sections
            ],
            selection=_selection(result.selection) if result.selection is not None else None,
        )


def opened(view: Result) -> HeldResult | None:
    """The result of a conference's result view once its box is opened (sealed or announced),
    typed; None before."""
    if view.status not in ("sealed", "announced") or view.result is None:
        return None
    return HeldResult.of(view.result)


def _counted(candidate: CandidateResult) -> CountedCandidate:
    return CountedCandidate(
        cadre=candidate.cadre,
        number=candidate.number,
        full_name=candidate.full_name,
        post=candidate.post,
        unit=candidate.unit,
        agree=candidate.agree,
        base_count=candidate.base_count,
        percent=candidate.percent,
        passed=candidate.passed,
    )


def _selection(selection: SelectionResult) -> HeldSelection:
    made = selection.decision
    return HeldSelection(
        chosen={sid: list(cids) for sid, cids in selection.chosen.items()},
        ties={sid: list(tie.among) for sid, tie in selection.ties.items()},
        over_cap={cid: list(sids) for cid, sids in selection.over_cap.items()},
        decision=None
        if made is None
        else Decision(
            decided_by=made.decided_by,
            decided_at=made.decided_at,
            note=made.note,
            chosen={sid: list(cids) for sid, cids in made.chosen.items()},
        ),
    )
