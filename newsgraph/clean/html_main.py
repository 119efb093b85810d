"""HTML pages: the main text and metadata through trafilatura, then the same junk rules as text."""
from __future__ import annotations

import re

import trafilatura

from newsgraph import lexicon
from newsgraph.clean import metadata
from newsgraph.clean.text_junk import CleanText, clean_body


def clean_html(html: str, url: str | None = None) -> CleanText:
    doc = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False,
    )
    if doc is None:
        return CleanText(text="")
    # trafilatura has already cut the page furniture: only junk lines and legal lines go, and
    # short lines (list items, table rows, headings) stay
    text = clean_body((doc.text or "").split("\n"), keep_short_lines=True)
    return CleanText(
        text=text,
        title=metadata.headline(doc.title or None),
        byline=(doc.author or None),
        outlet=(doc.sitename or None),
        published_at=_published_time(html, metadata.parse_iso(doc.date)),
    )


PUBLISHED_META = re.compile(
    r"<meta\b(?=[^>]*\b(?:property|name|itemprop)\s*=\s*[\"'](?:" + lexicon.alternation("clean.published_meta_names")
    + r")[\"'])[^>]*\bcontent\s*=\s*[\"']([^\"']+)", re.I)

JSON_LD_PUBLISHED = re.compile(r"[\"']datePublished[\"']\s*:\s*[\"']([^\"']+)")
TIME_ELEMENT = re.compile(r"<time\b[^>]*\bdatetime\s*=\s*[\"']([^\"']+)", re.I)


def _published_time(html: str, date_only):
    """The page's own publication time, with its time of day and offset (trafilatura keeps the date
    only): a publication meta tag, else schema.org JSON-LD, else a <time> element of the same day."""
    head = html[:200_000]
    for pattern in (PUBLISHED_META, JSON_LD_PUBLISHED):
        m = pattern.search(head)
        found = metadata.parse_iso(m.group(1)) if m else None
        if found is not None:
            return found
    for m in TIME_ELEMENT.finditer(head):
        found = metadata.parse_iso(m.group(1))
        if found is not None and date_only is not None and found.date() == date_only.date():
            return found
    return date_only
