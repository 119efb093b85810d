"""What `watch` remembers between polls, kept in the store (tables of migration 0010_sources):
each feed's validators for conditional GET, the feed items already taken, and the files of watched
folders already read with the size and modification time they had."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timezone

from sqlalchemy import Table, delete, insert, select
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from newsgraph.store import schema as t
from newsgraph.store.db import Store


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


@dataclass(frozen=True)
class Validators:
    """What a feed's server said identifies its last answer (sent back as If-None-Match and
    If-Modified-Since, so that an unchanged feed is answered 304 with no body)."""

    etag: str | None = None
    last_modified: str | None = None

    def headers(self) -> dict[str, str]:
        out = {}
        if self.etag:
            out["If-None-Match"] = self.etag
        if self.last_modified:
            out["If-Modified-Since"] = self.last_modified
        return out


@dataclass(frozen=True)
class FileStamp:
    """A file as it was when read: its size and modification time (nanoseconds)."""

    size: int
    mtime_ns: int


class SourceState:
    """Read and write the state of watched sources in one store."""

    def __init__(self, store: Store):
        self.store = store

    # -- feeds -------------------------------------------------------------------------------
    def validators(self, feed: str) -> Validators:
        with self.store.engine.connect() as conn:
            row = conn.execute(select(t.source_feeds.c.etag, t.source_feeds.c.last_modified)
                               .where(t.source_feeds.c.url == feed)).one_or_none()
        return Validators(*row) if row else Validators()

    def save_validators(self, feed: str, validators: Validators) -> None:
        with self.store.writing() as conn:
            _upsert(conn, t.source_feeds, [dict(url=feed, etag=validators.etag, last_modified=validators.last_modified,
                                                checked_at=_now())])

    def seen_items(self, feed: str) -> set[str]:
        with self.store.engine.connect() as conn:
            return set(conn.scalars(select(t.source_items.c.key).where(t.source_items.c.feed == feed)))

    def mark_items(self, feed: str, keys: Iterable[str]) -> None:
        new = set(keys) - self.seen_items(feed)
        if new:
            with self.store.writing() as conn:
                _upsert(conn, t.source_items, [dict(feed=feed, key=k, seen_at=_now()) for k in sorted(new)])

    # -- folders -----------------------------------------------------------------------------
    def file_stamps(self) -> dict[str, FileStamp]:
        with self.store.engine.connect() as conn:
            return {path: FileStamp(size, mtime) for path, size, mtime in conn.execute(
                select(t.source_files.c.path, t.source_files.c.size, t.source_files.c.mtime_ns))}

    def mark_files(self, stamps: dict[str, FileStamp]) -> None:
        if stamps:
            with self.store.writing() as conn:
                _upsert(conn, t.source_files, [dict(path=p, size=s.size, mtime_ns=s.mtime_ns, seen_at=_now())
                                               for p, s in sorted(stamps.items())])


def _upsert(conn, table: Table, rows: list[dict]) -> None:
    """Insert the rows, replacing those with the same primary key: one statement on SQLite and
    PostgreSQL, so that two watchers writing the same row at once do not collide."""
    keys = [c.name for c in table.primary_key.columns]
    if conn.dialect.name in ("sqlite", "postgresql"):
        dialect_insert = sqlite_insert if conn.dialect.name == "sqlite" else postgresql_insert
        statement = dialect_insert(table)
        conn.execute(statement.on_conflict_do_update(
            index_elements=keys, set_={c.name: statement.excluded[c.name] for c in table.columns if c.name not in keys}),
            rows)
        return
    for row in rows:
        conn.execute(delete(table).where(*(table.c[k] == row[k] for k in keys)))
    conn.execute(insert(table), rows)
