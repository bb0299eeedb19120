"""Reading an uploaded table (CSV or XLSX) into rows, or one error listing every bad row."""

from __future__ import annotations

from pathlib import Path

from voting.conference.errors import ConferenceError, Problem, refused
from voting.tabular import Row, TableError, read_rows
from voting.translations import CATALOGUE, texts


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


def row_problem(number: int, column: str, reason: tuple[str, str]) -> Problem:
    """A problem in one cell: `reason` in Vietnamese and English, as the catalogue gives it
    (`voting.translations.texts("import.…")`), after the row and the column. A problem is part
    of the refusal `import_rejected`, not a refusal of its own, so its texts are the
    catalogue's."""
    where = {"row": number, "column": column}
    vi, en = (
        frame.format(**where, reason=text)
        for frame, text in zip(CATALOGUE["import.cell"], reason, strict=True)
    )
    return Problem(where, vi, en)


def rejected(what: str, problems: list[Problem]) -> ConferenceError:
    """The error for a file refused whole: nothing of it was imported. `what` is the
    catalogue's key of the file's name (`import.what.…`)."""
    what_vi, what_en = texts(what)
    return refused(
        "import_rejected", what_vi=what_vi, count=len(problems), what_en=what_en, problems=problems
    )
