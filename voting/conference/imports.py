"""Reading an uploaded table (CSV or XLSX) into rows, or one error listing every bad row."""

from __future__ import annotations

from pathlib import Path

from voting.conference.errors import ConferenceError, Problem, refused
from voting.tabular import Row, TableError, read_rows

_REASONS = {
    "required": ("chưa điền (bắt buộc)", "required"),
}


def rows_of(path: Path, required: tuple[str, ...]) -> list[Row]:
    """The data rows, or InvalidInput when the file is not a readable table with `required`."""
    try:
        rows = read_rows(path, required)
    except TableError as error:
        raise refused(
            "unreadable_file",
            columns=", ".join(required),
            detail=str(error).replace(str(path), path.suffix or "file"),
        ) from error
    if not rows:
        raise refused("empty_file")
    return rows


def row_problem(number: int, column: str, detail_en: str, detail_vi: str = "") -> Problem:
    """A problem in one cell; the Vietnamese message names the row and the column."""
    reason_vi, reason_en = _REASONS.get(detail_en, (detail_vi or "giá trị không hợp lệ", detail_en))
    return Problem(
        {"row": number, "column": column},
        f"Dòng {number}, cột “{column}”: {reason_vi}.",
        f"Row {number}, column {column}: {reason_en}.",
    )


def rejected(what_vi: str, what_en: str, problems: list[Problem]) -> ConferenceError:
    """The error for a file refused whole: nothing of it was imported."""
    return refused(
        "import_rejected", what_vi=what_vi, count=len(problems), what_en=what_en, problems=problems
    )
