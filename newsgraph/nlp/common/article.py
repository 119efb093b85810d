"""The article a Doc comes from, as declared Doc extensions that every component may read."""
from __future__ import annotations

from datetime import datetime

from spacy.tokens import Doc

Doc.set_extension("article_id", default="", force=True)
Doc.set_extension("published_at", default=None, force=True)
Doc.set_extension("outlet", default=None, force=True)


def set_article(doc: Doc, article_id: str, published_at: datetime | None = None, outlet: str | None = None) -> Doc:
    """Mark ``doc`` with its article's id, publication time and outlet; returns it."""
    doc._.article_id = article_id
    doc._.published_at = published_at
    doc._.outlet = outlet
    return doc
