"""Revisions: the same article (same URL, or same outlet and title) with its text edited is the next
version of that article: the versions are kept with the sentences added and removed, the analysis
rows carry their version, the story uses the latest and the article page shows the history.
Articles written for these tests (fictional events)."""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsgraph.exports.document import export_store
from newsgraph.flow.alerts import list_alerts
from newsgraph.flow.versions import changed_sentences, revision_pairs, sentence_list
from newsgraph.model import ResponseKind
from newsgraph.store.db import Store

URL = "https://harbor.example/maersk-depots"
FIRST = ("Maersk plans to close four container depots in northern Germany and cut about 600 jobs, according to an "
         "internal memo seen by Harbor Street Daily on Thursday.\n\n"
         "The depots in Bremen, Hamburg, Kiel and Rostock handle empty boxes that wait for export cargo, a job the "
         "company wants to move to larger yards run by partners.\n\n"
         "Maersk declined to comment on the memo. A works council representative said staff had not been told.\n\n"
         "Freight rates on routes from Asia to northern Europe have fallen by a third since the spring as new "
         "ships join the fleet.\n")
CHANGED = "The depots in Bremen, Hamburg and Kiel handle empty boxes that wait for export cargo, a job the " \
          "company wants to move to larger yards run by partners."
ADDED = "In a statement late on Thursday, the dockworkers union ver.di denied that it had agreed to the closures."
SECOND = (FIRST.replace("The depots in Bremen, Hamburg, Kiel and Rostock handle empty boxes that wait for export "
                        "cargo, a job the company wants to move to larger yards run by partners.", CHANGED)
          + "\n" + ADDED + "\n")


def record(text: str, **extra) -> dict:
    return {"text": text, "title": "Maersk to shut four German container depots", "outlet": "Harbor Street Daily",
            "published_at": "2026-04-09T08:00:00+00:00", **extra}


def jsonl(path: Path, *records: dict) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


@pytest.mark.parametrize("old, new, added, removed", [
    ("One. Two here. Three.", "One. Two here. Three.", (), ()),
    ("One. Two here. Three.", "One. Two there. Three.", ("Two there.",), ("Two here.",)),
    ("One.\nThree.", "One.\nTwo.\nThree.", ("Two.",), ()),
    ("One. Two. Three.", "One. Three.", (), ("Two.",)),
])
def test_changed_sentences(old, new, added, removed):
    assert changed_sentences(old, new) == (added, removed)


SENTENCES = ["Acme rose.", "Beta fell.", "Gamma said nothing.", "Delta denied it.", "Rates held."]


@given(st.lists(st.sampled_from(SENTENCES), max_size=8), st.lists(st.sampled_from(SENTENCES), max_size=8))
def test_a_version_is_the_one_before_less_what_it_removed_plus_what_it_added(old, new):
    added, removed = changed_sentences(" ".join(old), " ".join(new))
    assert Counter(old) - Counter(removed) + Counter(added) == Counter(new)
    assert (added, removed) == ((), ()) or old != new


def test_sentences_are_split_within_and_across_paragraphs():
    assert sentence_list("Acme rose. It said so.\n\nNothing else.") == ["Acme rose.", "It said so.", "Nothing else."]


@pytest.fixture(scope="module")
def revised(tmp_path_factory, analyze_with):
    """One article analysed, then its edited text at the same address in a second run."""
    base = tmp_path_factory.mktemp("versions")
    db = base / "news.db"
    first = analyze_with([jsonl(base / "v1.jsonl", record(FIRST, url=URL))], db)
    second = analyze_with([jsonl(base / "v2.jsonl", record(SECOND, url=URL))], db)
    return base, db, first, second


def test_an_edited_article_is_its_second_version(revised):
    _, db, first, second = revised
    [aid] = first.added
    assert second.revised == [aid] and second.added == [] and second.copies == []
    store = Store(str(db))
    [article] = store.articles()
    assert article.id == aid and ADDED in article.text  # the store holds the latest text
    v1, v2 = store.versions()[aid]
    assert (v1.version, v2.version) == (1, 2) and v1.text == FIRST.strip() and v2.text == SECOND.strip()
    assert v2.added == (CHANGED, ADDED)
    assert v2.removed == ("The depots in Bremen, Hamburg, Kiel and Rostock handle empty boxes that wait for export "
                          "cargo, a job the company wants to move to larger yards run by partners.",)
    assert store.version_numbers() == {aid: 2}


def test_the_story_uses_the_latest_version_and_keeps_what_the_first_said(revised):
    _, db, first, _ = revised
    [aid] = first.added
    store = Store(str(db))
    [pair] = revision_pairs(store, [aid])
    before = {(r.party_key, r.kind) for r in pair.previous.responses}
    after = {(r.party_key, r.kind) for r in pair.current.responses}
    assert after - before, "the added sentence gives a response the first version did not have"
    assert any(k == ResponseKind.DENIED for _, k in after - before)
    assert all(r.version == 2 for r in pair.current.responses) and all(r.version == 1 for r in pair.previous.responses)
    stored = store.analyses([aid])[aid]
    assert {(r.party_key, r.kind) for r in stored.responses} == after  # the store reads version 2 only
    assert all(r.version == 2 for r in stored.responses)
    export = export_store(store)
    [story] = export["stories"]
    assert story["article_ids"] == [aid]
    assert any(r["response"] == "denied" and r["version"] == 2 for r in story["responses"])
    for r in story["responses"]:  # offsets point into the latest text
        assert r["evidence"]["text"] in SECOND
    [art] = export["articles"]
    assert art["version"] == 2 and [v["version"] for v in art["versions"]] == [1, 2]
    assert art["versions"][0]["responses"] and all(r["evidence"]["text"] in FIRST
                                                    for r in art["versions"][0]["responses"])


def test_a_revision_that_adds_a_response_raises_one_revision_alert_once(revised, analyze_with):
    base, db, first, _ = revised
    [aid] = first.added
    store = Store(str(db))
    alerts = [a for a in list_alerts(store) if a.kind.value == "revision"]
    assert alerts and all(a.article_id == aid for a in alerts)
    denial = [a for a in alerts if a.after == "denied"]
    assert len(denial) == 1 and denial[0].before is None and denial[0].change == "added"
    assert ADDED in SECOND[denial[0].evidence.start - 1:denial[0].evidence.end + 1] or \
        "denied" in Store(str(db)).articles()[0].text[denial[0].evidence.start:denial[0].evidence.end]
    analyze_with([base / "v2.jsonl"], db)  # the same version again raises nothing new
    assert len([a for a in list_alerts(Store(str(db))) if a.kind.value == "revision"]) == len(alerts)


def test_an_earlier_or_the_same_version_again_changes_nothing(revised, analyze_with):
    base, db, first, _ = revised
    again = analyze_with([base / "v1.jsonl", base / "v2.jsonl"], db)
    assert again.added == again.revised == again.copies == [] and again.unchanged == first.added * 2
    assert len(Store(str(db)).versions()[first.added[0]]) == 2


def test_the_article_page_shows_the_versions(revised):
    from fastapi.testclient import TestClient

    from newsgraph.settings import Settings
    from newsgraph.web.app import create_app

    _, db, first, _ = revised
    page = TestClient(create_app(settings=Settings(db=str(db), progress=False))).get(f"/articles/{first.added[0]}").text
    assert "version 2" in page and "added:" in page and "removed:" in page
    assert "ver.di denied" in page and "Kiel and Rostock" in page


def test_the_same_outlet_and_title_without_an_address_is_a_version_too(tmp_path, analyze_with):
    db = tmp_path / "news.db"
    first = analyze_with([jsonl(tmp_path / "v1.jsonl", record(FIRST))], db)
    second = analyze_with([jsonl(tmp_path / "v2.jsonl", record(SECOND))], db)
    assert second.revised == first.added and len(Store(str(db)).articles()) == 1
    # another outlet's article under the same title is no version of it
    other = analyze_with([jsonl(tmp_path / "o.jsonl", record(
        "Container lines are shutting yards across the North Sea coast as rates slide, and unions in three "
        "countries have asked for talks before any site closes its gates for good.", outlet="Pinecrest Wire"))], db)
    assert other.revised == [] and len(other.added) == 1


def test_two_texts_of_one_article_in_one_run_keep_the_second_for_the_next_run(tmp_path, analyze_with):
    db = tmp_path / "news.db"
    both = jsonl(tmp_path / "both.jsonl", record(FIRST, url=URL), record(SECOND, url=URL))
    result = analyze_with([both], db)
    assert len(result.added) == 1 and [r.code for r in result.rejected] == ["version_in_same_run"]
    assert analyze_with([both], db).revised == result.added


def test_the_export_with_versions_and_copies_validates_against_the_schema(revised, export_schema, analyze_with):
    from jsonschema import Draft202012Validator

    base, db, _, _ = revised
    copy = record(SECOND, url="https://pinecrest.example/maersk", outlet="Pinecrest Wire")  # a wire copy
    assert analyze_with([jsonl(base / "copy.jsonl", copy)], db).copies
    export = json.loads(json.dumps(export_store(Store(str(db)))))
    problems = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
                for e in Draft202012Validator(export_schema).iter_errors(export)]
    assert problems == []
    [art] = [a for a in export["articles"] if "copy_of" not in a]
    assert art["version"] == 2 and [c["outlet"] for c in art["copies"]] == ["Pinecrest Wire"]
    [copied] = [a for a in export["articles"] if "copy_of" in a]
    assert copied["copy_of"] == art["id"] and copied["text"] == art["text"]


def test_the_first_version_was_seen_when_the_article_was_stored(revised):
    _, db, first, _ = revised
    v1, v2 = Store(str(db)).versions()[first.added[0]]
    assert v1.seen_at is not None and v1.seen_at <= v2.seen_at
