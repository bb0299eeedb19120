"""Terms (nhiệm kỳ): label and first and last day. A label of two years ("2025-2030") names
the years the term starts and ends in."""

from __future__ import annotations

import re
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from voting.registry.table import Cells, Kind, Known, day, fold
from voting.store import Term
from voting.tabular import Row
from voting.translations import texts

_YEARS = re.compile(r"(\d{4})\s*-\s*(\d{4})")


def _parse(row: Row, known: Known) -> Term:
    cells = Cells()
    label = row.get("label")
    if ";" in label:
        cells.add("label", texts("import.label_semicolon"))
    starts = cells.take(lambda: day(row, "starts_on"), None) if row.get("starts_on") else None
    ends = cells.take(lambda: day(row, "ends_on"), None) if row.get("ends_on") else None
    if starts and ends and ends <= starts:
        cells.add("ends_on", texts("import.term_reversed"))
    years = _YEARS.fullmatch(label)
    if years and starts and ends:
        first, last = int(years[1]), int(years[2])
        if (starts.year, ends.year) != (first, last):
            years_of = {"first": first, "last": last, "starts": starts.year, "ends": ends.year}
            cells.add("label", texts("import.label_years", **years_of))
    cells.done()
    return Term(label=label, starts_on=starts or date.min, ends_on=ends or date.min)


KIND = Kind(
    "import.what.terms",
    Term,
    ("label", "starts_on", "ends_on"),
    ("label", "starts_on", "ends_on"),
    _parse,
    lambda t: fold(t.label),
    lambda t: (t.label, t.starts_on.isoformat(), t.ends_on.isoformat()),
    lambda session: every(session),
)


def every(session: Session) -> list[Term]:
    """The terms, earliest first."""
    return list(session.execute(select(Term).order_by(Term.starts_on)).scalars())
