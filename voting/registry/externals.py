"""Attendees from outside the agency (columns of sample-external-attendees.csv)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from voting.registry.table import CellError, Kind
from voting.store import ExternalPerson
from voting.tabular import Row


def _parse(row: Row) -> ExternalPerson:
    sex = row.get("sex").upper()
    if sex not in ("M", "F", ""):
        raise CellError("sex", f"expected M or F, got {sex!r}", "phải là M hoặc F")
    return ExternalPerson(
        ref=row.get("id"),
        full_name=" ".join(row.get("full_name").split()),
        sex=sex,
        post=row.get("post"),
        unit=row.get("unit"),
    )


KIND = Kind(
    "danh sách người ngoài cơ quan",
    "External attendees",
    ExternalPerson,
    ("id", "full_name", "sex", "post", "unit"),
    ("id", "full_name", "post", "unit"),
    _parse,
    lambda e: e.ref,
    lambda e: (e.ref, e.full_name, e.sex, e.post, e.unit),
    lambda session: every(session),
)


def every(session: Session) -> list[ExternalPerson]:
    """The list, by id."""
    return list(session.execute(select(ExternalPerson).order_by(ExternalPerson.ref)).scalars())
