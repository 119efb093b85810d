"""Headline stance toward a claim on Emergent (for / against / observing), by cross-validation over claims.

Data: ``../shared/data/emergent/emergent_train.csv`` (claim, article headline, stance). Folds are
grouped by claim (GroupKFold, 5 folds): no claim is seen in training and testing. Two systems:
``rules``: ``newsgraph.reconcile.stance.stance`` as it runs in newsgraph (reports -> for,
denies -> against, neutral -> observing), no training; ``model``: logistic regression trained at
benchmark time per fold on the cue features of ``stance.features`` plus word and bigram counts of
the headline. Anchor: 73.0% (Ferreira & Vlachos 2016, on their test claims). PASS when the model's
accuracy >= 0.70.

    .venv/bin/python benchmarks/stance_emergent.py [--json]
"""
from __future__ import annotations

import argparse
import csv
import json
import sys

import numpy as np

from _common import REPO, require_data, table

sys.path.insert(0, str(REPO))

MIN_ACCURACY = 0.70
TO_LABEL = {"reports": "for", "denies": "against", "neutral": "observing"}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    path = require_data("emergent", "emergent_train.csv")
    from scipy.sparse import csr_matrix, hstack
    from sklearn.feature_extraction.text import CountVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GroupKFold

    from newsgraph.reconcile.stance import features, stance

    with path.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    heads = [r["articleHeadline"] for r in rows]
    claims = [r["claimHeadline"] for r in rows]
    gold = np.array([r["articleHeadlineStance"] for r in rows])
    groups = [r["claimId"] for r in rows]
    rules = np.array([TO_LABEL[stance(h, c).value] for h, c in zip(heads, claims)])
    cues = np.array([list(features(h, c).values()) for h, c in zip(heads, claims)])
    pred = np.empty_like(gold)
    for train, test in GroupKFold(n_splits=5).split(heads, gold, groups):
        vec = CountVectorizer(ngram_range=(1, 2), min_df=2, binary=True, lowercase=True)
        xtr = hstack([vec.fit_transform([heads[i] for i in train]), csr_matrix(cues[train])]).tocsr()
        xte = hstack([vec.transform([heads[i] for i in test]), csr_matrix(cues[test])]).tocsr()
        model = LogisticRegression(max_iter=2000, C=0.5, class_weight="balanced").fit(xtr, gold[train])
        pred[test] = model.predict(xte)
    result = {"headlines": len(rows), "claims": len(set(groups)),
              "rules_accuracy": round(float((rules == gold).mean()), 3),
              "model_accuracy": round(float((pred == gold).mean()), 3), "anchor": 0.73}
    per_class = {c: round(float((pred[gold == c] == c).mean()), 3) for c in ("for", "against", "observing")}
    result["model_recall"] = per_class
    result["pass"] = result["model_accuracy"] >= MIN_ACCURACY
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print(f"Emergent: {len(rows)} headlines, {len(set(groups))} claims, 5-fold CV grouped by claim")
        print(table(["system", "accuracy"], [["rules (runtime)", result["rules_accuracy"]],
                                             ["model (trained per fold)", result["model_accuracy"]],
                                             ["anchor (F&V 2016)", 0.73]]))
        print(f"model recall per class: {per_class}")
        print(f"{'PASS' if result['pass'] else 'FAIL'}: accuracy {result['model_accuracy']:.3f} (floor {MIN_ACCURACY})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
