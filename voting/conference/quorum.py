"""The live quorum: convened, present, whether 2/3 are present and how many more are needed."""

from __future__ import annotations

from pydantic import Field
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from voting.conference.conferences import rule_set_of
from voting.rules import quorum_met, quorum_shortfall
from voting.shape import Shape
from voting.store import Attendee, Conference, Phase


class QuorumState(Shape):
    """What the projector and the desk show; public data only."""

    conference: str
    phase: Phase
    revision: int = Field(description="Grows with every change")
    convened: int
    present: int
    quorum_met: bool
    more_needed: int


def count(session: Session, conference_id: str) -> tuple[int, int]:
    """(convened, present) counted from the roster now."""
    convened, present = session.execute(
        select(
            func.count(Attendee.id),
            func.count(Attendee.id).filter(Attendee.present.is_(True)),
        ).where(Attendee.conference_id == conference_id)
    ).one()
    return int(convened), int(present)


def state(session: Session, conference: Conference) -> QuorumState:
    """The quorum state; once voting has opened, the frozen bases (rules.md "Who is present")."""
    if conference.convened_at_opening is not None and conference.present_at_opening is not None:
        convened, present = conference.convened_at_opening, conference.present_at_opening
    else:
        convened, present = count(session, conference.id)
    rule_set = rule_set_of(conference)
    # Nobody convened yet (a roster still being drawn up): no quorum, nobody to wait for.
    met = convened > 0 and quorum_met(present, convened, rule_set)
    more = quorum_shortfall(present, convened, rule_set) if convened else 0
    return QuorumState(
        conference=conference.id,
        phase=Phase(conference.phase),
        revision=conference.revision,
        convened=convened,
        present=present,
        quorum_met=met,
        more_needed=more,
    )
