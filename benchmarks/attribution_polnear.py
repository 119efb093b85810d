"""Who said what on PolNeAR (political news attribution relations, BRAT standoff).

newsgraph's full language pipeline runs over each text of a split; its general attributions
(``doc._.attributions``: source, cue and content spans) are scored against the gold relations.

- span F1 per role (source, cue, content), *exact* (same characters after trimming spaces and edge
  punctuation) and *overlap* (any shared character), each prediction matching at most one gold span
  and the other way round (the largest such matching, not the first-come one);
- whole-attribution F1 (overlap): a predicted attribution matches a gold one when cue and content
  overlap and the sources overlap (or the gold relation has no source).

Where a document has several annotators' files, the first in name order is used. Develop on
``train``; report ``dev``.

    .venv/bin/python benchmarks/attribution_polnear.py [--split dev] [--limit N] [--json] [--show-misses]
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from _common import REPO, f1, require_data, table

sys.path.insert(0, str(REPO))

ROLES = ("source", "cue", "content")
EDGE = " \t\n,;:.—–-\"“”'‘’"

Spans = frozenset  # of (start, end) pieces


@dataclass
class Relation:
    source: frozenset
    cue: frozenset
    content: frozenset


@dataclass
class Counts:
    tp: int = 0
    pred: int = 0
    gold: int = 0

    def f1(self) -> dict[str, float]:
        p = self.tp / self.pred if self.pred else 0.0
        r = self.tp / self.gold if self.gold else 0.0
        return {"p": p, "r": r, "f1": f1(p, r)}


@dataclass
class Scores:
    exact: dict[str, Counts] = field(default_factory=lambda: {r: Counts() for r in ROLES})
    overlap: dict[str, Counts] = field(default_factory=lambda: {r: Counts() for r in ROLES})
    whole: Counts = field(default_factory=Counts)


def trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s] in EDGE:
        s += 1
    while e > s and text[e - 1] in EDGE:
        e -= 1
    return s, e


def norm(text: str, pieces) -> frozenset:
    return frozenset(p for p in (trim(text, s, e) for s, e in pieces) if p[1] > p[0])


def read_gold(ann: Path, text: str) -> list[Relation]:
    spans: dict[str, tuple[str, list[tuple[int, int]]]] = {}
    events: list[dict[str, str]] = []
    for line in ann.read_text(encoding="utf-8").splitlines():
        if line.startswith("T"):
            tid, info, _ = line.split("\t", 2)
            label, offsets = info.split(" ", 1)
            pieces = [tuple(int(x) for x in part.split()) for part in offsets.split(";")]
            spans[tid] = (label, pieces)
        elif line.startswith("E"):
            _, args = line.split("\t", 1)
            events.append(dict(a.split(":", 1) for a in args.split()))
    out = []
    for ev in events:
        role = {r.lower(): norm(text, spans[t][1]) for r, t in ev.items() if t in spans}
        if not role.get("cue") and not role.get("content"):
            continue
        out.append(Relation(role.get("source", frozenset()), role.get("cue", frozenset()),
                            role.get("content", frozenset())))
    return out


def overlaps(a: frozenset, b: frozenset) -> bool:
    return any(s1 < e2 and s2 < e1 for s1, e1 in a for s2, e2 in b)


def match(pred: list, gold: list, same) -> int:
    return len(pairs(pred, gold, same))


def pairs(pred: list, gold: list, same) -> dict[int, int]:
    """The most pairs (gold index -> prediction index) that ``same`` accepts, each item in one pair at
    most: a maximum bipartite matching (augmenting paths), so the order of the predictions does not
    matter."""
    edges = [[i for i, g in enumerate(gold) if same(p, g)] for p in pred]
    owner: dict[int, int] = {}  # gold index -> prediction index

    def augment(p: int, seen: set[int]) -> bool:
        for i in edges[p]:
            if i not in seen:
                seen.add(i)
                if i not in owner or augment(owner[i], seen):
                    owner[i] = p
                    return True
        return False

    for p in range(len(pred)):
        augment(p, set())
    return owner


def whole(p: Relation, g: Relation) -> bool:
    return (overlaps(p.cue, g.cue) and overlaps(p.content, g.content)
            and (not g.source or overlaps(p.source, g.source)))


def misses(name: str, text: str, pred: list[Relation], gold: list[Relation]) -> list[str]:
    """One line per gold attribution left unmatched (miss) and per prediction left unmatched (extra)."""
    matched = pairs(pred, gold, whole)

    def show(r: Relation) -> str:
        return " / ".join(" | ".join(text[s:e] for s, e in sorted(getattr(r, role))).replace("\n", " ")[:160]
                          for role in ROLES)
    lines = [f"miss  {name}: {show(g)}" for i, g in enumerate(gold) if i not in matched]
    kept = set(matched.values())
    lines += [f"extra {name}: {show(p)}" for i, p in enumerate(pred) if i not in kept]
    return lines


def score_doc(scores: Scores, pred: list[Relation], gold: list[Relation]) -> None:
    for role in ROLES:
        ps = [getattr(r, role) for r in pred if getattr(r, role)]
        gs = [getattr(r, role) for r in gold if getattr(r, role)]
        for counts, same in ((scores.exact[role], lambda a, b: a == b), (scores.overlap[role], overlaps)):
            counts.pred += len(ps)
            counts.gold += len(gs)
            counts.tp += match(ps, gs, same)
    scores.whole.pred += len(pred)
    scores.whole.gold += len(gold)
    scores.whole.tp += match(pred, gold, whole)


def predicted(doc) -> list[Relation]:
    text = doc.text
    out = []
    for a in doc._.attributions or ():
        out.append(Relation(norm(text, [(a.source.start, a.source.end)]) if a.source else frozenset(),
                            norm(text, [(a.cue.start, a.cue.end)]),
                            norm(text, [(c.start, c.end) for c in a.content])))
    return out


def documents(split: Path, limit: int | None) -> list[tuple[str, Path]]:
    anns: dict[str, Path] = {}
    for ann in sorted((split / "attributions").glob("*.ann")):
        name = ann.stem.rsplit("_", 1)[0]
        anns.setdefault(name, ann)
    docs = [(name, ann) for name, ann in sorted(anns.items()) if (split / "text" / f"{name}.txt").is_file()]
    return docs[:limit] if limit else docs


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", default="dev", choices=("train", "dev", "test"))
    ap.add_argument("--limit", type=int, default=None, help="only the first N documents")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    ap.add_argument("--show-misses", action="store_true",
                    help="also print each unmatched gold attribution and prediction (source / cue / content)")
    args = ap.parse_args(argv)
    split = require_data("polnear", args.split)

    from newsgraph.nlp.common.article import set_article
    from newsgraph.nlp.loader import load_pipeline

    nlp = load_pipeline()
    # what runs after the attribution component does not change it
    names = nlp.pipe_names
    nlp.select_pipes(disable=names[names.index("newsgraph_attribution_v1") + 1:])
    docs = documents(split, args.limit)
    texts = [(split / "text" / f"{name}.txt").read_text(encoding="utf-8") for name, _ in docs]
    scores = Scores()
    started = time.perf_counter()
    timings: dict[str, float] = {}
    spacy_docs = []
    for i, text in enumerate(texts):
        d = nlp.make_doc(text)
        set_article(d, f"polnear:{i}")
        spacy_docs.append(d)
    for name, proc in nlp.pipeline:
        t0 = time.perf_counter()
        spacy_docs = list(proc.pipe(spacy_docs)) if hasattr(proc, "pipe") else [proc(d) for d in spacy_docs]
        timings[name] = time.perf_counter() - t0
    elapsed = time.perf_counter() - started
    shown: list[str] = []
    for doc, (name, ann), text in zip(spacy_docs, docs, texts):
        pred, gold = predicted(doc), read_gold(ann, text)
        score_doc(scores, pred, gold)
        if args.show_misses:
            shown += misses(name, text, pred, gold)

    result = {
        "split": args.split, "documents": len(docs),
        "exact": {r: scores.exact[r].f1() for r in ROLES},
        "overlap": {r: scores.overlap[r].f1() for r in ROLES},
        "whole_overlap": scores.whole.f1(),
        "gold_attributions": scores.whole.gold, "predicted_attributions": scores.whole.pred,
        "seconds": round(elapsed, 2), "attribution_seconds": round(timings.get("newsgraph_attribution_v1", 0.0), 2),
        "component_seconds": {k: round(v, 2) for k, v in timings.items()},
    }
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    rows = [[r, result["exact"][r]["p"], result["exact"][r]["r"], result["exact"][r]["f1"],
             result["overlap"][r]["p"], result["overlap"][r]["r"], result["overlap"][r]["f1"]] for r in ROLES]
    w = result["whole_overlap"]
    rows.append(["whole attribution", None, None, None, w["p"], w["r"], w["f1"]])
    print(f"PolNeAR {args.split}: {len(docs)} documents, {scores.whole.gold} gold attributions, "
          f"{scores.whole.pred} predicted; pipeline {elapsed:.1f}s "
          f"(attribution component {result['attribution_seconds']:.2f}s)")
    print(table(["", "exact P", "exact R", "exact F1", "overlap P", "overlap R", "overlap F1"], rows))
    if shown:
        print("\n".join(["", "source / cue / content of what did not match:", *shown]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
