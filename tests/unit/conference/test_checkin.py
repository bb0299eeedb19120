"""Check-in, undo, the quorum state and the phase moves, straight on the services."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session

from tests.fixtures import make_conference
from voting.conference import ballot, checkin, events, phases, quorum, roster
from voting.conference.ballot import CandidateInput, SectionInput
from voting.conference.errors import Conflict
from voting.conference.roster import NewAttendee
from voting.store import Conference, Phase, unit

from .conftest import ready_box


def opened(session: Session, convened: int) -> Conference:
    """A conference in check-in with `convened` attendees added by hand."""
    conference: Conference = make_conference(session)
    for number in range(convened):
        roster.add(session, conference.id, NewAttendee(f"Người {number}"), "user:test")
    ballot.replace(
        session,
        conference.id,
        [SectionInput("Giám đốc Sở", (CandidateInput("A", "Phó Giám đốc", "Sở"),))],
        "user:test",
    )
    return phases.change(session, conference.id, Phase.CHECKIN, "user:test")


def test_an_empty_roster_has_no_quorum_and_waits_for_nobody(session: Session) -> None:
    """With nobody convened yet, is the state "not met, 0 more" rather than an error?"""
    state = quorum.state(session, make_conference(session))
    assert (state.convened, state.present, state.quorum_met, state.more_needed) == (0, 0, False, 0)


@pytest.mark.parametrize(
    ("convened", "present", "met", "more"),
    [(3, 1, False, 1), (3, 2, True, 0), (25, 16, False, 1), (25, 17, True, 0)],
)
def test_quorum_is_two_thirds_of_convened(
    session: Session, convened: int, present: int, met: bool, more: int
) -> None:
    """KH 331 B.IV: present * 3 ≥ convened * 2."""
    conference = opened(session, convened)
    for attendee in roster.attendees(session, conference.id)[:present]:
        checkin.check_in(session, conference.id, attendee.id, "device:1")
    state = quorum.state(session, conference)
    assert (state.present, state.quorum_met, state.more_needed) == (present, met, more)


def test_a_repeated_check_in_logs_once_and_keeps_the_revision(session: Session) -> None:
    """Is the second check-in of the same attendee a no-op (no event, no revision bump)?"""
    conference = opened(session, 3)
    attendee = roster.attendees(session, conference.id)[0]
    checkin.check_in(session, conference.id, attendee.id, "device:1")
    revision, logged = conference.revision, len(events.log(session, conference.id))
    checkin.check_in(session, conference.id, attendee.id, "device:1")
    session.refresh(conference)
    assert conference.revision == revision
    assert len(events.log(session, conference.id)) == logged


def test_voting_opens_only_with_quorum_and_freezes_the_bases(session: Session) -> None:
    """Is opening refused below 2/3, and are convened and present frozen when it opens, even if
    someone is un-checked afterwards (impossible: check-in is closed)?"""
    conference = opened(session, 3)
    first, second, _ = roster.attendees(session, conference.id)
    checkin.check_in(session, conference.id, first.id, "device:1")
    unit.commit(session)
    # Each attempt is a request's unit of work: a refusal rolls back what the guard froze.
    with pytest.raises(Conflict) as caught, unit.unit_of_work(session):
        phases.change(session, conference.id, Phase.VOTING, "user:test")
    assert caught.value.code == "quorum_not_met"
    checkin.check_in(session, conference.id, second.id, "device:1")
    unit.commit(session)
    with pytest.raises(Conflict) as caught, unit.unit_of_work(session):
        phases.change(session, conference.id, Phase.VOTING, "user:test")
    assert caught.value.code == "ceremony_incomplete"
    assert quorum.state(session, conference).present == 2
    assert session.get(Conference, conference.id).convened_at_opening is None  # type: ignore[union-attr]
    ready_box(session, conference, 2)
    voting = phases.change(session, conference.id, Phase.VOTING, "user:test")
    assert (voting.convened_at_opening, voting.present_at_opening) == (3, 2)
    with pytest.raises(Conflict):
        checkin.undo(session, conference.id, first.id, "ra về", "device:1")
    assert quorum.state(session, voting).present == 2


def test_the_box_is_not_opened_by_a_phase_move(session: Session) -> None:
    """Is closed → opened absent from the moves (the tally opens the box)?"""
    assert (Phase.CLOSED, Phase.OPENED) not in phases.MOVES
    assert all(Phase.OPENED not in move for move in phases.MOVES)


def test_the_committee_cannot_outnumber_the_roster(session: Session) -> None:
    """With 2 convened and a committee of 3, is check-in refused?"""
    conference = make_conference(session)
    for name in ("A", "B"):
        roster.add(session, conference.id, NewAttendee(name), "user:test")
    ballot.replace(
        session,
        conference.id,
        [SectionInput("Giám đốc Sở", (CandidateInput("A", "Phó Giám đốc", "Sở"),))],
        "user:test",
    )
    with pytest.raises(Conflict) as caught:
        phases.change(session, conference.id, Phase.CHECKIN, "user:test")
    assert caught.value.code == "committee_too_large"
