#!/usr/bin/env python3
"""Write the FNC-1 train bodies annotated in a gold file (default benchmarks/gold/fnc-train.json; --gold PATH for another, e.g. fnc-train-b.json) to a folder, and check that gold.

    python3 benchmarks/fnc_train_corpus.py OUTPUT_FOLDER          # writes fnc_<bodyid>.txt, then checks the gold
    python3 benchmarks/fnc_train_corpus.py --check [--show]       # only checks the gold against the CSV
    python3 benchmarks/fnc_train_corpus.py --gold benchmarks/gold/fnc-train-b.json OUTPUT_FOLDER   # the second set

The bodies come from ../shared/data/fnc1/train_bodies.csv (or $NEWSGRAPH_SHARED_DATA/fnc1/...),
written exactly as ../shared/data/fnc1/dev/ holds its files: the CSV field's text, UTF-8, line ends
untouched (byte-identical to the dev files for the same ids). FNC-1 states no licence, so the repo
holds only the gold's labels and character offsets; the texts stay in the shared folder and in the
output folder you choose (keep that folder out of the repo).

The check: every article of the gold exists in the CSV, every response's article belongs to its story,
every party is one of the story's entities, 0 <= start < end <= len(body), the span holds a cue word
for its response kind, and no response stores a quote. --show prints the spans (for a human to read;
they are never written anywhere). Exits 0 with a "skipped" message when the shared data is absent.
Standard library only.
"""
from __future__ import annotations

import argparse
import csv
import json
import os
import re
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DATA = Path(os.environ.get("NEWSGRAPH_SHARED_DATA", REPO.parent / "shared" / "data"))
CSV_PATH = DATA / "fnc1" / "train_bodies.csv"
GOLD = Path(__file__).resolve().parent / "gold" / "fnc-train.json"

KINDS = ("denied", "confirmed", "declined_to_comment", "did_not_respond")
# A loose sanity net per kind (the annotation itself was made by reading each body).
CUES = {
    "denied": r"den(y|ied|ies)|false|not true|untrue|rubbish|fake|refut|reject|not official|not what happened"
              r"|not (been )?stolen|is safe|push back|slammed|claims .* merely|dropped his phone|no ban|not banned"
              r"|no .*proceedings|debunk|not so|hoax|not accurate|didn.t actually|is not by|not dead"
              r"|isn.t him|still alive|confirm\w* .*\bis not\b|inaccurate|ruled out|unlike(ly)?\b"
              r"|denial|\b(is|was) not (the|a)\b|did not recall|never said|propaganda|illogical",
    "confirmed": r"confirm|acknowledg|admit|genuine|authentic|real\b|insists|improves|visited|investigation|naturally occurring|announced",
    "declined_to_comment": r"declin|no comment|not comment|n't comment|won't comment|no on-the-record|"
                           r"not commenting|neither confirm|don.t comment|referred .* to|not confirming"
                           r"|(could|would|will|can|did)(n.t| ?not) confirm|unable to confirm|not (been )?able to confirm"
                           r"|not going to confirm|refus\w* to confirm|confirm or deny|nothing to confirm|no confirmation|seen any evidence",
    "did_not_respond": r"not (immediately )?(respond|available|comment)|did not respond|didn.t respond|"
                       r"not yet heard back|reached out|could not be reached|contacted .* comment|not return|not yet respond|reached only"
                       r"|not yet spoken|have not confirmed|not commented|no comment from|pas répondu"
                       r"|n.t (\w+ )?commented|(no|not have) immediate comment|(has|have)(n.t| not) (made any comment|confirmed)|no comment for now",
}


def bodies_csv(path: Path) -> dict[str, str]:
    csv.field_size_limit(1 << 30)
    with path.open(encoding="utf-8", newline="") as fh:
        rows = csv.reader(fh)
        next(rows)
        return {f"fnc_{bid}.txt": text for bid, text in rows}


def check(gold: dict, bodies: dict[str, str], show: bool = False) -> list[str]:
    errors = []
    for f, meta in gold["articles"].items():
        if f not in bodies:
            errors.append(f"{f}: not in train_bodies.csv")
        if meta["story"] not in gold["stories"]:
            errors.append(f"{f}: unknown story {meta['story']}")
    for sid, s in gold["stories"].items():
        names = {e["name"] for e in s["entities"]}
        for f in s["articles"]:
            if gold["articles"].get(f, {}).get("story") != sid:
                errors.append(f"{sid}: {f} is not listed under this story in 'articles'")
        for r in s["reports"]:
            if r.get("claim") and len(r["claim"].split()) > 12:
                errors.append(f"{sid}: report claim longer than 12 words")
        seen = set()
        for r in s["responses"]:
            where = f"{sid}: {r['party']}/{r['response']}/{r['article']}"
            if "quote" in r:
                errors.append(f"{where}: stores a quote (offsets only)")
            if r["response"] not in KINDS:
                errors.append(f"{where}: unknown kind")
            if r["party"] not in names:
                errors.append(f"{where}: party is not an entity of the story")
            if r["article"] not in s["articles"]:
                errors.append(f"{where}: article not in the story")
            key = (r["party"], r["response"], r["article"])
            if key in seen:
                errors.append(f"{where}: duplicate row")
            seen.add(key)
            text = bodies.get(r["article"])
            if text is None:
                continue
            a, b = r["start"], r["end"]
            if not (isinstance(a, int) and isinstance(b, int) and 0 <= a < b <= len(text)):
                errors.append(f"{where}: span {a}-{b} outside the body (length {len(text)})")
                continue
            span = text[a:b]
            if not re.search(CUES.get(r["response"], "$^"), span, re.I):
                errors.append(f"{where}: no {r['response']} cue in span {a}-{b}")
            if show:
                print(f"{where} [{a}:{b}]\n    {span!r}")
    return errors


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("output", nargs="?", help="folder to write fnc_<bodyid>.txt into")
    ap.add_argument("--check", action="store_true", help="only check the gold (no files written)")
    ap.add_argument("--gold", type=Path, default=GOLD, help=f"gold file to write and check (default {GOLD.relative_to(REPO)})")
    ap.add_argument("--show", action="store_true", help="print each response span (never stored)")
    a = ap.parse_args()
    if not a.output and not a.check:
        ap.error("give OUTPUT_FOLDER or --check")
    if not CSV_PATH.exists():
        where = CSV_PATH if "NEWSGRAPH_SHARED_DATA" in os.environ else "../shared/data/fnc1/train_bodies.csv"
        print(f"skipped: {where} not found (the shared data is not next to this repo)")
        return 0
    gold = json.loads(a.gold.read_text(encoding="utf-8"))
    bodies = bodies_csv(CSV_PATH)
    if a.output:
        out = Path(a.output)
        out.mkdir(parents=True, exist_ok=True)
        n = 0
        for f in gold["articles"]:
            if f in bodies:
                with (out / f).open("w", encoding="utf-8", newline="") as fh:
                    fh.write(bodies[f])
                n += 1
        print(f"wrote {n} bodies to {out}")
    errors = check(gold, bodies, a.show)
    kinds = Counter(r["response"] for s in gold["stories"].values() for r in s["responses"])
    print(f"gold: {len(gold['articles'])} articles, {len(gold['stories'])} stories, "
          f"{sum(kinds.values())} responses ({', '.join(f'{k} {kinds[k]}' for k in KINDS)}), "
          f"{sum(len(s['reports']) for s in gold['stories'].values())} reports")
    if errors:
        print("\n".join(errors), file=sys.stderr)
        return 1
    print("check: all spans inside their bodies, each with a cue for its kind")
    return 0


if __name__ == "__main__":
    sys.exit(main())
