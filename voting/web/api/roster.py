"""The roster: list and search it, draw it from the registry, import external attendees, add
and remove by hand."""

from __future__ import annotations

from flask import Blueprint, request

from voting.conference import roster
from voting.conference.roster import NewAttendee
from voting.store import Conference
from voting.web import parse
from voting.web.api import bodies, replies
from voting.web.extensions import db
from voting.web.policy import Action, requires
from voting.web.principals import current_principal
from voting.web.replies import answers
from voting.web.schema import takes

bp = Blueprint("roster", __name__, url_prefix="/api")


@bp.get("/conferences/<conference_id>/roster")
@requires(Action.ROSTER_READ)
@answers(replies.Attendees)
def index(conference: Conference) -> replies.Attendees:
    """The roster, or its matches for `q` (with or without diacritics)."""
    found = roster.attendees(db(), conference.id, request.args.get("q", ""))
    return replies.Attendees(attendees=[replies.Attendee.of(a) for a in found])


@bp.post("/conferences/<conference_id>/roster/draw")
@requires(Action.ROSTER_EDIT)
@answers(replies.Attendees)
def draw(conference: Conference) -> replies.Attendees:
    """Draw the registry's people of the step's composition groups onto the roster."""
    drawn = roster.draw(db(), conference.id, current_principal().actor)
    return replies.Attendees(attendees=[replies.Attendee.of(a) for a in drawn])


@bp.post("/conferences/<conference_id>/roster/externals")
@requires(Action.ROSTER_EDIT)
@answers(replies.Attendees)
def import_externals(conference: Conference) -> replies.Attendees:
    """Replace the external attendees with an uploaded list (all rows or none)."""
    with parse.upload() as path:
        imported = roster.import_externals(db(), conference.id, path, current_principal().actor)
    return replies.Attendees(attendees=[replies.Attendee.of(a) for a in imported])


@bp.post("/conferences/<conference_id>/roster")
@requires(Action.ROSTER_EDIT)
@takes(bodies.NewAttendee)
@answers(replies.Attendee)
def add(conference: Conference, body: bodies.NewAttendee) -> tuple[replies.Attendee, int]:
    """Add one attendee by hand."""
    new = NewAttendee(
        full_name=body.full_name, post=body.post, unit=body.unit, sex=body.sex, ref=body.ref
    )
    added = roster.add(db(), conference.id, new, current_principal().actor)
    return replies.Attendee.of(added), 201


@bp.delete("/conferences/<conference_id>/roster/<int:attendee_id>")
@requires(Action.ROSTER_EDIT)
def remove(conference: Conference, attendee_id: int) -> tuple[str, int]:
    """Take one attendee off the roster."""
    roster.remove(db(), conference.id, attendee_id, current_principal().actor)
    return "", 204
