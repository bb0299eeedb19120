"""The dossier's summary of a process (Bảng tổng hợp kết quả kiểm phiếu ở các bước) and the
per-candidate document checklist, as the typed `DossierSummary` `voting.tally.dossier` prints;
and what the published lists say of how the result was reached (the steps held on paper, the
head's decision at the final step)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime
from fractions import Fraction
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy.orm import Session

from voting.conference.accounts import name_of
from voting.planning.conditions import overridden
from voting.planning.processes import RULES, registry_people
from voting.planning.state import (
    CountedCandidate,
    HeadOverride,
    StepResult,
    held_at_final_step,
    outcome_of,
    paper_of,
    result_of,
)
from voting.planning.steps import removed_entries, rule_step
from voting.registry import documents
from voting.rules.people import STUDYING, Person, PlannedPosition
from voting.rules.source import document_title
from voting.rules.structure import structure_report
from voting.store import Process, StepStatus
from voting.tally.dossier import (
    CandidateRow,
    DecidedPosition,
    DossierSummary,
    HeadDecisionInfo,
    PositionRows,
    ProcessInfo,
    Removal,
    StepCount,
    StepInfo,
    document_checklist,
    moment_text,
)

VOTED_REMOVAL = "Bỏ phiếu đề nghị đưa ra khỏi quy hoạch"
CAP = 3


def summary(
    session: Session,
    process: Process,
    agency: str,
    fingerprint: str,
    review: date,
    zone: str = "Asia/Ho_Chi_Minh",
    head_name: str = "",
    parent: str = "",
    head_title: str = "",
) -> DossierSummary:
    """Every ballot step's count, base and percentage for each candidate, the removals (every
    cadre put to the removal ballot, removed or kept), and the documents checklist at the
    `review` date."""
    steps = _done(process)
    # position → cadre → the candidate as the ballots named it, and its count at each step.
    named: dict[str, dict[str, CountedCandidate]] = {}
    counts: dict[str, dict[str, dict[int, StepCount]]] = {}
    for number, result in steps:
        if result.kind != "candidates":
            continue
        for section in result.sections:
            for c in section.candidates:
                named.setdefault(section.position, {}).setdefault(c.cadre, c)
                counts.setdefault(section.position, {}).setdefault(c.cadre, {})[number] = StepCount(
                    agree=c.agree,
                    base_count=c.base_count,
                    # With the decimal comma, as Vietnamese documents write percentages.
                    percent=decimal_comma(c.percent) or "",
                    passed=c.passed,
                )
    listed = outcome_of(process)
    chosen = listed.chosen() if listed else set()
    final = process.steps[-1].number
    final_result = dict(steps).get(final)
    contested = (final_result.contested if final_result else None) or {}
    over_cap = (final_result.over_cap if final_result else None) or {}
    decision = final_result.decision if final_result else None
    notes = _cap_notes(process, final_result, final)
    overrides = overridden(process)
    held_before = held_at_final_step(process)
    people = {person.id: person for person in registry_people(session)}
    positions: list[PositionRows] = []
    for position, rows in named.items():
        candidates: list[CandidateRow] = []
        for cadre, c in rows.items():
            capped = cadre in over_cap.get(position, [])
            outcome, outcome_text = _outcome(
                counts[position][cadre],
                (position, cadre) in chosen,
                final,
                "over_cap" if capped else "tie" if cadre in contested.get(position, []) else None,
                decision is not None,
            )
            if outcome == "not_chosen" and held_before.get(cadre, 0) >= CAP:
                outcome = "at_cap"
                outcome_text = (
                    f"Đạt nhưng đã được quy hoạch {held_before[cadre]} chức danh cùng cấp phê "
                    f"duyệt (không quá {CAP} chức danh, mục B.III.1)"
                )
            forced = overrides.get((position, cadre))
            if forced is not None and (position, cadre) in chosen:
                outcome_text += (
                    f" — không bảo đảm tiêu chuẩn, điều kiện ({'; '.join(forced.unmet)}); "
                    f"người đứng đầu quyết định đề nghị phê duyệt, lý do: {forced.reason}"
                )
            candidates.append(
                CandidateRow(
                    ref=cadre,
                    full_name=c.full_name,
                    post=c.post,
                    unit=c.unit,
                    steps=counts[position][cadre],
                    outcome=outcome,
                    outcome_text=outcome_text,
                    note=notes.get(cadre, "") if capped else "",
                    details=_details(people.get(cadre), position),
                )
            )
        positions.append(PositionRows(position=position, candidates=candidates))
    # The documents checklist covers those submitted for approval (the whole list until the
    # final step is done).
    submitted = {cadre for _, cadre in chosen}
    cadres = {
        row.ref: row.full_name
        for position_rows in positions
        for row in position_rows.candidates
        if listed is None or row.ref in submitted
    }
    held = {ref: [(d.kind, d.dated) for d in documents.of(session, ref)] for ref in cadres}
    entries = [PlannedPosition(c, p) for p, c in sorted(chosen) if c in people]
    return DossierSummary(
        agency=agency,
        parent=parent,
        signer_title=head_title,
        signer_name=head_name,
        fingerprint=fingerprint,
        process=ProcessInfo(
            title=process.title,
            procedure_title=RULES.procedures[process.procedure].title,
            tier_title=RULES.tiers[process.tier].title,
            term=process.term,
            reference=process.reference.replace(day=1),
        ),
        steps=[
            StepInfo(
                number=number,
                title=rule_step(process, number).title,
                held_on=_day(result.held_on),
                paper=result.paper,
                kind=result.kind,
                threshold=result.threshold,
                convened=result.convened,
                present=result.present,
                base_count=result.base_count,
            )
            for number, result in steps
        ],
        positions=[
            PositionRows(position=document_title(p.position), candidates=p.candidates)
            for p in positions
        ],
        removals=[
            replace(r, position=document_title(r.position), percent=decimal_comma(r.percent))
            for r in _removals(process, steps)
        ],
        documents=document_checklist(list(cadres.items()), held, review),
        decisions=[
            replace(
                d,
                decided_by=(
                    f"{head_name} ({d.decided_by})"
                    if head_name and head_name != d.decided_by
                    else d.decided_by
                ),
                decided_at_text=local_moment(d.decided_at, zone),
                positions=[replace(p, position=document_title(p.position)) for p in d.positions],
            )
            for d in _decisions(session, final, final_result, notes)
        ],
        structure=_structure(entries, people, process),
    )


def decimal_comma(percent: str | None) -> str | None:
    """ "62.50" → "62,50": the decimal comma of Vietnamese documents."""
    return percent.replace(".", ",") if percent is not None else None


def local_moment(instant: str, zone: str) -> str:
    """An ISO instant in the room's time zone, "20/04/2022 16:30 (giờ Asia/Ho_Chi_Minh)"."""
    try:
        moment = datetime.fromisoformat(instant.replace("Z", "+00:00"))
        local = moment.astimezone(ZoneInfo(zone))
    except (ValueError, ZoneInfoNotFoundError):
        return moment_text(instant)
    return f"{local:%d/%m/%Y %H:%M} (giờ {_ZONE_VI.get(zone, zone)})"


_ZONE_VI = {"Asia/Ho_Chi_Minh": "Việt Nam", "Asia/Bangkok": "Việt Nam"}
_SEX_VI = {"M": "nam", "F": "nữ"}
_THEORY_VI = {"none": "chưa có", "so_cap": "sơ cấp", "trung_cap": "trung cấp", "cao_cap": "cao cấp"}


def _details(person: Person | None, position: str) -> str:
    """ "sinh 1992 · nữ · đối tượng 2 · LLCT sơ cấp" (empty for someone not in the registry)."""
    if person is None:
        return ""
    kind = RULES.position_for(position)
    post = RULES.post_for(person.post)
    category = kind.categories.get(post.key) if kind and post else None
    theory = person.political_theory
    level = _THEORY_VI.get(theory.removeprefix(STUDYING), theory.removeprefix(STUDYING))
    parts = [f"sinh {person.born.year}", _SEX_VI.get(person.sex, person.sex)]
    if category is not None:
        parts.append(f"đối tượng {category}")
    parts.append(f"LLCT {'đang học ' if theory.startswith(STUDYING) else ''}{level}")
    return " · ".join(parts)


def _structure(
    entries: list[PlannedPosition], people: Mapping[str, Person], process: Process
) -> str:
    """The young and women counts and shares of the list proposed (B.III.2's targets)."""
    if not entries:
        return ""
    report = structure_report(entries, people, process.reference, RULES)
    targets = RULES.structure

    def share(value: Fraction) -> str:
        return f"{float(value) * 100:.1f}".replace(".", ",") + "%"

    return (
        f"Danh sách đề nghị: {report.planned} cán bộ; cán bộ trẻ (dưới "
        f"{targets.young_under_years} tuổi) {report.young} người, {share(report.young_share)} "
        f"(chỉ tiêu từ {share(targets.young_min)}); cán bộ nữ {report.women} người, "
        f"{share(report.women_share)} (chỉ tiêu từ {share(targets.women_min)})."
    )


@dataclass(frozen=True)
class PaperStep:
    """A step held on paper, as the published lists name it: with the members who confirmed
    its counts."""

    number: int
    title: str
    held_on: date | None
    confirmed_by: list[str]


@dataclass(frozen=True)
class Published:
    """What the published lists say of how the result was reached: the steps held on paper
    (planning.md: a paper step "and everything printed from it" is marked), whether the final
    step and the removal ballot were among them, the head's decision at the final step with
    the cadres the head chose (position → cadres), and (KH 331 A.I) the cadres failing the
    conditions the head put forward ((position, cadre) → the override)."""

    paper_steps: list[PaperStep]
    final_paper: bool
    removal_paper: bool
    decisions: list[HeadDecisionInfo]
    chosen_by_head: dict[str, list[str]]
    overrides: dict[tuple[str, str], HeadOverride]

    def title(self, position: str) -> str:
        """A position as documents write it (Chánh Thanh tra Sở, …)."""
        return document_title(position)


def published(session: Session, process: Process, zone: str) -> Published:
    """What the published lists say of how the result was reached (`Published`); the head's
    decision timed in the room's time zone `zone`."""
    steps = _done(process)
    final = process.steps[-1].number
    final_result = dict(steps).get(final)
    paper = [(number, result) for number, result in steps if result.paper]
    decision = final_result.decision if final_result else None
    entries = {item.number: paper_of(item) for item in process.steps}
    confirmed = {
        number: [c.member for c in entry.confirmations] if entry else []
        for number, entry in entries.items()
    }
    return Published(
        paper_steps=[
            PaperStep(
                number=number,
                title=rule_step(process, number).title,
                held_on=_day(result.held_on),
                confirmed_by=confirmed[number],
            )
            for number, result in paper
        ],
        final_paper=bool(final_result and final_result.paper),
        removal_paper=any(result.kind == "removal" for _, result in paper),
        decisions=[
            replace(d, decided_at_text=local_moment(d.decided_at, zone))
            for d in _decisions(
                session, final, final_result, _cap_notes(process, final_result, final)
            )
        ],
        chosen_by_head={
            position: list(cadres)
            for position, cadres in (decision.chosen if decision else {}).items()
        },
        overrides=overridden(process),
    )


def _done(process: Process) -> list[tuple[int, StepResult]]:
    """The done steps that passed a result on (step number, result), in order."""
    done = [item for item in process.steps if item.status == StepStatus.DONE]
    return [(item.number, result) for item in done if (result := result_of(item)) is not None]


def _day(iso: str | None) -> date | None:
    return date.fromisoformat(iso) if iso else None


def _removals(process: Process, steps: list[tuple[int, StepResult]]) -> list[Removal]:
    """The automatic removals, then every cadre put to the removal ballot with its count, base
    and percentage — removed (it passed) or kept — as the dossier holds every step's tally."""
    out: list[Removal] = []
    voted: set[tuple[str, str]] = set()
    for r in removed_entries(process):
        if r.automatic:
            out.append(
                Removal(
                    ref=r.cadre,
                    full_name=r.full_name,
                    position=r.position,
                    reason="; ".join(x.vi for x in r.reasons),
                    automatic=True,
                    agree=None,
                    base_count=None,
                    percent=None,
                    removed=True,
                )
            )
    for _, result in steps:
        if result.kind != "removal":
            continue
        for section in result.sections:
            for c in section.candidates:
                voted.add((section.position, c.cadre))
                out.append(
                    Removal(
                        ref=c.cadre,
                        full_name=c.full_name,
                        position=section.position,
                        reason=VOTED_REMOVAL,
                        automatic=False,
                        agree=c.agree,
                        base_count=c.base_count,
                        percent=c.percent,
                        removed=c.passed,
                    )
                )
    # A removal the process holds without its ballot's result (none is expected): still listed.
    for r in removed_entries(process):
        if not r.automatic and (r.position, r.cadre) not in voted:
            out.append(
                Removal(
                    ref=r.cadre,
                    full_name=r.full_name,
                    position=r.position,
                    reason=VOTED_REMOVAL,
                    automatic=False,
                    agree=r.agree,
                    base_count=None,
                    percent=r.percent,
                    removed=True,
                )
            )
    return out


def _cap_notes(process: Process, result: StepResult | None, final: int) -> dict[str, str]:
    """For each cadre over the 3-positions cap at the final step, why: the positions already
    held in the planning of the term (fixed with the final step's ballot, the record's
    `planned`) and those passed at the final step."""
    if result is None:
        return {}
    over = {cadre for cadres in (result.over_cap or {}).values() for cadre in cadres}
    if not over:
        return {}
    held = held_at_final_step(process)
    passed: dict[str, int] = {}
    for section in result.sections:
        for c in section.candidates:
            if c.passed:
                passed[c.cadre] = passed.get(c.cadre, 0) + 1
    notes = {}
    for cadre in over:
        already = held.get(cadre, 0)
        won = passed.get(cadre, 0)
        notes[cadre] = (
            f"vượt quá {CAP} chức danh: đã có {already} chức danh trong quy hoạch, "
            f"đạt thêm {won} chức danh ở bước {final}"
            if already
            else f"vượt quá {CAP} chức danh: đạt {won} chức danh ở bước {final}"
        )
    return notes


def _decisions(
    session: Session, final: int, result: StepResult | None, notes: Mapping[str, str]
) -> list[HeadDecisionInfo]:
    """The head's decision at the final step, as recorded: who (the person's name; a decision
    recorded before accounts had one names the account's, voting.conference.accounts), when, the
    note, and for each contested position who was left to the head, why (a tie for the last
    places, or over the cap with the positions already held), and whom the head chose."""
    decision = result.decision if result else None
    if result is None or decision is None:
        return []
    full_names = {c.cadre: c.full_name for s in result.sections for c in s.candidates}

    def names(cadres: list[str]) -> list[str]:
        return [full_names.get(c, c) for c in cadres]

    contested = result.contested or {}
    over_cap = result.over_cap or {}
    out: list[DecidedPosition] = []
    # In ballot order, whatever order the selection listed them in.
    ballot = [s.position for s in result.sections]
    concerned = {*contested, *decision.chosen}
    for position in dict.fromkeys(
        [*[p for p in ballot if p in concerned], *contested, *decision.chosen]
    ):
        capped = list(over_cap.get(position, []))
        tied = [c for c in contested.get(position, []) if c not in capped]
        reasons = []
        if tied:
            reasons.append(f"Bằng phiếu ở vị trí cuối: {', '.join(names(tied))}")
        reasons += [
            f"{full_names.get(c, c)}: {notes.get(c, f'vượt quá {CAP} chức danh')}" for c in capped
        ]
        out.append(
            DecidedPosition(
                position=position,
                contested=names(list(contested.get(position, []))),
                chosen=names(list(decision.chosen.get(position, []))),
                reasons=reasons,
            )
        )
    return [
        HeadDecisionInfo(
            step=final,
            paper=result.paper,
            decided_by=name_of(session, decision.decided_by),
            decided_at=decision.decided_at,
            decided_at_text=moment_text(decision.decided_at),
            note=decision.note,
            positions=out,
        )
    ]


def _outcome(
    steps: Mapping[int, StepCount], chosen: bool, final: int, contested: str | None, decided: bool
) -> tuple[str, str]:
    """The candidate's outcome. At the final step a candidate left to the head (`contested`:
    "tie" for the last places, or "over_cap", past the 3-positions cap) is chosen or not by
    the head's decision, and the outcome says so — never "the quota was full", which was not
    why."""
    if chosen:
        if contested and decided:
            return "chosen_by_head", "Được đưa vào quy hoạch (người đứng đầu lựa chọn)"
        return "chosen", "Được đưa vào quy hoạch"
    failed = [n for n, count in steps.items() if not count.passed]
    if failed:
        return f"failed_step_{min(failed)}", f"Không đạt ở bước {min(failed)}"
    if final in steps:
        if contested and decided:
            why = "bằng phiếu" if contested == "tie" else "vượt quá 3 chức danh"
            return "not_chosen_by_head", f"Đạt, {why} — người đứng đầu không lựa chọn"
        if contested:
            return "awaiting_head", "Đạt — chờ quyết định của người đứng đầu"
        return "not_chosen", "Đạt nhưng không được lựa chọn (đã đủ số lượng)"
    return "pending", "Chưa kết thúc quy trình"
