"""The public state of a conference: what the projector shows and Socket.IO pushes. Quorum,
cards, the committee's fingerprints, ballots cast against present, the ballot-list hash once
frozen at closing — and never a count of votes (design.md guarantee 4). While voting only the
number of ballots changes: a running list hash pushed after each ballot would let anyone with
the published list date every ballot."""

from __future__ import annotations

from pydantic import Field
from sqlalchemy.orm import Session

from voting.conference import box as boxes
from voting.conference import cards, casting, ceremony, quorum, results
from voting.shape import Shape
from voting.store import Conference


class MemberState(Shape):
    """A committee member as the projector shows it."""

    member: int
    joined: bool
    confirmed: bool
    fingerprint: str | None


class CommitteeState(Shape):
    """The key ceremony as the projector shows it."""

    complete: bool
    joint_fingerprint: str | None
    members: list[MemberState]


class State(quorum.QuorumState):
    """The public quorum state (also pushed on Socket.IO /room)."""

    ballots_cast: int = Field(description="Never a count of votes")
    final_ballot_list_hash: str | None = Field(
        description="Frozen at closing; no list hash while voting (it would date ballots)"
    )
    fingerprint: str | None = Field(description="Conference fingerprint")
    cards: cards.Counters
    committee: CommitteeState
    result: results.Status
    aborted_reason: str | None
    practice: bool


def _committee(session: Session, conference: Conference) -> CommitteeState:
    committee = ceremony.status(session, conference)
    return CommitteeState(
        complete=committee.complete,
        joint_fingerprint=committee.joint_fingerprint,
        members=[
            MemberState(
                member=m.member, joined=m.joined, confirmed=m.confirmed, fingerprint=m.fingerprint
            )
            for m in committee.members
        ],
    )


def state(session: Session, conference: Conference) -> State:
    """The quorum state, and with it what else the room may see."""
    box = boxes.peek(session, conference.id)
    return State(
        **dict(quorum.state(session, conference)),
        ballots_cast=casting.count(session, conference.id),
        final_ballot_list_hash=box.final_list_hash if box else None,
        fingerprint=box.fingerprint if box else None,
        cards=cards.summary(session, conference),
        committee=_committee(session, conference),
        result=results.state_label(conference, results.stored(box)),
        aborted_reason=box.aborted_reason if box else None,
        practice=conference.practice_of is not None,
    )
