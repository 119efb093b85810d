"""The store: SQLite by default (one file), any SQLAlchemy URL (e.g. PostgreSQL) by URL.

Article ids are content hashes, so adding what is already there changes nothing. An article and
everything extracted from it are written in one transaction: a crash leaves no half article.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import datetime, timezone
from pathlib import Path

from sqlalchemy import create_engine, delete, event, func, insert, select
from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError, SQLAlchemyError

from newsgraph.errors import StoreError, StoryIndexMoved, UnknownStory
from newsgraph.model import (Analysis, Article, Entity, EntityType, Event, EventStatus, EventType, Evidence, Fact,
                             Mention, Qualifier, Rejection, Report, Response, ResponseKind, Story)
from newsgraph.model.codec import from_data, to_data
from newsgraph.model.merging import merged_entities, rekeyed
from newsgraph.store import schema as t

# The shape of a stored story record (model.Story through model.codec); raise it when that shape
# changes, so that a store written by another version is rebuilt rather than misread.
STORY_FORMAT = 1


def database_url(db: str) -> str:
    """A file path means SQLite; anything with '://' is taken as a SQLAlchemy URL."""
    return db if "://" in db else f"sqlite:///{Path(db).expanduser()}"


def _iso(dt: datetime | None) -> str | None:
    return dt.isoformat() if dt else None


def _dt(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class Store:
    def __init__(self, db: str):
        url = database_url(db)
        try:
            self.engine: Engine = create_engine(url)
        except (SQLAlchemyError, ValueError) as exc:
            raise StoreError(f"cannot open the store '{db}': {exc}; give a file path or a database URL") from exc
        if url.startswith("sqlite"):
            event.listen(self.engine, "connect", _sqlite_pragmas)
        self.migrate()

    def migrate(self) -> None:
        try:
            with self.engine.begin() as conn:
                t.migrations.create(conn, checkfirst=True)
                done = set(conn.scalars(select(t.migrations.c.name)))
                for name, apply in t.MIGRATIONS:
                    if name not in done:
                        apply(conn)
                        conn.execute(insert(t.migrations).values(name=name, applied_at=_now()))
        except SQLAlchemyError as exc:
            raise StoreError(f"the store could not be opened or upgraded: {exc.__class__.__name__}: {exc}") from exc

    # -- writing ---------------------------------------------------------------------------
    def known_ids(self, ids: Iterable[str]) -> set[str]:
        ids = list(ids)
        with self.engine.connect() as conn:
            found: set[str] = set()
            for i in range(0, len(ids), 500):
                found |= set(conn.scalars(select(t.articles.c.id).where(t.articles.c.id.in_(ids[i:i + 500]))))
        return found

    def add(self, article: Article, analysis: Analysis) -> None:
        with self.engine.begin() as conn:
            if conn.scalar(select(t.articles.c.id).where(t.articles.c.id == article.id)):
                return
            conn.execute(insert(t.articles).values(
                id=article.id, source=article.source, url=article.url, outlet=article.outlet, title=article.title,
                byline=article.byline, published_at=_iso(article.published_at), text=article.text,
                encoding=article.encoding, keywords=list(analysis.keywords), added_at=_now()))
            for entity in analysis.entities:
                self._upsert_entity(conn, entity)
            rows = [dict(article_id=article.id, entity_id=Entity(key=m.entity_key, name="", type=EntityType.OTHER).id,
                         start=m.evidence.start, end=m.evidence.end, role=m.role) for m in analysis.mentions]
            if rows:
                conn.execute(insert(t.mentions), rows)
            if analysis.reports:
                conn.execute(insert(t.reports), [dict(
                    article_id=article.id, reported_by=r.reported_by, reported_by_key=r.reported_by_key,
                    citing=r.citing, claim=r.claim, start=r.evidence.start, end=r.evidence.end, implicit=r.implicit,
                    confidence=r.confidence)
                    for r in analysis.reports])
            if analysis.responses:
                conn.execute(insert(t.responses), [dict(
                    article_id=article.id, party=r.party, party_key=r.party_key, kind=r.kind.value, quote=r.quote,
                    start=r.evidence.start, end=r.evidence.end, as_of=_iso(r.as_of), confidence=r.confidence)
                    for r in analysis.responses])
            if analysis.facts:
                conn.execute(insert(t.facts), [dict(
                    article_id=article.id, subject=f.subject, subject_key=f.subject_key, metric=f.metric,
                    period=f.period, value=f.value, unit=f.unit, qualifier=f.qualifier.value,
                    start=f.evidence.start, end=f.evidence.end,
                    q_start=f.quantity.start if f.quantity else None, q_end=f.quantity.end if f.quantity else None,
                    confidence=f.confidence)
                    for f in analysis.facts])
            if analysis.events:
                conn.execute(insert(t.events), [dict(
                    article_id=article.id, type=e.type.value, status=e.status.value, participants=list(e.participants),
                    start=e.evidence.start, end=e.evidence.end, t_start=e.trigger.start, t_end=e.trigger.end)
                    for e in analysis.events])
            conn.execute(delete(t.rejections).where(t.rejections.c.source == article.source))

    @staticmethod
    def _upsert_entity(conn, entity: Entity) -> None:
        row = conn.execute(select(t.entities).where(t.entities.c.id == entity.id)).mappings().first()
        if row is None:
            conn.execute(insert(t.entities).values(id=entity.id, key=entity.key, name=entity.name,
                                                   type=entity.type.value, tickers=list(entity.tickers),
                                                   aliases=list(entity.aliases),
                                                   former_tickers=list(entity.former_tickers)))
            return
        former = list(dict.fromkeys([*row["former_tickers"], *entity.former_tickers]))
        # current listings first, as in the articles' entities
        tickers = [x for x in dict.fromkeys([*row["tickers"], *entity.tickers]) if x not in former] + former
        aliases = sorted(set(row["aliases"]) | set(entity.aliases) | {entity.name} - {row["name"]})
        if tickers != row["tickers"] or aliases != row["aliases"] or former != row["former_tickers"]:
            conn.execute(t.entities.update().where(t.entities.c.id == entity.id)
                         .values(tickers=tickers, aliases=aliases, former_tickers=former))

    def add_rejection(self, rejection: Rejection) -> None:
        with self.engine.begin() as conn:
            conn.execute(delete(t.rejections).where(t.rejections.c.id == rejection.id))
            conn.execute(insert(t.rejections).values(id=rejection.id, source=rejection.source, code=rejection.code,
                                                     reason=rejection.reason, at=_now()))

    def add_embeddings(self, model: str, vectors: dict[str, bytes]) -> None:
        """Store each article's embedding (bytes from ``stories.embeddings.to_bytes``), once."""
        if not vectors:
            return
        with self.engine.begin() as conn:
            have = set(conn.scalars(select(t.embeddings.c.article_id)
                                    .where(t.embeddings.c.article_id.in_(list(vectors)))))
            rows = [dict(article_id=a, model=model, vector=v) for a, v in vectors.items() if a not in have]
            if rows:
                conn.execute(insert(t.embeddings), rows)

    def embeddings(self, model: str) -> dict[str, bytes]:
        """Article id -> stored embedding bytes, for the given model only."""
        with self.engine.connect() as conn:
            return dict(conn.execute(select(t.embeddings.c.article_id, t.embeddings.c.vector)
                                     .where(t.embeddings.c.model == model)).all())

    def replace_stories(self, stories: list[Story], merges: dict[str, str] | None = None) -> None:
        """Write the reconciled stories (each record once) and the company merges they were built
        with, in one transaction: every reader sees the old set or the new one."""
        with self.engine.begin() as conn:
            for table in (t.story_records, t.story_articles, t.stories, t.entity_merges):
                conn.execute(delete(table))
            if merges:
                conn.execute(insert(t.entity_merges), [dict(key=k, into=v) for k, v in sorted(merges.items())])
            for s in stories:
                conn.execute(insert(t.stories).values(
                    id=s.id, title=s.title, summary=s.summary, first_published=_iso(s.first_published),
                    last_published=_iso(s.last_published)))
                conn.execute(insert(t.story_articles), [dict(story_id=s.id, article_id=a) for a in s.article_ids])
                conn.execute(insert(t.story_records).values(story_id=s.id, format=STORY_FORMAT, record=to_data(s)))

    # -- reading ---------------------------------------------------------------------------
    def articles(self, ids: Iterable[str] | None = None) -> list[Article]:
        query = select(t.articles).order_by(t.articles.c.published_at, t.articles.c.id)
        if ids is not None:
            query = query.where(t.articles.c.id.in_(list(ids)))
        with self.engine.connect() as conn:
            return [Article(id=r["id"], source=r["source"], text=r["text"], title=r["title"], outlet=r["outlet"],
                            byline=r["byline"], published_at=_dt(r["published_at"]), url=r["url"],
                            encoding=r["encoding"] or "utf-8")
                    for r in conn.execute(query).mappings()]

    def merges(self) -> dict[str, str]:
        """The company merges of the last rebuild: key -> the key that stands for it."""
        with self.engine.connect() as conn:
            return dict(conn.execute(select(t.entity_merges.c.key, t.entity_merges.c.into)).all())

    def entities(self, merges: dict[str, str] | None = None) -> dict[str, Entity]:
        """One entity per company: entries that articles made for the same company are read as one
        (``merges``, by default those stored by the last rebuild; see ``reconcile.companies``)."""
        return merged_entities(self.raw_entities(), self.merges() if merges is None else merges)

    def raw_entities(self) -> dict[str, Entity]:
        """The entities as the articles made them, before any merge."""
        with self.engine.connect() as conn:
            return {r["key"]: Entity(key=r["key"], name=r["name"], type=EntityType(r["type"]),
                                     tickers=tuple(r["tickers"]), aliases=tuple(r["aliases"]),
                                     former_tickers=tuple(r["former_tickers"]))
                    for r in conn.execute(select(t.entities).order_by(t.entities.c.name)).mappings()}

    def analyses(self, ids: Iterable[str] | None = None, merges: dict[str, str] | None = None,
                 raw: dict[str, Entity] | None = None) -> dict[str, Analysis]:
        """Everything extracted, per article id (entities as keys in mentions, merged as ``entities``);
        ``raw``: the unmerged entities to read the keys with (default: all of them)."""
        wanted = None if ids is None else list(ids)
        stored = self.raw_entities() if raw is None else raw
        key_of = {e.id: key for key, e in stored.items()}
        with self.engine.connect() as conn:
            def rows(table):
                query = select(table)
                if wanted is not None:
                    query = query.where(table.c.article_id.in_(wanted))
                return conn.execute(query).mappings().all()

            art_query = select(t.articles.c.id, t.articles.c.keywords)
            if wanted is not None:
                art_query = art_query.where(t.articles.c.id.in_(wanted))
            parts: dict[str, dict[str, list]] = {
                aid: {"mentions": [], "reports": [], "responses": [], "facts": [], "events": [], "keywords": kw}
                for aid, kw in conn.execute(art_query).all()}
            for r in rows(t.mentions):
                parts[r["article_id"]]["mentions"].append(Mention(
                    entity_key=key_of[r["entity_id"]], evidence=Evidence(r["article_id"], r["start"], r["end"]),
                    role=r["role"]))
            for r in rows(t.reports):
                parts[r["article_id"]]["reports"].append(Report(
                    reported_by=r["reported_by"], reported_by_key=r["reported_by_key"], citing=r["citing"],
                    claim=r["claim"], evidence=Evidence(r["article_id"], r["start"], r["end"]),
                    implicit=bool(r["implicit"]), confidence=r["confidence"]))
            for r in rows(t.responses):
                parts[r["article_id"]]["responses"].append(Response(
                    party=r["party"], party_key=r["party_key"], kind=ResponseKind(r["kind"]), quote=r["quote"],
                    evidence=Evidence(r["article_id"], r["start"], r["end"]), as_of=_dt(r["as_of"]),
                    confidence=r["confidence"]))
            for r in rows(t.facts):
                parts[r["article_id"]]["facts"].append(Fact(
                    subject=r["subject"], subject_key=r["subject_key"], metric=r["metric"], period=r["period"],
                    value=r["value"], unit=r["unit"], qualifier=Qualifier(r["qualifier"]),
                    evidence=Evidence(r["article_id"], r["start"], r["end"]),
                    quantity=Evidence(r["article_id"], r["q_start"], r["q_end"]) if r["q_start"] is not None else None,
                    confidence=r["confidence"]))
            for r in rows(t.events):
                parts[r["article_id"]]["events"].append(Event(
                    type=EventType(r["type"]), status=EventStatus(r["status"]), participants=tuple(r["participants"]),
                    trigger=Evidence(r["article_id"], r["t_start"], r["t_end"]),
                    evidence=Evidence(r["article_id"], r["start"], r["end"])))
        into = self.merges() if merges is None else merges
        names = {key: e.name for key, e in stored.items()}  # merging keeps the standing entity's name
        return {aid: rekeyed(Analysis(article_id=aid, mentions=tuple(p["mentions"]), reports=tuple(p["reports"]),
                                      responses=tuple(p["responses"]), facts=tuple(p["facts"]),
                                      keywords=tuple(p["keywords"] or ()), events=tuple(p["events"])), into, names)
                for aid, p in parts.items()}

    def story_rows(self) -> list[dict]:
        with self.engine.connect() as conn:
            members: dict[str, list[str]] = {}
            for sid, aid in conn.execute(select(t.story_articles.c.story_id, t.story_articles.c.article_id)):
                members.setdefault(sid, []).append(aid)
            out = []
            for r in conn.execute(select(t.stories).order_by(t.stories.c.last_published.desc(),
                                                             t.stories.c.id)).mappings():
                out.append({**r, "article_ids": sorted(members.get(r["id"], []))})
            return out

    def stories(self) -> list[Story]:
        """The reconciled stories as the last rebuild stored them, newest first (as ``story_rows``)."""
        with self.engine.connect() as conn:
            records = {sid: (fmt, record) for sid, fmt, record in conn.execute(
                select(t.story_records.c.story_id, t.story_records.c.format, t.story_records.c.record))}
        return [_story_of(*records.get(row["id"], (None, None))) for row in self.story_rows()]

    def story(self, story_id: str) -> Story:
        """One stored story, by id or by a unique prefix of at least six characters."""
        rows = [r["id"] for r in self.story_rows()]
        found = [r for r in rows if r == story_id] or \
            ([r for r in rows if r.startswith(story_id)] if len(story_id) >= 6 else [])
        if len(found) != 1:
            raise UnknownStory(f"no story '{story_id}' in this store; `newsgraph stories` lists them")
        with self.engine.connect() as conn:
            stored = conn.execute(select(t.story_records.c.format, t.story_records.c.record)
                                  .where(t.story_records.c.story_id == found[0])).one_or_none()
        return _story_of(*(stored or (None, None)))

    def rejections(self) -> list[Rejection]:
        with self.engine.connect() as conn:
            return [Rejection(source=r["source"], code=r["code"], reason=r["reason"])
                    for r in conn.execute(select(t.rejections).order_by(t.rejections.c.source)).mappings()]

    # -- per-article and per-story reads (their cost follows what they read, not the store) -------
    def embeddings_of(self, model: str, ids: Iterable[str]) -> dict[str, bytes]:
        """``embeddings`` for the given articles only."""
        with self.engine.connect() as conn:
            return {a: v for part in _chunks(ids) for a, v in conn.execute(
                select(t.embeddings.c.article_id, t.embeddings.c.vector)
                .where(t.embeddings.c.model == model, t.embeddings.c.article_id.in_(part)))}

    def raw_entities_of(self, keys: Iterable[str] = (), article_ids: Iterable[str] = ()) -> dict[str, Entity]:
        """``raw_entities`` for the given keys and for the entities the given articles mention."""
        with self.engine.connect() as conn:
            rows = [r for part in _chunks(keys) for r in conn.execute(
                select(t.entities).where(t.entities.c.key.in_(part))).mappings()]
            rows += [r for part in _chunks(article_ids) for r in conn.execute(
                select(t.entities).where(t.entities.c.id.in_(
                    select(t.mentions.c.entity_id).where(t.mentions.c.article_id.in_(part))))).mappings()]
        return {r["key"]: Entity(key=r["key"], name=r["name"], type=EntityType(r["type"]), tickers=tuple(r["tickers"]),
                                 aliases=tuple(r["aliases"]), former_tickers=tuple(r["former_tickers"]))
                for r in sorted(rows, key=lambda r: (r["name"], r["key"]))}

    def merges_of(self, keys: Iterable[str]) -> dict[str, str]:
        """The stored company merges that touch the given keys (merged away, or standing for others)."""
        keys = list(dict.fromkeys(keys))
        with self.engine.connect() as conn:
            return {k: v for part in _chunks(keys) for k, v in conn.execute(
                select(t.entity_merges.c.key, t.entity_merges.c.into)
                .where(t.entity_merges.c.key.in_(part) | t.entity_merges.c.into.in_(part)))}

    def entities_of(self, keys: Iterable[str], merges_of=None) -> dict[str, Entity]:
        """``entities`` for the given (standing) keys: each with the names of what merged into it.
        ``merges_of``: how to read the merges of some keys (default ``Store.merges_of``)."""
        keys = set(keys)
        into = {k: v for k, v in (merges_of or self.merges_of)(keys).items() if v in keys}
        raw = self.raw_entities_of(keys | set(into))
        into = {k: v for k, v in into.items() if k in raw and v in raw}
        return {k: e for k, e in merged_entities(raw, into).items() if k in keys}

    def analyses_of(self, ids: Iterable[str], merges_of=None) -> dict[str, Analysis]:
        """``analyses`` of the given articles, reading only the entities and merges they name."""
        ids = list(dict.fromkeys(ids))
        if not ids:
            return {}
        raw = self.raw_entities_of(article_ids=ids)
        plain = self.analyses(ids, merges={}, raw=raw)
        keys = {k for a in plain.values() for k in analysis_keys(a)}
        into = {k: v for k, v in (merges_of or self.merges_of)(keys).items() if k in keys}
        names = {k: e.name for k, e in self.raw_entities_of(set(into.values())).items()}
        return {aid: rekeyed(a, into, names) for aid, a in plain.items()}

    def story_members(self, story_ids: Iterable[str]) -> dict[str, list[str]]:
        """Stored story id -> its article ids."""
        out: dict[str, list[str]] = {}
        with self.engine.connect() as conn:
            for part in _chunks(story_ids):
                for sid, aid in conn.execute(select(t.story_articles.c.story_id, t.story_articles.c.article_id)
                                             .where(t.story_articles.c.story_id.in_(part))):
                    out.setdefault(sid, []).append(aid)
        return {k: sorted(v) for k, v in out.items()}

    def stories_of_articles(self, article_ids: Iterable[str]) -> dict[str, str]:
        """Article id -> the stored story it is in."""
        with self.engine.connect() as conn:
            return {a: s for part in _chunks(article_ids) for s, a in conn.execute(
                select(t.story_articles.c.story_id, t.story_articles.c.article_id)
                .where(t.story_articles.c.article_id.in_(part)))}

    def articles_mentioning(self, keys: Iterable[str]) -> set[str]:
        """The articles with a mention of any of these (unmerged) entity keys."""
        ids = [Entity(key=k, name="", type=EntityType.OTHER).id for k in keys]
        with self.engine.connect() as conn:
            return {a for part in _chunks(ids) for a in conn.scalars(
                select(t.mentions.c.article_id).where(t.mentions.c.entity_id.in_(part)).distinct())}

    def entity_keys_with_tickers(self, tickers: Iterable[str]) -> set[str]:
        """The entities carrying any of these tickers (as indexed by the last story update)."""
        with self.engine.connect() as conn:
            return {k for part in _chunks(tickers) for k in conn.scalars(
                select(t.entity_tickers.c.key).where(t.entity_tickers.c.ticker.in_(part)))}

    def story_count(self) -> int:
        with self.engine.connect() as conn:
            return conn.scalar(select(func.count()).select_from(t.stories)) or 0

    # -- the persisted story index (0007_story_index; ``clustering.stored_index``) ---------------
    def story_index_meta(self) -> dict[str, int]:
        with self.engine.connect() as conn:
            return dict(conn.execute(select(t.story_index_meta.c.name, t.story_index_meta.c.value)).all())

    def story_index_counts(self, keys: Iterable[str]) -> dict[str, int]:
        with self.engine.connect() as conn:
            return {k: n for part in _chunks(keys) for k, n in conn.execute(
                select(t.story_index_counts.c.key, t.story_index_counts.c.n)
                .where(t.story_index_counts.c.key.in_(part)))}

    def story_index_blocks(self, keys: Iterable[str]) -> dict[str, list[int]]:
        out: dict[str, list[int]] = {}
        with self.engine.connect() as conn:
            for part in _chunks(keys):
                for key, sid in conn.execute(select(t.story_index_blocks.c.key, t.story_index_blocks.c.sid)
                                             .where(t.story_index_blocks.c.key.in_(part))
                                             .order_by(t.story_index_blocks.c.key, t.story_index_blocks.c.seq)):
                    out.setdefault(key, []).append(sid)
        return out

    def story_index_vectors(self, sids: Iterable[int]) -> dict[int, tuple[bytes, float | None, float | None]]:
        """sid -> (its centroid sum, first day, last day)."""
        c = t.story_index.c
        with self.engine.connect() as conn:
            return {s: (v, a, b) for part in _chunks(sids) for s, v, a, b in conn.execute(
                select(c.sid, c.vec, c.first, c.last).where(c.sid.in_(part)))}

    def story_index_states(self, sids: Iterable[int]) -> dict[int, dict]:
        with self.engine.connect() as conn:
            return {r["sid"]: dict(r) for part in _chunks(sids) for r in conn.execute(
                select(t.story_index).where(t.story_index.c.sid.in_(part))).mappings()}

    def drop_story_index(self) -> None:
        """Mark the index as not built (a rebuild is under way: if it stops, the next analyze
        rebuilds rather than trusting a half-written index)."""
        with self.engine.begin() as conn:
            conn.execute(delete(t.story_index_meta).where(t.story_index_meta.c.name == "built"))

    def replace_story_index(self, index, tickers: dict[str, set[str]]) -> None:
        """Write the whole story index (``stored_index.index_rows``) and the ticker index."""
        with self.engine.begin() as conn:
            for table in (t.story_index, t.story_index_blocks, t.story_index_counts, t.story_index_meta,
                          t.entity_tickers):
                conn.execute(delete(table))
            _write_index(conn, index, whole=True)
            _write_tickers(conn, tickers)
            conn.execute(insert(t.story_index_meta).values(name="built", value=1))

    def update_stories(self, stories: list[Story], removed: Iterable[str], index, merges: dict[str, str],
                       unmerged: Iterable[str], tickers: dict[str, set[str]], seen: int | None = None) -> None:
        """Write what a batch changed, in one transaction: the given stories replace the stored
        ones with their ids (the others stay as they are), ``removed`` story ids go, the index rows
        (``stored_index.IndexDelta``), the company merges of the keys in ``unmerged`` are replaced
        by ``merges``, and the tickers of the given entity keys are indexed. ``seen``: the index's
        article count the batch was computed from; when another writer has moved it since,
        nothing is written and ``StoryIndexMoved`` is raised."""
        try:
            with self.engine.begin() as conn:
                now = conn.scalar(select(t.story_index_meta.c.value).where(t.story_index_meta.c.name == "seen"))
                if seen is not None and (now or 0) != seen:
                    raise StoryIndexMoved("another analyze changed the stories meanwhile")
                self._write_story_update(conn, stories, removed, index, merges, unmerged, tickers)
        except OperationalError as exc:  # SQLite: another writer committed after this snapshot began
            raise StoryIndexMoved(f"another analyze changed the stories meanwhile ({exc})") from exc

    @staticmethod
    def _write_story_update(conn, stories, removed, index, merges, unmerged, tickers) -> None:
        gone = [*removed, *(s.id for s in stories)]
        for part in _chunks(gone):
            for table, column in ((t.story_records, t.story_records.c.story_id),
                                  (t.story_articles, t.story_articles.c.story_id), (t.stories, t.stories.c.id)):
                conn.execute(delete(table).where(column.in_(part)))
        for s in stories:
            _insert_story(conn, s)
        for part in _chunks(unmerged):
            conn.execute(delete(t.entity_merges).where(t.entity_merges.c.key.in_(part)))
        if merges:
            conn.execute(insert(t.entity_merges), [dict(key=k, into=v) for k, v in sorted(merges.items())])
        _write_index(conn, index, whole=False)
        for part in _chunks(tickers):
            conn.execute(delete(t.entity_tickers).where(t.entity_tickers.c.key.in_(part)))
        _write_tickers(conn, tickers)


def _chunks(values: Iterable, size: int = 500) -> Iterator[list]:
    values = list(values)
    for i in range(0, len(values), size):
        yield values[i:i + size]


def analysis_keys(analysis: Analysis) -> set[str]:
    """Every entity key an analysis names (mentions, reports, responses, facts, events)."""
    return ({m.entity_key for m in analysis.mentions} | {r.reported_by_key for r in analysis.reports}
            | {r.party_key for r in analysis.responses} | {f.subject_key for f in analysis.facts}
            | {p for e in analysis.events for p in e.participants}) - {None, ""}


def _insert_story(conn, s: Story) -> None:
    conn.execute(insert(t.stories).values(id=s.id, title=s.title, summary=s.summary,
                                          first_published=_iso(s.first_published),
                                          last_published=_iso(s.last_published)))
    conn.execute(insert(t.story_articles), [dict(story_id=s.id, article_id=a) for a in s.article_ids])
    conn.execute(insert(t.story_records).values(story_id=s.id, format=STORY_FORMAT, record=to_data(s)))


def _write_index(conn, index, whole: bool) -> None:
    """The rows of a ``stored_index.IndexDelta``; ``whole``: the tables are empty already."""
    if not whole:
        sids = [row["sid"] for row in index.stories] + list(index.removed)
        for part in _chunks(sids):
            conn.execute(delete(t.story_index).where(t.story_index.c.sid.in_(part)))
        for part in _chunks(index.blocks):
            conn.execute(delete(t.story_index_blocks).where(t.story_index_blocks.c.key.in_(part)))
        for part in _chunks(index.counts):
            conn.execute(delete(t.story_index_counts).where(t.story_index_counts.c.key.in_(part)))
        conn.execute(delete(t.story_index_meta).where(t.story_index_meta.c.name.in_(list(index.meta))))
    for part in _chunks(index.stories, 200):
        conn.execute(insert(t.story_index), part)
    for part in _chunks(((k, s, n) for k, sids in index.blocks.items() for n, s in enumerate(sids)), 5000):
        conn.execute(insert(t.story_index_blocks), [dict(key=k, sid=s, seq=n) for k, s, n in part])
    for part in _chunks(index.counts.items(), 5000):
        conn.execute(insert(t.story_index_counts), [dict(key=k, n=n) for k, n in part])
    if index.meta:
        conn.execute(insert(t.story_index_meta), [dict(name=k, value=v) for k, v in index.meta.items()])


def _write_tickers(conn, tickers: dict[str, set[str]]) -> None:
    rows = [dict(ticker=x, key=k) for k, xs in sorted(tickers.items()) for x in sorted(xs)]
    for part in _chunks(rows, 5000):
        conn.execute(insert(t.entity_tickers), part)


def _story_of(fmt: int | None, record: dict | None) -> Story:
    if fmt != STORY_FORMAT or record is None:
        raise StoreError("this store's stories were built by another version of newsgraph; "
                         "run `newsgraph rebuild --db STORE` to rebuild them")
    return from_data(Story, record)


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()
