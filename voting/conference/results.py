"""The result of an opened box: each candidate measured against the step's base with the rules
engine, the final step's selection, and the head's decision (docs/voting.md "Results"). The box
stores it as JSON; it is read back typed (`stored`), as `BoxResult`."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from fractions import Fraction
from typing import Literal

from pydantic import Field
from sqlalchemy import select
from sqlalchemy.orm import Session

from voting import rules
from voting.conference import box as boxes
from voting.conference import conferences, events
from voting.conference.errors import decision_refused, refused
from voting.rules import DecisionError, HeadDecision
from voting.shape import Absent, Shape, absent
from voting.store import BallotBox, BallotSection, Conference, Phase, utc_text
from voting.tally.evaluation import evaluation, select_candidates
from voting.tally.shapes import Tie
from voting.translations import texts


class CandidateResult(Shape):
    """A candidate's count measured against the step's base, with whether it passed: the
    record's evaluation of the candidate (`voting.tally.shapes.Evaluated`, computed by the same
    function) beside the ballot's data and the share in percent, flat as the result is stored."""

    id: str
    cadre: str = Field(description="The registry's person, else the candidate id")
    number: int
    full_name: str
    post: str
    unit: str
    agree: int
    base: str = Field(description='What the threshold counts: "present" or "convened"')
    base_count: int
    share: str = Field(description="agree/base_count as a fraction")
    percent: str = Field(description='The share in percent to two places ("62.50")')
    passed: bool


class SectionResult(Shape):
    """A position's candidates, ranked by their counts."""

    id: str
    number: int
    position: str
    quota: int | None
    candidates: list[CandidateResult]


class Selection(Shape):
    """At a step that fills quotas: who was chosen, what was left to the head (ties at the
    last places, candidates over the cap), the places left open; as the record's `selection`
    holds it too (docs/record.md "Selection")."""

    chosen: dict[str, list[str]]
    ties: dict[str, Tie]
    over_cap: dict[str, list[str]] = Field(description="Candidate id → section ids")
    open_places: dict[str, int]
    contested: list[str]
    complete: bool


class SelectionResult(Selection):
    """The selection with the head's decision (section id → candidate ids chosen), as the
    result carries it; the record keeps the same decision beside its selection."""

    decision: HeadDecision | None


class BoxResult(Shape):
    """The result of an opened box, as stored with it (`BallotBox.result`)."""

    procedure: str
    step: int
    announced: bool
    threshold_base: str | None
    convened: int
    present: int
    sections: list[SectionResult]
    selection: SelectionResult | None
    complete: bool


Status = Literal["none", "sealed", "announced", "awaiting_head"]


class Result(Shape):
    """The result as the caller may see it."""

    conference: str
    status: Status
    practice: bool | Absent = absent()
    message: str | Absent = absent()
    message_en: str | Absent = absent()
    result: BoxResult | Absent = absent("Counts: only to sealed readers, or announced")
    record_written: bool | Absent = absent()


def stored(box: BallotBox | None) -> BoxResult | None:
    """The box's result as stored (JSON in the database), typed; None before the opening. Read
    as the JSON text it is: strict JSON validation takes an object for the record's `Tie` (a
    plain dataclass) and an array for its tuple, which strict Python validation refuses."""
    if box is None or box.result is None:
        return None
    return BoxResult.model_validate_json(json.dumps(box.result))


def _sections(session: Session, conference_id: str) -> list[BallotSection]:
    return list(
        session.execute(
            select(BallotSection)
            .where(BallotSection.conference_id == conference_id)
            .order_by(BallotSection.number)
        ).scalars()
    )


def _quotas(sections: list[BallotSection]) -> dict[str, int]:
    return {boxes.section_id(s.number): s.quota or 0 for s in sections}


def compute(
    session: Session,
    conference: Conference,
    counts: dict[str, dict[str, int]],
    decision: HeadDecision | None = None,
) -> BoxResult:
    """The result stored with the box: ranked counts with their bases, who passed, and at a
    step that fills quotas the selection with its ties, over-cap cases and open places."""
    step = conferences.step_of(conference)
    present = conference.present_at_opening or 0
    convened = conference.convened_at_opening or 0
    sections = _sections(session, conference.id)
    evaluated = evaluation(step, counts, present, convened)
    out_sections: list[SectionResult] = []
    for section in sections:
        sid = boxes.section_id(section.number)
        rows: list[CandidateResult] = []
        for candidate in section.candidates:
            cid = boxes.candidate_id(section.number, candidate.number)
            e = evaluated[sid][cid]
            rows.append(
                CandidateResult(
                    id=cid,
                    cadre=candidate.person_ref or cid,
                    number=candidate.number,
                    full_name=candidate.full_name,
                    post=candidate.post,
                    unit=candidate.unit,
                    agree=e.agree,
                    base=e.base,
                    base_count=e.base_count,
                    share=e.share,
                    percent=f"{float(Fraction(e.share)) * 100:.2f}",
                    passed=e.passed,
                )
            )
        rows.sort(key=lambda r: (-r.agree, r.number))
        out_sections.append(
            SectionResult(
                id=sid,
                number=section.number,
                position=section.position,
                quota=section.quota,
                candidates=rows,
            )
        )
    first = out_sections[0].candidates if out_sections else []
    selection = None
    if step.fills_quota:
        cadres = {
            boxes.section_id(s.number): {
                boxes.candidate_id(s.number, c.number): c.person_ref
                or boxes.candidate_id(s.number, c.number)
                for c in s.candidates
            }
            for s in sections
        }
        selection = select_candidates(
            step,
            counts,
            _quotas(sections),
            present,
            convened,
            cadres,
            conference.held_positions,
            decision,
        )
    return BoxResult(
        procedure=conference.procedure,
        step=conference.step_number,
        announced=step.announced,
        threshold_base=first[0].base if first else None,
        convened=convened,
        present=present,
        sections=out_sections,
        selection=_selection(selection) if selection is not None else None,
        complete=selection.complete if selection is not None else True,
    )


def _selection(selection: rules.Selection) -> SelectionResult:
    return SelectionResult(
        chosen=selection.chosen,
        ties={p: Tie(places=n, among=tuple(c)) for p, (n, c) in selection.ties.items()},
        over_cap=selection.over_cap,
        open_places=selection.open_places,
        contested=selection.contested,
        complete=selection.complete,
        decision=selection.decision,
    )


def state_label(conference: Conference, result: BoxResult | None) -> Status:
    """What the public may know about the result: none, sealed, announced, awaiting_head."""
    if result is None or conference.phase != Phase.OPENED:
        return "none"
    # A practice round's result is always shown openly (docs/voting.md "Practice round").
    if not result.announced and conference.practice_of is None:
        return "sealed"
    return "announced" if result.complete else "awaiting_head"


# What a reader who may not see the counts reads instead (Vietnamese, English).
SEALED_NOTICE = texts("result.notice.sealed")
NOT_OPENED = texts("result.notice.none")


def view(session: Session, conference: Conference, may_read_sealed: bool) -> Result:
    """The result as this reader may see it: counts for the roles allowed to read sealed
    results, or, for anyone, only at a step whose result is announced."""
    box = boxes.peek(session, conference.id)
    result = stored(box)
    label = state_label(conference, result)
    practice = conference.practice_of is not None
    if label == "none" or (label == "sealed" and not may_read_sealed):
        message, message_en = NOT_OPENED if label == "none" else SEALED_NOTICE
        return Result(
            conference=conference.id,
            status=label,
            practice=practice,
            message=message,
            message_en=message_en,
        )
    assert box is not None
    return Result(
        conference=conference.id,
        status=label,
        practice=practice,
        result=result,
        record_written=box.record is not None,
    )


def decide(
    session: Session,
    conference_id: str,
    chosen: dict[str, list[str]],
    note: str,
    actor: str,
    decided_by: str = "",
) -> BoxResult:
    """The head's decision on the contested places, checked by the rules engine and logged
    (by `actor`); the record and the minutes name the person `decided_by` (else the actor)."""
    conference = conferences.lock(session, conference_id)
    conferences.require_phase(conference, Phase.OPENED)
    box = boxes.of(session, conference)
    before = stored(box)
    assert box.counts is not None and before is not None
    selection = before.selection
    if selection is None or not selection.contested:
        raise refused("nothing_to_decide")
    if box.decision is not None:
        raise refused("already_decided")
    decided_by = decided_by or actor
    decision = HeadDecision(
        chosen=chosen, decided_by=decided_by, decided_at=utc_text(datetime.now(UTC)), note=note
    )
    try:
        result = compute(session, conference, box.counts, decision)
    except DecisionError as error:
        raise decision_refused(error) from error
    among = {
        p: sorted(
            set(selection.ties[p].among if p in selection.ties else [])
            | {c for c, ps in selection.over_cap.items() if p in ps}
        )
        for p in selection.contested
    }
    box.decision = {"chosen": chosen, "note": note, "by": decided_by, "at": decision.decided_at}
    box.result = result.to_json()
    events.record(
        session,
        conference,
        "head.decided",
        actor,
        {
            "positions": selection.contested,
            "among": among,
            "chosen": chosen,
            **({"note": note} if note else {}),
        },
    )
    session.flush()
    return result
