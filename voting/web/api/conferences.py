"""Conferences: create from a rule-set step, read, edit in set-up, move between phases, and the
public quorum state the projector shows."""

from __future__ import annotations

from flask import Blueprint, current_app

from voting.conference import conferences, phases, practice, public
from voting.conference.conferences import Committee, Details
from voting.store import Conference
from voting.web.api import replies
from voting.web.api.bodies import ConferenceEdit, NewConference, PhaseChange
from voting.web.config import rule_set
from voting.web.extensions import db
from voting.web.policy import Action, requires
from voting.web.principals import current_principal
from voting.web.replies import answers
from voting.web.room import push_state
from voting.web.schema import takes

bp = Blueprint("conferences", __name__, url_prefix="/api")


@bp.get("/conferences")
@requires(Action.CONFERENCE_LIST)
@answers(replies.Conferences)
def index() -> replies.Conferences:
    """Every conference, newest first."""
    return replies.Conferences(
        conferences=[replies.Conference.of(c) for c in conferences.every(db())]
    )


@bp.post("/conferences")
@requires(Action.CONFERENCE_CREATE)
@takes(NewConference)
@answers(replies.Conference)
def create(body: NewConference) -> tuple[replies.Conference, int]:
    """A new conference in set-up, for one step of the installation's rule set."""
    created = conferences.create(
        db(),
        procedure=body.procedure,
        step_number=body.step,
        tier=body.tier,
        details=Details(body.title, body.held_on, body.place),
        committee=Committee(body.committee_size, body.committee_threshold),
        actor=current_principal().actor,
        rule_set=rule_set(current_app),
    )
    return replies.Conference.of(created), 201


@bp.get("/conferences/<conference_id>")
@requires(Action.CONFERENCE_READ)
@answers(replies.Conference)
def show(conference: Conference) -> replies.Conference:
    """One conference."""
    return replies.Conference.of(conference)


@bp.patch("/conferences/<conference_id>")
@requires(Action.CONFERENCE_EDIT)
@takes(ConferenceEdit)
@answers(replies.Conference)
def edit(conference: Conference, body: ConferenceEdit) -> replies.Conference:
    """Change title, date, place or committee; fields left out keep their value."""
    updated = conferences.update_details(
        db(),
        conference.id,
        details=Details(
            conference.title if body.title is None else body.title,
            conference.held_on if body.held_on is None else body.held_on,
            conference.place if body.place is None else body.place,
        ),
        committee=Committee(
            conference.committee_size if body.committee_size is None else body.committee_size,
            conference.committee_threshold
            if body.committee_threshold is None
            else body.committee_threshold,
        ),
        actor=current_principal().actor,
    )
    return replies.Conference.of(updated)


@bp.post("/conferences/<conference_id>/phase")
@requires(Action.PHASE_CHANGE)
@takes(PhaseChange)
@answers(replies.Conference)
def change_phase(conference: Conference, body: PhaseChange) -> replies.Conference:
    """Move to another phase: checkin, voting, closed (or back to setup before anyone is in)."""
    moved = phases.change(db(), conference.id, body.to, current_principal().actor)
    push_state(moved)
    return replies.Conference.of(moved)


@bp.get("/conferences/<conference_id>/state")
@requires(Action.STATE_READ)
@answers(public.State)
def state(conference: Conference) -> public.State:
    """Public: phase, convened, present, quorum — what the projector shows."""
    return public.state(db(), conference)


@bp.post("/conferences/<conference_id>/practice")
@requires(Action.CONFERENCE_CREATE)
@answers(replies.Conference)
def make_practice(conference: Conference) -> tuple[replies.Conference, int]:
    """A practice round copied from this conference: own cards, ceremony and box; its result
    is shown openly and marked as practice."""
    made = practice.create(db(), conference.id, current_principal().actor)
    return replies.Conference.of(made), 201
