"""Rows of a CSV or XLSX file as dictionaries of text, with the row number a person would see;
and the one way every export writes CSV and XLSX.

Every import (people, external attendees, planning lists) reads through here, so CSV and XLSX
behave the same: the first row names the columns, cells become stripped text, dates become
ISO `YYYY-MM-DD`, whole numbers lose their `.0`, and blank rows are skipped.

Every export (registry, counts, dossier) writes through `csv_bytes` and `xlsx_bytes`, which
never let a cell act as a formula (issue 16, item 9): a text cell a spreadsheet would read as
one (leading `= + - @`, tab or carriage return) gets a leading `'` in CSV, and is written as a
string in XLSX. Reading a CSV back drops that `'` again.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

import openpyxl


class TableError(ValueError):
    """The file cannot be read as a table (missing, wrong type, no header, bad encoding)."""


@dataclass(frozen=True)
class Row:
    """One data row: `number` is its line (CSV) or row (XLSX) number, the header being 1."""

    number: int
    cells: dict[str, str]

    def get(self, column: str) -> str:
        return self.cells.get(column, "")


def read_rows(path: str | Path, required: tuple[str, ...] = ()) -> list[Row]:
    """The data rows of `path` (.csv in UTF-8, or .xlsx: its first sheet)."""
    path = Path(path)
    if not path.is_file():
        raise TableError(f"{path}: no such file")
    suffix = path.suffix.lower()
    if suffix == ".csv":
        header, rows = _csv_rows(path)
    elif suffix == ".xlsx":
        header, rows = _xlsx_rows(path)
    else:
        raise TableError(f"{path}: expected a .csv or .xlsx file")
    missing = [column for column in required if column not in header]
    if missing:
        raise TableError(f"{path}: missing column(s) {', '.join(missing)}")
    result = []
    for number, values in rows:
        cells = {
            name: cell_text(value) for name, value in zip(header, values, strict=False) if name
        }
        if any(cells.values()):
            result.append(Row(number, cells))
    return result


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
ESCAPE = "'"


def write_table(columns: Sequence[str], rows: Iterable[Sequence[str]], fmt: str) -> bytes:
    """The rows under a header of `columns`, as CSV or XLSX (one sheet of text): what
    `read_rows` reads back unchanged."""
    if fmt == "csv":
        return csv_bytes([columns, *rows])
    if fmt != "xlsx":
        raise TableError(f"unknown table format {fmt!r} (csv or xlsx)")
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(list(columns))
    for row in rows:
        sheet.append(list(row))
    return xlsx_bytes(book)


def formula_like(value: Any) -> bool:
    """Whether a spreadsheet program would read this cell as a formula."""
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def csv_bytes(rows: Iterable[Sequence[Any]]) -> bytes:
    """Rows as CSV: UTF-8 with a byte-order mark (which spreadsheet programs need for the
    diacritics), CRLF line ends, formula-like text escaped with a leading `'`."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    for row in rows:
        writer.writerow([ESCAPE + value if formula_like(value) else value for value in row])
    return out.getvalue().encode("utf-8-sig")


def xlsx_bytes(book: openpyxl.Workbook) -> bytes:
    """The workbook's file, every text cell kept a string: openpyxl would otherwise write a
    text starting with `=` as a live formula."""
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    cell.data_type = "s"
    binary = io.BytesIO()
    book.save(binary)
    return binary.getvalue()


def _csv_rows(path: Path) -> tuple[list[str], Iterator[tuple[int, list[Any]]]]:
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except UnicodeDecodeError as error:
        raise TableError(
            f"{path}: not UTF-8 text ({error.reason} at byte {error.start})"
        ) from error
    reader = csv.reader(lines)
    header = [name.strip() for name in next(reader, [])]
    if not any(header):
        raise TableError(f"{path}: empty file, expected a header row")
    return header, (
        (number, [unescaped(value) for value in values])
        for number, values in enumerate(reader, start=2)
    )


def unescaped(value: str) -> str:
    """A CSV cell without the `'` that `csv_bytes` put before formula-like text (every CSV
    import reads its cells through here)."""
    return value[1:] if value.startswith(ESCAPE) and formula_like(value[1:]) else value


def _xlsx_rows(path: Path) -> tuple[list[str], Iterator[tuple[int, list[Any]]]]:
    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a damaged file
        raise TableError(f"{path}: not a readable XLSX workbook ({error})") from error
    rows = list(workbook.worksheets[0].iter_rows(values_only=True))
    workbook.close()
    if not rows or not any(rows[0]):
        raise TableError(f"{path}: empty sheet, expected a header row")
    header = [cell_text(name) for name in rows[0]]
    return header, ((number, list(values)) for number, values in enumerate(rows[1:], start=2))


def cell_text(value: Any) -> str:
    """A cell as text: dates in ISO form, whole numbers without '.0', spaces trimmed."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()
