"""Where spaCy's own time goes, and what skipping or overlapping part of it could save.

The same texts as speed.py (the first N PolNeAR train texts, cleaned by ``newsgraph.extract``), the
same model (``load_model()``) and batch size. Three measurements, CPU time of this process
(``time.process_time``, steadier than elapsed time on a shared machine), rounds alternating, the
fastest kept:

1. ``nlp.pipe`` with every component, then without ``ner``, without ``parser`` and without both:
   each component's share of the whole.
2. What the parser would still have to see if it ran only where the extractors need it: the
   sentences (by the full parse) that hold an entity or a number, and their share of the tokens.
   Speech cues ("said", "denied") add to this; entities and numbers alone are a lower bound.
3. ``nlp.pipe`` over the texts in one thread, then over two halves in two threads of this process:
   whether the model's layers run outside the GIL (two threads faster than one) so that a second
   thread could overlap them with newsgraph's own components.

    .venv/bin/python benchmarks/spacy_parts.py [--n 150] [--rounds 2] [--json]
"""
from __future__ import annotations

import sys
import threading
import time

from _common import require_data, rounds_main, table
from speed import cleaned_texts, time_spacy

WITHOUT = ((), ("ner",), ("parser",), ("ner", "parser"))


def pipe_cpu(nlp, texts: list[str], batch_size: int, disable: tuple[str, ...] = ()) -> float:
    with nlp.select_pipes(disable=list(disable)):
        return time_spacy(nlp, texts, batch_size)[1]


def two_threads(nlp, texts: list[str], batch_size: int) -> tuple[float, float]:
    """(elapsed seconds of one thread over all the texts, of two threads over a half each)."""
    one = time_spacy(nlp, texts, batch_size)[0]
    threads = [threading.Thread(target=time_spacy, args=(nlp, texts[i::2], batch_size)) for i in range(2)]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return one, time.perf_counter() - start


def parse_needed(nlp, texts: list[str], batch_size: int) -> dict:
    sentences = needed = tokens = needed_tokens = 0
    for doc in nlp.pipe(texts, batch_size=batch_size):
        for sent in doc.sents:
            sentences += 1
            tokens += len(sent)
            if any(t.ent_type_ or t.like_num for t in sent):
                needed += 1
                needed_tokens += len(sent)
    return {"sentences": sentences, "with_entity_or_number": round(needed / sentences, 3),
            "tokens_in_those": round(needed_tokens / tokens, 3)}


def run(n: int = 150, rounds: int = 2) -> dict:
    from newsgraph.nlp.loader import load_model
    from newsgraph.settings import Settings

    paths = sorted(require_data("polnear", "train", "text").glob("*.txt"))[:n]
    texts, _ = cleaned_texts(paths)
    batch_size = Settings().batch_size
    nlp = load_model()
    pipe_cpu(nlp, texts[:8], batch_size)  # warm-up
    cpu = {d: [] for d in WITHOUT}
    for _ in range(rounds):
        for d in WITHOUT:
            cpu[d].append(pipe_cpu(nlp, texts, batch_size, d))
    best = {d: min(v) for d, v in cpu.items()}
    one, two = min(two_threads(nlp, texts, batch_size) for _ in range(rounds))
    return {"benchmark": "spacy_parts", "articles": len(texts), "batch_size": batch_size,
            "cpu_seconds": {"+".join(d) or "all": round(s, 2) for d, s in best.items()},
            "share": {"ner": round((best[()] - best[("ner",)]) / best[()], 3),
                      "parser": round((best[()] - best[("parser",)]) / best[()], 3)},
            "parse_needed": parse_needed(nlp, texts, batch_size),
            "threads": {"one_s": round(one, 2), "two_s": round(two, 2), "speedup": round(one / two, 2)}}


def report(r: dict) -> str:
    rows = [["every component" if k == "all" else f"without {k.replace('+', ' and ')}", s]
            for k, s in r["cpu_seconds"].items()]
    p, t = r["parse_needed"], r["threads"]
    return "\n".join([
        f"{r['articles']} PolNeAR articles, batch size {r['batch_size']}", "",
        table(["spaCy nlp.pipe", "CPU s"], rows), "",
        f"share of the whole: ner {r['share']['ner']:.0%}, parser {r['share']['parser']:.0%}",
        f"sentences with an entity or a number: {p['with_entity_or_number']:.0%} of {p['sentences']:,}, "
        f"holding {p['tokens_in_those']:.0%} of the tokens",
        f"one thread {t['one_s']} s, two threads {t['two_s']} s: speed-up {t['speedup']}x"])


def main(argv: list[str] | None = None) -> int:
    return rounds_main(__doc__, run, report, 150, argv)


if __name__ == "__main__":
    sys.exit(main())
