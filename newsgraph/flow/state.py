"""What `watch` remembers between polls, kept in the store (tables of migration 0010_sources):
each feed's validators for conditional GET, the feed items already taken, and the files of watched
folders already read with the size and modification time they had."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timezone

from sqlalchemy import delete, insert, select

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
        self.engine = store.engine

    # -- feeds -------------------------------------------------------------------------------
    def validators(self, feed: str) -> Validators:
        with self.engine.connect() as conn:
            row = conn.execute(select(t.source_feeds.c.etag, t.source_feeds.c.last_modified)
                               .where(t.source_feeds.c.url == feed)).one_or_none()
        return Validators(*row) if row else Validators()

    def save_validators(self, feed: str, validators: Validators) -> None:
        with self.engine.begin() as conn:
            conn.execute(delete(t.source_feeds).where(t.source_feeds.c.url == feed))
            conn.execute(insert(t.source_feeds).values(url=feed, etag=validators.etag,
                                                       last_modified=validators.last_modified, checked_at=_now()))

    def seen_items(self, feed: str) -> set[str]:
        with self.engine.connect() as conn:
            return set(conn.scalars(select(t.source_items.c.key).where(t.source_items.c.feed == feed)))

    def mark_items(self, feed: str, keys: Iterable[str]) -> None:
        new = set(keys) - self.seen_items(feed)
        if new:
            with self.engine.begin() as conn:
                conn.execute(insert(t.source_items), [dict(feed=feed, key=k, seen_at=_now()) for k in sorted(new)])

    # -- folders -----------------------------------------------------------------------------
    def file_stamps(self) -> dict[str, FileStamp]:
        with self.engine.connect() as conn:
            return {path: FileStamp(size, mtime) for path, size, mtime in conn.execute(
                select(t.source_files.c.path, t.source_files.c.size, t.source_files.c.mtime_ns))}

    def mark_files(self, stamps: dict[str, FileStamp]) -> None:
        if not stamps:
            return
        with self.engine.begin() as conn:
            conn.execute(delete(t.source_files).where(t.source_files.c.path.in_(list(stamps))))
            conn.execute(insert(t.source_files), [dict(path=p, size=s.size, mtime_ns=s.mtime_ns, seen_at=_now())
                                                  for p, s in sorted(stamps.items())])
