"""The roster of convened attendees: drawn from the registry by the step's composition groups,
plus attendees from outside the agency from a list, edited by hand until check-in opens."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from voting.conference import conferences, events
from voting.conference.errors import Problem, refused
from voting.conference.imports import rejected, row_problem, rows_of
from voting.conference.search import matches
from voting.store import Attendee, AttendeeSource, ExternalPerson, Person, Phase
from voting.translations import texts

EXTERNAL_COLUMNS = ("id", "full_name", "post", "unit")
SEXES = ("M", "F")


@dataclass(frozen=True)
class NewAttendee:
    """An attendee typed in by hand; `ref` is an optional id of the organiser's own."""

    full_name: str
    post: str = ""
    unit: str = ""
    sex: str = ""
    ref: str | None = None


def attendees(session: Session, conference_id: str, query: str = "") -> list[Attendee]:
    """The roster in order, or those whose name or id match `query` (diacritics and case
    ignored)."""
    every = session.execute(
        select(Attendee)
        .where(Attendee.conference_id == conference_id)
        .order_by(Attendee.id)
        .execution_options(populate_existing=True)
    ).scalars()
    return [a for a in every if matches(query, a.full_name, a.ref or "")]


def _attendees(
    conference_id: str, people: Sequence[Person | ExternalPerson], source: AttendeeSource
) -> list[Attendee]:
    """Registry records as attendees of the conference, not yet present."""
    return [
        Attendee(
            conference_id=conference_id,
            ref=person.ref,
            source=source,
            full_name=person.full_name,
            sex=person.sex,
            post=person.post,
            unit=person.unit,
            present=False,
        )
        for person in people
    ]


def draw(session: Session, conference_id: str, actor: str) -> list[Attendee]:
    """Replace the roster's registry entries with everyone of the step's composition groups."""
    conference = conferences.lock(session, conference_id)
    conferences.require_phase(conference, Phase.SETUP)
    groups = conferences.step_of(conference).composition_for(conference.tier)
    people = [
        person
        for person in session.execute(select(Person).order_by(Person.ref)).scalars()
        if set(person.groups) & set(groups)
    ]
    if not people:
        raise refused("nobody_to_draw", groups=", ".join(groups))
    others = _refs(session, conference_id, exclude=AttendeeSource.REGISTRY)
    _refuse_taken((p.ref for p in people), others, "registry")
    _remove_source(session, conference_id, AttendeeSource.REGISTRY)
    drawn = _attendees(conference_id, people, AttendeeSource.REGISTRY)
    session.add_all(drawn)
    session.flush()
    events.record(
        session,
        conference,
        "roster.drawn",
        actor,
        {"groups": list(groups), "attendees": _listed(drawn)},
    )
    step = conferences.step_of(conference)
    externals = list(session.execute(select(ExternalPerson).order_by(ExternalPerson.ref)).scalars())
    # rules.md: the tier's extra groups (the district and city economic heads) are people
    # outside the agency, added from the registry's list of external attendees.
    if step.extra_composition.get(conference.tier) and externals:
        _refuse_taken((e.ref for e in externals), {p.ref for p in people}, "external")
        _remove_source(session, conference_id, AttendeeSource.EXTERNAL)
        added = _attendees(conference_id, externals, AttendeeSource.EXTERNAL)
        session.add_all(added)
        session.flush()
        events.record(
            session, conference, "roster.externals_drawn", actor, {"attendees": _listed(added)}
        )
        drawn += added
    return drawn


def import_externals(
    session: Session, conference_id: str, path: Path, actor: str
) -> list[Attendee]:
    """Replace the roster's external attendees with the file's (columns of
    sample-external-attendees.csv); any bad row refuses the whole file."""
    rows = rows_of(path, EXTERNAL_COLUMNS)
    conference = conferences.lock(session, conference_id)
    conferences.require_phase(conference, Phase.SETUP)
    others = _refs(session, conference_id, exclude=AttendeeSource.EXTERNAL)
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    externals: list[Attendee] = []
    for row in rows:
        missing = [column for column in EXTERNAL_COLUMNS if not row.get(column)]
        problems += [
            row_problem(row.number, column, texts("import.required")) for column in missing
        ]
        ref, sex = row.get("id"), row.get("sex").upper()
        if sex and sex not in SEXES:
            problems.append(row_problem(row.number, "sex", texts("import.sex", sex=sex)))
        if ref in seen:
            problems.append(
                row_problem(row.number, "id", texts("import.id_repeated", ref=ref, first=seen[ref]))
            )
        elif ref in others:
            problems.append(row_problem(row.number, "id", texts("import.id_on_roster", ref=ref)))
        seen.setdefault(ref, row.number)
        externals.append(
            Attendee(
                conference_id=conference_id,
                ref=ref,
                source=AttendeeSource.EXTERNAL,
                full_name=row.get("full_name"),
                sex=sex,
                post=row.get("post"),
                unit=row.get("unit"),
                present=False,
            )
        )
    if problems:
        raise rejected("import.what.externals", problems)
    _remove_source(session, conference_id, AttendeeSource.EXTERNAL)
    session.add_all(externals)
    session.flush()
    events.record(
        session, conference, "roster.externals_imported", actor, {"attendees": _listed(externals)}
    )
    session.flush()
    return externals


def add(session: Session, conference_id: str, new: NewAttendee, actor: str) -> Attendee:
    """Add one attendee by hand."""
    full_name = " ".join(new.full_name.split())
    if not full_name or len(full_name) > 200:
        raise refused("invalid_input.full_name")
    sex = new.sex.upper()
    if sex and sex not in SEXES:
        raise refused("invalid_input.sex")
    conference = conferences.lock(session, conference_id)
    conferences.require_phase(conference, Phase.SETUP)
    ref = new.ref.strip() if new.ref and new.ref.strip() else None
    if ref is not None:
        _refuse_taken([ref], _refs(session, conference_id), "manual")
    attendee = Attendee(
        conference_id=conference_id,
        ref=ref,
        source=AttendeeSource.MANUAL,
        full_name=full_name,
        sex=sex,
        post=new.post.strip(),
        unit=new.unit.strip(),
        present=False,
    )
    session.add(attendee)
    session.flush()
    events.record(session, conference, "roster.added", actor, _listed([attendee])[0])
    session.flush()
    return attendee


def remove(session: Session, conference_id: str, attendee_id: int, actor: str) -> None:
    """Take one attendee off the roster."""
    conference = conferences.lock(session, conference_id)
    conferences.require_phase(conference, Phase.SETUP)
    attendee = find(session, conference_id, attendee_id)
    entry = _listed([attendee])[0]
    session.delete(attendee)
    events.record(session, conference, "roster.removed", actor, entry)
    session.flush()


def find(session: Session, conference_id: str, attendee_id: int) -> Attendee:
    """An attendee of this conference, or NotFound (an id of another conference is not found)."""
    attendee = session.get(Attendee, attendee_id, populate_existing=True)
    if attendee is None or attendee.conference_id != conference_id:
        raise refused("not_found.attendee", attendee_id=attendee_id)
    return attendee


def _remove_source(session: Session, conference_id: str, source: AttendeeSource) -> None:
    # Through the ORM, not a bulk DELETE: the session may still hold the old rows.
    for attendee in session.execute(
        select(Attendee).where(Attendee.conference_id == conference_id, Attendee.source == source)
    ).scalars():
        session.delete(attendee)
    session.flush()


def _refs(session: Session, conference_id: str, exclude: str | None = None) -> set[str]:
    query = select(Attendee.ref).where(
        Attendee.conference_id == conference_id, Attendee.ref.is_not(None)
    )
    if exclude is not None:
        query = query.where(Attendee.source != exclude)
    return {ref for ref in session.execute(query).scalars() if ref is not None}


def _refuse_taken(refs: Iterable[str], taken: set[str], source: str) -> None:
    clashes = sorted(set(refs) & taken)
    if clashes:
        raise refused("duplicate_attendee", clashes=", ".join(clashes), source=source)


def _listed(people: list[Attendee]) -> list[dict[str, str | int]]:
    """Attendees as event data: canonical JSON has no null, so a missing ref is left out."""
    listed = []
    for attendee in people:
        entry: dict[str, str | int] = {
            "id": attendee.id,
            "full_name": attendee.full_name,
            "source": attendee.source,
        }
        if attendee.ref:
            entry["ref"] = attendee.ref
        listed.append(entry)
    return listed
