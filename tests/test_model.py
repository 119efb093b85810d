"""newsgraph.model.records: content-hash ids, immutable records, evidence spans."""
from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsgraph.model import Article, Entity, EntityType, Evidence, Rejection, Story


@pytest.mark.parametrize("a, b, same", [
    (("Ferries ordered.", None), ("Ferries   ordered.", None), True),  # whitespace does not count
    (("Ferries ordered.", None), ("Ferries ordered!", None), False),
    (("one text", "https://x.example/a/"), ("another text", "https://X.example/a"), True),  # URL wins
    (("one text", "https://x.example/a"), ("one text", "https://x.example/b"), False),
    (("one text", None), ("one text", "https://x.example/a"), False),
])
def test_article_ids_are_content_hashes(a, b, same):
    assert (Article.make_id(*a) == Article.make_id(*b)) is same


def test_ids_have_stable_prefixes():
    assert Article.make_id("x").startswith("a")
    assert Rejection("f.txt", "empty", "the file is empty").id.startswith("r")
    assert Entity("gaz:ford-motor", "Ford", EntityType.COMPANY).id.startswith("e")
    assert Story.make_id(["a2", "a1"]).startswith("s")


def test_an_entity_id_depends_on_its_key_only():
    a = Entity("gaz:ford-motor", "Ford", EntityType.COMPANY, tickers=("NYSE:F",))
    b = Entity("gaz:ford-motor", "Ford Motor Company", EntityType.COMPANY)
    assert a.id == b.id
    assert a.id != Entity("gaz:xiaomi", "Ford", EntityType.COMPANY).id


def test_records_are_immutable():
    ev = Evidence("a1", 0, 4)
    with pytest.raises(dataclasses.FrozenInstanceError):
        ev.start = 2  # type: ignore[misc]


@given(st.text(max_size=200), st.integers(0, 250), st.integers(0, 250))
def test_evidence_text_is_the_slice(text, start, end):
    assert Evidence("a1", start, end).text_in(text) == text[start:end]
