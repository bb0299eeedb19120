"""The planning's ends (KH 331 B.I.3): appointing a planned cadre to the planned position, and
closing the planning of the terms that have ended (voting.planning.appointments)."""

from __future__ import annotations

from typing import Any

from flask import Blueprint

from voting.planning import appointments
from voting.store import Appointment
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
def index() -> dict[str, Any]:
    """Every appointment, the running ones first."""
    return {"appointments": [shape(a) for a in appointments.every(db())]}


@bp.post("/appointments")
@requires(Action.PLANNING_MANAGE)
@takes(NewAppointment)
@answers(replies.Appointment)
def start(body: NewAppointment) -> tuple[dict[str, Any], int]:
    """Start appointing a planned cadre to the planned position."""
    started = appointments.start(
        db(), body.cadre, body.position, body.started_on, current_principal().actor
    )
    return shape(started), 201


@bp.post("/appointments/<int:appointment_id>/decision")
@requires(Action.PLANNING_MANAGE)
@takes(AppointmentDecision)
@answers(replies.Appointment)
def decide(appointment_id: int, body: AppointmentDecision) -> dict[str, Any]:
    """The appointment decided: that planning entry ends."""
    decided = appointments.decide(
        db(), appointment_id, body.appointed_on, body.decision, current_principal().actor
    )
    return shape(decided)


@bp.post("/appointments/<int:appointment_id>/withdrawal")
@requires(Action.PLANNING_MANAGE)
@takes(OnDay)
@answers(replies.Appointment)
def withdraw(appointment_id: int, body: OnDay) -> dict[str, Any]:
    """The procedure stopped without an appointment: the planning stays."""
    ended = appointments.withdraw(db(), appointment_id, body.on, current_principal().actor)
    return shape(ended)


@bp.post("/planning/term-ends")
@requires(Action.PLANNING_MANAGE)
@takes(OnDay)
@answers(replies.ClosedPlannings)
def close_ended_terms(body: OnDay) -> dict[str, Any]:
    """Close the planning of every term that ended before the day given."""
    closed = appointments.close_ended_terms(db(), body.on)
    return {
        "closed": [
            {"cadre": e.cadre_ref, "position": e.position, "removed_on": e.removed_on.isoformat()}
            for e in closed
            if e.removed_on is not None
        ]
    }


def shape(appointment: Appointment) -> dict[str, Any]:
    return {
        "id": appointment.id,
        "cadre": appointment.cadre_ref,
        "full_name": appointment.full_name,
        "position": appointment.position,
        "status": appointment.status,
        "started_on": appointment.started_on.isoformat(),
        "started_by": appointment.started_by,
        "ended_on": appointment.ended_on.isoformat() if appointment.ended_on else None,
        "ended_by": appointment.ended_by,
        "decision": appointment.decision,
    }
