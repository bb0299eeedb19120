"""Check-in at the desk: mark an attendee present (idempotent) or undo it, with a reason."""

from __future__ import annotations

from sqlalchemy.orm import Session

from voting.conference import conferences, events
from voting.conference.errors import refused
from voting.conference.roster import find
from voting.store import Attendee, Phase, utcnow


def check_in(session: Session, conference_id: str, attendee_id: int, actor: str) -> Attendee:
    """Mark the attendee present. A second tap (or a retried request) changes and logs nothing."""
    conference = conferences.lock(session, conference_id)
    conferences.require_phase(conference, Phase.CHECKIN)
    attendee = find(session, conference_id, attendee_id)
    if attendee.present:
        conferences.unchanged(session, conference)
        return attendee
    attendee.present, attendee.checked_in_at = True, utcnow()
    # They came after all: an absence reason recorded earlier no longer holds.
    attendee.absence_reason, attendee.absence_note = None, ""
    events.record(
        session,
        conference,
        "checkin",
        actor,
        {"attendee": attendee.id, "full_name": attendee.full_name},
    )
    session.flush()
    return attendee


def undo(
    session: Session, conference_id: str, attendee_id: int, reason: str, actor: str
) -> Attendee:
    """Mark a checked-in attendee absent again; the reason goes into the log."""
    reason = " ".join(reason.split())
    if not reason or len(reason) > 500:
        raise refused("reason_required.checkin")
    conference = conferences.lock(session, conference_id)
    conferences.require_phase(conference, Phase.CHECKIN)
    attendee = find(session, conference_id, attendee_id)
    if not attendee.present:
        raise refused("not_checked_in", full_name=attendee.full_name)
    attendee.present, attendee.checked_in_at = False, None
    events.record(
        session,
        conference,
        "checkin.undone",
        actor,
        {"attendee": attendee.id, "full_name": attendee.full_name, "reason": reason},
    )
    session.flush()
    return attendee
