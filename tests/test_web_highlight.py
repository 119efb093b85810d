"""newsgraph.web.highlight: evidence spans become non-overlapping marks with anchors."""
from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsgraph.model import Evidence
from newsgraph.web.highlight import Anchors, anchor_id, mark

TEXT = "One. Two three. Four five six."


def ev(start: int, end: int, aid: str = "a1") -> Evidence:
    return Evidence(aid, start, end)


@pytest.mark.parametrize("spans,marked", [
    ([], []),
    ([ev(5, 15)], ["Two three."]),
    ([ev(0, 4), ev(16, 30)], ["One.", "Four five six."]),
    ([ev(5, 15), ev(9, 15)], ["Two three."]),  # inside another: no nested mark
    ([ev(5, 15), ev(5, 15)], ["Two three."]),
    ([ev(0, 4, "other")], []),  # another article's evidence
    ([ev(20, 99)], []),  # outside the text
])
def test_marks(spans, marked):
    result = mark("a1", TEXT, spans)
    assert [s.text for s in result.segments if s.anchor] == marked
    assert "".join(s.text for s in result.segments) == TEXT


def test_an_overlapping_span_links_to_the_mark_that_shows_it():
    result = mark("a1", TEXT, [ev(5, 15), ev(9, 20)])
    anchors = Anchors({"a1": result})
    assert anchors(ev(9, 20)) == anchors(ev(5, 15)) == anchor_id(ev(5, 15))
    assert anchors(ev(0, 4, "elsewhere")) == anchor_id(ev(0, 4, "elsewhere"))


@given(st.lists(st.tuples(st.integers(0, len(TEXT)), st.integers(0, len(TEXT))), max_size=8))
def test_segments_cover_the_text_exactly_once_and_anchors_are_unique(pairs):
    result = mark("a1", TEXT, [ev(min(p), max(p)) for p in pairs])
    assert "".join(s.text for s in result.segments) == TEXT
    ids = [s.anchor for s in result.segments if s.anchor]
    assert len(ids) == len(set(ids))
    assert set(result.anchors.values()) == set(ids)
