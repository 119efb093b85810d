"""Growth of the incremental story clustering: the time to add one article to a store of 1,000
articles and to a store of 10,000.

The stores are synthetic: copies of a small set of invented article features (an embedding, entity
keys, words), each copy with its own entity keys and words and its own dates, a few articles a
day, as a news feed grows. The embeddings are random unit vectors near a per-story centre (the
model is not what is measured here). For each size the index is built with
``stories.incremental.StoryIndex`` in date order, then the next ``--probes`` articles are added
one after another and each addition is timed (the median is reported). PASS when
time(10,001st) / time(1,001st) <= 3.

    .venv/bin/python benchmarks/stories_growth.py [--probes 30] [--json]
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from datetime import datetime, timedelta, timezone

import numpy as np

from _common import REPO, table

sys.path.insert(0, str(REPO))

MAX_RATIO = 3.0
PER_STORY = 4  # articles per synthetic story
STORIES_PER_DAY = 3
WORDS = ["plant", "deal", "shares", "profit", "talks", "recall", "order", "merger", "strike", "chip", "battery",
         "factory", "loan", "bond", "stake", "rating"]


def synthetic(n: int, seed: int = 7):
    from newsgraph.clustering.incremental import StoryFeatures

    rng = np.random.default_rng(seed)
    start = datetime(2026, 1, 1, tzinfo=timezone.utc)
    out = []
    for i in range(n):
        story = i // PER_STORY
        centre = np.random.default_rng(story).standard_normal(384)
        vec = centre / np.linalg.norm(centre) + 0.3 * rng.standard_normal(384) / np.sqrt(384)
        vec = (vec / np.linalg.norm(vec)).astype(np.float32)
        company = f"company:firm{story % 400}"  # companies recur across stories, as in the news
        ents = (company, company, f"person:p{story}", f"place:town{story % 250}")
        # ~80 content words, as analyze gives: common ones, story ones, and a few of the article's own
        words = (tuple(WORDS[(story + k) % len(WORDS)] for k in range(3))
                 + tuple(f"common{int(x)}" for x in rng.integers(0, 3000, 40))
                 + tuple(f"story{story}w{k}" for k in range(30)) + tuple(f"own{i}w{k}" for k in range(8)))
        when = start + timedelta(hours=24 * story / STORIES_PER_DAY + rng.uniform(0, 12))
        out.append(StoryFeatures(article_id=f"a{i:06d}", published_at=when, embedding=vec, entities=ents,
                                 words=words))
    return out


def time_add(size: int, probes: int) -> tuple[float, int]:
    from newsgraph.clustering.incremental import StoryIndex

    feats = synthetic(size + probes)
    index = StoryIndex()
    for f in feats[:size]:
        index.add(f)
    stories = len(index.stories)
    times = []
    for f in feats[size:size + probes]:
        t = time.perf_counter()
        index.add(f)
        times.append(time.perf_counter() - t)
    return statistics.median(times), stories


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--probes", type=int, default=30, help="additions timed per size (median reported)")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    rows, result = [], {}
    for size in (1000, 10000):
        seconds, stories = time_add(size, args.probes)
        result[str(size)] = {"stories": stories, "add_ms": round(seconds * 1000, 3)}
        rows.append([size, stories, seconds * 1000])
    ratio = result["10000"]["add_ms"] / max(result["1000"]["add_ms"], 1e-6)
    result["ratio"] = round(ratio, 2)
    result["pass"] = ratio <= MAX_RATIO
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print(table(["store size", "stories", "add one article (ms, median)"], rows))
        print(f"{'PASS' if result['pass'] else 'FAIL'}: ratio {ratio:.2f} (limit {MAX_RATIO})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
