"""Periods, parsed and named in one place: the period a date's words name in an article's time
('the three months to September' -> 'Jul-Sep 2026', 'Q2 FY2027', 'on Wednesday' -> '2026-06-10'),
one spelling for a calendar quarter ('Jul-Sep 2026' is 'Q3 2026'), and where a period ends on the
calendar ('2025', 'Q3 2026', 'H1 2025', 'Mar 2026', 'Oct-Dec 2025', 'FY to Mar 2027',
'2026-06-10'), to put figures on a time axis by what they measure, not by when they were published.

Month and weekday words come from the lexicon (``time.toml``); a month's short name is the first
three letters of its name ('Jan', 'Sep').
"""
from __future__ import annotations

import calendar
import re
from datetime import date, datetime, timedelta

from newsgraph import lexicon

MONTH_NAMES = lexicon.MONTHS  # January first
MONTH_NUMBERS = {name: n for n, name in enumerate(MONTH_NAMES, start=1)}  # 'march' -> 3
MONTH_ABBR = {name[:3]: n for name, n in MONTH_NUMBERS.items()}  # 'mar' -> 3
MONTH_WORDS = frozenset(MONTH_NUMBERS) | frozenset(MONTH_ABBR) | lexicon.words("time.month_short_forms")
SHORT_NAMES = ("", *(name[:3].title() for name in MONTH_NAMES))  # SHORT_NAMES[3] == 'Mar'
MONTHS = {name: n for n, name in enumerate(SHORT_NAMES) if name}  # 'Mar' -> 3
WEEKDAYS = lexicon.WEEKDAYS  # Monday first, as datetime.weekday()
WEEKDAY_WORDS = [(n, re.compile(rf"\b{name}\b")) for n, name in enumerate(WEEKDAYS)]
TODAY_WORDS = lexicon.words("time.today_words")
YEAR_OFFSETS = lexicon.table("time.year_offsets")
ORDINALS = lexicon.phrases("time.ordinals")
NUMBER_OF_MONTHS = lexicon.table("time.number_of_months")

# Fiscal periods: 'Q2 FY2027', 'H1 FY27', 'FY2026', and a year across two calendar years, '2025-26'.
FISCAL = lexicon.pattern("time.fiscal", re.I)
MONTHS_TO = lexicon.pattern("time.months_to", re.I)
PERIOD = lexicon.pattern("time.period", re.I)
RELATIVE = lexicon.pattern("time.relative_period")
YEAR_TO_DATE = lexicon.pattern("time.year_to_date", re.I)
MONTH_DAY = re.compile(r"\b(?P<mon>[A-Za-z]{3,9})\.?\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?\b(?!,?\s*\d{4})")
WORD = re.compile(r"[a-z]+")
YEAR = re.compile(r"\d{4}")

# The shapes of period names.
DAY = re.compile(r"\d{4}-\d{2}-\d{2}")  # a period that is one day
MONTH_PERIOD = re.compile(r"[A-Z][a-z]{2} \d{4}")
PERIOD_KINDS = {"month": MONTH_PERIOD, "quarter": re.compile(r"Q[1-4] \d{4}|[A-Z][a-z]{2}-[A-Z][a-z]{2} \d{4}"),
                "year": re.compile(r"(?:FY)?\s?\d{4}|FY to [A-Z][a-z]{2} \d{4}|FY \d{4}/\d{4}|FY\d{4}")}
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
# 'Jan-Mar' -> 'Q1', ..., 'Oct-Dec' -> 'Q4'
CALENDAR_QUARTERS = {f"{SHORT_NAMES[3 * q - 2]}-{SHORT_NAMES[3 * q]}": f"Q{q}" for q in range(1, 5)}


def name(text: str, published: datetime | None, ahead: bool = False, since: bool = False) -> str | None:
    """The period a date's words name, in the article's time: a month or quarter without a year is
    the latest one that has begun, or for a target or forecast (``ahead``) the next one; a year
    after 'since' or 'starting' (``since``) is open-ended ('2024-')."""
    named = fiscal(text) or months_to(text, published, ahead)
    if named:
        return named
    if YEAR_TO_DATE.search(text):  # 'year to date', 'on a year-to-date basis'
        return f"YTD {published.year}" if published is not None else "YTD"
    m = PERIOD.search(text)
    if m:
        if m.group("q"):
            return f"{m.group('q').upper()} {m.group('qy')}"
        if m.group("ord"):
            n = ORDINALS.index(m.group("ord").lower()) + 1
            year = m.group("oy") or (str(published.year) if published else "")
            label = f"Q{n}" if m.group("kind").lower() == "quarter" else f"H{n}"
            return f"{label} {year}".strip()
        if since:
            return f"{m.group('y')}-"
        months = _months_in(text.lower())
        if months and not MONTH_DAY.search(text):  # 'May 2026', 'October-December 2025'
            return f"{'-'.join(SHORT_NAMES[n] for n in months)} {m.group('y')}"
        return m.group("y")
    lower = text.lower()
    day_month = MONTH_DAY.search(text)
    if day_month and published is not None and day_month.group("mon").lower()[:3] in MONTH_ABBR:
        month = MONTH_ABBR[day_month.group("mon").lower()[:3]]
        year = published.year if month <= published.month else published.year - 1
        try:
            return datetime(year, month, int(day_month.group("d"))).date().isoformat()
        except ValueError:
            pass
    months = _months_in(lower)
    if months and published is not None:  # 'the October-December quarter', 'March'
        year = published.year if min(months) <= published.month or ahead else published.year - 1
        return f"{'-'.join(SHORT_NAMES[n] for n in months)} {year}"
    if months and not day_month and not MONTHS_TO.search(text):  # an undated article: the month as said, 'Apr'
        return "-".join(SHORT_NAMES[n] for n in months)
    day = weekday(lower, published)
    if day is not None:
        return day
    if published is not None and lower in YEAR_OFFSETS:  # 'this year', 'last year', 'next year'
        return str(published.year + YEAR_OFFSETS[lower])
    if RELATIVE.search(lower):
        return lower.replace("the ", "")
    return None


def _months_in(lower: str) -> list[int]:
    return [MONTH_NUMBERS[w] for w in WORD.findall(lower) if w in MONTH_NUMBERS]


def fiscal(text: str) -> str | None:
    """'Q2 FY2027' -> 'Q2 FY2027', 'FY27' -> 'FY 2027', '2025-26' -> 'FY 2025/2026', 'winter 2026/27'
    -> 'winter 2026/2027': a fiscal period or a season across two calendar years."""
    m = FISCAL.search(text)
    if m is None:
        return None
    if m.group("y1"):  # '2025-26', not a span of years such as '2020-25'
        start = int(m.group("y1"))
        if (start + 1) % 100 != int(m.group("y2")):
            return None
        return f"{(m.group('season') or 'FY').lower().replace('fy', 'FY')} {start}/{start + 1}"
    year = m.group("fy") if len(m.group("fy")) == 4 else f"20{m.group('fy')}"
    return f"{m.group('part').upper()} FY{year}" if m.group("part") else f"FY {year}"


def months_to(text: str, published: datetime | None, ahead: bool) -> str | None:
    """'the three months to September' -> 'Jul-Sep 2026', 'six months ended June 30' -> 'H1 2026',
    'the year to March 2027' -> 'FY to Mar 2027': a reporting period named by the month it ends in.
    Without a year: the latest such month that has come, or for a forecast the next one; for a
    fiscal year, the one under way or one that ended in the last three months."""
    m = MONTHS_TO.search(text)
    if m is None:
        return None
    months = 12 if m.group("year") else NUMBER_OF_MONTHS[m.group("n").lower()]
    end = MONTH_NUMBERS.get(m.group("mon").lower()) or MONTH_ABBR.get(m.group("mon").lower()[:3])
    if end is None or (m.group("y") is None and published is None):
        return None
    if m.group("y"):
        year = int(m.group("y"))
    elif months == 12:
        year = published.year if end >= published.month - 3 else published.year + 1
    elif ahead:
        year = published.year if end >= published.month else published.year + 1
    else:
        year = published.year if end <= published.month else published.year - 1
    if months == 12:
        return f"FY to {SHORT_NAMES[end]} {year}"
    if months == 6 and end in {6, 12}:
        return f"H{end // 6} {year}"
    start = (end - months) % 12 + 1
    return f"{SHORT_NAMES[start]}-{SHORT_NAMES[end]} {year}"


def weekday(lower: str, published: datetime | None) -> str | None:
    """'on Wednesday', 'today', 'yesterday' -> the ISO date, counted back from publication."""
    if published is None:
        return None
    if lower in TODAY_WORDS:
        return published.date().isoformat()
    if lower == "yesterday":
        return (published - timedelta(days=1)).date().isoformat()
    for number, word in WEEKDAY_WORDS:
        if word.search(lower):
            back = (published.weekday() - number) % 7
            return (published - timedelta(days=back)).date().isoformat()
    return None


def year_before(period: str) -> str:
    """The same period one year back: 'Q2 2026' -> 'Q2 2025', 'FY 2025/2026' -> 'FY 2024/2025'."""
    return YEAR.sub(lambda m: str(int(m.group()) - 1), period)


def is_day(period: str | None) -> bool:
    """A period that is one day: '2026-06-10'."""
    return bool(period and DAY.fullmatch(period))


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
