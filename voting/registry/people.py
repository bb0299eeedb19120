"""The agency's people (columns of sample-agency.csv): imported by
`voting.conference.registry.import_people`, written back here in the same columns."""

from __future__ import annotations

from sqlalchemy.orm import Session

from voting.conference.registry import every
from voting.tabular import write_table

COLUMNS = (
    "id",
    "full_name",
    "sex",
    "born",
    "post",
    "unit",
    "party_member",
    "political_theory",
    "qualification",
    "groups",
    "discipline",
    "political_standard",
    "deceased",
    "retirement_override",
    "override_note",
)


def export(session: Session, fmt: str) -> bytes:
    """Every person as imported (each row keeps its cells), as CSV or XLSX."""
    return write_table(
        COLUMNS, [[p.cells.get(c, "") for c in COLUMNS] for p in every(session)], fmt
    )
