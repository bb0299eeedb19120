"""Retirement month and months of work left, under Nghị định 135/2020/NĐ-CP (normal conditions).

The retirement month is the first month M in which the age reached (in whole months, only the
birth month counts) equals or exceeds the age required for the year of M, moved by a per-person
override within the bounds the rule set gives.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from voting.rules.errors import PersonError
from voting.rules.kh331 import KH331
from voting.rules.ruleset import RuleSet


@dataclass(frozen=True)
class Override:
    """A lawful earlier (negative months) or later retirement, with the rule set's reason key."""

    reason: str
    months: int
    note: str = ""


def month_index(day: date) -> int:
    """Months since year 0, so month arithmetic is plain subtraction."""
    return day.year * 12 + day.month - 1


def month_start(index: int) -> date:
    """The first day of the month with `month_index` `index`."""
    return date(index // 12, index % 12 + 1, 1)


def check_override(override: Override | None, rule_set: RuleSet = KH331) -> int:
    """The override's months, after checking its reason and bounds against the rule set."""
    if override is None:
        return 0
    adjustment = rule_set.adjustments.get(override.reason)
    if adjustment is None:
        known = ", ".join(rule_set.adjustments)
        raise PersonError(
            f"unknown retirement override reason {override.reason!r} (known: {known})"
        )
    if not adjustment.min_months <= override.months <= adjustment.max_months:
        raise PersonError(
            f"retirement override {override.reason!r} of {override.months} months is outside "
            f"{adjustment.min_months}..{adjustment.max_months}"
        )
    return override.months


def retirement_month(
    sex: str, born: date, override: Override | None = None, rule_set: RuleSet = KH331
) -> date:
    """The first day of the month in which a person born on `born` reaches retirement age."""
    if sex not in rule_set.retirement:
        raise PersonError(f"sex must be 'M' or 'F', got {sex!r}")
    if not isinstance(born, date):
        raise PersonError(f"birth date must be a date, got {born!r}")
    schedule = rule_set.retirement[sex]
    shift = check_override(override, rule_set)
    birth = month_index(born)
    earliest = min(schedule.before_months, schedule.start_months) + shift
    month = birth + max(earliest, 0)
    while month - birth < schedule.required_months(month // 12) + shift:
        month += 1
    return month_start(month)


def months_left(
    sex: str,
    born: date,
    reference: date,
    override: Override | None = None,
    rule_set: RuleSet = KH331,
) -> int:
    """Whole months from the reference month to the retirement month (negative once past it)."""
    if not isinstance(reference, date):
        raise PersonError(f"reference must be a date, got {reference!r}")
    if isinstance(born, date) and month_index(born) > month_index(reference):
        raise PersonError(f"born {born.isoformat()} is after the reference month {reference:%Y-%m}")
    return month_index(retirement_month(sex, born, override, rule_set)) - month_index(reference)
