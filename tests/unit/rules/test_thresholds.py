"""Quorum and step thresholds of KH 331, in exact arithmetic."""

from fractions import Fraction

import pytest

from voting.rules import (
    KH331,
    CountError,
    RuleSetError,
    evaluate,
    passes,
    quorum_met,
    quorum_shortfall,
)

STEP3 = KH331.step("next_term", 3)
STEP4 = KH331.step("next_term", 4)
STEP5 = KH331.step("next_term", 5)
REMOVAL = KH331.step("annual_review", 1)


@pytest.mark.parametrize(
    ("present", "convened", "met"),
    [(17, 25, True), (16, 25, False), (2, 3, True), (1, 3, False), (20, 30, True), (19, 30, False)],
)
def test_quorum_is_two_thirds_of_convened(present: int, convened: int, met: bool) -> None:
    """Does the conference go ahead exactly when present * 3 >= convened * 2?"""
    assert quorum_met(present, convened) is met


def test_quorum_shortfall_says_how_many_more() -> None:
    """How many more must check in: 25 convened need 17 present."""
    assert quorum_shortfall(10, 25) == 7
    assert quorum_shortfall(17, 25) == 0
    assert quorum_shortfall(30, 30) == 0


@pytest.mark.parametrize(
    ("agree", "present", "passed"),
    [(3, 10, True), (2, 10, False), (6, 20, True), (5, 20, False), (7, 23, True), (6, 23, False)],
)
def test_key_officials_need_thirty_percent_of_present(
    agree: int, present: int, passed: bool
) -> None:
    """Step 3 passes at agree ≥ 30% of present, boundary included (7/23 ≈ 30.4%, 6/23 ≈ 26%)."""
    assert passes(STEP3, agree, present, 30) is passed


@pytest.mark.parametrize(
    ("agree", "present", "passed"), [(6, 10, True), (5, 10, False), (6, 11, True)]
)
def test_extended_collective_needs_more_than_half_of_present(
    agree: int, present: int, passed: bool
) -> None:
    """Step 4 passes at agree > 50% of present: exactly half does not pass."""
    assert passes(STEP4, agree, present, 20) is passed


def test_final_step_measures_against_convened_not_present() -> None:
    """Step 5: with 11 convened and 8 present, 6 agree passes (6 > 5.5) and 5 does not."""
    assert passes(STEP5, 6, 8, 11)
    assert not passes(STEP5, 5, 8, 11)
    assert evaluate(STEP5, 6, 8, 11).share == Fraction(6, 11)
    assert evaluate(STEP5, 6, 8, 11).base == "convened"


def test_removal_ballot_needs_more_than_half_of_convened() -> None:
    """Annual review step 1 proposes removal at > 50% of convened."""
    assert passes(REMOVAL, 6, 9, 10) is True
    assert passes(REMOVAL, 5, 9, 10) is False


@pytest.mark.parametrize(
    ("agree", "present", "convened", "fragment"),
    [
        (-1, 5, 6, "agree"),
        (3, -1, 6, "present"),
        (3, 7, 6, "exceeds convened"),
        (9, 8, 10, "exceeds the present"),
        (3, 0, 0, "at least 1"),
    ],
)
def test_impossible_counts_are_refused(
    agree: int, present: int, convened: int, fragment: str
) -> None:
    """Are negative counts, present > convened and agree > base refused with a clear message?"""
    with pytest.raises(CountError, match=fragment):
        passes(STEP4, agree, present, convened)


def test_agree_above_convened_is_refused_on_a_convened_step() -> None:
    """On a step measured against convened, agree above convened is refused."""
    with pytest.raises(CountError, match="exceeds the convened"):
        passes(STEP5, 11, 10, 10)


def test_a_step_without_ballot_has_no_threshold() -> None:
    """Asking whether a candidate passes the preparation step is an error, not False."""
    with pytest.raises(RuleSetError, match="holds no ballot"):
        passes(KH331.step("next_term", 1), 1, 5, 6)


def test_quorum_refuses_impossible_attendance() -> None:
    """quorum_met refuses present > convened rather than answering."""
    with pytest.raises(CountError):
        quorum_met(26, 25)
