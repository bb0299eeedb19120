"""The planning in force (columns of sample-current-planning.csv): who is planned for which
position, for which terms, approved when. Approval of a process adds and closes entries.

An import checks each row against the rule set and the rest of the registry: the position is
one the rule set knows, and — once the people are imported — a unit's position is that of a
unit of the people; the terms are labels of the terms table (once it has any). A cadre missing
from the people is accepted: the annual review removes them (docs/planning.md). Across the
rows: at most 3 cadres for a position in a term, at most 3 positions for a cadre at one
approval level in a term (the rule set's limits), and a cadre once per position and term."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from voting.conference.errors import Problem
from voting.conference.imports import row_problem
from voting.registry.table import Cells, Kind, Known, day, fold
from voting.rules import KH331
from voting.rules.ruleset import PositionKind
from voting.rules.source import unit_position_title
from voting.store import PlanningEntry
from voting.tabular import Row

RULES = KH331


def _parse(row: Row, known: Known) -> PlanningEntry:
    cells = Cells()
    ref = row.get("cadre_id")
    position = " ".join(row.get("position").split())
    kind = RULES.position_for(position) if position else None
    if position and kind is None:
        cells.add("position", f"unknown position {position!r}", f"không có chức danh “{position}”")
    elif kind is not None and kind.per_unit and known.units and not _of_a_unit(position, known):
        cells.add(
            "position",
            f"{position!r} is not the position of a unit of the people "
            f"(units: {', '.join(known.units)})",
            f"“{position}” không phải chức danh của một đơn vị có trong danh sách cán bộ "
            f"(các đơn vị: {', '.join(known.units)})",
        )
    terms = list(dict.fromkeys(t.strip() for t in row.get("term").split(";") if t.strip()))
    if row.get("term") and not terms:
        cells.add("term", "no term label", "chưa ghi nhiệm kỳ")
    if known.terms:
        labels = {fold(label): label for label in [*known.approved_terms, *known.terms]}
        unknown = [t for t in terms if fold(t) not in labels]
        if unknown:
            cells.add(
                "term",
                f"unknown term(s) {', '.join(unknown)} (the terms table has "
                f"{', '.join(known.terms)})",
                f"không có nhiệm kỳ {', '.join(unknown)} trong danh sách nhiệm kỳ (có: "
                f"{', '.join(known.terms)})",
            )
        terms = [labels.get(fold(t), t) for t in terms]
    approved = cells.take(lambda: day(row, "approved_on"), None) if row.get("approved_on") else None
    cells.done()
    return PlanningEntry(
        cadre_ref=known.person(ref) or ref,
        full_name=" ".join(row.get("full_name").split()),
        position=position,
        terms=terms,
        approved_on=approved,
        removed_on=None,
        removal_reason="",
    )


def _of_a_unit(position: str, known: Known) -> bool:
    """Whether `position` is "Trưởng phòng"/"Phó trưởng phòng" of a unit of the people, titled
    as the source list titles it ("Trưởng phòng Kế hoạch" for "Phòng Kế hoạch") or with the
    unit's name whole."""
    titles = set()
    for kind in RULES.positions.values():
        if kind.per_unit:
            prefix = kind.title.removesuffix(" và tương đương")
            for unit in known.units:
                titles |= {fold(unit_position_title(kind, unit)), fold(f"{prefix} {unit}")}
    return fold(position) in titles


def _check(entries: Sequence[tuple[int, PlanningEntry]], known: Known) -> list[Problem]:
    """The limits across rows, each reported at the row that breaks it, naming the others."""
    problems: list[Problem] = []
    cadres: dict[tuple[str, str], list[int]] = defaultdict(list)
    positions: dict[tuple[str, str, str], list[int]] = defaultdict(list)
    once: dict[tuple[str, str, str], int] = {}
    for number, entry in entries:
        kind = RULES.position_for(entry.position)
        assert isinstance(kind, PositionKind)
        for term in entry.terms:
            first = once.setdefault((fold(entry.cadre_ref), fold(entry.position), term), number)
            if first != number:
                problems.append(
                    row_problem(
                        number,
                        "term",
                        f"{entry.cadre_ref} is already planned for {entry.position!r} in term "
                        f"{term} at row {first}",
                        f"{entry.cadre_ref} đã được quy hoạch chức danh “{entry.position}” "
                        f"nhiệm kỳ {term} ở dòng {first}",
                    )
                )
                continue
            crowd = cadres[(fold(entry.position), term)]
            crowd.append(number)
            if len(crowd) == RULES.max_cadres_per_position + 1:
                problems.append(
                    row_problem(
                        number,
                        "position",
                        f"more than {RULES.max_cadres_per_position} cadres planned for "
                        f"{entry.position!r} in term {term} (rows {_rows(crowd)})",
                        f"quá {RULES.max_cadres_per_position} người được quy hoạch chức danh "
                        f"“{entry.position}” nhiệm kỳ {term} (các dòng {_rows(crowd)})",
                    )
                )
            busy = positions[(fold(entry.cadre_ref), term, kind.tier)]
            busy.append(number)
            if len(busy) == RULES.max_positions_per_cadre + 1:
                problems.append(
                    row_problem(
                        number,
                        "cadre_id",
                        f"{entry.cadre_ref} is planned for more than "
                        f"{RULES.max_positions_per_cadre} positions of one approval level in "
                        f"term {term} (rows {_rows(busy)})",
                        f"{entry.cadre_ref} được quy hoạch quá {RULES.max_positions_per_cadre} "
                        f"chức danh cùng cấp phê duyệt trong nhiệm kỳ {term} (các dòng "
                        f"{_rows(busy)})",
                    )
                )
    return problems


def _rows(numbers: list[int]) -> str:
    return ", ".join(str(n) for n in numbers)


KIND = Kind(
    "danh sách quy hoạch hiện hành",
    "Current planning",
    PlanningEntry,
    ("cadre_id", "full_name", "position", "term", "approved_on"),
    ("cadre_id", "full_name", "position", "term"),
    _parse,
    # One entry per cadre, position and terms: the next term's planning is its own entry.
    lambda e: (fold(e.cadre_ref), fold(e.position), tuple(e.terms)),
    lambda e: (
        e.cadre_ref,
        e.full_name,
        e.position,
        ";".join(e.terms),
        e.approved_on.isoformat() if e.approved_on else "",
    ),
    lambda session: current(session),
    _check,
)


def current(session: Session) -> list[PlanningEntry]:
    """The entries in force (not removed), by cadre and position."""
    return list(
        session.execute(
            select(PlanningEntry)
            .where(PlanningEntry.removed_on.is_(None))
            .order_by(PlanningEntry.cadre_ref, PlanningEntry.position)
        ).scalars()
    )
