"""newsgraph.reconcile: facts across a story's articles merge, refine or conflict; a party's responses
across articles give updates. Unit tests on records, then the mini corpus end to end."""
from __future__ import annotations

import random
from datetime import datetime, timedelta, timezone

import pytest

from newsgraph.model import (DisagreementKind, Evidence, Fact, Qualifier, Response, ResponseKind)
from newsgraph.reconcile.facts import moment, reconcile_facts, relation, same_metric
from newsgraph.reconcile.responses import reconcile_responses
from ng_support import SUBARU_STORY

Q = Qualifier


def fact(value: float, qualifier: Qualifier = Q.EXACT, article: str = "a1", *, subject: str = "gaz:subaru",
         metric: str = "investment", period: str | None = None, unit: str | None = "USD", start: int = 0) -> Fact:
    return Fact(subject="Subaru", subject_key=subject, metric=metric, period=period, value=value, unit=unit,
                qualifier=qualifier, evidence=Evidence(article, start, start + 10))


def outlet(article_id: str) -> str:
    return f"outlet of {article_id}"


@pytest.mark.parametrize("a, b, expected", [
    (fact(411_000, Q.MORE_THAN), fact(411_837), "refinement"),
    (fact(4.2e9), fact(5.1e9), "conflict"),
    (fact(1.2e6), fact(1_187_400), "refinement"),  # rounded vs precise
    (fact(450e9, Q.ABOUT), fact(448e9), "refinement"),
    (fact(31_500, Q.ABOUT), fact(31_457), "refinement"),
    (fact(2_000, Q.LESS_THAN), fact(1_800), "refinement"),
    pytest.param(fact(2_000, Q.LESS_THAN), fact(2_500), "conflict"),
    (fact(3e9, Q.MORE_THAN), fact(5.1e9), "refinement"),
    pytest.param(fact(3e9, Q.MORE_THAN), fact(2.5e9), "conflict"),
    (fact(210e6), fact(290e6), "conflict"),
    (fact(20), fact(20), "same"),
    (fact(75), fact(75, Q.MORE_THAN), "refinement"),
])
def test_relation(a, b, expected):
    assert relation(a, b) == expected
    assert relation(b, a) == expected  # symmetric


@pytest.mark.parametrize("a, b, same", [
    ("vehicle deliveries", "deliveries", True),
    ("deliveries", "delivery", True),
    ("operating profit", "profit", True),
    ("revenue", "operating profit", False),
    ("job cuts", "investment", False),
])
def test_same_metric(a, b, same):
    assert same_metric(a, b) is same


def test_equal_facts_from_two_articles_merge_into_one():
    merged, disagreements = reconcile_facts([fact(3.4e9, article="a1"), fact(3.4e9, article="a2", start=50)], outlet)
    assert disagreements == []
    assert len(merged) == 1
    assert merged[0].article_ids == ("a1", "a2")
    assert [e.article_id for e in merged[0].evidence] == ["a1", "a2"]


def test_more_than_n_and_the_exact_figure_are_a_refinement():
    merged, disagreements = reconcile_facts([fact(411_000, Q.MORE_THAN, "a1"), fact(411_837, article="a2")], outlet)
    assert len(merged) == 2
    d, = disagreements
    assert d.kind == DisagreementKind.REFINEMENT
    assert set(d.article_ids) == {"a1", "a2"}
    assert len(d.evidence) >= 2


def test_two_different_prices_are_a_conflict():
    _, disagreements = reconcile_facts([fact(4.2e9, article="a1"), fact(5.1e9, article="a2")], outlet)
    d, = disagreements
    assert d.kind == DisagreementKind.CONFLICT
    assert set(d.article_ids) == {"a1", "a2"}
    assert "outlet of a1" in d.about and "outlet of a2" in d.about


def test_two_values_in_one_article_are_not_a_conflict():
    _, disagreements = reconcile_facts([fact(4.2e9, article="a1"), fact(5.1e9, article="a1", start=40)], outlet)
    assert disagreements == []


@pytest.mark.parametrize("other", [
    fact(5.1e9, article="a2", subject="gaz:intel"),
    fact(5.1e9, article="a2", metric="revenue"),
    fact(5.1e9, Q.TARGET, article="a2"),
    fact(5.1e9, Q.FORECAST, article="a2"),
    fact(5.1e9, article="a2", period="2024"),
])
def test_facts_about_different_things_are_not_compared(other):
    first = fact(4.2e9, article="a1", period="2025" if other.period else None)
    _, disagreements = reconcile_facts([first, other], outlet)
    assert disagreements == []


def test_a_conflict_names_the_values_that_cannot_both_be_true():
    facts = [fact(3e9, Q.MORE_THAN, "A"), fact(3.4e9, article="B"), fact(5.1e9, article="C")]
    _, disagreements = reconcile_facts(facts, outlet)
    conflict, = [d for d in disagreements if d.kind == DisagreementKind.CONFLICT]
    assert {"B", "C"} <= set(conflict.article_ids)


def test_fact_reconciliation_does_not_depend_on_input_order():
    facts = [fact(3e9, Q.MORE_THAN, "A"), fact(3.4e9, article="B"), fact(3.4e9, article="D", start=5),
             fact(5.1e9, article="C")]
    expected = {(d.kind, frozenset(d.article_ids)) for d in reconcile_facts(facts, outlet)[1]}
    for seed in range(5):
        shuffled = facts[:]
        random.Random(seed).shuffle(shuffled)
        got = {(d.kind, frozenset(d.article_ids)) for d in reconcile_facts(shuffled, outlet)[1]}
        assert got == expected, seed


# --- responses ---------------------------------------------------------------------------------

DAY1 = datetime(2025, 10, 2, 9, 0, tzinfo=timezone.utc)
DAY2 = DAY1 + timedelta(days=1)


def response(kind: ResponseKind, article: str, as_of: datetime | None, party: str = "gaz:subaru") -> Response:
    return Response(party="Subaru", party_key=party, kind=kind, quote=None,
                    evidence=Evidence(article, 0, 10), as_of=as_of)


K = ResponseKind


@pytest.mark.parametrize("items, expected", [
    ([response(K.DID_NOT_RESPOND, "A", DAY1), response(K.DENIED, "B", DAY2)], [(DisagreementKind.UPDATE, ("A", "B"))]),
    ([response(K.DECLINED_TO_COMMENT, "A", DAY1), response(K.CONFIRMED, "B", DAY2)],
     [(DisagreementKind.UPDATE, ("A", "B"))]),
    # a non-answer comes before an answer even when the articles are not dated
    ([response(K.DENIED, "B", None), response(K.DID_NOT_RESPOND, "A", None)], [(DisagreementKind.UPDATE, ("A", "B"))]),
    # the same party denied, then confirmed: a contradiction, not an update (issue 14)
    ([response(K.DENIED, "A", DAY1), response(K.CONFIRMED, "B", DAY2)],
     [(DisagreementKind.CONTRADICTION, ("A", "B"))]),
    ([response(K.CONFIRMED, "A", DAY1), response(K.DENIED, "B", DAY2)],
     [(DisagreementKind.CONTRADICTION, ("A", "B"))]),
    # silence, a denial, then a confirmation: the contradiction is between the two answers
    ([response(K.DID_NOT_RESPOND, "A", DAY1), response(K.DENIED, "B", DAY2),
      response(K.CONFIRMED, "C", DAY2 + timedelta(days=1))], [(DisagreementKind.CONTRADICTION, ("B", "C"))]),
    # an undated confirmation after a non-answer: no order between the answers, so no contradiction
    ([response(K.DID_NOT_RESPOND, "A", DAY1), response(K.DENIED, "B", DAY2), response(K.CONFIRMED, "C", None)],
     [(DisagreementKind.UPDATE, ("A", "C"))]),
    ([response(K.DENIED, "A", None), response(K.CONFIRMED, "B", None)], [(DisagreementKind.CONFLICT, None)]),
    ([response(K.DENIED, "A", DAY1), response(K.DENIED, "B", DAY2)], []),
    ([response(K.DID_NOT_RESPOND, "A", DAY1), response(K.DENIED, "A", DAY1)], []),  # one article
    ([response(K.DID_NOT_RESPOND, "A", DAY1), response(K.DENIED, "B", DAY2, party="gaz:intel")], []),
])
def test_response_updates_and_conflicts(items, expected):
    got = [(d.kind, d.article_ids if expected and expected[0][1] else None)
           for d in reconcile_responses(items, lambda r: r.as_of, outlet)]
    assert got == expected


def test_an_update_is_told_in_the_order_of_the_dates():
    items = [response(K.DENIED, "A", DAY1), response(K.DID_NOT_RESPOND, "B", DAY2)]
    d, = reconcile_responses(items, lambda r: r.as_of, outlet)
    assert d.article_ids == ("A", "B")


# --- the mini corpus end to end ---------------------------------------------------------------

@pytest.fixture(scope="module")
def subaru_story(mini_store):
    export = mini_store.export
    source = {a["id"]: a["source"] for a in export["articles"]}
    story = next(s for s in export["stories"] if any(source[a] == SUBARU_STORY[0] for a in s["article_ids"]))
    return story, source


def test_the_three_articles_make_one_story(subaru_story):
    story, source = subaru_story
    assert sorted(source[a] for a in story["article_ids"]) == sorted(SUBARU_STORY)


def test_the_story_has_the_report_and_the_update(subaru_story):
    story, source = subaru_story
    assert [(r["reported_by"], r["citing"]) for r in story["reports"]] == [
        ("Nikkei", "people familiar with the matter")]
    updates = [d for d in story["disagreements"] if d["kind"] == "update"]
    assert [[source[a] for a in d["article_ids"]] for d in updates] == [
        ["northgate-subaru-talks.txt", "coppervalley-subaru-denies.txt"]]
    responses = {(r["party"], r["response"], source[r["article_id"]]) for r in story["responses"]}
    assert ("Subaru", "did_not_respond", "northgate-subaru-talks.txt") in responses
    assert ("Subaru", "denied", "coppervalley-subaru-denies.txt") in responses
    assert ("LG Energy Solution", "declined_to_comment", "northgate-subaru-talks.txt") in responses


def test_the_story_has_the_refinement_and_the_conflict(subaru_story):
    story, source = subaru_story
    kinds = {(d["kind"], frozenset(source[a] for a in d["article_ids"])) for d in story["disagreements"]}
    assert ("refinement", frozenset({"northgate-subaru-talks.txt", "coppervalley-subaru-denies.txt"})) in kinds
    conflicts = [files for kind, files in kinds if kind == "conflict"]
    assert len(conflicts) == 1 and "pinecrest-subaru-cost.txt" in conflicts[0]


# -- intraday vs close (issue 5) ------------------------------------------------------------
@pytest.mark.parametrize("sentence, expected", [
    ("The shares rose as much as 9% intraday before paring gains.", "intraday"),
    ("At one point the stock traded at 41.20 dollars.", "intraday"),
    ("The stock closed at 39.80 dollars on Friday.", "close"),
    ("Shares ended up 4% in Tokyo.", "close"),
    ("The carmaker will close the plant, cutting 900 jobs.", None),
])
def test_moment_of_a_market_figure(sentence, expected):
    assert moment(sentence) == expected


def test_an_intraday_price_and_a_closing_price_do_not_conflict():
    texts = {"a1": "The stock rose as much as 44.10 dollars intraday.", "a2": "The stock closed at 41.90 dollars."}
    facts = [Fact(subject="Lender", subject_key="company:lender", metric="share price", period=None, value=v,
                  unit="USD", qualifier=Qualifier.EXACT, evidence=Evidence(a, 0, len(texts[a])))
             for a, v in (("a1", 44.10), ("a2", 41.90))]
    def sentence(ev: Evidence) -> str:
        return texts[ev.article_id][ev.start:ev.end]
    _, flagged = reconcile_facts(facts, lambda a: a)
    _, told_apart = reconcile_facts(facts, lambda a: a, sentence)
    assert [d.kind for d in flagged] == [DisagreementKind.CONFLICT]
    assert told_apart == []


def test_a_named_report_whose_sentence_names_no_party_still_makes_the_story_s_report(pipeline):
    from newsgraph.model import Article
    from newsgraph.pipeline import to_analysis
    from newsgraph.reconcile import build_story

    text = ("Rio Tinto confirmed on Monday that it was in talks with Codelco about a lithium project in Chile. "
            "The Valor Diario newspaper reported on Saturday that the miner could invest up to $1.5 billion, "
            "citing two sources involved in the negotiations.")
    article = Article(id="a1", source="t.txt", text=text, outlet="Copperline")
    analysis = to_analysis(pipeline.nlp(pipeline.make_doc(article)))
    story = build_story(["a1"], {"a1": article}, {"a1": analysis}, {e.key: e for e in analysis.entities})
    assert [(r.reported_by, r.citing) for r in story.reports] == [
        ("Valor Diario", "two sources involved in the negotiations")]


# -- abstention (issue 13) -----------------------------------------------------------------------
def _response(confidence: float) -> Response:
    return Response(party="Acme", party_key="company:acme", kind=ResponseKind.DENIED, quote=None,
                    evidence=Evidence("a1", 0, 10), confidence=confidence)


def test_the_story_keeps_only_confident_extractions(monkeypatch):
    from newsgraph.reconcile.abstain import MIN_CONFIDENCE, confident

    monkeypatch.delenv("NEWSGRAPH_MIN_CONFIDENCE", raising=False)
    floor = MIN_CONFIDENCE["response"]
    kept = confident([_response(floor - 0.01), _response(floor), _response(0.99)], "response")
    assert [r.confidence for r in kept] == [floor, 0.99]


@pytest.mark.parametrize("given, expected", [("0", 0.0), ("response=0.7,fact=0.2", 0.7), ("fact=0.2", None)])
def test_the_thresholds_can_be_set_for_a_run(monkeypatch, given, expected):
    from newsgraph.reconcile.abstain import MIN_CONFIDENCE, thresholds

    monkeypatch.setenv("NEWSGRAPH_MIN_CONFIDENCE", given)
    assert thresholds()["response"] == (MIN_CONFIDENCE["response"] if expected is None else expected)


def test_a_bad_threshold_is_a_clear_error(monkeypatch):
    from newsgraph.errors import NewsgraphError
    from newsgraph.reconcile.abstain import thresholds

    monkeypatch.setenv("NEWSGRAPH_MIN_CONFIDENCE", "responses=high")
    with pytest.raises(NewsgraphError, match="NEWSGRAPH_MIN_CONFIDENCE"):
        thresholds()


def test_a_bystander_counts_for_less_and_the_reporter_is_no_party():
    from newsgraph.reconcile.responses import BYSTANDER_FACTOR, weighed

    person = Response(party="Jane Roe", party_key="person:jane roe", kind=ResponseKind.DENIED, quote=None,
                      evidence=Evidence("a1", 0, 10), confidence=0.8)
    outlet = Response(party="Daily Planet", party_key="outlet:daily planet", kind=ResponseKind.DID_NOT_RESPOND,
                      quote=None, evidence=Evidence("a1", 20, 30), confidence=0.9)
    out = weighed([person, outlet, _response(0.9)], ["company:acme"], {"person:jane roe"}, {"outlet:daily planet"})
    assert [(r.party, round(r.confidence, 3)) for r in out] == [("Jane Roe", round(0.8 * BYSTANDER_FACTOR, 3)),
                                                                 ("Acme", 0.9)]


def test_the_reporter_is_no_party_even_when_the_article_typed_it_as_a_company():
    from newsgraph.nlp.attribution.publishers import outlet_key
    from newsgraph.reconcile.responses import weighed

    blog = Response(party="The Harbour Gazette", party_key="company:harbour gazette", kind=ResponseKind.DECLINED_TO_COMMENT,
                    quote=None, evidence=Evidence("a1", 0, 10), confidence=0.75)
    out = weighed([blog, _response(0.9)], ["company:acme"], set(), {outlet_key("Harbour Gazette")})
    assert [r.party for r in out] == ["Acme"]


def test_another_outlet_of_the_story_confirms_as_a_reporter_unless_the_story_is_about_it():
    from newsgraph.reconcile.responses import media_names, weighed

    channel = Response(party="Channel Nine", party_key="company:channel nine", kind=ResponseKind.CONFIRMED,
                       quote=None, evidence=Evidence("a1", 0, 10), confidence=0.95)
    media = media_names(["Channel Nine News", "The Harbour Gazette"])  # 'Channel Nine News' is also 'Channel Nine'
    assert [r.party for r in weighed([channel, _response(0.9)], ["company:acme"], set(), set(), media)] == ["Acme"]
    # among the story's leading actors, the outlet is a party: its answers count
    leading = ["company:channel nine", "company:acme"]
    assert [r.party for r in weighed([channel, _response(0.9)], leading, set(), set(), media)] == ["Channel Nine", "Acme"]


# --- a story's reports: one per outlet, the one that broke the claim ----------------------------

from newsgraph.model import Analysis, Entity, EntityType, Mention, Report  # noqa: E402
from newsgraph.nlp.attribution.publishers import outlet_key  # noqa: E402
from newsgraph.reconcile.reports import display_name, group_by_outlet, story_reports  # noqa: E402


@pytest.mark.parametrize("a, b", [
    ("Pando Daily", "PandoDaily"),
    ("The Quill Courier", "quill courier"),
    ("QuillDaily.com", "Quill Daily"),
    ("Le Périodique", "Le Periodique"),
    ("the Harbor Post's Page Nine", "Harbor Post"),
])
def test_one_outlet_whatever_its_spelling(a, b):
    assert outlet_key(a) == outlet_key(b)


def report(who: str, article: str, confidence: float = 0.85, key: str | None = None) -> Report:
    return Report(reported_by=who, reported_by_key=key, citing=None, claim="Acme will buy Beta.",
                  evidence=Evidence(article, 0, 20), confidence=confidence)


def test_spellings_of_one_outlet_make_one_group():
    reps = [report("Quill Wire News", "a1"), report("Quill Wire", "a2"), report("Post", "a3"),
            report("Harbor Post", "a3"), report("Harbor Post's", "a4")]
    groups = group_by_outlet(reps)
    assert sorted(display_name([r.reported_by for r in g]) for g in groups.values()) == [
        "Harbor Post", "Quill Wire News"]


def story_of(*reps: Report) -> list[tuple[str, float]]:
    acme = Entity(key="company:acme", name="Acme", type=EntityType.COMPANY)
    parts = [Analysis(article_id=a, mentions=(Mention(entity_key=acme.key, evidence=Evidence(a, 0, 4)),),
                      reports=tuple(r for r in reps if r.evidence.article_id == a))
             for a in sorted({r.evidence.article_id for r in reps})]
    return [(r.reported_by, r.confidence) for r in story_reports(parts, [], (acme.key,), {acme.key: acme})]


def test_an_outlet_that_only_repeats_the_scoop_is_no_source():
    # three articles point to the Ledger, one names the Wire as well
    assert story_of(report("Quill Ledger", "a1"), report("Quill Ledger", "a2"), report("Quill Ledger", "a3"),
                    report("Quill Wire", "a3")) == [("Quill Ledger", 0.95)]
    # the one that says it broke the story outranks one named as often
    assert story_of(report("Quill Ledger", "a1", 0.95), report("Quill Wire", "a2")) == [("Quill Ledger", 0.95)]
    # two outlets told as often, neither breaking it: both are sources
    assert story_of(report("Quill Ledger", "a1"), report("Quill Wire", "a2")) == [
        ("Quill Ledger", 0.85), ("Quill Wire", 0.85)]


def test_an_announcement_counts_only_where_its_sentence_tells_the_story_event():
    from newsgraph.model import Event, EventStatus, EventType
    from newsgraph.reconcile.abstain import confident
    from newsgraph.reconcile.responses import telling_the_event

    def announced(start: int) -> Response:
        return Response(party="Acme", party_key="company:acme", kind=ResponseKind.CONFIRMED, quote=None,
                        evidence=Evidence("a2", start, start + 60), confidence=0.43)

    store_opening = Event(EventType.PLANT_OPENING, EventStatus.CONFIRMED, ("company:acme",),
                          trigger=Evidence("a2", 30, 34), evidence=Evidence("a2", 0, 60))
    hiring = Event(EventType.HIRING, EventStatus.CONFIRMED, ("company:acme",),
                   trigger=Evidence("a2", 100, 106), evidence=Evidence("a2", 80, 140))
    responses = [announced(0), announced(80)]
    raised = telling_the_event(responses, [store_opening, hiring], EventType.PLANT_OPENING)
    assert [r.evidence.start for r in confident(raised, "response")] == [0]  # the store, not the hiring
    assert confident(telling_the_event(responses, [store_opening], None), "response") == []
