"""The agency's registry beyond its people: attendees from outside the agency, the planning in
force, terms, the holiday calendar and the dossier's documents (docs/registry.md)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import JSON, Date, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from voting.store.base import Base


class ExternalPerson(Base):
    """An attendee from outside the agency (the district and city economic heads)."""

    __tablename__ = "external_people"

    id: Mapped[int] = mapped_column(primary_key=True)
    ref: Mapped[str] = mapped_column(String(64), unique=True)
    full_name: Mapped[str] = mapped_column(String(200))
    sex: Mapped[str] = mapped_column(String(1), default="")
    post: Mapped[str] = mapped_column(String(200))
    unit: Mapped[str] = mapped_column(String(200))


class PlanningEntry(Base):
    """A cadre planned for a position, for the terms listed, from its approval date; closed
    (removed_on, removal_reason) when a review removes it. `process_id` names the process
    that added or removed it."""

    __tablename__ = "planning_entries"

    id: Mapped[int] = mapped_column(primary_key=True)
    cadre_ref: Mapped[str] = mapped_column(String(64), index=True)
    full_name: Mapped[str] = mapped_column(String(200))
    position: Mapped[str] = mapped_column(String(300))
    terms: Mapped[list[str]] = mapped_column(JSON)
    approved_on: Mapped[date | None] = mapped_column(Date)
    removed_on: Mapped[date | None] = mapped_column(Date)
    removal_reason: Mapped[str] = mapped_column(String(500), default="")
    process_id: Mapped[str | None] = mapped_column(String(32))


class Appointment(Base):
    """A procedure appointing a planned cadre to the planned position (quy trình bổ nhiệm):
    `running` from `started_on`, then `appointed` (the decision closes the planning entry, KH
    331 B.I.3) or `withdrawn`. While one runs, no supplement for that position (A.II)."""

    __tablename__ = "appointments"

    id: Mapped[int] = mapped_column(primary_key=True)
    cadre_ref: Mapped[str] = mapped_column(String(64), index=True)
    full_name: Mapped[str] = mapped_column(String(200))
    position: Mapped[str] = mapped_column(String(300))
    entry_id: Mapped[int | None] = mapped_column(
        ForeignKey("planning_entries.id", ondelete="SET NULL")
    )
    status: Mapped[str] = mapped_column(String(16), default="running")
    started_on: Mapped[date] = mapped_column(Date)
    started_by: Mapped[str] = mapped_column(String(100))
    ended_on: Mapped[date | None] = mapped_column(Date)
    ended_by: Mapped[str] = mapped_column(String(100), default="")
    decision: Mapped[str] = mapped_column(String(200), default="")


class Term(Base):
    """A term (nhiệm kỳ) and its months."""

    __tablename__ = "terms"

    id: Mapped[int] = mapped_column(primary_key=True)
    label: Mapped[str] = mapped_column(String(20), unique=True)
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date] = mapped_column(Date)


class Holiday(Base):
    """A public holiday: no working day (the approval deadline counts working days)."""

    __tablename__ = "holidays"

    day: Mapped[date] = mapped_column(Date, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))


class DossierDocument(Base):
    """One document of a cadre's dossier and its date (the review flags old ones)."""

    __tablename__ = "dossier_documents"
    __table_args__ = (UniqueConstraint("cadre_ref", "kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    cadre_ref: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(32))
    dated: Mapped[date] = mapped_column(Date)
    note: Mapped[str] = mapped_column(String(500), default="")
