"""Company tickers on SENTiVENT (company-specific English business news, silver sentence rows).

Each document is about one company, named by the first part of its ``document_id`` (``aal00`` ->
``AAL``). The article is rebuilt from its tokenised sentence rows (sentence 0 is the title), run
through newsgraph's language pipeline up to entity linking, and scored: how often the article's
main company (``newsgraph.nlp.entities.salience.main_company``, what the product takes as the company an
article is about) carries that ticker, and how often any company entity of the article does. Scored
twice: with the gazetteer newsgraph ships, and after ``newsgraph gazetteer update --from`` the SEC
file in ``../shared/data/tickers``. ``--split dev`` keeps the companies held out from development
(a fixed third of them, by a hash of the symbol); ``train`` the rest.

    .venv/bin/python benchmarks/tickers_sentivent.py [--limit N] [--split all|train|dev] [--json] [--show-misses]
"""
from __future__ import annotations

import argparse
import csv
import hashlib
import json
import re
import sys
import tempfile
import time
from pathlib import Path

from _common import REPO, require_data, table

sys.path.insert(0, str(REPO))

NO_SPACE_BEFORE = re.compile(r" ([,.;:!?%)\]}]|'s\b|'re\b|'ve\b|'ll\b|'d\b|n't\b|'m\b)")
NO_SPACE_AFTER = re.compile(r"([(\[{$]) ")


def detokenize(sentence: str) -> str:
    """'shares rise 4.76 % to $ 47.08 , Inc .' -> 'shares rise 4.76% to $47.08, Inc.'"""
    text = sentence.strip().replace("` `", "“").replace("' '", "”").replace("- -", "–")
    text = re.sub(r" ' (s|re|ve|ll|d|m)\b", r"'\1", text)
    text = re.sub(r"“ ", "“", re.sub(r" ”", "”", text))
    text = NO_SPACE_BEFORE.sub(r"\1", text)
    text = NO_SPACE_AFTER.sub(r"\1", text)
    return re.sub(r"\s+", " ", text)


def articles(path) -> dict[str, str]:
    """document id -> text: the title, a blank line, then the body sentences as one paragraph."""
    rows: dict[str, list[tuple[int, str]]] = {}
    with open(path, encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            rows.setdefault(row["document_id"], []).append((int(row["sentence_idx"]), row["text"]))
    out = {}
    for doc_id, sents in rows.items():
        sents = [detokenize(t) for _, t in sorted(sents)]
        out[doc_id] = sents[0] + "\n\n" + " ".join(sents[1:])
    return out


def company_of(doc_id: str) -> str:
    return re.sub(r"\d+$", "", doc_id).upper()


def split_of(doc_id: str) -> str:
    """'dev' for a fixed third of the companies (all their documents), 'train' for the others."""
    return "dev" if int(hashlib.sha1(company_of(doc_id).encode()).hexdigest(), 16) % 3 == 0 else "train"


def carries(entity, symbol: str) -> bool:
    from newsgraph.nlp.common.gazetteer import symbol_of

    return entity is not None and any(symbol_of(t).upper() == symbol for t in entity.tickers)


def score(ids: list[str], texts: dict[str, str], gazetteer_path: Path | None) -> tuple[dict, list]:
    """Run the pipeline (up to entity linking) over the articles and score the top company."""
    from newsgraph.nlp.common.article import set_article
    from newsgraph.nlp.entities.salience import main_company
    from newsgraph.nlp.loader import load_pipeline

    nlp = load_pipeline(gazetteer_path=gazetteer_path)
    names = nlp.pipe_names
    nlp.select_pipes(disable=names[names.index("newsgraph_entities_v1") + 1:])
    docs = []
    for doc_id in ids:
        d = nlp.make_doc(texts[doc_id])
        set_article(d, doc_id)
        docs.append(d)
    started = time.perf_counter()
    docs = list(nlp.pipe(docs))
    elapsed = time.perf_counter() - started
    top_ok = any_ok = 0
    misses = []
    for doc_id, doc in zip(ids, docs):
        symbol = company_of(doc_id)
        top = main_company(doc)
        top_ok += carries(top, symbol)
        any_ok += any(carries(e, symbol) for e in (doc._.entities or {}).values())
        if not carries(top, symbol):
            misses.append((doc_id, top.name if top else None, top.tickers if top else ()))
    n = len(ids)
    return ({"top_company_accuracy": top_ok / n if n else 0.0, "any_company_accuracy": any_ok / n if n else 0.0,
             "seconds": round(elapsed, 2)}, misses)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=None, help="only the first N documents")
    ap.add_argument("--split", choices=("all", "train", "dev"), default="all",
                    help="only the development (train) or the held-out (dev) companies")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    ap.add_argument("--show-misses", action="store_true", help="list the documents whose top company is wrong")
    args = ap.parse_args(argv)
    path = require_data("sentivent", "dataset_event_type.tsv")
    sec = require_data("tickers", "sec_company_tickers_exchange.json")

    from newsgraph.sec import update_gazetteer

    texts = articles(path)
    ids = sorted(d for d in texts if args.split in ("all", split_of(d)))
    ids = ids[:args.limit] if args.limit else ids
    result: dict = {"documents": len(ids), "split": args.split}
    misses: dict[str, list] = {}
    with tempfile.TemporaryDirectory() as tmp:
        # 'builtin': what ships with newsgraph; 'sec': after `newsgraph gazetteer update --from` the SEC file
        for label, gazetteer_file in (("builtin", None), ("sec", Path(tmp) / "sec.json")):
            if gazetteer_file is not None:
                update_gazetteer(str(sec), gazetteer_file)
            result[label], misses[label] = score(ids, texts, gazetteer_file)
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    print(f"SENTiVENT: {len(ids)} documents ({args.split})")
    print(table(["gazetteer", "top company carries the ticker", "some company carries it", "seconds"],
                [[label, result[label]["top_company_accuracy"], result[label]["any_company_accuracy"],
                  result[label]["seconds"]] for label in ("builtin", "sec")]))
    if args.show_misses:
        for doc_id, name, tickers in misses["sec"]:
            print(f"  {doc_id}: top company {name!r} {list(tickers)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
