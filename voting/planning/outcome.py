"""After the final step: the list submitted for approval, its approval, and the published lists.

rules.md "After the vote": the competent level approves within 30 working days of a complete
dossier (weekends and the holiday calendar skipped); planning takes effect from the approval
date; no appointment to a planned post before 3 months after it. Approval writes the outcome
into the registry's planning (new entries, removals), which the next process starts from.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, timedelta

from sqlalchemy.orm import Session

from voting.conference.errors import refused
from voting.planning import conditions, log
from voting.planning.processes import RULES, lock
from voting.planning.state import RemovalEntry, outcome_of
from voting.registry import holidays
from voting.registry import planning as registry_planning
from voting.rules.calendar import (
    APPROVAL_WORKING_DAYS,
    approval_deadline,
    earliest_appointment,
    is_working_day,
)
from voting.shape import Shape
from voting.store import PlanningEntry, Process, ProcessStatus
from voting.translations import texts


def submit(session: Session, process_id: str, submitted_on: date, actor: str) -> Process:
    """The dossier is complete and the list is submitted to the approving body."""
    process = lock(session, process_id)
    if process.outcome is None:
        raise refused("no_outcome")
    if process.status != ProcessStatus.RUNNING:
        raise refused("submitted")
    conditions.require_met(session, process, submitted_on, approving=False)
    process.status = ProcessStatus.SUBMITTED
    process.submitted_on = submitted_on
    log.record(session, process, "outcome.submitted", actor, {"on": submitted_on.isoformat()})
    session.flush()
    return process


def approve(session: Session, process_id: str, approved_on: date, actor: str) -> Process:
    """The approving body's decision: the planning takes effect, the registry's planning gets
    the new entries and loses the removed ones, and the lists can be published."""
    process = lock(session, process_id)
    if process.status != ProcessStatus.SUBMITTED or process.submitted_on is None:
        raise refused("not_submitted")
    if approved_on < process.submitted_on:
        raise refused("invalid_date.approved")
    outcome = outcome_of(process)
    assert outcome is not None
    conditions.require_met(session, process, approved_on, approving=True)
    current = registry_planning.current(session)
    for removal in outcome.removed:
        for entry in current:
            if _closes(process, entry, removal):
                entry.removed_on = approved_on
                entry.removal_reason = _reason(removal)
                entry.process_id = process.id
    for position in outcome.planned:
        for cadre in position.cadres:
            session.add(
                PlanningEntry(
                    cadre_ref=cadre.cadre,
                    full_name=cadre.full_name,
                    position=position.position,
                    terms=[process.term],
                    approved_on=approved_on,
                    removal_reason="",
                    process_id=process.id,
                )
            )
    process.status = ProcessStatus.APPROVED
    process.approved_on = approved_on
    late = lateness(process.submitted_on, approved_on, holidays.days(session))
    log.record(
        session,
        process,
        "outcome.approved",
        actor,
        {"on": approved_on.isoformat(), "working_days_late": late.working_days_late}
        if late
        else {"on": approved_on.isoformat()},
    )
    session.flush()
    return process


def approving_body(tier: str, agency: str = "") -> str:
    """Who approves a tier's planning (B.I.5): the rule set names the sample agency's
    leadership collective ("Tập thể lãnh đạo Sở Công Thương"); an installation's own agency
    (`VOTING_AGENCY`) takes its place. The province's standing committee stays as written."""
    body = RULES.tiers[tier].approval_body
    prefix = "Tập thể lãnh đạo "
    return f"{prefix}{agency.strip()}" if agency.strip() and body.startswith(prefix) else body


class Lateness(Shape):
    """How late an approval came: the deadline, the working days after it up to the approval
    day, and the sentence every view prints."""

    deadline: date
    working_days_late: int
    vi: str
    en: str


class Dates(Shape):
    """A process's dates as far as they are known: submitted, the approval deadline, approved,
    the earliest appointment; the approving body, and how late the approval came (None if in
    time or not yet approved). The API answers them as they are."""

    submitted_on: date | None
    approval_deadline: date | None
    approved_on: date | None
    earliest_appointment: date | None
    approval_body: str
    approval_late: Lateness | None


def dates(session: Session, process: Process, agency: str = "") -> Dates:
    """The approval deadline (30 working days after submission) and the earliest appointment
    (3 months after approval), as far as they are known; the approving body."""
    days = holidays.days(session)
    return Dates(
        submitted_on=process.submitted_on,
        approval_deadline=approval_deadline(process.submitted_on, days)
        if process.submitted_on
        else None,
        approved_on=process.approved_on,
        earliest_appointment=earliest_appointment(process.approved_on)
        if process.approved_on
        else None,
        approval_body=approving_body(process.tier, agency),
        approval_late=lateness(process.submitted_on, process.approved_on, days)
        if process.submitted_on and process.approved_on
        else None,
    )


def lateness(submitted_on: date, approved_on: date, holidays: Collection[date]) -> Lateness | None:
    """None if the approval came by the deadline (30 working days after the dossier); else
    how late it came: the working days after the deadline up to the approval day (that day
    counted when it is a working day), with the sentence every view prints. A late approval
    is still an approval — the system records it as it happened and flags it."""
    deadline = approval_deadline(submitted_on, holidays)
    if approved_on <= deadline:
        return None
    late = sum(
        is_working_day(deadline + timedelta(days=n), holidays)
        for n in range(1, (approved_on - deadline).days + 1)
    )
    dates = {"approved": approved_on, "deadline": deadline}
    if late == 1:
        vi, en = texts("lateness.one_day", late=late, days=APPROVAL_WORKING_DAYS, **dates)
    elif late:
        vi, en = texts("lateness.days", late=late, days=APPROVAL_WORKING_DAYS, **dates)
    else:  # on a weekend or holiday just after the deadline
        vi, en = texts("lateness.day_off", **dates)
    return Lateness(deadline=deadline, working_days_late=late, vi=vi, en=en)


def _closes(process: Process, entry: PlanningEntry, removal: RemovalEntry) -> bool:
    """Whether approving `removal` closes the registry's `entry`: the same cadre, the same
    position, and an entry for the process's term. An entry lists one term under each of its
    labels (the party's 2020-2025 and the state's 2021-2026 are the same current term), so an
    entry that covers the process's term is closed whole; an entry for another term (the next
    term's planning, say 2025-2030) is its own planning and stays."""
    return (
        entry.cadre_ref == removal.cadre
        and " ".join(entry.position.split()).casefold()
        == " ".join(removal.position.split()).casefold()
        and process.term in entry.terms
    )


def _reason(removal: RemovalEntry) -> str:
    if removal.automatic:
        return "; ".join(reason.vi for reason in removal.reasons)
    return f"Tập thể lãnh đạo đề nghị đưa ra khỏi quy hoạch ({removal.percent}%)"
