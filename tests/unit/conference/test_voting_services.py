"""Issue 5's services without the web layer: the ballot's crypto ids, fingerprints, the
opening's freeze, casting, closing, opening the box with t partials and the result."""

from __future__ import annotations

import hashlib

import pytest
from pydantic import ValidationError
from sqlalchemy.orm import Session

from tests.fixtures import make_conference
from voting.conference import (
    ballot,
    box,
    casting,
    ceremony,
    checkin,
    counting,
    phases,
    public,
    results,
    roster,
)
from voting.conference.ballot import CandidateInput, SectionInput
from voting.conference.errors import Conflict
from voting.conference.roster import NewAttendee
from voting.crypto.ballot import build_ballot
from voting.crypto.cards import Card
from voting.crypto.decryption import partial_decrypt
from voting.rules import HeadDecision
from voting.store import BallotBox, Conference, Phase, unit
from voting.tally.shapes import Tie

from .conftest import ready_box


def _conference(session: Session, convened: int = 3) -> Conference:
    conference: Conference = make_conference(session)
    for number in range(convened):
        roster.add(session, conference.id, NewAttendee(f"Người {number}"), "user:test")
    ballot.replace(
        session,
        conference.id,
        [
            SectionInput(
                "Phó Giám đốc Sở",
                (CandidateInput("A", "Trưởng phòng", "Sở"), CandidateInput("B", "Phó", "Sở")),
                quota=1,
            ),
            SectionInput("Chánh Văn phòng", (CandidateInput("C", "Phó", "Văn phòng"),)),
        ],
        "user:test",
    )
    return phases.change(session, conference.id, Phase.CHECKIN, "user:test")


def test_the_ballot_maps_to_stable_crypto_ids(session: Session) -> None:
    conference = _conference(session)
    definition = box.definition(session, conference.id)
    assert definition.to_dict() == {
        "sections": [
            {"id": "s1", "candidates": ["s1c1", "s1c2"], "quota": 1},
            {"id": "s2", "candidates": ["s2c1"], "quota": 1},
        ]
    }


def test_a_fingerprint_is_the_first_16_hex_of_sha256_in_groups() -> None:
    point = "ab" * 32
    digest = hashlib.sha256(bytes.fromhex(point)).hexdigest()
    assert box.fingerprint(point) == f"{digest[:4]} {digest[4:8]} {digest[8:12]} {digest[12:16]}"


def test_casting_closing_and_opening_the_box_with_two_of_three(session: Session) -> None:
    from voting.conference import opening
    from voting.crypto.ballot import aggregate
    from voting.crypto.cards import make_pool

    conference = _conference(session)
    for attendee in roster.attendees(session, conference.id):
        checkin.check_in(session, conference.id, attendee.id, "device:1")
    keys, dealt = ready_box(session, conference, 3)
    conference = phases.change(session, conference.id, Phase.VOTING, "user:test")
    unit.commit(session)  # a cast is a unit of work of its own, after the opening's
    ctx = opening.context(session, conference)
    state = public.state(session, conference)
    assert state.fingerprint == ctx.fingerprint and state.ballots_cast == 0
    stranger = Card.from_secret(conference.id, make_pool(conference.id, 1).secrets[0])
    with pytest.raises(Exception) as caught:
        casting.cast(session, conference.id, build_ballot(ctx, stranger, {}))
    assert getattr(caught.value, "code", "") == "card_unknown"
    choices = [{"s1": ["s1c1"], "s2": ["s2c1"]}, {"s1": ["s1c2"]}, {"s1": ["s1c1"]}]
    receipts = []
    for card, choice in zip(dealt, choices, strict=True):
        with unit.unit_of_work(session):  # each cast is a request's unit of work
            ballot = build_ballot(ctx, card, choice)
            receipts.append(casting.cast(session, conference.id, ballot).receipt)
    assert [b.hash for b in casting.published(session, conference.id)] == sorted(receipts)
    phases.change(session, conference.id, Phase.CLOSED, "user:test")
    closed = box.peek(session, conference.id)
    assert closed is not None and closed.final_count == 3
    sums = aggregate(ctx.definition, casting.ballots(session, conference.id))
    flat = [(c.a, c.b) for section in sums.values() for c in section.values()]
    assert not counting.post_partial(
        session,
        conference.id,
        1,
        partial_decrypt(keys[0], flat),  # type: ignore[arg-type]
    )
    with pytest.raises(Conflict):
        results.decide(session, conference.id, {}, "", "user:head")
    assert counting.post_partial(session, conference.id, 2, partial_decrypt(keys[1], flat))
    opened = box.peek(session, conference.id)
    assert opened is not None
    assert opened.counts == {"s1": {"s1c1": 2, "s1c2": 1}, "s2": {"s2c1": 1}}
    assert session.get(Conference, conference.id).phase == Phase.OPENED  # type: ignore[union-attr]
    sealed = results.view(session, conference, may_read_sealed=False)
    assert sealed.status == "sealed" and "result" not in sealed.to_json()
    shown = results.view(session, conference, may_read_sealed=True).result
    assert shown is not None and shown.sections[0].candidates[0].base == "present"
    assert shown.to_json() == opened.result  # read back typed, the stored JSON unchanged


def test_the_public_state_keeps_its_fields_in_the_order_pushed(session: Session) -> None:
    """Socket.IO sends the state's JSON as built, unsorted: are the quorum's fields still first
    and the room's after them, and a member's fingerprint null before the joint key?"""
    conference = _conference(session)
    ceremony.issue_tokens(session, conference.id, "user:test")
    state = public.state(session, conference).to_json()
    assert list(state) == [
        "conference",
        "phase",
        "revision",
        "convened",
        "present",
        "quorum_met",
        "more_needed",
        "ballots_cast",
        "final_ballot_list_hash",
        "fingerprint",
        "cards",
        "committee",
        "result",
        "aborted_reason",
        "practice",
    ]
    assert (state["phase"], state["convened"], state["quorum_met"]) == ("checkin", 3, False)
    assert state["committee"]["members"][0] == {
        "member": 1,
        "joined": False,
        "confirmed": False,
        "fingerprint": None,
    }


def test_a_stored_result_is_read_only_in_its_own_fields() -> None:
    """Is a result whose stored JSON holds a field the shape does not name refused, not read
    half-understood?"""
    stored = {
        "procedure": "next_term",
        "step": 4,
        "announced": False,
        "threshold_base": None,
        "convened": 0,
        "present": 0,
        "sections": [],
        "selection": None,
        "complete": True,
    }
    assert results.BoxResult.model_validate(stored).to_json() == stored
    with pytest.raises(ValidationError):
        results.BoxResult.model_validate({**stored, "winner": "s1c1"})


def test_a_stored_selection_is_read_back_in_the_records_parts() -> None:
    """Are a stored selection's tie and the head's decision read as the record's `Tie` and
    `HeadDecision` (one shape of each) and written back as the same JSON?"""
    selection = {
        "chosen": {"s1": ["s1c1"]},
        "ties": {"s1": {"places": 2, "among": ["s1c2", "s1c3", "s1c4"]}},
        "over_cap": {},
        "open_places": {"s1": 2},
        "contested": ["s1"],
        "complete": True,
        "decision": {
            "chosen": {"s1": ["s1c2"]},
            "decided_by": "user:head",
            "decided_at": "2022-04-20T03:00:00Z",
            "note": "",
        },
    }
    stored = {
        "procedure": "next_term",
        "step": 5,
        "announced": True,
        "threshold_base": "convened",
        "convened": 9,
        "present": 9,
        "sections": [],
        "selection": selection,
        "complete": True,
    }
    result = results.stored(BallotBox(result=stored))
    assert result is not None and result.selection is not None
    assert result.selection.ties == {"s1": Tie(places=2, among=("s1c2", "s1c3", "s1c4"))}
    assert result.selection.decision == HeadDecision(
        chosen={"s1": ["s1c2"]}, decided_by="user:head", decided_at="2022-04-20T03:00:00Z"
    )
    assert result.to_json() == stored
