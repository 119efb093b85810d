"""newsgraph.exports.document: the JSON export validates against shared/contracts/export.schema.json and every
evidence span is the article's own characters."""
from __future__ import annotations

import json

import pytest
from jsonschema import Draft202012Validator

from ng_support import all_evidence


@pytest.fixture(scope="module", params=["mini", "demo"])
def export(request):
    return request.getfixturevalue(f"{request.param}_store").export


def test_export_validates_against_the_schema(export, export_schema):
    validator = Draft202012Validator(export_schema)
    problems = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(export)]
    assert problems == []


def test_the_schema_catches_a_broken_export(mini_store, export_schema):
    """Guard against a schema check that cannot fail."""
    broken = json.loads(json.dumps(mini_store.export))
    broken["stories"][0]["responses"] = [{"party": "X", "response": "maybe"}]
    assert list(Draft202012Validator(export_schema).iter_errors(broken))


def test_every_evidence_is_the_article_text_between_its_offsets(export):
    texts = {a["id"]: a["text"] for a in export["articles"]}
    spans = list(all_evidence(export))
    assert spans
    for where, ev in spans:
        text = texts[ev["article_id"]]
        assert 0 <= ev["start"] < ev["end"] <= len(text), where
        assert text[ev["start"]:ev["end"]] == ev["text"], where
        assert ev["text"].strip(), where


def test_evidence_spans_do_not_start_or_end_with_whitespace(export):
    untidy = [(where, ev["text"][-12:]) for where, ev in all_evidence(export) if ev["text"] != ev["text"].strip()]
    assert untidy == []


def test_references_point_at_records_of_the_export(export):
    articles = {a["id"] for a in export["articles"]}
    entities = {e["id"] for e in export["entities"]}
    placed = [a for s in export["stories"] for a in s["article_ids"]]
    assert sorted(placed) == sorted(articles)  # every article in exactly one story
    for story in export["stories"]:
        assert set(story["entity_ids"]) <= entities
        for item in story["reports"] + story["responses"]:
            assert item["article_id"] in story["article_ids"]
            assert item["evidence"]["article_id"] == item["article_id"]
        for key in ("party_id", "reported_by_id"):
            for item in story["responses"] + story["reports"]:
                assert item.get(key) is None or item[key] in entities
        for item in story["facts"] + story["disagreements"]:
            assert set(item["article_ids"]) <= set(story["article_ids"])
            assert {ev["article_id"] for ev in item["evidence"]} <= set(item["article_ids"])


def test_quotes_are_words_of_their_evidence(export):
    for story in export["stories"]:
        for r in story["responses"]:
            if r["quote"]:
                assert r["quote"] in r["evidence"]["text"]


def test_tickers_are_exchange_symbol_or_bare(export):
    for e in export["entities"]:
        for t in e["tickers"]:
            exchange, _, symbol = t.rpartition(":")
            assert symbol and symbol == symbol.upper() and " " not in t
            assert exchange == exchange.upper()


def test_the_export_is_plain_json(export):
    assert json.loads(json.dumps(export)) == export
    assert export["schema_version"] == "1"
