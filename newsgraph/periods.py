"""Fact periods: one spelling for a calendar quarter ('Jul-Sep 2026' is 'Q3 2026'), and where a
period ends on the calendar ('2025', 'Q3 2026', 'H1 2025', 'Mar 2026', 'Oct-Dec 2025',
'FY to Mar 2027', '2026-06-10'), to put figures on a time axis by what they measure, not by when they were published."""
from __future__ import annotations

import calendar
import re
from datetime import date

MONTHS = {name: n for n, name in enumerate(calendar.month_abbr) if name}
PERIOD_SHAPES = [
    (re.compile(r"(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})"), lambda m: (int(m["y"]), int(m["m"]), int(m["d"]))),
    (re.compile(r"Q(?P<q>[1-4]) (?P<y>\d{4})"), lambda m: _month_end(int(m["y"]), 3 * int(m["q"]))),
    (re.compile(r"H(?P<h>[12]) (?P<y>\d{4})"), lambda m: _month_end(int(m["y"]), 6 * int(m["h"]))),
    (re.compile(r"FY (?P<y>\d{4})"), lambda m: (int(m["y"]), 12, 31)),
    (re.compile(r"FY to (?P<mon>[A-Z][a-z]{2}) (?P<y>\d{4})"),  # a fiscal year by the month it ends in
     lambda m: _month_end(int(m["y"]), MONTHS[m["mon"]]) if m["mon"] in MONTHS else None),
    (re.compile(r"(?:[A-Z][a-z]{2}-)?(?P<mon>[A-Z][a-z]{2}) (?P<y>\d{4})"),
     lambda m: _month_end(int(m["y"]), MONTHS[m["mon"]]) if m["mon"] in MONTHS else None),
    (re.compile(r"(?P<y>\d{4})"), lambda m: (int(m["y"]), 12, 31)),
]


CALENDAR_QUARTERS = {"Jan-Mar": "Q1", "Apr-Jun": "Q2", "Jul-Sep": "Q3", "Oct-Dec": "Q4"}


def as_quarter(period: str) -> str:
    """A calendar quarter named by its months as that quarter: 'Apr-Jun 2026' -> 'Q2 2026'."""
    for months, quarter in CALENDAR_QUARTERS.items():
        period = re.sub(rf"^{months}(?= \d{{4}}$)", quarter, period)
    return period


def _month_end(year: int, month: int) -> tuple[int, int, int]:
    return year, month, calendar.monthrange(year, month)[1]


def period_end(period: str | None) -> date | None:
    """The last day of the period, or None for an open ('2024-') or relative ('past year') one."""
    if not period:
        return None
    for shape, end in PERIOD_SHAPES:
        m = shape.fullmatch(period.strip())
        if m:
            ymd = end(m)
            return date(*ymd) if ymd else None
    return None
