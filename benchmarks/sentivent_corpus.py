#!/usr/bin/env python3
"""Rebuild the SENTiVENT article texts that a facts gold lists, and check the gold's offsets.

    python3 benchmarks/sentivent_corpus.py --gold benchmarks/gold/sentivent-facts-b.json OUT_DIR
    python3 benchmarks/sentivent_corpus.py --check [--show]     # only check the gold (no files written)
    python3 benchmarks/sentivent_corpus.py --check-dev          # rebuild facts-dev, compare byte for byte

The texts come from ../shared/data/sentivent/dataset_event_type.tsv (or $NEWSGRAPH_SHARED_DATA/...),
one row per sentence, built exactly as ../shared/data/sentivent/facts-dev/ was (by
../shared/tools/sentivent_docs.py `text_of`): the headline (sentence 0), a blank line, the other
sentences in `sentence_idx` order joined by single spaces, a final newline, each sentence lightly
detokenised. Files are named `<document_id>.txt`, as the gold keys are (facts-dev names its files by
the `document_title` column, which --check-dev reads from the TSV; the repo stores no titles). The recipe is
copied here rather than imported so that the gold's character offsets stay pinned to it;
--check-dev proves it still gives byte-identical files to facts-dev.

SENTiVENT states no licence, so the repo holds only the gold's labels, figures and offsets; the
texts stay in the shared folder and in the output folder you choose (keep it out of the repo).
The check: every article exists in the TSV under its document id, 0 <= start < end <= len(text),
the span holds a digit or a number word, and no fact stores a quote. --show prints the spans (for a
human to read; never written anywhere). Exits 0 with a "skipped" message when the data is absent.
Standard library only.
"""
from __future__ import annotations

import argparse
import csv
import json
import os
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DATA = Path(os.environ.get("NEWSGRAPH_SHARED_DATA", REPO.parent / "shared" / "data"))
TSV = DATA / "sentivent" / "dataset_event_type.tsv"
DEV = DATA / "sentivent" / "facts-dev"
GOLD = Path(__file__).resolve().parent / "gold" / "sentivent-facts-b.json"
NUMBER = re.compile(r"\d|\b(one|two|three|four|five|six|seven|eight|nine|ten|dozen|half|third)\b", re.I)


def detok(s: str) -> str:
    """Undo the corpus tokenisation lightly (the rules of sentivent_docs.detok, in the same order)."""
    s = s.replace("` ` ", '"').replace("` `", '"').replace(" ' '", '"').replace("' '", '"')
    s = re.sub(r" (['’]) (s|ll|re|ve|d|m)\b", r"\1\2", s)
    s = re.sub(r"(\w)s ' (?=\s)", r"\1s'", s)
    s = s.replace(" n't", "n't").replace(" - - ", " -- ")
    s = re.sub(r"\s+([,.;:%!?)\]])", r"\1", s)
    s = re.sub(r"([(\[$€£])\s+", r"\1", s)
    s = re.sub(r"(\d) , (\d{3})\b", r"\1,\2", s)
    return re.sub(r"\s{2,}", " ", s).strip()


def load(tsv: Path) -> dict[str, tuple[str, str]]:
    """document_id -> (file name from document_title, rebuilt text); silver rows only."""
    csv.field_size_limit(1 << 30)
    rows: dict[str, tuple[str, list[tuple[int, str]]]] = {}
    with tsv.open(encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh, delimiter="\t"):
            if r["dataset"].strip() == "silver":
                rows.setdefault(r["document_id"], (r["document_title"], []))[1].append((int(r["sentence_idx"]), r["text"]))
    docs = {}
    for did, (title, sents) in rows.items():
        s = [detok(t) for _, t in sorted(sents)]
        docs[did] = (title, s[0] + "\n\n" + " ".join(s[1:]) + "\n")
    return docs


def file_name(document_id: str) -> str:
    """The rebuilt text's file name, which is also the article's key in the gold."""
    return f"{document_id}.txt"


def check(gold: dict, docs: dict[str, tuple[str, str]], show: bool = False) -> list[str]:
    errors = []
    for fname, art in gold["articles"].items():
        did = art.get("document_id")
        if did not in docs or file_name(did) != fname:
            errors.append(f"{fname}: document id {did!r} not in the TSV, or not named {file_name(str(did))!r}")
            continue
        text = docs[did][1]
        for f in art["facts"]:
            where = f"{did}: {f['metric']} = {f['value']} {f['unit']}"
            if "quote" in f:
                errors.append(f"{where}: stores a quote (offsets only)")
            a, b = f.get("start"), f.get("end")
            if not (isinstance(a, int) and isinstance(b, int) and 0 <= a < b <= len(text)):
                errors.append(f"{where}: span {a}-{b} outside the text (length {len(text)})")
            elif not NUMBER.search(text[a:b]):
                errors.append(f"{where}: span {a}-{b} holds no figure")
            elif show:
                print(f"{where} [{a}:{b}]\n    {text[a:b]!r}")
    return errors


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("output", nargs="?", help="folder to write the gold's <document_id>.txt files into")
    ap.add_argument("--gold", type=Path, default=GOLD, help=f"facts gold (default {GOLD.relative_to(REPO)})")
    ap.add_argument("--check", action="store_true", help="only check the gold (no files written)")
    ap.add_argument("--show", action="store_true", help="print each fact's span (never stored)")
    ap.add_argument("--check-dev", action="store_true", help="compare rebuilt facts-dev texts with the shared files")
    a = ap.parse_args()
    if not (a.output or a.check or a.check_dev):
        ap.error("give OUT_DIR, --check or --check-dev")
    if not TSV.exists():
        where = TSV if "NEWSGRAPH_SHARED_DATA" in os.environ else "../shared/data/sentivent/dataset_event_type.tsv"
        print(f"skipped: {where} not found (the shared data is not next to this repo)")
        return 0
    docs = load(TSV)
    if a.check_dev:
        by_name = {title: text for title, text in docs.values()}
        dev = sorted(DEV.glob("*.txt"))
        bad = [p.name for p in dev if by_name.get(p.name, "").encode("utf-8") != p.read_bytes()]
        print(f"facts-dev: {len(dev) - len(bad)} of {len(dev)} rebuilt byte-identical" + (f"; differ: {bad}" if bad else ""))
        if bad or not (a.output or a.check):
            return 1 if bad else 0
    gold = json.loads(a.gold.read_text(encoding="utf-8"))
    if a.output:
        out = Path(a.output)
        out.mkdir(parents=True, exist_ok=True)
        n = 0
        for art in gold["articles"].values():
            if art.get("document_id") in docs:
                text = docs[art["document_id"]][1]
                with (out / file_name(art["document_id"])).open("w", encoding="utf-8", newline="") as fh:
                    fh.write(text)
                n += 1
        print(f"wrote {n} texts to {out}")
    errors = check(gold, docs, a.show)
    print(f"gold: {len(gold['articles'])} articles, {sum(len(x['facts']) for x in gold['articles'].values())} facts")
    if errors:
        print("\n".join(errors), file=sys.stderr)
        return 1
    print("check: every span inside its text and holding a figure; no quotes stored")
    return 0


if __name__ == "__main__":
    sys.exit(main())
