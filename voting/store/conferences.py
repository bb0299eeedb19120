"""A conference: one meeting of one step of a rule set, with its own roster and ballot."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from sqlalchemy import JSON, Date, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from voting.store.base import Base, UTCDateTime, utcnow

if TYPE_CHECKING:
    from voting.store.attendees import Attendee
    from voting.store.ballots import BallotSection


class Phase(StrEnum):
    """design.md "The conference's life", in order."""

    SETUP = "setup"
    CHECKIN = "checkin"
    VOTING = "voting"
    CLOSED = "closed"
    OPENED = "opened"
    ABORTED = "aborted"  # issue 5: the vote was stopped with a reason; nothing is decrypted


class Conference(Base):
    """The conference and the rule set it runs under, embedded whole (name, hash and content)
    so that its record verifies offline even if the built-in rules change later."""

    __tablename__ = "conferences"

    # 128 random bits as hex: unguessable, unique across installations, usable as a crypto key.
    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    rule_set_name: Mapped[str] = mapped_column(String(100))
    rule_set_hash: Mapped[str] = mapped_column(String(64))
    rule_set_content: Mapped[dict[str, Any]] = mapped_column(JSON)
    procedure: Mapped[str] = mapped_column(String(50))
    step_number: Mapped[int] = mapped_column(Integer)
    tier: Mapped[str] = mapped_column(String(50))
    ballot_kind: Mapped[str] = mapped_column(String(16))
    title: Mapped[str] = mapped_column(String(300))
    held_on: Mapped[date] = mapped_column(Date)
    place: Mapped[str] = mapped_column(String(300))
    phase: Mapped[str] = mapped_column(String(16), default=Phase.SETUP)
    committee_size: Mapped[int] = mapped_column(Integer, default=3)
    committee_threshold: Mapped[int] = mapped_column(Integer, default=2)
    # Bumped by every change: the row lock that serialises writers, and a version for clients.
    revision: Mapped[int] = mapped_column(Integer, default=0)
    # Frozen when voting opens: the bases of the step's thresholds (rules.md "Who is present").
    convened_at_opening: Mapped[int | None] = mapped_column(Integer)
    present_at_opening: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Issue 5: a practice round is a conference of its own (own cards, ceremony and box),
    # copied from the real one; its result is always shown openly and marked as practice.
    practice_of: Mapped[str | None] = mapped_column(String(32))
    # Issue 7: the planning process this conference holds a step of (its ballot comes from the
    # process, never from the ballot editor), and how many positions of the tier each cadre
    # already holds in the planning, which the final step's 3-positions cap counts.
    process_id: Mapped[str | None] = mapped_column(String(32))
    held_positions: Mapped[dict[str, int]] = mapped_column(JSON, default=dict)

    attendees: Mapped[list[Attendee]] = relationship(
        back_populates="conference", order_by="Attendee.id", cascade="all, delete-orphan"
    )
    sections: Mapped[list[BallotSection]] = relationship(
        back_populates="conference",
        order_by="BallotSection.number",
        cascade="all, delete-orphan",
    )
