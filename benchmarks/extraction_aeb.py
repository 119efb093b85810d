"""Main-text extraction quality on the Zyte/Scrapinghub article-extraction benchmark (AEB).

newsgraph's prediction goes through ``newsgraph.extract`` (the code path of ``newsgraph extract``);
a rejected page counts as an empty prediction. The metric is re-implemented from the AEB README:
multisets of lower-cased word 4-gram shingles, precision and recall per document, averaged over
documents (an empty prediction has precision 1 and recall 0), F1 = harmonic mean of the two
averages (std of F1 by bootstrap over documents);
accuracy = share of documents whose token sequence equals the truth's.

The published system outputs shipped with the data are scored by the same code, as a check of
the scorer against the published figures.

    .venv/bin/python benchmarks/extraction_aeb.py [--limit N] [--json] [--min-f1 0.9]
"""
from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import sys
import time
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass
from pathlib import Path

from _common import f1, require_data, table

SHINGLE = 4
BOOTSTRAP = 1000
TOKEN = re.compile(r"\w+")

# Published F1 (AEB README, via ../shared/data/README.md), keyed by system-output file stem.
# newspaper/news_please carry no version; their scores match newspaper4k/news-please to 0.001.
PUBLISHED_F1 = {
    "AutoExtract": 0.970, "go_trafilatura": 0.960, "trafilatura": 0.958, "Diffbot": 0.951,
    "newspaper": 0.949, "news_please": 0.948, "readability_js": 0.947, "readability": 0.922, "goose3": 0.896,
    "justext": 0.804, "html-text": 0.665,
}
PUBLISHED_NAMES = {
    "AutoExtract": "Zyte AutoExtract (2019)", "go_trafilatura": "go_trafilatura", "trafilatura": "trafilatura 2.0.0",
    "Diffbot": "Diffbot", "newspaper": "newspaper4k", "news_please": "news-please",
    "readability_js": "readability.js", "readability": "readability-lxml 0.8.4.1",
    "goose3": "goose3 3.1.20", "justext": "justext 3.0.2", "html-text": "html-text (whole page)",
}


def tokenize(text: str | None) -> list[str]:
    return TOKEN.findall((text or "").lower())


def shingles(tokens: list[str], n: int = SHINGLE) -> Counter:
    """Multiset of word n-grams; a text shorter than n words is one shingle (so it still counts)."""
    if len(tokens) < n:
        return Counter([tuple(tokens)]) if tokens else Counter()
    return Counter(tuple(tokens[i:i + n]) for i in range(len(tokens) - n + 1))


@dataclass(frozen=True)
class DocScore:
    id: str
    precision: float
    recall: float
    exact: bool
    status: str = "ok"  # 'ok', 'empty', or the rejection code


def score_doc(doc_id: str, truth: str, pred: str | None, status: str = "ok") -> DocScore:
    t_tok, p_tok = tokenize(truth), tokenize(pred)
    t, p = shingles(t_tok), shingles(p_tok)
    # An empty side makes its ratio vacuous: an empty prediction has no wrong shingle (precision 1)
    # and finds nothing (recall 0); both empty is a perfect score. The published figures follow this
    # convention (scoring empty as 0/0 puts goose3 at 0.882 and Diffbot at 0.948, not 0.896 and 0.951).
    common = sum((t & p).values())
    precision = common / sum(p.values()) if p else 1.0
    recall = common / sum(t.values()) if t else 1.0
    if status == "ok" and not p_tok:
        status = "empty"
    return DocScore(doc_id, precision, recall, t_tok == p_tok, status)


def summarise(docs: list[DocScore]) -> dict:
    n = len(docs)
    p = sum(d.precision for d in docs) / n
    r = sum(d.recall for d in docs) / n
    rng = random.Random(0)
    boot = []
    for _ in range(BOOTSTRAP):
        sample = [docs[rng.randrange(n)] for _ in range(n)]
        boot.append(f1(sum(d.precision for d in sample) / n, sum(d.recall for d in sample) / n))
    mean = sum(boot) / len(boot)
    std = (sum((b - mean) ** 2 for b in boot) / (len(boot) - 1)) ** 0.5
    return {
        "docs": n, "f1": f1(p, r), "f1_std": std, "precision": p, "recall": r,
        "accuracy": sum(d.exact for d in docs) / n,
        "rejected": sum(d.status not in ("ok", "empty") for d in docs),
        "empty": sum(d.status != "ok" for d in docs),
    }


def score_outputs(truth: Mapping[str, dict], bodies: Mapping[str, str | None],
                  statuses: Mapping[str, str] | None = None) -> tuple[dict, list[DocScore]]:
    statuses = statuses or {}
    docs = [score_doc(i, truth[i]["articleBody"], bodies.get(i), statuses.get(i, "ok")) for i in truth]
    return summarise(docs), docs


def load_system_output(path: Path) -> dict[str, str | None]:
    """{item_id: articleBody}; two layouts exist: {id: {...}} and {"output": {id: {...}}, "version": ...}."""
    data = json.loads(path.read_text(encoding="utf-8"))
    items = data["output"] if set(data) == {"output", "version"} else data
    return {k: (v or {}).get("articleBody") for k, v in items.items()}


def newsgraph_bodies(pages: Iterable[Path]) -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """(bodies, statuses, reasons) by item id, through newsgraph.extract."""
    import newsgraph

    bodies: dict[str, str] = {}
    statuses: dict[str, str] = {}
    reasons: dict[str, str] = {}
    for item in newsgraph.extract(list(pages)):
        doc_id = Path(item.source).name.removesuffix(".html.gz")
        if isinstance(item, newsgraph.Rejection):
            statuses[doc_id], reasons[doc_id] = item.code, item.reason
        else:
            bodies[doc_id] = item.text
    return bodies, statuses, reasons


def trafilatura_bodies(pages: Iterable[Path]) -> dict[str, str | None]:
    """The installed trafilatura alone, default settings: tells newsgraph's own losses from its engine's."""
    import trafilatura

    out = {}
    for page in pages:
        html = gzip.decompress(page.read_bytes()).decode("utf-8", errors="replace")
        out[page.name.removesuffix(".html.gz")] = trafilatura.extract(html)
    return out


def run(limit: int | None = None) -> dict:
    root = require_data("scrapinghub-aeb")
    truth_all = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
    ids = sorted(truth_all)[:limit] if limit else sorted(truth_all)
    truth = {i: truth_all[i] for i in ids}
    pages = [root / "html" / f"{i}.html.gz" for i in ids]

    start = time.perf_counter()
    bodies, statuses, reasons = newsgraph_bodies(pages)
    seconds = time.perf_counter() - start
    ours, our_docs = score_outputs(truth, bodies, statuses)
    ours.update(system="newsgraph.extract", seconds=round(seconds, 2))

    import trafilatura

    direct = trafilatura_bodies(pages)
    base, base_docs = score_outputs(truth, direct)
    base.update(system=f"trafilatura {trafilatura.__version__} alone (defaults)")

    published = []
    for path in sorted((root / "system_outputs").glob("*.json")):
        summary, _ = score_outputs(truth, load_system_output(path))
        summary.update(system=path.stem, published_f1=PUBLISHED_F1.get(path.stem),
                       published_as=PUBLISHED_NAMES.get(path.stem))
        published.append(summary)
    published.sort(key=lambda s: -s["f1"])

    base_f1 = {d.id: f1(d.precision, d.recall) for d in base_docs}
    losses = [{"id": d.id, "status": d.status, "f1": round(f1(d.precision, d.recall), 3),
               "trafilatura_f1": round(base_f1[d.id], 3), "reason": reasons.get(d.id)}
              for d in our_docs if base_f1[d.id] - f1(d.precision, d.recall) > 0.05]
    losses.sort(key=lambda x: x["f1"] - x["trafilatura_f1"])
    return {"benchmark": "extraction_aeb", "limit": limit, "newsgraph": ours, "trafilatura_direct": base,
            "system_outputs": published, "losses_vs_trafilatura": losses}


def report(result: dict) -> str:
    cols = ["system", "F1", "± std", "precision", "recall", "accuracy", "empty", "rejected"]
    def row(s: dict) -> list:
        return [s["system"], s["f1"], s["f1_std"], s["precision"], s["recall"], s["accuracy"],
                s["empty"], s["rejected"]]
    ng = result["newsgraph"]
    lines = [f"AEB main-text extraction, {ng['docs']} pages ({ng['seconds']} s in newsgraph.extract)", "",
             table(cols, [row(ng), row(result["trafilatura_direct"])]), "",
             "Scorer check: published system outputs scored by this script", "",
             table(["system output", "F1 (ours)", "published F1", "published as", "precision", "recall",
                    "accuracy"],
                   [[s["system"], s["f1"], s["published_f1"], s["published_as"], s["precision"], s["recall"],
                     s["accuracy"]] for s in result["system_outputs"]])]
    if result["losses_vs_trafilatura"]:
        lines += ["", "Pages where newsgraph scores > 0.05 F1 below trafilatura alone", "",
                  table(["id", "status", "F1", "trafilatura F1", "reason"],
                        [[x["id"][:12], x["status"], x["f1"], x["trafilatura_f1"], x["reason"]]
                         for x in result["losses_vs_trafilatura"]])]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--limit", type=int, help="score only the first N pages (sorted by id)")
    ap.add_argument("--json", action="store_true", help="print the results as JSON")
    ap.add_argument("--min-f1", type=float, help="exit 1 when newsgraph's F1 is below this")
    args = ap.parse_args(argv)
    result = run(args.limit)
    print(json.dumps(result, indent=2) if args.json else report(result))
    if args.min_f1 is not None and result["newsgraph"]["f1"] < args.min_f1:
        print(f"FAIL: newsgraph F1 {result['newsgraph']['f1']:.3f} < --min-f1 {args.min_f1}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
