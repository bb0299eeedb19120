"""The holiday calendar (editable data): days that are not working days. The defaults, the
public holidays of 2022–2030 with Tết as the Government announced it (2022–2026) or as the law
fixes it (the eve and four days), are `holidays-vn.csv` beside this file, loaded by the
migration that makes the table."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from voting.registry.table import Kind, Known, day
from voting.store import Holiday
from voting.tabular import Row


def _parse(row: Row, known: Known) -> Holiday:
    return Holiday(day=day(row, "day"), name=row.get("name"))


KIND = Kind(
    "import.what.holidays",
    Holiday,
    ("day", "name"),
    ("day", "name"),
    _parse,
    lambda h: h.day,
    lambda h: (h.day.isoformat(), h.name),
    lambda session: every(session),
)


def every(session: Session) -> list[Holiday]:
    """The calendar, by day."""
    return list(session.execute(select(Holiday).order_by(Holiday.day)).scalars())


def days(session: Session) -> set[date]:
    """The holidays as days."""
    return set(session.execute(select(Holiday.day)).scalars())
