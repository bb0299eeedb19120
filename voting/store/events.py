"""The append-only event log of a conference, each entry chained to the previous by SHA-256.

The hash input is documented in docs/server.md ("The event log"); `voting.conference.events`
computes and verifies it.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import JSON, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from voting.store.base import Base


class Event(Base):
    """One recorded change. Rows are only ever inserted; (conference, seq) is unique, so two
    writers can never fork the chain."""

    __tablename__ = "events"
    __table_args__ = (UniqueConstraint("conference_id", "seq"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    conference_id: Mapped[str] = mapped_column(
        ForeignKey("conferences.id", ondelete="CASCADE"), index=True
    )
    seq: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(50))
    actor: Mapped[str] = mapped_column(String(100))
    # ISO 8601 UTC to the second ("2022-04-20T08:00:00Z"), kept as text: it is hashed as is.
    at: Mapped[str] = mapped_column(String(20))
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64), unique=True)
