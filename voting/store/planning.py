"""A planning process: the steps of one procedure of the rule set for one tier and term, and the
conferences that hold its secret ballots (docs/planning.md)."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, Date, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from voting.store.base import Base, UTCDateTime, utcnow


class ProcessStatus(StrEnum):
    """Running its steps, then the list submitted for approval, then approved and published."""

    RUNNING = "running"
    SUBMITTED = "submitted"
    APPROVED = "approved"


class StepStatus(StrEnum):
    WAITING = "waiting"
    CURRENT = "current"
    DONE = "done"


class Process(Base):
    """ "Build next-term planning" or "annual review" for a tier. `source` is the source list
    as the organiser edits it (frozen by the first leadership step), `proposal` what the
    eligibility engine proposed with its reasons, `review` the annual review's automatic
    removals and the cadres put to the removal ballot, `outcome` the list to submit."""

    __tablename__ = "planning_processes"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    procedure: Mapped[str] = mapped_column(String(50))
    tier: Mapped[str] = mapped_column(String(50))
    title: Mapped[str] = mapped_column(String(300))
    term: Mapped[str] = mapped_column(String(20))
    term_start: Mapped[date | None] = mapped_column(Date)
    reference: Mapped[date] = mapped_column(Date)
    rule_set_hash: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(16), default=ProcessStatus.RUNNING)
    proposal: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    source: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    review: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    outcome: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    submitted_on: Mapped[date | None] = mapped_column(Date)
    approved_on: Mapped[date | None] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_by: Mapped[str] = mapped_column(String(100))

    steps: Mapped[list[ProcessStep]] = relationship(
        back_populates="process", order_by="ProcessStep.number", cascade="all, delete-orphan"
    )
    log: Mapped[list[ProcessEvent]] = relationship(
        order_by="ProcessEvent.seq", cascade="all, delete-orphan"
    )


class ProcessStep(Base):
    """One step of the process. A step with a secret ballot holds it in `conference_id`, or on
    paper (`paper`: the counts from the paper minutes with the two committee members'
    confirmations); `result` is what the step passed on, whichever way it was held."""

    __tablename__ = "planning_steps"
    __table_args__ = (UniqueConstraint("process_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    process_id: Mapped[str] = mapped_column(
        ForeignKey("planning_processes.id", ondelete="CASCADE"), index=True
    )
    number: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(16), default=StepStatus.WAITING)
    conference_id: Mapped[str | None] = mapped_column(
        ForeignKey("conferences.id", ondelete="SET NULL")
    )
    approved: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    paper: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    result: Mapped[dict[str, Any] | None] = mapped_column(JSON)

    process: Mapped[Process] = relationship(back_populates="steps")


class ProcessEvent(Base):
    """Every change to a process, in order: who, when, what (the organiser's log)."""

    __tablename__ = "planning_events"
    __table_args__ = (UniqueConstraint("process_id", "seq"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    process_id: Mapped[str] = mapped_column(
        ForeignKey("planning_processes.id", ondelete="CASCADE"), index=True
    )
    seq: Mapped[int] = mapped_column(Integer)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    actor: Mapped[str] = mapped_column(String(100))
    kind: Mapped[str] = mapped_column(String(50))
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
