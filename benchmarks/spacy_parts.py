"""Where spaCy's own time goes, and what skipping or overlapping part of it could save.

The same texts as speed.py (the first N PolNeAR train texts, cleaned by ``newsgraph.extract``), the
same model (``load_model()``) and batch size. Four measurements, CPU time of this process
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
4. newsgraph's own pipeline (``load_pipeline()``) over the same texts: its model stages alone
   (the spaCy components it keeps), then every stage; and the story embeddings of the same
   articles (``Embedder.embed`` of ``article_text``). Each as a multiple of spaCy's time with
   every component: the floor under newsgraph's CPU time per article before it stores anything.

    .venv/bin/python benchmarks/spacy_parts.py [--n 150] [--rounds 2] [--json]
"""
from __future__ import annotations

import sys
import threading
import time

from _common import require_data, rounds_main, table
from speed import cleaned_texts, time_spacy

WITHOUT = ((), ("ner",), ("parser",), ("ner", "parser"))
MODEL_STAGES = ("tok2vec", "tagger", "parser", "ner")  # spaCy's trained components newsgraph keeps


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


def newsgraph_parts(texts: list[str], batch_size: int) -> dict[str, float]:
    """CPU seconds of newsgraph's model stages, of its whole pipeline, and of the embeddings."""
    from newsgraph.clustering.embeddings import article_text, embedder
    from newsgraph.model import Article
    from newsgraph.pipeline import Pipeline

    pipeline = Pipeline(batch_size=batch_size)
    nlp = pipeline.nlp
    model = [name for name in nlp.pipe_names if name in MODEL_STAGES]

    def docs():
        return (pipeline.make_doc(Article(id=f"a{i}", source=f"{i}.txt", text=t)) for i, t in enumerate(texts))

    def cpu(enable: list[str]) -> float:
        start = time.process_time()
        with nlp.select_pipes(enable=enable):
            for _ in nlp.pipe(docs(), batch_size=batch_size):
                pass
        return time.process_time() - start

    model_s, whole_s = cpu(model), cpu(nlp.pipe_names)
    ledes = [article_text(None, t) for t in texts]
    start = time.process_time()
    embedder().embed(ledes)
    return {"model_stages": model_s, "whole": whole_s, "embeddings": time.process_time() - start}


def run(n: int = 150, rounds: int = 2) -> dict:
    from newsgraph.nlp.loader import load_model
    from newsgraph.settings import Settings

    paths = sorted(require_data("polnear", "train", "text").glob("*.txt"))[:n]
    texts, _ = cleaned_texts(paths)
    batch_size = Settings().batch_size
    nlp = load_model()
    pipe_cpu(nlp, texts[:8], batch_size)  # warm-up
    newsgraph_parts(texts[:8], batch_size)
    cpu = {d: [] for d in WITHOUT}
    ours: dict[str, list[float]] = {}
    for _ in range(rounds):
        for d in WITHOUT:
            cpu[d].append(pipe_cpu(nlp, texts, batch_size, d))
        for part, seconds in newsgraph_parts(texts, batch_size).items():
            ours.setdefault(part, []).append(seconds)
    best = {d: min(v) for d, v in cpu.items()}
    spacy_all = best[()]
    ours_best = {part: min(v) for part, v in ours.items()}
    one, two = min(two_threads(nlp, texts, batch_size) for _ in range(rounds))
    return {"benchmark": "spacy_parts", "articles": len(texts), "batch_size": batch_size,
            "cpu_seconds": {"+".join(d) or "all": round(s, 2) for d, s in best.items()},
            "share": {"ner": round((best[()] - best[("ner",)]) / best[()], 3),
                      "parser": round((best[()] - best[("parser",)]) / best[()], 3)},
            "parse_needed": parse_needed(nlp, texts, batch_size),
            "threads": {"one_s": round(one, 2), "two_s": round(two, 2), "speedup": round(one / two, 2)},
            "newsgraph_cpu_seconds": {k: round(v, 2) for k, v in ours_best.items()},
            "newsgraph_vs_spacy": {k: round(v / spacy_all, 3) for k, v in ours_best.items()},
            "floor_vs_spacy": round((ours_best["model_stages"] + ours_best["embeddings"]) / spacy_all, 3)}


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
        f"one thread {t['one_s']} s, two threads {t['two_s']} s: speed-up {t['speedup']}x", "",
        table(["newsgraph, same texts", "CPU s", "x spaCy (every component)"],
              [[label, r["newsgraph_cpu_seconds"][k], r["newsgraph_vs_spacy"][k]] for k, label in
               (("model_stages", "its pipeline, spaCy's model stages only"), ("whole", "its whole pipeline"),
                ("embeddings", "the story embeddings"))]), "",
        f"model stages + embeddings: {r['floor_vs_spacy']}x spaCy, before newsgraph's own components, "
        "the store and the stories"])


def main(argv: list[str] | None = None) -> int:
    return rounds_main(__doc__, run, report, 150, argv)


if __name__ == "__main__":
    sys.exit(main())
