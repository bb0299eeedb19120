"""The agency's registry of people, from which conference rosters are drawn."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import JSON, Date, String
from sqlalchemy.orm import Mapped, mapped_column

from voting.store.base import Base


class Person(Base):
    """One cadre of the agency. `cells` keeps the imported row whole, so the rules engine can
    rebuild its `voting.rules.people.Person` (eligibility) without a second import."""

    __tablename__ = "people"

    id: Mapped[int] = mapped_column(primary_key=True)
    ref: Mapped[str] = mapped_column(String(64), unique=True)
    full_name: Mapped[str] = mapped_column(String(200))
    sex: Mapped[str] = mapped_column(String(1))
    born: Mapped[date] = mapped_column(Date)
    post: Mapped[str] = mapped_column(String(200))
    unit: Mapped[str] = mapped_column(String(200))
    groups: Mapped[list[str]] = mapped_column(JSON)
    cells: Mapped[dict[str, Any]] = mapped_column(JSON)
