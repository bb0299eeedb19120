"""The dates after the vote (rules.md "After the vote"; KH 331, applying QĐ 50-QĐ/TW): approval
within 30 working days of a complete dossier, appointment no sooner than 3 months after
approval, the dossier's dated documents at most 6 months old at review.

The three numbers are constants here rather than keys of the rule-set file: the built-in rule
set's hash is pinned by its records and by many tests, and these are the national rule, not a
plan's choice. The holiday calendar is data (the registry's, editable, Tết included); a working
day is Monday to Friday, and make-up working Saturdays are not modelled.
"""

from __future__ import annotations

import calendar
from collections.abc import Collection
from datetime import date, timedelta

from voting.rules.errors import RulesError

# KH 331 B.IV: "Trong thời hạn 30 ngày làm việc kể từ khi hoàn thiện hồ sơ nhân sự".
APPROVAL_WORKING_DAYS = 30
# KH 331 A.II: appointment "chỉ được thực hiện sau khi phê duyệt quy hoạch ít nhất 3 tháng".
APPOINTMENT_WAIT_MONTHS = 3
# KH 331 B.VI, Lưu ý: dossier items 2–5 "không quá 6 tháng tính đến thời điểm xem xét".
DOCUMENT_MAX_AGE_MONTHS = 6


def is_working_day(day: date, holidays: Collection[date]) -> bool:
    """Monday to Friday, and not a holiday."""
    return day.weekday() < 5 and day not in holidays


def add_working_days(start: date, count: int, holidays: Collection[date]) -> date:
    """The `count`-th working day after `start` (`start` itself is not counted)."""
    if count < 0:
        raise RulesError(f"a number of working days cannot be negative: {count}")
    day = start
    while count:
        day += timedelta(days=1)
        if is_working_day(day, holidays):
            count -= 1
    return day


def approval_deadline(dossier_complete: date, holidays: Collection[date]) -> date:
    """The last day the competent level may approve: 30 working days after the dossier."""
    return add_working_days(dossier_complete, APPROVAL_WORKING_DAYS, holidays)


def add_months(day: date, months: int) -> date:
    """The same day `months` later (or earlier), clamped to the month's end (31/1 + 3 → 30/4)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def earliest_appointment(approved_on: date) -> date:
    """The first day a cadre may be appointed to the planned post: 3 months after approval."""
    return add_months(approved_on, APPOINTMENT_WAIT_MONTHS)


def is_stale(dated: date, review: date) -> bool:
    """Older than 6 months at the review: a document dated exactly 6 months before the
    review is still valid, one a day older is not."""
    return dated < add_months(review, -DOCUMENT_MAX_AGE_MONTHS)
