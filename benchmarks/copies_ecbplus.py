"""Copies on ECB+ (train and dev): the near-duplicates the copy detector finds, checked against
exact word-shingle Jaccard over every pair and against the sub-topics.

ECB+ gathers several outlets' articles on each event, and some outlets ran the same wire text. A
pair that the detector calls a copy across two sub-topics (two different events) is surely wrong;
a pair within one sub-topic is at least about the same event. Recall is against the exact Jaccard
of the two texts' word 5-shingles (``clean.near_duplicates.shingles``) over all pairs: how many of
the pairs at or above the threshold the stored LSH band keys bring as candidates and the MinHash
estimate keeps. PASS when no copy crosses sub-topics and recall is at least 0.9.

    .venv/bin/python benchmarks/copies_ecbplus.py [--threshold 0.7]
"""
from __future__ import annotations

import argparse
import itertools
import json
import sys
import time
from collections import defaultdict

from _common import REPO, require_data

sys.path.insert(0, str(REPO))


def main() -> int:
    from newsgraph.clean import near_duplicates as nd

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--threshold", type=float, default=0.7)
    args = parser.parse_args()
    path = require_data("ecbplus", "ecbplus_documents.jsonl")
    docs = [json.loads(line) for line in path.open(encoding="utf-8")]
    texts = [d["text_tokenized"] for d in docs]

    start = time.perf_counter()
    signatures = [nd.signature(t) for t in texts]
    signed = time.perf_counter() - start
    buckets: dict[str, list[int]] = defaultdict(list)  # what the signature_bands table holds
    found: set[tuple[int, int]] = set()
    for i, m in enumerate(signatures):  # as articles arrive one by one
        candidates = {j for key in nd.band_keys(m, args.threshold) for j in buckets[key]}
        found |= {(j, i) for j in candidates if m.jaccard(signatures[j]) >= args.threshold}
        for key in nd.band_keys(m, args.threshold):
            buckets[key].append(i)
    matched = time.perf_counter() - start - signed

    shingles = [nd.shingles(t) for t in texts]
    exact = {(i, j) for i, j in itertools.combinations(range(len(docs)), 2)
             if len(shingles[i] & shingles[j]) / len(shingles[i] | shingles[j]) >= args.threshold}
    crossing = [(docs[i]["doc_id"], docs[j]["doc_id"]) for i, j in found if docs[i]["subtopic"] != docs[j]["subtopic"]]
    recall = len(found & exact) / len(exact) if exact else 1.0
    print(f"ECB+ train+dev: {len(docs)} documents, threshold {args.threshold}")
    print(f"copy pairs found: {len(found)} (exact Jaccard >= threshold: {len(exact)}; found and exact: "
          f"{len(found & exact)}; recall {recall:.3f})")
    print(f"pairs across sub-topics: {len(crossing)} {crossing[:5]}")
    print(f"documents that are a copy of an earlier one: {len({j for _, j in found})}")
    print(f"time: signatures {1000 * signed / len(docs):.2f} ms a document, band lookup and check "
          f"{1000 * matched / len(docs):.3f} ms a document")
    ok = not crossing and recall >= 0.9
    print(("PASS" if ok else "FAIL") + f": {len(crossing)} pairs across sub-topics, recall {recall:.3f} (floor 0.9)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
