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

from voting.conference.errors import Conflict, InvalidInput, NotFound
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
        raise Conflict(
            f"Đang thực hiện quy trình bổ nhiệm chức danh “{position}”: không thực hiện đồng "
            "thời quy trình bổ sung quy hoạch cho chức danh này (mục A.II).",
            f"An appointment to {position!r} is running: no supplement of its planning at the "
            "same time (A.II).",
            code="appointment_running",
        )


def start(session: Session, cadre: str, position: str, started_on: date, actor: str) -> Appointment:
    """Start appointing `cadre`, planned for `position`, to it: not before 3 months after the
    planning's approval, nor while a supplement for the position runs."""
    entry = _entry(session, cadre, position)
    if entry.approved_on is not None and started_on < earliest_appointment(entry.approved_on):
        raise InvalidInput(
            f"Quy hoạch được phê duyệt ngày {entry.approved_on:%d/%m/%Y}: chỉ được thực hiện "
            "quy trình bổ nhiệm sau khi phê duyệt quy hoạch ít nhất 3 tháng, tức từ ngày "
            f"{earliest_appointment(entry.approved_on):%d/%m/%Y} (mục A.II).",
            f"The planning was approved on {entry.approved_on:%d/%m/%Y}: an appointment may "
            f"start 3 months later, from {earliest_appointment(entry.approved_on):%d/%m/%Y} "
            "(A.II).",
            code="too_early",
        )
    supplement = _supplement_for(session, entry.position)
    if supplement is not None:
        raise Conflict(
            f"Quy trình “{supplement.title}” đang bổ sung quy hoạch chức danh "
            f"“{entry.position}”: không thực hiện đồng thời quy trình bổ nhiệm (mục A.II).",
            f"The process {supplement.title!r} is supplementing the planning of "
            f"{entry.position!r}: no appointment at the same time (A.II).",
            code="supplement_running",
        )
    if fold(entry.position) in running_positions(session):
        raise Conflict(
            f"Đang có quy trình bổ nhiệm chức danh “{entry.position}”.",
            f"An appointment to {entry.position!r} is already running.",
            code="appointment_running",
        )
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
        raise InvalidInput(
            "Ngày bổ nhiệm không thể trước ngày bắt đầu quy trình bổ nhiệm.",
            "The appointment cannot precede the start of its procedure.",
            code="invalid_date",
        )
    if not decision.strip():
        raise InvalidInput(
            "Hãy ghi số quyết định bổ nhiệm.",
            "The appointment decision's number is required.",
            code="invalid_input",
        )
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
    raise InvalidInput(
        f"{cadre} không có trong quy hoạch đang có hiệu lực cho chức danh “{position}”: chỉ bổ "
        "nhiệm vào chức danh quy hoạch cán bộ đã được quy hoạch.",
        f"{cadre} is not planned for {position!r} (no planning in force).",
        code="not_planned",
    )


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
        raise NotFound("Không có quy trình bổ nhiệm này.", "No such appointment.")
    if appointment.status != RUNNING:
        raise Conflict(
            "Quy trình bổ nhiệm này đã kết thúc.",
            "This appointment has already ended.",
            code="appointment_ended",
        )
    return appointment
