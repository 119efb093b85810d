"""newsgraph.periods: the period a date's words name in an article's time, one name for a calendar
quarter, and the calendar end of a fact's period."""
from __future__ import annotations

from datetime import date, datetime

import pytest

from newsgraph.periods import as_quarter, name, period_end, year_before


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


PUBLISHED = datetime(2026, 6, 12)  # a Friday


@pytest.mark.parametrize("text, ahead, since, period", [
    ("Q2 FY2027", False, False, "Q2 FY2027"),
    ("FY27", False, False, "FY 2027"),
    ("2025-26", False, False, "FY 2025/2026"),
    ("2020-25", False, False, "2020"),  # a span of years is no fiscal year
    ("winter 2026/27", False, False, "winter 2026/2027"),
    ("the three months to September", False, False, "Jul-Sep 2025"),
    ("the three months to September", True, False, "Jul-Sep 2026"),
    ("the six months ended June 30", False, False, "H1 2026"),
    ("the nine months through September 2026", False, False, "Jan-Sep 2026"),
    ("the year to March", False, False, "FY to Mar 2026"),  # ended in the last three months
    ("the year to September", False, False, "FY to Sep 2026"),  # under way
    ("the fiscal year ending in March 2025", False, False, "FY to Mar 2025"),
    ("the second quarter of 2025", False, False, "Q2 2025"),
    ("the first half", False, False, "H1 2026"),
    ("Q3 2026", False, False, "Q3 2026"),
    ("2024", False, True, "2024-"),
    ("May 2026", False, False, "May 2026"),
    ("October-December 2025", False, False, "Oct-Dec 2025"),
    ("June 30, 2025", False, False, "Jun 2025"),
    ("March", False, False, "Mar 2026"),
    ("September", False, False, "Sep 2025"),
    ("September", True, False, "Sep 2026"),
    ("the October-December quarter", False, False, "Oct-Dec 2025"),
    ("June 10", False, False, "2026-06-10"),
    ("Sept. 3", False, False, "2025-09-03"),
    ("Wednesday", False, False, "2026-06-10"),
    ("today", False, False, "2026-06-12"),
    ("yesterday", False, False, "2026-06-11"),
    ("this year", False, False, "2026"),
    ("last year", False, False, "2025"),
    ("next year", False, False, "2027"),
    ("the past three months", False, False, "past three months"),
    ("recently", False, False, None),
])
def test_the_period_a_date_names(text, ahead, since, period):
    assert name(text, PUBLISHED, ahead, since) == period


def test_without_a_publication_date_only_dated_words_name_a_period():
    assert name("the three months to September", None) is None
    assert name("Wednesday", None) is None
    assert name("the second quarter", None) == "Q2"
    assert name("Q2 FY2027", None) == "Q2 FY2027"


@pytest.mark.parametrize("period, before", [("Q2 2026", "Q2 2025"), ("FY 2025/2026", "FY 2024/2025"),
                                            ("May 2026", "May 2025")])
def test_the_same_period_a_year_before(period, before):
    assert year_before(period) == before
