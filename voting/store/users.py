"""Accounts of the people who run the system: organiser, leadership and head."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import Boolean, String, false
from sqlalchemy.orm import Mapped, mapped_column

from voting.store.base import Base, UTCDateTime, utcnow


class Role(StrEnum):
    """design.md "Roles": the three roles that log in with a password."""

    ORGANISER = "organiser"
    LEADERSHIP = "leadership"
    HEAD = "head"


class User(Base):
    """An account; the password is kept only as an argon2 hash."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    role: Mapped[str] = mapped_column(String(16))
    password_hash: Mapped[str] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # How documents and pages name the person ("Nguyễn Văn Hùng"); empty: the username.
    display_name: Mapped[str] = mapped_column(String(200), default="", server_default="")
    # A disabled account cannot log in, and a session it still holds is no longer honoured.
    disabled: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())

    @property
    def shown_name(self) -> str:
        """The display name, or the username when none was given."""
        return self.display_name or self.username
