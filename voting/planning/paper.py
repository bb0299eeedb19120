"""The paper fallback: a step held on paper when the Wi-Fi or the laptop fails (issue 7).

The organiser enters the counts from the paper minutes; they count once two counting-committee
members have each typed them again and both match (a double entry against the paper). Each
member confirms as themself (issue 16, item 13): from their own committee phone (the step's
conference) or their own account — never the account that entered the counts, and the two
confirmations never from the same phone or account — so the rule needs two more people. The
rules engine measures them exactly like an electronic result, and the step is marked paper
wherever it appears. A final step held on paper waits for the head's decision like any other.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from datetime import UTC, date, datetime

from sqlalchemy.orm import Session

from voting.conference import roster
from voting.conference.accounts import name_of
from voting.conference.errors import Problem, decision_refused, problem, refused
from voting.planning import log
from voting.planning.processes import RULES, lock
from voting.planning.state import (
    Confirmation,
    CountedCandidate,
    CountedSection,
    PaperEntry,
    RecordedDecision,
    StepResult,
    ballot_kind,
    held_at_final_step,
    paper_of,
    result_of,
)
from voting.planning.steps import (
    ballot_of,
    current_step,
    finish,
    percent,
    rule_step,
    take_removals,
    threshold_text,
)
from voting.rules import DecisionError, HeadDecision, evaluate, quorum_met, select
from voting.shape import Shape
from voting.store import Conference, Phase, Process, ProcessStep, StepStatus, utc_text

CONFIRMATIONS = 2


def enter_paper(
    session: Session,
    process_id: str,
    number: int,
    held_on: date,
    convened: int,
    present: int,
    counts: Mapping[str, Mapping[str, int]],
    actor: str,
) -> Process:
    """The counts of a step held on paper, from its paper minutes: position → cadre → agree.
    They count only once two counting-committee members have confirmed them."""
    process = lock(session, process_id)
    item = current_step(process, number)
    _refuse_running(session, item)
    _check_roster(session, item, convened)
    _check_paper(process, item, convened, present, counts)
    entry = PaperEntry(
        held_on=held_on.isoformat(),
        convened=convened,
        present=present,
        counts={p: dict(c) for p, c in counts.items()},
        entered_by=actor,
        entered_at=utc_text(datetime.now(UTC)),
        confirmations=[],
    )
    item.paper = entry.to_json()
    log.record(session, process, "paper.entered", actor, {"step": number, **entry.to_json()})
    session.flush()
    return process


def confirm_paper(
    session: Session,
    process_id: str,
    number: int,
    member: str,
    counts: Mapping[str, Mapping[str, int]],
    actor: str,
) -> Process:
    """A counting-committee member confirms the paper counts by typing them again from the
    paper minutes; they must match the entry. `actor` is who confirms — the member's own phone
    ("member:…") or account ("user:…"): not the one who entered the counts, nor one who
    already confirmed. The second confirmation passes the step on."""
    process = lock(session, process_id)
    item = current_step(process, number)
    return _confirm(session, process, item, member, counts, actor)


def confirm_paper_from_phone(
    session: Session,
    conference: Conference,
    member: str,
    counts: Mapping[str, Mapping[str, int]],
    actor: str,
) -> PaperForm:
    """The same confirmation made from a committee phone bound to the step's conference; what
    the phone shows next (`paper_form`)."""
    process, item = paper_step_of(session, conference)
    _confirm(session, process, item, member, counts, actor)
    return paper_form(process, item)


def paper_step_of(session: Session, conference: Conference) -> tuple[Process, ProcessStep]:
    """The planning process and its current step that `conference` holds, locked; Conflict if
    the conference is no current step of a process."""
    process = lock(session, conference.process_id) if conference.process_id else None
    item = next(
        (s for s in process.steps if s.conference_id == conference.id) if process else iter(()),
        None,
    )
    if process is None or item is None or item.status != StepStatus.CURRENT:
        raise refused("not_a_paper_step")
    return process, item


class PaperCandidate(Shape):
    """A candidate on a paper ballot."""

    cadre: str
    full_name: str


class PaperSection(Shape):
    """A position of a paper ballot and its candidates."""

    position: str
    candidates: list[PaperCandidate]


class PaperForm(Shape):
    """What a member's phone needs to confirm: the step, the ballot's positions and
    candidates, whether counts were entered and how many confirmed — never the entered counts
    (the member types them from the paper minutes)."""

    process: str
    step: int
    entered: bool
    confirmations: int
    needed: int
    sections: list[PaperSection]


def paper_form(process: Process, item: ProcessStep) -> PaperForm:
    """The phone's form for the step `item` of `process`."""
    paper = paper_of(item)
    return PaperForm(
        process=process.id,
        step=item.number,
        entered=paper is not None,
        confirmations=len(paper.confirmations) if paper else 0,
        needed=CONFIRMATIONS,
        sections=[
            PaperSection(
                position=s.position,
                candidates=[
                    PaperCandidate(cadre=c.cadre, full_name=c.full_name) for c in s.candidates
                ],
            )
            for s in ballot_of(process, item.number)
        ],
    )


def _confirm(
    session: Session,
    process: Process,
    item: ProcessStep,
    member: str,
    counts: Mapping[str, Mapping[str, int]],
    actor: str,
) -> Process:
    number = item.number
    paper = paper_of(item)
    if paper is None:
        raise refused("no_paper_counts")
    # One spelling of a name whatever the keyboard typed (precomposed or combining marks).
    member = " ".join(unicodedata.normalize("NFC", member).split())
    if not member or len(member) > 200:
        raise refused("invalid_input.member_name")
    confirmations = list(paper.confirmations)
    if actor == paper.entered_by:
        raise refused("confirm_by_another")
    if any(c.by == actor for c in confirmations):
        raise refused("already_confirmed.device")
    if any(c.member.casefold() == member.casefold() for c in confirmations):
        raise refused("already_confirmed.member")
    typed = {p: dict(c) for p, c in counts.items()}
    if typed != paper.counts:
        raise refused("paper_mismatch")
    confirmations.append(Confirmation(member=member, by=actor, at=utc_text(datetime.now(UTC))))
    item.paper = paper.model_copy(update={"confirmations": confirmations}).to_json()
    log.record(
        session, process, "paper.confirmed", actor, {"step": number, "member": member, "by": actor}
    )
    if len(confirmations) < CONFIRMATIONS:
        session.flush()
        return process
    result = _paper_result(process, item)
    if rule_step(process, number).ballot == "removal":
        take_removals(process, result)
    if result.complete:
        finish(session, process, item, result, actor)
    else:
        item.result = result.to_json()
        session.flush()
    return process


def decide_paper(
    session: Session,
    process_id: str,
    number: int,
    chosen: dict[str, list[str]],
    note: str,
    actor: str,
) -> Process:
    """The head's decision on the ties or over-cap cadres of a final step held on paper,
    checked by the rules engine like an electronic one."""
    process = lock(session, process_id)
    item = current_step(process, number)
    voted = session.get(Conference, item.conference_id) if item.conference_id else None
    if paper_of(item) is None and voted is not None and voted.phase == Phase.OPENED:
        raise refused("decide_on_conference")
    held = result_of(item)
    if held is None or held.complete:
        raise refused("nothing_to_decide")
    # The person's name, as the dossier and the published lists print it (not the login).
    decision = HeadDecision(
        chosen=chosen,
        decided_by=name_of(session, actor),
        decided_at=utc_text(datetime.now(UTC)),
        note=note,
    )
    try:
        result = _paper_result(process, item, decision)
    except DecisionError as error:
        raise decision_refused(error) from error
    log.record(session, process, "head.decided", actor, {"step": number, "chosen": chosen})
    finish(session, process, item, result, actor)
    return process


def _refuse_running(session: Session, item: ProcessStep) -> None:
    """Paper replaces an electronic vote that never ran or was aborted, never a live one."""
    if item.conference_id is None:
        return
    conference = session.get(Conference, item.conference_id)
    if conference is not None and conference.phase not in (Phase.SETUP, Phase.ABORTED):
        raise refused("conference_running")


def _check_roster(session: Session, item: ProcessStep, convened: int) -> None:
    """Those convened are the step's roster (KH 331: the quorum is 2/3 "số người được triệu
    tập"): a paper entry naming another number would hide a failed quorum. The roster stays
    editable on the conference's page if the paper minutes convened someone else."""
    if item.conference_id is None:
        return
    listed = len(roster.attendees(session, item.conference_id))
    if listed and convened != listed:
        raise refused("convened_not_roster", convened=convened, listed=listed)


def _check_paper(
    process: Process,
    item: ProcessStep,
    convened: int,
    present: int,
    counts: Mapping[str, Mapping[str, int]],
) -> None:
    problems: list[Problem] = []
    if not (0 < present <= convened):
        raise refused("invalid_counts.present")
    if not quorum_met(present, convened, RULES):
        raise refused("no_quorum")
    sections = ballot_of(process, item.number)
    expected = {s.position: [c.cadre for c in s.candidates] for s in sections}
    quotas = {s.position: s.quota for s in sections}
    if set(counts) != set(expected):
        problems.append(problem("counts.positions", {}))
    for position, cadres in expected.items():
        given = counts.get(position, {})
        if set(given) != set(cadres):
            problems.append(problem("counts.candidates", {"position": position}))
            continue
        wrong = False
        for cadre, agree in given.items():
            if not isinstance(agree, int) or isinstance(agree, bool) or not 0 <= agree <= present:
                wrong = True
                problems.append(
                    problem(
                        "counts.agree_range",
                        {"position": position, "cadre": cadre},
                        present=present,
                    )
                )
        # Each of at most `present` ballots marks at most the section's "chọn tối đa".
        quota = quotas.get(position)
        if not wrong and quota is not None and sum(given.values()) > present * quota:
            problems.append(
                problem(
                    "counts.agree_total",
                    {"position": position},
                    total=sum(given.values()),
                    present=present,
                    quota=quota,
                    most=present * quota,
                )
            )
    if problems:
        raise refused("invalid_counts", count=len(problems), problems=problems)


def _paper_result(
    process: Process, item: ProcessStep, decision: HeadDecision | None = None
) -> StepResult:
    """The paper counts measured by the rules engine exactly like an electronic result."""
    paper = paper_of(item)
    assert paper is not None
    step = rule_step(process, item.number)
    assert step.threshold is not None and step.ballot is not None
    present, convened = paper.present, paper.convened
    sections = []
    for s in ballot_of(process, item.number):
        rows = []
        for number, c in enumerate(s.candidates, start=1):
            agree = paper.counts[s.position][c.cadre]
            e = evaluate(step, agree, present, convened)
            rows.append(
                CountedCandidate(
                    cadre=c.cadre,
                    number=number,
                    full_name=c.full_name,
                    post=c.post,
                    unit=c.unit,
                    agree=agree,
                    base_count=e.base_count,
                    percent=percent(e.share),
                    passed=e.passed,
                )
            )
        rows.sort(key=lambda r: (-r.agree, r.number))
        sections.append(CountedSection(position=s.position, quota=s.quota, candidates=rows))
    chosen = None
    complete = True
    contested = over_cap = open_places = None
    made = None
    if step.fills_quota:
        selection = select(
            step,
            paper.counts,
            {s.position: s.quota for s in sections if s.quota is not None},
            present,
            convened,
            planned=held_at_final_step(process),
            decision=decision,
        )
        chosen = {p: list(c) for p, c in selection.chosen.items()}
        complete = selection.complete
        capped: dict[str, list[str]] = {}
        for cadre, concerned in selection.over_cap.items():
            for position in concerned:
                capped.setdefault(position, []).append(cadre)
        contested = {
            p: sorted(
                set(selection.ties.get(p, (0, []))[1])
                | {c for c, ps in selection.over_cap.items() if p in ps}
            )
            for p in selection.contested
        }
        over_cap = {p: sorted(c) for p, c in capped.items()}
        open_places = dict(selection.open_places)
        made = (
            None
            if decision is None
            else RecordedDecision(
                decided_by=decision.decided_by,
                decided_at=decision.decided_at,
                note=decision.note,
                chosen={p: list(c) for p, c in decision.chosen.items()},
            )
        )
    return StepResult(
        paper=True,
        conference=item.conference_id,
        held_on=paper.held_on,
        kind=ballot_kind(step.ballot),
        convened=convened,
        present=present,
        base=step.threshold.base,
        base_count=present if step.threshold.base == "present" else convened,
        threshold=threshold_text(step),
        sections=sections,
        chosen=chosen,
        complete=complete,
        contested=contested,
        over_cap=over_cap,
        decision=made,
        open_places=open_places,
    )
