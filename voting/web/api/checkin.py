"""The check-in desk: mark an attendee present, undo with a reason; each pushes the new state."""

from __future__ import annotations

from flask import Blueprint

from voting.conference import absence, checkin
from voting.store import Conference
from voting.web.api import replies
from voting.web.api.bodies import Absence, Reason
from voting.web.extensions import db
from voting.web.policy import Action, requires
from voting.web.principals import current_principal
from voting.web.replies import answers
from voting.web.room import push_state
from voting.web.schema import takes

bp = Blueprint("checkin", __name__, url_prefix="/api")


@bp.post("/conferences/<conference_id>/attendees/<int:attendee_id>/check-in")
@requires(Action.CHECKIN_MARK)
@answers(replies.Attendee)
def mark(conference: Conference, attendee_id: int) -> replies.Attendee:
    """Mark present (a repeat changes nothing)."""
    attendee = checkin.check_in(db(), conference.id, attendee_id, current_principal().actor)
    push_state(conference)
    return replies.Attendee.of(attendee)


@bp.post("/conferences/<conference_id>/attendees/<int:attendee_id>/undo")
@requires(Action.CHECKIN_UNDO)
@takes(Reason)
@answers(replies.Attendee)
def undo(conference: Conference, attendee_id: int, body: Reason) -> replies.Attendee:
    """Mark absent again, with the reason recorded in the log."""
    attendee = checkin.undo(
        db(), conference.id, attendee_id, body.reason, current_principal().actor
    )
    push_state(conference)
    return replies.Attendee.of(attendee)


@bp.post("/conferences/<conference_id>/attendees/<int:attendee_id>/absence")
@requires(Action.ABSENCE_RECORD)
@takes(Absence)
@answers(replies.Attendee)
def record_absence(conference: Conference, attendee_id: int, body: Absence) -> replies.Attendee:
    """Why an absent attendee is away (`reason` a code, `note` the words for "khac"), for the
    minutes; an empty reason clears it."""
    attendee = absence.record(
        db(), conference.id, attendee_id, body.reason, body.note, current_principal().actor
    )
    return replies.Attendee.of(attendee)
