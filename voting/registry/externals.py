"""Attendees from outside the agency (columns of sample-external-attendees.csv)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from voting.registry.table import Cells, Kind, Known, fold
from voting.store import ExternalPerson
from voting.tabular import Row
from voting.translations import texts


def _parse(row: Row, known: Known) -> ExternalPerson:
    cells = Cells()
    ref = row.get("id")
    person = known.person(ref) if ref else None
    if person is not None:
        cells.add("id", texts("import.id_of_agency", ref=ref, person=person))
    sex = row.get("sex").upper()
    if sex not in ("M", "F", ""):
        cells.add("sex", texts("import.sex", sex=row.get("sex")))
    cells.done()
    return ExternalPerson(
        ref=row.get("id"),
        full_name=" ".join(row.get("full_name").split()),
        sex=sex,
        post=row.get("post"),
        unit=row.get("unit"),
    )


KIND = Kind(
    "import.what.externals",
    ExternalPerson,
    ("id", "full_name", "sex", "post", "unit"),
    ("id", "full_name", "post", "unit"),
    _parse,
    lambda e: fold(e.ref),
    lambda e: (e.ref, e.full_name, e.sex, e.post, e.unit),
    lambda session: every(session),
)


def every(session: Session) -> list[ExternalPerson]:
    """The list, by id."""
    return list(session.execute(select(ExternalPerson).order_by(ExternalPerson.ref)).scalars())
