"""The result of an opened box: each candidate measured against the step's base with the rules
engine, the final step's selection, and the head's decision (docs/voting.md "Results")."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from voting.conference import box as boxes
from voting.conference import conferences, events
from voting.conference.errors import decision_refused, refused
from voting.rules import DecisionError, HeadDecision, Selection, evaluate
from voting.store import BallotSection, Conference, Phase, utc_text
from voting.tally.evaluation import select_candidates


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
) -> dict[str, Any]:
    """The result document stored with the box: ranked counts with their bases, who passed,
    and at a step that fills quotas the selection with its ties, over-cap cases and open places."""
    step = conferences.step_of(conference)
    present = conference.present_at_opening or 0
    convened = conference.convened_at_opening or 0
    sections = _sections(session, conference.id)
    out_sections: list[dict[str, Any]] = []
    for section in sections:
        sid = boxes.section_id(section.number)
        rows: list[dict[str, Any]] = []
        for candidate in section.candidates:
            cid = boxes.candidate_id(section.number, candidate.number)
            agree = counts[sid][cid]
            evaluation = evaluate(step, agree, present, convened)
            row: dict[str, Any] = {
                "id": cid,
                "cadre": candidate.person_ref or cid,
                "number": candidate.number,
                "full_name": candidate.full_name,
                "post": candidate.post,
                "unit": candidate.unit,
                "agree": agree,
                "base": evaluation.base,
                "base_count": evaluation.base_count,
                "share": f"{evaluation.share.numerator}/{evaluation.share.denominator}",
                "percent": f"{float(evaluation.share) * 100:.2f}",
                "passed": evaluation.passed,
            }
            rows.append(row)
        rows.sort(key=lambda r: (-r["agree"], r["number"]))
        out_sections.append(
            {
                "id": sid,
                "number": section.number,
                "position": section.position,
                "quota": section.quota,
                "candidates": rows,
            }
        )
    first: list[dict[str, Any]] = out_sections[0]["candidates"] if out_sections else []
    result: dict[str, Any] = {
        "procedure": conference.procedure,
        "step": conference.step_number,
        "announced": step.announced,
        "threshold_base": first[0]["base"] if first else None,
        "convened": convened,
        "present": present,
        "sections": out_sections,
        "selection": None,
        "complete": True,
    }
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
        result["selection"] = _selection(selection)
        result["complete"] = selection.complete
    return result


def _selection(selection: Selection) -> dict[str, Any]:
    return {
        "chosen": selection.chosen,
        "ties": {p: {"places": n, "among": c} for p, (n, c) in selection.ties.items()},
        "over_cap": selection.over_cap,
        "open_places": selection.open_places,
        "contested": selection.contested,
        "complete": selection.complete,
        "decision": None
        if selection.decision is None
        else {
            "chosen": {p: list(c) for p, c in selection.decision.chosen.items()},
            "decided_by": selection.decision.decided_by,
            "decided_at": selection.decision.decided_at,
            "note": selection.decision.note,
        },
    }


def state_label(conference: Conference, result: dict[str, Any] | None) -> str:
    """What the public may know about the result: none, sealed, announced, awaiting_head."""
    if result is None or conference.phase != Phase.OPENED:
        return "none"
    # A practice round's result is always shown openly (docs/voting.md "Practice round").
    if not result["announced"] and conference.practice_of is None:
        return "sealed"
    return "announced" if result["complete"] else "awaiting_head"


SEALED_NOTICE = (
    "Đã kiểm phiếu — kết quả không công bố tại hội nghị",
    "Counted — the result is not announced at the conference",
)


def view(session: Session, conference: Conference, may_read_sealed: bool) -> dict[str, Any]:
    """The result as this reader may see it: counts for the roles allowed to read sealed
    results, or, for anyone, only at a step whose result is announced."""
    box = boxes.peek(session, conference.id)
    result = box.result if box is not None else None
    label = state_label(conference, result)
    body: dict[str, Any] = {
        "conference": conference.id,
        "status": label,
        "practice": conference.practice_of is not None,
    }
    if label == "none":
        body["message"], body["message_en"] = (
            "Chưa có kết quả: hòm phiếu chưa được mở.",
            "No result: the ballot box has not been opened.",
        )
        return body
    if label == "sealed" and not may_read_sealed:
        body["message"], body["message_en"] = SEALED_NOTICE
        return body
    assert box is not None
    body["result"] = result
    body["record_written"] = box.record is not None
    return body


def decide(
    session: Session,
    conference_id: str,
    chosen: dict[str, list[str]],
    note: str,
    actor: str,
    decided_by: str = "",
) -> dict[str, Any]:
    """The head's decision on the contested places, checked by the rules engine and logged
    (by `actor`); the record and the minutes name the person `decided_by` (else the actor)."""
    conference = conferences.lock(session, conference_id)
    conferences.require_phase(conference, Phase.OPENED)
    box = boxes.of(session, conference)
    assert box.counts is not None and box.result is not None
    selection = box.result.get("selection")
    if selection is None or not selection["contested"]:
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
            set(selection["ties"].get(p, {}).get("among", []))
            | {c for c, ps in selection["over_cap"].items() if p in ps}
        )
        for p in selection["contested"]
    }
    box.decision = {"chosen": chosen, "note": note, "by": decided_by, "at": decision.decided_at}
    box.result = result
    events.record(
        session,
        conference,
        "head.decided",
        actor,
        {
            "positions": selection["contested"],
            "among": among,
            "chosen": chosen,
            **({"note": note} if note else {}),
        },
    )
    session.flush()
    return result
