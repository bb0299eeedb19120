"""Accounts of the people who run the system: organiser, leadership and head."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import String
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
