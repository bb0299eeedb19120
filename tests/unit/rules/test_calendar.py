"""Working days with the holiday calendar, the approval deadline, the 3-month wait and the
6-month age of the dossier's documents (voting.rules.calendar)."""

from __future__ import annotations

from datetime import date, timedelta

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

TET_2026 = {date(2026, 2, 14) + timedelta(days=n) for n in range(9)}


def test_weekends_and_holidays_are_not_working_days() -> None:
    assert is_working_day(date(2026, 2, 13), TET_2026)  # Friday before Tết
    assert not is_working_day(date(2026, 2, 16), TET_2026)  # Monday of Tết
    assert not is_working_day(date(2026, 2, 21), set())  # a Saturday


def test_the_deadline_skips_the_tet_holiday() -> None:
    # Submitted on Friday 13/2/2026; Tết runs 14–22/2, so the first working day is 23/2.
    assert add_working_days(date(2026, 2, 13), 1, TET_2026) == date(2026, 2, 23)
    without = approval_deadline(date(2026, 2, 13), set())
    with_tet = approval_deadline(date(2026, 2, 13), TET_2026)
    assert (with_tet - without).days == 7  # five working days of Tết, plus a weekend


@given(
    st.dates(min_value=date(2022, 1, 1), max_value=date(2030, 12, 31)),
    st.integers(min_value=0, max_value=60),
    st.sets(st.dates(min_value=date(2022, 1, 1), max_value=date(2031, 12, 31)), max_size=30),
)
def test_exactly_count_working_days_lie_after_the_start(
    start: date, count: int, holidays: set[date]
) -> None:
    end = add_working_days(start, count, holidays)
    between = [start + timedelta(days=n) for n in range(1, (end - start).days + 1)]
    assert sum(is_working_day(d, holidays) for d in between) == count
    assert count == 0 or is_working_day(end, holidays)


def test_months_are_added_with_the_day_clamped_to_the_month() -> None:
    assert add_months(date(2022, 1, 31), 3) == date(2022, 4, 30)
    assert add_months(date(2023, 11, 30), 3) == date(2024, 2, 29)
    assert add_months(date(2022, 3, 15), -6) == date(2021, 9, 15)
    assert earliest_appointment(date(2022, 6, 15)) == date(2022, 9, 15)


def test_a_document_exactly_six_months_old_is_still_valid() -> None:
    review = date(2022, 10, 31)
    assert not is_stale(date(2022, 4, 30), review)
    assert is_stale(date(2022, 4, 29), review)
    assert not is_stale(date(2022, 10, 1), review)
