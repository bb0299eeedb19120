"""Who may be planned for which position, and why not: KH 331 B.I.2, B.II and C.I as data.

For each person the report gives the retirement month, the months of work left, and for each
position whose source categories include the person's current post: the category, the months
it needs, and every reason against. Reasons that remove a cadre from planning without a vote
(deceased, over age, discipline, political standard) are marked `removal`. Missing political
theory is a flag ("needs a training plan"), never a reason against.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from voting.rules.errors import PersonError
from voting.rules.kh331 import KH331
from voting.rules.people import STUDYING, Person, PlannedPosition
from voting.rules.retirement import month_index, month_start, retirement_month
from voting.rules.ruleset import PositionKind, RuleSet
from voting.translations import texts

TERMS = ("current", "next")
_THEORY_VI = {"cao_cap": "cao cấp", "trung_cap": "trung cấp", "so_cap": "sơ cấp"}
# The discipline levels as a document writes them (no raw codes in Vietnamese text).
_DISCIPLINE_VI = {
    "nhac_nho": "nhắc nhở",
    "khien_trach": "khiển trách",
    "canh_cao": "cảnh cáo",
    "ha_bac_luong": "hạ bậc lương",
    "cach_chuc": "cách chức",
    "giang_chuc": "giáng chức",
    "khai_tru": "khai trừ",
    "buoc_thoi_viec": "buộc thôi việc",
}


@dataclass(frozen=True)
class Reason:
    """Why a person may not be (or should no longer be) planned, in English and Vietnamese."""

    code: str
    en: str
    vi: str
    removal: bool = False

    @classmethod
    def of(cls, code: str, words: tuple[str, str], removal: bool = False) -> Reason:
        """A reason with its catalogue texts, as `texts("reason.…", …)` gives them (Vietnamese,
        English): the key stays visible where the reason is made."""
        vi, en = words
        return cls(code, en, vi, removal)

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "en": self.en, "vi": self.vi, "removal": self.removal}


@dataclass(frozen=True)
class PositionCheck:
    """One position the person's current post is a source for, and the verdict."""

    position: str
    title: str
    category: int
    months_required: int
    reasons: tuple[Reason, ...]
    flags: tuple[Reason, ...]

    @property
    def eligible(self) -> bool:
        return not self.reasons

    def to_dict(self) -> dict[str, Any]:
        return {
            "position": self.position,
            "title": self.title,
            "category": self.category,
            "months_required": self.months_required,
            "eligible": self.eligible,
            "reasons": [reason.to_dict() for reason in self.reasons],
            "flags": [flag.to_dict() for flag in self.flags],
        }


@dataclass(frozen=True)
class PlanningCheck:
    """Whether a cadre keeps a position they are already planned for (review of the planning)."""

    position: str
    approved_on: date | None
    transitional: bool
    months_required: int
    reasons: tuple[Reason, ...]

    @property
    def keeps(self) -> bool:
        return not self.reasons

    def to_dict(self) -> dict[str, Any]:
        return {
            "position": self.position,
            "approved_on": self.approved_on.isoformat() if self.approved_on else None,
            "transitional": self.transitional,
            "months_required": self.months_required,
            "keeps": self.keeps,
            "reasons": [reason.to_dict() for reason in self.reasons],
        }


@dataclass(frozen=True)
class PersonEligibility:
    """The verdict for one person: general reasons apply to every position."""

    person: Person
    retirement: date
    months_left: int
    counted_from: date
    general: tuple[Reason, ...]
    positions: tuple[PositionCheck, ...]
    planning: tuple[PlanningCheck, ...] = ()

    @property
    def may_be_planned_for(self) -> tuple[PositionCheck, ...]:
        return tuple(check for check in self.positions if check.eligible)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.person.id,
            "full_name": self.person.full_name,
            "post": self.person.post,
            "unit": self.person.unit,
            "retirement_month": self.retirement.strftime("%Y-%m"),
            "months_left": self.months_left,
            "counted_from": self.counted_from.strftime("%Y-%m"),
            "general": [reason.to_dict() for reason in self.general],
            "positions": [check.to_dict() for check in self.positions],
            "planning": [check.to_dict() for check in self.planning],
        }


@dataclass(frozen=True)
class EligibilityReport:
    """Eligibility of a list of people, with the rules and months it was computed for."""

    rule_set: str
    rule_set_hash: str
    reference: date
    term: str
    term_start: date | None
    people: tuple[PersonEligibility, ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule_set": self.rule_set,
            "rule_set_hash": self.rule_set_hash,
            "reference": self.reference.strftime("%Y-%m"),
            "term": self.term,
            "term_start": self.term_start.strftime("%Y-%m") if self.term_start else None,
            "people": [person.to_dict() for person in self.people],
        }


def eligibility(
    people: Iterable[Person],
    reference: date,
    term: str,
    term_start: date | None = None,
    planning: Sequence[PlannedPosition] = (),
    rule_set: RuleSet = KH331,
) -> EligibilityReport:
    """Check every person against the rule set for planning in the `current` or `next` term.

    `reference` is the month the dossier is compiled (months left are counted from it);
    for the next term the 60 months are counted from `term_start`, the month the term begins.
    """
    if term not in TERMS:
        raise PersonError(f"term must be 'current' or 'next', got {term!r}")
    if term == "next" and term_start is None:
        raise PersonError("the next term needs its start month (--term-start YYYY-MM)")
    if (
        term == "next"
        and term_start is not None
        and month_index(term_start) < month_index(reference)
    ):
        raise PersonError("the next term cannot start before the reference month")
    reference = month_start(month_index(reference))
    counted_from = month_start(month_index(term_start)) if term == "next" and term_start else None
    report = []
    for person in people:
        entries = [entry for entry in planning if entry.cadre_id == person.id]
        report.append(
            _check_person(person, reference, counted_from or reference, term, entries, rule_set)
        )
    return EligibilityReport(
        rule_set=rule_set.name,
        rule_set_hash=rule_set.hash,
        reference=reference,
        term=term,
        term_start=counted_from,
        people=tuple(report),
    )


def removal_reasons(
    person: Person, reference: date, rule_set: RuleSet = KH331, on: date | None = None
) -> list[Reason]:
    """Reasons that take a cadre out of planning without a vote, judged on the day `on` (by
    default the last day of the reference month). B.II.3: a discipline removes while its
    decision is in force, and "sau khi quyết định thi hành kỷ luật hết hiệu lực" the cadre may
    be considered again — so a measure that ended mid-month no longer bars at the month's
    end, and one that began in the month does."""
    reasons = []
    if person.deceased:
        reasons.append(Reason.of("deceased", texts("reason.deceased"), removal=True))
    day = on or date.fromordinal(month_start(month_index(reference) + 1).toordinal() - 1)
    for measure in person.discipline:
        if measure.level in rule_set.removal_discipline_levels and measure.in_force(day, day):
            values = {
                "code": measure.level,
                "level": _DISCIPLINE_VI.get(measure.level, measure.level),
                "start": measure.start,
            }
            words = (
                texts("reason.discipline", end=measure.end, **values)
                if measure.end
                else texts("reason.discipline_open", **values)
            )
            reasons.append(Reason.of("discipline", words, removal=True))
    if person.political_standard == "not_met":
        reasons.append(
            Reason.of("political_standard", texts("reason.political_standard"), removal=True)
        )
    return reasons


def _check_person(
    person: Person,
    reference: date,
    counted_from: date,
    term: str,
    planning: Sequence[PlannedPosition],
    rule_set: RuleSet,
) -> PersonEligibility:
    if month_index(person.born) > month_index(reference):
        raise PersonError(f"{person.id}: born {person.born.isoformat()} after the reference month")
    retires = retirement_month(person.sex, person.born, person.retirement_override, rule_set)
    left = month_index(retires) - month_index(reference)
    counted_left = month_index(retires) - month_index(counted_from)
    general = removal_reasons(person, reference, rule_set)
    if left <= 0:
        general.append(Reason.of("retired", texts("reason.retired", month=retires), removal=True))
    post = rule_set.post_for(person.post)
    checks = []
    for kind in rule_set.positions.values():
        category = kind.categories.get(post.key) if post else None
        if category is None:
            continue
        needed = (
            rule_set.next_term_months
            if term == "next"
            else rule_set.tiers[kind.tier].current_term_months[category]
        )
        reasons = list(general)
        if counted_left < needed:
            reasons.append(_too_few_months(counted_left, needed, counted_from, over_age=False))
        checks.append(
            PositionCheck(
                position=kind.key,
                title=kind.title,
                category=category,
                months_required=needed,
                reasons=tuple(reasons),
                flags=tuple(_theory_flags(person, kind, rule_set)),
            )
        )
    if not checks and not general:
        general.append(Reason.of("not_a_source", texts("reason.not_a_source", post=person.post)))
    return PersonEligibility(
        person=person,
        retirement=retires,
        months_left=left,
        counted_from=counted_from,
        general=tuple(general),
        positions=tuple(checks),
        planning=tuple(
            _check_planning(entry, term, left, counted_left, general, counted_from, rule_set)
            for entry in planning
        ),
    )


def term_kind(procedure: str, reference: date, term_start: date | None) -> str:
    """Which term a process plans for. KH 331 B.I.4: the next term's planning is built once
    ("next_term"), and the annual review covers "cả quy hoạch nhiệm kỳ hiện tại và nhiệm kỳ kế
    tiếp": a review whose term starts after the reference month reviews the next term's
    planning (60 months counted from that term's start, B.II.2), any other the current term's
    (72/120 months from the reference month)."""
    if procedure == "next_term":
        return "next"
    if term_start is not None and month_index(term_start) > month_index(reference):
        return "next"
    return "current"


def _check_planning(
    entry: PlannedPosition,
    term: str,
    left: int,
    counted_left: int,
    general: list[Reason],
    counted_from: date,
    rule_set: RuleSet,
) -> PlanningCheck:
    """A planned cadre keeps the planning unless a removal reason applies or too few months are
    left. In the current term: 60 from the reference month for those planned before QĐ 50
    (C.I), else the position's category-1 months (72). In the next term: the whole term, 60
    months from its start (B.II.2); C.I speaks of the current term's planning only."""
    kind = rule_set.position_for(entry.position)
    if kind is None:
        raise PersonError(f"{entry.cadre_id}: unknown planned position {entry.position!r}")
    transitional = (
        term == "current"
        and entry.approved_on is not None
        and entry.approved_on < rule_set.transitional_before
    )
    if term == "next":
        needed, months = rule_set.next_term_months, counted_left
    elif transitional:
        needed, months = rule_set.transitional_months, left
    else:
        needed, months = rule_set.tiers[kind.tier].current_term_months[1], left
    reasons = [reason for reason in general if reason.removal]
    if months < needed and left > 0:
        reasons.append(_too_few_months(months, needed, counted_from, over_age=True))
    return PlanningCheck(entry.position, entry.approved_on, transitional, needed, tuple(reasons))


def _too_few_months(left: int, needed: int, counted_from: date, over_age: bool) -> Reason:
    return Reason.of(
        "over_age" if over_age else "too_few_months",
        texts("reason.months_left", left=max(left, 0), month=counted_from, needed=needed),
        removal=over_age,
    )


def _theory_flags(person: Person, kind: PositionKind, rule_set: RuleSet) -> list[Reason]:
    """Political theory below the position's standard (and not being studied) needs a plan."""
    if kind.political_theory is None:
        return []
    levels = rule_set.political_theory_levels
    level = person.political_theory.removeprefix(STUDYING)
    if levels.index(level) >= levels.index(kind.political_theory):
        return []
    code = kind.political_theory
    level = _THEORY_VI.get(code, code)
    return [Reason.of("training_plan", texts("reason.training_plan", code=code, level=level))]
