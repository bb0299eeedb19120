"""The agency's people (columns of sample-agency.csv): imported whole or not at all, with every
bad cell of every row reported, and written back in the same columns.

The rules engine reads a person from the row (`voting.rules.people.person_from_row`, which
stops at the first bad cell); here a bad cell is replaced by a harmless value and the row read
again, until every bad cell is known. On top of the engine's checks: the file's columns are
those below (`reading`), the birth date is neither after today nor more than 100 years ago,
and two ids may not differ only by case or surrounding spaces."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from pathlib import Path

from sqlalchemy.orm import Session

from voting.conference.errors import Problem
from voting.conference.imports import rejected, row_problem
from voting.conference.registry import every
from voting.registry.reading import read_table
from voting.registry.table import CellError, fold
from voting.rules import KH331, PersonError, RuleSet
from voting.rules.people import COLUMNS as REQUIRED
from voting.rules.people import STUDYING, parse_birth, person_from_row
from voting.store import Person
from voting.tabular import write_table
from voting.translations import texts

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
OLDEST_YEARS = 100
# A value each column accepts whatever else is in the row: a bad cell is replaced by it so
# the row can be read again for its other cells.
_HARMLESS = {"id": "_", "full_name": "_", "sex": "M", "born": "1970", "post": "_", "unit": "_"}


def import_people(
    session: Session, path: Path, rule_set: RuleSet = KH331, today: date | None = None
) -> list[Person]:
    """Replace the registry with the file's people; any problem refuses the whole file.
    `today` is the room's date (a birth date after it is refused); the pages pass it, the
    machine's date stands in elsewhere."""
    rows, problems = read_table(path, COLUMNS, REQUIRED)
    people: list[Person] = []
    seen: dict[str, int] = {}
    today = today or date.today()
    for row in rows:
        errors = cell_errors(row.cells, rule_set, today)
        problems += [row_problem(row.number, e.column, e.reason) for e in errors]
        if errors:
            continue
        ref = row.get("id")
        if fold(ref) in seen:
            first = seen[fold(ref)]
            problems.append(
                row_problem(row.number, "id", texts("import.id_repeated", ref=ref, first=first))
            )
            continue
        seen[fold(ref)] = row.number
        parsed = person_from_row(row.cells, rule_set)
        people.append(
            Person(
                ref=parsed.id,
                full_name=parsed.full_name,
                sex=parsed.sex,
                born=parsed.born,
                post=parsed.post,
                unit=parsed.unit,
                groups=list(parsed.groups),
                cells=dict(row.cells),
            )
        )
    if problems:
        raise rejected("import.what.people", sorted(problems, key=_row))
    # Through the ORM, not a bulk DELETE: the session may still hold the old rows.
    for old in every(session):
        session.delete(old)
    session.flush()
    session.add_all(people)
    session.flush()
    return people


def cell_errors(cells: Mapping[str, str], rule_set: RuleSet, today: date) -> list[CellError]:
    """Every bad cell of a row, in the order of the columns the rules engine checks."""
    text = dict(cells)
    errors: list[CellError] = []
    for _ in range(len(COLUMNS) + 1):
        try:
            person_from_row(text, rule_set)
            break
        except PersonError as error:
            column, detail = _column_of(str(error))
            reason = _refused(column, cells.get(column, ""), detail, rule_set)
            errors.append(CellError(column, reason))
            if column not in COLUMNS or text.get(column) == _HARMLESS.get(column, ""):
                break
            text[column] = _HARMLESS.get(column, "")
    if not any(e.column == "born" for e in errors) and cells.get("born"):
        errors += _birth_errors(parse_birth(cells["born"]), today)
    return sorted(errors, key=lambda e: COLUMNS.index(e.column) if e.column in COLUMNS else 99)


def _birth_errors(born: date, today: date) -> list[CellError]:
    oldest = _years_before(today, OLDEST_YEARS)
    if born > today:
        return [CellError("born", texts("import.born_future", born=born))]
    if born < oldest:
        return [CellError("born", texts("import.born_too_old", born=born, years=OLDEST_YEARS))]
    return []


def _years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def _column_of(message: str) -> tuple[str, str]:
    column, _, detail = message.partition(": ")
    if column in COLUMNS:
        return column, detail
    # The retirement override's bounds are checked without naming the column.
    return "retirement_override", message


# The catalogue's text of a cell the rules engine refuses, by column (else `import.person.other`).
_CELL_TEXTS = {
    "sex": "import.person.sex",
    "born": "import.person.born",
    "party_member": "import.person.flag",
    "deceased": "import.person.flag",
    "political_theory": "import.person.political_theory",
    "groups": "import.person.groups",
    "discipline": "import.person.discipline",
    "political_standard": "import.person.political_standard",
    "retirement_override": "import.person.retirement_override",
}


def _refused(column: str, cell: str, detail: str, rule_set: RuleSet) -> tuple[str, str]:
    """Why the engine refused `cell`: the Vietnamese says what the column takes, the English
    is the engine's `detail`."""
    if not cell and column in REQUIRED:
        return texts("import.required")
    reasons = (
        texts("import.person.adjustment", reason=a.key, least=a.min_months, most=a.max_months)[0]
        for a in rule_set.adjustments.values()
    )
    return texts(
        _CELL_TEXTS.get(column, "import.person.other"),
        cell=cell,
        detail=detail,
        levels=", ".join(rule_set.political_theory_levels),
        studying=STUDYING,
        groups=", ".join(rule_set.groups),
        reasons=", ".join(reasons),
    )


def _row(problem: Problem) -> int:
    return int(problem.where.get("row", 0))


def export(session: Session, fmt: str) -> bytes:
    """Every person as imported (each row keeps its cells), as CSV or XLSX."""
    return write_table(
        COLUMNS, [[p.cells.get(c, "") for c in COLUMNS] for p in every(session)], fmt
    )
