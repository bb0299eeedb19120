"""The chain of steps: approvals, the ballots each step passes on, and the paper fallback.

KH 331 B.IV: each step votes on those who passed the step before ("trên cơ sở kết quả" of it);
nobody is added later in the chain, so a step's ballot is only ever set here, from the approved
source list (the first ballot) or the previous step's passing candidates. The annual review's
first step also holds the removal ballot; its result frees places for the supplement.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime
from fractions import Fraction
from typing import Any

from sqlalchemy.orm import Session

from voting.conference import ballot, conferences, results
from voting.conference.ballot import CandidateInput, SectionInput
from voting.conference.errors import Conflict, InvalidInput, Problem
from voting.planning import log
from voting.planning.processes import RULES, lock, planned_for, registry_people, step_of
from voting.rules import DecisionError, HeadDecision, evaluate, quorum_met, select
from voting.rules.ruleset import Step
from voting.rules.source import held_positions
from voting.store import Conference, Phase, Process, ProcessStep, StepStatus, utc_text

PAPER_CONFIRMATIONS = 2
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
    item = _current(process, number)
    step = rule_step(process, number)
    if step.ballot == "candidates":
        raise Conflict(
            "Bước này bỏ phiếu kín: kết quả lấy từ hội nghị hoặc biên bản giấy.",
            "This step holds a secret ballot; its result comes from the vote.",
            code="step_holds_ballot",
        )
    if len(note) > 1000:
        raise InvalidInput("Ghi chú tối đa 1000 ký tự.", "The note has at most 1000 characters.")
    proposed = _removal_proposal(process, removals) if step.ballot == "removal" else []
    if step.ballot != "removal" and removals:
        raise InvalidInput(
            "Bước này không bỏ phiếu đưa ra khỏi quy hoạch.",
            "This step holds no removal ballot.",
            code="no_removal_ballot",
        )
    item.approved = {
        "held_on": held_on.isoformat(),
        "note": note.strip(),
        "by": actor,
        "at": utc_text(datetime.now(UTC)),
        "source": [dict(s) for s in process.source] if step.composition else None,
    }
    process.review = {**process.review, "proposed": proposed}
    log.record(
        session,
        process,
        "step.approved",
        actor,
        {"step": number, "held_on": held_on.isoformat(), "removal_proposed": proposed},
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
    _finish(session, process, item, None, actor)
    return process


def source_frozen(process: Process) -> bool:
    """The source list is frozen once the first leadership step, which approves it, is done."""
    for item in process.steps:
        if rule_step(process, item.number).composition:
            return item.status == StepStatus.DONE
    return True


def sync(session: Session, process_id: str, actor: str) -> Process:
    """Take the result of the current step's conference once its box is opened and the
    result complete (the head's decision included), and pass it on. Idempotent: views call
    it whenever a process or one of its conferences is shown."""
    process = lock(session, process_id)
    for item in process.steps:
        if item.status != StepStatus.CURRENT or item.conference_id is None or item.paper:
            continue
        conference = session.get(Conference, item.conference_id)
        if conference is None or conference.phase != Phase.OPENED:
            continue
        view = results.view(session, conference, may_read_sealed=True)
        if view["status"] not in ("sealed", "announced"):
            continue
        if rule_step(process, item.number).ballot == "removal":
            _take_removals(process, view["result"])
        _finish(session, process, item, _electronic(conference, view["result"]), actor)
    session.commit()  # release the lock taken to look
    return process


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
    item = _current(process, number)
    _refuse_running(session, item)
    _check_paper(process, item, convened, present, counts)
    item.paper = {
        "held_on": held_on.isoformat(),
        "convened": convened,
        "present": present,
        "counts": {p: dict(c) for p, c in counts.items()},
        "entered_by": actor,
        "entered_at": utc_text(datetime.now(UTC)),
        "confirmations": [],
    }
    log.record(session, process, "paper.entered", actor, {"step": number, **item.paper})
    session.commit()
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
    paper minutes; they must match the entry. The second confirmation passes the step on."""
    process = lock(session, process_id)
    item = _current(process, number)
    if not item.paper:
        raise Conflict(
            "Chưa nhập kết quả kiểm phiếu giấy của bước này.",
            "No paper counts were entered for this step.",
            code="no_paper_counts",
        )
    member = " ".join(member.split())
    if not member or len(member) > 200:
        raise InvalidInput(
            "Cần ghi họ và tên thành viên ban kiểm phiếu xác nhận.",
            "The confirming committee member's name is required.",
        )
    confirmations = list(item.paper["confirmations"])
    if any(c["member"].casefold() == member.casefold() for c in confirmations):
        raise Conflict(
            "Thành viên này đã xác nhận; cần một thành viên khác.",
            "This member has already confirmed; another member must.",
            code="already_confirmed",
        )
    typed = {p: dict(c) for p, c in counts.items()}
    if typed != item.paper["counts"]:
        raise InvalidInput(
            "Số phiếu nhập lại không khớp với số đã nhập: hãy đối chiếu biên bản giấy.",
            "The re-typed counts differ from the entered ones.",
            code="paper_mismatch",
        )
    confirmations.append({"member": member, "at": utc_text(datetime.now(UTC))})
    item.paper = {**item.paper, "confirmations": confirmations}
    log.record(session, process, "paper.confirmed", actor, {"step": number, "member": member})
    if len(confirmations) < PAPER_CONFIRMATIONS:
        session.commit()
        return process
    result = _paper_result(process, item)
    if rule_step(process, number).ballot == "removal":
        _take_removals(process, result)
    if result.get("complete", True):
        _finish(session, process, item, result, actor)
    else:
        item.result = result
        session.commit()
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
    item = _current(process, number)
    if not item.result or item.result.get("complete", True):
        raise Conflict(
            "Không có trường hợp nào cần người đứng đầu quyết định.",
            "Nothing is left to the head at this step.",
            code="nothing_to_decide",
        )
    decision = HeadDecision(
        chosen=chosen, decided_by=actor, decided_at=utc_text(datetime.now(UTC)), note=note
    )
    try:
        result = _paper_result(process, item, decision)
    except DecisionError as error:
        raise InvalidInput(
            "Quyết định không hợp lệ theo quy định (người chưa đạt, vượt số lượng hoặc vượt "
            "quá ba chức danh).",
            f"The decision breaks the rules: {error}",
            code="invalid_decision",
        ) from error
    log.record(session, process, "head.decided", actor, {"step": number, "chosen": chosen})
    _finish(session, process, item, result, actor)
    return process


def ballot_of(process: Process, number: int) -> list[dict[str, Any]]:
    """The sections a step votes on, as the process passes them on (position, quota,
    candidates with their cadre id, name, post and unit)."""
    item = step_of(process, number)
    return list(item.approved["ballot"]) if item.approved and "ballot" in item.approved else []


def _current(process: Process, number: int) -> ProcessStep:
    item = step_of(process, number)
    if item.status != StepStatus.CURRENT:
        raise Conflict(
            f"Bước {number} không phải bước đang thực hiện.",
            f"Step {number} is not the current step.",
            code="not_current_step",
        )
    return item


def _removal_proposal(
    process: Process, removals: Sequence[tuple[str, str]]
) -> list[dict[str, str]]:
    planned = {(p["cadre"], p["position"]): p for p in process.review.get("planned", [])}
    unknown = [f"{c} ({p})" for c, p in removals if (c, p) not in planned]
    if unknown:
        raise InvalidInput(
            f"Không có trong quy hoạch hiện tại: {', '.join(unknown)}.",
            f"Not in the current planning: {', '.join(unknown)}.",
            code="not_planned",
        )
    return [dict(planned[key]) for key in dict.fromkeys(removals)]


def _set_removal_ballot(session: Session, process: Process, item: ProcessStep, actor: str) -> None:
    """One section per position, listing the planned cadres proposed for removal from it."""
    people = {p.id: p for p in registry_people(session)}
    by_position: dict[str, list[str]] = {}
    for entry in process.review["proposed"]:
        by_position.setdefault(entry["position"], []).append(entry["cadre"])
    sections = [
        {
            "position": position,
            "quota": None,
            "candidates": [_candidate(people, cadre) for cadre in cadres],
        }
        for position, cadres in by_position.items()
    ]
    _put_ballot(session, process, item, sections, actor)


def _put_ballot(
    session: Session,
    process: Process,
    item: ProcessStep,
    sections: list[dict[str, Any]],
    actor: str,
) -> None:
    assert item.conference_id is not None
    step = rule_step(process, item.number)
    held = _held(session, process) if step.fills_quota else {}
    item.approved = {**(item.approved or {}), "ballot": sections, "held": held}
    # One transaction with the step's change: set_for_process commits it all.
    ballot.set_for_process(
        session,
        item.conference_id,
        [
            SectionInput(
                s["position"],
                tuple(
                    CandidateInput(c["full_name"], c["post"], c["unit"], c["cadre"])
                    for c in s["candidates"]
                ),
                s["quota"],
            )
            for s in sections
        ],
        held,
        actor,
    )


def _held(session: Session, process: Process) -> dict[str, int]:
    """Positions of the tier each cadre holds in the planning of the term, less those the
    review removes: what the 3-positions cap counts at the final step."""
    removed = {(r["cadre"], r["position"]) for r in removed_entries(process)}
    planning = [
        e for e in planned_for(session, process.term) if (e.cadre_id, e.position) not in removed
    ]
    return held_positions(planning, process.tier, RULES)


def removed_entries(process: Process) -> list[dict[str, Any]]:
    """The annual review's removals: automatic ones, and those the removal ballot proposed."""
    automatic = [dict(r, automatic=True) for r in process.review.get("automatic", [])]
    voted = [dict(r, automatic=False) for r in process.review.get("removed", [])]
    return automatic + voted


def _take_removals(process: Process, result: dict[str, Any]) -> None:
    removed = [
        {
            "cadre": c["cadre"],
            "full_name": c["full_name"],
            "position": section["position"],
            "agree": c["agree"],
            "percent": c["percent"],
        }
        for section in result["sections"]
        for c in section["candidates"]
        if c["passed"]
    ]
    process.review = {**process.review, "removed": removed}


def _finish(
    session: Session,
    process: Process,
    item: ProcessStep,
    result: dict[str, Any] | None,
    actor: str,
) -> None:
    """Close the step with its result and make the next one current with its ballot."""
    item.status = StepStatus.DONE
    item.result = result
    log.record(
        session,
        process,
        "step.done",
        actor,
        {"step": item.number, "paper": bool(item.paper), "passed": _passing_count(result)},
    )
    later = [s for s in process.steps if s.number > item.number]
    if not later:
        process.outcome = _outcome(process, result)
        log.record(session, process, "process.outcome", actor, process.outcome)
        session.commit()
        return
    following = later[0]
    following.status = StepStatus.CURRENT
    if rule_step(process, following.number).ballot != "candidates":
        session.commit()
        return
    sections = _next_ballot(session, process, result)
    if sections:
        _put_ballot(session, process, following, sections, actor)
        return
    # Nobody is left to vote on: the remaining steps hold nothing.
    for rest in later:
        rest.status = StepStatus.DONE
    process.outcome = _outcome(process, None)
    log.record(session, process, "process.outcome", actor, process.outcome)
    session.commit()


def _next_ballot(
    session: Session, process: Process, result: dict[str, Any] | None
) -> list[dict[str, Any]]:
    """The approved source list for the first ballot, else the previous step's passing
    candidates, each section keeping its quota (at most the candidates standing)."""
    people = {p.id: p for p in registry_people(session)}
    if result is None or result.get("kind") == "removal":
        freed = _freed_places(process)
        sections = []
        for s in process.source:
            places = s["places"] + freed.get(s["position"], 0)
            if places <= 0 or not s["candidates"]:
                continue
            sections.append(
                {
                    "position": s["position"],
                    "quota": min(places, len(s["candidates"])),
                    "candidates": [_candidate(people, c) for c in s["candidates"]],
                }
            )
        return sections
    passing = []
    for s in result["sections"]:
        standing = [c for c in s["candidates"] if c["passed"]]
        if standing:
            passing.append(
                {
                    "position": s["position"],
                    "quota": min(s["quota"], len(standing)),
                    "candidates": [
                        {k: c[k] for k in ("cadre", "full_name", "post", "unit")}
                        for c in sorted(standing, key=lambda c: c["number"])
                    ],
                }
            )
    return passing


def _freed_places(process: Process) -> dict[str, int]:
    """Places a removal frees for the supplement (3 minus those still planned)."""
    freed: dict[str, int] = {}
    for entry in process.review.get("removed", []):
        freed[entry["position"]] = freed.get(entry["position"], 0) + 1
    return freed


def _candidate(people: Mapping[str, Any], cadre: str) -> dict[str, str]:
    person = people[cadre]
    return {"cadre": cadre, "full_name": person.full_name, "post": person.post, "unit": person.unit}


def _electronic(conference: Conference, result: dict[str, Any]) -> dict[str, Any]:
    """The opened conference's result as the process keeps it (cadres, not candidate ids)."""
    step = conferences.step_of(conference)
    sections = []
    ids: dict[str, dict[str, str]] = {}
    for section in result["sections"]:
        ids[section["id"]] = {c["id"]: c["cadre"] for c in section["candidates"]}
        sections.append(
            {
                "position": section["position"],
                "quota": section["quota"],
                "candidates": [
                    {
                        k: c[k]
                        for k in (
                            "cadre",
                            "number",
                            "full_name",
                            "post",
                            "unit",
                            "agree",
                            "base_count",
                            "percent",
                            "passed",
                        )
                    }
                    for c in section["candidates"]
                ],
            }
        )
    selection = result.get("selection")
    chosen = None
    if selection is not None:
        titles = {s["id"]: s["position"] for s in result["sections"]}
        chosen = {
            titles[sid]: [ids[sid][cid] for cid in cids]
            for sid, cids in selection["chosen"].items()
        }
    return {
        "paper": False,
        "conference": conference.id,
        "held_on": conference.held_on.isoformat(),
        "kind": conference.ballot_kind,
        "convened": result["convened"],
        "present": result["present"],
        "base": result["threshold_base"],
        "base_count": result["present"]
        if result["threshold_base"] == "present"
        else result["convened"],
        "threshold": threshold_text(step),
        "sections": sections,
        "chosen": chosen,
        "complete": result["complete"],
    }


def _refuse_running(session: Session, item: ProcessStep) -> None:
    """Paper replaces an electronic vote that never ran or was aborted, never a live one."""
    if item.conference_id is None:
        return
    conference = session.get(Conference, item.conference_id)
    if conference is not None and conference.phase not in (Phase.SETUP, Phase.ABORTED):
        raise Conflict(
            "Hội nghị điện tử của bước này đã bắt đầu: hãy hủy cuộc bỏ phiếu (ghi lý do) trước "
            "khi nhập kết quả giấy.",
            "The step's electronic conference has started: abort its vote before entering "
            "paper counts.",
            code="conference_running",
        )


def _check_paper(
    process: Process,
    item: ProcessStep,
    convened: int,
    present: int,
    counts: Mapping[str, Mapping[str, int]],
) -> None:
    problems: list[Problem] = []
    if not (0 < present <= convened):
        raise InvalidInput(
            "Số người có mặt phải từ 1 đến số người được triệu tập.",
            "Present must be from 1 to the number convened.",
            code="invalid_counts",
        )
    if not quorum_met(present, convened, RULES):
        raise InvalidInput(
            "Không đủ 2/3 số người được triệu tập có mặt: hội nghị không được tiến hành.",
            "Fewer than 2/3 of the convened were present: the conference could not proceed.",
            code="no_quorum",
        )
    sections = ballot_of(process, item.number)
    expected = {s["position"]: [c["cadre"] for c in s["candidates"]] for s in sections}
    if set(counts) != set(expected):
        problems.append(
            Problem(
                {},
                "Cần nhập số phiếu cho đúng các chức danh trên phiếu của bước này.",
                "The counts must name exactly the positions on this step's ballot.",
            )
        )
    for position, cadres in expected.items():
        given = counts.get(position, {})
        if set(given) != set(cadres):
            problems.append(
                Problem(
                    {"position": position},
                    f"{position}: cần nhập số phiếu cho đúng những người trên phiếu.",
                    f"{position}: the counts must name exactly the candidates on the ballot.",
                )
            )
            continue
        for cadre, agree in given.items():
            if not isinstance(agree, int) or isinstance(agree, bool) or not 0 <= agree <= present:
                problems.append(
                    Problem(
                        {"position": position, "cadre": cadre},
                        f"{position}, {cadre}: số phiếu đồng ý phải từ 0 đến {present}.",
                        f"{position}, {cadre}: agree must be from 0 to {present}.",
                    )
                )
    if problems:
        raise InvalidInput(
            f"Kết quả kiểm phiếu giấy chưa hợp lệ: {len(problems)} lỗi.",
            f"The paper counts are not valid: {len(problems)} problem(s).",
            code="invalid_counts",
            problems=problems,
        )


def _paper_result(
    process: Process, item: ProcessStep, decision: HeadDecision | None = None
) -> dict[str, Any]:
    """The paper counts measured by the rules engine exactly like an electronic result."""
    assert item.paper is not None
    step = rule_step(process, item.number)
    assert step.threshold is not None
    paper = item.paper
    present, convened = paper["present"], paper["convened"]
    sections = []
    for s in ballot_of(process, item.number):
        rows = []
        for number, c in enumerate(s["candidates"], start=1):
            agree = paper["counts"][s["position"]][c["cadre"]]
            e = evaluate(step, agree, present, convened)
            rows.append(
                {
                    **c,
                    "number": number,
                    "agree": agree,
                    "base_count": e.base_count,
                    "percent": _percent(e.share),
                    "passed": e.passed,
                }
            )
        rows.sort(key=lambda r: (-r["agree"], r["number"]))
        sections.append({"position": s["position"], "quota": s["quota"], "candidates": rows})
    result: dict[str, Any] = {
        "paper": True,
        "conference": item.conference_id,
        "held_on": paper["held_on"],
        "kind": step.ballot,
        "convened": convened,
        "present": present,
        "base": step.threshold.base,
        "base_count": present if step.threshold.base == "present" else convened,
        "threshold": threshold_text(step),
        "sections": sections,
        "chosen": None,
        "complete": True,
    }
    if step.fills_quota:
        selection = select(
            step,
            paper["counts"],
            {s["position"]: s["quota"] for s in sections},
            present,
            convened,
            planned=_held_from(process),
            decision=decision,
        )
        result["chosen"] = selection.chosen
        result["complete"] = selection.complete
        result["contested"] = {
            p: sorted(
                set(selection.ties.get(p, (0, []))[1])
                | {c for c, ps in selection.over_cap.items() if p in ps}
            )
            for p in selection.contested
        }
        result["open_places"] = selection.open_places
    return result


def _held_from(process: Process) -> dict[str, int]:
    """The held positions fixed when the final step's ballot was set (kept with it)."""
    return dict((process.steps[-1].approved or {}).get("held", {}))


def _percent(share: Fraction) -> str:
    return f"{float(share) * 100:.2f}"


def _passing_count(result: dict[str, Any] | None) -> int:
    if result is None:
        return 0
    return sum(c["passed"] for s in result["sections"] for c in s["candidates"])


def _outcome(process: Process, result: dict[str, Any] | None) -> dict[str, Any]:
    """The list to submit: who the final step chose for each position, and the removals."""
    chosen = (result or {}).get("chosen") or {}
    names = {c["cadre"]: c for s in (result or {}).get("sections", []) for c in s["candidates"]}
    return {
        "planned": [
            {
                "position": position,
                "cadres": [
                    {k: names[c][k] for k in ("cadre", "full_name", "post", "unit", "agree")}
                    for c in cadres
                ],
            }
            for position, cadres in chosen.items()
        ],
        "removed": removed_entries(process),
    }
