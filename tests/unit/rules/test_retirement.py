"""Retirement month and months left under Nghị định 135/2020, pinned to the plan's cut-offs."""

from datetime import date

import pytest

from voting.rules import KH331, Override, PersonError, months_left, retirement_month

REFERENCE = date(2022, 4, 1)


@pytest.mark.parametrize(
    ("sex", "born", "left"),
    [
        # KH 331 B.II.2: 72 months for category 1 — men born 4/1966 or later, women 9/1970 or later.
        ("M", date(1966, 4, 1), 72),
        ("M", date(1966, 3, 31), 68),
        ("M", date(1966, 5, 20), 73),
        ("F", date(1970, 9, 1), 73),
        ("F", date(1970, 8, 31), 68),
        ("F", date(1970, 10, 1), 74),
        # 120 months for category 2 — men born 4/1970 or later, women 5/1973 or later.
        ("M", date(1970, 4, 1), 120),
        ("M", date(1970, 3, 15), 119),
        ("F", date(1973, 5, 1), 121),
        ("F", date(1973, 4, 30), 116),
    ],
)
def test_plan_cut_offs(sex: str, born: date, left: int) -> None:
    """Does the rule reproduce the plan's four cut-offs and the months either side of them?"""
    assert months_left(sex, born, REFERENCE) == left


@pytest.mark.parametrize(
    ("sex", "born", "retires"),
    [
        ("M", date(1960, 6, 1), date(2020, 6, 1)),  # before 2021: 60 years
        ("M", date(1961, 1, 1), date(2021, 4, 1)),  # 2021: 60y3m
        ("M", date(1970, 1, 1), date(2032, 1, 1)),  # from 2028: 62 years
        ("F", date(1965, 1, 1), date(2020, 1, 1)),  # before 2021: 55 years
        ("F", date(1966, 1, 1), date(2021, 5, 1)),  # 2021: 55y4m
        ("F", date(1980, 7, 9), date(2040, 7, 1)),  # from 2035: 60 years
    ],
)
def test_retirement_month_follows_the_schedule(sex: str, born: date, retires: date) -> None:
    """Is the retirement month the first month whose age reaches that year's required age?"""
    assert retirement_month(sex, born) == retires


def test_only_the_birth_month_matters() -> None:
    """Two people born on the first and the last day of a month retire in the same month."""
    assert retirement_month("F", date(1975, 2, 1)) == retirement_month("F", date(1975, 2, 28))


def test_override_moves_retirement_within_bounds() -> None:
    """An earlier or later retirement moves the month by the override's months."""
    born = date(1980, 3, 10)
    normal = months_left("M", born, REFERENCE)
    assert months_left("M", born, REFERENCE, Override("reduced_capacity", -60)) == normal - 60
    assert months_left("M", born, REFERENCE, Override("later", 24)) == normal + 24
    assert months_left("M", born, REFERENCE, Override("coal_mining", -120)) == normal - 120


@pytest.mark.parametrize(
    ("override", "fragment"),
    [
        (Override("reduced_capacity", -61), "outside -60..0"),
        (Override("later", 61), "outside 0..60"),
        (Override("later", -1), "outside 0..60"),
        (Override("whim", 12), "unknown retirement override"),
    ],
)
def test_override_outside_its_bounds_is_refused(override: Override, fragment: str) -> None:
    """Are the rule set's bounds on overrides enforced?"""
    with pytest.raises(PersonError, match=fragment):
        retirement_month("F", date(1980, 1, 1), override, KH331)


def test_unknown_sex_is_refused() -> None:
    """Sex other than 'M' or 'F' is an error naming the value."""
    with pytest.raises(PersonError, match="'X'"):
        retirement_month("X", date(1980, 1, 1))


def test_birth_after_reference_is_refused() -> None:
    """A birth after the reference month cannot be evaluated."""
    with pytest.raises(PersonError, match="after the reference month 2022-04"):
        months_left("M", date(2022, 5, 1), REFERENCE)


def test_months_left_is_negative_once_retired() -> None:
    """Someone already past retirement has negative months left."""
    # Retired at 60 in 4/2015, seven years before the reference month.
    assert months_left("M", date(1955, 4, 1), REFERENCE) == -84
