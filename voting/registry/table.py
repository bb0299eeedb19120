"""What every kind of the registry shares: read a file all or nothing, write it back."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Generic, TypeVar

from sqlalchemy import delete
from sqlalchemy.orm import Session

from voting.conference.errors import Problem
from voting.conference.imports import rejected, row_problem, rows_of
from voting.tabular import Row, write_table

T = TypeVar("T")


class CellError(ValueError):
    """A bad cell: the column and the reason (English, Vietnamese)."""

    def __init__(self, column: str, en: str, vi: str = "") -> None:
        super().__init__(en)
        self.column, self.en, self.vi = column, en, vi


@dataclass(frozen=True)
class Kind(Generic[T]):
    """A table of the registry: its columns, how a row becomes a record (raising CellError),
    the key two rows may not share, and how a record is written back."""

    name_vi: str
    name_en: str
    model: type[T]
    columns: tuple[str, ...]
    required: tuple[str, ...]
    parse: Callable[[Row], T]
    key: Callable[[T], object]
    cells: Callable[[T], Sequence[str]]
    listing: Callable[[Session], list[T]]

    def import_file(self, session: Session, path: Path) -> list[T]:
        """Replace the table with the file's rows; any bad row refuses the whole file."""
        records: list[T] = []
        problems: list[Problem] = []
        seen: dict[object, int] = {}
        for row in rows_of(path, self.required):
            missing = [c for c in self.required if not row.get(c)]
            if missing:
                problems += [row_problem(row.number, c, "required") for c in missing]
                continue
            try:
                record = self.parse(row)
            except CellError as error:
                problems.append(row_problem(row.number, error.column, error.en, error.vi))
                continue
            key = self.key(record)
            if key in seen:
                problems.append(
                    row_problem(
                        row.number,
                        self.required[0],
                        f"repeats row {seen[key]}",
                        f"trùng với dòng {seen[key]}",
                    )
                )
                continue
            seen[key] = row.number
            records.append(record)
        if problems:
            raise rejected(self.name_vi, self.name_en, problems)
        session.execute(delete(self.model))
        session.add_all(records)
        session.commit()
        return records

    def export(self, session: Session, fmt: str) -> bytes:
        """The table (as listed) in the import's columns, as CSV or XLSX."""
        return write_table(self.columns, [self.cells(r) for r in self.listing(session)], fmt)


def day(row: Row, column: str) -> date:
    """The cell as a date written YYYY-MM-DD."""
    value = row.get(column)
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CellError(
            column, f"expected YYYY-MM-DD, got {value!r}", "ngày phải có dạng YYYY-MM-DD"
        ) from None
