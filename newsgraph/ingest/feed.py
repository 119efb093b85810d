"""News feeds (.rss, .atom, .xml): RSS 0.9x/1.0/2.0 and Atom, read by feedparser; one article per item.

An item's article is its full content (``content:encoded``, Atom ``content``) or, when the feed
carries none, its summary; HTML is cleaned like a page, plain text like a text file. The item's
title, link, author and date, and the feed's title as the outlet, come with it. An item's source is
``FILE#id`` (``FILE#n`` for the n-th item when it has no id), as for JSON Lines. An item without
text is rejected on its own; the other items go on. A file that is no feed at all is rejected.
"""
from __future__ import annotations

import calendar
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path

import feedparser

from newsgraph import errors
from newsgraph.ingest.raw import RawDocument, read_bytes
from newsgraph.model import Rejection


def read_feed(path: Path, source: str, max_bytes: int) -> Iterator[RawDocument | Rejection]:
    data = read_bytes(path, max_bytes)
    if not data.strip():
        raise errors.empty()
    parsed = feedparser.parse(data)
    if not parsed.version and not parsed.entries:
        problem = parsed.get("bozo_exception")
        raise errors.bad_feed(str(problem) if problem else "no RSS or Atom feed found")
    if not parsed.entries:
        raise errors.empty("feed")
    outlet = parsed.feed.get("title", "").strip()
    for number, entry in enumerate(parsed.entries, start=1):
        yield _document(entry, source, number, outlet)


def _document(entry, source: str, number: int, outlet: str) -> RawDocument | Rejection:
    where = f"{source}#{entry.get('id') or number}"
    meta = {key: value for key, value in (
        ("id", entry.get("id", "")),
        ("url", entry.get("link", "")),
        ("title", entry.get("title", "").strip()),
        ("outlet", outlet),
        ("byline", entry.get("author", "").strip()),
        ("published_at", _date(entry)),
    ) if value}
    kind, content = _content(entry)
    if not content.strip():
        return Rejection.of(where, errors.empty("feed item"))
    return RawDocument(source=where, kind=kind, content=content, meta=meta)


def _content(entry) -> tuple[str, str]:
    """('html' or 'text', the longest of the item's content blocks and its summary)."""
    blocks = [*entry.get("content", [])]
    if entry.get("summary"):
        blocks.append({"value": entry.summary, "type": entry.get("summary_detail", {}).get("type", "text/html")})
    if not blocks:
        return "text", ""
    best = max(blocks, key=lambda block: len(block.get("value") or ""))
    kind = "html" if "html" in (best.get("type") or "text/html") else "text"
    return kind, best.get("value") or ""


def _date(entry) -> str:
    """The item's publication (or else update) time as ISO 8601 in UTC, or '' when it has none."""
    for key in ("published_parsed", "updated_parsed"):
        moment = entry.get(key)
        if moment:
            return datetime.fromtimestamp(calendar.timegm(moment), tz=timezone.utc).isoformat()
    return ""
