"""newsgraph.flow.watch and `newsgraph watch`: feeds followed on a real HTTP server on 127.0.0.1 with
conditional GET (ETag, Last-Modified), items already stored not fetched again, a short summary
completed by its page, a summary with enough words analysed as it is, folders whose new files are
read once; bad feeds and pages rejected with their reason. Articles written for these tests."""
from __future__ import annotations

import json
import os

import pytest
from click.testing import CliRunner

import newsgraph

from flow_server import article_page, flow_settings, rss, server  # noqa: F401 - server: a fixture
from newsgraph import errors
from newsgraph.cli import cli
from newsgraph.clean import word_count
from newsgraph.flow.fetch import fetch
from newsgraph.flow.watch import Watcher
from newsgraph.model import Article
from newsgraph.settings import Settings
from newsgraph.store.db import Store

LOCKS = [
    "Harrow Canal Trust said on Wednesday it would rebuild the six oldest locks on the Upper Harrow canal "
    "over the next four winters, closing each stretch for about ten weeks while boats are laid up.",
    "The trust has raised most of the money from a regional heritage fund and will ask boat owners for a "
    "small increase in licence fees to cover the rest, its director, Owen Pryce, told members.",
    "Engineers found cracked gates and leaking walls at several locks during an inspection last spring.",
]
COPPER = [
    "Copperline Mining lifted its copper output target for next year to 210,000 tonnes, saying a new "
    "crusher at its Red Hollow pit had worked better than planned in its first months.",
    "The company had expected to produce 190,000 tonnes. Analysts at a regional bank said the higher "
    "target would help Copperline repay debt it took on to build the crusher.",
    "Copperline also said it would start drilling at a second site near the valley town of Ostry.",
]
ORCHARD = [
    "Meadowgate Cider bought the Pellow family orchards on the southern slopes for an undisclosed sum, "
    "adding some 90 hectares of apple trees to its own land and securing fruit for a new dry cider.",
    "The Pellows, who have grown apples there for three generations, will keep running the farm shop, "
    "the cider maker said in a statement on Friday.",
    "Meadowgate plans to plant pear trees on a further 12 hectares next spring.",
]
# forty words in the feed, no page to go with them: enough to be an article as it is
FORTY_WORDS = ("Tolland Bus Company will add night services on its three busiest routes from January, after a "
               "trial last winter carried more riders than expected; the council will pay for half of the "
               "drivers for two years, it said on Monday.")
HTTP_DATE = "Tue, 03 Nov 2026 10:00:00 GMT"


def settings_for(tmp_path, **overrides) -> Settings:
    return flow_settings(tmp_path / "watch.db", **overrides)


def three_item_feed(server) -> str:
    """A feed of three items: one in full, one with a short summary and a link to its page, one whose
    page is already stored."""
    locks = server.url("/news/locks")
    orchard = server.page("/news/orchard", article_page("Meadowgate Cider buys Pellow orchards", ORCHARD))
    copper = server.page("/news/copper", article_page("Copperline lifts copper target", COPPER))
    items = [
        {"guid": "locks-1", "title": "Canal trust to rebuild six locks", "link": locks,
         "pubDate": "Tue, 03 Nov 2026 08:00:00 GMT", "summary": "Six locks will be rebuilt.",
         "content": "".join(f"<p>{p}</p>" for p in LOCKS)},
        {"guid": "orchard-1", "title": "Meadowgate Cider buys Pellow orchards", "link": orchard,
         "pubDate": "Tue, 03 Nov 2026 09:00:00 GMT", "summary": "The cider maker adds 90 hectares."},
        {"guid": "copper-1", "title": "Copperline lifts copper target", "link": copper,
         "pubDate": "Tue, 03 Nov 2026 07:00:00 GMT", "summary": "A better crusher."},
    ]
    return server.page("/feed.rss", rss("Fernhill Courier", items), content_type="application/rss+xml",
                       etag='"feed-v1"')


def test_watch_once_stores_the_two_new_articles_and_a_second_poll_is_answered_304(tmp_path, server, pipeline):
    feed = three_item_feed(server)
    settings = settings_for(tmp_path)
    stored = fetch([server.url("/news/copper")], settings, pipeline)  # the third item, stored before
    assert len(stored.added) == 1
    before = len(server.seen)

    watcher = Watcher([feed], settings, pipeline)
    (summary,) = watcher.run(interval=60, once=True, report=lambda s: None)
    watcher.close()
    assert (summary.new, summary.unchanged, summary.rejected, summary.not_modified) == (2, 1, 0, 0)
    articles = {a.url: a for a in Store(settings.db).articles()}
    assert set(articles) == {server.url("/news/locks"), server.url("/news/orchard"), server.url("/news/copper")}
    locks, orchard = articles[server.url("/news/locks")], articles[server.url("/news/orchard")]
    assert locks.text.startswith("Harrow Canal Trust said on Wednesday")  # the feed's full text
    assert locks.source == f"{feed}#locks-1"
    assert "three generations" in orchard.text  # the linked page, not the one-line summary
    assert orchard.source == server.url("/news/orchard") and orchard.outlet == "Fernhill Courier"
    assert orchard.published_at.isoformat().startswith("2026-11-03T09:00")
    # the full item needed no page, the stored one was not fetched again: only the summary-only page
    assert server.paths()[before:] == ["/robots.txt", "/feed.rss", "/news/orchard"]

    # a second `watch --once` (a new process): the feed is asked with its ETag and answered 304
    mark = len(server.seen)
    result = CliRunner().invoke(cli, ["watch", feed, "--once", "--db", settings.db, "--delay", "0"])
    assert result.exit_code == 0, result.output
    assert "0 new, 0 unchanged, 0 rejected, 1 not modified (304)" in result.stdout
    assert server.paths()[mark:] == ["/robots.txt", "/feed.rss"]
    assert server.seen[-1].status == 304 and server.seen[-1].headers.get("If-None-Match") == '"feed-v1"'
    assert len(Store(settings.db).articles()) == 3


def test_a_summary_with_enough_words_is_analysed_as_it_is(tmp_path, server, pipeline):
    assert word_count(FORTY_WORDS) == 40
    page = server.url("/news/buses")  # never served: the summary is enough
    feed = server.page("/buses.rss", rss("Tolland Post", [{"guid": "bus-1", "title": "Night buses on three routes",
                                                           "link": page, "summary": FORTY_WORDS}]),
                       content_type="application/rss+xml", last_modified=HTTP_DATE)
    settings = settings_for(tmp_path)
    watcher = Watcher([feed], settings, pipeline)
    first, second = watcher.poll(), watcher.poll()
    watcher.close()
    assert (first.new, first.rejected) == (1, 0), first.rejections
    (article,) = Store(settings.db).articles()
    assert article.text == FORTY_WORDS and article.url == page and article.id == Article.make_id("", page)
    assert server.count("/news/buses") == 0
    # Last-Modified alone makes the second poll conditional too
    assert second.not_modified == 1 and server.count("/buses.rss", status=304) == 1
    assert server.seen[-1].headers.get("If-Modified-Since") == HTTP_DATE


def test_a_feed_is_decoded_in_the_charset_its_server_names_and_relative_links_resolved(tmp_path, server, pipeline):
    # a Cyrillic word: in KOI8-R its bytes are also valid Windows-1252, so only the header tells
    title = "\u041a\u0430\u0444\u0435 owners welcome night buses"
    feed_text = rss("Tolland Post", [{"guid": "bus-1", "title": title, "link": "/news/buses", "summary": FORTY_WORDS}])
    body = feed_text.replace("<?xml version='1.0' encoding='utf-8'?>", "").encode("koi8-r")
    feed = server.page("/koi8.rss", body, content_type="application/rss+xml; charset=koi8-r")
    settings = settings_for(tmp_path)
    summary = Watcher([feed], settings, pipeline).poll()
    assert summary.new == 1, summary.rejections
    (article,) = Store(settings.db).articles()
    assert article.title == title
    assert article.url == server.url("/news/buses")


def test_a_short_summary_without_a_page_is_rejected_with_its_word_count(tmp_path, server, pipeline):
    feed = server.page("/short.rss", rss("Tolland Post", [{"guid": "s-1", "title": "Buses", "summary": "Night buses."}]),
                       content_type="application/rss+xml")
    summary = Watcher([feed], settings_for(tmp_path), pipeline).poll()
    assert [(r.source, r.code) for r in summary.rejections] == [(f"{feed}#s-1", "no_article")]
    assert "2 words" in summary.rejections[0].reason


@pytest.mark.parametrize("body, content_type, status, code", [
    ("<rss version='2.0'><channel><title>Broken", "application/rss+xml", 200, "bad_feed"),
    ("<html><body><p>A page, not a feed.</p></body></html>", "text/html", 200, "bad_feed"),
    ("", "application/rss+xml", 200, "empty"),
    ("gone", "text/plain", 404, "http_error"),
])
def test_a_bad_feed_is_rejected_and_the_other_sources_go_on(tmp_path, server, pipeline, body, content_type,
                                                             status, code):
    bad = server.page("/bad.rss", body, content_type=content_type, status=status)
    good = server.page("/good.rss", rss("Tolland Post", [{"guid": "bus-1", "title": "Night buses",
                                                         "link": server.url("/b"), "summary": FORTY_WORDS}]),
                       content_type="application/rss+xml")
    settings = settings_for(tmp_path)
    summary = Watcher([bad, good], settings, pipeline).poll()
    assert summary.new == 1
    assert [(r.source, r.code) for r in summary.rejections] == [(bad, code)]
    assert [(r.source, r.code) for r in Store(settings.db).rejections()] == [(bad, code)]


def test_an_item_page_that_fails_for_good_is_not_asked_again_and_one_that_may_recover_is(tmp_path, server, pipeline):
    gone = server.error("/news/gone", 404)
    flaky = server.error("/news/flaky", 503)
    secret = server.page("/private/memo", article_page("Memo", LOCKS))
    feed = server.page("/feed.rss", rss("Courier", [
        {"guid": "gone", "title": "Gone", "link": gone, "summary": "Short."},
        {"guid": "flaky", "title": "Flaky", "link": flaky, "summary": "Short."},
        {"guid": "secret", "title": "Secret", "link": secret, "summary": "Short."},
    ]), content_type="application/rss+xml", etag='"v1"')
    settings = settings_for(tmp_path)
    watcher = Watcher([feed], settings, pipeline)
    first = watcher.poll()
    assert sorted((r.source, r.code) for r in first.rejections) == sorted(
        [(gone, "http_error"), (flaky, "http_error"), (secret, "robots")])
    assert server.count("/private/memo") == 0  # robots.txt said no: never asked
    # the server recovers: the feed was not marked as read (no 304), only the flaky page is asked again
    server.page("/news/flaky", article_page("Copperline lifts copper target", COPPER))
    second = watcher.poll()
    watcher.close()
    assert (second.new, second.unchanged, second.rejected, second.not_modified) == (1, 2, 0, 0)
    assert server.count("/news/gone") == 1 and server.count("/news/flaky") == 2
    third = Watcher([feed], settings, pipeline).poll()
    assert third.not_modified == 1


def test_a_folder_is_read_when_files_appear_and_unchanged_files_are_not_read_again(tmp_path, pipeline):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "locks.txt").write_text("Canal trust to rebuild six locks\n\n" + "\n\n".join(LOCKS), encoding="utf-8")
    settings = settings_for(tmp_path)
    watcher = Watcher([str(inbox)], settings, pipeline)
    first = watcher.poll()
    assert (first.new, first.unchanged, first.rejected) == (1, 0, 0)
    second = watcher.poll()
    assert (second.new, second.unchanged, second.rejected) == (0, 0, 0)  # not even read
    (inbox / "copper.txt").write_text("Copperline lifts copper target\n\n" + "\n\n".join(COPPER), encoding="utf-8")
    (inbox / "notes.pdf").write_bytes(b"%PDF-1.4 not read")
    third = watcher.poll()
    assert (third.new, third.unchanged) == (1, 0)
    assert [(r.source, r.code) for r in third.rejections] == [("notes.pdf", "unsupported")]
    assert watcher.poll().rejected == 0  # a rejected file is not read again either
    # a file that changes is read again (here to the same text: found already stored)
    path = inbox / "locks.txt"
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 5_000_000_000))
    fifth = watcher.poll()
    assert (fifth.new, fifth.unchanged) == (0, 1)
    watcher.close()
    # the state is in the store: another watcher (another process) does not read them again
    assert Watcher([str(inbox)], settings, pipeline).poll().unchanged == 0


def test_the_loop_polls_every_interval_until_interrupted(tmp_path, server, pipeline):
    feed = server.page("/buses.rss", rss("Tolland Post", [{"guid": "bus-1", "title": "Night buses",
                                                           "link": server.url("/b"), "summary": FORTY_WORDS}]),
                       content_type="application/rss+xml", etag='"b1"')
    waits: list[float] = []

    def sleep(seconds: float) -> None:
        waits.append(seconds)
        if len(waits) == 3:
            raise KeyboardInterrupt

    lines = []
    watcher = Watcher([feed], settings_for(tmp_path), pipeline)
    with pytest.raises(KeyboardInterrupt):
        watcher.run(interval=45, once=False, report=lambda s: lines.append(s.line()), sleep=sleep)
    assert waits == [45, 45, 45]
    assert lines == ["1 new, 0 unchanged, 0 rejected, 0 not modified (304)"] + \
        ["0 new, 0 unchanged, 0 rejected, 1 not modified (304)"] * 2


def test_the_watch_command_stops_cleanly_on_ctrl_c(tmp_path, server, monkeypatch):
    feed = server.page("/empty.rss", "<rss version='2.0'><channel><title>Quiet</title></channel></rss>",
                       content_type="application/rss+xml", etag='"q"')

    def interrupt(_seconds: float) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("newsgraph.flow.watch.time.sleep", interrupt)
    result = CliRunner().invoke(cli, ["watch", feed, "--interval", "5", "--db", str(tmp_path / "w.db"), "--delay", "0"])
    assert result.exit_code == 0, result.output
    assert "poll 1: 0 new, 0 unchanged, 1 rejected" in result.stdout
    assert "stopped after 1 polls" in result.stderr


def test_a_source_that_is_neither_a_feed_address_nor_a_path_is_refused(tmp_path):
    with pytest.raises(errors.UnknownSource, match="neither a feed address"):
        Watcher([str(tmp_path / "missing-folder")], settings_for(tmp_path))
    result = CliRunner().invoke(cli, ["watch", "news.example/feed", "--once", "--db", str(tmp_path / "w.db")])
    assert result.exit_code != 0


def test_watch_once_exits_2_when_a_source_was_rejected(tmp_path, server):
    feed = server.error("/missing.rss", 404)
    result = CliRunner().invoke(cli, ["watch", feed, "--once", "--db", str(tmp_path / "w.db"), "--delay", "0"])
    assert result.exit_code == 2
    assert "poll 1: 0 new, 0 unchanged, 1 rejected, 0 not modified (304) (see `newsgraph errors`)" in result.stdout


def test_a_feed_file_whose_items_carry_summaries_of_enough_words_gives_articles(tmp_path):
    """The same reader serves feed files: a 40-word HTML summary is an article, not a rejection."""
    path = tmp_path / "buses.rss"
    path.write_text(rss("Tolland Post", [{"guid": "bus-1", "title": "Night buses", "summary": FORTY_WORDS},
                                         {"guid": "bus-2", "title": "Buses", "summary": "Night buses."}]),
                    encoding="utf-8")
    article, short = newsgraph.extract([path])
    assert isinstance(article, Article) and article.text == FORTY_WORDS
    assert (short.source, short.code) == ("buses.rss#bus-2", "no_article")


def test_a_feed_that_robots_txt_keeps_out_is_never_requested(tmp_path, server):
    feed = server.page("/private/feed.rss", rss("Courier", [{"guid": "x", "title": "X", "summary": FORTY_WORDS}]),
                       content_type="application/rss+xml")
    summary = Watcher([feed], settings_for(tmp_path)).poll()
    assert [(r.source, r.code) for r in summary.rejections] == [(feed, "robots")]
    assert server.paths() == ["/robots.txt"]


def test_watch_sends_the_alerts_of_each_poll_to_the_jsonl_file(tmp_path):
    from ng_support import SUBARU_DENIES, SUBARU_TALKS

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "talks.txt").write_text(SUBARU_TALKS, encoding="utf-8")
    db, out = str(tmp_path / "w.db"), tmp_path / "alerts.jsonl"
    args = ["watch", str(inbox), "--once", "--db", db, "--alerts-jsonl", str(out)]
    assert CliRunner().invoke(cli, args).exit_code == 0
    (inbox / "denies.txt").write_text(SUBARU_DENIES, encoding="utf-8")
    assert CliRunner().invoke(cli, args).exit_code == 0
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert any(a["kind"] == "response_changed" and a["party"].startswith("Subaru") and a["after"] == "denied"
               for a in lines)
    assert CliRunner().invoke(cli, args).exit_code == 0  # nothing new: no alert again
    assert len(out.read_text(encoding="utf-8").splitlines()) == len(lines)


def test_watch_refuses_a_webhook_that_is_no_http_address(tmp_path):
    result = CliRunner().invoke(cli, ["watch", str(tmp_path), "--once", "--db", str(tmp_path / "w.db"),
                                      "--webhook", "ftp://hooks.example/x"])
    assert result.exit_code == 2 and "no http(s) URL" in result.output
