"""newsgraph.stories: clustering articles into stories, and story titles built from the record."""
from __future__ import annotations

import random
from collections import Counter
from datetime import datetime, timedelta, timezone

import pytest

from newsgraph.model import Entity, EntityType, Evidence, Report, Response, ResponseKind, Story
from newsgraph.stories.cluster import ClusterItem, cluster
from newsgraph.stories.title import latest_answers, title_for

DAY = datetime(2025, 10, 2)
PLANT = ("battery", "plant", "indiana", "talk", "invest", "factory", "build")
RESULTS = ("profit", "console", "forecast", "quarter", "sale", "game", "raise")


def item(aid: str, words, entities, days: int = 0) -> ClusterItem:
    return ClusterItem(article_id=aid, published_at=DAY + timedelta(days=days), words=tuple(words),
                       entities=tuple(entities))


ITEMS = [
    item("a1", PLANT, ["gaz:subaru", "gaz:lg"]),
    item("a2", PLANT[:5] + ("deny",), ["gaz:subaru", "gaz:lg"], 1),
    item("a3", PLANT[2:] + ("cost",), ["gaz:subaru"], 2),
    item("b1", RESULTS, ["gaz:nintendo"], 1),
    item("b2", RESULTS[1:] + ("japan",), ["gaz:nintendo"], 1),
]


def test_articles_about_one_event_share_a_story_and_others_do_not():
    groups = cluster(ITEMS, threshold=0.35, window_days=10)
    assert sorted(map(sorted, groups)) == [["a1", "a2", "a3"], ["b1", "b2"]]


def test_clustering_does_not_depend_on_input_order():
    expected = sorted(map(sorted, cluster(ITEMS, 0.35, 10)))
    for seed in range(4):
        shuffled = ITEMS[:]
        random.Random(seed).shuffle(shuffled)
        assert sorted(map(sorted, cluster(shuffled, 0.35, 10))) == expected


def test_articles_far_apart_in_time_never_share_a_story():
    far = [item("a1", PLANT, ["gaz:subaru"]), item("a2", PLANT, ["gaz:subaru"], 30)]
    assert sorted(map(sorted, cluster(far, 0.35, 10))) == [["a1"], ["a2"]]
    assert sorted(map(sorted, cluster(far, 0.35, 40))) == [["a1", "a2"]]


@pytest.mark.parametrize("items, expected", [
    ([], []),
    ([item("a1", PLANT, [])], [["a1"]]),
    ([item("a1", [], []), item("a2", [], [])], [["a1"], ["a2"]]),
])
def test_small_inputs(items, expected):
    assert sorted(map(sorted, cluster(items, 0.35, 10))) == expected


ENTITIES = {"gaz:subaru": Entity("gaz:subaru", "Subaru", EntityType.COMPANY),
            "gaz:lg": Entity("gaz:lg", "LG Energy Solution", EntityType.COMPANY),
            "outlet:nikkei": Entity("outlet:nikkei", "Nikkei", EntityType.OUTLET)}


def response(kind: ResponseKind, as_of: datetime | None, party: str = "Subaru") -> Response:
    return Response(party=party, party_key="gaz:subaru", kind=kind, quote=None, evidence=Evidence("a1", 0, 5),
                    as_of=as_of)


def story(*responses: Response, reports=()) -> Story:
    return Story(id="s1", title="", article_ids=("a1", "a2"), entity_keys=("gaz:subaru", "gaz:lg"),
                 responses=tuple(responses), reports=tuple(reports))


REPORT = Report(reported_by="Nikkei", reported_by_key="outlet:nikkei", citing=None,
                claim="Subaru is in talks", evidence=Evidence("a1", 0, 5))
UTC = timezone.utc


@pytest.mark.parametrize("record, expected_start", [
    (story(response(ResponseKind.DENIED, DAY.replace(tzinfo=UTC)), reports=[REPORT]), "Subaru denies Nikkei report"),
    (story(response(ResponseKind.DID_NOT_RESPOND, DAY.replace(tzinfo=UTC)),
           response(ResponseKind.CONFIRMED, (DAY + timedelta(days=1)).replace(tzinfo=UTC))), "Subaru confirms report"),
    (story(reports=[REPORT]), "Nikkei reports on Subaru and LG Energy Solution"),
    (story(), "Subaru and LG Energy Solution"),
])
def test_titles_come_from_the_record(record, expected_start):
    title = title_for(record, ENTITIES, Counter({"battery": 3, "plant": 2}))
    assert title.startswith(expected_start), title


def test_the_latest_answer_wins_whatever_the_date_format():
    record = story(response(ResponseKind.DENIED, datetime(2025, 10, 3, 9, 0, tzinfo=UTC)),
                   response(ResponseKind.CONFIRMED, datetime(2025, 10, 5)))
    assert latest_answers(record) == {"Subaru": ResponseKind.CONFIRMED}


def test_the_mini_story_summary_reads_as_one_sentence_per_part(mini_store):
    story = next(s for s in mini_store.export["stories"] if len(s["article_ids"]) == 3)
    summary = story["summary"]
    assert summary.startswith("Nikkei reported, citing people familiar with the matter, that Subaru is in talks")
    assert "that that" not in summary
    assert "Subaru denied" in summary
