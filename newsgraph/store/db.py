"""The store: SQLite by default (one file), any SQLAlchemy URL (e.g. PostgreSQL) by URL.

Article ids are content hashes, so adding what is already there changes nothing. An article and
everything extracted from it are written in one transaction: a crash leaves no half article.

Readers and writers may run at the same time, in threads and in processes:
- every read happens in a snapshot (``Store.snapshot``): one read transaction, REPEATABLE READ on
  PostgreSQL, a WAL read transaction on SQLite, so what a page or a command reads together is one
  state of the store, never half of an ``analyze`` that runs meanwhile;
- writers take turns: on SQLite every other transaction is ``BEGIN IMMEDIATE`` (WAL, with a busy
  timeout and retries while the file is locked), on PostgreSQL our writes take one advisory lock.
"""
from __future__ import annotations

import re
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import replace
from datetime import datetime, timezone
from pathlib import Path

from sqlalchemy import create_engine, delete, event, func, insert, select, text
from sqlalchemy.engine import URL, Connection, Engine, make_url
from sqlalchemy.exc import ArgumentError, OperationalError, SQLAlchemyError

from newsgraph.clean.codepoints import storable
from newsgraph.errors import StoreError, StoryIndexMoved, UnknownStory
from newsgraph.model import (Analysis, Article, Entity, EntityType, Event, EventStatus, EventType, Evidence, Fact,
                             Mention, Qualifier, Rejection, Report, Response, ResponseKind, Story, time_key)
from newsgraph.model.copies import ArticleVersion, Copy
from newsgraph.model.codec import from_data, to_data
from newsgraph.model.merging import merged_entities, rekeyed
from newsgraph.store import schema as t

# The shape of a stored story record (model.Story through model.codec); raise it when that shape
# changes, so that a store written by another version is rebuilt rather than misread.
STORY_FORMAT = 1
BUSY_TIMEOUT_MS = 10_000  # SQLite: how long one attempt waits for another writer to finish
LOCK_RETRIES = 8  # SQLite: attempts to start a transaction while the file stays locked (backing off)
WRITER_LOCK = 0x6E657773  # PostgreSQL: the advisory lock our writers take turns on ('news')
READER = "newsgraph_reader"  # execution option: this connection only reads (SQLite: a deferred BEGIN)
POOL = {"pool_size": 5, "max_overflow": 45}  # a web server's threads each hold a snapshot at most


def database_url(db: str) -> str:
    """A file path means SQLite; anything with '://' is taken as a SQLAlchemy URL."""
    return db if "://" in db else f"sqlite:///{Path(db).expanduser()}"


def _iso(dt: datetime | None) -> str | None:
    return dt.isoformat() if dt else None


def _dt(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def engine_url(db: str) -> URL:
    """The URL SQLAlchemy connects with: ``postgresql://`` (or ``postgres://``) goes through psycopg 3."""
    url = make_url(database_url(db))
    if url.drivername in ("postgresql", "postgres"):
        url = url.set(drivername="postgresql+psycopg")
    return url


class Store:
    def __init__(self, db: str):
        try:
            url = engine_url(db)
            file_db = url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:")
            # hide_parameters: a failed statement must not print an article's text into the error
            server = url.get_backend_name() != "sqlite"  # pre-ping: a server restarted since is reconnected to
            self.engine: Engine = create_engine(url, hide_parameters=True, pool_pre_ping=server,
                                                **(POOL if file_db or server else {}))
        except ModuleNotFoundError as exc:
            raise StoreError(f"the driver for '{_safe(db)}' is not installed ({exc.name}); for PostgreSQL run "
                             "`make setup` or `pip install 'psycopg[binary]'`") from exc
        except (ArgumentError, SQLAlchemyError, ValueError) as exc:
            raise StoreError(f"cannot open the store '{_safe(db)}': {exc}; give a file path or a database URL") \
                from exc
        self.where = _safe(db)
        self._held: ContextVar[Connection | None] = ContextVar(f"newsgraph_snapshot_{id(self)}", default=None)
        if self.engine.dialect.name == "sqlite":
            event.listen(self.engine, "connect", _sqlite_pragmas)
            event.listen(self.engine, "begin", _sqlite_begin)
        self.migrate()

    def migrate(self) -> None:
        try:
            with self.snapshot() as conn:  # the usual case, every migration done: no write lock taken
                if conn.dialect.has_table(conn, t.migrations.name) and \
                        {n for n, _ in t.MIGRATIONS} <= set(conn.scalars(select(t.migrations.c.name))):
                    return
            with self.writing() as conn:
                t.migrations.create(conn, checkfirst=True)
                done = set(conn.scalars(select(t.migrations.c.name)))
                for name, apply in t.MIGRATIONS:
                    if name not in done:
                        apply(conn)
                        conn.execute(insert(t.migrations).values(name=name, applied_at=_now()))
        except OperationalError as exc:
            raise StoreError(f"cannot reach the store {self.where}: {_reason(exc)}; check that the database server "
                             "runs and that the URL's host, port, user, password and database are right") from exc
        except SQLAlchemyError as exc:
            raise StoreError(f"the store {self.where} could not be opened or upgraded: {exc.__class__.__name__}: "
                             f"{_reason(exc)}") from exc

    # -- transactions ----------------------------------------------------------------------
    @contextmanager
    def snapshot(self) -> Iterator[Connection]:
        """One read transaction: every read made through this store inside the block (in this thread
        or task) sees the same state of the store. Nested snapshots share the outer one."""
        held = self._held.get()
        if held is not None:
            yield held
            return
        conn = self.open_snapshot()
        token = self._held.set(conn)
        try:
            yield conn
        finally:
            self._held.reset(token)
            conn.close()

    def open_snapshot(self) -> Connection:
        """A connection inside a read transaction (``snapshot`` for code that cannot use a ``with``
        block, e.g. a web request: ``hold`` it, read, then close it)."""
        conn = self.engine.connect()
        try:
            conn.execution_options(**{READER: True})
            if self.engine.dialect.name == "postgresql":
                conn.execution_options(isolation_level="REPEATABLE READ", postgresql_readonly=True)
            conn.begin()
            return conn
        except BaseException:
            conn.close()
            raise

    def hold(self, conn: Connection | None) -> None:
        """Make ``conn`` (from ``open_snapshot``) the snapshot of the current context, or drop it (None)."""
        self._held.set(conn)

    @contextmanager
    def writing(self) -> Iterator[Connection]:
        """One write transaction; writers take turns (see the module's docstring)."""
        with self.engine.begin() as conn:
            if conn.dialect.name == "postgresql":
                conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": WRITER_LOCK})
            yield conn

    # -- writing ---------------------------------------------------------------------------
    def known_ids(self, ids: Iterable[str]) -> set[str]:
        ids = list(ids)
        with self.snapshot() as conn:
            found: set[str] = set()
            for i in range(0, len(ids), 500):
                found |= set(conn.scalars(select(t.articles.c.id).where(t.articles.c.id.in_(ids[i:i + 500]))))
        return found

    def add(self, article: Article, analysis: Analysis,
            signature: tuple[bytes, list[str], str | None] | None = None) -> None:
        """Store a new article and its analysis (an article already stored is left as it is) and,
        in the same transaction, its near-duplicate ``signature`` (as ``add_signature`` takes it)."""
        with self.writing() as conn:
            if not conn.scalar(select(t.articles.c.id).where(t.articles.c.id == article.id)):
                self._insert_article(conn, article, analysis)
            if signature is not None:
                self._write_signature(conn, article.id, *signature)

    def _insert_article(self, conn, article: Article, analysis: Analysis) -> None:
        conn.execute(insert(t.articles).values(
            id=article.id, source=article.source, url=article.url, outlet=article.outlet, title=article.title,
            byline=article.byline, published_at=_iso(article.published_at), text=article.text,
            encoding=article.encoding, keywords=list(analysis.keywords), added_at=_now()))
        self._write_analysis(conn, article.id, analysis)
        conn.execute(delete(t.rejections).where(t.rejections.c.source == article.source))

    def _write_analysis(self, conn, article_id: str, analysis: Analysis, version: int = 1) -> None:
        """The analysis rows of one article's ``version``, in the caller's transaction."""
        self._upsert_entities(conn, analysis.entities)
        rows = [dict(article_id=article_id, entity_id=Entity(key=m.entity_key, name="", type=EntityType.OTHER).id,
                     start=m.evidence.start, end=m.evidence.end, role=m.role, version=version)
                for m in analysis.mentions]
        if rows:
            conn.execute(insert(t.mentions), rows)
        if analysis.reports:
            conn.execute(insert(t.reports), [dict(
                article_id=article_id, reported_by=r.reported_by, reported_by_key=r.reported_by_key,
                citing=r.citing, claim=r.claim, start=r.evidence.start, end=r.evidence.end, implicit=r.implicit,
                confidence=r.confidence, version=version)
                for r in analysis.reports])
        if analysis.responses:
            conn.execute(insert(t.responses), [dict(
                article_id=article_id, party=r.party, party_key=r.party_key, kind=r.kind.value, quote=r.quote,
                start=r.evidence.start, end=r.evidence.end, as_of=_iso(r.as_of), confidence=r.confidence,
                version=version)
                for r in analysis.responses])
        if analysis.facts:
            conn.execute(insert(t.facts), [dict(
                article_id=article_id, subject=f.subject, subject_key=f.subject_key, metric=f.metric,
                period=f.period, value=f.value, unit=f.unit, qualifier=f.qualifier.value,
                start=f.evidence.start, end=f.evidence.end,
                q_start=f.quantity.start if f.quantity else None, q_end=f.quantity.end if f.quantity else None,
                confidence=f.confidence, version=version)
                for f in analysis.facts])
        if analysis.events:
            conn.execute(insert(t.events), [dict(
                article_id=article_id, type=e.type.value, status=e.status.value, participants=list(e.participants),
                start=e.evidence.start, end=e.evidence.end, t_start=e.trigger.start, t_end=e.trigger.end,
                version=version)
                for e in analysis.events])

    @staticmethod
    def _upsert_entities(conn, entities: Iterable[Entity]) -> None:
        """Insert the entities not stored yet and add the others' new tickers and aliases: one
        read and one insert for all of them, an update for each stored entity that gained a name
        (taken in order, so an entity given twice merges as it would one at a time)."""
        entities = list(entities)
        ids = list(dict.fromkeys(e.id for e in entities))
        rows: dict[str, dict] = {}
        for i in range(0, len(ids), 500):
            query = select(t.entities).where(t.entities.c.id.in_(ids[i:i + 500]))
            rows.update((r["id"], dict(r)) for r in conn.execute(query).mappings())
        new: dict[str, dict] = {}
        changed: dict[str, dict] = {}
        for entity in entities:
            row = rows.get(entity.id)
            if row is None:
                rows[entity.id] = new[entity.id] = dict(
                    id=entity.id, key=entity.key, name=entity.name, type=entity.type.value,
                    tickers=list(entity.tickers), aliases=list(entity.aliases),
                    former_tickers=list(entity.former_tickers))
                continue
            former = list(dict.fromkeys([*row["former_tickers"], *entity.former_tickers]))
            # current listings first, as in the articles' entities
            tickers = [x for x in dict.fromkeys([*row["tickers"], *entity.tickers]) if x not in former] + former
            aliases = sorted(set(row["aliases"]) | set(entity.aliases) | {entity.name} - {row["name"]})
            if tickers != row["tickers"] or aliases != row["aliases"] or former != row["former_tickers"]:
                row.update(tickers=tickers, aliases=aliases, former_tickers=former)
                if entity.id not in new:
                    changed[entity.id] = row
        if new:
            conn.execute(insert(t.entities), list(new.values()))
        for entity_id, row in changed.items():
            conn.execute(t.entities.update().where(t.entities.c.id == entity_id)
                         .values(tickers=row["tickers"], aliases=row["aliases"], former_tickers=row["former_tickers"]))

    def add_rejection(self, rejection: Rejection) -> None:
        # a rejection may come straight from a reader, before the clean stage: its file name (a
        # name in no encoding reads back with lone surrogates) and reason are made storable here
        with self.writing() as conn:
            conn.execute(delete(t.rejections).where(t.rejections.c.id == rejection.id))
            conn.execute(insert(t.rejections).values(id=rejection.id, source=storable(rejection.source),
                                                     code=rejection.code, reason=storable(rejection.reason),
                                                     at=_now()))

    def add_embeddings(self, model: str, vectors: dict[str, bytes]) -> None:
        """Store each article's embedding (bytes from ``stories.embeddings.to_bytes``), once."""
        if not vectors:
            return
        with self.writing() as conn:
            have = set(conn.scalars(select(t.embeddings.c.article_id)
                                    .where(t.embeddings.c.article_id.in_(list(vectors)))))
            rows = [dict(article_id=a, model=model, vector=v) for a, v in vectors.items() if a not in have]
            if rows:
                conn.execute(insert(t.embeddings), rows)

    def embeddings(self, model: str) -> dict[str, bytes]:
        """Article id -> stored embedding bytes, for the given model only."""
        with self.snapshot() as conn:
            return dict(conn.execute(select(t.embeddings.c.article_id, t.embeddings.c.vector)
                                     .where(t.embeddings.c.model == model)).all())

    def replace_stories(self, stories: list[Story], merges: dict[str, str] | None = None,
                        seen_articles: int | None = None) -> bool:
        """Write the reconciled stories (each record once) and the company merges they were built
        with, in one transaction: every reader sees the old set or the new one.

        ``seen_articles``: how many articles the stories were built from. When another writer has
        added articles since, these stories are out of date and are not written (False): that
        writer's own rebuild, which sees them, writes its stories after its articles."""
        with self.writing() as conn:
            if seen_articles is not None and \
                    conn.scalar(select(func.count()).select_from(t.articles)) > seen_articles:
                return False
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
        return True

    # -- reading ---------------------------------------------------------------------------
    def article_count(self) -> int:
        with self.snapshot() as conn:
            return conn.scalar(select(func.count()).select_from(t.articles))

    def articles(self, ids: Iterable[str] | None = None) -> list[Article]:
        query = select(t.articles)
        if ids is not None:
            query = query.where(t.articles.c.id.in_(list(ids)))
        with self.snapshot() as conn:
            rows = sorted(conn.execute(query).mappings(), key=lambda r: (_text_key(r["published_at"]), r["id"]))
        return [Article(id=r["id"], source=r["source"], text=r["text"], title=r["title"], outlet=r["outlet"],
                        byline=r["byline"], published_at=_dt(r["published_at"]), url=r["url"],
                        encoding=r["encoding"] or "utf-8")
                for r in rows]

    def merges(self) -> dict[str, str]:
        """The company merges of the last rebuild: key -> the key that stands for it."""
        with self.snapshot() as conn:
            return dict(conn.execute(select(t.entity_merges.c.key, t.entity_merges.c.into)).all())

    def entities(self, merges: dict[str, str] | None = None) -> dict[str, Entity]:
        """One entity per company: entries that articles made for the same company are read as one
        (``merges``, by default those stored by the last rebuild; see ``reconcile.companies``)."""
        with self.snapshot():
            return merged_entities(self.raw_entities(), self.merges() if merges is None else merges)

    def raw_entities(self) -> dict[str, Entity]:
        """The entities as the articles made them, before any merge."""
        with self.snapshot() as conn:
            rows = sorted(conn.execute(select(t.entities)).mappings(), key=lambda r: (r["name"], r["key"]))
        return {r["key"]: Entity(key=r["key"], name=r["name"], type=EntityType(r["type"]),
                                 tickers=tuple(r["tickers"]), aliases=tuple(r["aliases"]),
                                 former_tickers=tuple(r["former_tickers"]))
                for r in rows}

    def analyses(self, ids: Iterable[str] | None = None, merges: dict[str, str] | None = None,
                 raw: dict[str, Entity] | None = None) -> dict[str, Analysis]:
        """Everything extracted, per article id (entities as keys in mentions, merged as ``entities``);
        ``raw``: the unmerged entities to read the keys with (default: all of them)."""
        wanted = None if ids is None else list(ids)
        with self.snapshot() as conn:  # entities, mentions and merges of one state of the store
            stored = self.raw_entities() if raw is None else raw
            key_of = {e.id: key for key, e in stored.items()}
            into = self.merges() if merges is None else merges
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
                    confidence=r["confidence"], version=r["version"]))
            for r in rows(t.facts):
                parts[r["article_id"]]["facts"].append(Fact(
                    subject=r["subject"], subject_key=r["subject_key"], metric=r["metric"], period=r["period"],
                    value=r["value"], unit=r["unit"], qualifier=Qualifier(r["qualifier"]),
                    evidence=Evidence(r["article_id"], r["start"], r["end"]),
                    quantity=Evidence(r["article_id"], r["q_start"], r["q_end"]) if r["q_start"] is not None else None,
                    confidence=r["confidence"], version=r["version"]))
            for r in rows(t.events):
                parts[r["article_id"]]["events"].append(Event(
                    type=EventType(r["type"]), status=EventStatus(r["status"]), participants=tuple(r["participants"]),
                    trigger=Evidence(r["article_id"], r["t_start"], r["t_end"]),
                    evidence=Evidence(r["article_id"], r["start"], r["end"])))
        names = {key: e.name for key, e in stored.items()}  # merging keeps the standing entity's name
        return {aid: rekeyed(Analysis(article_id=aid, mentions=tuple(p["mentions"]), reports=tuple(p["reports"]),
                                      responses=tuple(p["responses"]), facts=tuple(p["facts"]),
                                      keywords=tuple(p["keywords"] or ()), events=tuple(p["events"])), into, names)
                for aid, p in parts.items()}

    def story_rows(self) -> list[dict]:
        with self.snapshot() as conn:
            members: dict[str, list[str]] = {}
            for sid, aid in conn.execute(select(t.story_articles.c.story_id, t.story_articles.c.article_id)):
                members.setdefault(sid, []).append(aid)
            rows = [{**r, "article_ids": sorted(members.get(r["id"], []))}
                    for r in conn.execute(select(t.stories)).mappings()]
        rows.sort(key=lambda r: r["id"])
        rows.sort(key=lambda r: _text_key(r["last_published"]), reverse=True)  # newest first, undated last
        return rows

    def stories(self) -> list[Story]:
        """The reconciled stories as the last rebuild stored them, newest first (as ``story_rows``)."""
        with self.snapshot() as conn:
            records = {sid: (fmt, record) for sid, fmt, record in conn.execute(
                select(t.story_records.c.story_id, t.story_records.c.format, t.story_records.c.record))}
            rows = self.story_rows()
        return [_story_of(*records.get(row["id"], (None, None))) for row in rows]

    def story(self, story_id: str) -> Story:
        """One stored story, by id or by a unique prefix of at least six characters."""
        with self.snapshot() as conn:
            rows = [r["id"] for r in self.story_rows()]
            found = [r for r in rows if r == story_id] or \
                ([r for r in rows if r.startswith(story_id)] if len(story_id) >= 6 else [])
            if len(found) != 1:
                raise UnknownStory(f"no story '{story_id}' in this store; `newsgraph stories` lists them")
            stored = conn.execute(select(t.story_records.c.format, t.story_records.c.record)
                                  .where(t.story_records.c.story_id == found[0])).one_or_none()
        return _story_of(*(stored or (None, None)))

    def rejections(self) -> list[Rejection]:
        with self.snapshot() as conn:
            rows = sorted(conn.execute(select(t.rejections)).mappings(), key=lambda r: (r["source"], r["id"]))
        return [Rejection(source=r["source"], code=r["code"], reason=r["reason"]) for r in rows]

    # -- alerts and the watchlist (0009_alerts; rules in flow/alerts.py) --------------------------
    def stories_of_articles(self, article_ids: Iterable[str]) -> list[Story]:
        """The stored stories that hold any of these articles (as the last rebuild stored them)."""
        ids = list(article_ids)
        with self.engine.connect() as conn:
            story_ids: set[str] = set()
            for i in range(0, len(ids), 500):
                story_ids |= set(conn.scalars(select(t.story_articles.c.story_id)
                                              .where(t.story_articles.c.article_id.in_(ids[i:i + 500]))))
            wanted = sorted(story_ids)
            records = [row for i in range(0, len(wanted), 500) for row in conn.execute(
                select(t.story_records.c.story_id, t.story_records.c.format, t.story_records.c.record)
                .where(t.story_records.c.story_id.in_(wanted[i:i + 500])))]
        return [_story_of(fmt, record) for _, fmt, record in sorted(records, key=lambda r: r[0])]

    def add_alerts(self, rows: list[dict]) -> list[dict]:
        """Store the alerts (rows of ``t.alerts`` without ``seq``) whose id is not stored yet, in one
        transaction; returns those stored, each with its ``seq``."""
        if not rows:
            return []
        dialect = self.engine.dialect.name
        with self.writing() as conn:
            have = set(conn.scalars(select(t.alerts.c.id).where(t.alerts.c.id.in_([r["id"] for r in rows]))))
            fresh = [r for r in {r["id"]: r for r in rows}.values() if r["id"] not in have]
            out = []
            for row in fresh:
                if dialect in ("sqlite", "postgresql"):
                    # another writer may raise the same alert between the read above and this insert
                    new = _insert_for(dialect)(t.alerts).values(**row).on_conflict_do_nothing(index_elements=["id"])
                    seq = conn.scalar(new.returning(t.alerts.c.seq))
                else:
                    seq = conn.execute(insert(t.alerts).values(**row)).inserted_primary_key[0]
                if seq is not None:
                    out.append({**row, "seq": seq})
        return out

    def alert_rows(self, since: str | None = None, after_seq: int | None = None, limit: int | None = None,
                   newest: bool = False) -> list[dict]:
        """Stored alerts, oldest first: raised at or after ``since`` (an ISO time in UTC, as stored),
        or after the alert numbered ``after_seq``; at most ``limit``, the oldest of them or, with
        ``newest``, the newest (still listed oldest first)."""
        query = select(t.alerts).order_by(t.alerts.c.seq.desc() if newest else t.alerts.c.seq)
        if since is not None:
            query = query.where(t.alerts.c.created_at >= since)
        if after_seq is not None:
            query = query.where(t.alerts.c.seq > after_seq)
        if limit is not None:
            query = query.limit(limit)
        with self.engine.connect() as conn:
            rows = [dict(r) for r in conn.execute(query).mappings()]
        return rows[::-1] if newest else rows

    def count_alerts(self, since: str | None = None) -> int:
        """How many alerts were raised at or after ``since`` (all when None)."""
        from sqlalchemy import func

        query = select(func.count()).select_from(t.alerts)
        if since is not None:
            query = query.where(t.alerts.c.created_at >= since)
        with self.engine.connect() as conn:
            return conn.scalar(query) or 0

    def last_alert_seq(self) -> int:
        """The number of the latest alert (0 when there is none)."""
        from sqlalchemy import func

        with self.engine.connect() as conn:
            return conn.scalar(select(func.max(t.alerts.c.seq))) or 0

    def add_alert_failure(self, alert_id: str, target: str, attempts: int, error: str) -> None:
        """Record an alert that ``target`` (a webhook URL) did not take after ``attempts`` tries."""
        with self.writing() as conn:
            conn.execute(insert(t.alert_failures).values(alert_id=alert_id, target=target, attempts=attempts,
                                                         error=error, at=_now()))

    def alert_failures(self) -> list[dict]:
        """The alert deliveries that failed, oldest first."""
        with self.engine.connect() as conn:
            return [dict(r) for r in conn.execute(select(t.alert_failures).order_by(t.alert_failures.c.at))
                    .mappings()]

    def add_watch(self, term: str) -> bool:
        """Watch a company by name, alias or ticker (case-folded); False when it was watched already."""
        with self.writing() as conn:
            if conn.scalar(select(t.watchlist.c.term).where(t.watchlist.c.term == term)):
                return False
            conn.execute(insert(t.watchlist).values(term=term, added_at=_now()))
            return True

    def remove_watch(self, term: str) -> bool:
        """Stop watching ``term``; False when it was not watched."""
        with self.writing() as conn:
            return conn.execute(delete(t.watchlist).where(t.watchlist.c.term == term)).rowcount > 0

    def watchlist(self) -> list[str]:
        """The watched terms, in alphabetical order."""
        with self.engine.connect() as conn:
            return list(conn.scalars(select(t.watchlist.c.term).order_by(t.watchlist.c.term)))



    # -- copies and versions (0008_copies_versions; flow.copies decides, these only read and write) --
    def unsigned_articles(self) -> list[str]:
        """Ids of the articles that have no near-duplicate signature yet (stored before 0008)."""
        with self.engine.connect() as conn:
            signed = select(t.article_signatures.c.article_id)
            return list(conn.scalars(select(t.articles.c.id).where(t.articles.c.id.not_in(signed))))

    def add_signature(self, article_id: str, signature: bytes, bands: list[str], outlet_title: str | None) -> None:
        """Store (or replace) an article's MinHash signature and its LSH band keys."""
        with self.writing() as conn:
            self._write_signature(conn, article_id, signature, bands, outlet_title)

    @staticmethod
    def _write_signature(conn, article_id: str, signature: bytes, bands: list[str], outlet_title: str | None) -> None:
        conn.execute(delete(t.article_signatures).where(t.article_signatures.c.article_id == article_id))
        conn.execute(delete(t.signature_bands).where(t.signature_bands.c.article_id == article_id))
        conn.execute(insert(t.article_signatures).values(article_id=article_id, signature=signature,
                                                         outlet_title=outlet_title))
        if bands:
            conn.execute(insert(t.signature_bands), [dict(key=k, article_id=article_id) for k in bands])

    def band_candidates(self, bands: list[str]) -> dict[str, bytes]:
        """The stored articles sharing a band key with the given ones, with their signatures."""
        if not bands:
            return {}
        with self.engine.connect() as conn:
            ids = select(t.signature_bands.c.article_id).where(t.signature_bands.c.key.in_(bands))
            return dict(conn.execute(select(t.article_signatures.c.article_id, t.article_signatures.c.signature)
                                     .where(t.article_signatures.c.article_id.in_(ids))).all())

    def outlet_title_articles(self, outlet_title: str) -> list[str]:
        """Ids of the stored articles with this outlet-and-title key (``flow.copies.outlet_title_key``)."""
        with self.engine.connect() as conn:
            return sorted(conn.scalars(select(t.article_signatures.c.article_id)
                                       .where(t.article_signatures.c.outlet_title == outlet_title)))

    def add_copy(self, copy: Copy) -> bool:
        """Record a copy of a stored article; False when that copy was recorded already."""
        with self.writing() as conn:
            if conn.scalar(select(t.article_copies.c.id).where(t.article_copies.c.id == copy.id)):
                return False
            conn.execute(insert(t.article_copies).values(
                id=copy.id, canonical_id=copy.canonical_id, source=copy.source, outlet=copy.outlet, url=copy.url,
                title=copy.title, published_at=_iso(copy.published_at), text_hash=copy.text_hash,
                similarity=copy.similarity, seen_at=_iso(copy.seen_at) or _now()))
            conn.execute(delete(t.rejections).where(t.rejections.c.source == copy.source))
            return True

    def copies(self, canonical_ids: Iterable[str] | None = None) -> dict[str, list[Copy]]:
        """Canonical article id -> its recorded copies, earliest published (then seen) first."""
        query = select(t.article_copies)
        if canonical_ids is not None:
            query = query.where(t.article_copies.c.canonical_id.in_(list(canonical_ids)))
        out: dict[str, list[Copy]] = {}
        with self.engine.connect() as conn:
            for r in conn.execute(query).mappings():
                out.setdefault(r["canonical_id"], []).append(Copy(
                    canonical_id=r["canonical_id"], source=r["source"], text_hash=r["text_hash"],
                    similarity=r["similarity"], outlet=r["outlet"], url=r["url"], title=r["title"],
                    published_at=_dt(r["published_at"]), seen_at=_dt(r["seen_at"])))
        for rows in out.values():
            rows.sort(key=lambda c: (time_key(c.published_at), time_key(c.seen_at), c.id))
        return out

    def add_version(self, article: Article, analysis: Analysis, version: ArticleVersion,
                    earlier: ArticleVersion | None = None,
                    signature: tuple[bytes, list[str], str | None] | None = None) -> None:
        """Store a new version of a stored article in one transaction: the article's text and its
        analysis rows become the new version's (the rows carry its number), the version is kept with
        what it changed, and ``earlier`` (the version it replaces, when not kept yet) is kept too."""
        with self.writing() as conn:
            # the version replaced was seen when the article was stored, unless it says otherwise
            stored_at = conn.scalar(select(t.articles.c.added_at).where(t.articles.c.id == article.id))
            for v, seen in ((earlier, stored_at), (version, _now())):
                if v is not None and not conn.scalar(select(t.article_versions.c.version).where(
                        t.article_versions.c.article_id == v.article_id, t.article_versions.c.version == v.version)):
                    conn.execute(insert(t.article_versions).values(
                        article_id=v.article_id, version=v.version, text_hash=v.text_hash, source=v.source,
                        title=v.title, published_at=_iso(v.published_at), text=v.text, added=list(v.added),
                        removed=list(v.removed), analysis=to_data(replace(v.analysis, entities=())),
                        seen_at=_iso(v.seen_at) or seen))
            for table in (t.mentions, t.reports, t.responses, t.facts, t.events, t.embeddings):
                conn.execute(delete(table).where(table.c.article_id == article.id))
            conn.execute(t.articles.update().where(t.articles.c.id == article.id).values(
                source=article.source, outlet=article.outlet, title=article.title, byline=article.byline,
                published_at=_iso(article.published_at), text=article.text, encoding=article.encoding,
                keywords=list(analysis.keywords), added_at=_now()))
            if article.url:
                conn.execute(t.articles.update().where(t.articles.c.id == article.id).values(url=article.url))
            self._write_analysis(conn, article.id, analysis, version.version)
            if signature is not None:
                self._write_signature(conn, article.id, *signature)
            conn.execute(delete(t.rejections).where(t.rejections.c.source == article.source))

    def versions(self, article_ids: Iterable[str] | None = None) -> dict[str, list[ArticleVersion]]:
        """Article id -> its kept versions, oldest first (an article never revised has none)."""
        query = select(t.article_versions).order_by(t.article_versions.c.article_id, t.article_versions.c.version)
        if article_ids is not None:
            query = query.where(t.article_versions.c.article_id.in_(list(article_ids)))
        out: dict[str, list[ArticleVersion]] = {}
        with self.engine.connect() as conn:
            for r in conn.execute(query).mappings():
                out.setdefault(r["article_id"], []).append(ArticleVersion(
                    article_id=r["article_id"], version=r["version"], text_hash=r["text_hash"], text=r["text"],
                    source=r["source"], analysis=from_data(Analysis, r["analysis"]), title=r["title"],
                    published_at=_dt(r["published_at"]), seen_at=_dt(r["seen_at"]),
                    added=tuple(r["added"]), removed=tuple(r["removed"])))
        return out

    def version_numbers(self) -> dict[str, int]:
        """Article id -> its current version, for the articles revised at least once."""
        with self.engine.connect() as conn:
            return dict(conn.execute(select(t.article_versions.c.article_id, func.max(t.article_versions.c.version))
                                     .group_by(t.article_versions.c.article_id)).all())

    def version_hashes(self, article_id: str) -> dict[str, int]:
        """The text hash of each kept version of the article -> its version number."""
        with self.engine.connect() as conn:
            return dict(conn.execute(select(t.article_versions.c.text_hash, t.article_versions.c.version)
                                     .where(t.article_versions.c.article_id == article_id)).all())

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

    def story_ids_of_articles(self, article_ids: Iterable[str]) -> dict[str, str]:
        """Article id -> the stored story it is in."""
        with self.snapshot() as conn:
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
        with self.snapshot() as conn:
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

    def story_index_spans(self, sids: Iterable[int]) -> dict[int, tuple[float | None, float | None]]:
        """sid -> (first day, last day): what the time window needs, without the centroid."""
        c = t.story_index.c
        with self.engine.connect() as conn:
            return {s: (a, b) for part in _chunks(sids) for s, a, b in conn.execute(
                select(c.sid, c.first, c.last).where(c.sid.in_(part)))}

    def story_index_states(self, sids: Iterable[int]) -> dict[int, dict]:
        with self.engine.connect() as conn:
            return {r["sid"]: dict(r) for part in _chunks(sids) for r in conn.execute(
                select(t.story_index).where(t.story_index.c.sid.in_(part))).mappings()}

    def drop_story_index(self) -> None:
        """Mark the index as not built (a rebuild is under way: if it stops, the next analyze
        rebuilds rather than trusting a half-written index)."""
        with self.writing() as conn:
            conn.execute(delete(t.story_index_meta).where(t.story_index_meta.c.name == "built"))

    def replace_story_index(self, index, tickers: dict[str, set[str]]) -> None:
        """Write the whole story index (``stored_index.index_rows``) and the ticker index."""
        with self.writing() as conn:
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
            with self.writing() as conn:
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


def _text_key(value: str | None) -> tuple[bool, str]:
    """Order of stored text as SQLite gives it (NULL first, then by code point), sorted here rather
    than by the database: PostgreSQL puts NULL last and sorts by its locale's collation, and both
    stores must list the same things in the same order."""
    return (value is not None, value or "")


def _safe(db: str) -> str:
    """The store's name as it may be shown: a URL without its password."""
    if "://" not in db:
        return db
    try:
        return make_url(db).render_as_string(hide_password=True)
    except ArgumentError:
        return db.split("://", 1)[0] + "://..."


def _reason(exc: SQLAlchemyError) -> str:
    """The driver's own words for a failure, on one line, without SQLAlchemy's background link."""
    words = str(getattr(exc, "orig", None) or exc).split("(Background on this error")[0]
    return re.sub(r"\s+", " ", words).strip() or exc.__class__.__name__


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    # The driver's own transaction handling is off (it would not begin one before a SELECT, so two
    # reads could see two states): `_sqlite_begin` starts every transaction itself.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA journal_mode=WAL")
    # WAL with NORMAL: no fsync at each commit, only at checkpoints. A commit stays atomic (a crash
    # leaves no half article); only a power cut may lose the last commits, which a re-run adds again.
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def _sqlite_begin(conn: Connection) -> None:
    """Readers begin a deferred transaction (a WAL snapshot that never blocks); every other
    transaction begins IMMEDIATE, taking the write lock at once: a transaction that read first and
    wrote later could fail on a lock it cannot wait for. A lock held past the busy timeout is waited
    for again, backing off, before the store gives up with a StoreError."""
    import sqlite3

    statement = "BEGIN" if conn.get_execution_options().get(READER) else "BEGIN IMMEDIATE"
    raw = conn.connection.driver_connection
    for attempt in range(LOCK_RETRIES):
        try:
            raw.execute(statement)
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) and "busy" not in str(exc):
                raise
            if attempt == LOCK_RETRIES - 1:
                raise StoreError(f"the store stayed locked by another writer for over "
                                 f"{LOCK_RETRIES * BUSY_TIMEOUT_MS // 1000} s; try again when it has finished") \
                    from exc
            time.sleep(min(0.05 * 2 ** attempt, 2.0))


def _insert_for(dialect: str):
    """The dialect's INSERT, which can skip a row whose key is taken (ON CONFLICT DO NOTHING)."""
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as dialect_insert
    else:
        from sqlalchemy.dialects.sqlite import insert as dialect_insert
    return dialect_insert
