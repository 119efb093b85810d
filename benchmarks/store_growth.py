"""Growth of `analyze` with the store: the time to add the same 50 articles to stores of 1,000,
10,000 and 100,000 articles, through the real path (``workflow.analyze``: reading, cleaning, the
language pipeline, the embedding model, storing, the persisted story index, reconciling the
stories that changed), and the time of `newsgraph rebuild` (``workflow.rebuild``) on each store.

The base stores are synthetic variants of real articles. ``--templates`` ECB+ documents (train
and dev, in a fixed shuffled order) are analysed once by the pipeline and the embedding model;
variant ``r`` of template ``j`` is that article with its own id and source, its date moved to
``16 r + 5 j / templates`` days after 2020-01-01 (a round of variants spans 5 days and the next
starts 11 days after it ends, further than the story window: the copies of one text never share
a story, and the store keeps the same number of articles per day whatever its size), and every
entity key suffixed with ``~(r % 40)`` (new keys as the store grows; a company keeps its name and
tickers, so its variants are merged as one company, as same-name entries are). The first round
is written through ``Store.add``, the others with ``add_bulk`` (the same rows in multi-row
inserts, 2,000 articles a transaction: ``Store.add`` takes about a minute per thousand articles
on this machine), the embeddings with ``Store.add_embeddings``. The base store's index
is the in-memory ``StoryIndex`` over the variants' features in date order, without the refinement
passes, written with ``Store.replace_story_index``; its stories are written as bare records (id,
articles, dates: not reconciled) with ``Store.replace_stories`` and the company merges of a full
pass. This is not what ``rebuild`` writes (a rebuild of 100,000 articles takes longer than this
benchmark can spend; the ``rebuild`` column times a real rebuild of a copy of each base store up
to ``--rebuild-max``), but it is the state ``analyze`` reads from: the stories the probes join are
reconciled from their stored articles, whatever their old record said.

The 50 probe articles are 50 other ECB+ documents, written as one JSON Lines file with dates
three hours apart from just after the largest base store's last day; each measurement copies the
base store and runs ``analyze`` on that file with the pipeline already loaded (one warm-up run on
an empty store first). Sizes are measured in turn, ``--repeats`` rounds; the fastest round is
reported, and apart the fastest time of the story step inside it (``workflow.update_stories``:
merges, index, reconciling and writing the changed stories). PASS when the per-article time at the largest size is at most 1.2x the time at the
smallest.

    .venv/bin/python benchmarks/store_growth.py [--sizes 1000 10000 100000] [--repeats 2]
        [--rebuild-max 10000] [--work DIR] [--json]

The base stores are kept in ``--work`` (default: a folder in the system temp folder) and reused
by the next run with the same settings.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import pickle
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path

from _common import REPO, require_data, table

sys.path.insert(0, str(REPO))

MAX_RATIO = 1.2
PROBES = 50
SLOT_DAYS = 16  # the copies of one text are this many days apart: a round's stories end 11+ days before
SPREAD_DAYS = 5  # the next round's start (more than the story window); a round spans this many days
KEY_VARIANTS = 40
CHUNK = 2000  # articles per bulk write
T0 = datetime(2020, 1, 1, tzinfo=timezone.utc)


def load_docs(templates: int) -> tuple[list[dict], list[dict]]:
    path = require_data("ecbplus", "ecbplus_documents.jsonl")
    docs = [d for d in map(json.loads, path.read_text(encoding="utf-8").splitlines())
            if d["split"] in ("train", "dev") and len(d["text_tokenized"].split()) >= 40]
    random.Random(5).shuffle(docs)
    return docs[:templates], docs[templates:templates + PROBES]


def analysed_templates(docs: list[dict], work: Path, pipeline) -> list[tuple]:
    """(article, analysis, embedding bytes) per template, analysed once and cached in ``work``."""
    cache = work / f"templates-{len(docs)}.pickle"
    if cache.exists():
        return pickle.loads(cache.read_bytes())
    from newsgraph.clustering import embeddings as emb
    from newsgraph.model import Article

    articles = [Article(id=Article.make_id(d["text_tokenized"]), source=f"ecbplus/{d['doc_id']}",
                        text=d["text_tokenized"]) for d in docs]
    analyses = {a.article_id: a for a in pipeline.pipe(articles) if hasattr(a, "article_id")}
    vectors = emb.embedder().embed([emb.article_text(a.title, a.text) for a in articles])
    out = [(a, analyses[a.id], emb.to_bytes(v)) for a, v in zip(articles, vectors) if a.id in analyses]
    cache.write_bytes(pickle.dumps(out))
    return out


def variant(article, analysis, r: int, j: int, templates: int):
    """Variant ``r`` of template ``j``: its own id, date and entity keys (see the module docstring)."""
    from newsgraph.model.merging import rekeyed

    aid = "a" + hashlib.sha1(f"growth:{r}:{article.id}".encode()).hexdigest()[:32]
    when = T0 + timedelta(days=r * SLOT_DAYS + SPREAD_DAYS * j / templates)
    into = {e.key: f"{e.key}~{r % KEY_VARIANTS}" for e in analysis.entities}
    keys = {m.entity_key for m in analysis.mentions} | {r_.party_key for r_ in analysis.responses}
    into.update({k: f"{k}~{r % KEY_VARIANTS}" for k in keys if k})
    new = rekeyed(replace(analysis, article_id=aid), into, {})
    new = replace(new, entities=tuple(replace(e, key=into[e.key]) for e in analysis.entities))
    return replace(article, id=aid, source=f"growth/{r}/{article.source}", published_at=when), new


def build_base(size: int, templates: list[tuple], path: Path) -> None:
    """A store of ``size`` synthetic articles with its stories and story index (see the docstring)."""
    from sqlalchemy import event

    from newsgraph.clustering import embeddings as emb
    from newsgraph.clustering.incremental import StoryIndex, build_index
    from newsgraph.clustering.stored_index import index_rows
    from newsgraph.model import Story
    from newsgraph.reconcile.companies import same_company_keys
    from newsgraph.store.db import Store
    from newsgraph.workflow import index_sids, story_features

    store = Store(str(path))
    # building the base only: no fsync per article (the measured runs use the store's own settings)
    event.listen(store.engine, "connect", lambda conn, _r: conn.execute("PRAGMA synchronous=OFF"))
    store.engine.dispose()
    own = [story_features(a, n, {e.key: e for e in n.entities}, emb.from_bytes(v)) for a, n, v in templates]
    features, dates = [], {}
    for start in range(0, size, CHUNK):
        pairs, vectors = [], {}
        for i in range(start, min(size, start + CHUNK)):
            r, j = divmod(i, len(templates))
            article, analysis, vector = templates[j]
            art, ana = variant(article, analysis, r, j, len(templates))
            pairs.append((art, ana))
            vectors[art.id] = vector
            dates[art.id] = art.published_at
            suffix = f"~{r % KEY_VARIANTS}"
            features.append(replace(own[j], article_id=art.id, published_at=art.published_at,
                                    entities=tuple(k + suffix for k in own[j].entities),
                                    lede_places=frozenset(k + suffix for k in own[j].lede_places)))
        first = len(templates) if start == 0 else 0
        for art, ana in pairs[:first]:  # the first round through Store.add itself
            store.add(art, ana)
        if pairs[first:]:
            add_bulk(store, pairs[first:])
        store.add_embeddings(emb.MODEL_ID, vectors)
    index = build_index(features, StoryIndex(), passes=0)  # already in date order
    stories = []
    for sid in index_sids(index):
        members = sorted(index.stories[sid].members, key=lambda a: (dates[a], a))
        stories.append(Story(id=Story.make_id(members), title="(synthetic)", article_ids=tuple(members),
                             first_published=dates[members[0]], last_published=dates[members[-1]]))
    raw = store.raw_entities()
    store.replace_stories(stories, same_company_keys(raw))
    store.replace_story_index(index_rows(index, {sid: s.id for sid, s in zip(index_sids(index), stories)}),
                              {k: set(e.tickers) for k, e in raw.items() if e.tickers})
    store.engine.dispose()


def add_bulk(store, pairs: list[tuple]) -> None:
    """``Store.add`` for many articles in one transaction, with multi-row inserts: the same rows
    (articles, entities, mentions, reports, responses, facts, events), written faster. Only for
    building the base stores: variants of articles already added once through ``Store.add``,
    whose entities that exist already are left as they are."""
    from sqlalchemy import insert, select

    from newsgraph.model import Entity, EntityType
    from newsgraph.store import schema as t

    with store.engine.begin() as conn:
        keys = {e.key for _, ana in pairs for e in ana.entities}
        have = {k for part in [list(keys)[i:i + 500] for i in range(0, len(keys), 500)]
                for k in conn.scalars(select(t.entities.c.key).where(t.entities.c.key.in_(part)))}
        new = {e.key: e for _, ana in pairs for e in ana.entities if e.key not in have}
        rows: dict = {name: [] for name in ("articles", "entities", "mentions", "reports", "responses", "facts",
                                            "events")}
        rows["entities"] = [dict(id=e.id, key=e.key, name=e.name, type=e.type.value, tickers=list(e.tickers),
                                 aliases=list(e.aliases), former_tickers=list(e.former_tickers)) for e in new.values()]
        for art, ana in pairs:
            rows["articles"].append(dict(id=art.id, source=art.source, url=art.url, outlet=art.outlet,
                                         title=art.title, byline=art.byline, published_at=art.published_at.isoformat(),
                                         text=art.text, encoding=art.encoding, keywords=list(ana.keywords),
                                         added_at="2026-01-01T00:00:00+00:00"))
            rows["mentions"] += [dict(article_id=art.id, start=m.evidence.start, end=m.evidence.end, role=m.role,
                                      entity_id=Entity(key=m.entity_key, name="", type=EntityType.OTHER).id)
                                 for m in ana.mentions]
            rows["reports"] += [dict(article_id=art.id, reported_by=r.reported_by, reported_by_key=r.reported_by_key,
                                     citing=r.citing, claim=r.claim, start=r.evidence.start, end=r.evidence.end,
                                     implicit=r.implicit, confidence=r.confidence) for r in ana.reports]
            rows["responses"] += [dict(article_id=art.id, party=r.party, party_key=r.party_key, kind=r.kind.value,
                                       quote=r.quote, start=r.evidence.start, end=r.evidence.end,
                                       as_of=r.as_of.isoformat() if r.as_of else None, confidence=r.confidence)
                                  for r in ana.responses]
            rows["facts"] += [dict(article_id=art.id, subject=f.subject, subject_key=f.subject_key, metric=f.metric,
                                   period=f.period, value=f.value, unit=f.unit, qualifier=f.qualifier.value,
                                   start=f.evidence.start, end=f.evidence.end,
                                   q_start=f.quantity.start if f.quantity else None,
                                   q_end=f.quantity.end if f.quantity else None, confidence=f.confidence)
                              for f in ana.facts]
            rows["events"] += [dict(article_id=art.id, type=e.type.value, status=e.status.value,
                                    participants=list(e.participants), start=e.evidence.start, end=e.evidence.end,
                                    t_start=e.trigger.start, t_end=e.trigger.end) for e in ana.events]
        for name in ("articles", "entities", "mentions", "reports", "responses", "facts", "events"):
            if rows[name]:
                conn.execute(insert(getattr(t, name)), rows[name])


def copy_store(src: Path, dst: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{dst}{suffix}").unlink(missing_ok=True)
    with sqlite3.connect(src) as a, sqlite3.connect(dst) as b:
        a.backup(b)


def probe_file(docs: list[dict], start: datetime, path: Path) -> Path:
    with path.open("w", encoding="utf-8") as out:
        for n, d in enumerate(docs):
            out.write(json.dumps({"id": d["doc_id"], "text": d["text_tokenized"],
                                  "published_at": (start + timedelta(hours=3 * n)).isoformat()}) + "\n")
    return path


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    ap.add_argument("--templates", type=int, default=300, help="real articles the base stores are made from")
    ap.add_argument("--repeats", type=int, default=2,
                    help="rounds over the sizes (the fastest is reported); 0: time the rebuilds only")
    ap.add_argument("--rebuild-max", type=int, default=10000, help="time `rebuild` up to this size only")
    ap.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "newsgraph-store-growth")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    docs, probe_docs = load_docs(args.templates)

    from newsgraph.pipeline import Pipeline
    from newsgraph.settings import Settings
    from newsgraph.store.db import Store
    from newsgraph.workflow import analyze, rebuild

    args.work.mkdir(parents=True, exist_ok=True)
    settings = Settings(progress=False)
    pipeline = Pipeline(settings.spacy_model, settings.batch_size)
    templates = analysed_templates(docs, args.work, pipeline)
    result: dict = {"templates": len(templates), "probes": PROBES, "sizes": {}}
    for size in args.sizes:
        base = args.work / f"base-{size}-{len(templates)}.db"
        info = {}
        if not base.exists():
            t = time.perf_counter()
            build_base(size, templates, Path(f"{base}.tmp"))
            info["build_s"] = round(time.perf_counter() - t, 1)
            copy_store(Path(f"{base}.tmp"), base)
            for suffix in ("", "-wal", "-shm"):
                Path(f"{base}.tmp{suffix}").unlink(missing_ok=True)
        if size <= args.rebuild_max:
            copy_store(base, args.work / "rebuild.db")
            t = time.perf_counter()
            info["stories_rebuilt"] = rebuild(replace(settings, db=str(args.work / "rebuild.db")))
            info["rebuild_s"] = round(time.perf_counter() - t, 1)
        info["stories"] = Store(str(base)).story_count()
        result["sizes"][size] = {**info, "add_s": []}
    last_day = T0 + timedelta(days=(max(args.sizes) // len(templates) + 1) * SLOT_DAYS)
    probes = probe_file(probe_docs, last_day, args.work / "probes.jsonl")

    # the story step of analyze (workflow.update_stories, as analyze calls it) is also timed alone
    import newsgraph.workflow as workflow

    story_times: list[float] = []
    update = workflow.update_stories

    def timed_update(*a, **k):
        t = time.perf_counter()
        try:
            return update(*a, **k)
        finally:
            story_times.append(time.perf_counter() - t)

    workflow.update_stories = timed_update
    warm = args.work / "warm.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{warm}{suffix}").unlink(missing_ok=True)
    analyze([probes], replace(settings, db=str(warm)), pipeline=pipeline)  # loads the models
    for _ in range(args.repeats):
        for size in args.sizes:
            db = args.work / "measured.db"
            copy_store(args.work / f"base-{size}-{len(templates)}.db", db)
            t = time.perf_counter()
            out = analyze([probes], replace(settings, db=str(db)), pipeline=pipeline)
            result["sizes"][size]["add_s"].append(round(time.perf_counter() - t, 2))
            result["sizes"][size].setdefault("stories_s", []).append(round(story_times[-1], 2))
            result["sizes"][size]["added"] = len(out.added)
    rows = []
    if not args.repeats:  # --repeats 0: the base stores and the rebuild times only
        print(json.dumps(result, indent=2) if args.json else table(
            ["store size", "stories", "rebuild (s)"],
            [[size, i["stories"], i.get("rebuild_s", "not run")] for size, i in result["sizes"].items()]))
        return 0
    for size, info in result["sizes"].items():
        info["best_s"] = min(info["add_s"])
        info["median_s"] = round(statistics.median(info["add_s"]), 2)
        info["per_article_ms"] = round(1000 * info["best_s"] / max(info["added"], 1), 1)
        rows.append([size, info["stories"], info["added"], info["best_s"], info["per_article_ms"],
                     min(info["stories_s"]), info.get("rebuild_s", "not run")])
    small, large = result["sizes"][min(args.sizes)], result["sizes"][max(args.sizes)]
    ratio = large["per_article_ms"] / max(small["per_article_ms"], 1e-9)
    result["ratio"] = round(ratio, 2)
    result["pass"] = ratio <= MAX_RATIO
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print(table(["store size", "stories", "added", f"add {PROBES} (s, best)", "per article (ms)",
                     "of which stories (s, best)", "rebuild (s)"], rows))
        print(f"{'PASS' if result['pass'] else 'FAIL'}: per-article time at {max(args.sizes)} / at "
              f"{min(args.sizes)} = {ratio:.2f} (limit {MAX_RATIO})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
