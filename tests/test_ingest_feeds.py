"""newsgraph.ingest.feed and .warc: news feeds and web archives, an article per item or page."""
from __future__ import annotations

import gzip
import io
from html import escape
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

import newsgraph
from newsgraph.model import Article, Rejection
from ng_support import GOOD_HTML, PLAIN

PARAGRAPHS = "".join(f"<p>{escape(p)}</p>" for p in PLAIN.split("\n\n") if p.strip())

RSS = f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Tidewater Post - Business</title><link>https://tidewater.example/business</link>
<item><guid>tp-ferries-0512</guid><title>Quarry Bay Ferries orders six hybrid vessels</title>
<link>https://tidewater.example/business/ferries</link><dc:creator>Mina Okafor</dc:creator>
<pubDate>Tue, 12 May 2026 00:30:00 GMT</pubDate>
<description>The operator wants to cut fuel bills.</description>
<content:encoded><![CDATA[{PARAGRAPHS}]]></content:encoded></item>
<item><title>A headline with nothing under it</title><link>https://tidewater.example/empty</link></item>
</channel></rss>
"""

ATOM = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Harbour Ledger</title><id>urn:harbour-ledger</id>
<updated>2026-05-12T10:00:00Z</updated>
<entry><id>urn:harbour-ledger:ferries</id><title>Ferry operator buys hybrid boats</title>
<link href="https://ledger.example/ferries"/><updated>2026-05-12T09:15:00+02:00</updated>
<author><name>Jonas Berg</name></author>
<content type="text">{escape(PLAIN)}</content></entry>
</feed>
"""


def _extract(*paths) -> list[Article | Rejection]:
    return list(newsgraph.extract([str(p) for p in paths]))


def test_an_rss_item_becomes_an_article_with_the_item_and_feed_metadata(tmp_path):
    path = tmp_path / "business.rss"
    path.write_text(RSS, encoding="utf-8")
    article, empty = _extract(path)
    assert isinstance(article, Article)
    assert article.source == "business.rss#tp-ferries-0512"
    assert article.title == "Quarry Bay Ferries orders six hybrid vessels"
    assert article.outlet == "Tidewater Post"  # the publication, not the feed's section
    assert article.byline == "Mina Okafor"
    assert article.url == "https://tidewater.example/business/ferries"
    assert article.published_at.isoformat().startswith("2026-05-12T00:30:00")
    assert "six hybrid passenger vessels" in article.text  # the full content, not the one-line summary
    assert "<p>" not in article.text
    assert isinstance(empty, Rejection) and empty.source == "business.rss#2" and empty.code == "empty"


def test_an_atom_entry_with_plain_text_content_is_read_as_text(tmp_path):
    path = tmp_path / "ledger.atom.gz"
    path.write_bytes(gzip.compress(ATOM.encode("utf-8")))
    (article,) = _extract(path)
    assert isinstance(article, Article)
    assert article.source == "ledger.atom.gz#urn:harbour-ledger:ferries"
    assert article.outlet == "Harbour Ledger"
    assert article.byline == "Jonas Berg"
    assert article.published_at.isoformat().startswith("2026-05-12T07:15:00")  # in UTC
    assert article.text.startswith("Quarry Bay Ferries has ordered six hybrid passenger vessels")


@pytest.mark.parametrize("content, code", [
    ("<html><body><p>Not a feed at all.</p></body></html>", "bad_feed"),
    ("<rss version='2.0'><channel><title>Quiet</title></channel></rss>", "empty"),
    ("", "empty"),
])
def test_an_xml_file_that_is_no_feed_or_an_empty_feed_is_rejected_with_its_reason(tmp_path, content, code):
    path = tmp_path / "items.xml"
    path.write_text(content, encoding="utf-8")
    (rejection,) = _extract(path)
    assert isinstance(rejection, Rejection)
    assert rejection.code == code and rejection.source == "items.xml"


def _response(writer, url: str, body: bytes, content_type: str, status: str = "200 OK"):
    headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
    return writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers)


def _archive(path: Path, records) -> Path:
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=path.suffix == ".gz")
        for make in records:
            writer.write_record(make(writer))
    return path


def test_a_web_archive_gives_one_article_per_page_and_passes_over_the_rest(tmp_path):
    latin = GOOD_HTML.replace('<meta charset="utf-8">', "").replace("Quarry Bay Ferries orders",
                                                                   "Quarry Bay Ferries orders café")
    path = _archive(tmp_path / "crawl.warc.gz", [
        lambda w: w.create_warc_record("https://tidewater.example/", "request",
                                       payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n")),
        lambda w: _response(w, "https://tidewater.example/ferries", GOOD_HTML.encode("utf-8"), "text/html; charset=utf-8"),
        lambda w: _response(w, "https://tidewater.example/logo.png", b"\x89PNG\r\n", "image/png"),
        lambda w: _response(w, "https://tidewater.example/old", b"moved", "text/html", "301 Moved Permanently"),
        lambda w: _response(w, "https://tidewater.example/latin", latin.encode("cp1252"), "text/html; charset=windows-1252"),
    ])
    first, second = _extract(path)
    assert isinstance(first, Article) and isinstance(second, Article)
    assert first.source == "crawl.warc.gz#2" and first.url == "https://tidewater.example/ferries"
    assert first.outlet == "Tidewater Post" and "hybrid passenger vessels" in first.text
    assert second.source == "crawl.warc.gz#5" and "café" in second.title


def test_a_page_over_the_size_limit_is_rejected_alone(tmp_path):
    big = GOOD_HTML.replace("</article>", "<p>" + "More words about ferries. " * 4000 + "</p></article>")
    path = _archive(tmp_path / "crawl.warc", [
        lambda w: _response(w, "https://tidewater.example/big", big.encode("utf-8"), "text/html"),
        lambda w: _response(w, "https://tidewater.example/ferries", GOOD_HTML.encode("utf-8"), "text/html"),
    ])
    items = list(newsgraph.extract([str(path)], max_bytes=50_000))
    assert [type(item).__name__ for item in items] == ["Rejection", "Article"]
    assert items[0].code == "too_large" and items[0].source == "crawl.warc#1"


def test_a_damaged_archive_keeps_the_pages_before_the_break(tmp_path):
    path = _archive(tmp_path / "crawl.warc", [
        lambda w: _response(w, "https://tidewater.example/ferries", GOOD_HTML.encode("utf-8"), "text/html"),
        lambda w: _response(w, "https://tidewater.example/again", GOOD_HTML.replace("six", "seven").encode("utf-8"),
                            "text/html"),
    ])
    data = path.read_bytes()
    second = data.index(b"WARC/1.0", 10)
    path.write_bytes(data[:second] + b"\x00\x01 not a record \x02" * 20 + data[second:])
    items = _extract(path)
    assert isinstance(items[0], Article)
    assert isinstance(items[-1], Rejection) and items[-1].code == "bad_archive"


@pytest.mark.parametrize("records, code", [
    ([], "empty"),
    ([lambda w: _response(w, "https://tidewater.example/logo.png", b"\x89PNG\r\n", "image/png")], "no_article"),
])
def test_an_archive_without_pages_is_rejected_with_its_reason(tmp_path, records, code):
    (rejection,) = _extract(_archive(tmp_path / "crawl.warc", records))
    assert isinstance(rejection, Rejection) and rejection.code == code
