"""The chain of steps: approvals, the removal ballot, and the ballots each step passes on.

KH 331 B.IV: each step votes on those who passed the step before ("trên cơ sở kết quả" of it);
nobody is added later in the chain, so a step's ballot is only ever set here, from the approved
source list (the first ballot) or the previous step's passing candidates. The annual review's
first step also holds the removal ballot; its result frees places for the supplement.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime
from fractions import Fraction
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from voting.conference import ballot, conferences, results, roster
from voting.conference.ballot import CandidateInput, SectionInput
from voting.conference.conferences import Committee, Details
from voting.conference.errors import refused
from voting.planning import log
from voting.planning.lists import (
    Approval,
    SourceEntry,
    StepBallotCandidate,
    StepBallotSection,
    approval_of,
    source_of,
)
from voting.planning.processes import RULES, lock, planned_for, registry_people, step_of
from voting.planning.state import (
    CountedCandidate,
    CountedSection,
    Outcome,
    PlannedCadre,
    PlannedSection,
    RecordedDecision,
    RemovalEntry,
    ReviewedEntry,
    ReviewRemoval,
    StepResult,
    ballot_kind,
    paper_of,
    review_of,
)
from voting.rules.people import Person
from voting.rules.ruleset import Step
from voting.rules.source import held_positions, tier_of
from voting.store import (
    Conference,
    Event,
    Phase,
    Process,
    ProcessStep,
    StepStatus,
    utc_text,
)

_BASE_VI = {"present": "số người có mặt", "convened": "số người được triệu tập"}


def rule_step(process: Process, number: int) -> Step:
    """The rule set's step `number` of the process's procedure."""
    return RULES.step(process.procedure, number)


def threshold_text(step: Step) -> str:
    """ "≥ 30% số người có mặt": the step's threshold as the minutes say it."""
    assert step.threshold is not None
    sign = "≥" if step.threshold.comparison == "at_least" else ">"
    percent = step.threshold.ratio * 100
    shown = f"{percent.numerator}" if percent.denominator == 1 else f"{float(percent):.2f}"
    return f"{sign} {shown}% {_BASE_VI[step.threshold.base]}"


def approve(
    session: Session,
    process_id: str,
    number: int,
    held_on: date,
    note: str,
    removals: Sequence[tuple[str, str]],
    actor: str,
) -> Process:
    """Record a step held without a secret ballot on the list: the preparation, or the first
    leadership step approving the plan and the source list (which freezes it). In the annual
    review that step also names the planned cadres put to the removal ballot (`removals`:
    cadre, position); with none, its removal conference is not held."""
    process = lock(session, process_id)
    item = current_step(process, number)
    step = rule_step(process, number)
    if step.ballot == "candidates":
        raise refused("step_holds_ballot")
    if approval_of(item).recorded is not None:
        raise refused("already_recorded.step")
    if len(note) > 1000:
        raise refused("invalid_input.note")
    proposed = _removal_proposal(process, removals) if step.ballot == "removal" else []
    if step.ballot != "removal" and removals:
        raise refused("no_removal_ballot")
    item.approved = Approval(
        held_on=held_on.isoformat(),
        note=note.strip(),
        by=actor,
        at=utc_text(datetime.now(UTC)),
        source=source_of(process) if step.composition else None,
    ).to_json()
    process.review = review_of(process).model_copy(update={"proposed": proposed}).to_json()
    log.record(
        session,
        process,
        "step.approved",
        actor,
        {
            "step": number,
            "held_on": held_on.isoformat(),
            "removal_proposed": [p.to_json() for p in proposed],
        },
    )
    if step.ballot == "removal" and proposed:
        _set_removal_ballot(session, process, item, actor)
        return process
    if step.ballot == "removal" and item.conference_id:
        # Nobody is put to the vote: the removal conference is not held.
        conference = session.get(Conference, item.conference_id)
        if conference is not None and conference.phase == Phase.SETUP:
            session.delete(conference)
        item.conference_id = None
    finish(session, process, item, None, actor)
    return process


def source_frozen(process: Process) -> bool:
    """The source list is frozen once the first leadership step, which approves it, is done."""
    for item in process.steps:
        if rule_step(process, item.number).composition:
            return item.status == StepStatus.DONE
    return True


def after_conference(session: Session, conference_id: str, actor: str, timezone: str) -> None:
    """The events that move a process on from a step's conference — its box opened, its head
    decided — take the result into the process, logged under whoever caused them. Reading a
    page never does: viewing changes nothing. `timezone` is the room's (the installation's):
    the step is dated the day its vote was held there."""
    conference = session.get(Conference, conference_id)
    if conference is not None and conference.process_id is not None:
        sync(session, conference.process_id, actor, timezone)


def sync(session: Session, process_id: str, actor: str, timezone: str) -> Process:
    """Take the result of the current step's conference once its box is opened and the
    result complete (the head's decision included), and pass it on. Idempotent; called by
    `after_conference`, never by a read."""
    process = lock(session, process_id)
    for item in process.steps:
        if item.status != StepStatus.CURRENT or item.conference_id is None or item.paper:
            continue
        conference = session.get(Conference, item.conference_id)
        if conference is None or conference.phase != Phase.OPENED:
            continue
        view = results.view(session, conference, may_read_sealed=True)
        # Sealed or announced: not while the result awaits the head's decision.
        if view.status not in ("sealed", "announced") or view.result is None:
            continue
        held_on = voted_on(session, conference, timezone)
        result = _electronic(conference, view.result, held_on)
        if rule_step(process, item.number).ballot == "removal":
            take_removals(process, result)
        finish(session, process, item, result, actor)
    session.flush()
    return process


def hold_again(session: Session, process_id: str, number: int, actor: str) -> Process:
    """After the step's vote was aborted, a new conference for it: the roster drawn again, the
    same ballot (the aborted one keeps its record of why)."""
    process = lock(session, process_id)
    item = current_step(process, number)
    aborted = session.get(Conference, item.conference_id) if item.conference_id else None
    if aborted is None or aborted.phase != Phase.ABORTED:
        raise refused("not_aborted")
    paper = paper_of(item)
    if paper and paper.confirmations:
        raise refused("paper_confirmed")
    if paper:
        # Counts typed from paper minutes but confirmed by nobody: holding the vote again
        # withdraws them (kept in the log).
        log.record(session, process, "paper.withdrawn", actor, {"step": number, **paper.to_json()})
        item.paper = None
    again = conferences.create(
        session,
        procedure=process.procedure,
        step_number=number,
        tier=process.tier,
        details=Details(aborted.title, aborted.held_on, aborted.place),
        committee=Committee(aborted.committee_size, aborted.committee_threshold),
        actor=actor,
        rule_set=RULES,
    )
    process = lock(session, process_id)
    item = step_of(process, number)
    again.process_id = process.id
    item.conference_id = again.id
    log.record(session, process, "step.held_again", actor, {"step": number, "aborted": aborted.id})
    session.flush()
    roster.draw(session, again.id, actor)
    process = lock(session, process_id)
    item = step_of(process, number)
    _put_ballot(session, process, item, ballot_of(process, number), actor)
    return process


def ballot_of(process: Process, number: int) -> list[StepBallotSection]:
    """The sections a step votes on, as the process passes them on (position, quota,
    candidates with their cadre id, name, post and unit)."""
    return approval_of(step_of(process, number)).ballot or []


def current_step(process: Process, number: int) -> ProcessStep:
    item = step_of(process, number)
    if item.status != StepStatus.CURRENT:
        raise refused("not_current_step", number=number)
    return item


def _removal_proposal(process: Process, removals: Sequence[tuple[str, str]]) -> list[ReviewedEntry]:
    tier = RULES.tiers[process.tier].title
    outside = [f"{c} ({p})" for c, p in removals if tier_of(p, RULES) != process.tier]
    if outside:
        raise refused(
            "position_outside_tier", tier=tier, tier_code=process.tier, outside=", ".join(outside)
        )
    # Only entries of the tier are reviewed (a review recorded before that rule held others).
    planned = {
        (p.cadre, p.position): p
        for p in review_of(process).planned
        if tier_of(p.position, RULES) == process.tier
    }
    unknown = [f"{c} ({p})" for c, p in removals if (c, p) not in planned]
    if unknown:
        raise refused("not_planned.review", unknown=", ".join(unknown))
    return [planned[key] for key in dict.fromkeys(removals)]


def _set_removal_ballot(session: Session, process: Process, item: ProcessStep, actor: str) -> None:
    """One section per position, listing the planned cadres proposed for removal from it."""
    people = {p.id: p for p in registry_people(session)}
    by_position: dict[str, list[str]] = {}
    for entry in review_of(process).proposed:
        by_position.setdefault(entry.position, []).append(entry.cadre)
    sections = [
        StepBallotSection(
            position=position,
            quota=None,
            candidates=[_candidate(people, cadre) for cadre in cadres],
        )
        for position, cadres in by_position.items()
    ]
    _put_ballot(session, process, item, sections, actor)


def _put_ballot(
    session: Session,
    process: Process,
    item: ProcessStep,
    sections: list[StepBallotSection],
    actor: str,
) -> None:
    assert item.conference_id is not None
    step = rule_step(process, item.number)
    held = held_now(session, process) if step.fills_quota else {}
    item.approved = (
        approval_of(item).model_copy(update={"ballot": sections, "held": held}).to_json()
    )
    # One unit of work with the step's change.
    ballot.set_for_process(
        session,
        item.conference_id,
        [
            SectionInput(
                s.position,
                tuple(CandidateInput(c.full_name, c.post, c.unit, c.cadre) for c in s.candidates),
                s.quota,
            )
            for s in sections
        ],
        held,
        actor,
    )


def held_now(session: Session, process: Process) -> dict[str, int]:
    """Positions of the tier each cadre holds in the planning of the term, less those the
    review removes: what the 3-positions cap counts at the final step."""
    removed = {(r.cadre, r.position) for r in removed_entries(process)}
    planning = [
        e for e in planned_for(session, process.term) if (e.cadre_id, e.position) not in removed
    ]
    return held_positions(planning, process.tier, RULES)


def removed_entries(process: Process) -> list[RemovalEntry]:
    """The annual review's removals: automatic ones, and those the removal ballot proposed."""
    review = review_of(process)
    return [
        *(r.entry(automatic=True) for r in review.automatic),
        *(r.entry(automatic=False) for r in review.removed),
    ]


def take_removals(process: Process, result: StepResult) -> None:
    """The cadres the removal ballot passed: off the planning, their places freed."""
    removed = [
        ReviewRemoval(
            cadre=c.cadre,
            full_name=c.full_name,
            position=section.position,
            agree=c.agree,
            percent=c.percent,
        )
        for section in result.sections
        for c in section.candidates
        if c.passed
    ]
    process.review = review_of(process).model_copy(update={"removed": removed}).to_json()


def finish(
    session: Session,
    process: Process,
    item: ProcessStep,
    result: StepResult | None,
    actor: str,
) -> None:
    """Close the step with its result and make the next one current with its ballot."""
    item.status = StepStatus.DONE
    item.result = result.to_json() if result is not None else None
    log.record(
        session,
        process,
        "step.done",
        actor,
        {
            "step": item.number,
            "paper": bool(item.paper),
            "passed": result.passing() if result is not None else 0,
        },
    )
    later = [s for s in process.steps if s.number > item.number]
    if not later:
        process.outcome = _outcome(process, result).to_json()
        log.record(session, process, "process.outcome", actor, process.outcome)
        session.flush()
        return
    following = later[0]
    following.status = StepStatus.CURRENT
    if rule_step(process, following.number).ballot != "candidates":
        session.flush()
        return
    sections = _next_ballot(session, process, result)
    if sections:
        _put_ballot(session, process, following, sections, actor)
        return
    # Nobody is left to vote on: the remaining steps hold nothing.
    for rest in later:
        rest.status = StepStatus.DONE
    process.outcome = _outcome(process, None).to_json()
    log.record(session, process, "process.outcome", actor, process.outcome)
    session.flush()


def _next_ballot(
    session: Session, process: Process, result: StepResult | None
) -> list[StepBallotSection]:
    """The approved source list for the first ballot, else the previous step's passing
    candidates, each section keeping its quota (at most the candidates standing)."""
    people = {p.id: p for p in registry_people(session)}
    if result is None or result.kind == "removal":
        sections = []
        for s in source_of(process):
            places = places_now(process, s)
            if places <= 0 or not s.candidates:
                continue
            sections.append(
                StepBallotSection(
                    position=s.position,
                    quota=min(places, len(s.candidates)),
                    candidates=[_candidate(people, c) for c in s.candidates],
                )
            )
        return sections
    passing = []
    for section in result.sections:
        standing = [c for c in section.candidates if c.passed]
        if standing:
            assert section.quota is not None  # a candidates ballot's section has its quota
            passing.append(
                StepBallotSection(
                    position=section.position,
                    quota=min(section.quota, len(standing)),
                    candidates=[
                        StepBallotCandidate(
                            cadre=c.cadre, full_name=c.full_name, post=c.post, unit=c.unit
                        )
                        for c in sorted(standing, key=lambda c: c.number)
                    ],
                )
            )
    return passing


def places_now(process: Process, section: SourceEntry) -> int:
    """A source-list position's open places now: those at the start (3 minus those planned)
    and one more for each cadre the removal ballot took off it."""
    freed = review_of(process).removed
    return section.places + sum(1 for e in freed if e.position == section.position)


def _candidate(people: Mapping[str, Person], cadre: str) -> StepBallotCandidate:
    person = people[cadre]
    return StepBallotCandidate(
        cadre=cadre, full_name=person.full_name, post=person.post, unit=person.unit
    )


def voted_on(session: Session, conference: Conference, timezone: str) -> date:
    """The day the conference's vote was held — voting opened, in the room's time zone — as
    its minutes print it; the day it was set for when its log shows no vote (issue 17: the
    dossier dates a step by its vote, not by the process's default date)."""
    changes = session.execute(
        select(Event)
        .where(Event.conference_id == conference.id, Event.kind == "phase.changed")
        .order_by(Event.seq)
    ).scalars()
    for event in changes:
        if event.data.get("to") == "voting":
            at = datetime.fromisoformat(event.at.replace("Z", "+00:00"))
            return at.astimezone(ZoneInfo(timezone)).date()
    return conference.held_on


KEPT = set(CountedCandidate.model_fields)
"""The candidate fields a process keeps of a conference's count (the cadre, not the id)."""


def _electronic(conference: Conference, result: results.BoxResult, held_on: date) -> StepResult:
    """The opened conference's result as the process keeps it (cadres, not candidate ids),
    dated the day of its vote."""
    assert result.threshold_base is not None  # an opened box's ballot has a section
    step = conferences.step_of(conference)
    ids = {s.id: {c.id: c.cadre for c in s.candidates} for s in result.sections}
    titles = {s.id: s.position for s in result.sections}
    sections = [
        CountedSection(
            position=s.position,
            quota=s.quota,
            candidates=[
                CountedCandidate.model_validate(c.model_dump(include=KEPT)) for c in s.candidates
            ],
        )
        for s in result.sections
    ]
    selection = result.selection
    chosen = None
    contested: dict[str, list[str]] = {}
    over_cap: dict[str, list[str]] = {}
    decision = None
    if selection is not None:
        chosen = {
            titles[sid]: [ids[sid][cid] for cid in cids] for sid, cids in selection.chosen.items()
        }
        contested, over_cap = _contested(selection, titles, ids)
        made = selection.decision
        if made is not None:
            decision = RecordedDecision(
                decided_by=made.decided_by,
                decided_at=made.decided_at,
                note=made.note,
                chosen={
                    titles[sid]: [ids[sid][cid] for cid in cids]
                    for sid, cids in made.chosen.items()
                },
            )
    return StepResult(
        paper=False,
        conference=conference.id,
        held_on=held_on.isoformat(),
        kind=ballot_kind(conference.ballot_kind),
        convened=result.convened,
        present=result.present,
        base=result.threshold_base,
        base_count=result.present if result.threshold_base == "present" else result.convened,
        threshold=threshold_text(step),
        sections=sections,
        chosen=chosen,
        complete=result.complete,
        # What was left to the head (ties at the last places, cadres over the cap) and the
        # head's decision as recorded (who, when, the note): the dossier reports both.
        contested=contested,
        over_cap=over_cap,
        decision=decision,
    )


def _contested(
    selection: results.SelectionResult,
    titles: Mapping[str, str],
    ids: Mapping[str, Mapping[str, str]],
) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """Position → the cadres of its tie or over the cap, and position → those over the cap
    alone, from the conference's selection (section and candidate ids)."""
    cadre_of = {cid: cadre for per in ids.values() for cid, cadre in per.items()}
    out: dict[str, set[str]] = {}
    over: dict[str, set[str]] = {}
    for sid, tie in selection.ties.items():
        out.setdefault(titles[sid], set()).update(cadre_of[c] for c in tie.among)
    for cid, sids in selection.over_cap.items():
        for sid in sids:
            out.setdefault(titles[sid], set()).add(cadre_of[cid])
            over.setdefault(titles[sid], set()).add(cadre_of[cid])
    return (
        {position: sorted(cadres) for position, cadres in out.items()},
        {position: sorted(cadres) for position, cadres in over.items()},
    )


def percent(share: Fraction) -> str:
    return f"{float(share) * 100:.2f}"


def _outcome(process: Process, result: StepResult | None) -> Outcome:
    """The list to submit: who the final step chose for each position, and the removals."""
    chosen = (result.chosen if result is not None else None) or {}
    names = {c.cadre: c for s in (result.sections if result else []) for c in s.candidates}
    return Outcome(
        planned=[
            PlannedSection(
                position=position,
                cadres=[
                    PlannedCadre(
                        cadre=names[c].cadre,
                        full_name=names[c].full_name,
                        post=names[c].post,
                        unit=names[c].unit,
                        agree=names[c].agree,
                    )
                    for c in cadres
                ],
            )
            for position, cadres in chosen.items()
        ],
        removed=removed_entries(process),
    )
