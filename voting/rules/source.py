"""The source list (danh sách nguồn) of a planning process, proposed from the registry.

KH 331 B.I.2: each position draws from its source categories 1 and 2; B.II: the eligibility
conditions. For each position of a tier this module proposes who stands, with the category and
the flags (political theory), and who does not, with every reason — the organiser then edits
the list and the first leadership step approves it. In the annual review (B.IV.2) it also splits
the current planning into automatic removals (no vote) and cadres who stay, and counts the
places still open for each position (3 minus those planned).

Design choices (docs/planning.md): a per-unit position ("Trưởng phòng Quản lý Thương mại") is
titled from its unit and proposes people of that unit only; a cadre already planned for a
position is not proposed for it again.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from voting.rules.eligibility import PersonEligibility, PlanningCheck, Reason, eligibility
from voting.rules.kh331 import KH331
from voting.rules.people import Person, PlannedPosition
from voting.rules.ruleset import PositionKind, RuleSet
from voting.translations import texts


@dataclass(frozen=True)
class Position:
    """A position to plan: its full title, its kind, and its unit for a per-unit position."""

    title: str
    kind: str
    unit: str = ""


@dataclass(frozen=True)
class Proposed:
    """A cadre proposed for a position, from source category 1 or 2, with flags to act on."""

    cadre: str
    category: int
    flags: tuple[Reason, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "cadre": self.cadre,
            "category": self.category,
            "flags": [flag.to_dict() for flag in self.flags],
        }


@dataclass(frozen=True)
class Excluded:
    """A person whose post is a source for the position but who may not stand, and why."""

    cadre: str
    reasons: tuple[Reason, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"cadre": self.cadre, "reasons": [reason.to_dict() for reason in self.reasons]}


@dataclass(frozen=True)
class SourceSection:
    """One position of the source list: who is proposed, who is excluded, places open."""

    position: Position
    places: int
    proposed: tuple[Proposed, ...]
    excluded: tuple[Excluded, ...]


@dataclass(frozen=True)
class Removal:
    """A planned cadre the review takes out of a position without a vote, and why."""

    cadre: str
    position: str
    reasons: tuple[Reason, ...]


def unit_position_title(kind: PositionKind, unit: str) -> str:
    """ "Trưởng phòng" + the unit without its leading "Phòng": the title `position_for` reads."""
    prefix = kind.title.removesuffix(" và tương đương")
    name = unit.strip()
    if name.casefold().startswith("phòng "):
        name = name[len("phòng ") :]
    return f"{prefix} {name}"


def document_title(title: str) -> str:
    """A position as documents write it: the units headed by a Chánh or a Giám đốc keep their
    own titles ("Trưởng phòng Văn phòng Sở" → "Chánh Văn phòng Sở", "Phó trưởng phòng Thanh
    tra Sở" → "Phó Chánh Thanh tra Sở", "Trưởng phòng Trung tâm …" → "Giám đốc Trung tâm …")."""
    for prefix, head in (("Phó trưởng phòng ", "Phó "), ("Trưởng phòng ", "")):
        if title.startswith(prefix):
            unit = title[len(prefix) :]
            for starts, word in (("Văn phòng", "Chánh"), ("Thanh tra", "Chánh")):
                if unit.startswith(starts):
                    return f"{head}{word} {unit}"
            if unit.startswith("Trung tâm"):
                return f"{head}Giám đốc {unit}"
    return title


def positions_of_tier(
    tier: str, people: Iterable[Person], rule_set: RuleSet = KH331
) -> list[Position]:
    """Every position of `tier`: the agency-wide ones, and each per-unit one for every unit
    whose people include a source of it (the leadership's own unit has none)."""
    people = list(people)
    positions: list[Position] = []
    for kind in rule_set.positions.values():
        if kind.tier != tier:
            continue
        if not kind.per_unit:
            positions.append(Position(kind.title, kind.key))
            continue
        units = dict.fromkeys(
            person.unit for person in people if _category(person, kind, rule_set) is not None
        )
        positions += [Position(unit_position_title(kind, u), kind.key, u) for u in units]
    return positions


def propose(
    positions: Sequence[Position],
    people: Iterable[Person],
    report: Iterable[PersonEligibility],
    planning: Sequence[PlannedPosition],
    rule_set: RuleSet = KH331,
) -> list[SourceSection]:
    """The source list: for each position, the eligible people of its source categories (and
    of its unit), minus those already planned for it, and the excluded ones with reasons.
    `report` is `eligibility(...)` of `people` for the term the planning is for; `planning`
    the current planning (entries still in force), which fixes the places open."""
    checks = {item.person.id: item for item in report}
    everyone = list(people)
    sections = []
    for position in positions:
        kind = rule_set.positions[position.kind]
        already = {e.cadre_id for e in planning if _same(e.position, position.title)}
        held = held_positions(planning, kind.tier, rule_set)
        proposed: list[Proposed] = []
        excluded: list[Excluded] = []
        for person in everyone:
            if person.id in already or _category(person, kind, rule_set) is None:
                continue
            if position.unit and person.unit != position.unit:
                continue
            check = next(c for c in checks[person.id].positions if c.position == kind.key)
            full = at_cap(person.id, held, rule_set)
            if full:
                excluded.append(Excluded(person.id, (*check.reasons, full)))
            elif check.eligible:
                proposed.append(Proposed(person.id, check.category, check.flags))
            else:
                excluded.append(Excluded(person.id, check.reasons))
        proposed.sort(key=lambda p: p.category)
        sections.append(
            SourceSection(
                position=position,
                places=places_open(position.title, planning, rule_set),
                proposed=tuple(proposed),
                excluded=tuple(excluded),
            )
        )
    return sections


def places_open(title: str, planning: Sequence[PlannedPosition], rule_set: RuleSet = KH331) -> int:
    """B.III.1: at most 3 cadres per position, so the places open are 3 minus those planned."""
    taken = sum(1 for entry in planning if _same(entry.position, title))
    return max(0, rule_set.max_cadres_per_position - taken)


def tier_of(title: str, rule_set: RuleSet = KH331) -> str | None:
    """The tier (approval level) of a planned position's title, or None if it is no position."""
    kind = rule_set.position_for(title)
    return kind.tier if kind is not None else None


def of_tier(
    planning: Iterable[PlannedPosition], tier: str, rule_set: RuleSet = KH331
) -> list[PlannedPosition]:
    """The entries whose position belongs to `tier`: what a process of that tier reviews."""
    return [entry for entry in planning if tier_of(entry.position, rule_set) == tier]


def review_planning(
    people: Iterable[Person],
    planning: Sequence[PlannedPosition],
    reference: date,
    rule_set: RuleSet = KH331,
    tier: str | None = None,
    term: str = "current",
    term_start: date | None = None,
) -> tuple[list[Removal], list[PlannedPosition]]:
    """B.IV.2 step 1: the planned cadres removed without a vote (deceased, over age, discipline,
    political standard — each `PlanningCheck` that does not keep), and the entries that stay.
    A cadre now holding the planned position was appointed: the planning ends (B.I.3, listed
    with the removals, reason `appointed`). A planned cadre missing from the registry stays:
    B.II.3's four grounds are the only removals without a vote, and a gap in the registry is
    none of them (the caller flags it, `missing_from`); only those in the registry may be put
    to the removal ballot.

    With `tier`, only the entries of that tier's positions are reviewed (and returned): the
    review of the agency's posts never touches the province's Giám đốc / Phó Giám đốc Sở, nor
    the reverse."""
    if tier is not None:
        planning = of_tier(planning, tier, rule_set)
    by_id = {person.id: person for person in people}
    known = [entry for entry in planning if entry.cadre_id in by_id]
    report = eligibility(
        [by_id[cadre] for cadre in dict.fromkeys(e.cadre_id for e in known)],
        reference,
        term,
        term_start,
        planning=known,
        rule_set=rule_set,
    )
    checks: dict[tuple[str, str], PlanningCheck] = {
        (item.person.id, check.position): check for item in report.people for check in item.planning
    }
    removals: list[Removal] = []
    staying: list[PlannedPosition] = []
    for entry in planning:
        if entry.cadre_id not in by_id:
            staying.append(entry)
            continue
        if holds(by_id[entry.cadre_id], entry.position, rule_set):
            removals.append(Removal(entry.cadre_id, entry.position, (APPOINTED,)))
            continue
        check = checks[(entry.cadre_id, entry.position)]
        if check.keeps:
            staying.append(entry)
        else:
            removals.append(Removal(entry.cadre_id, entry.position, check.reasons))
    return removals, staying


# B.I.3: "Quy hoạch hết hiệu lực khi cán bộ được bổ nhiệm vào chức danh quy hoạch".
APPOINTED = Reason.of("appointed", texts("reason.appointed"), removal=True)


def holds(person: Person, title: str, rule_set: RuleSet = KH331) -> bool:
    """Whether the person's current post is the position `title` (a unit's position in the
    person's own unit): a cadre appointed to the position planned for."""
    kind = rule_set.position_for(title)
    post = rule_set.post_for(person.post)
    if kind is None or post is None or post.key != kind.key:
        return False
    return not kind.per_unit or _same(unit_position_title(kind, person.unit), title)


def missing_from(
    people: Iterable[Person], planning: Iterable[PlannedPosition]
) -> list[PlannedPosition]:
    """The planned entries whose cadre is not in the registry: nothing about them can be
    checked, so they are flagged for the organiser (fix the registry), never removed."""
    known = {person.id for person in people}
    return [entry for entry in planning if entry.cadre_id not in known]


def held_positions(
    planning: Iterable[PlannedPosition], tier: str, rule_set: RuleSet = KH331
) -> dict[str, int]:
    """How many positions of `tier` each cadre is already planned for: what the 3-positions
    cap counts at the final step. KH 331 B.III.1: "một cán bộ quy hoạch không quá ba chức danh
    ở cùng cấp phê duyệt quy hoạch" — the cap is per approval level, and a tier is one approval
    level (the province's standing committee for Giám đốc / Phó Giám đốc Sở, the agency's
    leadership collective for the units' posts), so every position the cadre holds at that
    level counts, whichever unit it is in, and those of the other level do not. A position
    listed twice (the same title in two entries) counts once."""
    held: dict[str, set[str]] = {}
    for entry in planning:
        if tier_of(entry.position, rule_set) == tier:
            held.setdefault(entry.cadre_id, set()).add(" ".join(entry.position.split()).casefold())
    return {cadre: len(titles) for cadre, titles in held.items()}


def at_cap(cadre: str, held: Mapping[str, int], rule_set: RuleSet = KH331) -> Reason | None:
    """B.III.1: a cadre already planned for three positions at the approval level can take no
    fourth — said on the source list and every ballot before the final step."""
    cap = rule_set.max_positions_per_cadre
    if held.get(cadre, 0) < cap:
        return None
    return Reason.of("at_cap", texts("reason.at_cap", held=held[cadre], cap=cap))


def source_warnings(
    person: Person, position: Position, check: PersonEligibility, rule_set: RuleSet = KH331
) -> list[Reason]:
    """What a candidate list shows beside a cadre the organiser put on it: every reason
    against and every flag for that position, or why the post is no source for it."""
    kind = rule_set.positions[position.kind]
    for item in check.positions:
        if item.position == kind.key:
            warnings = [*item.reasons, *item.flags]
            if position.unit and person.unit != position.unit:
                warnings.append(
                    Reason.of(
                        "other_unit",
                        texts("reason.other_unit", unit=person.unit, position_unit=position.unit),
                    )
                )
            return warnings
    return [
        *check.general,
        Reason.of(
            "not_a_source",
            texts("reason.not_a_source.position", post=person.post, position=position.title),
        ),
    ]


def _category(person: Person, kind: PositionKind, rule_set: RuleSet) -> int | None:
    post = rule_set.post_for(person.post)
    return kind.categories.get(post.key) if post else None


def _same(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()
