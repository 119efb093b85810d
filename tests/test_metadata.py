"""newsgraph.clean.metadata: dates in the formats pages use, bylines, outlets, copyright holders."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsgraph.clean import metadata

UTC = timezone.utc


def tz(hours: float) -> timezone:
    return timezone(timedelta(hours=hours))


@pytest.mark.parametrize("line, expected", [
    ("March 4, 2026", datetime(2026, 3, 4)),
    ("Mar. 4, 2026", datetime(2026, 3, 4)),
    ("Sept 9, 2025", datetime(2025, 9, 9)),
    ("Tuesday, March 3, 2026", datetime(2026, 3, 3)),
    ("Published: 4 March 2026", datetime(2026, 3, 4)),
    ("4th March 2026 | 14:05 GMT", datetime(2026, 3, 4, 14, 5, tzinfo=UTC)),
    ("2026-03-04", datetime(2026, 3, 4)),
    ("2026-03-04T09:15:00Z", datetime(2026, 3, 4, 9, 15, tzinfo=UTC)),
    ("2026-03-04 09:15+02:00", datetime(2026, 3, 4, 9, 15, tzinfo=tz(2))),
    ("Mar. 4, 2026, 9:15 PM EST", datetime(2026, 3, 4, 21, 15, tzinfo=tz(-5))),
    ("March 4, 2026 at 12:30 a.m. PT", datetime(2026, 3, 4, 0, 30, tzinfo=tz(-8))),
    ("Updated 03:30 PM ET, Feb 1, 2026", datetime(2026, 2, 1, 15, 30, tzinfo=tz(-5))),
    pytest.param("11:20 HKT, 9 June 2025", datetime(2025, 6, 9, 11, 20, tzinfo=tz(8))),
    # a later time of the same day makes a date-only line precise
    ("February 1, 2026 | Updated 03:30, February 1, 2026", datetime(2026, 2, 1, 3, 30)),
    ("Nov 12, 2026 – 1.52pm", datetime(2026, 11, 12, 13, 52)),
    ("Wed 11 Nov 2026 - 11:42 am CET", datetime(2026, 11, 11, 11, 42, tzinfo=tz(1))),
    ("March 2026", None),
    ("5 minutes ago", None),
    ("February 30, 2026", None),
])
def test_publication_date(line, expected):
    assert metadata.publication_date(line) == expected


@pytest.mark.parametrize("line, expected", [
    ("Published March 4, 2026", True),
    ("Updated 9:15 a.m. ET, March 4, 2026", True),
    ("March 4, 2026 · 3 min read", True),
    ("The plant opened on March 4, 2026 with a ribbon cutting by the mayor and the staff", False),
    ("Harborline Motors to shut its Lakeview plant", False),
])
def test_is_date_line(line, expected):
    assert metadata.is_date_line(line) is expected


@pytest.mark.parametrize("line, expected", [
    ("By Dana Whitfield", ("Dana Whitfield", None)),
    ("Written by Sam Ortiz and Lee Chan", ("Sam Ortiz and Lee Chan", None)),
    ("Reporting by Ana Ruiz.", ("Ana Ruiz", None)),
    ("Tidewater Post Staff", ("Tidewater Post Staff", "Tidewater Post")),
    ("Voltline Newsroom", ("Voltline Newsroom", "Voltline")),
    ("Harbor Street Editors", ("Harbor Street Editors", "Harbor Street")),
    ("Markets Desk", ("Markets Desk", "Markets")),
    ("Maya Lindqvist, Senior reporter", ("Maya Lindqvist", None)),
    ("Tom Okafor, Markets Correspondent", ("Tom Okafor", None)),
    ("Paris, the French capital", (None, None)),
    ("Staff", (None, None)),
    ("Shares fell sharply in early trade", (None, None)),
])
def test_byline(line, expected):
    assert metadata.byline(line) == expected


@pytest.mark.parametrize("line, expected", [
    ("© 2026 Lakeshore Ledger. All rights reserved.", "Lakeshore Ledger"),
    ("Copyright 2025 Voltline Media Inc. All rights reserved.", "Voltline Media"),
    ("(c) 2024-2026 Rhine Harbour Courier GmbH", "Rhine Harbour Courier"),
    ("Copyright © Tidewater Post", "Tidewater Post"),
    ("All rights reserved.", None),
    ("Shares rose after the vote.", None),
])
def test_copyright_holder(line, expected):
    assert metadata.copyright_holder(line) == expected


@pytest.mark.parametrize("line, expected", [
    ("tidewaterpost.com", True),
    ("www.harbor-street.co.uk", True),
    ("Tidewater Post", False),
    ("see tidewaterpost.com for more", False),
])
def test_is_domain(line, expected):
    assert metadata.is_domain(line) is expected


@pytest.mark.parametrize("value, expected", [
    ("2026-05-12T08:30:00+08:00", datetime(2026, 5, 12, 8, 30, tzinfo=tz(8))),
    ("2026-05-12T00:30:00Z", datetime(2026, 5, 12, 0, 30, tzinfo=UTC)),
    ("May 12, 2026", datetime(2026, 5, 12)),
    ("", None),
    (None, None),
    ("not a date", None),
])
def test_parse_iso(value, expected):
    assert metadata.parse_iso(value) == expected


# text with no digit in it (any script's digits): it can hold no date and no time of day
NO_DIGITS = st.text(st.characters(blacklist_categories=("Nd", "Cs")), max_size=150)


@given(NO_DIGITS, st.dates(min_value=datetime(1990, 1, 1).date(), max_value=datetime(2060, 12, 31).date()), NO_DIGITS)
def test_a_written_date_is_found_in_any_text(before, day, after):
    line = f"{before} {day:%B} {day.day}, {day.year} {after}"
    assert metadata.publication_date(line) == datetime(day.year, day.month, day.day)


@given(NO_DIGITS)
def test_text_without_digits_has_no_date(line):
    assert metadata.publication_date(line) is None


@given(st.text(max_size=300))
def test_names_read_from_a_line_are_taken_from_it(line):
    who, outlet = metadata.byline(line)
    holder = metadata.copyright_holder(line)
    assert all(name is None or (name and name in line) for name in (who, outlet, holder))
    assert outlet is None or who is not None  # an outlet is read from a 'X Staff' byline only


@given(st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2060, 12, 31)))
def test_written_dates_round_trip(dt):
    line = f"{dt:%B} {dt.day}, {dt.year}"
    assert metadata.publication_date(line) == datetime(dt.year, dt.month, dt.day)


@pytest.mark.parametrize("text, dateline", [
    ("Harbour tram line opens\n\nLONDON -\n\nThe operator said on Monday", "LONDON -"),
    ("NEW YORK (The Wire) — Shares rose on Monday", "NEW YORK (The Wire) — "),
    ("SAN JOSE, Calif. - The chipmaker said", "SAN JOSE, Calif. - "),
    ("WARSAW, April 23 (The Wire) - The carmaker said", "WARSAW, April 23 (The Wire) - "),
    ("AI - the new thing everyone talks about", None),
    ("US-China trade talks resumed on Monday", None),
])
def test_dateline_span(text, dateline):
    start, end = metadata.dateline_span(text)
    assert (text[start:end] if end else None) == dateline


@pytest.mark.parametrize("title, expected", [
    ("UPDATE 2-Acme to buy Beta for $2 bln", "Acme to buy Beta for $2 bln"),
    ("EXCLUSIVE-Acme weighs sale of paint unit", "Acme weighs sale of paint unit"),
    ("Acme - the comeback", "Acme - the comeback"),
])
def test_headline_drops_wire_slugs(title, expected):
    assert metadata.headline(title) == expected


@pytest.mark.parametrize("line, source", [
    ("Nov 18 (Harbour Wire) - Acme is in talks", "Harbour Wire"),
    ("TIDEWATER, Nov. 16, 2026 /PRNewswire/ -- Acme today announced", "PRNewswire"),
    ("PERTH, Australia, Nov. 11, 2026 /Harbour Newswire/ -- Acme today announced", "Harbour Newswire"),
    ("LONDON - Acme is in talks", None),
    ("March 5 - the day the talks began", None),
])
def test_dateline_source(line, source):
    assert metadata.dateline_source(line) == source


@pytest.mark.parametrize("title, publication", [
    ("Tidewater Post - Companies", "Tidewater Post"),
    ("Markets | Harbour Post", "Harbour Post"),
    ("Voltline", "Voltline"),
])
def test_publication_of_a_section_s_title(title, publication):
    assert metadata.publication_of(title) == publication
