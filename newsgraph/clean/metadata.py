"""Metadata from page header lines: dates, bylines, outlets. General patterns, no site rules."""
from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone

from newsgraph import lexicon

# month number by name and by its first three letters ('march', 'mar' -> 3)
MONTHS = {word: n for n, name in enumerate(lexicon.MONTHS, start=1) for word in (name, name[:3])}

ZONES = lexicon.table("clean.zones")  # offsets from UTC in hours: 'est' -> -5


# a month written out or abbreviated: 'March', 'Mar.', 'Sept'
_MON = (r"(?P<mon>" + lexicon.alternation_of([*MONTHS, *lexicon.words("clean.month_extra_forms")]) + r")\.?")
_ZONE = lexicon.alternation_of(ZONES)  # 'UTC', 'EST', 'HKT' (matched without regard to case)
_TIME = (r"(?:(?:,|\s+at|\s*\||\s+[-–—])?\s*(?P<h>\d{1,2})[:.](?P<mi>\d{2})(?::\d{2})?\s*(?P<ampm>[ap]\.?m\.?)?"
         r"(?:\s*\(?(?P<tz>" + _ZONE + r")\)?)?)?")
DATE_PATTERNS = [
    re.compile(r"(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?:[T ](?P<h>\d{2}):(?P<mi>\d{2})(?::\d{2}(?:\.\d+)?)?"
               r"\s*(?P<tz>Z|UTC|GMT|[+-]\d{2}:?\d{2})?)?", re.I),
    re.compile(_MON + r"\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y>\d{4})" + _TIME, re.I),
    re.compile(r"(?P<d>\d{1,2})(?:st|nd|rd|th)?\s+" + _MON + r",?\s+(?P<y>\d{4})" + _TIME, re.I),
]
_TIME_LEAD = (r"(?P<h>\d{1,2}):(?P<mi>\d{2})\s*(?P<ampm>[ap]\.?m\.?)?"
              r"(?:\s*(?P<tz>" + _ZONE + r"))?,?\s+")
TIME_FIRST = re.compile(_TIME_LEAD + r"(?:" + _MON + r"\s+(?P<d>\d{1,2}),?|(?P<d2>\d{1,2})\s+"
                        + _MON.replace("?P<mon>", "?P<mon2>") + r",?)\s+(?P<y>\d{4})", re.I)

# A wire dateline opening a story: 'WARSAW, April 23 (The Wire) - ', 'Detroit, 5 May 2026 -- ', or a
# place in capitals alone: 'LONDON - ', 'NEW YORK (The Wire) — ', 'SAN JOSE, Calif. - ', with its country
# ('BRISBANE, Australia, Nov. 11, 2026 /Service/ --'), or a date
# and a wire alone: 'Nov 18 (The Wire) - '.
DATELINE = re.compile(r"^\s*(?:(?:[A-Z][A-Za-z .'-]{1,40},\s+(?:[A-Z][A-Za-z.'-]{1,20}(?: [A-Z][A-Za-z.'-]+)?,\s+)?"
                      r"(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,8})"
                      r"(?:,?\s+\d{4})?|[A-Z][A-Z'-]{2,}(?: [A-Z][A-Z'-]+){0,3}(?:,\s+[A-Z][a-z]{1,10}\.?)?)"
                      r"\s*(?:\((?P<wire>[^)]{1,60})\)|/(?P<release>[^/]{2,40})/)?"
                      r"|[A-Z][a-z]{2,8}\.?\s+\d{1,2}\s*\((?P<dated_wire>[^)]{1,60})\))\s*[-–—]+(?:\s|$)")
DATELINE_IN_TEXT = re.compile(DATELINE.pattern, re.M)  # at the start of any paragraph


def dateline_source(line: str) -> str | None:
    """The wire or release service a dateline names: 'WARSAW, April 23 (The Wire) -' -> 'The Wire',
    'CHICAGO, Nov. 16, 2026 /PRNewswire/ --' -> 'PRNewswire'."""
    m = DATELINE.match(line)
    found = m and (m.group("wire") or m.group("release") or m.group("dated_wire"))
    return found.strip() if found else None


def dateline_span(text: str) -> tuple[int, int]:
    """(start, end) of the article's wire dateline within its first paragraphs, or (0, 0)."""
    m = DATELINE_IN_TEXT.search(text[:3000])
    if not m:
        return (0, 0)
    found = m.group()
    return (m.start() + len(found) - len(found.lstrip()), m.end() - (len(found) - len(found.rstrip("\n"))))


BYLINE = re.compile(r"^\s*(?:by|written by|words by|reporting by)\s+(?P<who>[A-Z][^\n]{1,80})$", re.I)
# 'Jane Doe, Senior reporter', 'Jane Doe, Markets Correspondent': a name and the writer's job.
TITLED_BYLINE = re.compile(r"^\s*(?P<who>[A-Z][a-z'’-]+(?: [A-Z][a-z'’.-]+){1,3}),\s+(?:[A-Za-z]+\s+){0,3}"
                           r"(?:" + lexicon.alternation("clean.byline_jobs") + r")\s*$", re.I)
STAFF_BYLINE = re.compile(r"^\s*(?P<who>[\w.&' -]{2,60}?)\s+(?:" + lexicon.alternation("clean.staff_byline_words")
                          + r")\s*$", re.I)
COPYRIGHT = re.compile(r"(?:copyright\s*)?(?:©|\(c\)|copyright)\s*(?:\d{4}\s*[-–]?\s*)?(?:\d{4}\s*)?"
                       r"(?P<holder>[A-Z][\w.&' -]{1,60}?)(?=\s*(?:\(|\.|,|all rights|and\s|$))", re.I)
DOMAIN = re.compile(r"^(?:www\.)?[A-Za-z0-9-]+\.(?:" + lexicon.alternation("clean.domain_suffixes") + r")$", re.I)
# a word that publications use in their names, in any language of the press: 'Post', 'Le Courrier'
OUTLET_WORDS = re.compile(r"\b(?:" + lexicon.alternation("clean.outlet_words") + r")\b", re.I)
LEGAL_SUFFIX = re.compile(r"\s*,?\s+(?:" + lexicon.alternation("clean.legal_suffixes") + r")\.?$", re.I)
YEAR_AT_END = re.compile(r"[\s,]+(?:19|20)\d{2}$")
DATE_LINE_WORD = re.compile(r"[A-Za-z]{3,}")
DATE_LINE_FILLER = lexicon.words("clean.date_line_filler")


def _datetime(m: re.Match) -> datetime | None:
    g = dict(m.groupdict())
    g["d"] = g.get("d") or g.get("d2")
    g["mon"] = g.get("mon") or g.get("mon2")
    try:
        month = int(g["m"]) if g.get("m") else MONTHS[g["mon"].lower()[:3]]
        year, day = int(g["y"]), int(g["d"])
        hour = int(g["h"]) if g.get("h") else 0
        minute = int(g["mi"]) if g.get("mi") else 0
        ampm = (g.get("ampm") or "").lower().replace(".", "")
        if ampm == "pm" and hour < 12:
            hour += 12
        elif ampm == "am" and hour == 12:
            hour = 0
        tz = None
        zone = (g.get("tz") or "").lower()
        if zone in ZONES:
            tz = timezone(timedelta(hours=ZONES[zone]))
        elif zone[:1] in "+-" and zone:
            digits = zone[1:].replace(":", "")
            sign = -1 if zone[0] == "-" else 1
            tz = timezone(sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:4] or 0)))
        return datetime(year, month, day, hour, minute, tzinfo=tz)
    except (KeyError, ValueError, TypeError):
        return None


def find_dates(line: str) -> list[tuple[datetime, bool]]:
    """Every date in a line, each with whether a time of day was given."""
    found: list[tuple[int, datetime, bool]] = []
    taken: list[range] = []
    for pattern in (TIME_FIRST, *DATE_PATTERNS):
        for m in pattern.finditer(line):
            if any(m.start() in r for r in taken):
                continue
            dt = _datetime(m)
            if dt is not None:
                found.append((m.start(), dt, bool(m.groupdict().get("h"))))
                taken.append(range(m.start(), m.end()))
    return [(dt, timed) for _, dt, timed in sorted(found, key=lambda t: t[0])]


def publication_date(line: str) -> datetime | None:
    """The publication time a date line gives: its first date, made precise by a later time of the
    same day ('February 1, 2026 | Updated 03:30, February 1, 2026')."""
    dates = find_dates(line)
    if not dates:
        return None
    first, timed = dates[0]
    if not timed:
        for dt, t in dates[1:]:
            if t and dt.date() == first.date():
                return dt
    return first


def is_date_line(line: str) -> bool:
    """A short line that is mostly a date (with words like 'Published', 'Updated')."""
    if len(line) > 120 or not find_dates(line):
        return False
    rest = line
    for pattern in (TIME_FIRST, *DATE_PATTERNS):
        rest = pattern.sub(" ", rest)
    words = DATE_LINE_WORD.findall(rest)
    return sum(w.lower() not in DATE_LINE_FILLER for w in words) <= 2


def byline(line: str) -> tuple[str | None, str | None]:
    """(byline, outlet) from a byline line; a 'X Staff' byline names the outlet as X."""
    m = BYLINE.match(line)
    if m and len(m.group("who").split()) <= 10:
        return m.group("who").strip().rstrip(".,"), None
    m = TITLED_BYLINE.match(line)
    if m:
        return m.group("who").strip(), None
    m = STAFF_BYLINE.match(line)
    if m and len(m.group("who").split()) <= 4:
        return line.strip(), m.group("who").strip()
    return None, None


def copyright_holder(line: str) -> str | None:
    m = COPYRIGHT.search(line)
    if not m:
        return None
    holder = YEAR_AT_END.sub("", m.group("holder").strip())
    holder = LEGAL_SUFFIX.sub("", holder).strip(" .,")
    return holder if holder and holder.lower() not in {"all rights reserved", "the"} else None


def looks_like_outlet(name: str) -> bool:
    """A publication's name: a domain, or a name with a word that publications use."""
    return is_domain(name) or (len(name.split()) <= 6 and bool(OUTLET_WORDS.search(name))
                               and all(w[:1].isupper() or not w[:1].isalpha() for w in name.split()))


SECTION_TITLE_PARTS = re.compile(r"\s+[-–—|»]\s+")


def publication_of(title: str) -> str:
    """The publication a feed's or site's title names: 'Harbour Post - Companies' and 'Business |
    Harbour Post' are one section of the Harbour Post; the part that looks like a publication wins,
    else the first part."""
    parts = [p.strip() for p in SECTION_TITLE_PARTS.split(title.strip()) if p.strip()]
    return next((p for p in parts if looks_like_outlet(p)), parts[0] if parts else "")


WIRE_SLUG = re.compile(r"^(?:(?:" + lexicon.alternation("clean.wire_slugs") + r")(?:\s+\d+)?\s*-\s*)+")


def headline(title: str | None) -> str | None:
    """A title without the wire's version slugs: 'UPDATE 2-Acme to buy Beta' -> 'Acme to buy Beta'."""
    if not title:
        return title
    return WIRE_SLUG.sub("", title).strip() or title


def looks_like_name(text: str) -> bool:
    """A short name in capitals: 'Brightwater Investor', not 'Analyst calls today'."""
    words = text.split()
    return 1 <= len(words) <= 4 and all(w[:1].isupper() for w in words if w[:1].isalpha()) \
        and not any(ch.isdigit() for ch in text)


def is_domain(line: str) -> bool:
    return bool(DOMAIN.match(line.strip()))


def parse_iso(value: str | None) -> datetime | None:
    """A metadata date string (ISO 8601 or a written date) as a datetime, or None."""
    if not value:
        return None
    try:
        return datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return publication_date(value)
