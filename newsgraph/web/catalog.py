"""What the pages and the API read: the store's articles, entities and stored stories, read once and
kept until the store changes.

Stories are read as the last rebuild stored them (``Store.stories``); nothing here reconciles. The
catalog is cached per store fingerprint (article count, last addition, story ids) and read again
after an ingest.
"""
from __future__ import annotations

import threading
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cached_property

from sqlalchemy import func, select

from newsgraph.model import Analysis, Article, Entity, EntityType, Story, time_key
from newsgraph.model.copies import ArticleVersion, Copy
from newsgraph.store import schema as t
from newsgraph.store.db import Store


@dataclass(frozen=True)
class Catalog:
    articles: dict[str, Article]
    entities: dict[str, Entity]  # by key
    analyses: dict[str, Analysis]
    stories: list[Story]  # newest first
    story_of: dict[str, str] = field(default_factory=dict)  # article id -> story id
    copies: dict[str, list[Copy]] = field(default_factory=dict)  # article id -> its copies (flow.copies)
    versions: dict[str, list[ArticleVersion]] = field(default_factory=dict)  # article id -> its kept versions

    @cached_property
    def texts(self) -> dict[str, str]:
        return {a.id: a.text for a in self.articles.values()}

    def outlet(self, article_id: str) -> str:
        a = self.articles[article_id]
        return a.outlet or a.source

    def outlets(self, story: Story) -> list[str]:
        """The story's outlets, those that ran a copy of one of its articles included."""
        return sorted({self.outlet(a) for a in story.article_ids if a in self.articles}
                      | {c.outlet for c in self.copies_of(story) if c.outlet})

    def copies_of(self, story: Story) -> list[Copy]:
        """The copies of the story's articles (the same texts elsewhere), article by article."""
        return [c for a in story.article_ids for c in self.copies.get(a, ())]

    def story(self, story_id: str) -> Story | None:
        """A story by id, or by a unique prefix of at least six characters (as the CLI takes)."""
        found = [s for s in self.stories if s.id == story_id]
        if not found and len(story_id) >= 6:
            found = [s for s in self.stories if s.id.startswith(story_id)]
        return found[0] if len(found) == 1 else None

    def entity(self, entity_id: str) -> Entity | None:
        return next((e for e in self.entities.values() if e.id == entity_id), None)

    @cached_property
    def all_outlets(self) -> list[str]:
        """Every outlet of the store, by name."""
        return sorted({self.outlet(a) for a in self.articles}
                      | {c.outlet for copies in self.copies.values() for c in copies if c.outlet}, key=str.casefold)

    @cached_property
    def companies(self) -> list[Entity]:
        """Companies some story is about, by name."""
        keys = {k for s in self.stories for k in s.entity_keys}
        return sorted((e for k, e in self.entities.items() if k in keys and e.type == EntityType.COMPANY),
                      key=lambda e: e.name.casefold())

    def find_entities(self, wanted: str) -> list[Entity]:
        """Entities whose id, name, alias or ticker (with or without exchange) is ``wanted``, any case."""
        w = wanted.strip().casefold()
        return [e for e in self.entities.values() if w == e.id or w in e.names()]

    def stories_between(self, stories: list[Story], since: date | None, until: date | None) -> list[Story]:
        """Stories with an article published on a day in [since, until] (either end open)."""
        def inside(a: Article) -> bool:
            day = a.published_at.date() if a.published_at else None
            return day is not None and (since is None or day >= since) and (until is None or day <= until)
        if since is None and until is None:
            return stories
        return [s for s in stories if any(inside(self.articles[a]) for a in s.article_ids if a in self.articles)]


def fingerprint(store: Store) -> tuple:
    with store.snapshot() as conn:
        count, last = conn.execute(select(func.count(), func.max(t.articles.c.added_at))).one()
        copies = conn.scalar(select(func.count()).select_from(t.article_copies))
        stories = tuple(conn.scalars(select(t.stories.c.id).order_by(t.stories.c.id)))
    return count, last, stories, copies


def build_catalog(store: Store) -> Catalog:
    articles = {a.id: a for a in store.articles()}
    entities = store.entities()
    analyses = store.analyses()
    stories = [s for s in store.stories() if s.article_ids]
    stories.sort(key=lambda s: (-recency_seconds(s.last_published), s.id))
    story_of = {a: s.id for s in stories for a in s.article_ids}
    return Catalog(articles, entities, analyses, stories, story_of, store.copies(), store.versions())


def recency_seconds(dt: datetime | None) -> float:
    key = time_key(dt)
    return key if key != float("inf") else float("-inf")  # undated stories last in a newest-first list


class CatalogCache:
    """One catalog per store fingerprint, built by one thread at a time."""

    def __init__(self, store: Store):
        self.store = store
        self._lock = threading.Lock()
        self._key: tuple | None = None
        self._catalog: Catalog | None = None

    def get(self) -> Catalog:
        key = fingerprint(self.store)
        with self._lock:
            if self._catalog is None or key != self._key:
                self._catalog, self._key = build_catalog(self.store), key
            return self._catalog
