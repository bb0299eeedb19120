"""After the final step: the list submitted for approval, its approval, and the published lists.

rules.md "After the vote": the competent level approves within 30 working days of a complete
dossier (weekends and the holiday calendar skipped); planning takes effect from the approval
date; no appointment to a planned post before 3 months after it. Approval writes the outcome
into the registry's planning (new entries, removals), which the next process starts from.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from voting.conference.errors import Conflict, InvalidInput
from voting.planning import log
from voting.planning.processes import RULES, lock
from voting.registry import holidays
from voting.registry import planning as registry_planning
from voting.rules.calendar import approval_deadline, earliest_appointment
from voting.store import PlanningEntry, Process, ProcessStatus


def submit(session: Session, process_id: str, submitted_on: date, actor: str) -> Process:
    """The dossier is complete and the list is submitted to the approving body."""
    process = lock(session, process_id)
    if process.outcome is None:
        raise Conflict(
            "Quy trình chưa xong bước cuối: chưa có danh sách để trình.",
            "The final step is not done: there is no list to submit.",
            code="no_outcome",
        )
    if process.status != ProcessStatus.RUNNING:
        raise Conflict(
            "Danh sách đã được trình.", "The list was already submitted.", code="submitted"
        )
    process.status = ProcessStatus.SUBMITTED
    process.submitted_on = submitted_on
    log.record(session, process, "outcome.submitted", actor, {"on": submitted_on.isoformat()})
    session.commit()
    return process


def approve(session: Session, process_id: str, approved_on: date, actor: str) -> Process:
    """The approving body's decision: the planning takes effect, the registry's planning gets
    the new entries and loses the removed ones, and the lists can be published."""
    process = lock(session, process_id)
    if process.status != ProcessStatus.SUBMITTED or process.submitted_on is None:
        raise Conflict(
            "Danh sách chưa được trình phê duyệt.",
            "The list has not been submitted.",
            code="not_submitted",
        )
    if approved_on < process.submitted_on:
        raise InvalidInput(
            "Ngày phê duyệt không thể trước ngày trình.",
            "The approval cannot precede the submission.",
            code="invalid_date",
        )
    assert process.outcome is not None
    current = registry_planning.current(session)
    for removal in process.outcome["removed"]:
        for entry in current:
            if (entry.cadre_ref, entry.position) == (removal["cadre"], removal["position"]):
                entry.removed_on = approved_on
                entry.removal_reason = _reason(removal)
                entry.process_id = process.id
    for position in process.outcome["planned"]:
        for cadre in position["cadres"]:
            session.add(
                PlanningEntry(
                    cadre_ref=cadre["cadre"],
                    full_name=cadre["full_name"],
                    position=position["position"],
                    terms=[process.term],
                    approved_on=approved_on,
                    removal_reason="",
                    process_id=process.id,
                )
            )
    process.status = ProcessStatus.APPROVED
    process.approved_on = approved_on
    log.record(session, process, "outcome.approved", actor, {"on": approved_on.isoformat()})
    session.commit()
    return process


def dates(session: Session, process: Process) -> dict[str, Any]:
    """The approval deadline (30 working days after submission) and the earliest appointment
    (3 months after approval), as far as they are known."""
    days = holidays.days(session)
    return {
        "submitted_on": process.submitted_on,
        "approval_deadline": approval_deadline(process.submitted_on, days)
        if process.submitted_on
        else None,
        "approved_on": process.approved_on,
        "earliest_appointment": earliest_appointment(process.approved_on)
        if process.approved_on
        else None,
        "approval_body": RULES.tiers[process.tier].approval_body,
    }


def _reason(removal: dict[str, Any]) -> str:
    if removal.get("automatic"):
        return "; ".join(reason["vi"] for reason in removal["reasons"])
    return f"Tập thể lãnh đạo đề nghị đưa ra khỏi quy hoạch ({removal['percent']}%)"
