"""newsgraph.web: every API route and page, bad input in the one error shape, hostile text escaped."""
from __future__ import annotations

import gzip
import json
import re
from datetime import datetime

import pytest
from fastapi.testclient import TestClient

from newsgraph.model import time_key
from newsgraph.settings import Settings
from newsgraph.web import create_app
from web_support import HOSTILE_OUTLET, HOSTILE_TEXT, HOSTILE_TITLE

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def client(demo_on, pipeline) -> TestClient:
    """The app over the demo store, on SQLite and on PostgreSQL in turn (conftest: ``demo_on``)."""
    return TestClient(create_app(str(demo_on.db), pipeline=pipeline))


@pytest.fixture(scope="module")
def stories(client) -> list[dict]:
    return client.get("/api/stories").json()["stories"]


@pytest.fixture(scope="module")
def story(client, stories) -> dict:
    """The demo story with the most responses."""
    best = max(stories, key=lambda s: (sum(s["responses"].values()), s["id"]))
    return client.get(f"/api/stories/{best['id']}").json()


@pytest.fixture()
def writable(store_db, pipeline) -> TestClient:
    """An app over an empty store of its own (SQLite, then PostgreSQL), with a 20 kB upload limit."""
    settings = Settings(db=store_db, max_bytes=20_000, progress=False)
    return TestClient(create_app(settings=settings, pipeline=pipeline), raise_server_exceptions=False)


def assert_error(response, status: int, code: str | None = None) -> dict:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"}
    err = body["error"]
    assert err["status"] == status and err["message"] and isinstance(err["code"], str)
    assert "Traceback" not in response.text and 'File "' not in response.text
    if code:
        assert err["code"] == code, err
    return err


# -- stories ---------------------------------------------------------------------------------
def test_stories_come_newest_first_with_their_summary_fields(client, stories, demo_on):
    assert len(stories) == len(demo_on.export["stories"])
    keys = [time_key(datetime.fromisoformat(s["last_published"])) for s in stories if s["last_published"]]
    assert keys == sorted(keys, reverse=True)
    for s in stories:
        assert s["article_count"] >= 1 and s["outlets"] and s["title"]


def test_story_json_is_the_export_record_plus_its_articles(client, story, demo_on):
    exported = next(s for s in demo_on.export["stories"] if s["id"] == story["id"])
    for key in ("title", "article_ids", "reports", "responses", "facts", "disagreements", "events"):
        assert story[key] == exported[key], key
    assert [a["id"] for a in story["articles"]] == story["article_ids"]
    texts = {a["id"]: a["text"] for a in story["articles"]}
    for r in story["responses"]:
        ev = r["evidence"]
        assert texts[ev["article_id"]][ev["start"]:ev["end"]] == ev["text"]


def test_a_unique_id_prefix_finds_the_story(client, story):
    assert client.get(f"/api/stories/{story['id'][:8]}").json()["id"] == story["id"]


def first_company(story: dict, client) -> dict:
    entities = {e["id"]: e for e in client.get("/api/entities?type=company").json()["entities"]}
    return next(entities[i] for i in story["entity_ids"] if i in entities)


@pytest.mark.parametrize("how", ["id", "name", "ticker"])
def test_the_company_filter_takes_an_id_a_name_or_a_ticker(client, story, how):
    company = first_company(story, client)
    if how == "ticker" and not company["tickers"]:
        pytest.skip("the company has no ticker")
    value = {"id": company["id"], "name": company["name"],
             "ticker": (company["tickers"] or [""])[0].split(":")[-1]}[how]
    found = client.get("/api/stories", params={"company": value}).json()["stories"]
    assert story["id"] in [s["id"] for s in found]
    # however the company is named, every story found is about that one company
    assert all(company["id"] in [c["id"] for c in s["companies"]] for s in found)


def test_event_outlet_and_date_filters_keep_only_matching_stories(client, stories):
    with_events = next(s for s in stories if s["event_types"])
    kind = with_events["event_types"][0]
    found = client.get("/api/stories", params={"event": kind}).json()["stories"]
    assert found and all(kind in s["event_types"] for s in found)
    assert len(found) <= len(stories)

    outlet = stories[0]["outlets"][0]
    found = client.get("/api/stories", params={"outlet": outlet.upper()}).json()["stories"]
    assert found and all(outlet in s["outlets"] for s in found)

    day = stories[0]["last_published"][:10]
    found = client.get("/api/stories", params={"since": day, "until": day}).json()["stories"]
    assert stories[0]["id"] in [s["id"] for s in found]
    assert client.get("/api/stories", params={"since": "2100-01-01"}).json()["stories"] == []


def test_the_list_comes_in_pages(client, stories):
    ids = [s["id"] for s in stories]
    page = client.get("/api/stories", params={"limit": 3, "offset": 2}).json()
    assert page["count"] == len(ids) and [s["id"] for s in page["stories"]] == ids[2:5]
    html = client.get("/", params={"limit": 3, "offset": 3}).text
    assert "next →" in html and "← previous" in html and f"4–6 of {len(ids)}" in html
    assert html.count('class="story-row"') == 3


def test_empty_form_fields_mean_no_filter(client, stories):
    blank = {k: "" for k in ("q", "company", "event", "outlet", "since", "until")}
    assert client.get("/api/stories", params=blank).json()["count"] == len(stories)


def test_full_text_search_finds_the_stories_of_matching_articles(client, story):
    word = max(re.findall(r"[A-Za-z]{7,}", story["articles"][0]["text"]), key=len)
    found = client.get("/api/stories", params={"q": word.lower()}).json()["stories"]
    match = next(s for s in found if s["id"] == story["id"])
    assert match["matches"]
    for m in match["matches"]:
        assert all(0 <= a < b <= len(m["snippet"]) for a, b in m["highlights"])
        assert any(m["snippet"][a:b].lower().startswith(word.lower()[:5]) for a, b in m["highlights"])


def test_search_api_returns_articles_with_snippets(client, story):
    word = story["articles"][0]["title"].split()[0]
    body = client.get("/api/search", params={"q": word}).json()
    assert body["count"] == len(body["hits"]) >= 1
    assert {"article_id", "title", "outlet", "story_id", "snippet", "highlights"} <= set(body["hits"][0])


@pytest.mark.parametrize("query", ['"unbalanced', "a OR (b", "NEAR(x y", "*", "title:foo", "-- ;DROP TABLE articles"])
def test_query_syntax_in_search_words_never_breaks_the_search(client, query):
    assert client.get("/api/search", params={"q": query}).status_code == 200
    assert client.get("/api/stories", params={"q": query}).status_code == 200


# -- articles, entities, rejections ------------------------------------------------------------
def test_article_json_has_the_cleaned_text_and_its_story(client, story):
    aid = story["article_ids"][0]
    body = client.get(f"/api/articles/{aid}").json()
    assert body["id"] == aid and body["story_id"] == story["id"] and body["text"]


def test_entities_list_and_a_company_with_stories_responses_and_facts(client, story):
    listed = client.get("/api/entities", params={"per_page": 500}).json()
    assert listed["count"] == len(listed["entities"]) > 0
    companies = client.get("/api/entities", params={"type": "company"}).json()["entities"]
    assert companies and all(e["type"] == "company" for e in companies)
    party = next(r for r in story["responses"] if r["party_id"])
    body = client.get(f"/api/entities/{party['party_id']}").json()
    assert story["id"] in [s["id"] for s in body["stories"]]
    assert any(r["response"] == party["response"] and r["story_id"] == story["id"] for r in body["responses"])
    as_of = [r["as_of"] for r in body["responses"] if r["as_of"]]
    assert as_of == sorted(as_of)
    for rows in body["facts"].values():
        for row in rows:
            assert row["evidence"]["text"]


def test_rejections_are_listed(client):
    assert isinstance(client.get("/api/rejections").json()["rejections"], list)


@pytest.mark.parametrize("path,code", [
    ("/api/stories/s0000000000000000", "unknown_story"),
    ("/api/articles/nope", "unknown_article"),
    ("/api/entities/nobody-at-all", "unknown_entity"),
    ("/api/no/such/route", "not_found"),
])
def test_unknown_ids_are_404_in_the_one_error_shape(client, path, code):
    assert_error(client.get(path), 404, code)


@pytest.mark.parametrize("url", ["/api/stories?event=nonsense", "/api/stories?since=yesterday",
                                 "/api/search", "/api/search?q=",
                                 "/api/entities?type=robot"])
def test_bad_query_values_are_422_naming_the_field(client, url):
    err = assert_error(client.get(url), 422, "invalid_request")
    assert err["details"] and err["details"][0]["where"].startswith("query.")


def test_wrong_method_is_405(client):
    assert_error(client.delete("/api/stories"), 405, "method_not_allowed")


def test_an_internal_error_gives_no_traceback(demo_store, pipeline, monkeypatch):
    app = create_app(str(demo_store.db), pipeline=pipeline)

    def broken():
        raise RuntimeError("secret internals /etc/passwd")

    monkeypatch.setattr(app.state.context.cache, "get", broken)
    response = TestClient(app, raise_server_exceptions=False).get("/api/stories")
    err = assert_error(response, 500, "internal_error")
    assert "secret" not in response.text and "RuntimeError" not in response.text
    page = TestClient(app, raise_server_exceptions=False).get("/")
    assert page.status_code == 500 and "secret" not in page.text and "text/html" in page.headers["content-type"]
    assert err["message"]


# -- pages and their JSON twins --------------------------------------------------------------
def page_urls(client, story) -> list[str]:
    company = first_company(story, client)
    return ["/", f"/?q={story['title'].split()[0]}", f"/stories/{story['id']}", f"/articles/{story['article_ids'][0]}",
            f"/entities/{company['id']}", "/entities", "/ingest", f"/search?q={story['title'].split()[0]}", "/docs"]


def test_every_page_renders_and_its_json_twin_answers(client, story):
    for url in page_urls(client, story):
        page = client.get(url)
        assert page.status_code == 200, url
        assert page.headers["content-type"].startswith("text/html")
        twin = re.search(r'<link rel="alternate" type="application/json" href="([^"]+)"', page.text)
        if url != "/ingest":
            assert twin, url
            assert client.get(twin.group(1).replace("&amp;", "&")).headers["content-type"] == "application/json"


def test_the_story_page_links_each_ledger_entry_to_its_marked_sentence(client, story):
    html = client.get(f"/stories/{story['id']}").text
    links = re.findall(r'<a class="ev-link" href="#(ev-[^"]+)"', html)
    assert len(links) >= len(story["responses"])
    ids = set(re.findall(r'<mark class="ev" id="(ev-[^"]+)"', html))
    assert set(links) <= ids
    for r in story["responses"]:
        assert r["response"].replace("_", " ") in html


def test_the_company_page_has_a_chart_per_metric_served_from_the_package(client):
    companies = client.get("/api/entities", params={"type": "company"}).json()["entities"]
    def charted(entity: dict) -> int:  # metrics with two dated figures or more get a chart
        facts = client.get(f"/api/entities/{entity['id']}").json()["facts"]
        return sum(1 for rows in facts.values() if sum(1 for r in rows if r["published_at"]) >= 2)

    with_facts = next(e for e in companies if charted(e))
    html = client.get(f"/entities/{with_facts['id']}").text
    assert html.count('class="plotly-graph-div"') == charted(with_facts)
    assert '<script src="/vendor/plotly.min.js"></script>' in html
    assert "cdn" not in html.lower() and "https://" not in html
    assert 'class="plotly-graph-div"' in html
    js = client.get("/vendor/plotly.min.js")
    assert js.status_code == 200 and len(js.content) > 1_000_000


def test_the_api_page_lists_every_route_without_a_cdn(client):
    html = client.get("/docs").text
    for path in client.get("/openapi.json").json()["paths"]:
        assert path in html
    assert "cdn" not in html.lower() and "<script src=\"http" not in html
    assert client.get("/redoc").status_code == 404


def test_unknown_pages_are_html_errors(client):
    page = client.get("/stories/s0000000000000000")
    assert page.status_code == 404 and "text/html" in page.headers["content-type"]
    assert "no story" in page.text


def test_the_openapi_spec_describes_every_api_route(client):
    spec = client.get("/openapi.json").json()
    assert {"/api/stories", "/api/stories/{story_id}", "/api/articles", "/api/articles/{article_id}",
            "/api/entities", "/api/entities/{entity_id}", "/api/search", "/api/rejections"} <= set(spec["paths"])
    assert not [p for p in spec["paths"] if not p.startswith("/api/")]
    body = spec["paths"]["/api/articles"]["post"]["requestBody"]["content"]
    assert {"application/json", "text/plain", "text/html", "multipart/form-data"} <= set(body)


# -- ingest ----------------------------------------------------------------------------------
def test_json_ingest_adds_then_finds_it_unchanged(writable):
    article = {"text": HOSTILE_TEXT, "title": "Device maker lifts quarterly shipments", "outlet": "Test Wire",
               "published_at": "2026-02-02T09:00:00+00:00"}
    first = writable.post("/api/articles", json=article)
    assert first.status_code == 201, first.text
    body = first.json()
    assert len(body["added"]) == 1 and body["stories"] == 1 and body["articles"][0]["story_id"]
    again = writable.post("/api/articles", json=article)
    assert again.status_code == 200 and again.json()["unchanged"] == body["added"]
    stored = writable.get(f"/api/articles/{body['added'][0]}").json()
    assert stored["outlet"] == "Test Wire" and stored["published_at"].startswith("2026-02-02")
    assert writable.get("/api/stories").json()["count"] == 1


@pytest.mark.parametrize("kind,suffix", [("text/plain", ".txt"), ("text/html", ".html")])
def test_text_and_html_bodies_are_read_as_those_files(writable, kind, suffix):
    page = f"<html><body><article><p>{HOSTILE_TEXT}</p></article></body></html>"
    body = HOSTILE_TEXT if kind == "text/plain" else page
    response = writable.post("/api/articles", content=body.encode(), headers={"content-type": kind},
                             params={"name": "note"})
    assert response.status_code == 201, response.text
    article = writable.get(f"/api/articles/{response.json()['added'][0]}").json()
    assert article["source"] == f"note{suffix}"


def test_a_file_upload_is_read_by_its_suffix_even_gzipped(writable):
    data = gzip.compress(json.dumps({"text": HOSTILE_TEXT, "id": "n1"}).encode())
    response = writable.post("/api/articles", files={"file": ("batch.jsonl.gz", data, "application/gzip")})
    assert response.status_code == 201, response.text


@pytest.mark.parametrize("files,code", [
    ({"file": ("report.pdf", b"%PDF-1.4 binary", "application/pdf")}, "unsupported"),
    ({"file": ("empty.txt", b"", "text/plain")}, "empty"),
    ({"file": ("short.txt", b"Too short to be an article.", "text/plain")}, "no_article"),
    ({"file": ("blob.txt", bytes(range(256)) * 8, "text/plain")}, "binary"),
])
def test_rejected_uploads_give_the_cli_rejection_code(writable, files, code):
    err = assert_error(writable.post("/api/articles", files=files), 422, code)
    assert err["source"]
    assert code in [r["code"] for r in writable.get("/api/rejections").json()["rejections"]]


@pytest.mark.parametrize("body,headers,status,code", [
    (b"{not json", {"content-type": "application/json"}, 400, "bad_json"),
    (b'["a list"]', {"content-type": "application/json"}, 422, "invalid_request"),
    (b'{"text": "   "}', {"content-type": "application/json"}, 422, "invalid_request"),
    (b'{"text": "x", "script": 1}', {"content-type": "application/json"}, 422, "invalid_request"),
    (b"<a/>", {"content-type": "application/xml"}, 415, "unsupported_media_type"),
    (b"text", {}, 415, "unsupported_media_type"),
])
def test_malformed_or_mistyped_bodies_are_clear_4xx(writable, body, headers, status, code):
    assert_error(writable.post("/api/articles", content=body, headers=headers), status, code)


def test_a_form_without_a_file_is_422(writable):
    assert_error(writable.post("/api/articles", data={"other": "x"}, files={"x": ("a.txt", b"y")}), 422)


def test_oversized_bodies_are_413_before_they_are_read(writable):
    big = b"word " * 30_000  # 150 kB, over 20 kB plus the form allowance
    assert_error(writable.post("/api/articles", content=big, headers={"content-type": "text/plain"}), 413, "too_large")
    assert_error(writable.post("/api/articles", files={"file": ("big.txt", big, "text/plain")}), 413, "too_large")

    def chunks():  # no Content-Length: counted as it arrives
        for _ in range(30):
            yield b"word " * 1000
    assert_error(writable.post("/api/articles", content=chunks(), headers={"content-type": "text/plain"}), 413)


def test_an_upload_over_the_file_limit_is_rejected_like_the_cli_does(writable):
    text = (HOSTILE_TEXT + "\n") * 50  # ~25 kB: inside the request allowance, over the 20 kB file limit
    err = assert_error(writable.post("/api/articles", content=text.encode(), headers={"content-type": "text/plain"}),
                       422, "too_large")
    assert "limit" in err["message"]


def test_the_ingest_form_analyses_pasted_text_and_reports_rejections(writable):
    page = writable.post("/ingest", data={"text": HOSTILE_TEXT, "kind": "text"})
    assert page.status_code == 201 and "1 added" in page.text and "/stories/" in page.text
    bad = writable.post("/ingest", data={"text": "", "kind": "text"})
    assert bad.status_code == 422 and "Not taken" in bad.text


# -- hostile text ----------------------------------------------------------------------------
def test_markup_in_an_article_comes_out_escaped_on_every_page(writable):
    added = writable.post("/api/articles", json={"text": HOSTILE_TEXT, "title": HOSTILE_TITLE,
                                                 "outlet": HOSTILE_OUTLET, "published_at": "2026-03-01"})
    assert added.status_code == 201, added.text
    aid = added.json()["added"][0]
    sid = added.json()["articles"][0]["story_id"]
    stored = writable.get(f"/api/articles/{aid}").json()
    assert "<script>" in stored["title"] and "onerror" in stored["text"]  # the JSON keeps the data as it is
    urls = ["/", f"/stories/{sid}", f"/articles/{aid}", "/?q=shipments", "/search?q=shipments", "/entities"]
    urls += [f"/entities/{e['id']}" for e in writable.get("/api/entities").json()["entities"]]
    for url in urls:
        html = writable.get(url).text
        for raw in ("<script>window", "<img src=x", "<b>does", "<i onmouseover"):
            assert raw not in html, (url, raw)
    story_html = writable.get(f"/stories/{sid}").text
    assert "&lt;script&gt;window.pwned=1&lt;/script&gt;" in story_html
    assert "&lt;img src=x onerror=" in story_html


# -- the command and the docs ------------------------------------------------------------------
def test_serve_runs_the_app_over_the_given_store(tmp_path, monkeypatch):
    import uvicorn
    from click.testing import CliRunner

    from newsgraph.cli import cli

    seen: dict = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: seen.update(app=app, **kw))
    db = str(tmp_path / "served.db")
    result = CliRunner().invoke(cli, ["serve", "--db", db, "--port", "8123", "--max-bytes", "5000"])
    assert result.exit_code == 0, result.output
    assert (seen["host"], seen["port"]) == ("127.0.0.1", 8123)
    settings = seen["app"].state.context.settings
    assert (settings.db, settings.max_bytes) == (db, 5000)
    assert TestClient(seen["app"]).get("/api/stories").json()["count"] == 0


def test_the_readme_shows_the_three_screenshots():
    from pathlib import Path

    repo = Path(__file__).resolve().parents[1]
    shown = re.findall(r"!\[[^\]]*\]\((docs/screenshots/[^)]+\.png)\)", (repo / "README.md").read_text("utf-8"))
    assert {Path(p).stem for p in shown} >= {"stories-list", "story", "company"}
    for path in shown:
        assert (repo / path).stat().st_size > 10_000, path
