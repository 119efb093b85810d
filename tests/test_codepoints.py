"""newsgraph.clean.codepoints: what no store can hold is cleaned at the clean stage, for every store."""
from __future__ import annotations

import pytest
from hypothesis import given, strategies as st

from newsgraph.clean import clean
from newsgraph.clean.codepoints import REPLACEMENT, storable
from newsgraph.ingest.raw import RawDocument

BODY = ("The harbour authority said on Tuesday that two new cranes would arrive in March, "
        "letting the port unload larger container ships without waiting for the tide to turn.")


@pytest.mark.parametrize("text, expected", [
    ("plain words", "plain words"),
    ("a\x00b", "ab"),  # NUL: PostgreSQL's text cannot hold it
    ("bell\x07 and escape\x1b[0m", "bell and escape[0m"),
    ("del\x7f", "del"),
    ("lone \ud800 surrogate", f"lone {REPLACEMENT} surrogate"),
    ("tab\tnew\nline\rform\x0cvertical\x0b", "tab\tnew\nline\rform\x0cvertical\x0b"),  # kept: the cleaner normalises them
    ("emoji \U0001F600 and é", "emoji \U0001F600 and é"),
])
def test_storable(text, expected):
    assert storable(text) == expected


@given(st.text())
def test_storable_text_always_encodes_as_utf8_without_nul(text):
    out = storable(text)
    assert "\x00" not in out
    out.encode("utf-8")  # no lone surrogate left


def test_the_clean_stage_cleans_text_and_metadata():
    raw = RawDocument(source="wire\x00.jsonl:1", kind="text", content="Cranes\x00 for the port\n\n" + BODY.replace(
        "cranes", "cra\x00nes"), meta={"title": "Port \ud83d cranes", "outlet": "Harbour\x00 Daily",
                                       "byline": "By Ana\x01 Ruiz", "published_at": "2026-03-02"})
    article = clean(raw, min_words=10)
    for value in (article.text, article.title, article.outlet, article.byline, article.source):
        assert "\x00" not in value and "\x01" not in value
        value.encode("utf-8")
    assert "new cranes would arrive" in article.text
    assert article.title == f"Port {REPLACEMENT} cranes"
