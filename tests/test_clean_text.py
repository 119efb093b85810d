"""newsgraph.clean.text_junk: page junk is removed from text copied off a web page, the article
and its subheadings stay, and the header lines give title, byline, outlet and date."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsgraph.clean import clean
from newsgraph.clean.text_junk import clean_body, clean_text, is_junk_line, normalise
from newsgraph.errors import InputRejected
from newsgraph.ingest.raw import RawDocument

PAGE = """Business
Harborline Motors to shut its Lakeview assembly plant
The carmaker says the site will close by the end of next year.
By Dana Whitfield
March 4, 2026 at 9:15 a.m. ET
Share
Listen to this article
4 min read
Harborline Motors said on Tuesday that it would close its Lakeview assembly plant next year, ending car production at a site that has built sedans for four decades.
Workers at the factory pack up tools after a late shift. (Photo: Jo Marsh/Getty Images)
The company blamed falling demand for mid-sized sedans and the high cost of refitting the line for electric models.
Advertisement
Sponsored content
Try our premium plan today
What happens next
About 900 employees will be offered transfers to other plants in the region, a company spokesperson told reporters after the announcement.
Read more
Harborline profits slip in winter quarter
Why sedans are losing ground to crossovers
Union leaders said they would seek talks with management over severance terms before the closure date is set in stone.
Share on Facebook
Comments
37 Comments
This article is for informational purposes only and is not investment advice.
© 2026 Lakeshore Ledger. All rights reserved.
Terms of Service | Privacy Policy
"""

PARAGRAPHS = [
    "Harborline Motors said on Tuesday that it would close its Lakeview assembly plant next year, ending car "
    "production at a site that has built sedans for four decades.",
    "The company blamed falling demand for mid-sized sedans and the high cost of refitting the line for electric "
    "models.",
    "What happens next",
    "About 900 employees will be offered transfers to other plants in the region, a company spokesperson told "
    "reporters after the announcement.",
    "Union leaders said they would seek talks with management over severance terms before the closure date is set "
    "in stone.",
]


@pytest.fixture(scope="module")
def page():
    return clean_text(PAGE)


@pytest.mark.parametrize("junk", [
    "Share",
    "Listen to this article",
    "4 min read",
    "(Photo: Jo Marsh/Getty Images)",
    "Workers at the factory pack up tools",  # the caption line as a whole
    "Advertisement",
    "Sponsored content",
    "Try our premium plan today",
    "Read more",
    "Harborline profits slip in winter quarter",  # related-link list
    "Why sedans are losing ground to crossovers",
    "Share on Facebook",
    "Comments",
    "37",
    "informational purposes",
    "investment advice",
    "©",
    "All rights reserved",
    "Terms of Service",
    "Privacy Policy",
    "Business",  # section label above the title
    "By Dana Whitfield",
    "9:15",
])
def test_page_junk_is_removed(page, junk):
    assert junk not in page.text


def test_the_article_paragraphs_stay_in_order_with_the_subheading_between_them(page):
    body = page.text.split("\n\n")
    positions = [body.index(p) for p in PARAGRAPHS]
    assert positions == sorted(positions)
    sub = body.index("What happens next")
    assert body[sub - 1] == PARAGRAPHS[1] and body[sub + 1] == PARAGRAPHS[3]


def test_header_lines_give_the_metadata(page):
    assert page.title == "Harborline Motors to shut its Lakeview assembly plant"
    assert page.byline == "Dana Whitfield"
    assert page.outlet == "Lakeshore Ledger"  # from the copyright line: the page names no outlet otherwise
    assert page.published_at == datetime(2026, 3, 4, 9, 15, tzinfo=timezone(timedelta(hours=-5)))


BODY = ("Tidewater councillors voted on Monday to widen the ferry pier, a project that will take two years and "
        "close the north ramp for most of the summer season.")


@pytest.mark.parametrize("header, title, byline, outlet, published", [
    (["Pier works approved after long debate", "Tidewater Post Staff", "May 12, 2026"],
     "Pier works approved after long debate", "Tidewater Post Staff", "Tidewater Post", datetime(2026, 5, 12)),
    (["tidewaterpost.com", "Pier works approved after long debate", "12 May 2026 | 14:05 GMT"],
     "Pier works approved after long debate", None, "tidewaterpost.com",
     datetime(2026, 5, 12, 14, 5, tzinfo=timezone.utc)),
    (["Pier works approved after long debate", "Written by Ana Ruiz and Tom Bell", "2026-05-12T07:30:00Z"],
     "Pier works approved after long debate", "Ana Ruiz and Tom Bell", None,
     datetime(2026, 5, 12, 7, 30, tzinfo=timezone.utc)),
    (["Local", "Pier works approved after long debate", "Published: May 12, 2026 | Updated 6:40 p.m. EDT, May 12, 2026"],
     "Pier works approved after long debate", None, None,
     datetime(2026, 5, 12, 18, 40, tzinfo=timezone(timedelta(hours=-4)))),
    (["Harbour Ledger | Council | Transport", "Pier works approved after long debate",
      "By Ana Ruiz | 12 May 2026, 07:30 GMT"],
     "Pier works approved after long debate", "Ana Ruiz", "Harbour Ledger",
     datetime(2026, 5, 12, 7, 30, tzinfo=timezone.utc)),
    (["Council | Transport", "Pier works approved after long debate", "Tidewater Civic News", "Published: 2026-05-12"],
     "Pier works approved after long debate", None, "Tidewater Civic News", datetime(2026, 5, 12)),
    (["Pier works approved after long debate", "Nov 16, 2026, 06:00 ET"],
     "Pier works approved after long debate", None, "PRNewswire", datetime(2026, 11, 16, 6, 0, tzinfo=timezone(timedelta(hours=-5)))),
])
def test_header_variants(header, title, byline, outlet, published):
    lede = "TIDEWATER, Nov. 16, 2026 /PRNewswire/ -- " + BODY if outlet == "PRNewswire" else BODY
    found = clean_text("\n".join(header + [lede, BODY.replace("Monday", "Tuesday")]))
    assert (found.title, found.byline, found.outlet, found.published_at) == (title, byline, outlet, published)
    assert "Tidewater councillors voted on Monday" in found.text


def test_outlet_from_a_copyright_line_with_a_legal_suffix():
    text = "\n".join(["Pier works approved", BODY, "Copyright 2026 Tidewater Media Group Ltd. All rights reserved."])
    found = clean_text(text)
    assert found.outlet == "Tidewater Media Group"
    assert "Copyright" not in found.text


@pytest.mark.parametrize("line, junk", [
    ("(Adds analyst comment in paragraph 5)", True),
    ("This story has been corrected to fix the date in paragraph 2.", True),
    ("Advertisement", True),
    ("ADVERTISEMENT", True),
    ("37 Comments", True),
    ("Comments", True),
    ("Share this article", True),
    ("Listen to this story", True),
    ("5 min read", True),
    ("Image: Tidewater Post", True),
    ("Photo by Sam Lee / Shutterstock", True),
    ("© 2026 Tidewater Post", True),
    ("Terms of Service | Privacy Policy", True),
    ("1.2K", True),
    ("Companies  >  Financial services  >  Insurance", True),
    ("Home › Markets › Europe", True),
    ("NEWS PROVIDED BY", True),
    ("Sales rose > 5% in the quarter, the company said, beating forecasts > 3%.", False),
    ("Sail further for less. The Harbour Rewards card. Terms apply.", True),
    ("Fresh flowers delivered tomorrow. Order now and save 20%.", True),
    ("The carrier said new terms would apply to bookings from June, a change analysts called overdue.", False),
    ("What happens next", False),
    ("Councillors vote on pier works", False),
    (BODY, False),
    ("Shares of the ferry operator rose 4% on the news after the vote was announced.", False),
])
def test_is_junk_line(line, junk):
    assert is_junk_line(line) is junk


@pytest.mark.parametrize("raw, expected", [
    ("the deal with carmakers.Ford said", "the deal with carmakers. Ford said"),
    ("line one\r\nline two\rline three", "line one\nline two\nline three"),
    ("a\u00a0b\u200bc   d\t\te", "a bc d e"),
    ("up 4.5% on Friday", "up 4.5% on Friday"),  # decimals are not sentence ends
    ("the U.S. market", "the U.S. market"),
])
def test_normalise(raw, expected):
    assert normalise(raw) == expected


def test_a_closing_one_line_sentence_stays_and_a_short_label_goes():
    body = clean_body([
        "Harbour Ferries said on Monday it would add two night crossings to the island from June, after a"
        " summer in which its boats ran full on most evenings.",
        "A spokeswoman for Pier Holdings declined to comment.",
        "More from Business",
    ])
    assert body.endswith("A spokeswoman for Pier Holdings declined to comment.")
    assert "More from Business" not in body


def test_a_long_news_sentence_with_a_legal_word_stays_and_a_notice_goes():
    news = ("The sketch carries a copyright mark from 1961 and the name of a Leeds print shop, though its origin could"
            " not be checked, and a spokesman for the museum was not available for comment.")
    body = clean_body([news, "Copyright 2026 Harbour Media. All rights reserved."])
    assert body == news


def test_a_standfirst_repeated_by_the_lede_is_kept_once():
    lede = ("Tidewater councillors voted on Monday to widen the ferry pier, a project that will take two years.")
    text = "\n".join(["Pier works approved", lede, lede + " The north ramp will close for most of the summer season."])
    found = clean_text(text)
    assert found.text.count("Tidewater councillors voted") == 1


def test_too_little_text_is_rejected_with_the_word_count():
    raw = RawDocument(source="t.txt", kind="text", content="Advertisement\nShare\nPier works approved today.")
    with pytest.raises(InputRejected) as exc:
        clean(raw, min_words=25)
    assert exc.value.code == "no_article"
    assert "words" in str(exc.value)


@given(st.text(max_size=2000))
def test_cleaning_never_crashes_and_leaves_tidy_paragraphs(raw):
    found = clean_text(raw)
    assert isinstance(found.text, str)
    for paragraph in found.text.split("\n\n") if found.text else []:
        assert paragraph and paragraph == paragraph.strip()
        assert "\r" not in paragraph


LINES = st.sampled_from([BODY, PARAGRAPHS[0], PARAGRAPHS[3], "Advertisement", "Share", "37 Comments", "Read more",
                         "What happens next", "© 2026 Tidewater Post. All rights reserved.", "May 12, 2026",
                         "By Ana Ruiz", "", "Tidewater Post Staff"])


@given(st.lists(LINES, max_size=25))
def test_cleaned_text_only_holds_lines_of_the_page(lines):
    found = clean_text("\n".join(lines))
    for paragraph in found.text.split("\n\n") if found.text else []:
        assert paragraph in lines or paragraph in " ".join(lines)
        assert paragraph not in {"Advertisement", "Share", "37 Comments", "Read more"}


def test_an_advertisement_in_sentences_is_removed():
    from newsgraph.clean.text_junk import clean_body

    body = clean_body([BODY, "Sail further for less. The Harbour Rewards card. Terms apply.", BODY.replace("pier", "quay")])
    assert "Harbour Rewards" not in body and body.count("\n\n") == 1
