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
from voting.translations import texts

RULES = KH331


def _parse(row: Row, known: Known) -> PlanningEntry:
    cells = Cells()
    ref = row.get("cadre_id")
    position = " ".join(row.get("position").split())
    kind = RULES.position_for(position) if position else None
    if position and kind is None:
        cells.add("position", texts("import.position_unknown", position=position))
    elif kind is not None and kind.per_unit and known.units and not _of_a_unit(position, known):
        units = ", ".join(known.units)
        cells.add("position", texts("import.position_of_no_unit", position=position, units=units))
    terms = list(dict.fromkeys(t.strip() for t in row.get("term").split(";") if t.strip()))
    if row.get("term") and not terms:
        cells.add("term", texts("import.term_missing"))
    if known.terms:
        labels = {fold(label): label for label in [*known.approved_terms, *known.terms]}
        unknown = [t for t in terms if fold(t) not in labels]
        if unknown:
            named = {"unknown": ", ".join(unknown), "terms": ", ".join(known.terms)}
            cells.add("term", texts("import.term_unknown", **named))
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
                        texts(
                            "import.planned_twice",
                            cadre=entry.cadre_ref,
                            position=entry.position,
                            term=term,
                            first=first,
                        ),
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
                        texts(
                            "import.position_full",
                            most=RULES.max_cadres_per_position,
                            position=entry.position,
                            term=term,
                            rows=_rows(crowd),
                        ),
                    )
                )
            busy = positions[(fold(entry.cadre_ref), term, kind.tier)]
            busy.append(number)
            if len(busy) == RULES.max_positions_per_cadre + 1:
                problems.append(
                    row_problem(
                        number,
                        "cadre_id",
                        texts(
                            "import.cadre_full",
                            cadre=entry.cadre_ref,
                            most=RULES.max_positions_per_cadre,
                            term=term,
                            rows=_rows(busy),
                        ),
                    )
                )
    return problems


def _rows(numbers: list[int]) -> str:
    return ", ".join(str(n) for n in numbers)


KIND = Kind(
    "import.what.planning",
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
