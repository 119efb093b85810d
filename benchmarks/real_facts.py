"""Facts on real business articles: SENTiVENT facts-dev against its blind gold.

The 15 SENTiVENT facts-dev articles (real business news on S&P 500 companies; nobody on the team
wrote them) go through `newsgraph analyze` and `export`; `../shared/tools/facts_score.py` scores
the export against `../shared/gold/sentivent-facts-dev.json`: F1, precision and recall of the
facts (subject, value and period must match), and unit and qualifier accuracy on the matched ones.

    .venv/bin/python benchmarks/real_facts.py [--json] [--details]
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

from _common import export_of, require_data, shared_tool, table


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--details", action="store_true", help="print the missed and the extra facts")
    args = ap.parse_args()
    folder = require_data("sentivent", "facts-dev")
    gold_path = require_data("..", "gold", "sentivent-facts-dev.json")
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    scorer = shared_tool("facts_score")
    with tempfile.TemporaryDirectory(prefix="ng-facts-") as tmp:
        export = export_of(folder, Path(tmp), "sentivent-facts-dev")
    result = scorer.score(gold, export)
    o = result["overall"]
    figures = {"articles": len(gold["articles"]), "gold_facts": o["gold"], "predicted": o["pred"], "matched": o["tp"],
               "f1": o["f1"], "precision": o["p"], "recall": o["r"], "unit_accuracy": result["unit_accuracy"],
               "qualifier_accuracy": result["qualifier_accuracy"]}
    if args.json:
        print(json.dumps(figures, indent=1))
        return 0
    print(f"SENTiVENT facts-dev: {figures['articles']} articles, {o['gold']} gold facts, {o['pred']} predicted\n")
    print(table(["F1", "precision", "recall", "unit accuracy", "qualifier accuracy"],
                [[o["f1"], o["p"], o["r"], result["unit_accuracy"], result["qualifier_accuracy"]]]))
    if args.details:
        for fname, x in result["missed"]:
            print(f"missed\t{fname}\t{scorer.show(x)}")
        for fname, p in result["extra"]:
            print(f"extra\t{fname}\t{scorer.show(p)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
