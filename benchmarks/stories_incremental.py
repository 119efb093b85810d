"""Incremental stories against `rebuild`: how the grouping of `analyze`, fed the articles in date
order, differs from the grouping `newsgraph rebuild` gives for the same articles.

Seeds (``../shared/seeds``) and the demo (``examples/demo``): the real path. Each file is analysed
by its own ``analyze`` call, in the order of the articles' dates, into a fresh store (the
persisted index, the changed stories only); the stored grouping is read, then ``rebuild`` runs on
that store and its grouping is read. ECB+ (train and dev documents, as in ``stories_ecbplus.py``):
772 ``analyze`` calls take too long for a benchmark, so the path is replayed on the features:
``clustering.incremental.cluster_in_batches`` adds the documents ``--batch`` at a time to one
index and refines each batch alone, which is what ``analyze`` computes on its persisted index
(``tests/test_stories_stored_index.py`` checks that the stored and the in-memory index give the
same stories); ``rebuild`` is ``cluster_incremental`` (all documents, then the refinement over
all). The documents have no dates: date order is id order. Reported: the number of stories,
whether the groupings are identical, the B-cubed F1 of the incremental grouping against the
rebuild's, and for ECB+ each one's B-cubed F1 against the gold sub-topics.

    .venv/bin/python benchmarks/stories_incremental.py [--batch 1 10 50] [--limit N] [--json]
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

from _common import DATA, REPO, SHARED, table

sys.path.insert(0, str(REPO))


def labels(groups: list[list[str]], ids: list[str]) -> list[int]:
    label_of = {a: n for n, g in enumerate(groups) for a in g}
    return [label_of[a] for a in ids]


def real_path(folder: Path, work: Path, pipeline) -> dict:
    """One analyze call per file in date order, then rebuild, on one store."""
    from newsgraph.model import time_key
    from newsgraph.settings import Settings
    from newsgraph.store.db import Store
    from newsgraph.workflow import analyze, extract, rebuild

    from stories_ecbplus import b_cubed

    settings = Settings(db=str(work / f"{folder.name}.db"), progress=False)
    dated = {Path(a.source).name: a.published_at for a in extract([folder]) if hasattr(a, "published_at")}
    files = sorted((p for p in folder.iterdir() if p.name in dated),
                   key=lambda p: (dated[p.name] is None, time_key(dated[p.name]), p.name))
    for path in files:
        analyze([path], settings, pipeline=pipeline)
    store = Store(settings.db)
    incremental = [r["article_ids"] for r in store.story_rows()]
    rebuild(settings)
    full = [r["article_ids"] for r in store.story_rows()]
    ids = sorted(a for g in full for a in g)
    return {"articles": len(ids), "calls": len(files), "stories_incremental": len(incremental),
            "stories_rebuild": len(full), "identical": sorted(incremental) == sorted(full),
            "b3_f1_vs_rebuild": round(b_cubed(labels(incremental, ids), labels(full, ids))[2], 3)}


def ecbplus(batches: list[int], limit: int | None) -> dict | None:
    path = DATA / "ecbplus" / "ecbplus_documents.jsonl"
    if not path.exists():
        return None
    from newsgraph.clustering import embeddings as emb
    from newsgraph.clustering.incremental import THRESHOLD, cluster_in_batches, cluster_incremental
    from newsgraph.model import Article
    from newsgraph.pipeline import Pipeline
    from newsgraph.settings import Settings
    from newsgraph.workflow import story_features

    from stories_ecbplus import b_cubed

    docs = [d for d in map(json.loads, path.read_text(encoding="utf-8").splitlines())
            if d["split"] in ("train", "dev")][:limit]
    gold = [d["subtopic"] for d in docs]
    articles = [Article(id=d["doc_id"], source=d["doc_id"], text=d["text_tokenized"]) for d in docs]
    settings = Settings()
    analyses = {a.article_id: a for a in Pipeline(settings.spacy_model, settings.batch_size).pipe(articles)
                if hasattr(a, "article_id")}
    vectors = emb.embedder().embed([emb.article_text(a.title, a.text) for a in articles])
    entities = {e.key: e for a in analyses.values() for e in a.entities}
    features = [story_features(a, analyses.get(a.id), entities, v) for a, v in zip(articles, vectors)]
    ids = [a.id for a in articles]
    full = cluster_incremental(features, THRESHOLD, settings.story_window_days)
    out = {"documents": len(docs), "rebuild": {"stories": len(full),
                                               "b3_f1_gold": round(b_cubed(labels(full, ids), gold)[2], 3)}}
    for size in batches:
        groups = cluster_in_batches(features, size, THRESHOLD, settings.story_window_days)
        out[f"batch_{size}"] = {"stories": len(groups), "identical": sorted(groups) == sorted(full),
                                "b3_f1_vs_rebuild": round(b_cubed(labels(groups, ids), labels(full, ids))[2], 3),
                                "b3_f1_gold": round(b_cubed(labels(groups, ids), gold)[2], 3)}
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--batch", type=int, nargs="+", default=[1, 10, 50], help="ECB+ documents per analyze call")
    ap.add_argument("--limit", type=int, default=None, help="the first N ECB+ documents only")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()

    from newsgraph.pipeline import Pipeline

    pipeline = Pipeline()
    result: dict = {}
    with tempfile.TemporaryDirectory(prefix="newsgraph-incr-") as work:
        for name, folder in (("seeds", SHARED / "seeds"), ("demo", REPO / "examples" / "demo")):
            if folder.is_dir():
                result[name] = real_path(folder, Path(work), pipeline)
    result["ecbplus"] = ecbplus(args.batch, args.limit)
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    rows = [[name, r["articles"], r["calls"], r["stories_incremental"], r["stories_rebuild"], r["identical"],
             r["b3_f1_vs_rebuild"]] for name, r in result.items() if name != "ecbplus"]
    print(table(["corpus", "articles", "analyze calls", "stories (incremental)", "stories (rebuild)",
                 "identical", "B3 F1 vs rebuild"], rows))
    if result["ecbplus"]:
        e = result["ecbplus"]
        rows = [["rebuild", e["rebuild"]["stories"], "", "", e["rebuild"]["b3_f1_gold"]]]
        rows += [[f"{k.split('_')[1]} per call", v["stories"], v["identical"], v["b3_f1_vs_rebuild"], v["b3_f1_gold"]]
                 for k, v in e.items() if k.startswith("batch_")]
        print(f"ECB+ train+dev, {e['documents']} documents (replayed on the features, see the docstring)")
        print(table(["incremental", "stories", "identical", "B3 F1 vs rebuild", "B3 F1 vs gold"], rows))
    else:
        print("ECB+: skipped (../shared/data/ecbplus not found)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
