"""News feeds (.rss, .atom, .xml): RSS 0.9x/1.0/2.0 and Atom, read by feedparser; one article per item.

An item's article is its full content (``content:encoded``, Atom ``content``) or, when the feed
carries none, its summary; HTML is cleaned like a page, plain text like a text file. The item's
title, link, author and date, and the feed's title as the outlet, come with it. An item's source is
``FILE#id`` (``FILE#n`` for the n-th item when it has no id), as for JSON Lines. An item without
text is rejected on its own; the other items go on. A file that is no feed at all is rejected.
An HTML fragment (a summary of a few sentences) is read as the body of a page, so that a summary
with enough words is an article (trafilatura finds nothing in a bare fragment).
"""
from __future__ import annotations

import calendar
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import urljoin

import feedparser

from newsgraph import errors
from newsgraph.ingest.raw import RawDocument, read_bytes
from newsgraph.model import Rejection

PAGE = re.compile(r"<(?:html|body)\b", re.I)  # content that is a whole page, not a fragment


def read_feed(path: Path, source: str, max_bytes: int) -> Iterator[RawDocument | Rejection]:
    for item in feed_items(read_bytes(path, max_bytes), source):
        yield item.document()


@dataclass(frozen=True)
class FeedItem:
    """One item of a feed: where it comes from, its link and metadata, and its own text (its full
    content, else its summary; may be empty). ``key`` names the item within its feed: its id, else
    its link, else its position."""

    source: str  # FEED#id (FEED#n for the n-th item without an id)
    key: str
    link: str
    meta: dict
    kind: str  # 'html' or 'text'
    content: str

    def document(self) -> RawDocument | Rejection:
        """The item as it is, to analyse; an item without text is rejected."""
        if not self.content.strip():
            return Rejection.of(self.source, errors.empty("feed item"))
        return RawDocument(source=self.source, kind=self.kind, content=self.content, meta=self.meta)


def feed_items(data: bytes, source: str, base: str | None = None, content_type: str | None = None) -> list[FeedItem]:
    """The items of a feed held in memory; raises InputRejected when it is no feed or has no item.
    ``base``: the feed's own address, against which relative item links are resolved;
    ``content_type``: the HTTP Content-Type it came with (its charset counts)."""
    if not data.strip():
        raise errors.empty()
    headers = {key: value for key, value in (("content-location", base), ("content-type", content_type)) if value}
    parsed = feedparser.parse(data, response_headers=headers or None)
    if not parsed.version and not parsed.entries:
        problem = parsed.get("bozo_exception")
        raise errors.bad_feed(str(problem) if problem else "no RSS or Atom feed found")
    if not parsed.entries:
        if parsed.get("bozo") and parsed.get("bozo_exception"):  # broken XML, not a quiet feed
            raise errors.bad_feed(str(parsed.bozo_exception))
        raise errors.empty("feed")
    outlet = parsed.feed.get("title", "").strip()
    return [_item(entry, source, number, outlet, base) for number, entry in enumerate(parsed.entries, start=1)]


def _item(entry, source: str, number: int, outlet: str, base: str | None) -> FeedItem:
    link = entry.get("link", "")
    if link and base:
        link = urljoin(base, link)
    meta = {key: value for key, value in (
        ("id", entry.get("id", "")),
        ("url", link),
        ("title", entry.get("title", "").strip()),
        ("outlet", outlet),
        ("byline", entry.get("author", "").strip()),
        ("published_at", _date(entry)),
    ) if value}
    kind, content = _content(entry)
    return FeedItem(source=f"{source}#{entry.get('id') or number}", key=entry.get("id") or link or str(number),
                    link=link, meta=meta, kind=kind, content=content)


def _content(entry) -> tuple[str, str]:
    """('html' or 'text', the longest of the item's content blocks and its summary)."""
    blocks = [*entry.get("content", [])]
    if entry.get("summary"):
        blocks.append({"value": entry.summary, "type": entry.get("summary_detail", {}).get("type", "text/html")})
    if not blocks:
        return "text", ""
    best = max(blocks, key=lambda block: len(block.get("value") or ""))
    kind = "html" if "html" in (best.get("type") or "text/html") else "text"
    value = best.get("value") or ""
    if kind == "html" and value.strip() and not PAGE.search(value):
        # trafilatura reads pages: a bare fragment (a summary of a few sentences) gives it nothing
        value = f"<html><body><article>{value}</article></body></html>"
    return kind, value


def _date(entry) -> str:
    """The item's publication (or else update) time as ISO 8601 in UTC, or '' when it has none."""
    for key in ("published_parsed", "updated_parsed"):
        moment = entry.get(key)
        if moment:
            return datetime.fromtimestamp(calendar.timegm(moment), tz=timezone.utc).isoformat()
    return ""
