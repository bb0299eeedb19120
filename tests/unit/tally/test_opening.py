"""A committee member opens only the whole, verified ballot list announced at closing."""

from dataclasses import dataclass, replace
from itertools import combinations

import pytest

from voting.crypto.ballot import (
    Ballot,
    BallotDefinition,
    Section,
    ballot_hash,
    ballot_list_hash,
    build_ballot,
)
from voting.crypto.cards import Card, make_pool
from voting.crypto.decryption import Aggregate, DecryptionError, combine
from voting.crypto.dkg import Ceremony, KeyShare, Transcript, simulate_ceremony
from voting.tally.opening import Box, OpeningError, far_fewer, open_box, verify_box
from voting.tally.simulation import opened_context

DEFINITION = BallotDefinition((Section("p1", ("a", "b", "c"), 2), Section("p2", ("d", "e"), 1)))
CHOICES = [{"p1": ["a", "b"], "p2": ["d"]}, {"p1": ["a"]}, {"p1": ["c", "a"], "p2": ["e"]}]


@dataclass
class Room:
    box: Box
    ballots: list[Ballot]
    transcript: Transcript
    keys: list[KeyShare]


@pytest.fixture(scope="module")
def room() -> Room:
    conference = "opening-test"
    pool = make_pool(conference, 4)
    transcript, keys = simulate_ceremony(Ceremony(conference, threshold=2, members=3))
    context = opened_context(conference, DEFINITION, pool.public_keys, transcript.joint_key, 5, 4)
    ballots = [
        build_ballot(context, Card.from_secret(conference, secret), choice)
        for secret, choice in zip(pool.secrets, CHOICES, strict=False)
    ]
    listed = ballot_list_hash(ballot_hash(b) for b in ballots)
    box = Box(context, pool.public_keys, (), 4, len(ballots), listed)
    return Room(box, ballots, transcript, keys)


def aggregates(room: Room) -> list[Aggregate]:
    return verify_box(room.box, room.ballots).aggregates()


@pytest.mark.parametrize("members", list(combinations(range(3), 2)))
def test_any_two_members_open_the_box(room: Room, members: tuple[int, int]) -> None:
    partials = [open_box(room.box, room.ballots, room.keys[m]) for m in members]
    counts = combine(room.transcript, aggregates(room), partials, len(room.ballots))
    assert counts == [3, 1, 1, 1, 1]


def test_one_member_alone_cannot(room: Room) -> None:
    partial = open_box(room.box, room.ballots, room.keys[0])
    with pytest.raises(DecryptionError, match="2 members must open"):
        combine(room.transcript, aggregates(room), [partial], len(room.ballots))


def test_a_subset_is_never_opened(room: Room) -> None:
    with pytest.raises(OpeningError, match="2 ballots received, 3 announced"):
        open_box(room.box, room.ballots[:2], room.keys[0])
    subset = replace(room.box, ballot_count=1, present=2)
    with pytest.raises(OpeningError, match="hashes to"):
        open_box(subset, room.ballots[:1], room.keys[0])


def test_an_unverified_ballot_stops_the_opening(room: Room) -> None:
    forged = replace(room.ballots[0], signature=room.ballots[1].signature)
    with pytest.raises(OpeningError, match="ballot 0: the card's signature"):
        open_box(room.box, [forged, *room.ballots[1:]], room.keys[0])


def test_a_voided_card_or_a_repeated_card_stops_the_opening(room: Room) -> None:
    voided = replace(room.box, voided=(room.ballots[2].card.hex(),))
    with pytest.raises(OpeningError, match="voided"):
        open_box(voided, room.ballots, room.keys[0])
    repeated = [room.ballots[0], room.ballots[1], room.ballots[0]]
    with pytest.raises(OpeningError, match="already cast"):
        open_box(room.box, repeated, room.keys[0])


def test_a_list_far_smaller_than_the_room_is_never_opened(room: Room) -> None:
    """Issue 16, item 4: a server announcing, consistently, a one-ballot list while four are
    present (count and hash agreeing) gets no partial decryption; half the room is enough."""
    one = replace(
        room.box, ballot_count=1, list_hash=ballot_list_hash([ballot_hash(room.ballots[0])])
    )
    with pytest.raises(OpeningError, match="1 ballots is far fewer than the 4 attendees"):
        open_box(one, room.ballots[:1], room.keys[0])
    assert far_fewer(1, 4) and far_fewer(1, 3) and not far_fewer(2, 4) and not far_fewer(0, 0)
    half = replace(one, present=2)
    open_box(half, room.ballots[:1], room.keys[0])


def test_more_ballots_than_present_stops_the_opening(room: Room) -> None:
    fewer = replace(room.box, present=2)
    with pytest.raises(OpeningError, match="only 2 attendees present"):
        open_box(fewer, room.ballots, room.keys[0])


def test_a_key_of_another_conference_is_refused(room: Room) -> None:
    _, other = simulate_ceremony(Ceremony("other", threshold=2, members=3))
    with pytest.raises(OpeningError, match="another conference"):
        open_box(room.box, room.ballots, other[0])
