"""newsgraph: from news articles to a cross-checked, source-attributed record of what is being said
about companies.

    import newsgraph
    result = newsgraph.analyze(["articles/"], db="news.db")
    data = newsgraph.export("news.db")
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from newsgraph.model import AnalyzeResult, Article, Rejection, Story
from newsgraph.settings import Settings

__all__ = ["analyze", "extract", "export", "stories", "story", "Settings", "Article", "Rejection", "Story"]
__version__ = "0.1.0"


def analyze(paths: Iterable[str | Path], db: str | None = None, **settings: object) -> AnalyzeResult:
    """Analyse files and folders into the store (default ``newsgraph.db``) and rebuild its stories."""
    from newsgraph.workflow import analyze as _analyze

    return _analyze(paths, Settings.from_env(db=db, **settings))


def extract(paths: Iterable[str | Path], **settings: object) -> Iterator[Article | Rejection]:
    """Cleaned articles, or rejections with their reason, without analysing or storing anything."""
    from newsgraph.workflow import extract as _extract

    return _extract(paths, Settings.from_env(**settings))


def export(db: str | None = None) -> dict:
    """The whole store as the JSON export (a dict)."""
    from newsgraph.exports.document import export_store
    from newsgraph.store.db import Store

    return export_store(Store(Settings.from_env(db=db).db))


def stories(db: str | None = None) -> list[dict]:
    """One row per story: id, title, summary, dates, article ids."""
    from newsgraph.store.db import Store

    return Store(Settings.from_env(db=db).db).story_rows()


def story(story_id: str, db: str | None = None) -> Story:
    """One story's full record (by id or a unique prefix of six or more characters), as stored."""
    from newsgraph.store.db import Store

    return Store(Settings.from_env(db=db).db).story(story_id)
