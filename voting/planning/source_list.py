"""The source list as the organiser edits it, with each cadre's eligibility warnings and the
live structure report (under 40, women, a woman among key leaders) against the targets."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date

from sqlalchemy.orm import Session

from voting.conference.errors import refused
from voting.planning import appointments, log
from voting.planning.lists import EligibilityReason, ExcludedCadre, proposal_of, source_of
from voting.planning.processes import RULES, lock, registry_people
from voting.planning.steps import held_now, places_now, source_frozen
from voting.rules.eligibility import PersonEligibility, Reason, eligibility, term_kind
from voting.rules.people import Person, PlannedPosition
from voting.rules.source import Position, at_cap, source_warnings
from voting.rules.structure import check_limits, structure_report
from voting.shape import Shape
from voting.store import Process


def set_candidates(
    session: Session, process_id: str, position: str, cadres: Sequence[str], actor: str
) -> Process:
    """Replace the candidates of one position of the source list, until it is approved."""
    process = lock(session, process_id)
    if source_frozen(process):
        raise refused("source_frozen")
    sections = source_of(process)
    section = next((s for s in sections if s.position == position), None)
    if section is None:
        raise refused("unknown_position", position=position)
    if cadres and process.procedure == "annual_review":
        appointments.refuse_if_running(session, position)
    known = {person.id for person in registry_people(session)}
    unknown = [cadre for cadre in cadres if cadre not in known]
    if unknown:
        raise refused("unknown_cadre", unknown=", ".join(unknown))
    if len(set(cadres)) != len(cadres):
        raise refused("unknown_cadre.repeated")
    before = section.candidates
    process.source = [
        s.model_copy(update={"candidates": list(cadres)}).to_json() if s is section else s.to_json()
        for s in sections
    ]
    log.record(
        session,
        process,
        "source.changed",
        actor,
        {"position": position, "before": before, "after": list(cadres)},
    )
    session.flush()
    return process


class SourceCandidate(Shape):
    """A cadre on the source list as the organiser sees it: the registry's particulars (`born`
    ISO), the source category the engine found (None for one added by hand), and the
    warnings for the position (reasons against and flags)."""

    cadre: str
    full_name: str
    sex: str
    born: str
    post: str
    unit: str
    category: int | None
    warnings: list[EligibilityReason]


class SourceRow(Shape):
    """One position of the source list as shown: the stored entry with its places open now,
    its candidates, and who the engine excluded and why (as stored with the proposal)."""

    position: str
    kind: str
    unit: str
    places: int
    candidates: list[SourceCandidate]
    excluded: list[ExcludedCadre]


def view(session: Session, process: Process) -> list[SourceRow]:
    """Each position of the source list with its candidates and their warnings (reasons
    against and flags), and who else was considered and excluded, with the reasons."""
    people = {person.id: person for person in registry_people(session)}
    report = _eligibility(session, process, people.values())
    proposal = proposal_of(process)
    held = held_now(session, process)
    out: list[SourceRow] = []
    for section in source_of(process):
        position = Position(section.position, section.kind, section.unit)
        proposed = proposal.get(section.position)
        categories = {p.cadre: p.category for p in proposed.proposed} if proposed else {}
        out.append(
            SourceRow(
                position=section.position,
                kind=section.kind,
                unit=section.unit,
                places=places_now(process, section),
                candidates=[
                    _candidate(
                        people[cadre],
                        categories.get(cadre),
                        [
                            *source_warnings(people[cadre], position, report[cadre], RULES),
                            *filter(None, [at_cap(cadre, held, RULES)]),
                        ],
                    )
                    for cadre in section.candidates
                    if cadre in people
                ],
                excluded=proposed.excluded if proposed else [],
            )
        )
    return out


def structure(
    session: Session, process: Process, lists: Mapping[str, Sequence[str]] | None = None
) -> Structure:
    """The structure report of a candidate list (the source list unless `lists` is given):
    counts, exact shares shown as percentages, each target met or not, and the limits."""
    people = {person.id: person for person in registry_people(session)}
    chosen = lists if lists is not None else {s.position: s.candidates for s in source_of(process)}
    entries = [
        PlannedPosition(cadre, position)
        for position, cadres in chosen.items()
        for cadre in cadres
        if cadre in people
    ]
    return _report(entries, people, process)


class Structure(Shape):
    """The structure report of a candidate list as shown (under 40, women, woman key leader),
    and its limits: the counts, each target met or not, the shares and targets as percentage
    text ("33.3", "30"), and the limits exceeded. The API answers it as it is."""

    rule_set: str
    rule_set_hash: str
    reference: date
    planned: int
    young: int
    women: int
    women_key_leaders: int
    young_met: bool
    women_met: bool
    woman_key_leader_met: bool
    young_percent: str
    women_percent: str
    young_target: str
    women_target: str
    young_under_years: int
    crowded_positions: dict[str, list[str]]
    busy_cadres: dict[str, list[str]]


def _report(
    entries: Sequence[PlannedPosition], people: Mapping[str, Person], process: Process
) -> Structure:
    """The structure report and the limits of `entries` (with the term's existing planning
    counted for the 3-positions cap)."""
    report = structure_report(entries, people, process.reference, RULES)
    targets = RULES.structure
    limits = check_limits(entries, RULES)
    return Structure(
        rule_set=report.rule_set,
        rule_set_hash=report.rule_set_hash,
        reference=report.reference,
        planned=report.planned,
        young=report.young,
        women=report.women,
        women_key_leaders=report.women_key_leaders,
        young_met=report.young_met,
        women_met=report.women_met,
        woman_key_leader_met=report.woman_key_leader_met,
        young_percent=f"{float(report.young_share) * 100:.1f}",
        women_percent=f"{float(report.women_share) * 100:.1f}",
        young_target=f"{float(targets.young_min) * 100:g}",
        women_target=f"{float(targets.women_min) * 100:g}",
        young_under_years=targets.young_under_years,
        crowded_positions=limits.crowded_positions,
        busy_cadres=limits.busy_cadres,
    )


def _eligibility(
    session: Session, process: Process, people: Iterable[Person]
) -> dict[str, PersonEligibility]:
    term = term_kind(process.procedure, process.reference, process.term_start)
    report = eligibility(list(people), process.reference, term, process.term_start, rule_set=RULES)
    return {item.person.id: item for item in report.people}


def _candidate(person: Person, category: int | None, warnings: list[Reason]) -> SourceCandidate:
    return SourceCandidate(
        cadre=person.id,
        full_name=person.full_name,
        sex=person.sex,
        born=person.born.isoformat(),
        post=person.post,
        unit=person.unit,
        category=category,
        warnings=[EligibilityReason.of(warning) for warning in warnings],
    )
