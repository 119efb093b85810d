"""Records of an article's other appearances: its copies (the same text elsewhere) and its versions
(the same article with its text edited). Pure records, no I/O."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from newsgraph.model.records import Analysis, content_id


@dataclass(frozen=True)
class Copy:
    """The canonical article's text as another appearance carries it: another outlet's wire copy,
    the same page read from a web archive. Not analysed: its canonical's analysis serves."""

    canonical_id: str
    source: str
    text_hash: str
    similarity: float  # estimated Jaccard of the two texts' word shingles (1.0: the same words)
    outlet: str | None = None
    url: str | None = None
    title: str | None = None
    published_at: datetime | None = None
    seen_at: datetime | None = None

    @property
    def id(self) -> str:
        """One record per canonical, outlet, address and text: the same copy read again is not new."""
        return content_id(self.canonical_id, (self.outlet or "").casefold(), (self.url or "").casefold(),
                          self.text_hash, prefix="c")


@dataclass(frozen=True)
class ArticleVersion:
    """One version of an article: its text, what it said, and the sentences that changed against the
    version before (version 1 changes nothing)."""

    article_id: str
    version: int
    text_hash: str
    text: str
    source: str
    analysis: Analysis  # offsets point into this version's ``text``
    title: str | None = None
    published_at: datetime | None = None
    seen_at: datetime | None = None
    added: tuple[str, ...] = ()  # sentences this version has and the previous one had not
    removed: tuple[str, ...] = ()  # sentences of the previous version this one drops
