"""The ballot definition: one section per position, each with its candidates and quota."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from voting.store.base import Base

if TYPE_CHECKING:
    from voting.store.conferences import Conference


class BallotSection(Base):
    """A position (chức danh) on the ballot. `quota` is the most a voter may mark agree; a
    removal ballot has none, every planned cadre being agreed or not on its own."""

    __tablename__ = "ballot_sections"
    __table_args__ = (UniqueConstraint("conference_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    conference_id: Mapped[str] = mapped_column(
        ForeignKey("conferences.id", ondelete="CASCADE"), index=True
    )
    number: Mapped[int] = mapped_column(Integer)
    position: Mapped[str] = mapped_column(String(300))
    quota: Mapped[int | None] = mapped_column(Integer)

    conference: Mapped[Conference] = relationship(back_populates="sections")
    candidates: Mapped[list[BallotCandidate]] = relationship(
        back_populates="section", order_by="BallotCandidate.number", cascade="all, delete-orphan"
    )


class BallotCandidate(Base):
    """A candidate of a section (or, on a removal ballot, a planned cadre)."""

    __tablename__ = "ballot_candidates"
    __table_args__ = (UniqueConstraint("section_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    section_id: Mapped[int] = mapped_column(
        ForeignKey("ballot_sections.id", ondelete="CASCADE"), index=True
    )
    number: Mapped[int] = mapped_column(Integer)
    full_name: Mapped[str] = mapped_column(String(200))
    post: Mapped[str] = mapped_column(String(200))
    unit: Mapped[str] = mapped_column(String(200))
    # The registry id, when the candidate is a person of the agency.
    person_ref: Mapped[str | None] = mapped_column(String(64))

    section: Mapped[BallotSection] = relationship(back_populates="candidates")
