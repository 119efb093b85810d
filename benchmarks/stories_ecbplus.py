"""Story clustering on ECB+ (train and dev): B-cubed and pairwise F1 against the sub-topics.

Each ECB+ topic holds two sub-topics, two different events of the same kind, so the task is the
one newsgraph faces: put articles on one event together and keep the other event apart.
newsgraph: every document runs through the language pipeline and the embedding model; then both
story methods of ``workflow.compute_stories`` with the default Settings: ``incremental``
(``story_features`` + ``stories.incremental.cluster_incremental``, MiniLM embeddings, the
default) and ``agglomerative`` (``cluster_item`` + ``stories.cluster.cluster``). The incremental
method's parameters were chosen on the train topics only; the figures are given for train+dev
clustered together and, from that same clustering, for each split. The documents have no dates,
so the time window plays no part. Baseline, in the same run: plain TF-IDF over the words
(sublinear tf, English stop words) with average-linkage agglomerative clustering, its cut chosen
as the best of a sweep on the same data (an upper bound for the baseline). Order: the
incremental method is also run on ``--shuffles`` random orders of the documents
(``cluster_in_order``); the B-cubed F1 of each result against the canonical one is reported.
PASS when the incremental method's B-cubed F1 >= 0.85 and above the baseline.

    .venv/bin/python benchmarks/stories_ecbplus.py [--limit N] [--shuffles 3] [--json]
"""
from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections import defaultdict

from _common import REPO, f1, require_data, table

sys.path.insert(0, str(REPO))

MIN_B3 = 0.85


def b_cubed(labels: list, gold: list) -> tuple[float, float, float]:
    clusters, classes = defaultdict(set), defaultdict(set)
    for i, (c, g) in enumerate(zip(labels, gold)):
        clusters[c].add(i)
        classes[g].add(i)
    p = sum(len(clusters[c] & classes[g]) / len(clusters[c]) for c, g in zip(labels, gold)) / len(gold)
    r = sum(len(clusters[c] & classes[g]) / len(classes[g]) for c, g in zip(labels, gold)) / len(gold)
    return p, r, f1(p, r)


def pairwise(labels: list, gold: list) -> tuple[float, float, float]:
    def pairs(groups) -> int:
        return sum(len(g) * (len(g) - 1) // 2 for g in groups)

    clusters, classes, both = defaultdict(set), defaultdict(set), defaultdict(set)
    for i, (c, g) in enumerate(zip(labels, gold)):
        clusters[c].add(i)
        classes[g].add(i)
        both[(c, g)].add(i)
    tp, pred, true = pairs(both.values()), pairs(clusters.values()), pairs(classes.values())
    p, r = (tp / pred if pred else 0.0), (tp / true if true else 0.0)
    return p, r, f1(p, r)


def tfidf_baseline(texts: list[str], gold: list) -> tuple[float, list[int]]:
    from sklearn.cluster import AgglomerativeClustering
    from sklearn.feature_extraction.text import TfidfVectorizer

    x = TfidfVectorizer(sublinear_tf=True, stop_words="english").fit_transform(texts)
    dist = 1.0 - (x @ x.T).toarray()
    best: tuple[float, float, list[int]] = (-1.0, 0.0, [])
    for cut in (0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95):
        labels = AgglomerativeClustering(n_clusters=None, metric="precomputed", linkage="average",
                                         distance_threshold=cut).fit_predict(dist)
        f = b_cubed(list(labels), gold)[2]
        if f > best[0]:
            best = (f, cut, list(labels))
    return best[1], best[2]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=0, help="first N documents only (quick runs; not the figure)")
    ap.add_argument("--shuffles", type=int, default=3, help="random orders for the order check (0: none)")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    path = require_data("ecbplus", "ecbplus_documents.jsonl")

    from newsgraph.model import Article
    from newsgraph.pipeline import Pipeline
    from newsgraph.settings import Settings
    from newsgraph.clustering import embeddings as emb
    from newsgraph.clustering.cluster import cluster
    from newsgraph.clustering.incremental import THRESHOLD, cluster_in_order, cluster_incremental
    from newsgraph.workflow import cluster_item, story_features

    docs = [d for d in map(json.loads, path.read_text(encoding="utf-8").splitlines())
            if d["split"] in ("train", "dev")]
    if args.limit:
        docs = docs[:args.limit]
    gold = [d["subtopic"] for d in docs]
    articles = [Article(id=d["doc_id"], source=d["doc_id"], text=d["text_tokenized"]) for d in docs]
    settings = Settings()

    t0 = time.perf_counter()
    analyses = {a.article_id: a for a in Pipeline(settings.spacy_model, settings.batch_size).pipe(articles)
                if hasattr(a, "article_id")}
    t1 = time.perf_counter()
    vectors = emb.embedder().embed([emb.article_text(a.title, a.text) for a in articles])
    t2 = time.perf_counter()
    entities = {e.key: e for a in analyses.values() for e in a.entities}
    features = [story_features(a, analyses.get(a.id), entities, v) for a, v in zip(articles, vectors)]
    groups = cluster_incremental(features, THRESHOLD, settings.story_window_days)
    t3 = time.perf_counter()
    agglomerative = cluster([cluster_item(a, analyses.get(a.id), entities) for a in articles],
                            settings.story_threshold, settings.story_window_days)

    def labels_of(groups: list[list[str]]) -> list[int]:
        label_of = {aid: n for n, g in enumerate(groups) for aid in g}
        return [label_of[a.id] for a in articles]
    cut, base_labels = tfidf_baseline([d["text_tokenized"] for d in docs], gold)
    canonical = labels_of(groups)
    order_f1 = []
    for seed in range(args.shuffles):
        shuffled = features[:]
        random.Random(seed).shuffle(shuffled)
        order_f1.append(b_cubed(labels_of(cluster_in_order(shuffled, THRESHOLD, settings.story_window_days)),
                                canonical)[2])

    rows = []
    result = {"documents": len(docs), "subtopics": len(set(gold)), "nlp_s": round(t1 - t0, 1),
              "embed_s": round(t2 - t1, 1), "cluster_s": round(t3 - t2, 2), "baseline_cut": cut,
              "order_b3_f1": [round(f, 3) for f in order_f1]}
    splits = sorted({d["split"] for d in docs}, reverse=True)
    split_rows = []
    for name, lab in (("incremental", canonical), ("agglomerative", labels_of(agglomerative)),
                      ("tfidf_baseline", base_labels)):
        bp, br, bf = b_cubed(lab, gold)
        pp, pr, pf = pairwise(lab, gold)
        result[name] = {"clusters": len(set(lab)), "b3_p": round(bp, 3), "b3_r": round(br, 3), "b3_f1": round(bf, 3),
                        "pair_p": round(pp, 3), "pair_r": round(pr, 3), "pair_f1": round(pf, 3)}
        rows.append([name, len(set(lab)), bp, br, bf, pp, pr, pf])
        for split in splits:
            idx = [i for i, d in enumerate(docs) if d["split"] == split]
            sp = b_cubed([lab[i] for i in idx], [gold[i] for i in idx])
            result[name][f"{split}_b3_f1"] = round(sp[2], 3)
            split_rows.append([name, split, len(idx), *sp])
    ours, base = result["incremental"]["b3_f1"], result["tfidf_baseline"]["b3_f1"]
    result["pass"] = ours >= MIN_B3 and ours > base
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print(f"ECB+ train+dev: {len(docs)} documents, {len(set(gold))} sub-topics "
              f"(NLP {result['nlp_s']} s, embeddings {result['embed_s']} s, clustering {result['cluster_s']} s)")
        print(table(["system", "clusters", "B3 P", "B3 R", "B3 F1", "pair P", "pair R", "pair F1"], rows))
        print(table(["system", "split", "documents", "B3 P", "B3 R", "B3 F1"], split_rows))
        print(f"baseline cut (best of sweep): {cut}")
        if order_f1:
            print("incremental, shuffled orders against the canonical one (B3 F1): "
                  + ", ".join(f"{f:.3f}" for f in order_f1))
        print(f"{'PASS' if result['pass'] else 'FAIL'}: B-cubed F1 {ours:.3f} (floor {MIN_B3}, baseline {base:.3f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
