"""The ballot editor's rules, straight on the service."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session

from tests.fixtures import make_conference
from voting.conference import ballot, events
from voting.conference.ballot import CandidateInput, SectionInput
from voting.conference.errors import InvalidInput


def people(*names: str) -> tuple[CandidateInput, ...]:
    return tuple(CandidateInput(name, "Phó trưởng phòng", "Thanh tra Sở") for name in names)


@pytest.mark.parametrize(("count", "quota"), [(1, 1), (2, 2), (3, 3), (6, 3)])
def test_default_quota_is_three_or_the_candidates(session: Session, count: int, quota: int) -> None:
    """KH 331 B.III.1: at most 3 per position; fewer candidates, a smaller default."""
    assert ballot.default_quota(make_conference(session), count) == quota


def test_every_fault_is_reported_together(session: Session) -> None:
    """Are all faults of a ballot listed in one refusal, and nothing stored or logged?"""
    conference = make_conference(session)
    sections = [
        SectionInput("Giám đốc Sở", people("A", "A"), quota=0),
        SectionInput("", people("B")),
        SectionInput("Phó Giám đốc Sở", ()),
    ]
    with pytest.raises(InvalidInput) as caught:
        ballot.replace(session, conference.id, sections, "user:test")
    where = [p.where for p in caught.value.problems]
    assert where == [
        {"section": 1, "candidate": 2},
        {"section": 1},
        {"section": 2},
        {"section": 3},
    ]
    assert ballot.describe(conference).sections == []
    assert len(events.log(session, conference.id)) == 1


def test_a_replaced_ballot_is_logged_whole(session: Session) -> None:
    """Does the log hold the ballot exactly as stored, quota included?"""
    conference = make_conference(session)
    ballot.replace(session, conference.id, [SectionInput("Giám đốc Sở", people("A", "B"))], "u")
    ballot.replace(session, conference.id, [SectionInput("Phó Giám đốc Sở", people("C"))], "u")
    last = events.log(session, conference.id)[-1]
    assert last.kind == "ballot.set"
    assert last.data == ballot.describe(conference).to_json()
    assert last.data["sections"][0]["quota"] == 1
    assert [s.position for s in conference.sections] == ["Phó Giám đốc Sở"]
