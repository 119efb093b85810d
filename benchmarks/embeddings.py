"""Story embeddings: each text run alone (what analyze does) against padded batches of 32.

The texts are what analyze embeds (``embeddings.article_text``: the lede, at most 128 tokens) of
the first N PolNeAR train texts, and, as short articles, the same texts cut to their first two
sentences. The same loaded model embeds them twice, rounds alternating, the fastest kept (CPU time
of this process, steadier than elapsed time on a shared machine):

1. alone: ``Embedder.embed``, one run of the model per text, no padding;
2. batched: the texts sorted by length in batches of 32, each padded to its longest member, mean
   pooled over the attention mask (how newsgraph embedded them before, and how sentence-transformers
   does).

It prints the milliseconds per text of each, their ratio, and how far apart the two vectors of
each text are (the smallest cosine): padding is masked, so they should be equal up to rounding.

    .venv/bin/python benchmarks/embeddings.py [--n 160] [--rounds 2] [--json]
"""
from __future__ import annotations

import re
import sys
import time

import numpy as np

from _common import require_data, rounds_main, table

BATCH = 32
SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def batched(embedder, texts: list[str]) -> np.ndarray:
    """The texts in padded batches of BATCH, sorted by length (the way this was done before)."""
    from newsgraph.clustering.embeddings import DIM

    out = np.zeros((len(texts), DIM), dtype=np.float32)
    encoded = embedder.tokenizer.encode_batch(texts)
    order = sorted(range(len(texts)), key=lambda i: len(encoded[i].ids))
    for start in range(0, len(order), BATCH):
        rows = order[start:start + BATCH]
        width = max(len(encoded[i].ids) for i in rows)
        ids, mask = np.zeros((len(rows), width), dtype=np.int64), np.zeros((len(rows), width), dtype=np.int64)
        for r, i in enumerate(rows):
            ids[r, :len(encoded[i].ids)] = encoded[i].ids
            mask[r, :len(encoded[i].ids)] = encoded[i].attention_mask
        feed = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
        hidden = embedder.session.run(None, {k: v for k, v in feed.items() if k in embedder.inputs})[0]
        pooled = (hidden * mask[:, :, None]).sum(axis=1) / mask.sum(axis=1, keepdims=True)
        out[rows] = pooled / np.linalg.norm(pooled, axis=1, keepdims=True)
    return out


def cpu_ms(fn, texts: list[str]) -> tuple[float, np.ndarray]:
    start = time.process_time()
    vectors = fn(texts)
    return (time.process_time() - start) / len(texts) * 1000, vectors


def run(n: int = 160, rounds: int = 2) -> dict:
    from newsgraph.clustering.embeddings import article_text, embedder

    paths = sorted(require_data("polnear", "train", "text").glob("*.txt"))[:n]
    ledes = [article_text(None, p.read_text(encoding="utf-8", errors="replace")).strip() for p in paths]
    ledes = [t for t in ledes if t]
    sets = {"ledes": ledes, "two sentences": [" ".join(SENTENCE_END.split(t)[:2]) for t in ledes]}
    model = embedder()
    model.embed(ledes[:8])  # warm-up
    out = {}
    for name, texts in sets.items():
        times, vectors = {"alone": [], "batched": []}, {}
        for _ in range(rounds):
            for side, fn in (("alone", model.embed), ("batched", lambda t: batched(model, t))):
                ms, vectors[side] = cpu_ms(fn, texts)
                times[side].append(ms)
        tokens = [len(e.ids) for e in model.tokenizer.encode_batch(texts)]
        best = {k: min(v) for k, v in times.items()}
        out[name] = {"texts": len(texts), "mean_tokens": round(sum(tokens) / len(tokens), 1),
                     "alone_ms": round(best["alone"], 2), "batched_ms": round(best["batched"], 2),
                     "ratio": round(best["alone"] / best["batched"], 3),
                     "min_cosine": round(float((vectors["alone"] * vectors["batched"]).sum(axis=1).min()), 6)}
    return {"benchmark": "embeddings", "rounds": rounds, "sets": out}


def report(r: dict) -> str:
    rows = [[name, s["texts"], s["mean_tokens"], s["alone_ms"], s["batched_ms"], s["ratio"], s["min_cosine"]]
            for name, s in r["sets"].items()]
    return table(["texts", "n", "tokens/text", "alone ms/text", "batched ms/text", "alone / batched",
                  "smallest cosine"], rows)


def main(argv: list[str] | None = None) -> int:
    return rounds_main(__doc__, run, report, 160, argv)


if __name__ == "__main__":
    sys.exit(main())
