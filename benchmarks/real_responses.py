"""Responses, ledger, reports and clustering on real rumour articles: FNC-1 dev against its blind gold.

``--set train``: the same on 61 FNC-1 train bodies in 14 other claims, against our own annotation
(``benchmarks/gold/fnc-train.json``, labels and offsets only; see ``benchmarks/gold/README.md``).
``--set train-b``: 75 more FNC-1 train bodies in 15 further claims, annotated blind (without
running newsgraph on them): the held-out check of the rules tuned on dev and train (rules were
tuned on it too since: see the README's Quality section).
``--set train-c``: 65 more bodies in 15 further claims (mostly public bodies), annotated blind by a
session that neither ran nor read newsgraph; its first score is the held-out figure.
``--set train-d``: 59 more bodies in 15 further claims (governments, people, one company), annotated
blind the same way; first scored (blind) after the dev target was met.

The 61 FNC-1 dev bodies (15 claims, many outlets, 2014-15; nobody on the team wrote them) go
through `newsgraph analyze` and `export`; `../shared/tools/score.py` scores the export against
`../shared/gold/fnc-dev.json`. Besides its figures (F1 of responses per article, of the per-story
ledger of distinct (party, response), of reports and B-cubed clustering), precision and recall per
response kind, from the scorer's matched, missed and extra responses.

``--thresholds``: a second analysis keeps every candidate (``NEWSGRAPH_MIN_CONFIDENCE=0``) and the
table gives precision, recall and F1 of responses at each confidence threshold, the curve that
``newsgraph/reconcile/abstain.py``'s threshold is chosen on.

    .venv/bin/python benchmarks/real_responses.py [--set dev|train|train-b|train-c|train-d] [--json] [--details] [--thresholds]
"""
from __future__ import annotations

import argparse
import copy
import json
import os
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

from _common import export_of, f1, require_data, shared_tool, table

HERE = Path(__file__).resolve().parent
KINDS = ("denied", "confirmed", "declined_to_comment", "did_not_respond")
THRESHOLDS = (0.0, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)


def at_thresholds(gold_doc: dict, export: dict, score_mod) -> list[list]:
    """[threshold, precision, recall, F1] of responses when only those at or above it are kept."""
    rows = []
    for t in THRESHOLDS:
        kept = copy.deepcopy(export)
        for s in kept["stories"]:
            s["responses"] = [r for r in s["responses"] if r.get("confidence", 1.0) >= t]
        o = score_mod.score(gold_doc, kept)["overall"]["responses"]
        rows.append([t, o["p"], o["r"], o["f1"]])
    return rows


def kind_scores(gold_doc: dict, export: dict, score_mod) -> dict[str, dict[str, float]]:
    """Per kind: match the (party, kind, article) triples exactly as score.py does."""
    file_of = {a["id"]: Path(a.get("source") or "").name for a in export["articles"]}
    tp, pred, gold = Counter(), Counter(), Counter()
    for gs in gold_doc["stories"].values():
        files = set(gs["articles"])
        best = max(export["stories"], key=lambda s: len(files & {file_of.get(a) for a in s["article_ids"]}),
                   default=None)
        if best is None or not files & {file_of.get(a) for a in best["article_ids"]}:
            best = {"responses": []}
        al = score_mod.Aliases(gs["entities"] + [{"name": f["subject"], "aliases": f.get("subject_aliases", [])}
                                                 for f in (gs.get("facts") or [])])
        g = {(r["party"], r["response"], r["article"]) for r in gs["responses"]}
        p = {(al.resolve(r["party"]) or score_mod.norm(r["party"]), r["response"], file_of.get(r["article_id"]))
             for r in best["responses"]}
        gold.update(k for _, k, _ in g)
        pred.update(k for _, k, _ in p)
        tp.update(k for _, k, _ in g & p)
    out = {}
    for kind in KINDS:
        prec = tp[kind] / pred[kind] if pred[kind] else 0.0
        rec = tp[kind] / gold[kind] if gold[kind] else 0.0
        out[kind] = {"p": prec, "r": rec, "f1": f1(prec, rec), "pred": pred[kind], "gold": gold[kind]}
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--set", choices=["dev", "train", "train-b", "train-c", "train-d"], default="dev",
                    help="dev: the shared blind gold; train, train-b, train-c, train-d: our own annotations of other claims")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--details", action="store_true", help="print each story's missed and extra responses")
    ap.add_argument("--thresholds", action="store_true",
                    help="keep every candidate and give precision and recall at each confidence threshold")
    args = ap.parse_args()
    score_mod = shared_tool("score")
    with tempfile.TemporaryDirectory(prefix="ng-fnc-") as tmp:
        if args.set == "dev":
            folder = require_data("fnc1", "dev")
            gold_doc = json.loads(require_data("..", "gold", "fnc-dev.json").read_text(encoding="utf-8"))
        else:
            require_data("fnc1", "train_bodies.csv")
            folder = Path(tmp) / "bodies"
            gold_path = HERE / "gold" / f"fnc-{args.set}.json"
            subprocess.run([sys.executable, str(HERE / "fnc_train_corpus.py"), "--gold", str(gold_path), str(folder)],
                           check=True, capture_output=True)
            gold_doc = json.loads(gold_path.read_text(encoding="utf-8"))
        export = export_of(folder, Path(tmp), f"fnc1-{args.set}")  # the default thresholds
        if args.thresholds:  # again, keeping every candidate, for the curve
            os.environ["NEWSGRAPH_MIN_CONFIDENCE"] = "0"
            every = export_of(folder, Path(tmp), f"fnc1-{args.set}-all")
    result = score_mod.score(gold_doc, export)
    overall = result["overall"]
    kinds = kind_scores(gold_doc, export, score_mod)
    figures = {"articles": len(export["articles"]), "clustering": result["clustering_bcubed"]["f1"],
               **{m: overall[m] for m in ("responses", "ledger", "reports")}, "kinds": kinds}
    if args.json:
        print(json.dumps(figures, indent=1))
        return 0
    print(f"FNC-1 {args.set}: {figures['articles']} articles, {len(gold_doc['stories'])} gold claims\n")
    print(table(["measure", "precision", "recall", "F1"],
                [["clustering (B-cubed)", result["clustering_bcubed"]["p"], result["clustering_bcubed"]["r"],
                  figures["clustering"]],
                 *[[m, overall[m]["p"], overall[m]["r"], overall[m]["f1"]] for m in ("responses", "ledger", "reports")]]))
    print()
    print(table(["response kind", "predicted", "gold", "precision", "recall", "F1"],
                [[k, v["pred"], v["gold"], v["p"], v["r"], v["f1"]] for k, v in kinds.items()]))
    if args.thresholds:
        print()
        print(table(["kept at confidence ≥", "precision", "recall", "F1"], at_thresholds(gold_doc, every, score_mod)))
    if args.details:
        for sid, d in result["stories"].items():
            for label in ("missed", "extra"):
                for item in d["responses"][label]:
                    print(f"{sid}\t{label}\t{item}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
