"""The planning's ends (KH 331 B.I.3): appointing a planned cadre to the planned position, and
closing the planning of the terms that have ended (voting.planning.appointments)."""

from __future__ import annotations

from flask import Blueprint

from voting.planning import appointments
from voting.web.api import replies
from voting.web.api.bodies import AppointmentDecision, NewAppointment, OnDay
from voting.web.extensions import db
from voting.web.policy import Action, requires
from voting.web.principals import current_principal
from voting.web.replies import answers
from voting.web.schema import takes

bp = Blueprint("appointments", __name__, url_prefix="/api")


@bp.get("/appointments")
@requires(Action.PLANNING_READ)
@answers(replies.Appointments)
def index() -> replies.Appointments:
    """Every appointment, the running ones first."""
    return replies.Appointments(
        appointments=[replies.Appointment.of(a) for a in appointments.every(db())]
    )


@bp.post("/appointments")
@requires(Action.PLANNING_MANAGE)
@takes(NewAppointment)
@answers(replies.Appointment)
def start(body: NewAppointment) -> tuple[replies.Appointment, int]:
    """Start appointing a planned cadre to the planned position."""
    started = appointments.start(
        db(), body.cadre, body.position, body.started_on, current_principal().actor
    )
    return replies.Appointment.of(started), 201


@bp.post("/appointments/<int:appointment_id>/decision")
@requires(Action.PLANNING_MANAGE)
@takes(AppointmentDecision)
@answers(replies.Appointment)
def decide(appointment_id: int, body: AppointmentDecision) -> replies.Appointment:
    """The appointment decided: that planning entry ends."""
    decided = appointments.decide(
        db(), appointment_id, body.appointed_on, body.decision, current_principal().actor
    )
    return replies.Appointment.of(decided)


@bp.post("/appointments/<int:appointment_id>/withdrawal")
@requires(Action.PLANNING_MANAGE)
@takes(OnDay)
@answers(replies.Appointment)
def withdraw(appointment_id: int, body: OnDay) -> replies.Appointment:
    """The procedure stopped without an appointment: the planning stays."""
    ended = appointments.withdraw(db(), appointment_id, body.on, current_principal().actor)
    return replies.Appointment.of(ended)


@bp.post("/planning/term-ends")
@requires(Action.PLANNING_MANAGE)
@takes(OnDay)
@answers(replies.ClosedPlannings)
def close_ended_terms(body: OnDay) -> replies.ClosedPlannings:
    """Close the planning of every term that ended before the day given."""
    closed = appointments.close_ended_terms(db(), body.on)
    return replies.ClosedPlannings(
        closed=[
            replies.ClosedPlanning(cadre=e.cadre_ref, position=e.position, removed_on=e.removed_on)
            for e in closed
            if e.removed_on is not None
        ]
    )
