"""The roster: the convened attendees of one conference and whether each is present."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING

from sqlalchemy import Boolean, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from voting.store.base import Base, UTCDateTime

if TYPE_CHECKING:
    from voting.store.conferences import Conference


class AttendeeSource(StrEnum):
    """Where a roster entry came from: the agency's registry by group, the list of attendees
    from outside the agency, or the organiser's hand."""

    REGISTRY = "registry"
    EXTERNAL = "external"
    MANUAL = "manual"


class Attendee(Base):
    """One convened attendee. Name, post and unit are copied, so a later registry import does
    not rewrite a roster that has been used."""

    __tablename__ = "attendees"
    __table_args__ = (UniqueConstraint("conference_id", "ref"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    conference_id: Mapped[str] = mapped_column(
        ForeignKey("conferences.id", ondelete="CASCADE"), index=True
    )
    # The id in the file it came from (registry or external list); none for a hand entry.
    ref: Mapped[str | None] = mapped_column(String(64))
    source: Mapped[str] = mapped_column(String(16))
    full_name: Mapped[str] = mapped_column(String(200))
    sex: Mapped[str] = mapped_column(String(1), default="")
    post: Mapped[str] = mapped_column(String(200), default="")
    unit: Mapped[str] = mapped_column(String(200), default="")
    present: Mapped[bool] = mapped_column(Boolean, default=False)
    checked_in_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Why an absent attendee is away, for the minutes (voting.conference.absence): a reason's
    # code and, for "other", the words typed. None while no reason is recorded.
    absence_reason: Mapped[str | None] = mapped_column(String(16))
    absence_note: Mapped[str] = mapped_column(String(200), default="")

    conference: Mapped[Conference] = relationship(back_populates="attendees")
