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
            vi = _vi(column, cells.get(column, ""), rule_set)
            errors.append(CellError(column, (vi, detail)))
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


def _vi(column: str, value: str, rule_set: RuleSet) -> str:
    if not value and column in REQUIRED:
        return "chưa điền (bắt buộc)"
    shown = f"“{value}”"
    if column == "sex":
        return f"phải là M (nam) hoặc F (nữ), không phải {shown}"
    if column == "born":
        return f"ngày sinh phải có dạng YYYY-MM-DD, YYYY-MM hoặc YYYY, không phải {shown}"
    if column in ("party_member", "deceased"):
        return f"phải là yes (có) hoặc no (không), không phải {shown}"
    if column == "political_theory":
        levels = ", ".join(rule_set.political_theory_levels)
        return f"phải là một trong {levels} (hoặc {STUDYING}<trình độ>), không phải {shown}"
    if column == "groups":
        return f"có nhóm không có trong bộ quy tắc ({', '.join(rule_set.groups)}): {shown}"
    if column == "discipline":
        return (
            "mỗi kỷ luật phải có dạng mức:YYYY-MM-DD hoặc mức:YYYY-MM-DD:YYYY-MM-DD (ngày kết "
            f"thúc không trước ngày bắt đầu), cách nhau bằng “;”: {shown}"
        )
    if column == "political_standard":
        return f"phải là met (đạt), not_met (không đạt) hoặc để trống, không phải {shown}"
    if column == "retirement_override":
        reasons = ", ".join(
            f"{a.key} {a.min_months}..{a.max_months} tháng" for a in rule_set.adjustments.values()
        )
        return f"phải có dạng lý_do:số_tháng trong giới hạn cho phép ({reasons}): {shown}"
    return f"giá trị không hợp lệ: {shown}"


def _row(problem: Problem) -> int:
    return int(problem.where.get("row", 0))


def export(session: Session, fmt: str) -> bytes:
    """Every person as imported (each row keeps its cells), as CSV or XLSX."""
    return write_table(
        COLUMNS, [[p.cells.get(c, "") for c in COLUMNS] for p in every(session)], fmt
    )
