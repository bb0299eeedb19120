"""Issue 16 item 11: the opening refuses more cards out than people who may hold one —
dealt (replacements included) less undone must not exceed present plus replacements."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session

from tests.fixtures import make_conference
from voting.conference import ballot, cards, checkin, phases, roster
from voting.conference.ballot import CandidateInput, SectionInput
from voting.conference.errors import Conflict
from voting.conference.roster import NewAttendee
from voting.crypto.cards import make_pool
from voting.store import Conference, Phase, unit

from .conftest import ready_box


def _checked_in(session: Session, convened: int = 3) -> Conference:
    conference: Conference = make_conference(session)
    for number in range(convened):
        roster.add(session, conference.id, NewAttendee(f"Người {number}"), "user:test")
    ballot.replace(
        session,
        conference.id,
        [SectionInput("Chánh Văn phòng", (CandidateInput("C", "Phó", "Văn phòng"),))],
        "user:test",
    )
    conference = phases.change(session, conference.id, Phase.CHECKIN, "user:test")
    for attendee in roster.attendees(session, conference.id):
        checkin.check_in(session, conference.id, attendee.id, "device:1")
    return conference


def test_more_cards_dealt_than_present_is_refused_with_the_numbers(session: Session) -> None:
    conference = _checked_in(session)
    ready_box(session, conference, 4)  # 3 present, 4 dealt
    unit.commit(session)
    with pytest.raises(Conflict) as refused, unit.unit_of_work(session):
        phases.change(session, conference.id, Phase.VOTING, "user:test")
    assert refused.value.code == "cards_exceed_present"
    assert "đã phát 4 thẻ" in refused.value.message and "có 3 người có mặt" in refused.value.message
    session.expire_all()
    unchanged = session.get(Conference, conference.id)
    assert unchanged is not None and unchanged.phase == Phase.CHECKIN
    assert unchanged.present_at_opening is None
    # The surplus card recorded as undone (with its reason): the opening goes ahead.
    cards.undo(session, conference.id, "thẻ phát nhầm", "user:test")
    assert phases.change(session, conference.id, Phase.VOTING, "user:test").phase == Phase.VOTING


def test_replacements_are_allowed_over_present(session: Session) -> None:
    conference = _checked_in(session)
    ready_box(session, conference, 3)
    # A lost card's replacement, from a second batch: 4 out for 3 present and 1 replacement.
    cards.upload_batch(session, conference.id, list(make_pool(conference.id, 1).public_keys), "x")
    cards.deal(session, conference.id, True, "device:1")
    assert phases.change(session, conference.id, Phase.VOTING, "user:test").phase == Phase.VOTING
