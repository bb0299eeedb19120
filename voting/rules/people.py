"""People of the agency as the rules engine sees them, parsed from table rows.

The columns are those of `sample-agency.csv` (documented in the README). A file is accepted
whole or not at all: `people_from_rows` reports every bad row, by row number and column, in one
error, so the organiser can fix the file in one pass.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from voting.rules.errors import PersonError
from voting.rules.kh331 import KH331
from voting.rules.retirement import Override, check_override
from voting.rules.ruleset import RuleSet

COLUMNS = ("id", "full_name", "sex", "born", "post", "unit")
STUDYING = "dang_hoc_"
_YES = {"yes": True, "y": True, "true": True, "1": True, "có": True, "x": True}
_NO = {"no": False, "n": False, "false": False, "0": False, "không": False, "": False}
_STANDARDS = ("met", "not_met", "")


@dataclass(frozen=True)
class Discipline:
    """A disciplinary measure at `level`, in force from `start` until `end` (open if None)."""

    level: str
    start: date
    end: date | None

    def in_force(self, first: date, last: date) -> bool:
        """Whether the measure is in force on any day from `first` to `last`."""
        return self.start <= last and (self.end is None or self.end > first)


@dataclass(frozen=True)
class Person:
    """A cadre of the agency; `born` is the first of the birth month when only a year is known."""

    id: str
    full_name: str
    sex: str
    born: date
    post: str
    unit: str
    party_member: bool = False
    political_theory: str = "none"
    qualification: str = ""
    groups: tuple[str, ...] = ()
    discipline: tuple[Discipline, ...] = ()
    political_standard: str = ""
    deceased: bool = False
    retirement_override: Override | None = None


@dataclass(frozen=True)
class PlannedPosition:
    """A place on a planning list: a cadre planned for a position (its full title), approved
    on a date (unknown for a list still being drawn up)."""

    cadre_id: str
    position: str
    approved_on: date | None = None


def planning_from_rows(
    rows: Iterable[tuple[int, Mapping[str, str]]], rule_set: RuleSet = KH331
) -> list[PlannedPosition]:
    """The rows of a planning list (columns of `sample-current-planning.csv`), all or nothing."""
    entries: list[PlannedPosition] = []
    problems: list[str] = []
    for number, cells in rows:
        cadre, position = cells.get("cadre_id", "").strip(), cells.get("position", "").strip()
        approved = cells.get("approved_on", "").strip()
        if not cadre or not position:
            problems.append(f"row {number}: cadre_id and position are required")
        elif rule_set.position_for(position) is None:
            problems.append(f"row {number}: position: unknown position {position!r}")
        else:
            try:
                entries.append(
                    PlannedPosition(
                        cadre, position, date.fromisoformat(approved) if approved else None
                    )
                )
            except ValueError:
                problems.append(f"row {number}: approved_on: expected YYYY-MM-DD, got {approved!r}")
    if problems:
        raise PersonError("\n".join(problems))
    return entries


def people_from_rows(
    rows: Iterable[tuple[int, Mapping[str, str]]], rule_set: RuleSet = KH331
) -> list[Person]:
    """Every row as a Person, or one PersonError listing each bad row (nothing half-read)."""
    people: list[Person] = []
    problems: list[str] = []
    seen: dict[str, int] = {}
    for number, cells in rows:
        try:
            person = person_from_row(cells, rule_set)
        except PersonError as error:
            problems.append(f"row {number}: {error}")
            continue
        if person.id in seen:
            problems.append(f"row {number}: id {person.id!r} repeats row {seen[person.id]}")
        seen.setdefault(person.id, number)
        people.append(person)
    if problems:
        raise PersonError("\n".join(problems))
    return people


def person_from_row(cells: Mapping[str, str], rule_set: RuleSet = KH331) -> Person:
    """One row (column name → text) as a Person; the error names the column."""
    text = {key: (value or "").strip() for key, value in cells.items()}
    for column in COLUMNS:
        if not text.get(column):
            raise PersonError(f"{column}: required")
    sex = text["sex"].upper()
    if sex not in rule_set.retirement:
        raise PersonError(f"sex: expected M or F, got {text['sex']!r}")
    groups = tuple(group for group in _split(text.get("groups", "")))
    unknown = [group for group in groups if group not in rule_set.groups]
    if unknown:
        raise PersonError(f"groups: unknown group(s) {', '.join(unknown)}")
    return Person(
        id=text["id"],
        full_name=text["full_name"],
        sex=sex,
        born=parse_birth(text["born"]),
        post=text["post"],
        unit=text["unit"],
        party_member=_flag(text.get("party_member", ""), "party_member"),
        political_theory=_theory(text.get("political_theory", ""), rule_set),
        qualification=text.get("qualification", ""),
        groups=groups,
        discipline=tuple(_discipline(item) for item in _split(text.get("discipline", ""))),
        political_standard=_standard(text.get("political_standard", "")),
        deceased=_flag(text.get("deceased", ""), "deceased"),
        retirement_override=_override(
            text.get("retirement_override", ""), text.get("override_note", ""), rule_set
        ),
    )


def parse_birth(value: str) -> date:
    """`YYYY-MM-DD`, `YYYY-MM` or `YYYY` (January when only the year is known)."""
    parts = value.split("-")
    try:
        numbers = [int(part) for part in parts]
        if len(numbers) == 1:
            return date(numbers[0], 1, 1)
        if len(numbers) == 2:
            return date(numbers[0], numbers[1], 1)
        if len(numbers) == 3:
            return date(numbers[0], numbers[1], numbers[2])
    except ValueError:
        pass
    raise PersonError(f"born: expected YYYY-MM-DD, YYYY-MM or YYYY, got {value!r}")


def parse_month(value: str, what: str) -> date:
    """A `YYYY-MM` month as its first day."""
    try:
        year, month = (int(part) for part in value.split("-"))
        return date(year, month, 1)
    except ValueError:
        raise PersonError(f"{what}: expected YYYY-MM, got {value!r}") from None


def _split(value: str) -> list[str]:
    return [item.strip() for item in value.split(";") if item.strip()]


def _flag(value: str, column: str) -> bool:
    key = value.strip().lower()
    if key in _YES:
        return _YES[key]
    if key in _NO:
        return _NO[key]
    raise PersonError(f"{column}: expected yes or no, got {value!r}")


def _theory(value: str, rule_set: RuleSet) -> str:
    level = value.strip() or "none"
    studied = level.removeprefix(STUDYING)
    if studied not in rule_set.political_theory_levels or (level != studied and studied == "none"):
        known = ", ".join(rule_set.political_theory_levels)
        raise PersonError(
            f"political_theory: expected one of {known} (or {STUDYING}<level>), got {value!r}"
        )
    return level


def _discipline(item: str) -> Discipline:
    parts = item.split(":")
    if len(parts) not in (2, 3) or not parts[0]:
        raise PersonError(f"discipline: expected level:YYYY-MM-DD[:YYYY-MM-DD], got {item!r}")
    try:
        start = date.fromisoformat(parts[1])
        end = date.fromisoformat(parts[2]) if len(parts) == 3 and parts[2] else None
    except ValueError:
        raise PersonError(f"discipline: bad date in {item!r}") from None
    if end is not None and end < start:
        raise PersonError(f"discipline: ends before it starts in {item!r}")
    return Discipline(parts[0], start, end)


def _standard(value: str) -> str:
    if value not in _STANDARDS:
        raise PersonError(f"political_standard: expected met or not_met, got {value!r}")
    return value


def _override(value: str, note: str, rule_set: RuleSet) -> Override | None:
    if not value:
        return None
    reason, _, months = value.partition(":")
    try:
        override = Override(reason.strip(), int(months), note)
    except ValueError:
        raise PersonError(f"retirement_override: expected reason:months, got {value!r}") from None
    check_override(override, rule_set)
    return override
