"""newsgraph.flow.alerts, flow.watchlist and flow.alert_delivery: the rules on hand-built stories,
the store (raised once, listed oldest first), delivery to a JSONL file and to real webhook receivers
on 127.0.0.1, the CLI, and the story of the fictional corpus and of the seeds end to end."""
from __future__ import annotations

import json
import threading
from datetime import datetime, timedelta, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from newsgraph.cli import cli
from newsgraph.flow.alert_delivery import AlertDelivery, post_webhook
from newsgraph.flow.alerts import (Alert, AlertContext, AlertKind, alert_json, alert_of, alert_row, count_alerts,
                                   list_alerts, raise_alerts, revision_alerts, story_alerts)
from newsgraph.flow.watchlist import resolve, unwatch, watch, watching
from newsgraph.model import (Analysis, Article, DisagreementKind, Entity, EntityType, Evidence, Fact, Qualifier,
                             Report, Response, ResponseKind, Story)
from newsgraph.reconcile.facts import reconcile_facts
from newsgraph.reconcile.responses import reconcile_responses
from newsgraph.store.db import Store
from ng_support import NINTENDO, SUBARU_COST, SUBARU_DENIES, SUBARU_TALKS, write_files
from web_support import free_port

K = ResponseKind
DAY1 = datetime(2031, 3, 2, 9, 0, tzinfo=timezone.utc)
NOW = datetime(2031, 3, 9, 12, 0, tzinfo=timezone.utc)

# -- hand-built records: a fictional story about Velora Motors, told by three outlets --------------

OUTLETS = {"a1": "Harbor Ledger", "a2": "Copper Valley Times", "a3": "Pinecrest Wire"}


def outlet(article_id: str) -> str:
    return OUTLETS.get(article_id, article_id)


def answer(kind: ResponseKind, article: str, day: int, party: str = "Velora Motors", start: int = 0) -> Response:
    return Response(party=party, party_key=f"company:{party.lower()}", kind=kind, quote=None,
                    evidence=Evidence(article, start, start + 20), as_of=DAY1 + timedelta(days=day))


def figure(value: float, article: str, start: int = 100) -> Fact:
    return Fact(subject="Velora Motors", subject_key="company:velora motors", metric="investment", period="2031",
                value=value, unit="USD", qualifier=Qualifier.EXACT, evidence=Evidence(article, start, start + 30))


def report(article: str, by: str = "Harbor Ledger", implicit: bool = False) -> Report:
    return Report(reported_by=by, reported_by_key=None, citing="people familiar with the matter",
                  claim="Velora Motors is in talks to buy a battery maker", evidence=Evidence(article, 40, 90),
                  implicit=implicit)


def story(articles: tuple[str, ...], responses: list[Response] = (), facts: list[Fact] = (),
          reports: list[Report] = (), story_id: str = "s-velora", entity_keys: tuple[str, ...] = ()) -> Story:
    """A story record as the rebuild makes it: disagreements from the real reconcile functions."""
    merged, fact_disagreements = reconcile_facts(list(facts), outlet)
    disagreements = reconcile_responses(list(responses), lambda r: r.as_of, outlet) + fact_disagreements
    return Story(id=story_id, title="Velora Motors in talks over a battery maker", article_ids=articles,
                 entity_keys=entity_keys, reports=tuple(reports), responses=tuple(responses), facts=tuple(merged),
                 disagreements=tuple(disagreements))


def context(watched: dict[str, str] | None = None) -> AlertContext:
    return AlertContext(outlet_of=outlet, watched=watched or {},
                        first_mention=lambda key, ids: Evidence(ids[0], 0, 13), now=NOW)


def kinds(alerts: list[Alert]) -> list[tuple[str, str | None, str | None, str | None]]:
    return [(a.kind.value, a.party or a.subject, a.before, a.after) for a in alerts]


# -- the rules --------------------------------------------------------------------------------------

def test_a_non_answer_then_a_denial_is_one_response_changed_update():
    before = story(("a1",), [answer(K.DID_NOT_RESPOND, "a1", 0)])
    after = story(("a1", "a2"), [answer(K.DID_NOT_RESPOND, "a1", 0), answer(K.DENIED, "a2", 1, start=30)])
    alert, = story_alerts([before], [after], context())
    assert (alert.kind, alert.party, alert.before, alert.after, alert.change) == (
        AlertKind.RESPONSE_CHANGED, "Velora Motors", "did_not_respond", "denied", "update")
    assert alert.evidence == Evidence("a2", 30, 50)  # the span that says the new state
    assert alert.story_id == "s-velora" and alert.created_at == NOW


@pytest.mark.parametrize("first, then", [(K.CONFIRMED, K.DENIED), (K.DENIED, K.CONFIRMED)])
def test_a_party_that_confirmed_and_denied_in_turn_is_a_contradiction(first, then):
    responses = [answer(first, "a1", 0), answer(then, "a2", 1)]
    after = story(("a1", "a2"), responses)
    assert [d.kind for d in after.disagreements] == [DisagreementKind.CONTRADICTION]
    alert, = story_alerts([story(("a1",), responses[:1])], [after], context())
    assert (alert.before, alert.after, alert.change) == (first.value, then.value, "contradiction")


def test_the_same_stories_raise_nothing():
    same = story(("a1", "a2"), [answer(K.DID_NOT_RESPOND, "a1", 0), answer(K.DENIED, "a2", 1)],
                 [figure(3.4e9, "a1"), figure(5.1e9, "a2")], [report("a1")])
    assert story_alerts([same], [same], context()) == []


def test_a_story_that_took_another_id_does_not_raise_its_changes_again():
    responses = [answer(K.DID_NOT_RESPOND, "a1", 0), answer(K.DENIED, "a2", 1)]
    before = story(("a1", "a2"), responses, story_id="s-old")
    after = story(("a1", "a2", "a3"), responses, story_id="s-new")
    assert [a for a in story_alerts([before], [after], context()) if a.kind == AlertKind.RESPONSE_CHANGED] == []


def test_a_further_answer_of_the_same_kind_is_no_new_change():
    before = story(("a1", "a2"), [answer(K.DID_NOT_RESPOND, "a1", 0), answer(K.DENIED, "a2", 1)])
    after = story(("a1", "a2", "a3"), [answer(K.DID_NOT_RESPOND, "a1", 0), answer(K.DENIED, "a2", 1),
                                       answer(K.DENIED, "a3", 2)])
    assert story_alerts([before], [after], context()) == []


def test_a_new_value_that_cannot_be_true_with_the_stored_one_is_a_new_conflict():
    before = story(("a1",), facts=[figure(3.4e9, "a1")])
    after = story(("a1", "a3"), facts=[figure(3.4e9, "a1"), figure(5.1e9, "a3")])
    alert, = story_alerts([before], [after], context())
    assert alert.kind == AlertKind.NEW_CONFLICT
    assert alert.subject == "Velora Motors investment 2031"
    assert (alert.before, alert.after) == ("3,400,000,000 USD (Harbor Ledger)", "5,100,000,000 USD (Pinecrest Wire)")
    assert alert.evidence == Evidence("a3", 100, 130)


def test_answers_with_no_order_between_them_are_a_new_conflict():
    undated = [Response(**{**answer(K.CONFIRMED, "a1", 0).__dict__, "as_of": None}),
               Response(**{**answer(K.DENIED, "a2", 0).__dict__, "as_of": None})]
    after = story(("a1", "a2"), undated)
    alert, = story_alerts([story(("a1",), undated[:1])], [after], context())
    assert (alert.kind, alert.party, alert.before, alert.after) == (
        AlertKind.NEW_CONFLICT, "Velora Motors", "confirmed", "denied")


def test_a_new_outlet_carrying_the_claim_is_a_new_report():
    before = story(("a1",), reports=[report("a1", implicit=True)])
    after = story(("a1", "a2"), reports=[report("a1", implicit=True), report("a2")])
    alert, = story_alerts([before], [after], context())
    assert (alert.kind, alert.party, alert.after) == (AlertKind.NEW_REPORT, "Harbor Ledger", "Copper Valley Times")
    assert alert.about.startswith("Copper Valley Times re-reports Harbor Ledger's claim")
    # the reports of a story that is new are told by new_story (for watched companies), not one by one
    assert story_alerts([], [after], context()) == []


def test_a_new_story_raises_an_alert_for_each_watched_company_it_names():
    new = story(("a1",), entity_keys=("company:velora motors", "company:norbeck cells"))
    alert, = story_alerts([], [new], context({"company:norbeck cells": "Norbeck Cells"}))
    assert (alert.kind, alert.subject, alert.subject_key, alert.before, alert.after) == (
        AlertKind.NEW_STORY, "Norbeck Cells", "company:norbeck cells", None, new.title)
    assert alert.evidence == Evidence("a1", 0, 13)
    assert story_alerts([], [new], context()) == []  # nobody watches it
    grown = story(("a1", "a2"), entity_keys=new.entity_keys)  # a stored story that grows is not new
    assert story_alerts([new], [grown], context({"company:norbeck cells": "Norbeck Cells"})) == []


def test_ids_are_content_hashes_of_kind_story_party_before_and_after():
    a = Alert(kind=AlertKind.RESPONSE_CHANGED, story_id="s1", about="x", party="P", party_key="k",
              before="did_not_respond", after="denied")
    assert a.id == Alert(**{**a.__dict__, "about": "other words", "created_at": NOW}).id
    for change in ({"before": "declined_to_comment"}, {"after": "confirmed"}, {"story_id": "s2"},
                   {"party_key": "k2"}, {"kind": AlertKind.NEW_CONFLICT}):
        assert Alert(**{**a.__dict__, **change}).id != a.id, change


def test_an_alert_row_reads_back_as_the_alert():
    alert = Alert(kind=AlertKind.NEW_CONFLICT, story_id="s1", about="x", subject="S m", subject_key="k",
                  before="1", after="2", evidence=Evidence("a1", 3, 9), created_at=NOW)
    assert alert_of(alert_row(alert)) == alert


# -- revisions --------------------------------------------------------------------------------------

def version(*items) -> Analysis:
    return Analysis(article_id="a1", responses=tuple(i for i in items if isinstance(i, Response)),
                    facts=tuple(i for i in items if isinstance(i, Fact)))


@pytest.mark.parametrize("old, new, expected", [
    (version(), version(answer(K.DENIED, "a1", 0)), [("Velora Motors", None, "denied", "added")]),
    (version(answer(K.DID_NOT_RESPOND, "a1", 0)), version(), [("Velora Motors", "did_not_respond", None, "removed")]),
    (version(answer(K.DID_NOT_RESPOND, "a1", 0)), version(answer(K.CONFIRMED, "a1", 0, start=70)),
     [("Velora Motors", "did_not_respond", "confirmed", "changed")]),
    (version(figure(3.4e9, "a1")), version(figure(3.9e9, "a1")),
     [("Velora Motors investment 2031", "3,400,000,000 USD", "3,900,000,000 USD", "changed")]),
    (version(figure(3.4e9, "a1")), version(), [("Velora Motors investment 2031", "3,400,000,000 USD", None, "removed")]),
    # the same responses and figures at other offsets (a sentence added above them): nothing changed
    (version(answer(K.DENIED, "a1", 0), figure(3.4e9, "a1")),
     version(answer(K.DENIED, "a1", 0, start=200), figure(3.4e9, "a1", start=300)), []),
])
def test_revision_alerts(old, new, expected):
    got = revision_alerts("s1", "a1", old, new, now=NOW)
    assert [(a.party or a.subject, a.before, a.after, a.change) for a in got] == expected
    assert all(a.kind == AlertKind.REVISION and a.story_id == "s1" for a in got)


def test_a_revision_alert_points_at_the_new_version_or_at_the_removed_words():
    added, = revision_alerts("s1", "a1", version(), version(answer(K.DENIED, "a1", 0, start=70)), now=NOW)
    assert added.evidence == Evidence("a1", 70, 90)
    removed, = revision_alerts("s1", "a1", version(answer(K.DENIED, "a1", 0, start=5)), version(), now=NOW)
    assert removed.evidence == Evidence("a1", 5, 25)


# -- the store: raised once, listed oldest first -------------------------------------------------------

TEXT = ("Velora Motors did not respond to a request for comment on the talks with Norbeck Cells. " * 4).strip()


def store_with(tmp_path, *ids: str) -> Store:
    store = Store(str(tmp_path / "alerts.db"))
    for aid in ids:
        store.add(Article(id=aid, source=f"{aid}.txt", text=TEXT, outlet=OUTLETS[aid]), Analysis(article_id=aid))
    return store


def test_raise_alerts_compares_with_the_stored_stories_and_stores_each_alert_once(tmp_path):
    store = store_with(tmp_path, "a1", "a2")
    store.replace_stories([story(("a1",), [answer(K.DID_NOT_RESPOND, "a1", 0)])])
    after = story(("a1", "a2"), [answer(K.DID_NOT_RESPOND, "a1", 0), answer(K.DENIED, "a2", 1, start=30)])
    raised = raise_alerts(store, [after])
    assert kinds(raised) == [("response_changed", "Velora Motors", "did_not_respond", "denied")]
    assert raise_alerts(store, [after]) == []  # the stories are still those stored: the same alert is not raised
    store.replace_stories([after])
    assert raise_alerts(store, [after]) == []
    stored, = list_alerts(store)
    assert stored.id == raised[0].id and stored.evidence == Evidence("a2", 30, 50)


def test_alerts_list_oldest_first_and_since_a_time(tmp_path):
    store = store_with(tmp_path, "a1")
    times = [NOW - timedelta(hours=2), NOW, NOW - timedelta(hours=1)]
    rows = [alert_row(Alert(kind=AlertKind.NEW_STORY, story_id=f"s{n}", about="x", subject="S", after=f"t{n}",
                            created_at=t)) for n, t in enumerate(times)]
    store.add_alerts(rows)
    assert [a.story_id for a in list_alerts(store)] == ["s0", "s1", "s2"]  # in the order raised
    assert [a.story_id for a in list_alerts(store, since=NOW - timedelta(minutes=90))] == ["s1", "s2"]
    naive = (NOW - timedelta(minutes=90)).replace(tzinfo=None)  # read as UTC
    assert [a.story_id for a in list_alerts(store, since=naive)] == ["s1", "s2"]
    assert [a.story_id for a in list_alerts(store, limit=2)] == ["s0", "s1"]
    assert [a.story_id for a in list_alerts(store, limit=2, newest=True)] == ["s1", "s2"]
    assert count_alerts(store) == 3 and count_alerts(store, since=NOW) == 1


def test_alert_json_has_the_fields_the_issue_asks_for(tmp_path):
    alert = Alert(kind=AlertKind.RESPONSE_CHANGED, story_id="s1", about="x", party="Velora Motors",
                  party_key="company:velora motors", before="did_not_respond", after="denied", change="update",
                  evidence=Evidence("a1", 0, 13), created_at=NOW)
    record = alert_json(alert, {"a1": TEXT})
    assert {"kind", "story_id", "party", "subject", "before", "after", "article_id", "evidence",
            "created_at"} <= set(record)
    assert record["evidence"] == {"article_id": "a1", "start": 0, "end": 13, "text": "Velora Motors"}
    assert record["created_at"] == "2031-03-09T12:00:00+00:00" and record["article_id"] == "a1"
    assert record["party_id"] == Entity(key="company:velora motors", name="", type=EntityType.COMPANY).id


# -- the watchlist -----------------------------------------------------------------------------------

ENTITIES = {e.key: e for e in (
    Entity(key="gaz:1810", name="Xiaomi Corporation", type=EntityType.COMPANY, tickers=("HKEX:1810",),
           aliases=("Xiaomi",)),
    Entity(key="gaz:f", name="Ford Motor Company", type=EntityType.COMPANY, tickers=("NYSE:F",), aliases=("Ford",)),
    Entity(key="gaz:fordf", name="Fordham Foods", type=EntityType.COMPANY),
    Entity(key="person:jim farley", name="Jim Farley", type=EntityType.PERSON),
)}


@pytest.mark.parametrize("term, expected", [
    ("xiaomi", ["Xiaomi Corporation"]), ("  XIAOMI  ", ["Xiaomi Corporation"]), ("HKEX:1810", ["Xiaomi Corporation"]),
    ("1810", ["Xiaomi Corporation"]), ("F", ["Ford Motor Company"]), ("ford", ["Ford Motor Company"]),
    ("fordham", ["Fordham Foods"]),  # one company whose name holds it
    ("Motor", ["Ford Motor Company"]),
    ("o", []),  # in several names: names none
    ("Jim Farley", []),  # people are not watched companies
    ("Norbeck", []),
])
def test_a_watched_term_names_companies_as_entity_facts_does(term, expected):
    assert [e.name for e in resolve(term, ENTITIES)] == expected


def test_watchlist_add_remove_list(tmp_path):
    store = Store(str(tmp_path / "w.db"))
    assert watch(store, "Xiaomi") == (True, [])  # nothing in the store yet names it
    assert watch(store, "xiaomi")[0] is False
    watch(store, "NYSE:F")
    assert watching(store) == [("nyse:f", []), ("xiaomi", [])]
    assert unwatch(store, "XIAOMI") is True and unwatch(store, "xiaomi") is False
    assert store.watchlist() == ["nyse:f"]


# -- delivery: a JSONL file and real webhook receivers on 127.0.0.1 ---------------------------------------

class Receiver:
    """An HTTP server on a free loopback port that answers each POST with ``status`` and keeps the bodies."""

    def __init__(self, status: int = 204):
        self.bodies: list[dict] = []
        self.hits = 0
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 - the http.server name
                receiver.hits += 1
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length)
                if status < 300:
                    receiver.bodies.append(json.loads(body))
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *_args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *_exc):
        self.server.shutdown()
        self.server.server_close()


def raised_store(tmp_path) -> Store:
    """A store holding two raised alerts."""
    store = store_with(tmp_path, "a1", "a2", "a3")
    store.replace_stories([story(("a1",), [answer(K.DID_NOT_RESPOND, "a1", 0)], [figure(3.4e9, "a1")])])
    return store


def raise_two(store: Store) -> list[Alert]:
    after = story(("a1", "a2", "a3"), [answer(K.DID_NOT_RESPOND, "a1", 0), answer(K.DENIED, "a2", 1, start=30)],
                  [figure(3.4e9, "a1"), figure(5.1e9, "a3")])
    raised = raise_alerts(store, [after])
    assert len(raised) == 2
    return raised


def test_delivery_appends_jsonl_and_posts_each_alert_raised_since_it_began(tmp_path):
    store = raised_store(tmp_path)
    store.add_alerts([alert_row(Alert(kind=AlertKind.NEW_STORY, story_id="s0", about="before the run",
                                      subject="S", created_at=NOW))])
    out = tmp_path / "alerts.jsonl"
    out.write_text('{"kept": true}\n', encoding="utf-8")
    with Receiver() as hook:
        delivery = AlertDelivery(store, str(out), hook.url)
        raised = raise_two(store)
        report = delivery.flush()
        assert (report.sent, report.failed) == (2, [])
        assert delivery.flush().sent == 0  # each alert once
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert lines[0] == {"kept": True}  # appended, never overwritten
    assert [r["id"] for r in lines[1:]] == [a.id for a in raised]
    assert hook.bodies == lines[1:]
    assert {r["kind"] for r in hook.bodies} == {"response_changed", "new_conflict"}
    for r in hook.bodies:
        assert r["evidence"]["text"] == TEXT[r["evidence"]["start"]:r["evidence"]["end"]]
    assert store.alert_failures() == []


def test_a_webhook_that_fails_is_retried_then_recorded_and_the_rest_get_one_try(tmp_path):
    store = raised_store(tmp_path)
    with Receiver(status=500) as hook:
        delivery = AlertDelivery(store, None, hook.url, attempts=3, backoff=0.01)
        raised = raise_two(store)
        report = delivery.flush()
    assert hook.hits == 3 + 1  # every try for the first alert; the webhook is down: one for the next
    assert report.sent == 0 and len(report.failed) == 2
    failures = store.alert_failures()
    assert [(f["alert_id"], f["attempts"], f["error"]) for f in failures] == [
        (raised[0].id, 3, "HTTP 500 Internal Server Error"), (raised[1].id, 1, "HTTP 500 Internal Server Error")]
    assert all(f["target"] == hook.url for f in failures)


def test_a_webhook_that_refuses_a_record_is_not_asked_again(tmp_path):
    with Receiver(status=400) as hook:
        failed = post_webhook(hook.url, [{"id": "x1"}], attempts=3, backoff=0.01)
    assert failed == [("x1", "HTTP 400 Bad Request", 1)] and hook.hits == 1


def test_an_unreachable_webhook_is_recorded_and_the_run_goes_on(tmp_path):
    store = raised_store(tmp_path)
    url = f"http://127.0.0.1:{free_port()}/hook"  # nothing listens there
    delivery = AlertDelivery(store, None, url, attempts=2, backoff=0.01)
    raise_two(store)
    report = delivery.flush()
    assert len(report.failed) == 2
    assert all(f["error"].startswith("ConnectError") for f in store.alert_failures())
    assert len(list_alerts(store)) == 2  # the alerts stay stored


def test_an_unwritable_jsonl_file_is_recorded(tmp_path):
    store = raised_store(tmp_path)
    delivery = AlertDelivery(store, str(tmp_path / "no-such-folder" / "a.jsonl"))
    raise_two(store)
    assert len(delivery.flush().failed) == 2
    assert {f["error"].split(":")[0] for f in store.alert_failures()} == {"FileNotFoundError"}


# -- the CLI -----------------------------------------------------------------------------------------

def run(*args: str):
    return CliRunner().invoke(cli, list(args))


def test_alerts_command_text_and_jsonl(tmp_path):
    store = raised_store(tmp_path)
    raised = raise_two(store)
    db = str(tmp_path / "alerts.db")
    lines = run("alerts", "--db", db, "--format", "jsonl")
    assert lines.exit_code == 0
    assert [json.loads(x)["id"] for x in lines.stdout.splitlines()] == [a.id for a in raised]
    text = run("alerts", "--db", db)
    assert "response_changed" in text.stdout and "Velora Motors: did_not_respond -> denied (update)" in text.stdout
    later = run("alerts", "--db", db, "--since", "2999-01-01", "--format", "jsonl")
    assert later.exit_code == 0 and later.stdout == ""
    bad = run("alerts", "--db", db, "--since", "last tuesday")
    assert bad.exit_code == 2 and "ISO 8601" in bad.output


def test_watchlist_commands(tmp_path):
    db = str(tmp_path / "w.db")
    assert "watching 'Xiaomi'" in run("watchlist", "add", "Xiaomi", "--db", db).stdout
    assert "already watching" in run("watchlist", "add", "XIAOMI", "--db", db).stdout
    assert run("watchlist", "list", "--db", db).stdout == "xiaomi\t(not in this store yet)\n"
    assert run("watchlist", "remove", "xiaomi", "--db", db).exit_code == 0
    missing = run("watchlist", "remove", "xiaomi", "--db", db)
    assert missing.exit_code == 1 and "not watched" in missing.output
    assert run("watchlist", "add", "   ", "--db", db).exit_code != 0


def test_analyze_refuses_a_webhook_that_is_no_url(tmp_path):
    result = run("analyze", str(tmp_path), "--db", str(tmp_path / "x.db"), "--webhook", "ftp://example.org/x")
    assert result.exit_code == 2 and "no http(s) URL" in result.output


# -- the fictional corpus end to end (spaCy) ------------------------------------------------------------

def alerts_of(db) -> list[dict]:
    result = run("alerts", "--db", str(db), "--format", "jsonl")
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines()]


@pytest.mark.slow
def test_the_subaru_story_told_over_three_runs(tmp_path, analyze_with):
    db = tmp_path / "news.db"
    runs = [{"northgate-subaru-talks.txt": SUBARU_TALKS}, {"coppervalley-subaru-denies.txt": SUBARU_DENIES},
            {"pinecrest-subaru-cost.txt": SUBARU_COST}]
    folders = [write_files(tmp_path / f"run{n}", files) for n, files in enumerate(runs)]
    analyze_with([folders[0]], db)
    assert alerts_of(db) == []
    analyze_with([folders[1]], db)
    changed = [a for a in alerts_of(db) if a["kind"] == "response_changed"]
    assert [(a["party"], a["before"], a["after"], a["change"]) for a in changed] == [
        ("Subaru", "did_not_respond", "denied", "update")]
    assert "not in talks" in changed[0]["evidence"]["text"]
    analyze_with([folders[2]], db)
    conflict, = [a for a in alerts_of(db) if a["kind"] == "new_conflict"]
    assert "5.1" in conflict["after"].replace(",", "") or "5,100,000,000" in conflict["after"]
    assert "Pinecrest" in conflict["after"]
    seen = alerts_of(db)
    for folder in folders:  # the same input again: nothing new
        analyze_with([folder], db)
    assert alerts_of(db) == seen


@pytest.mark.slow
def test_a_new_story_about_a_watched_company(tmp_path, analyze_with):
    db = tmp_path / "news.db"
    assert run("watchlist", "add", "Nintendo", "--db", str(db)).exit_code == 0
    analyze_with([write_files(tmp_path / "talks", {"northgate-subaru-talks.txt": SUBARU_TALKS})], db)
    assert [a for a in alerts_of(db) if a["kind"] == "new_story"] == []  # nobody watches Subaru
    analyze_with([write_files(tmp_path / "n", {"harbor-nintendo-results.txt": NINTENDO})], db)
    alert, = [a for a in alerts_of(db) if a["kind"] == "new_story"]
    assert alert["subject"].startswith("Nintendo") and alert["evidence"]["text"].startswith("Nintendo")


@pytest.mark.slow
def test_analyze_delivers_the_run_s_alerts(tmp_path, pipeline, monkeypatch):
    monkeypatch.setattr("newsgraph.pipeline.Pipeline", lambda *a, **k: pipeline)
    db, out = str(tmp_path / "news.db"), tmp_path / "alerts.jsonl"
    first = write_files(tmp_path / "one", {"northgate-subaru-talks.txt": SUBARU_TALKS})
    second = write_files(tmp_path / "two", {"coppervalley-subaru-denies.txt": SUBARU_DENIES})
    assert run("analyze", str(first), "--db", db).exit_code == 0
    with Receiver() as hook:
        result = run("analyze", str(second), "--db", db, "--alerts-jsonl", str(out), "--webhook", hook.url)
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert lines and hook.bodies == lines
    assert [a["id"] for a in alerts_of(db)] == [r["id"] for r in lines]
    assert "alert(s) sent" in result.stderr
    unreachable = f"http://127.0.0.1:{free_port()}/hook"
    again = run("analyze", str(first), str(second), "--db", db, "--webhook", unreachable)
    assert again.exit_code == 0 and "sent" not in again.stderr  # nothing new: nothing to send


# -- the seeds (issue 14, Done when) ------------------------------------------------------------------------

@pytest.mark.slow
def test_the_seeds_raise_one_response_changed_for_xiaomi_once(tmp_path, shared, analyze_with):
    db = tmp_path / "seeds.db"
    first, second = shared / "seeds" / "000_2ff33f5abe8e238f.txt", shared / "seeds" / "004_f7399486eac14734.txt"
    analyze_with([first], db)
    analyze_with([second], db)
    alerts = alerts_of(db)
    xiaomi = [a for a in alerts if a["kind"] == "response_changed" and a["party"] == "Xiaomi"]
    assert [(a["before"], a["after"], a["change"]) for a in xiaomi] == [("did_not_respond", "denied", "update")]
    assert "Xiaomi" in xiaomi[0]["evidence"]["text"]
    analyze_with([first], db)
    analyze_with([second], db)
    assert alerts_of(db) == alerts


@pytest.mark.slow
def test_the_export_carries_the_alerts_and_still_validates(mini_store, export_schema):
    export = mini_store.export
    assert Draft202012Validator(export_schema).is_valid(export)
    texts = {a["id"]: a["text"] for a in export["articles"]}
    assert export["alerts"], "the mini corpus, analysed in one run, raises its story's changes"
    for alert in export["alerts"]:
        ev = alert["evidence"]
        assert ev is None or texts[ev["article_id"]][ev["start"]:ev["end"]] == ev["text"]
    for s in export["stories"]:
        for d in s["disagreements"]:
            assert d["kind_detail"] == d["kind"] or (d["kind_detail"], d["kind"]) == ("contradiction", "update")


def test_a_contradiction_exports_as_an_update_with_its_detail(tmp_path, export_schema):
    from newsgraph.exports.document import export_store

    store = store_with(tmp_path, "a1", "a2")
    store.replace_stories([story(("a1", "a2"), [answer(K.CONFIRMED, "a1", 0), answer(K.DENIED, "a2", 1)])])
    export = export_store(store)
    d, = export["stories"][0]["disagreements"]
    assert (d["kind"], d["kind_detail"]) == ("update", "contradiction")
    assert Draft202012Validator(export_schema).is_valid(export)


def test_a_long_running_command_sends_each_pass_s_alerts_with_flush_alerts(tmp_path):
    """What `watch` does with `alert_options`: flush after each pass, and once more at the end."""
    import click

    from newsgraph.cli import DB_OPTION, alert_options, flush_alerts

    store = raised_store(tmp_path)
    out = tmp_path / "alerts.jsonl"
    seen_after_first_pass: list[int] = []

    @click.command()
    @DB_OPTION
    @alert_options
    def passes(db: str | None) -> None:
        raise_two(store)
        flush_alerts()
        seen_after_first_pass.append(len(out.read_text(encoding="utf-8").splitlines()))
        store.add_alerts([alert_row(Alert(kind=AlertKind.NEW_STORY, story_id="s9", about="second pass",
                                          subject="S", created_at=NOW))])

    result = CliRunner().invoke(passes, ["--db", str(tmp_path / "alerts.db"), "--alerts-jsonl", str(out)])
    assert result.exit_code == 0, result.output
    assert seen_after_first_pass == [2]
    assert [json.loads(line)["about"] for line in out.read_text(encoding="utf-8").splitlines()][-1] == "second pass"
    assert "2 alert(s) sent" in result.stderr and "1 alert(s) sent" in result.stderr


def test_a_conflict_sets_against_each_other_only_the_figures_it_states():
    """One sentence can hold several figures ('$4.2 billion for about 10%'): only the conflicting ones count."""
    stake = Fact(subject="Velora Motors", subject_key="company:velora motors", metric="stake", period="2031",
                 value=10, unit="percent", qualifier=Qualifier.ABOUT, evidence=Evidence("a1", 100, 130))
    before = story(("a1",), facts=[figure(3.4e9, "a1"), stake])
    after = story(("a1", "a3"), facts=[figure(3.4e9, "a1"), stake, figure(5.1e9, "a3")])
    alert, = story_alerts([before], [after], context())
    assert (alert.before, alert.after) == ("3,400,000,000 USD (Harbor Ledger)", "5,100,000,000 USD (Pinecrest Wire)")


# -- invariants -----------------------------------------------------------------------------------------

ANSWER = st.builds(lambda kind, n, party: answer(kind, f"a{n}", n, party=party, start=10 * n),
                   st.sampled_from(list(ResponseKind)), st.integers(1, 4), st.sampled_from(["Velora", "Norbeck"]))


@given(st.lists(ANSWER, max_size=8, unique_by=lambda r: (r.party, r.evidence.article_id)), st.integers(0, 4))
def test_any_change_is_told_once_and_points_at_the_story_s_own_words(responses, cut):
    articles = tuple(sorted({r.evidence.article_id for r in responses})) or ("a1",)
    earlier = [r for r in responses if int(r.evidence.article_id[1:]) <= cut]
    before = story(tuple(a for a in articles if int(a[1:]) <= cut) or ("a1",), earlier)
    after = story(articles, responses)
    raised = story_alerts([before], [after], context())
    spans = {r.evidence for r in after.responses}
    assert all(a.evidence in spans and a.story_id == after.id for a in raised)
    assert len({a.id for a in raised}) == len(raised)  # no alert twice in one go
    assert story_alerts([after], [after], context()) == []  # nothing changed: nothing told
