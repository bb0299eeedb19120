"""The organiser's page of the planning's ends (KH 331 B.I.3): start appointing a planned cadre
to the planned position, record the decision (the planning entry ends) or the withdrawal, and
close the planning of the terms that have ended. Each form calls the same service as the API."""

from __future__ import annotations

from datetime import date

from flask import Blueprint, flash, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from voting.conference.errors import ConferenceError
from voting.planning import appointments
from voting.registry import planning as registry_planning
from voting.rules.source import document_title
from voting.web.api import bodies
from voting.web.extensions import db
from voting.web.i18n import translate
from voting.web.pages import forms
from voting.web.pages.guard import page_requires, show_refusals_on
from voting.web.policy import Action
from voting.web.principals import current_principal
from voting.web.schema import form

bp = Blueprint("appointment_pages", __name__, url_prefix="/organiser/appointments")


@bp.get("/")
@page_requires(Action.PLANNING_MANAGE)
def index() -> str:
    """The planning in force, the appointments and the forms."""
    return _page()


@bp.post("/")
@page_requires(Action.PLANNING_MANAGE)
def start() -> Response:
    """Start appointing the planned cadre of the chosen entry ("cadre|position")."""
    body = form(forms.PlannedEntry, request.form)
    appointments.start(db(), body.cadre, body.position, body.started_on, _actor())
    flash(translate("appointments.started"))
    return redirect(url_for(".index"))


@bp.post("/<int:appointment_id>/decision")
@page_requires(Action.PLANNING_MANAGE)
def decide(appointment_id: int) -> Response:
    """The appointment decided: that planning ends."""
    body = form(bodies.AppointmentDecision, request.form)
    appointments.decide(db(), appointment_id, body.appointed_on, body.decision, _actor())
    flash(translate("appointments.decided"))
    return redirect(url_for(".index"))


@bp.post("/<int:appointment_id>/withdrawal")
@page_requires(Action.PLANNING_MANAGE)
def withdraw(appointment_id: int) -> Response:
    """The procedure stopped: the planning stays."""
    appointments.withdraw(db(), appointment_id, form(bodies.OnDay, request.form).on, _actor())
    flash(translate("appointments.withdrawn"))
    return redirect(url_for(".index"))


@bp.post("/term-ends")
@page_requires(Action.PLANNING_MANAGE)
def close_ended_terms() -> Response:
    """Close the planning of every term ended before the day given."""
    closed = appointments.close_ended_terms(db(), form(bodies.OnDay, request.form).on)
    flash(translate("appointments.terms_closed", n=len(closed)))
    return redirect(url_for(".index"))


def _page(error: ConferenceError | None = None) -> str:
    return render_template(
        "planning/appointments.html",
        entries=registry_planning.current(db()),
        appointments=appointments.every(db()),
        today=date.today().isoformat(),
        title=document_title,  # positions as documents write them (Chánh Văn phòng Sở, …)
        error=error,
    )


# A refused form is shown again on the page with the reason.
show_refusals_on(bp, _page)


def _actor() -> str:
    return current_principal().actor
