"""Entity types and merges on real news pages: 20 pages of the Zyte article-extraction benchmark
(MIT licence) against our own annotation (``benchmarks/gold/aeb-entities.json``, labels and
offsets only; see ``benchmarks/gold/README.md``).

The pages go through the real `analyze` path into a fresh store; each gold mention (character
offsets into the cleaned text) is matched to the stored mention that overlaps it most, read with
the store's company merges. Figures:

- found: share of gold mentions that some stored mention covers;
- type accuracy: share of gold mentions whose stored entity has the gold type (a mention not
  found counts as wrong), and of gold entities whose found mentions mostly have it;
- merges: B-cubed precision and recall of the found mentions' grouping into entities per page
  (are the mentions of one gold entity one stored entity, and only those?).

    .venv/bin/python benchmarks/real_entities.py [--json] [--details] [--code DIR]

``--code DIR`` runs another checkout's newsgraph (e.g. an older commit, for a before/after).
"""
from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

from _common import REPO, f1, require_data, table

GOLD = Path(__file__).resolve().parent / "gold" / "aeb-entities.json"


def stored_mentions(folder: Path, work: Path) -> dict[str, tuple[str, list[tuple[int, int, str, str]]]]:
    """item id -> (cleaned text, [(start, end, entity key, entity type)]) through `analyze`."""
    from newsgraph import workflow
    from newsgraph.settings import Settings
    from newsgraph.store.db import Store

    db = str(work / "aeb.db")
    workflow.analyze([folder], Settings(db=db, progress=False))
    store = Store(db)
    entities, analyses = store.entities(), store.analyses()
    out = {}
    for article in store.articles():
        item = Path(article.source or "").name.split(".")[0]
        rows = [(m.evidence.start, m.evidence.end, m.entity_key, entities[m.entity_key].type.value)
                for m in analyses[article.id].mentions if m.entity_key in entities]
        out[item] = (article.text, rows)
    return out


def best_match(start: int, end: int, rows: list[tuple[int, int, str, str]]) -> tuple[int, int, str, str] | None:
    overlaps = [(min(end, e) - max(start, s), r) for r in rows for s, e in [r[:2]] if s < end and e > start]
    return max(overlaps, key=lambda x: x[0])[1] if overlaps else None


def score(gold: dict, stored: dict) -> dict:
    found = total = typed = 0
    ent_total = ent_typed = 0
    by_type: dict[str, Counter] = defaultdict(Counter)
    b_p, b_r, b_n = 0.0, 0.0, 0
    errors = []
    for item, page in gold["pages"].items():
        text, rows = stored.get(item, ("", []))
        if len(text) != page["chars"]:
            errors.append((item, "text", f"cleaned text has {len(text)} characters, the gold {page['chars']}", ""))
        cluster_of: dict[tuple[int, int], tuple[int, str]] = {}  # gold span -> (gold entity, stored key)
        for n, ent in enumerate(page["entities"]):
            votes = Counter()
            for s, e in ent["mentions"]:
                total += 1
                by_type[ent["type"]]["gold"] += 1
                hit = best_match(s, e, rows)
                if hit is None:
                    errors.append((item, "missed", ent["names"][0], text[s:e]))
                    continue
                found += 1
                votes[hit[3]] += 1
                cluster_of[(s, e)] = (n, hit[2])
                if hit[3] == ent["type"]:
                    typed += 1
                    by_type[ent["type"]]["right"] += 1
                else:
                    errors.append((item, f"typed {hit[3]}", ent["names"][0], text[s:e]))
            ent_total += 1
            ent_typed += bool(votes) and votes.most_common(1)[0][0] == ent["type"]
        gold_sets, pred_sets = defaultdict(set), defaultdict(set)
        for span, (n, key) in cluster_of.items():
            gold_sets[n].add(span)
            pred_sets[key].add(span)
        for span, (n, key) in cluster_of.items():
            both = len(gold_sets[n] & pred_sets[key])
            b_p += both / len(pred_sets[key])
            b_r += both / len(gold_sets[n])
            b_n += 1
        for key, spans in pred_sets.items():
            golds = {cluster_of[s][0] for s in spans}
            if len(golds) > 1:
                errors.append((item, "merged", " + ".join(page["entities"][g]["names"][0] for g in sorted(golds)), key))
        for n, spans in gold_sets.items():
            keys = {cluster_of[s][1] for s in spans}
            if len(keys) > 1:
                errors.append((item, "split", page["entities"][n]["names"][0], " / ".join(sorted(keys))))
    p, r = (b_p / b_n, b_r / b_n) if b_n else (0.0, 0.0)
    return {"pages": len(gold["pages"]), "entities": ent_total, "mentions": total,
            "found": found / total if total else 0.0,
            "type_accuracy": typed / total if total else 0.0,
            "entity_type_accuracy": ent_typed / ent_total if ent_total else 0.0,
            "merge_precision": p, "merge_recall": r, "merge_f1": f1(p, r),
            "by_type": {t: c["right"] / c["gold"] for t, c in sorted(by_type.items())},
            "errors": errors}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--details", action="store_true", help="print every mistyped, missed, merged and split entity")
    ap.add_argument("--code", type=Path, default=REPO, help="the checkout whose newsgraph runs (default: this one)")
    args = ap.parse_args()
    html = require_data("scrapinghub-aeb", "html")
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    sys.path.insert(0, str(args.code.resolve()))
    with tempfile.TemporaryDirectory(prefix="ng-aeb-entities-") as tmp:
        folder = Path(tmp) / "pages"
        folder.mkdir()
        for item in gold["pages"]:
            shutil.copy(html / f"{item}.html.gz", folder / f"{item}.html.gz")
        result = score(gold, stored_mentions(folder, Path(tmp)))
    errors = result.pop("errors")
    if args.json:
        print(json.dumps(result, indent=1))
        return 0
    print(f"AEB entities: {result['pages']} pages, {result['entities']} gold entities, {result['mentions']} mentions\n")
    print(table(["measure", "value"],
                [["mentions found", result["found"]], ["type accuracy (mentions)", result["type_accuracy"]],
                 ["type accuracy (entities)", result["entity_type_accuracy"]],
                 ["merge precision (B-cubed)", result["merge_precision"]],
                 ["merge recall (B-cubed)", result["merge_recall"]], ["merge F1", result["merge_f1"]]]))
    print()
    print(table(["gold type", "mention type accuracy"], [[t, v] for t, v in result["by_type"].items()]))
    if args.details:
        for row in errors:
            print("\t".join(row))
    return 0


if __name__ == "__main__":
    sys.exit(main())
