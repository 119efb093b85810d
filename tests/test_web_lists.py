"""newsgraph.web lists: stories, articles and entities in pages and named orders (``paging``), the same
for the pages and their JSON twins; a bad list parameter is a 400 and a JSON body nested too deep is
a 400, both in the one error shape."""
from __future__ import annotations

import re
from datetime import datetime

import pytest
from fastapi.testclient import TestClient

from newsgraph.model import time_key
from newsgraph.settings import Settings
from newsgraph.web import create_app

pytestmark = pytest.mark.slow

LISTS = {"/api/stories": ("stories", ["newest", "oldest", "most_articles", "title"]),
         "/api/articles": ("articles", ["newest", "oldest", "outlet", "title"]),
         "/api/entities": ("entities", ["name", "most_stories"])}


@pytest.fixture(scope="module")
def client(demo_store) -> TestClient:
    return TestClient(create_app(str(demo_store.db)))


def assert_error(response, status: int, code: str) -> dict:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"} and body["error"]["status"] == status and body["error"]["code"] == code
    assert body["error"]["message"] and "Traceback" not in response.text
    return body["error"]


def walk(client: TestClient, url: str, key: str, **params) -> tuple[list[dict], list[dict]]:
    """Every row of a list, page after page through its `next` links; and each page's header."""
    rows, pages = [], []
    body = client.get(url, params=params).json()
    while True:
        rows += body[key]
        pages.append({k: v for k, v in body.items() if k != key})
        if not body["next"]:
            return rows, pages
        body = client.get(body["next"]).json()


def stamp(value: str | None) -> float:
    return time_key(datetime.fromisoformat(value)) if value else float("inf")


@pytest.mark.parametrize("url, sort", [(url, sort) for url, (_, sorts) in LISTS.items() for sort in sorts])
def test_walking_the_pages_gives_every_row_once_in_the_same_order(client, url, sort):
    key = LISTS[url][0]
    whole = client.get(url, params={"sort": sort, "per_page": 500}).json()
    rows, pages = walk(client, url, key, sort=sort, per_page=3)
    assert [r["id"] for r in rows] == [r["id"] for r in whole[key]]
    assert len({r["id"] for r in rows}) == len(rows) == whole["count"]
    assert [p["page"] for p in pages] == list(range(1, len(pages) + 1)) == list(range(1, pages[0]["pages"] + 1))
    assert all(p["sort"] == sort and p["per_page"] == 3 for p in pages)
    if len(pages) > 1:  # the way back
        second = client.get(pages[0]["next"]).json()
        assert client.get(second["previous"]).json()[key] == whole[key][:3]
    assert pages[0]["previous"] is None and pages[-1]["next"] is None


def test_the_orders_are_what_they_say(client):
    def listed(url: str, sort: str) -> list[dict]:
        return client.get(url, params={"sort": sort, "per_page": 500}).json()[LISTS[url][0]]

    newest = [stamp(s["last_published"]) for s in listed("/api/stories", "newest") if s["last_published"]]
    assert newest == sorted(newest, reverse=True)
    oldest = [stamp(s["first_published"]) for s in listed("/api/stories", "oldest") if s["first_published"]]
    assert oldest == sorted(oldest)
    sizes = [s["article_count"] for s in listed("/api/stories", "most_articles")]
    assert sizes == sorted(sizes, reverse=True) and sizes[0] > sizes[-1]
    titles = [s["title"].casefold() for s in listed("/api/stories", "title")]
    assert titles == sorted(titles)

    articles = listed("/api/articles", "newest")
    dated = [stamp(a["published_at"]) for a in articles if a["published_at"]]
    assert dated == sorted(dated, reverse=True) and "text" not in articles[0] and articles[0]["words"] > 0
    outlets = [(a["outlet"] or a["source"]).casefold() for a in listed("/api/articles", "outlet")]
    assert outlets == sorted(outlets)

    names = [e["name"].casefold() for e in listed("/api/entities", "name")]
    assert names == sorted(names)
    counts = [e["story_count"] for e in listed("/api/entities", "most_stories")]
    assert counts == sorted(counts, reverse=True) and counts[0] > 1


def test_a_filter_and_the_order_go_together(client, demo_store):
    outlet = demo_store.export["articles"][0]["outlet"]
    body = client.get("/api/articles", params={"outlet": outlet.upper(), "sort": "title", "per_page": 1}).json()
    expected = [a for a in demo_store.export["articles"] if a["outlet"] == outlet]
    assert body["count"] == len(expected) and body["articles"][0]["outlet"] == outlet
    if body["next"]:
        assert "outlet=" in body["next"] and "sort=title" in body["next"]


def test_a_page_past_the_end_is_empty_and_leads_back(client):
    body = client.get("/api/stories", params={"page": 999, "per_page": 4}).json()
    assert body["stories"] == [] and body["next"] is None
    last = client.get(body["previous"]).json()
    assert last["stories"] and last["page"] == last["pages"]


@pytest.mark.parametrize("url", list(LISTS) + ["/", "/articles", "/entities"])
@pytest.mark.parametrize("query", ["page=0", "page=two", "per_page=0", "per_page=501", "sort=bogus",
                                   "sort=", "offset=-1", "limit=0"])
def test_a_bad_list_parameter_is_400_naming_it(client, url, query):
    response = client.get(f"{url}?{query}")
    assert response.status_code == 400, (url, query, response.text[:200])
    if url.startswith("/api"):
        err = assert_error(response, 400, "bad_parameter")
        assert err["details"][0]["where"] == f"query.{query.split('=')[0]}"
    else:
        assert "text/html" in response.headers["content-type"] and "page" in response.text


def test_other_bad_parameters_stay_422(client):
    assert_error(client.get("/api/stories?since=yesterday&page=2"), 422, "invalid_request")


@pytest.mark.parametrize("url, row", [("/", "story-row"), ("/articles", "article-row"), ("/entities", "entity-row")])
def test_the_list_pages_come_in_pages_with_links_both_ways(client, url, row):
    first = client.get(url, params={"per_page": 2}).text
    assert first.count(f'class="{row}"') == 2
    follow = re.search(r'<a rel="next" href="([^"]+)"', first)
    assert follow and "page 1 of" in first and 'rel="prev"' not in first
    second = client.get(follow.group(1).replace("&amp;", "&")).text
    assert 'rel="prev"' in second and "page 2 of" in second
    assert second.count(f'class="{row}"') >= 1
    assert '<select name="sort">' in first


def test_the_page_and_its_json_twin_list_the_same_rows(client):
    html = client.get("/", params={"sort": "title", "per_page": 4, "page": 2}).text
    twin = re.search(r'<link rel="alternate" type="application/json" href="([^"]+)"', html).group(1)
    body = client.get(twin.replace("&amp;", "&")).json()
    assert re.findall(r'href="/stories/([^"]+)"', html) == [s["id"] for s in body["stories"]]


# -- a JSON body nested too deep ----------------------------------------------------------------
@pytest.fixture()
def writable(tmp_path) -> TestClient:
    return TestClient(create_app(settings=Settings(db=str(tmp_path / "deep.db"), progress=False)),
                      raise_server_exceptions=False)


@pytest.mark.parametrize("body", [
    b"[" * 100_000 + b"]" * 100_000,
    b'{"text": ' * 100_000 + b'"x"' + b"}" * 100_000,
    b'{"text": "a", "title": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",
], ids=["lists", "objects", "inside-a-field"])
def test_a_json_body_nested_100000_deep_is_a_400(writable, body):
    response = writable.post("/api/articles", content=body, headers={"content-type": "application/json"})
    err = assert_error(response, 400, "too_deep")
    assert "nested too deep" in err["message"]
    assert writable.get("/api/articles").json()["count"] == 0  # nothing stored, and the app still answers


def test_a_body_deep_but_readable_is_an_invalid_field_not_a_crash(writable):
    body = b'{"text": ' + b"[" * 500 + b"]" * 500 + b"}"
    assert_error(writable.post("/api/articles", content=body, headers={"content-type": "application/json"}),
                 422, "invalid_request")


def test_a_405_lists_every_method_of_a_path_served_by_two_routes(client):
    response = client.request("OPTIONS", "/api/articles")
    assert_error(response, 405, "method_not_allowed")
    assert response.headers["allow"] == "GET, POST"
