"""What every kind of the registry shares: read a file all or nothing, write it back.

A file is refused whole when anything in it is wrong, and then every problem is reported: the
unknown columns and stray cells (`reading`), every bad cell of every row (a kind's `parse`
raises `CellErrors` listing them all), repeated keys (compared without regard to case and
surrounding spaces), and the checks across rows (`check`: the planning's limits)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Generic, TypeVar

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from voting.conference.errors import Problem
from voting.conference.imports import rejected, row_problem
from voting.registry.reading import read_table
from voting.store import Person, PlanningEntry, Term
from voting.tabular import Row, write_table
from voting.translations import texts

T = TypeVar("T")
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
V = TypeVar("V")


class CellError(ValueError):
    """A bad cell: the column and the reason (Vietnamese, English): the catalogue's texts
    (`voting.translations.texts`), but for the people's cells the rules engine refuses, whose
    English is the engine's own (voting/registry/people.py)."""

    def __init__(self, column: str, reason: tuple[str, str]) -> None:
        super().__init__(reason[1])
        self.column, self.reason = column, reason


class CellErrors(ValueError):
    """Every bad cell of one row."""

    def __init__(self, errors: Sequence[CellError]) -> None:
        super().__init__("; ".join(str(e) for e in errors))
        self.errors = list(errors)


class Cells:
    """Collects a row's bad cells so that all of them are reported, not only the first:
    `take` runs a cell's parser and gives `default` in place of a bad value; `done` raises
    CellErrors if anything was bad."""

    def __init__(self) -> None:
        self.errors: list[CellError] = []

    def take(self, parse: Callable[[], V], default: V) -> V:
        try:
            return parse()
        except CellError as error:
            self.errors.append(error)
            return default

    def add(self, column: str, reason: tuple[str, str]) -> None:
        self.errors.append(CellError(column, reason))

    def done(self) -> None:
        if self.errors:
            raise CellErrors(self.errors)


@dataclass(frozen=True)
class Known:
    """What an import checks a row against: the people (id by its folded form, as written),
    their units, the terms (by label), the terms of the planning entries approved by a process
    (a process may be for a term the terms table lacks), and today."""

    people: dict[str, str]
    units: tuple[str, ...]
    terms: dict[str, Term]
    approved_terms: tuple[str, ...] = ()
    today: date = field(default_factory=date.today)

    @classmethod
    def of(cls, session: Session) -> Known:
        people = session.execute(select(Person.ref, Person.unit).order_by(Person.ref)).all()
        terms = session.execute(select(Term).order_by(Term.starts_on)).scalars()
        approved = session.execute(
            select(PlanningEntry.terms).where(PlanningEntry.process_id.is_not(None))
        ).scalars()
        return cls(
            people={fold(ref): ref for ref, _ in people},
            units=tuple(dict.fromkeys(unit for _, unit in people)),
            terms={t.label: t for t in terms},
            approved_terms=tuple(dict.fromkeys(t for labels in approved for t in labels)),
        )

    def person(self, ref: str) -> str | None:
        """The person's id as the people table writes it, or None when nobody has it."""
        return self.people.get(fold(ref))


def fold(text: str) -> str:
    """An id or name compared without regard to case or runs of whitespace."""
    return " ".join(text.split()).casefold()


def _no_check(entries: Sequence[tuple[int, T]], known: Known) -> list[Problem]:
    return []


@dataclass(frozen=True)
class Kind(Generic[T]):
    """A table of the registry: its columns, how a row becomes a record (raising CellError or
    CellErrors), the key two rows may not share (compared folded), how a record is written
    back, and the checks across the rows."""

    # The catalogue's key of the table's name in a refusal (`import.what.…`).
    what: str
    model: type[T]
    columns: tuple[str, ...]
    required: tuple[str, ...]
    parse: Callable[[Row, Known], T]
    key: Callable[[T], object]
    cells: Callable[[T], Sequence[str]]
    listing: Callable[[Session], list[T]]
    check: Callable[[Sequence[tuple[int, T]], Known], list[Problem]] = _no_check

    def import_file(self, session: Session, path: Path) -> list[T]:
        """Replace the table with the file's rows; any problem refuses the whole file."""
        rows, problems = read_table(path, self.columns, self.required)
        known = Known.of(session)
        parsed: list[tuple[int, T]] = []
        seen: dict[object, int] = {}
        for row in rows:
            missing = [c for c in self.required if not row.get(c)]
            problems += [row_problem(row.number, c, texts("import.required")) for c in missing]
            try:
                record = self.parse(row, known)
            except (CellError, CellErrors) as error:
                errors = error.errors if isinstance(error, CellErrors) else [error]
                errors = sorted(errors, key=lambda e: self._order(e.column))
                problems += [
                    row_problem(row.number, e.column, e.reason)
                    for e in errors
                    if e.column not in missing
                ]
                continue
            if missing:
                continue
            key = self.key(record)
            if key in seen:
                problems.append(
                    row_problem(
                        row.number, self.required[0], texts("import.row_repeated", first=seen[key])
                    )
                )
                continue
            seen[key] = row.number
            parsed.append((row.number, record))
        problems += self.check(parsed, known)
        if problems:
            raise rejected(self.what, _in_order(problems))
        session.execute(delete(self.model))
        records = [record for _, record in parsed]
        session.add_all(records)
        session.flush()
        return records

    def _order(self, column: str) -> int:
        return self.columns.index(column) if column in self.columns else len(self.columns)

    def export(self, session: Session, fmt: str) -> bytes:
        """The table (as listed) in the import's columns, as CSV or XLSX."""
        return write_table(self.columns, [self.cells(r) for r in self.listing(session)], fmt)


def _in_order(problems: Iterable[Problem]) -> list[Problem]:
    """By row (the header's problems first), each row's in the order found."""
    return sorted(problems, key=lambda p: int(p.where.get("row", 0)))


def day(row: Row, column: str) -> date:
    """The cell as a date written YYYY-MM-DD."""
    value = row.get(column)
    try:
        if not _ISO_DAY.fullmatch(value):
            raise ValueError(value)
        return date.fromisoformat(value)
    except ValueError:
        raise CellError(column, texts("import.date", value=value)) from None
