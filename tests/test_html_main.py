"""newsgraph.clean.html_main: the main text and head metadata of an HTML page."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from newsgraph.clean.html_main import clean_html
from ng_support import GOOD_HTML


@pytest.fixture(scope="module")
def page():
    return clean_html(GOOD_HTML)


@pytest.mark.parametrize("kept", [
    "Quarry Bay Ferries has ordered six hybrid passenger vessels",
    "The boats will carry up to 400 passengers each",
    "Deliveries are due to begin in the spring of 2028",
])
def test_article_paragraphs_are_kept(page, kept):
    assert kept in " ".join(page.text.split())


@pytest.mark.parametrize("junk", ["Home", "Sport", "cookies", "Accept all", "Most read", "Tram fares rise again",
                                  "Night market reopens", "All rights reserved", "Terms of use", "<p>", "&amp;"])
def test_navigation_banners_sidebars_and_footers_are_dropped(page, junk):
    assert junk not in page.text


def test_head_metadata(page):
    assert page.title == "Quarry Bay Ferries orders six hybrid vessels"
    assert page.outlet == "Tidewater Post"
    assert page.byline == "Mina Okafor"
    assert page.published_at is not None and page.published_at.date().isoformat() == "2026-05-12"


def test_published_time_keeps_time_and_offset(page):
    assert page.published_at == datetime(2026, 5, 12, 8, 30, tzinfo=timezone(timedelta(hours=8)))


def test_malformed_html_with_an_article_is_still_read():
    html = ("<html><body><div class='story'>\n<p>Quarry Bay Ferries has ordered six hybrid passenger vessels from a "
            "shipyard in Busan, the operator said on Tuesday, as it tries to cut fuel bills on its busiest routes.\n"
            "<p>The boats will carry up to 400 passengers each and run on batteries while docked, which the company "
            "says will halve noise at the piers near the old market.\n<p><b>Deliveries are due to begin in 2028, "
            "and the older diesel ferries will be sold to smaller ports.")
    found = clean_html(html)
    assert "six hybrid passenger vessels" in found.text
    assert "halve noise at the piers" in found.text
    assert "<" not in found.text


@pytest.mark.parametrize("html", ["", "<html></html>", "<<<>>>", "<p>", "\x00<b>"])
def test_pages_without_text_give_empty_text(html):
    assert clean_html(html).text == ""


def test_published_time_from_schema_org_json_ld_or_a_time_element_of_the_same_day():
    body = ("<article><h1>Harbour tram line opens</h1><p>" + "The new harbour tram line opened on Monday with "
            "twelve stops along the waterfront and a depot at the old ferry pier, the operator said. " * 3 + "</p>")
    json_ld = ('<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": '
               '"2026-09-14T08:30:00Z"}</script>')
    found = clean_html(f"<html><head>{json_ld}</head><body>{body}</article></body></html>")
    assert found.published_at == datetime(2026, 9, 14, 8, 30, tzinfo=timezone.utc)
    timed = clean_html(f"<html><body>{body}<p>Posted <time datetime='2026-09-14T10:05:00+02:00'>14 Sept 2026"
                       "</time></p></article></body></html>")
    assert timed.published_at == datetime(2026, 9, 14, 10, 5, tzinfo=timezone(timedelta(hours=2)))
