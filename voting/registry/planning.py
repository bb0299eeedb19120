"""The planning in force (columns of sample-current-planning.csv): who is planned for which
position, for which terms, approved when. Approval of a process adds and closes entries."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from voting.registry.table import CellError, Kind, day
from voting.rules import KH331
from voting.store import PlanningEntry
from voting.tabular import Row


def _parse(row: Row) -> PlanningEntry:
    position = " ".join(row.get("position").split())
    if KH331.position_for(position) is None:
        raise CellError(
            "position", f"unknown position {position!r}", f"không có chức danh “{position}”"
        )
    terms = [t.strip() for t in row.get("term").split(";") if t.strip()]
    return PlanningEntry(
        cadre_ref=row.get("cadre_id"),
        full_name=" ".join(row.get("full_name").split()),
        position=position,
        terms=terms,
        approved_on=day(row, "approved_on") if row.get("approved_on") else None,
        removed_on=None,
        removal_reason="",
    )


KIND = Kind(
    "danh sách quy hoạch hiện hành",
    "Current planning",
    PlanningEntry,
    ("cadre_id", "full_name", "position", "term", "approved_on"),
    ("cadre_id", "full_name", "position", "term"),
    _parse,
    # One entry per cadre, position and terms: the next term's planning is its own entry.
    lambda e: (e.cadre_ref, e.position.casefold(), tuple(e.terms)),
    lambda e: (
        e.cadre_ref,
        e.full_name,
        e.position,
        ";".join(e.terms),
        e.approved_on.isoformat() if e.approved_on else "",
    ),
    lambda session: current(session),
)


def current(session: Session) -> list[PlanningEntry]:
    """The entries in force (not removed), by cadre and position."""
    return list(
        session.execute(
            select(PlanningEntry)
            .where(PlanningEntry.removed_on.is_(None))
            .order_by(PlanningEntry.cadre_ref, PlanningEntry.position)
        ).scalars()
    )
