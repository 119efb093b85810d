"""newsgraph.clustering: clustering articles into stories; newsgraph.reconcile.title: story titles built from
the record."""
from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from collections import Counter
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from newsgraph.model import (Entity, EntityType, Event, EventStatus, EventType, Evidence, Report, Response,
                             ResponseKind, Story)
from newsgraph.clustering.cluster import ClusterItem, cluster
from newsgraph.reconcile.title import latest_answers, main_event, summary_for, title_for

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


def event(kind: EventType, status: EventStatus, *participants: str, article: str = "a1", start: int = 0) -> Event:
    return Event(type=kind, status=status, participants=participants, trigger=Evidence(article, start, start + 4),
                 evidence=Evidence(article, start, start + 80))


PLACES = {**ENTITIES, "place:eastvale": Entity("place:eastvale", "Eastvale", EntityType.PLACE)}
TALKS = [event(EventType.PARTNERSHIP, EventStatus.REPORTED, "gaz:subaru", "gaz:lg"),
         event(EventType.PARTNERSHIP, EventStatus.DENIED, "gaz:subaru", "gaz:lg", article="a2"),
         event(EventType.SHARE_MOVE, EventStatus.COMPLETED, "gaz:lg", start=900),
         event(EventType.SHARE_MOVE, EventStatus.COMPLETED, "gaz:lg", article="a2", start=700)]


@pytest.mark.parametrize("record, events, expected", [
    (story(response(ResponseKind.DENIED, DAY.replace(tzinfo=UTC)), reports=[REPORT]), TALKS,
     "Subaru denies Nikkei report of partnership with LG Energy Solution"),
    (story(reports=[REPORT]), TALKS, "Nikkei reports Subaru partnership with LG Energy Solution"),
    (story(), [event(EventType.PLANT_CLOSURE, EventStatus.REPORTED, "gaz:subaru", "place:eastvale"),
               event(EventType.EARNINGS, EventStatus.COMPLETED, "gaz:subaru", start=600)],
     "Subaru plant closure in Eastvale"),
    (story(), [event(EventType.SALES_REPORT, EventStatus.CONFIRMED, "gaz:subaru")], "Subaru confirms sales figures"),
])
def test_titles_tell_the_main_event_its_parties_and_status(record, events, expected):
    assert title_for(record, PLACES, Counter({"ceo": 3, "hold": 2}), events) == expected


PEOPLE = {**PLACES, "person:ada": Entity("person:ada", "Ada Vell", EntityType.PERSON)}


def test_an_event_no_company_takes_part_in_gives_a_neutral_title():
    # 'forces took over the city', 'the capture of the leader': a company's event type told of people
    # and places only; the title falls back to the words the articles share, most used first
    taken = [event(EventType.MERGER_ACQUISITION, EventStatus.COMPLETED, "person:ada", "place:eastvale"),
             event(EventType.MERGER_ACQUISITION, EventStatus.COMPLETED, article="a2")]
    record = story(response(ResponseKind.DENIED, DAY.replace(tzinfo=UTC)), reports=[REPORT])
    words = Counter({"airstrike": 2, "leader": 2, "wednesday": 2, "city": 1})
    title = title_for(record, PEOPLE, words, taken, Counter({"airstrike": 3, "leader": 7, "wednesday": 9}))
    assert title == "Subaru denies Nikkei report: leader, airstrike, city"
    assert main_event(record, taken, PEOPLE) is not None  # still the story's main event elsewhere


def test_the_main_event_is_the_one_the_articles_lead_with_not_the_market_reaction():
    found = main_event(story(), TALKS, ENTITIES)
    assert (found.type, found.parties) == (EventType.PARTNERSHIP, ("Subaru", "LG Energy Solution"))
    assert main_event(story(), [], ENTITIES) is None


def test_a_summary_without_a_report_tells_the_event_and_the_answers():
    record = story(response(ResponseKind.CONFIRMED, DAY.replace(tzinfo=UTC)))
    text = summary_for(record, PLACES, [event(EventType.PLANT_CLOSURE, EventStatus.CONFIRMED, "gaz:subaru",
                                              "place:eastvale")])
    assert text == "Subaru plant closure in Eastvale, confirmed (2 articles). Subaru confirmed."


@pytest.mark.parametrize("claim, expected", [
    ("The plant will close.\n\n", "Nikkei reported that the plant will close."),
    ("Subaru is in\n talks", "Nikkei reported that Subaru is in talks."),
])
def test_a_reported_claim_reads_as_a_clause(claim, expected):
    rep = Report(reported_by="Nikkei", reported_by_key="outlet:nikkei", citing=None, claim=claim,
                 evidence=Evidence("a1", 0, 5))
    assert summary_for(story(reports=[rep]), ENTITIES) == expected


def test_every_event_type_has_a_title_noun():
    from newsgraph.model import EventType
    from newsgraph.reconcile.title import NOUNS

    assert set(EventType) <= set(NOUNS), set(EventType) - set(NOUNS)


# Builds titles in a fresh process: a story with no event whose topic words all tie (each article
# counted once per word, from a set of its words, as build_story does), and one whose main event
# names two companies and two places as often as each other.
TITLES_IN_A_PROCESS = """
import json
from collections import Counter
from newsgraph.model import Analysis, Article, Entity, EntityType, Event, EventStatus, EventType, Evidence, Story
from newsgraph.reconcile import build_story
from newsgraph.reconcile.title import summary_for, title_for

words = ("harbour", "ferry", "vessel", "battery", "shipyard", "route", "fleet", "diesel", "pier", "market")
articles = {f"a{n}": Article(id=f"a{n}", source=f"a{n}.txt", text="x") for n in range(3)}
topic = build_story(list(articles), articles, {a: Analysis(article_id=a, keywords=words) for a in articles}, {})
entities = {k: Entity(k, name, kind) for k, name, kind in [
    ("c:acme", "Acme", EntityType.COMPANY), ("c:beta", "Beta", EntityType.COMPANY),
    ("p:eastvale", "Eastvale", EntityType.PLACE), ("p:westport", "Westport", EntityType.PLACE)]}
events = [Event(EventType.PLANT_CLOSURE, EventStatus.REPORTED, keys, Evidence(a, 0, 4), Evidence(a, 0, 80))
          for a, keys in [("a1", ("c:beta", "p:westport", "c:acme", "p:eastvale")),
                          ("a2", ("p:eastvale", "c:acme", "p:westport", "c:beta"))]]
record = Story(id="s1", title="", article_ids=("a1", "a2"), entity_keys=())
print(json.dumps([topic.title, title_for(record, entities, Counter(set(words)), events),
                  summary_for(record, entities, events)]))
"""


def test_titles_are_the_same_whatever_the_hash_seed():
    """Ties (topic words found in as many articles, parties and places named as often) fall to a
    total order, never to a set's iteration order, which changes with PYTHONHASHSEED."""
    repo = Path(__file__).resolve().parents[1]
    outputs = []
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed,
               "PYTHONPATH": os.pathsep.join([str(repo), os.environ.get("PYTHONPATH", "")])}
        run = subprocess.run([sys.executable, "-c", TITLES_IN_A_PROCESS], env=env, capture_output=True, text=True,
                             check=True)
        outputs.append(json.loads(run.stdout))
    assert outputs[0] == outputs[1]
    assert outputs[0] == ["News: battery, diesel, ferry", "Acme plant closure in Eastvale",
                          "Acme plant closure in Eastvale, reported (2 articles)."]


def four_articles(*responses: Response, reports=()) -> Story:
    return Story(id="s1", title="", article_ids=("a1", "a2", "a3", "a4"), entity_keys=("gaz:subaru", "gaz:lg"),
                 responses=tuple(responses), reports=tuple(reports))


@pytest.mark.parametrize("events, expected", [
    # told in one article of four: no sure event, a neutral title from the words the articles share
    ([event(EventType.LAWSUIT, EventStatus.REPORTED, "gaz:subaru")], "Nikkei reports on Subaru and LG Energy Solution: ceo, hold"),
    # two kinds told as much and as often: neither is sure
    ([event(EventType.LAWSUIT, EventStatus.REPORTED, "gaz:subaru", article=a) for a in ("a1", "a2")]
     + [event(EventType.REGULATORY_PROBE, EventStatus.REPORTED, "gaz:subaru", article=a) for a in ("a1", "a2")],
     "Nikkei reports on Subaru and LG Energy Solution: ceo, hold"),
    # told in half the articles, more than anything else: the title names it
    ([event(EventType.LAWSUIT, EventStatus.REPORTED, "gaz:subaru", article=a) for a in ("a1", "a2")],
     "Nikkei reports Subaru lawsuit"),
])
def test_a_title_names_only_an_event_the_story_is_sure_of(events, expected):
    assert title_for(four_articles(reports=[REPORT]), PLACES, Counter({"ceo": 3, "hold": 2}), events) == expected
