"""newsgraph.periods: the calendar end of a fact's period."""
from __future__ import annotations

from datetime import date

import pytest

from newsgraph.periods import as_quarter, period_end


@pytest.mark.parametrize("period, end", [
    ("2025", date(2025, 12, 31)),
    ("Q1 2026", date(2026, 3, 31)),
    ("Q4 2025", date(2025, 12, 31)),
    ("H1 2025", date(2025, 6, 30)),
    ("FY 2024", date(2024, 12, 31)),
    ("Feb 2024", date(2024, 2, 29)),
    ("Oct-Dec 2025", date(2025, 12, 31)),
    ("FY to Mar 2027", date(2027, 3, 31)),
    ("2026-06-10", date(2026, 6, 10)),
    ("2024-", None),
    ("past year", None),
    ("Foo 2024", None),
    (None, None),
])
def test_period_end(period, end):
    assert period_end(period) == end


@pytest.mark.parametrize("period, quarter", [
    ("Jul-Sep 2026", "Q3 2026"), ("Jan-Mar 2025", "Q1 2025"), ("Apr-Sep 2026", "Apr-Sep 2026"), ("Mar 2026", "Mar 2026"),
])
def test_a_calendar_quarter_named_by_its_months_is_that_quarter(period, quarter):
    assert as_quarter(period) == quarter
