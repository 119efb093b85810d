"""The story index kept in the store, so that ``analyze`` adds a batch without re-clustering.

``incremental.StoryIndex`` holds everything in memory: every story's running sums (embedding,
entities, terms, lede places, days), the document frequencies and the blocks. ``StoredStoryIndex``
is the same index whose state lives in the store (migration ``0007_story_index``) and is read
lazily, one article at a time: the document frequencies of the article's own keys, the blocks it
falls in, the time spans of the stories those blocks name, the centroids of those within the
article's time window, then the full state of the ``SHORTLIST`` stories it is scored against. What
it reads is bounded by the article and by the stories it meets (``BLOCK_CAP``, ``SHORTLIST``),
never by the size of the store; what it holds is bounded too: past ``LOADED_CAP`` stories read and
left unchanged, the least recently met are let go (read again when met again, with the profile
lengths worked out meanwhile kept; only their time spans, two numbers each, stay). What changed (stories,
blocks, frequencies) is written back with the stories in one transaction (``Store.update_stories``).

Because both classes run the same code on the same state, a batch added here gives exactly what
the in-memory index gives when it adds the same articles after the ones already stored (the
state written by ``newsgraph rebuild`` is the in-memory index, serialised by ``index_rows``).
The difference from a full rebuild is the refinement only: ``rebuild`` lets every article of the
store move to its best story once all are in; ``analyze`` lets the articles of its batch move.
"""
from __future__ import annotations

from collections import Counter, OrderedDict
from dataclasses import dataclass, field
from itertools import islice
from typing import Protocol

import numpy as np

from newsgraph.clustering.incremental import (NORM_REFRESH, THRESHOLD, StoryFeatures, StoryIndex, _day, _span_gap,
                                              _Story)

LOADED_CAP = 10_000  # stories read from the store and held unchanged at once (a batch's working set)


@dataclass
class IndexDelta:
    """What a batch changed, ready to be written: rows of the ``story_index*`` tables."""

    stories: list[dict] = field(default_factory=list)  # story_index rows (sid, story_id, vec, recent, state)
    removed: list[int] = field(default_factory=list)  # sids left empty
    blocks: dict[str, list[int]] = field(default_factory=dict)  # block key -> its sids, oldest first
    counts: dict[str, int] = field(default_factory=dict)  # key -> document frequency (absolute)
    meta: dict[str, int] = field(default_factory=dict)


class IndexSource(Protocol):
    """The reads a stored index needs (``store.db.Store`` provides them)."""

    def story_index_meta(self) -> dict[str, int]: ...
    def story_index_counts(self, keys: set[str]) -> dict[str, int]: ...
    def story_index_blocks(self, keys: set[str]) -> dict[str, list[int]]: ...
    def story_index_spans(self, sids: set[int]) -> dict[int, tuple[float | None, float | None]]: ...
    def story_index_vectors(self, sids: set[int]) -> dict[int, tuple[bytes, float | None, float | None]]: ...
    def story_index_states(self, sids: set[int]) -> dict[int, dict]: ...


class StoredStoryIndex(StoryIndex):
    """A ``StoryIndex`` whose state is read from the store as the articles need it."""

    def __init__(self, source: IndexSource, threshold: float = THRESHOLD, window_days: float = 10.0):
        super().__init__(threshold, window_days)
        self.source = source
        meta = source.story_index_meta()
        self.seen = self.base_seen = meta.get("seen", 0)  # base_seen: to check no one wrote meanwhile
        self.next_sid = meta.get("next_sid", 0)
        self.stories: dict[int, _Story] = {}  # type: ignore[assignment]  # sid -> story (centroid only until _full)
        self.full: set[int] = set()  # stories whose whole state is loaded
        self.absent: set[int] = set()  # sids in a block whose story is gone
        self.story_ids: dict[int, str | None] = {}  # sid -> the stored story's id
        self.counted: set[str] = set()  # keys whose frequency is in self.df (0 when unknown)
        self.dirty_counts: set[str] = set()
        self.dirty_blocks: set[str] = set()
        self.changed: set[int] = set()  # stories whose members changed
        self.loaded: OrderedDict[int, None] = OrderedDict()  # stories read and unchanged, least recently met first
        self.kept_norms: dict[int, dict] = {}  # profile lengths of stories let go (see _let_go)
        self.spans: dict[int, tuple[float | None, float | None]] = {}  # sid -> stored (first, last) day

    # -- lazy reads -----------------------------------------------------------------------------
    def _prefetch_counts(self, keys: set[str]) -> None:
        wanted = keys - self.counted
        if wanted:
            self.df.update(self.source.story_index_counts(wanted))
            self.counted |= wanted

    def _df(self, key: str) -> int:
        if key not in self.counted:
            self._prefetch_counts({key})
        return self.df.get(key, 0)

    def _count(self, keys: set[str]) -> None:
        self._prefetch_counts(keys)
        self.df.update(keys)
        self.dirty_counts |= keys
        self._frequencies_changed()

    def _load_blocks(self, keys: list[str]) -> None:
        wanted = {k for k in keys if k not in self.blocks}
        if wanted:
            found = self.source.story_index_blocks(wanted)
            for key in wanted:
                self.blocks[key] = OrderedDict((sid, None) for sid in found.get(key, ()))

    def _in_window(self, f: StoryFeatures, sids: set[int]) -> set[int]:
        """Of ``sids``, the stories not held whose stored time span is within the article's window:
        the only ones whose centroid is worth reading (``_live`` would drop the others). The spans
        are read once (two numbers a story, kept for the batch: a story held or changed here is
        read from ``stories`` instead)."""
        unknown = {sid for sid in sids if sid not in self.stories and sid not in self.spans} - self.absent
        if unknown:
            found = self.source.story_index_spans(unknown)
            self.absent |= unknown - found.keys()
            self.spans.update(found)
        day = _day(f.published_at)
        return {sid for sid in sids if sid not in self.stories and sid in self.spans
                and _span_gap(day, *self.spans[sid]) <= self.window}

    def _load_vectors(self, sids: set[int]) -> None:
        wanted = {sid for sid in sids if sid not in self.stories and sid not in self.absent}
        if wanted:
            found = self.source.story_index_vectors(wanted)
            for sid in wanted:
                if sid not in found:
                    self.absent.add(sid)
                    continue
                story = _Story(sid=sid)
                vec, story.first, story.last = found[sid]
                story.vec = np.frombuffer(vec, dtype=np.float32).copy() if vec else None
                story.members = [""]  # a placeholder until _load_full: not empty
                self.stories[sid] = story
                self.loaded[sid] = None

    def _load_full(self, sids: set[int]) -> None:
        wanted = {sid for sid in sids - self.full if sid in self.stories}
        if not wanted:
            return
        for sid, row in self.source.story_index_states(wanted).items():
            story = self.stories[sid] = story_from_row(sid, row)
            if sid in self.kept_norms:
                story.norms = self.kept_norms.pop(sid)
            self.story_ids[sid] = row["story_id"]
            self.full.add(sid)

    def _let_go(self, in_use: set[int]) -> None:
        """Forget the least recently met stories read and left unchanged beyond ``LOADED_CAP``
        (not those ``in_use``): the store still holds them as read. The profile lengths worked out since are
        kept, so reading one again gives the state it had."""
        excess = len(self.loaded) - LOADED_CAP
        if excess <= 0:
            return
        old = [sid for sid in islice(self.loaded, excess + len(in_use)) if sid not in in_use][:excess]
        for sid in old:
            del self.loaded[sid]
            story = self.stories.pop(sid)
            if sid in self.full:
                self.full.discard(sid)
                if story.norms:
                    self.kept_norms[sid] = story.norms

    # -- the hooks of StoryIndex ------------------------------------------------------------------
    def add(self, f: StoryFeatures) -> int:
        self._prefetch_counts(set(f.entities) | set(f.words) | set(f.terms))
        return super().add(f)

    def _candidates(self, f: StoryFeatures) -> set[int]:
        keys = self._keys(f)
        self._load_blocks(keys)
        found: set[int] = set()
        for key in keys:
            found.update(self.blocks[key].keys())
        for sid in found & self.loaded.keys():  # met again: let go last
            self.loaded.move_to_end(sid)
        self._load_vectors(self._in_window(f, found))
        self._let_go(found)
        return self._live(f, (sid for sid in found if sid in self.stories))

    def _shortlist(self, f: StoryFeatures, candidates: list[int]) -> list[int]:
        chosen = super()._shortlist(f, candidates)
        self._load_full(set(chosen))
        return chosen

    def _touch_block(self, key: str) -> None:
        self._load_blocks([key])
        self.dirty_blocks.add(key)

    def _norm(self, story: _Story, name: str) -> float:
        seen, _ = story.norms.get(name, (-1, 0.0))
        if seen < 0 or self.seen > seen * NORM_REFRESH:
            self._prefetch_counts(set(getattr(story, name)))
        return super()._norm(story, name)

    def _new_story(self) -> _Story:
        story = _Story(sid=self.next_sid)
        self.next_sid += 1
        self.stories[story.sid] = story
        self.full.add(story.sid)
        self.story_ids[story.sid] = None
        return story

    def _join(self, story: _Story, f: StoryFeatures) -> None:
        super()._join(story, f)
        self.changed.add(story.sid)
        self.loaded.pop(story.sid, None)  # held until written

    def _leave(self, story: _Story, f: StoryFeatures) -> None:
        super()._leave(story, f)
        self.changed.add(story.sid)
        self.loaded.pop(story.sid, None)

    def groups(self) -> list[list[str]]:
        """The stories this batch changed (the others are not loaded)."""
        return sorted((sorted(self.stories[sid].members) for sid in self.changed if self.stories[sid].members),
                      key=lambda g: g[0])

    # -- writing back -----------------------------------------------------------------------------
    def delta(self, story_ids: dict[int, str]) -> IndexDelta:
        """The rows to write; ``story_ids``: the stored id of each changed story that has members."""
        out = IndexDelta(meta={"seen": self.seen, "next_sid": self.next_sid})
        for sid in sorted(self.changed):
            story = self.stories[sid]
            if story.members:
                out.stories.append(story_row(story, story_ids[sid]))
            else:
                out.removed.append(sid)
        out.blocks = {key: list(self.blocks[key]) for key in sorted(self.dirty_blocks)}
        out.counts = {key: self.df[key] for key in sorted(self.dirty_counts)}
        return out


def index_rows(index: StoryIndex, story_ids: dict[int, str]) -> IndexDelta:
    """The whole in-memory index as rows (``newsgraph rebuild`` writes them)."""
    out = IndexDelta(meta={"seen": index.seen, "next_sid": len(index.stories)})
    out.stories = [story_row(s, story_ids[s.sid]) for s in index.stories if s.members]
    out.blocks = {key: list(block) for key, block in index.blocks.items()}
    out.counts = dict(index.df)
    return out


def story_row(story: _Story, story_id: str) -> dict:
    """One story's state: the centroid sum and the recent members' embeddings as bytes (read in
    bulk for candidates), the rest as a JSON record."""
    recent = np.stack([v for _, v in story.recent]).astype(np.float16).tobytes() if story.recent else b""
    state = {"members": story.members, "recent": [a for a, _ in story.recent], "ents": dict(story.ents),
             "terms": dict(story.terms), "lede_places": dict(story.lede_places), "days": story.days,
             "first": story.first, "last": story.last, "norms": {k: list(v) for k, v in story.norms.items()}}
    return {"sid": story.sid, "story_id": story_id, "size": len(story.members), "first": story.first, "last": story.last,
            "vec": story.vec.astype(np.float32).tobytes() if story.vec is not None else b"", "recent": recent,
            "state": state}


def story_from_row(sid: int, row: dict) -> _Story:
    state = row["state"]
    story = _Story(sid=sid, members=list(state["members"]), ents=Counter(state["ents"]),
                   terms=Counter(state["terms"]), lede_places=Counter(state["lede_places"]),
                   first=state["first"], last=state["last"], days=dict(state["days"]))
    story.vec = np.frombuffer(row["vec"], dtype=np.float32).copy() if row["vec"] else None
    if row["recent"]:
        vectors = np.frombuffer(row["recent"], dtype=np.float16).astype(np.float32).reshape(len(state["recent"]), -1)
        story.recent = list(zip(state["recent"], vectors))
    story.norms = {k: (int(v[0]), float(v[1])) for k, v in state["norms"].items()}
    return story
