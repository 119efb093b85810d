"""HTML pages: the main text and metadata through trafilatura, then the same junk rules as text."""
from __future__ import annotations

import trafilatura

from newsgraph.clean import metadata
from newsgraph.clean.text_junk import CleanText, clean_body


def clean_html(html: str, url: str | None = None) -> CleanText:
    doc = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, include_tables=False,
        include_images=False, deduplicate=False,
    )
    if doc is None:
        return CleanText(text="")
    text = clean_body((doc.text or "").split("\n"))
    return CleanText(
        text=text,
        title=(doc.title or None),
        byline=(doc.author or None),
        outlet=(doc.sitename or None),
        published_at=metadata.parse_iso(doc.date),
    )
