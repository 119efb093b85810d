"""Facts on real business articles: SENTiVENT facts-dev against its blind gold.

The 15 SENTiVENT facts-dev articles (real business news on S&P 500 companies; nobody on the team
wrote them) go through `newsgraph analyze` and `export`; `../shared/tools/facts_score.py` scores
the export against `../shared/gold/sentivent-facts-dev.json`: F1, precision and recall of the
facts (subject, value and period must match), and unit and qualifier accuracy on the matched ones.

``--set b``: 12 further SENTiVENT articles (other companies), rebuilt from the SENTiVENT silver
sentences by ``benchmarks/sentivent_corpus.py`` and annotated blind by us
(``benchmarks/gold/sentivent-facts-b.json``: figures and character offsets, no sentences).

``--thresholds``: a second analysis keeps every candidate (``NEWSGRAPH_MIN_CONFIDENCE=0``) and a table gives
precision, recall and F1 at each confidence threshold (the curve the fact threshold of
``newsgraph/reconcile/abstain.py`` is chosen on).

    .venv/bin/python benchmarks/real_facts.py [--set dev|b] [--json] [--details] [--thresholds]
"""
from __future__ import annotations

import argparse
import copy
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from _common import export_of, require_data, shared_tool, table

HERE = Path(__file__).resolve().parent


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--details", action="store_true", help="print the missed and the extra facts")
    ap.add_argument("--thresholds", action="store_true",
                    help="keep every candidate and give precision and recall at each confidence threshold")
    ap.add_argument("--set", choices=["dev", "b"], default="dev",
                    help="dev: the shared blind gold; b: our own blind annotation of 12 other articles")
    args = ap.parse_args()
    scorer = shared_tool("facts_score")
    with tempfile.TemporaryDirectory(prefix="ng-facts-") as tmp:
        if args.set == "dev":
            folder = require_data("sentivent", "facts-dev")
            gold_path = require_data("..", "gold", "sentivent-facts-dev.json")
        else:
            require_data("sentivent", "dataset_event_type.tsv")
            folder, gold_path = Path(tmp) / "texts", HERE / "gold" / "sentivent-facts-b.json"
            subprocess.run([sys.executable, str(HERE / "sentivent_corpus.py"), "--gold", str(gold_path), str(folder)],
                           check=True, capture_output=True)
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        export = export_of(folder, Path(tmp), f"sentivent-facts-{args.set}")  # the default thresholds
        if args.thresholds:  # again, keeping every candidate, for the curve
            os.environ["NEWSGRAPH_MIN_CONFIDENCE"] = "0"
            every = export_of(folder, Path(tmp), f"sentivent-facts-{args.set}-all")
    result = scorer.score(gold, export)
    o = result["overall"]
    figures = {"articles": len(gold["articles"]), "gold_facts": o["gold"], "predicted": o["pred"], "matched": o["tp"],
               "f1": o["f1"], "precision": o["p"], "recall": o["r"], "unit_accuracy": result["unit_accuracy"],
               "qualifier_accuracy": result["qualifier_accuracy"]}
    if args.json:
        print(json.dumps(figures, indent=1))
        return 0
    print(f"SENTiVENT facts-{args.set}: {figures['articles']} articles, {o['gold']} gold facts, {o['pred']} predicted\n")
    print(table(["F1", "precision", "recall", "unit accuracy", "qualifier accuracy"],
                [[o["f1"], o["p"], o["r"], result["unit_accuracy"], result["qualifier_accuracy"]]]))
    if args.thresholds:
        rows = []
        for t in (0.0, 0.4, 0.5, 0.6, 0.7, 0.8, 0.85, 0.9):
            kept = copy.deepcopy(every)
            for s in kept["stories"]:
                s["facts"] = [f for f in s["facts"] if f.get("confidence", 1.0) >= t]
            k = scorer.score(gold, kept)["overall"]
            rows.append([t, k["p"], k["r"], k["f1"]])
        print()
        print(table(["kept at confidence ≥", "precision", "recall", "F1"], rows))
    if args.details:
        for fname, x in result["missed"]:
            print(f"missed\t{fname}\t{scorer.show(x)}")
        for fname, p in result["extra"]:
            print(f"extra\t{fname}\t{scorer.show(p)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
