"""newsgraph.web.routers.alerts: /api/alerts, the /alerts page and the Atom feed at /alerts.atom,
read by feedparser (from the app, and from a live server as a feed reader would)."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import feedparser
import pytest
from fastapi.testclient import TestClient

from newsgraph.flow.alerts import Alert, AlertKind, alert_row
from newsgraph.model import Analysis, Article, Evidence
from newsgraph.store.db import Store
from newsgraph.web import create_app
from web_support import live_server

NOW = datetime(2031, 3, 9, 12, 0, tzinfo=timezone.utc)
TEXT = ("Velora Motors denied on Monday that it was in talks with Norbeck Cells, a <b>battery</b> maker, "
        "a week after it had declined to comment on the report.")
NORBECK = Evidence("a1", TEXT.index("Norbeck Cells"), TEXT.index("Norbeck Cells") + len("Norbeck Cells"))
HOSTILE = "Velora <script>window.pwned=1</script> & Co"


@pytest.fixture()
def store(tmp_path) -> Store:
    store = Store(str(tmp_path / "web-alerts.db"))
    store.add(Article(id="a1", source="a1.txt", text=TEXT, outlet="Harbor Ledger"), Analysis(article_id="a1"))
    store.add_alerts([alert_row(a) for a in (
        Alert(kind=AlertKind.RESPONSE_CHANGED, story_id="s-velora", about=f"{HOSTILE}'s response: declined to "
              "comment (Harbor Ledger), later denied (Harbor Ledger)", party=HOSTILE, party_key="company:velora",
              before="declined_to_comment", after="denied", change="update", evidence=Evidence("a1", 0, 60),
              created_at=NOW - timedelta(hours=1)),
        Alert(kind=AlertKind.NEW_STORY, story_id="s-norbeck", about="new story about Norbeck Cells: talks",
              subject="Norbeck Cells", subject_key="company:norbeck", after="talks",
              evidence=NORBECK, created_at=NOW),
    )])
    return store


@pytest.fixture()
def client(store) -> TestClient:
    return TestClient(create_app(str(store.engine.url.database)))


def test_api_alerts_oldest_first_with_the_evidence(client):
    body = client.get("/api/alerts").json()
    assert body["count"] == 2
    first, second = body["alerts"]
    assert (first["kind"], second["kind"]) == ("response_changed", "new_story")
    assert (first["before"], first["after"], first["change"]) == ("declined_to_comment", "denied", "update")
    assert first["evidence"] == {"article_id": "a1", "start": 0, "end": 60, "text": TEXT[:60]}
    assert second["subject"] == "Norbeck Cells" and second["evidence"]["text"] == "Norbeck Cells"


@pytest.mark.parametrize("query, expected", [
    ("since=2031-03-09T11:30:00Z", ["new_story"]),
    ("since=2031-03-09T11:30:00", ["new_story"]),  # no zone: UTC
    ("since=2031-03-09T13:30:00%2B02:00", ["new_story"]),
    ("since=2031-03-09", ["response_changed", "new_story"]),
    ("since=2031-03-10", []),
    ("limit=1", ["response_changed"]),
])
def test_api_alerts_since_and_limit(client, query, expected):
    assert [a["kind"] for a in client.get(f"/api/alerts?{query}").json()["alerts"]] == expected


def test_count_is_every_matching_alert_and_the_page_shows_the_newest(client):
    assert client.get("/api/alerts?limit=1").json()["count"] == 2
    assert client.get("/api/alerts?limit=1&since=2031-03-09T11:30:00Z").json()["count"] == 1
    page = client.get("/alerts?limit=1").text
    assert "Norbeck Cells" in page and "declined to comment" not in page


@pytest.mark.parametrize("query, status, code", [
    ("since=yesterday", 422, "invalid_request"), ("since=2031-13-01", 422, "invalid_request"),
    ("limit=0", 400, "bad_parameter"), ("limit=100000", 400, "bad_parameter"),  # paging, as every list
])
def test_api_alerts_bad_input_is_an_error_in_the_one_error_shape(client, query, status, code):
    response = client.get(f"/api/alerts?{query}")
    assert response.status_code == status
    assert response.json()["error"]["code"] == code


def test_the_alerts_page_lists_them_newest_first_escaped_and_links_the_feed(client):
    page = client.get("/alerts")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    html = page.text
    assert '<link rel="alternate" type="application/atom+xml"' in html and 'href="/alerts.atom"' in html
    assert html.index("Norbeck Cells") < html.index("declined to comment → denied")
    assert "<script>window.pwned" not in html and "&lt;script&gt;window.pwned=1&lt;/script&gt;" in html
    assert 'href="/stories/s-velora"' in html and 'href="/articles/a1"' in html


def test_an_empty_store_has_an_empty_page_and_a_valid_feed(tmp_path):
    client = TestClient(create_app(str(tmp_path / "empty.db")))
    assert "No alert yet" in client.get("/alerts").text
    feed = feedparser.parse(client.get("/alerts.atom").content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10" and feed.entries == []
    assert client.get("/api/alerts").json() == {"count": 0, "limit": 200, "alerts": []}


def test_the_atom_feed_parses_with_one_entry_per_alert(client):
    response = client.get("/alerts.atom")
    assert response.headers["content-type"].startswith("application/atom+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    assert feed.feed.title == "newsgraph alerts"
    assert [e.id for e in feed.entries] == [f"urn:newsgraph:alert:{a['id']}"
                                            for a in reversed(client.get("/api/alerts").json()["alerts"])]
    changed = feed.entries[1]
    assert changed.title == f"response changed: {HOSTILE}: declined to comment → denied"  # markup kept as text
    assert changed.link == "http://testserver/stories/s-velora"
    assert changed.updated_parsed[:5] == (2031, 3, 9, 11, 0)
    assert TEXT[:60] in changed.content[0].value
    assert [t.term for t in changed.tags] == ["response_changed"]


def test_a_feed_reader_subscribes_to_the_live_feed(store):
    """feedparser fetches the feed over HTTP from a real server, as a feed reader does."""
    with live_server(create_app(str(store.engine.url.database))) as base:
        feed = feedparser.parse(f"{base}/alerts.atom")
    assert feed.status == 200 and not feed.bozo, feed.get("bozo_exception")
    assert len(feed.entries) == 2
    assert feed.feed.links[0].href == f"{base}/alerts.atom"
    assert feed.entries[0].link == f"{base}/stories/s-norbeck"


def test_a_story_with_a_contradiction_shows_it(tmp_path):
    """The story page and `newsgraph show` name the new disagreement kind."""
    from click.testing import CliRunner

    from newsgraph.cli import cli
    from newsgraph.model import DisagreementKind, Response, ResponseKind, Story
    from newsgraph.reconcile.responses import reconcile_responses

    store = Store(str(tmp_path / "contradiction.db"))
    for aid, day in (("a1", 2), ("a2", 5)):
        store.add(Article(id=aid, source=f"{aid}.txt", text=TEXT, outlet=f"Outlet {aid}",
                          published_at=datetime(2031, 3, day, tzinfo=timezone.utc)), Analysis(article_id=aid))
    responses = [Response(party="Velora Motors", party_key="company:velora", kind=kind, quote=None,
                          evidence=Evidence(aid, 0, 60), as_of=datetime(2031, 3, day, tzinfo=timezone.utc))
                 for aid, kind, day in (("a1", ResponseKind.CONFIRMED, 2), ("a2", ResponseKind.DENIED, 5))]
    disagreements = reconcile_responses(responses, lambda r: r.as_of, lambda a: f"Outlet {a}")
    assert [d.kind for d in disagreements] == [DisagreementKind.CONTRADICTION]
    store.replace_stories([Story(id="s-velora", title="Velora Motors talks", article_ids=("a1", "a2"),
                                 responses=tuple(responses), disagreements=tuple(disagreements))])
    page = TestClient(create_app(str(tmp_path / "contradiction.db"))).get("/stories/s-velora")
    assert page.status_code == 200
    assert 'class="badge m-contradiction"' in page.text and "later denied (Outlet a2)" in page.text
    shown = CliRunner().invoke(cli, ["show", "s-velora", "--db", str(tmp_path / "contradiction.db")])
    assert "contradiction: Velora Motors's response: confirmed (Outlet a1), later denied (Outlet a2)" in shown.stdout
