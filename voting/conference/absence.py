"""Why a convened attendee is absent (vắng mặt có lý do / không có lý do), as the count minutes
list it beside the absent count. The desk or the organiser records a reason for an attendee who
is not checked in; checking the attendee in later clears it (they came after all)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from voting.conference import conferences, events
from voting.conference.errors import refused
from voting.conference.roster import attendees, find
from voting.store import Attendee
from voting.tally.minutes import Absence
from voting.translations import texts

# Reason code → (Vietnamese, English), as the minutes and the pages name them.
REASONS: dict[str, tuple[str, str]] = {
    "cong_tac": texts("absence.cong_tac"),
    "om": texts("absence.om"),
    "nghi_phep": texts("absence.nghi_phep"),
    "viec_rieng": texts("absence.viec_rieng"),
    "khac": texts("absence.khac"),
    "khong_ly_do": texts("absence.khong_ly_do"),
}
# The one reason that is no excuse: counted apart in the minutes ("không có lý do").
UNEXCUSED = "khong_ly_do"
# "Other" says nothing by itself: the words typed are the reason.
NEEDS_NOTE = "khac"
NOTE_LIMIT = 200


def record(
    session: Session, conference_id: str, attendee_id: int, reason: str, note: str, actor: str
) -> Attendee:
    """Record (or, with an empty `reason`, clear) why the attendee is absent. Refused, changing
    nothing, for an unknown reason, "other" without words, words over 200 characters, or an
    attendee who is checked in."""
    note = " ".join(note.split())
    if reason and reason not in REASONS:
        allowed = ", ".join(f"“{vi}”" for vi, _ in REASONS.values())
        raise refused(
            "absence_reason_unknown", allowed=allowed, reason=reason, reasons=", ".join(REASONS)
        )
    if reason == NEEDS_NOTE and not note:
        raise refused("absence_note_required")
    if len(note) > NOTE_LIMIT:
        raise refused("absence_note_too_long", note_limit=NOTE_LIMIT)
    conference = conferences.lock(session, conference_id)
    attendee = find(session, conference_id, attendee_id)
    if attendee.present:
        raise refused("attendee_present", full_name=attendee.full_name)
    attendee.absence_reason = reason or None
    attendee.absence_note = note if reason else ""
    events.record(
        session,
        conference,
        "absence.recorded",
        actor,
        {
            "attendee": attendee.id,
            "full_name": attendee.full_name,
            "reason": reason,  # "" when cleared (canonical JSON has no null)
            "note": attendee.absence_note,
        },
    )
    session.flush()
    return attendee


def describe(attendee: Attendee) -> tuple[str, str]:
    """The attendee's absence reason in Vietnamese and English ("" when none is recorded):
    the reason's name, or the words typed, after it for "other"."""
    if attendee.absence_reason is None:
        return "", ""
    vi, en = REASONS[attendee.absence_reason]
    if attendee.absence_note:
        if attendee.absence_reason == NEEDS_NOTE:
            return attendee.absence_note, attendee.absence_note
        return f"{vi}: {attendee.absence_note}", f"{en}: {attendee.absence_note}"
    return vi, en


def of_absent(session: Session, conference_id: str) -> tuple[Absence, ...]:
    """Every convened attendee not checked in, in roster order, with the recorded reason."""
    out = []
    for attendee in attendees(session, conference_id):
        if attendee.present:
            continue
        vi, en = describe(attendee)
        excused = None if attendee.absence_reason is None else attendee.absence_reason != UNEXCUSED
        out.append(Absence(attendee.full_name, vi, en, excused))
    return tuple(out)
