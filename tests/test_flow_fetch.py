"""newsgraph.flow.fetch and .http, `newsgraph fetch`: pages from a real HTTP server on 127.0.0.1,
analysed like files; every failure a recorded rejection with its reason, the batch going on; robots.txt,
the per-host delay and the limits kept. The articles are written for these tests (fictional events)."""
from __future__ import annotations

import pytest
from click.testing import CliRunner

from flow_server import FlowServer, article_page, closed_port, flow_settings, rss, server  # noqa: F401 - server: a fixture
from newsgraph import errors
from newsgraph.cli import cli
from newsgraph.flow.fetch import fetch
from newsgraph.flow.http import USER_AGENT, FetchPolicy, PoliteFetcher
from newsgraph.model import Article
from newsgraph.settings import Settings
from newsgraph.store.db import Store

FERRY = [
    "Fernhill Ferries said on Monday it had agreed to buy four battery-powered passenger boats from the "
    "Kessel yard for its crossings on the northern estuary, replacing diesel vessels that are more than "
    "thirty years old.",
    "The operator expects the first two boats to enter service next autumn and the others a year later. "
    "Its chief executive, Moira Tallis, said the order would cut fuel costs by about a third.",
    "Kessel, which builds small ships for lakes and rivers, will charge the boats overnight from shore "
    "stations that the port authority has promised to install at both landings.",
]
BAKERY = [
    "Brightwater Foods will close its bakery in Dunmore in March and move production of its rye loaves to "
    "a larger plant two hours away, the company told staff on Thursday.",
    "About 140 people work at the Dunmore site. Brightwater said most would be offered jobs at the other "
    "plant, and that it would pay for their travel during the first year.",
    "Local councillors said they were disappointed and asked the company to keep the bakery's shop open.",
]


def settings_for(tmp_path, **overrides) -> Settings:
    return flow_settings(tmp_path / "flow.db", **overrides)


def test_a_page_is_fetched_and_stored_with_its_address_as_source_and_url(tmp_path, server, pipeline):
    url = server.page("/business/ferries", article_page("Fernhill Ferries orders four electric boats", FERRY))
    settings = settings_for(tmp_path)
    result = fetch([url], settings, pipeline)
    assert result.ok and len(result.added) == 1
    (article,) = Store(settings.db).articles()
    assert article.source == url and article.url == url
    assert article.id == Article.make_id("", url)  # stable: the URL's hash, whatever the text
    assert article.title == "Fernhill Ferries orders four electric boats"
    assert "battery-powered passenger boats" in article.text and "Home" not in article.text
    assert article.published_at.isoformat().startswith("2026-11-03T09:30")
    # fetched again (a fragment names no other page): the same article, nothing added
    again = fetch([url + "#comments"], settings, pipeline)
    assert again.added == [] and again.unchanged == [article.id]
    assert all(s.headers.get("User-Agent") == USER_AGENT for s in server.seen)
    assert USER_AGENT.startswith("newsgraph/0.")


def test_plain_text_and_a_redirect_are_followed_and_the_batch_goes_on_past_failures(tmp_path, server, pipeline):
    text = server.page("/bakery.txt", "Brightwater to close Dunmore bakery\n\n" + "\n\n".join(BAKERY),
                       content_type="text/plain; charset=utf-8")
    moved = server.redirect("/old/ferries", "/business/ferries", status=301)
    server.page("/business/ferries", article_page("Fernhill Ferries orders four electric boats", FERRY))
    western = server.page("/cafe", article_page("Caf\u00e9 chain Brightwater closes Dunmore bakery", BAKERY)
                          .encode("cp1252"), content_type="text/html; charset=windows-1252")
    xhtml = server.page("/ferries.xhtml", article_page("Fernhill Ferries buys electric boats", FERRY),
                        content_type="application/xhtml+xml")
    missing = server.url("/gone")
    settings = settings_for(tmp_path)
    result = fetch([missing, text, moved, western, xhtml], settings, pipeline)
    # the same words at another address are copies of the first page that had them (flow/copies.py)
    assert len(result.added) == 2 and len(result.copies) == 2
    assert [(r.source, r.code) for r in result.rejected] == [(missing, "http_error")]
    store = Store(settings.db)
    articles = {a.source: a for a in store.articles()}
    assert set(articles) == {text, moved}  # the address asked for
    copies = {c.source: c for kept in store.copies().values() for c in kept}
    assert set(copies) == {western, xhtml}
    assert copies[western].canonical_id == articles[text].id and copies[xhtml].canonical_id == articles[moved].id
    assert copies[western].title.startswith("Caf\u00e9 chain")  # decoded as the server said
    assert articles[text].title == "Brightwater to close Dunmore bakery"  # read as a text file is
    assert articles[text].text.startswith("Brightwater Foods will close its bakery")
    assert [r.source for r in store.rejections()] == [missing]
    assert server.count("/business/ferries") == 1


def _huge(server) -> str:
    return server.page("/huge", article_page("Huge", FERRY * 400))


def _huge_unannounced(server) -> str:
    return server.page("/huge-stream", article_page("Huge", FERRY * 400), send_length=False)


BAD = {  # name -> (make the address, expected code, words the reason must hold)
    "closed port": (lambda s: f"http://127.0.0.1:{closed_port()}/news", "unreachable", "could not connect"),
    "dns failure": (lambda s: "http://newsgraph-test-host.invalid/news", "dns", "could not be resolved"),
    "not http": (lambda s: "ftp://127.0.0.1/news.html", "bad_url", "http://"),
    "404": (lambda s: s.error("/missing", 404), "http_error", "404"),
    "503": (lambda s: s.error("/down", 503), "http_error", "503"),
    "huge page": (_huge, "too_large", "limit"),
    "huge page without a length": (_huge_unannounced, "too_large", "limit"),
    "an image": (lambda s: s.page("/logo.png", b"\x89PNG\r\n\x1a\n" + bytes(200), content_type="image/png"),
                 "not_html", "image/png"),
    "JSON": (lambda s: s.page("/api/news", '{"news": []}', content_type="application/json"), "not_html",
             "application/json"),
    "a feed": (lambda s: s.page("/feed.xml", rss("Courier", [{"title": "x", "link": "https://e.invalid/x"}]),
                                content_type="application/rss+xml"), "feed", "newsgraph watch"),
    "redirect loop": (lambda s: (s.redirect("/loop-b", "/loop-a"), s.redirect("/loop-a", "/loop-b"))[1],
                      "redirects", "loop"),
    "too many redirects": (lambda s: [s.redirect(f"/hop{n}", f"/hop{n + 1}") for n in range(9)][0],
                           "redirects", "more than 3"),
    "robots.txt": (lambda s: s.page("/private/memo", article_page("Memo", FERRY)), "robots", "robots.txt"),
    "timeout": (lambda s: s.page("/slow", article_page("Slow", FERRY), stall=30), "timeout", "within"),
}


@pytest.mark.parametrize("name", list(BAD))
def test_each_failure_is_a_recorded_rejection_with_its_reason(tmp_path, server, pipeline, name):
    make, code, words = BAD[name]
    url = make(server)
    settings = settings_for(tmp_path, max_bytes=100_000, fetch_redirects=3, fetch_timeout=1.0)
    result = fetch([url], settings, pipeline)
    assert result.added == []
    (rejection,) = result.rejected
    assert (rejection.source, rejection.code) == (url, code)
    assert words in rejection.reason
    assert [(r.source, r.code) for r in Store(settings.db).rejections()] == [(url, code)]


def test_robots_txt_is_read_once_per_host_and_a_disallowed_page_is_never_requested(server):
    server.page("/private/memo", article_page("Memo", FERRY))
    server.page("/a", article_page("A", FERRY))
    server.page("/b", article_page("B", BAKERY))
    with PoliteFetcher(FetchPolicy(delay=0)) as fetcher:
        assert fetcher.get(server.url("/a")).status == 200
        assert fetcher.get(server.url("/b")).status == 200
        with pytest.raises(errors.FetchFailed) as caught:
            fetcher.get(server.url("/private/memo"))
    assert caught.value.code == "robots"
    assert server.paths() == ["/robots.txt", "/a", "/b"]


@pytest.mark.parametrize("status, allowed", [(404, True), (410, True), (401, False), (403, False)])
def test_a_missing_robots_txt_allows_everything_and_a_forbidden_one_nothing(status, allowed):
    with FlowServer() as server:
        server.error("/robots.txt", status)
        url = server.page("/a", article_page("A", FERRY))
        with PoliteFetcher(FetchPolicy(delay=0)) as fetcher:
            if allowed:
                assert fetcher.get(url).status == 200
            else:
                with pytest.raises(errors.FetchFailed, match="robots.txt"):
                    fetcher.get(url)
        assert server.count("/a") == (1 if allowed else 0)


def test_a_robots_txt_server_error_refuses_for_now_and_is_asked_again():
    with FlowServer() as server:
        server.error("/robots.txt", 503)
        url = server.page("/a", article_page("A", FERRY))
        with PoliteFetcher(FetchPolicy(delay=0)) as fetcher:
            for _ in range(2):
                with pytest.raises(errors.FetchFailed) as caught:
                    fetcher.get(url)
                assert caught.value.code == "robots" and caught.value.transient
        assert server.count("/robots.txt") == 2 and server.count("/a") == 0


class FakeTime:
    """A clock that moves only when the fetcher sleeps: the waits it asks for are the delays."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.waits: list[float] = []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.waits.append(round(seconds, 6))
        self.now += seconds


@pytest.mark.parametrize("robots, delay, expected", [
    ("User-agent: *\nAllow: /\n", 2.0, 2.0),
    ("User-agent: newsgraph\nCrawl-delay: 5\n", 2.0, 5.0),  # the site asks for more: it gets it
    ("User-agent: *\nCrawl-delay: 1\n", 3.0, 3.0),  # never less than our own delay
])
def test_requests_to_one_host_are_spaced_by_the_delay_or_the_sites_crawl_delay(robots, delay, expected):
    with FlowServer() as server:
        server.page("/robots.txt", robots, content_type="text/plain")
        urls = [server.page(f"/p{n}", article_page(f"P{n}", FERRY)) for n in range(3)]
        fake = FakeTime()
        with PoliteFetcher(FetchPolicy(delay=delay), clock=fake.clock, sleep=fake.sleep) as fetcher:
            for url in urls:
                fetcher.get(url)
        # robots.txt, then three pages: each request after the first waits for the host
        assert fake.waits == [expected] * 3
        assert server.paths() == ["/robots.txt", "/p0", "/p1", "/p2"]


def test_fetch_command_records_rejections_and_exits_2(tmp_path, server):
    db = str(tmp_path / "cli.db")
    missing = server.url("/nowhere")
    result = CliRunner().invoke(cli, ["fetch", missing, "--db", db, "--delay", "0"])
    assert result.exit_code == 2
    assert "0 articles added, 0 already in the store, 1 rejected" in result.stdout
    assert f"rejected {missing}" in result.stderr
    listed = CliRunner().invoke(cli, ["errors", "--db", db])
    assert f"{missing}\thttp_error\t" in listed.stdout
