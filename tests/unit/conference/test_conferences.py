"""Creating a conference from a step, the embedded rule set, and the phase guard's message."""

from __future__ import annotations

import pytest
from sqlalchemy import update
from sqlalchemy.orm import Session

from tests.fixtures import make_conference
from voting.conference import conferences
from voting.conference.conferences import Committee
from voting.conference.errors import Conflict, InvalidInput, NotFound
from voting.rules import KH331, RuleSetError
from voting.store import Conference, Phase


def test_a_conference_embeds_the_rule_set_it_runs_under(session: Session) -> None:
    """Is the rule set stored whole, so that its step can be read back from the conference?"""
    conference = make_conference(session, procedure="annual_review", step_number=1)
    assert conference.rule_set_hash == KH331.hash
    assert conferences.rule_set_of(conference).hash == KH331.hash
    assert conferences.step_of(conference).ballot == "removal"
    assert conference.ballot_kind == "removal"
    assert conference.phase == Phase.SETUP


def test_a_tampered_rule_set_is_refused(session: Session) -> None:
    """If the stored rule set no longer matches its hash, is it refused rather than used?"""
    conference = make_conference(session)
    content = dict(conference.rule_set_content) | {"quorum": "1/2"}
    session.execute(
        update(Conference).where(Conference.id == conference.id).values(rule_set_content=content)
    )
    session.commit()
    session.refresh(conference)
    with pytest.raises(RuleSetError, match="hashes to"):
        conferences.rule_set_of(conference)


@pytest.mark.parametrize(
    ("size", "threshold", "ok"),
    [
        (3, 2, True),
        (5, 5, True),
        (5, 3, True),
        (2, 2, False),
        (6, 2, False),
        (3, 1, False),
        (3, 4, False),
    ],
)
def test_committee_bounds(session: Session, size: int, threshold: int, ok: bool) -> None:
    """Is the committee 3 to 5 members with a threshold from 2 to its size?"""
    if ok:
        assert make_conference(session, committee=Committee(size, threshold)).committee_size == size
    else:
        with pytest.raises(InvalidInput):
            make_conference(session, committee=Committee(size, threshold))


def test_a_step_without_a_secret_ballot_is_refused(session: Session) -> None:
    """Steps 1 and 2 of next-term planning hold no secret ballot: no conference for them."""
    for number in (1, 2):
        with pytest.raises(InvalidInput) as caught:
            make_conference(session, step_number=number)
        assert caught.value.code == "no_ballot_step"


def test_lock_bumps_the_revision_and_refuses_unknown_ids(session: Session) -> None:
    """Does every lock bump the revision, and is an unknown id NotFound?"""
    conference = make_conference(session)
    before = conference.revision
    assert conferences.lock(session, conference.id).revision == before + 1
    session.rollback()
    with pytest.raises(NotFound):
        conferences.lock(session, "f" * 32)


def test_the_phase_guard_names_both_phases_in_vietnamese(session: Session) -> None:
    """Does the refusal say where the conference is and where the action belongs?"""
    conference = make_conference(session)
    with pytest.raises(Conflict) as caught:
        conferences.require_phase(conference, Phase.CHECKIN)
    assert caught.value.message == (
        "Hội nghị đang ở giai đoạn “Chuẩn bị hội nghị”; việc này chỉ làm được ở giai đoạn "
        "“Điểm danh”."
    )
    assert caught.value.code == "wrong_phase"
