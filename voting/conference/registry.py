"""The agency's registry of people (columns of sample-agency.csv), imported whole or not at all."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from voting.conference.errors import Problem
from voting.conference.imports import rejected, row_problem, rows_of
from voting.rules import KH331, PersonError, RuleSet
from voting.rules.people import COLUMNS, person_from_row
from voting.store import Person


def import_people(session: Session, path: Path, rule_set: RuleSet = KH331) -> list[Person]:
    """Replace the registry with the file's people; any bad row refuses the whole file."""
    people: list[Person] = []
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    for row in rows_of(path, COLUMNS):
        try:
            parsed = person_from_row(row.cells, rule_set)
        except PersonError as error:
            column, _, detail = str(error).partition(": ")
            problems.append(row_problem(row.number, column, detail))
            continue
        if parsed.id in seen:
            problems.append(
                row_problem(
                    row.number,
                    "id",
                    f"id {parsed.id!r} repeats row {seen[parsed.id]}",
                    f"mã “{parsed.id}” trùng với dòng {seen[parsed.id]}",
                )
            )
            continue
        seen[parsed.id] = row.number
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
        raise rejected("danh sách cán bộ", "People", problems)
    # Through the ORM, not a bulk DELETE: the session may still hold the old rows.
    for old in every(session):
        session.delete(old)
    session.flush()
    session.add_all(people)
    session.commit()
    return people


def every(session: Session) -> list[Person]:
    """The registry, by id."""
    return list(session.execute(select(Person).order_by(Person.ref)).scalars())
