"""Reading an uploaded registry table strictly (docs/registry.md).

Stricter than `voting.tabular.read_rows`, which the conference imports keep: a column the
table does not know is refused (a misspelt optional column would otherwise be read as
absent), as is a row with more cells than the header or a value under a column without a
name; a CSV file may be separated by commas or by semicolons (Excel under a Vietnamese locale
writes `;`), told from the header line only, since cells such as `groups` and `term` use `;`
inside values; every cell is stripped of surrounding whitespace.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import openpyxl

from voting.conference.errors import ConferenceError, Problem, refused
from voting.conference.imports import row_problem
from voting.tabular import Row, cell_text, unescaped
from voting.translations import texts

RawRows = list[tuple[int, list[Any]]]


def read_table(
    path: Path, columns: Sequence[str], required: Sequence[str]
) -> tuple[list[Row], list[Problem]]:
    """The file's data rows (blank rows skipped) and the problems of its shape: unknown
    columns (row 1) and rows with values beyond the header. InvalidInput when the file cannot
    be read as a table, lacks a required column or has no data row."""
    header, raw = _read(path, columns, required)
    known = ", ".join(columns)
    problems = [
        row_problem(1, name, texts("import.column_unknown", name=name, columns=known))
        for name in dict.fromkeys(n for n in header if n and n not in columns)
    ]
    repeated = [n for i, n in enumerate(header) if n and n in header[:i]]
    problems += [
        row_problem(1, name, texts("import.column_twice", name=name))
        for name in dict.fromkeys(repeated)
    ]
    rows: list[Row] = []
    for number, values in raw:
        read = [cell_text(value) for value in values]
        stray = [i for i, text in enumerate(read) if text and i < len(header) and not header[i]]
        if len(read) > len(header):
            beyond = {"cells": len(read), "columns": len(header)}
            problems.append(
                row_problem(number, f"#{len(header) + 1}", texts("import.cells_beyond", **beyond))
            )
        elif stray:
            cell = stray[0] + 1
            problems.append(
                row_problem(number, f"#{cell}", texts("import.cell_unnamed", cell=cell))
            )
        cells = {name: text for name, text in zip(header, read, strict=False) if name in columns}
        if any(cells.values()):
            rows.append(Row(number, cells))
    if not rows and not problems:
        raise refused("empty_file")
    return rows, problems


def _read(path: Path, columns: Sequence[str], required: Sequence[str]) -> tuple[list[str], RawRows]:
    suffix = path.suffix.lower()
    if suffix == ".csv":
        header, raw = _csv(path, columns)
    elif suffix == ".xlsx":
        header, raw = _xlsx(path, columns)
    else:
        raise _unreadable(columns, "expected a .csv or .xlsx file")
    missing = [c for c in required if c not in header]
    if missing:
        found = ", ".join(n for n in header if n) or "—"
        hint_vi, hint_en = "", ""
        if len([n for n in header if n]) == 1 and any(s in found for s in "\t|"):
            hint_vi, hint_en = texts("import.separator_hint")
        raise refused(
            "unreadable_file.missing_columns",
            missing=", ".join(missing),
            found=found,
            columns=", ".join(columns),
            required=", ".join(required),
            hint_vi=hint_vi,
            hint_en=hint_en,
        )
    return header, raw


def _unreadable(columns: Sequence[str], detail: str) -> ConferenceError:
    return refused("unreadable_file.cannot_read", columns=", ".join(columns), detail=detail)


def delimiter(header_line: str) -> str:
    """`;` when the header line has more semicolons than commas (a CSV file written by Excel
    under a Vietnamese locale), else `,`. Only the header is looked at: the column names hold
    neither sign, while a comma file's `groups` and `term` cells hold semicolons."""
    return ";" if header_line.count(";") > header_line.count(",") else ","


def _csv(path: Path, columns: Sequence[str]) -> tuple[list[str], RawRows]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        raise _unreadable(
            columns, f"not UTF-8 text ({error.reason} at byte {error.start})"
        ) from error
    first = text.lstrip("\r\n").partition("\n")[0]
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter(first))
        records = list(reader)
    except csv.Error as error:
        raise _unreadable(columns, f"not a CSV table ({error})") from error
    # Blank lines before the header are skipped; the row numbers stay the file's lines.
    start = next((i for i, record in enumerate(records) if any(record)), None)
    if start is None:
        raise _unreadable(columns, "empty file, expected a header row")
    header = [name.strip() for name in records[start]]
    body = [
        (start + i + 2, [unescaped(value) for value in values])
        for i, values in enumerate(records[start + 1 :])
    ]
    return header, body


def _xlsx(path: Path, columns: Sequence[str]) -> tuple[list[str], RawRows]:
    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a damaged file
        raise _unreadable(columns, f"not a readable XLSX workbook ({error})") from error
    rows = list(workbook.worksheets[0].iter_rows(values_only=True))
    workbook.close()
    if not rows or not any(rows[0]):
        raise _unreadable(columns, "empty sheet, expected a header row")
    header = [cell_text(name) for name in rows[0]]
    return header, [(number, list(values)) for number, values in enumerate(rows[1:], start=2)]
