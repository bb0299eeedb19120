"""A planning list against the plan's limits and structure targets (KH 331 B.III).

Limits: at most 3 cadres per position, at most 3 positions per cadre at one approval level.
Targets (reported, not blocking): under-40s and women as shares of the cadres planned, and a
woman among the key leaders planned. Shares are exact fractions; percentages are for display.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from fractions import Fraction
from typing import Any

from voting.rules.errors import PersonError
from voting.rules.kh331 import KH331
from voting.rules.people import Person, PlannedPosition
from voting.rules.retirement import month_index
from voting.rules.ruleset import RuleSet


@dataclass(frozen=True)
class LimitReport:
    """Positions with too many cadres, and cadres with too many positions at one level."""

    crowded_positions: dict[str, list[str]]
    busy_cadres: dict[str, list[str]]

    @property
    def ok(self) -> bool:
        return not self.crowded_positions and not self.busy_cadres


@dataclass(frozen=True)
class StructureReport:
    """Young cadres, women and a woman key leader among the distinct cadres planned."""

    rule_set: str
    rule_set_hash: str
    reference: date
    planned: int
    young: int
    women: int
    women_key_leaders: int
    young_share: Fraction
    women_share: Fraction
    young_met: bool
    women_met: bool
    woman_key_leader_met: bool

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule_set": self.rule_set,
            "rule_set_hash": self.rule_set_hash,
            "reference": self.reference.isoformat(),
            "planned": self.planned,
            "young": self.young,
            "women": self.women,
            "women_key_leaders": self.women_key_leaders,
            "young_met": self.young_met,
            "women_met": self.women_met,
            "woman_key_leader_met": self.woman_key_leader_met,
        }


def check_limits(entries: Iterable[PlannedPosition], rule_set: RuleSet = KH331) -> LimitReport:
    """Every position over `max_cadres_per_position` and every cadre over
    `max_positions_per_cadre` at one tier (the approval level), with what is concerned."""
    by_position: dict[str, list[str]] = defaultdict(list)
    by_cadre_tier: dict[tuple[str, str], list[str]] = defaultdict(list)
    for entry in entries:
        kind = rule_set.position_for(entry.position)
        if kind is None:
            raise PersonError(f"{entry.cadre_id}: unknown planned position {entry.position!r}")
        by_position[entry.position].append(entry.cadre_id)
        by_cadre_tier[(entry.cadre_id, kind.tier)].append(entry.position)
    crowded = {
        position: cadres
        for position, cadres in by_position.items()
        if len(cadres) > rule_set.max_cadres_per_position
    }
    busy: dict[str, list[str]] = {}
    for (cadre, _tier), positions in by_cadre_tier.items():
        if len(positions) > rule_set.max_positions_per_cadre:
            busy.setdefault(cadre, []).extend(positions)
    return LimitReport(crowded, busy)


def structure_report(
    entries: Iterable[PlannedPosition],
    people: Mapping[str, Person],
    reference: date,
    rule_set: RuleSet = KH331,
) -> StructureReport:
    """Shares of young cadres and women among the distinct cadres of `entries`."""
    targets = rule_set.structure
    cadres: dict[str, Person] = {}
    key_leaders: set[str] = set()
    for entry in entries:
        if entry.cadre_id not in people:
            raise PersonError(f"planned cadre {entry.cadre_id!r} is not among the people")
        cadres[entry.cadre_id] = people[entry.cadre_id]
        kind = rule_set.position_for(entry.position)
        if kind is not None and kind.key_leader:
            key_leaders.add(entry.cadre_id)
    young = sum(1 for person in cadres.values() if is_young(person, reference, rule_set))
    women = sum(1 for person in cadres.values() if person.sex == "F")
    women_key = sum(1 for cadre in key_leaders if cadres[cadre].sex == "F")
    total = len(cadres)
    young_share = Fraction(young, total) if total else Fraction(0)
    women_share = Fraction(women, total) if total else Fraction(0)
    return StructureReport(
        rule_set=rule_set.name,
        rule_set_hash=rule_set.hash,
        reference=reference,
        planned=total,
        young=young,
        women=women,
        women_key_leaders=women_key,
        young_share=young_share,
        women_share=women_share,
        young_met=total > 0 and young_share >= targets.young_min,
        women_met=total > 0 and women_share >= targets.women_min,
        woman_key_leader_met=not targets.woman_key_leader or women_key > 0,
    )


def is_young(person: Person, reference: date, rule_set: RuleSet = KH331) -> bool:
    """Under the rule set's age (40) on the reference date."""
    years = rule_set.structure.young_under_years
    birthday = (person.born.month, person.born.day)
    age = reference.year - person.born.year - ((reference.month, reference.day) < birthday)
    return age < years and month_index(person.born) <= month_index(reference)
