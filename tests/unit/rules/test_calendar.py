"""Working days with the holiday calendar, the approval deadline, the 3-month wait and the
6-month age of the dossier's documents (voting.rules.calendar)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from voting.rules.calendar import (
    add_months,
    add_working_days,
    approval_deadline,
    earliest_appointment,
    is_stale,
    is_working_day,
)
from voting.rules.errors import RulesError

# Tết Bính Ngọ: Saturday 14/2 to Sunday 22/2/2026.
TET_2026 = {date(2026, 2, 14) + timedelta(days=n) for n in range(9)}
days = st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 12, 31))


def test_weekends_and_holidays_are_not_working_days() -> None:
    """Is a working day Monday to Friday and off the holiday calendar?"""
    assert is_working_day(date(2026, 2, 13), TET_2026)  # Friday before Tết
    assert not is_working_day(date(2026, 2, 16), TET_2026)  # Monday of Tết
    assert not is_working_day(date(2026, 2, 21), set())  # a Saturday
    assert not is_working_day(date(2026, 2, 22), set())  # a Sunday


def test_the_deadline_skips_the_tet_holiday() -> None:
    """Does the 30-working-day approval deadline move by the working days Tết takes?"""
    # Submitted on Friday 13/2/2026; Tết runs 14–22/2, so the first working day is 23/2.
    assert add_working_days(date(2026, 2, 13), 1, TET_2026) == date(2026, 2, 23)
    without = approval_deadline(date(2026, 2, 13), set())
    with_tet = approval_deadline(date(2026, 2, 13), TET_2026)
    assert without == date(2026, 3, 27)  # six whole weeks
    assert (with_tet - without).days == 7  # five working days of Tết, plus a weekend


def test_the_start_day_is_not_counted() -> None:
    """Is the day the dossier is completed day 0, even when it is a working day?"""
    monday = date(2022, 5, 2)
    assert add_working_days(monday, 0, set()) == monday
    assert add_working_days(monday, 1, set()) == date(2022, 5, 3)
    assert add_working_days(date(2022, 5, 6), 1, set()) == date(2022, 5, 9)  # Friday → Monday
    with pytest.raises(RulesError, match="negative"):
        add_working_days(monday, -1, set())


@given(
    st.dates(min_value=date(2022, 1, 1), max_value=date(2030, 12, 31)),
    st.integers(min_value=0, max_value=60),
    st.sets(st.dates(min_value=date(2022, 1, 1), max_value=date(2031, 12, 31)), max_size=30),
)
def test_exactly_count_working_days_lie_after_the_start(
    start: date, count: int, holidays: set[date]
) -> None:
    """Are there exactly `count` working days after the start up to the result, the result
    one of them?"""
    end = add_working_days(start, count, holidays)
    between = [start + timedelta(days=n) for n in range(1, (end - start).days + 1)]
    assert sum(is_working_day(d, holidays) for d in between) == count
    assert count == 0 or is_working_day(end, holidays)


def test_months_are_added_with_the_day_clamped_to_the_month() -> None:
    """Does a month-end date land on the shorter month's last day (31/1 + 3 months = 30/4)?"""
    assert add_months(date(2022, 1, 31), 3) == date(2022, 4, 30)
    assert add_months(date(2023, 11, 30), 3) == date(2024, 2, 29)
    assert add_months(date(2022, 11, 30), 3) == date(2023, 2, 28)
    assert add_months(date(2022, 3, 15), -6) == date(2021, 9, 15)
    assert add_months(date(2022, 10, 31), 3) == date(2023, 1, 31)  # across the year
    assert earliest_appointment(date(2022, 6, 15)) == date(2022, 9, 15)
    assert earliest_appointment(date(2022, 1, 31)) == date(2022, 4, 30)


@given(days, st.integers(min_value=-24, max_value=24))
def test_adding_months_keeps_the_day_or_ends_the_month(day: date, months: int) -> None:
    """Is the result exactly `months` calendar months away, on the same day or the month's end?"""
    later = add_months(day, months)
    assert (later.year - day.year) * 12 + later.month - day.month == months
    next_day = later + timedelta(days=1)
    assert later.day == day.day or (later.day < day.day and next_day.day == 1)


def test_a_document_exactly_six_months_old_is_still_valid() -> None:
    """Is the boundary "at most 6 months old" inclusive?"""
    review = date(2022, 10, 31)
    assert not is_stale(date(2022, 4, 30), review)
    assert is_stale(date(2022, 4, 29), review)
    assert not is_stale(date(2022, 10, 1), review)
    # 31/8 − 6 months is 28/2 (clamped): the whole of February up to the 27th is too old.
    assert not is_stale(date(2022, 2, 28), date(2022, 8, 31))
    assert is_stale(date(2022, 2, 27), date(2022, 8, 31))


@given(days, days, days)
def test_staleness_only_grows_with_age(review: date, older: date, newer: date) -> None:
    """Is a document older than a stale one stale too, and one 6 months to the day never?"""
    older, newer = min(older, newer), max(older, newer)
    assert not is_stale(newer, review) or is_stale(older, review)
    limit = add_months(review, -6)
    assert not is_stale(limit, review)
    assert is_stale(limit - timedelta(days=1), review)
