"""Starting a planning process: its steps, its conferences and the proposed source list."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from voting.conference import conferences, roster
from voting.conference.conferences import Committee, Details
from voting.conference.errors import refused
from voting.planning import appointments, log
from voting.planning.lists import EligibilityReason, SourceEntry
from voting.planning.state import MissingCadre, Review, ReviewedEntry, ReviewRemoval
from voting.registry import planning as registry_planning
from voting.registry import terms
from voting.registry.table import fold
from voting.rules import KH331, PersonError, RuleSet
from voting.rules.eligibility import eligibility, term_kind
from voting.rules.people import Person, PlannedPosition, person_from_row
from voting.rules.retirement import month_index, month_start
from voting.rules.source import (
    missing_from,
    of_tier,
    positions_of_tier,
    propose,
    review_planning,
    tier_of,
)
from voting.store import Person as StoredPerson
from voting.store import Process, ProcessStatus, ProcessStep, StepStatus

RULES = KH331


@dataclass(frozen=True)
class NewProcess:
    """What the organiser chooses: the procedure, the tier, the term the planning is for (its
    label, and for the next term its start month), the reference month of the dossier, and
    the date and place the conferences default to."""

    procedure: str
    tier: str
    term: str
    reference: date
    term_start: date | None
    held_on: date
    place: str


def start(session: Session, new: NewProcess, actor: str, rule_set: RuleSet = KH331) -> Process:
    """A new process: its steps, a conference for each step that holds a secret ballot (its
    roster drawn from the registry's groups), and the source list proposed by the
    eligibility engine (and, in the annual review, the automatic removals). All or nothing:
    in the caller's unit of work, which commits it whole or rolls it back whole."""
    rules = rule_set
    known = {term.label: term for term in terms.every(session)}
    registered = known.get(new.term.strip())
    if new.term_start is None and registered is not None:
        # A term the registry knows starts when the registry says.
        new = replace(new, term_start=registered.starts_on)
    if (
        registered is not None
        and registered.ends_on != date.min
        and registered.ends_on < new.reference
    ):
        # B.I.3: the planning ends with the term it is for.
        raise refused(
            "term_ended", term=registered.label, ended_on=registered.ends_on.strftime("%d/%m/%Y")
        )
    _check(new, rules)
    people = registry_people(session)
    if not people:
        raise refused("no_registry")
    planning = planned_for(session, new.term)
    reference = month_start(month_index(new.reference))
    # The review covers the tier's positions only; the other tier's planning stays as it is
    # (and still counts for the eligibility checks of its cadres).
    others = [e for e in planning if tier_of(e.position, rules) != new.tier]
    term = term_kind(new.procedure, reference, new.term_start)
    removals, reviewed = (
        review_planning(
            people, planning, reference, rules, tier=new.tier, term=term, term_start=new.term_start
        )
        if new.procedure == "annual_review"
        else ([], of_tier(planning, new.tier, rules))
    )
    staying = reviewed + others
    try:
        report = eligibility(
            people, reference, term, new.term_start, planning=staying, rule_set=rules
        )
    except PersonError as error:
        raise refused("invalid_term", error=error) from error
    by_id = {person.id: person for person in people}
    sections = propose(positions_of_tier(new.tier, people, rules), people, report.people, staying)
    # A.II: no supplement for a position while an appointment to it runs — its candidates
    # start empty (the proposal keeps who would have been proposed).
    appointing = (
        appointments.running_positions(session) if new.procedure == "annual_review" else set()
    )
    procedure = rules.procedures[new.procedure]
    tier_title = rules.tiers[new.tier].title
    process = Process(
        id=secrets.token_hex(16),
        procedure=new.procedure,
        tier=new.tier,
        title=f"{procedure.title} {new.term} — {tier_title}",
        term=new.term,
        term_start=new.term_start,
        reference=reference,
        rule_set_hash=rules.hash,
        status=ProcessStatus.RUNNING,
        proposal=[
            {
                "position": s.position.title,
                "kind": s.position.kind,
                "unit": s.position.unit,
                "places": s.places,
                "proposed": [_who(by_id[p.cadre]) | p.to_dict() for p in s.proposed],
                "excluded": [_who(by_id[e.cadre]) | e.to_dict() for e in s.excluded],
            }
            for s in sections
        ],
        source=[
            SourceEntry(
                position=s.position.title,
                kind=s.position.kind,
                unit=s.position.unit,
                places=s.places,
                candidates=[]
                if fold(s.position.title) in appointing
                else [p.cadre for p in s.proposed],
            ).to_json()
            for s in sections
        ],
        review=Review(
            automatic=[
                ReviewRemoval(
                    cadre=r.cadre,
                    full_name=by_id[r.cadre].full_name if r.cadre in by_id else r.cadre,
                    position=r.position,
                    reasons=[EligibilityReason.of(reason) for reason in r.reasons],
                )
                for r in removals
            ],
            planned=[
                ReviewedEntry(
                    cadre=e.cadre_id, full_name=by_id[e.cadre_id].full_name, position=e.position
                )
                for e in reviewed
                if e.cadre_id in by_id
            ]
            if new.procedure == "annual_review"
            else [],
            # Planned cadres the registry lacks: kept (no ground for removal), flagged.
            missing=[
                MissingCadre(cadre=e.cadre_id, position=e.position)
                for e in missing_from(people, reviewed)
            ]
            if new.procedure == "annual_review"
            else [],
            proposed=[],
            removed=[],
        ).to_json(),
        created_by=actor,
        steps=[
            ProcessStep(
                number=step.number,
                status=StepStatus.CURRENT if index == 0 else StepStatus.WAITING,
            )
            for index, step in enumerate(procedure.steps)
        ],
    )
    session.add(process)
    session.flush()
    log.record(
        session,
        process,
        "process.started",
        actor,
        {
            "procedure": new.procedure,
            "tier": new.tier,
            "term": new.term,
            "term_start": new.term_start.isoformat() if new.term_start else None,
            "reference": reference.isoformat(),
            "rule_set_hash": rules.hash,
        },
    )
    for item in process.steps:
        step = rules.step(process.procedure, item.number)
        if step.ballot == "none" or not step.composition:
            continue
        conference = conferences.create(
            session,
            procedure=process.procedure,
            step_number=item.number,
            tier=process.tier,
            # Titled after the procedure and term: the pages name the step and the tier beside
            # the title already.
            details=Details(f"{procedure.title} {new.term}"[:300], new.held_on, new.place),
            committee=Committee(),
            actor=actor,
            rule_set=rules,
        )
        conference.process_id = process.id
        item.conference_id = conference.id
        session.flush()
        roster.draw(session, conference.id, actor)
    return process


def get(session: Session, process_id: str) -> Process:
    """The process, or NotFound."""
    process = session.get(Process, process_id, populate_existing=True)
    if process is None:
        raise refused("not_found.process", process_id=process_id)
    return process


def lock(session: Session, process_id: str) -> Process:
    """Take the process's write lock and read it fresh, first in every change's transaction
    (a row lock on PostgreSQL, the write lock on SQLite), so that two consoles never pass a
    step on twice."""
    touched = session.execute(
        update(Process).where(Process.id == process_id).values(status=Process.status)
    )
    if getattr(touched, "rowcount", 0) != 1:
        raise refused("not_found.process", process_id=process_id)
    return get(session, process_id)


def every(session: Session) -> list[Process]:
    """All processes, newest first."""
    return list(
        session.execute(select(Process).order_by(Process.created_at.desc(), Process.id)).scalars()
    )


def registry_people(session: Session) -> list[Person]:
    """The registry as the rules engine reads it (each row was checked when imported)."""
    stored = session.execute(select(StoredPerson).order_by(StoredPerson.ref)).scalars()
    return [person_from_row(person.cells, RULES) for person in stored]


def planned_for(session: Session, term: str) -> list[PlannedPosition]:
    """The current planning in force for `term` (an entry lists the terms it is for)."""
    return [
        PlannedPosition(entry.cadre_ref, entry.position, entry.approved_on)
        for entry in registry_planning.current(session)
        if term in entry.terms
    ]


def step_of(process: Process, number: int) -> ProcessStep:
    """The process's step `number`, or NotFound."""
    for item in process.steps:
        if item.number == number:
            return item
    raise refused("not_found.step", number=number)


def _who(person: Person) -> dict[str, Any]:
    return {
        "full_name": person.full_name,
        "sex": person.sex,
        "born": person.born.isoformat(),
        "post": person.post,
        "unit": person.unit,
    }


def _check(new: NewProcess, rules: RuleSet) -> None:
    if new.procedure not in rules.procedures:
        raise refused("unknown_procedure", procedure=new.procedure)
    if new.tier not in rules.tiers:
        raise refused("unknown_tier.process", tier=new.tier)
    if not new.term.strip() or len(new.term) > 20:
        raise refused("invalid_input.term")
    if new.procedure == "next_term" and new.term_start is None:
        raise refused("invalid_term.start")
    if not new.place.strip() or len(new.place) > 300:
        raise refused("invalid_input.place")
