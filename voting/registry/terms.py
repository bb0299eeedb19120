"""Terms (nhiệm kỳ): label and first and last day."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from voting.registry.table import CellError, Kind, day
from voting.store import Term
from voting.tabular import Row


def _parse(row: Row) -> Term:
    starts, ends = day(row, "starts_on"), day(row, "ends_on")
    if ends <= starts:
        raise CellError(
            "ends_on", "the term ends before it starts", "nhiệm kỳ kết thúc trước khi bắt đầu"
        )
    return Term(label=row.get("label"), starts_on=starts, ends_on=ends)


KIND = Kind(
    "danh sách nhiệm kỳ",
    "Terms",
    Term,
    ("label", "starts_on", "ends_on"),
    ("label", "starts_on", "ends_on"),
    _parse,
    lambda t: t.label,
    lambda t: (t.label, t.starts_on.isoformat(), t.ends_on.isoformat()),
    lambda session: every(session),
)


def every(session: Session) -> list[Term]:
    """The terms, earliest first."""
    return list(session.execute(select(Term).order_by(Term.starts_on)).scalars())
