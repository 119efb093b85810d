"""Incremental story clustering: each article joins the best existing story or starts one.

An article is described by its embedding (MiniLM, L2-normalised), the entities it names and its
content words; a story by the running sums of its members' features. The score of an article
against a story mixes the cosine of the article's embedding with the story's centroid and the
idf-weighted cosines of their entities and of their words (document frequencies of the articles
added so far); a place named in the article's lede that the story's ledes never name lowers the
score (the same kind of event elsewhere); a story whose articles are all further away in time
than the window is never a candidate.

Cost per added article does not grow with the number of stories: candidate stories come from
blocks (each entity key, each rare-enough content word, and a few locality-sensitive hash
buckets of the embedding), and each block keeps only its ``BLOCK_CAP`` most recently joined
stories, so an article scores at most a fixed number of candidates whatever the store's size.

Order: a whole store is clustered by adding its articles in (published_at, id) order, so the
result depends on the articles, never on when they arrived. Adding one by one in that order
gives exactly the rebuild's result. Adding in another order can differ where an article is
about equally close to two stories (a greedy assignment sees the stories, and the document
frequencies, as they are when the article comes; a full block forgets its oldest stories); ``newsgraph analyze`` therefore re-clusters in canonical order after each batch
(all of it through this same index, constant cost per article).
"""
from __future__ import annotations

import math
from collections import Counter, OrderedDict
from dataclasses import dataclass, field
from datetime import datetime

import numpy as np

EMBED_WEIGHT = 0.4
ENTITY_WEIGHT = 0.2
WORD_WEIGHT = 0.4
THRESHOLD = 0.4
PLACE_PENALTY = 0.1  # see StoryIndex.score
BLOCK_CAP = 64  # stories kept per block (most recent first); bounds the work per article
LSH_TABLES = 4
LSH_BITS = 10
MAX_WORD_BLOCKS = 12  # an article is looked up under at most this many of its (rarest) words


@dataclass(frozen=True)
class StoryFeatures:
    """What clustering knows about one article."""

    article_id: str
    published_at: datetime | None
    embedding: np.ndarray | None  # L2-normalised, or None when the model was not run
    entities: tuple[str, ...]  # entity keys, once per mention
    words: tuple[str, ...]  # content lemmas
    lede_places: frozenset[str] = frozenset()  # places named where the article states its event


@dataclass
class _Story:
    sid: int
    members: list[str] = field(default_factory=list)
    vec: np.ndarray | None = None  # sum of member embeddings
    ents: Counter = field(default_factory=Counter)  # entity key -> number of member articles naming it
    words: Counter = field(default_factory=Counter)  # word -> number of member articles using it
    lede_places: Counter = field(default_factory=Counter)
    first: float | None = None
    last: float | None = None


def _day(dt: datetime | None) -> float | None:
    if dt is None:
        return None
    return (dt.replace(tzinfo=None) - datetime(1970, 1, 1)).total_seconds() / 86400.0


class StoryIndex:
    """Stories built one article at a time; ``groups()`` gives the article ids of each story."""

    def __init__(self, threshold: float = THRESHOLD, window_days: float = 10.0, dim: int = 384, seed: int = 13):
        self.threshold = threshold
        self.window = window_days
        self.stories: list[_Story] = []
        self.df: Counter = Counter()  # entity keys and words -> articles using them, so far
        self.seen = 0
        self.blocks: dict[str, OrderedDict[int, None]] = {}
        rng = np.random.default_rng(seed)  # fixed planes: the same article always lands in the same buckets
        self.planes = rng.standard_normal((LSH_TABLES, LSH_BITS, dim)).astype(np.float32)

    # -- blocking ---------------------------------------------------------------------------
    def _keys(self, f: StoryFeatures) -> list[str]:
        keys = [f"e:{k}" for k in dict.fromkeys(f.entities)]
        # the rarest words so far: they tell events apart and their blocks are short
        keys += [f"w:{w}" for w in sorted(set(f.words), key=lambda w: (self.df.get(w, 0), w))[:MAX_WORD_BLOCKS]]
        if f.embedding is not None:
            bits = (np.einsum("tbd,d->tb", self.planes, f.embedding) > 0)
            keys += [f"h{t}:{int(''.join('1' if b else '0' for b in row), 2)}" for t, row in enumerate(bits)]
        return keys

    def _candidates(self, f: StoryFeatures) -> set[int]:
        found: set[int] = set()
        for key in self._keys(f):
            block = self.blocks.get(key)
            if block:
                found.update(block.keys())
        return found

    def _index(self, story: _Story, f: StoryFeatures) -> None:
        for key in self._keys(f):
            block = self.blocks.setdefault(key, OrderedDict())
            block.pop(story.sid, None)
            block[story.sid] = None  # most recent at the end
            if len(block) > BLOCK_CAP:
                block.popitem(last=False)

    # -- scoring ----------------------------------------------------------------------------
    def score(self, f: StoryFeatures, story: _Story) -> float:
        day = _day(f.published_at)
        if day is not None and story.first is not None and (
                day < story.first - self.window or day > story.last + self.window):
            return 0.0
        total = 0.0
        weight = 0.0
        if f.embedding is not None and story.vec is not None:
            norm = float(np.linalg.norm(story.vec))
            total += EMBED_WEIGHT * (float(f.embedding @ story.vec) / norm if norm else 0.0)
            weight += EMBED_WEIGHT
        total += ENTITY_WEIGHT * self._idf_cosine(set(f.entities), story.ents, story)
        total += WORD_WEIGHT * self._idf_cosine(set(f.words), story.words, story)
        weight += ENTITY_WEIGHT + WORD_WEIGHT
        if f.lede_places and story.lede_places and not f.lede_places & set(story.lede_places):
            total -= PLACE_PENALTY * weight  # the same kind of event somewhere else is another story
        return total / weight

    def _idf(self, key: str) -> float:
        return math.log((1 + self.seen) / (1 + self.df.get(key, 0))) + 1.0

    def _idf_cosine(self, article: set[str], profile: Counter, story: _Story) -> float:
        """Cosine between the article's binary idf-weighted vector and the story's (the share of
        members using each term, idf-weighted). Document frequencies are those of the articles
        added so far, so rare names (a town, a person) weigh more than a company named daily."""
        if not article or not profile:
            return 0.0
        size = len(story.members)
        idf = {k: self._idf(k) for k in article | profile.keys()}
        dot = sum(idf[k] ** 2 * profile[k] / size for k in article if k in profile)
        na = math.sqrt(sum(idf[k] ** 2 for k in article))
        ns = math.sqrt(sum((idf[k] * v / size) ** 2 for k, v in profile.items()))
        return dot / (na * ns) if na and ns else 0.0

    # -- adding -----------------------------------------------------------------------------
    def add(self, f: StoryFeatures) -> int:
        """Put the article in its best story (or a new one); returns the story's number."""
        self.seen += 1
        self.df.update(set(f.entities) | set(f.words))
        best, best_score = None, self.threshold
        for sid in sorted(self._candidates(f)):
            s = self.score(f, self.stories[sid])
            if s >= best_score:
                best, best_score = self.stories[sid], s
        if best is None:
            best = _Story(sid=len(self.stories))
            self.stories.append(best)
        best.members.append(f.article_id)
        if f.embedding is not None:
            best.vec = f.embedding.copy() if best.vec is None else best.vec + f.embedding
        best.ents.update(set(f.entities))
        best.words.update(set(f.words))
        best.lede_places.update(f.lede_places)
        day = _day(f.published_at)
        if day is not None:
            best.first = day if best.first is None else min(best.first, day)
            best.last = day if best.last is None else max(best.last, day)
        self._index(best, f)
        return best.sid

    def groups(self) -> list[list[str]]:
        return sorted((sorted(s.members) for s in self.stories), key=lambda g: g[0])


def cluster_incremental(features: list[StoryFeatures], threshold: float = THRESHOLD,
                        window_days: float = 10.0) -> list[list[str]]:
    """Groups of article ids, each one story; articles taken in (published_at, id) order."""
    index = StoryIndex(threshold, window_days)
    for f in sorted(features, key=lambda f: (_day(f.published_at) is None, _day(f.published_at) or 0.0,
                                             f.article_id)):
        index.add(f)
    return index.groups()
