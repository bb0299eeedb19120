"""What the server keeps about logins: the open sessions (so that logging out or changing the
password ends a copied cookie too) and the recent wrong attempts (so that guessing is slow)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from voting.store.base import Base, UTCDateTime, utcnow


class LoginSession(Base):
    """One logged-in browser. The cookie holds a random token; only its SHA-256 is kept here,
    so a copy of the database opens no session."""

    __tablename__ = "login_sessions"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class LoginThrottle(Base):
    """Wrong passwords given lately for one account name or from one address (`key` is
    "account:<name>" or "address:<ip>"), and until when further attempts are refused."""

    __tablename__ = "login_throttle"

    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    last_failure: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    blocked_until: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
