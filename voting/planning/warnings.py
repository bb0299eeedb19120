"""What the process page and the API warn the organiser of, computed when shown (never
stored, never blocking): a roster missing the district heads the plan convenes, and a process
held outside the plan's timing.

KH 331 B.IV.1 a / B.IV.2 a, step 3 (step 2 of the review): the key cadres' conference of the
province's posts includes "Trưởng phòng kinh tế và hạ tầng các huyện, Trưởng phòng kinh tế
thành phố Nam Định" — people outside the agency, drawn from the registry's external attendees.
KH 331 B.I.4: the next term's planning is built "một lần vào năm thứ hai của nhiệm kỳ"; the
annual review is held "trong quý I" and its approval reported "trong quý II".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from voting.planning.lists import approval_of
from voting.planning.processes import RULES
from voting.planning.state import result_of
from voting.rules.retirement import month_index, month_start
from voting.store import Attendee, AttendeeSource, Conference, Process
from voting.translations import texts

TERM_MONTHS = 60  # a party congress term: the current term starts 60 months before the next


@dataclass(frozen=True)
class Notice:
    """One warning: its code and its text in Vietnamese and English."""

    code: str
    vi: str
    en: str


def _notice(key: str, **values: object) -> Notice:
    """The warning whose texts are the catalogue's `key` (`warning.<code>`), filled."""
    return Notice(key.removeprefix("warning."), *texts(key, **values))


def of(session: Session, process: Process) -> list[Notice]:
    """Every warning that applies to the process now, each with a code, Vietnamese and
    English."""
    return [*_rosters(session, process), *_timing(process)]


def _rosters(session: Session, process: Process) -> list[Notice]:
    out: list[Notice] = []
    for item in process.steps:
        step = RULES.step(process.procedure, item.number)
        extra = step.extra_composition.get(process.tier)
        if not extra or item.conference_id is None:
            continue
        conference = session.get(Conference, item.conference_id)
        if conference is None:
            continue
        externals = session.execute(
            select(Attendee.id).where(
                Attendee.conference_id == conference.id,
                Attendee.source == AttendeeSource.EXTERNAL,
            )
        ).first()
        if externals is None:
            out.append(
                _notice("warning.roster_without_externals", step=item.number, title=step.title)
            )
    return out


def _timing(process: Process) -> list[Notice]:
    """The plan's timing (B.I.4), judged on the conferences' default date (the first step's
    conference date when it has one) and the approval date once recorded."""
    held = _held_on(process)
    out: list[Notice] = []
    if process.procedure == "next_term" and process.term_start is not None:
        current = month_index(process.term_start) - TERM_MONTHS
        first, last = month_start(current + 12), month_start(current + 23)
        if not first <= month_start(month_index(held)) <= last:
            out.append(_notice("warning.not_second_year", first=first, last=last, held=held))
    if process.procedure == "annual_review":
        if held.month > 3:
            out.append(_notice("warning.not_first_quarter", held=held))
        approved = process.approved_on
        if approved is not None and not (approved.year == held.year and 4 <= approved.month <= 6):
            out.append(_notice("warning.not_second_quarter", year=held.year, approved=approved))
    return out


def _held_on(process: Process) -> date:
    """When the process is held: the date of its first dated step (a leadership step's record
    or a result), else the reference month."""
    for item in process.steps:
        recorded = approval_of(item).recorded
        if recorded is not None:
            return date.fromisoformat(recorded.held_on)
        result = result_of(item)
        if result is not None and result.held_on:
            return date.fromisoformat(result.held_on)
    return process.reference
