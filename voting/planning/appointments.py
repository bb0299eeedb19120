"""The planning's ends (KH 331 B.I.3: "Quy hoạch hết hiệu lực khi cán bộ được bổ nhiệm vào chức
danh quy hoạch hoặc đưa ra khỏi quy hoạch hoặc kết thúc nhiệm kỳ"): an appointment of a planned
cadre to the planned position, and the end of the term the planning is for.

An appointment is a procedure of its own (quy trình bổ nhiệm): started, then decided — the
planning entry closes on the decision's day — or withdrawn. A.II bounds it: "chỉ được thực hiện
sau khi phê duyệt quy hoạch ít nhất 3 tháng" (started earlier: 422 `too_early`), and "không thực
hiện đồng thời quy trình bổ sung quy hoạch với quy trình bổ nhiệm" for the same position (409
`supplement_running` here, `appointment_running` on the supplement's side)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from voting.conference.errors import refused
from voting.planning.lists import source_of
from voting.registry import planning as registry_planning
from voting.registry import terms
from voting.registry.table import fold
from voting.rules.calendar import earliest_appointment
from voting.store import Appointment, PlanningEntry, Process, ProcessStatus

RUNNING, APPOINTED, WITHDRAWN = "running", "appointed", "withdrawn"
TERM_ENDED = "Kết thúc nhiệm kỳ {label} ngày {ends_on:%d/%m/%Y}: quy hoạch hết hiệu lực (mục B.I.3)"


def every(session: Session) -> list[Appointment]:
    """Every appointment, the running ones first, then newest first."""
    found = session.execute(select(Appointment).order_by(Appointment.id.desc())).scalars()
    return sorted(found, key=lambda a: a.status != RUNNING)


def running_positions(session: Session) -> set[str]:
    """The positions (folded titles) an appointment is running for."""
    running = select(Appointment.position).where(Appointment.status == RUNNING)
    return {fold(title) for title in session.execute(running).scalars()}


def refuse_if_running(session: Session, position: str) -> None:
    """A.II, the supplement's side: no candidates for a position while an appointment to it
    runs (409 `appointment_running`)."""
    if fold(position) in running_positions(session):
        raise refused("appointment_running.supplement", position=position)


def start(session: Session, cadre: str, position: str, started_on: date, actor: str) -> Appointment:
    """Start appointing `cadre`, planned for `position`, to it: not before 3 months after the
    planning's approval, nor while a supplement for the position runs."""
    entry = _entry(session, cadre, position)
    if entry.approved_on is not None and started_on < earliest_appointment(entry.approved_on):
        raise refused(
            "too_early",
            approved_on=entry.approved_on.strftime("%d/%m/%Y"),
            earliest=earliest_appointment(entry.approved_on).strftime("%d/%m/%Y"),
        )
    supplement = _supplement_for(session, entry.position)
    if supplement is not None:
        raise refused("supplement_running", title=supplement.title, position=entry.position)
    if fold(entry.position) in running_positions(session):
        raise refused("appointment_running", position=entry.position)
    appointment = Appointment(
        cadre_ref=entry.cadre_ref,
        full_name=entry.full_name,
        position=entry.position,
        entry_id=entry.id,
        status=RUNNING,
        started_on=started_on,
        started_by=actor,
        ended_by="",
        decision="",
    )
    session.add(appointment)
    session.flush()
    return appointment


def decide(
    session: Session, appointment_id: int, appointed_on: date, decision: str, actor: str
) -> Appointment:
    """The appointment decided: the cadre holds the position, and that planning ends (B.I.3)."""
    appointment = _running(session, appointment_id)
    if appointed_on < appointment.started_on:
        raise refused("invalid_date.appointed")
    if not decision.strip():
        raise refused("invalid_input.decision_number")
    entry = session.get(PlanningEntry, appointment.entry_id) if appointment.entry_id else None
    if entry is not None and entry.removed_on is None:
        entry.removed_on = appointed_on
        entry.removal_reason = (
            f"Được bổ nhiệm vào chức danh quy hoạch ({decision.strip()}): quy hoạch hết hiệu "
            "lực (mục B.I.3)"
        )
    appointment.status, appointment.ended_on = APPOINTED, appointed_on
    appointment.ended_by, appointment.decision = actor, decision.strip()
    session.flush()
    return appointment


def withdraw(session: Session, appointment_id: int, on: date, actor: str) -> Appointment:
    """The procedure stopped without an appointment: the planning stays."""
    appointment = _running(session, appointment_id)
    appointment.status, appointment.ended_on, appointment.ended_by = WITHDRAWN, on, actor
    session.flush()
    return appointment


def close_ended_terms(session: Session, on: date) -> list[PlanningEntry]:
    """B.I.3, "kết thúc nhiệm kỳ": every entry in force whose terms (as the registry's terms
    table dates them) have all ended before `on` is closed on the last one's end. An entry
    naming a term the table does not know stays: nobody can say it ended."""
    known = {fold(term.label): term for term in terms.every(session)}
    closed = []
    for entry in registry_planning.current(session):
        found = [known.get(fold(label)) for label in entry.terms]
        if not found or any(t is None or t.ends_on == date.min for t in found):
            continue
        last = max((t for t in found if t is not None), key=lambda t: t.ends_on)
        if last.ends_on < on:
            entry.removed_on = last.ends_on
            entry.removal_reason = TERM_ENDED.format(label=last.label, ends_on=last.ends_on)
            closed.append(entry)
    session.flush()
    return closed


def _entry(session: Session, cadre: str, position: str) -> PlanningEntry:
    for entry in registry_planning.current(session):
        if entry.cadre_ref == cadre.strip() and fold(entry.position) == fold(position):
            return entry
    raise refused("not_planned", cadre=cadre, position=position)


def _supplement_for(session: Session, position: str) -> Process | None:
    """A running annual review (bổ sung quy hoạch) with candidates for `position`."""
    running = select(Process).where(
        Process.procedure == "annual_review", Process.status != ProcessStatus.APPROVED
    )
    for process in session.execute(running).scalars():
        for section in source_of(process):
            if fold(section.position) == fold(position) and section.candidates:
                return process
    return None


def _running(session: Session, appointment_id: int) -> Appointment:
    appointment = session.get(Appointment, appointment_id)
    if appointment is None:
        raise refused("not_found.appointment")
    if appointment.status != RUNNING:
        raise refused("appointment_ended")
    return appointment
