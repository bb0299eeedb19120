"""Device links: how a check-in desk or a kiosk tablet is recognised without an account."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from voting.store.base import Base, UTCDateTime, utcnow


class DeviceKind(StrEnum):
    """What a device link lets its holder be."""

    CHECKIN_DESK = "checkin_desk"
    KIOSK = "kiosk"


class DeviceLink(Base):
    """A revocable link bound to one conference. Only the SHA-256 of its token is stored, so a
    database dump cannot be replayed as a device."""

    __tablename__ = "device_links"

    id: Mapped[int] = mapped_column(primary_key=True)
    conference_id: Mapped[str] = mapped_column(
        ForeignKey("conferences.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(16))
    label: Mapped[str] = mapped_column(String(200))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    @property
    def revoked(self) -> bool:
        return self.revoked_at is not None
