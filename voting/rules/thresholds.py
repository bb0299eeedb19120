"""The quorum and the steps' passing rules (KH 331 B.IV), in exact integer arithmetic."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from voting.rules.errors import CountError, RuleSetError
from voting.rules.kh331 import KH331
from voting.rules.ruleset import RuleSet, Step


def check_attendance(present: int, convened: int) -> None:
    """Refuse impossible attendance: negative, nobody convened, more present than convened."""
    for name, value in (("present", present), ("convened", convened)):
        if not isinstance(value, int) or isinstance(value, bool):
            raise CountError(f"{name} must be a whole number, got {value!r}")
        if value < 0:
            raise CountError(f"{name} must not be negative, got {value}")
    if convened == 0:
        raise CountError("convened must be at least 1: a conference convenes somebody")
    if present > convened:
        raise CountError(f"present ({present}) exceeds convened ({convened})")


def quorum_met(present: int, convened: int, rule_set: RuleSet = KH331) -> bool:
    """KH 331 B.IV Lưu ý: the conference goes ahead when present ≥ 2/3 of convened."""
    ratio = rule_set.quorum
    check_attendance(present, convened)
    return present * ratio.denominator >= convened * ratio.numerator


def quorum_shortfall(present: int, convened: int, rule_set: RuleSet = KH331) -> int:
    """How many more attendees must check in before the quorum holds (0 when it does)."""
    ratio = rule_set.quorum
    check_attendance(present, convened)
    needed = -(-convened * ratio.numerator // ratio.denominator)
    return max(0, needed - present)


@dataclass(frozen=True)
class Evaluation:
    """One agree count measured against the step's base: what the minutes print per candidate."""

    agree: int
    base: str
    base_count: int
    share: Fraction
    passed: bool


def passes(step: Step, agree: int, present: int, convened: int) -> bool:
    """Whether a candidate (or, on a removal ballot, a removal) with `agree` votes passes `step`."""
    return evaluate(step, agree, present, convened).passed


def evaluate(step: Step, agree: int, present: int, convened: int) -> Evaluation:
    """The agree count, its base and exact share, and whether it passes `step`."""
    if step.threshold is None:
        raise RuleSetError(f"step {step.number} of {step.procedure!r} holds no ballot")
    check_attendance(present, convened)
    if not isinstance(agree, int) or isinstance(agree, bool) or agree < 0:
        raise CountError(f"agree count must be a whole number ≥ 0, got {agree!r}")
    passed = step.threshold.met(agree, present, convened)
    base_count = present if step.threshold.base == "present" else convened
    share = Fraction(agree, base_count) if base_count else Fraction(0)
    return Evaluation(agree, step.threshold.base, base_count, share, passed)
