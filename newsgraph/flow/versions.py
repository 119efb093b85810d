"""Revisions: the same article (same URL, or same outlet and title) with its text edited.

A new version replaces the article's text and analysis in the store (the story uses the latest);
every version is kept with its text, what it said and the sentences it added and removed against the
version before (``difflib`` over the sentence lists). ``revision_pairs`` gives, for articles revised,
the previous and the new analysis side by side (what a `revision` alert compares).
"""
from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime, timezone

from newsgraph.clean.text_junk import sentences
from newsgraph.model import Analysis, Article, content_id
from newsgraph.model.copies import ArticleVersion
from newsgraph.store.db import Store


def text_hash(text: str) -> str:
    """The hash of a text as an article id is made from it (spacing ignored)."""
    return Article.make_id(text)


def sentence_list(text: str) -> list[str]:
    """The text's sentences in order, paragraph by paragraph (the cleaner's rough split)."""
    return [s for paragraph in text.split("\n") for s in sentences(paragraph)]


def changed_sentences(old: str, new: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(added, removed): the sentences of ``new`` not in ``old`` where they stand, and those of
    ``old`` that ``new`` drops; an edited sentence is one removed and one added."""
    a, b = sentence_list(old), sentence_list(new)
    added: list[str] = []
    removed: list[str] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op in ("replace", "delete"):
            removed.extend(a[i1:i2])
        if op in ("replace", "insert"):
            added.extend(b[j1:j2])
    return tuple(added), tuple(removed)


def first_version(article: Article, analysis: Analysis) -> ArticleVersion:
    """The stored article as version 1, kept when a second version arrives (it changed nothing)."""
    return ArticleVersion(article_id=article.id, version=1, text_hash=text_hash(article.text), text=article.text,
                          source=article.source, analysis=analysis, title=article.title,
                          published_at=article.published_at)


def stamped(analysis: Analysis, version: int) -> Analysis:
    """The analysis with its responses and facts marked as read from ``version``."""
    return replace(analysis, responses=tuple(replace(r, version=version) for r in analysis.responses),
                   facts=tuple(replace(f, version=version) for f in analysis.facts))


def next_version(previous: ArticleVersion, article: Article, analysis: Analysis) -> ArticleVersion:
    """The version after ``previous``: the article's new text, what it says and what changed."""
    added, removed = changed_sentences(previous.text, article.text)
    number = previous.version + 1
    return ArticleVersion(article_id=article.id, version=number, text_hash=text_hash(article.text),
                          text=article.text, source=article.source, analysis=stamped(analysis, number),
                          title=article.title,
                          published_at=article.published_at, seen_at=datetime.now(timezone.utc),
                          added=added, removed=removed)


def store_version(store: Store, article: Article, analysis: Analysis,
                  signature: tuple[bytes, list[str], str | None] | None = None) -> ArticleVersion:
    """Store ``article`` (carrying the id of the stored article it revises) as that article's next
    version, keeping the version it replaces; returns the new version."""
    kept = store.versions([article.id]).get(article.id, [])
    earlier = None
    if kept:
        previous = kept[-1]
    else:  # revised for the first time: the stored article becomes version 1
        stored = store.articles([article.id])[0]
        previous = earlier = first_version(stored, store.analyses([article.id], merges={})[article.id])
    version = next_version(previous, article, analysis)
    store.add_version(article, analysis, version, earlier, signature)
    return version


@dataclass(frozen=True)
class Revision:
    """One article's change from one version to the next: both analyses (offsets into each
    version's own text) and the sentences added and removed."""

    article_id: str
    version: int
    previous: Analysis
    current: Analysis
    previous_text: str
    current_text: str
    added: tuple[str, ...]
    removed: tuple[str, ...]

    @property
    def id(self) -> str:
        return content_id(self.article_id, str(self.version), prefix="v")


def revision_pairs(store: Store, article_ids: Iterable[str] | None = None, latest_only: bool = True) -> list[Revision]:
    """For each revised article (``article_ids``: those of one run, e.g. ``AnalyzeResult.revised``;
    None: all), the previous and the new analysis of its latest version (``latest_only``) or of
    every version after the first."""
    out: list[Revision] = []
    for aid, kept in sorted(store.versions(article_ids).items()):
        pairs = list(zip(kept, kept[1:]))
        for before, after in pairs[-1:] if latest_only else pairs:
            out.append(Revision(article_id=aid, version=after.version, previous=before.analysis,
                                current=after.analysis, previous_text=before.text, current_text=after.text,
                                added=after.added, removed=after.removed))
    return out
