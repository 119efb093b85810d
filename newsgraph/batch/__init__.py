"""The language pipeline over many processes or a Ray cluster; no language logic of its own.

``analyse(articles, settings)`` is the one entry point: it streams articles to the chosen runner
and yields ``(article, Analysis | Rejection, embedding)`` in input order, so that the one writer
(the caller, which owns the store) sees the same sequence whatever ran the pipeline. A batch's
work (``analyse_batch``) is the same wherever it runs: the pipeline over the batch's articles,
then the story embedding of each analysed article (when the settings cluster stories by
embeddings; each depends on its article alone), so every runner computes the same vectors and the
writer does nothing but write (in this process the embeddings are made in a second thread while
the pipeline runs). The runners:

- a ``pipeline`` given by the caller, or ``settings.workers`` None or 1: this process (``inprocess``;
  the library's default: a process pool started with ``spawn`` re-imports the caller's main
  script, which a script without an ``if __name__ == "__main__"`` guard does not survive);
- ``settings.ray_address`` set: Ray actors, on a local Ray or a cluster (``newsgraph.batch.ray``);
- otherwise ``settings.workers`` processes on this machine (``newsgraph.batch.local``); the CLI's
  default is one per core.

Every runner keeps a bounded number of batches in flight, so memory does not grow with the input.
"""
from __future__ import annotations

import ctypes
import ctypes.util
import gc
import os
import signal
import sys
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import replace
from functools import lru_cache
from itertools import islice
from typing import TypeVar

from newsgraph.model import Analysis, Article, Rejection
from newsgraph.settings import Settings

Output = tuple[Analysis | Rejection, bytes | None]  # a result and the article's story embedding
Result = tuple[Article, Analysis | Rejection, bytes | None]
Handle = TypeVar("Handle")  # what a runner's submit returns: a Future, a Ray ObjectRef
IN_FLIGHT_PER_WORKER = 2  # batches queued per worker: one running, one ready, no more held


def worker_count(settings: Settings) -> int:
    """The processes (or local Ray actors) to run: ``settings.workers``, else one per core."""
    return max(1, settings.workers or os.cpu_count() or 1)


def analyse(articles: Iterable[Article], settings: Settings, pipeline=None) -> Iterator[Result]:
    """Each article with its analysis (or the rejection the pipeline gave it), in input order."""
    if pipeline is not None:
        return inprocess(articles, pipeline, settings)
    if settings.ray_address:
        from newsgraph.batch.ray import analyse_on_ray

        return analyse_on_ray(articles, settings)
    if (settings.workers or 1) == 1:  # the library's default: no processes started behind a script's back
        return inprocess(articles, None, settings)
    from newsgraph.batch.local import analyse_in_processes

    return analyse_in_processes(articles, settings)


def inprocess(articles: Iterable[Article], pipeline=None, settings: Settings | None = None) -> Iterator[Result]:
    """This process, a batch at a time (the pipeline is loaded on the first article). Each batch's
    story embeddings are made in a second thread while the pipeline runs on the batch: the
    embedding model runs outside the GIL, so its time overlaps the pipeline's."""
    settings = settings or Settings()
    loaded = None
    with ThreadPoolExecutor(1, thread_name_prefix="newsgraph-embed") as embedding_thread:
        for chunk in batches(articles, settings.batch_size):
            pipeline = pipeline or (loaded := load_pipeline(settings))
            yield from _pairs(chunk, analyse_batch(pipeline, chunk, settings, embedding_thread))
    if loaded is not None:  # ours: free the model now (its cycles too), for the story rebuild that follows
        del pipeline, loaded
        gc.collect()


def analyse_batch(pipeline, chunk: list[Article], settings: Settings,
                  embedding_thread: Executor | None = None) -> list[Output]:
    """One batch's work, wherever it runs: each article's analysis (or rejection) and, for an
    analysed article, its story embedding when ``settings.story_method`` uses embeddings.

    ``embedding_thread``: where to embed the batch while the pipeline runs (None: after it, here).
    A vector depends on its article alone, so the rows of the articles the pipeline rejected are
    dropped and the others kept."""
    with_embeddings = settings.story_method == "incremental"
    pending = embedding_thread.submit(_embed, chunk) if with_embeddings and embedding_thread and chunk else None
    outs = list(pipeline.pipe(chunk))
    vectors: list[bytes | None] = [None] * len(outs)
    done = [i for i, out in enumerate(outs) if not isinstance(out, Rejection)]
    if with_embeddings and done:
        if pending is not None:  # every article of the batch, embedded while the pipeline ran
            rows = dict(enumerate(pending.result()))
        else:
            rows = dict(zip(done, _embed([chunk[i] for i in done])))
        for i in done:
            vectors[i] = rows[i]
    release_freed_memory()  # the batch's docs are gone
    return list(zip(outs, vectors))


def release_freed_memory() -> None:
    """Give the memory a batch freed back to the system (glibc only; elsewhere nothing).

    The pipeline's arrays for a batch of long articles take hundreds of MB, and two threads (the
    pipeline and the embeddings) keep two malloc arenas; glibc keeps what they freed for reuse, so
    the process held its largest batch's memory for the rest of the run. The writer calls it after
    each story step too (``workflow.analyze``)."""
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


@lru_cache(maxsize=1)
def _malloc_trim():
    name = ctypes.util.find_library("c") if sys.platform.startswith("linux") else None
    try:
        return ctypes.CDLL(name).malloc_trim if name else None
    except (OSError, AttributeError):  # not glibc (musl has no malloc_trim)
        return None


def _embed(articles: list[Article]) -> list[bytes]:
    """The story embedding of each article (title and lede)."""
    from newsgraph.clustering import embeddings as emb

    return [emb.to_bytes(row) for row in emb.embedder().embed([emb.article_text(a.title, a.text) for a in articles])]


def for_workers(settings: Settings) -> Settings:
    """The settings a worker gets: the pipeline's, without the store's address (which may hold a
    password, and which workers never use: only the writer writes)."""
    return replace(settings, db="")


@contextmanager
def stop_on_sigterm() -> Iterator[None]:
    """While workers run: SIGTERM ends this process as Ctrl-C does, through the runners' cleanup,
    so that their processes or actors stop with it rather than wait forever for a reader."""
    if threading.current_thread() is not threading.main_thread():  # only the main thread may set handlers
        yield
        return
    previous = signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def load_pipeline(settings: Settings):
    """The language pipeline ``settings`` describe (spaCy model, batch size, gazetteer)."""
    from newsgraph.pipeline import Pipeline

    return Pipeline(settings.spacy_model, settings.batch_size, gazetteer_path=settings.gazetteer_path)


def batches(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    """The articles in lists of ``size`` (the last one shorter)."""
    it = iter(articles)
    while chunk := list(islice(it, size)):
        yield chunk


def ordered(articles: Iterable[Article], size: int, limit: int, submit: Callable[[list[Article]], Handle],
            collect: Callable[[Handle], list[Output]]) -> Iterator[Result]:
    """Batches of ``size`` articles submitted to workers, at most ``limit`` in flight, results
    collected in submission order: the input is read only as fast as results come back."""
    flight: deque[tuple[list[Article], Handle]] = deque()
    for chunk in batches(articles, size):
        flight.append((chunk, submit(chunk)))
        if len(flight) >= limit:
            chunk, handle = flight.popleft()
            yield from _pairs(chunk, collect(handle))
    while flight:
        chunk, handle = flight.popleft()
        yield from _pairs(chunk, collect(handle))


def _pairs(chunk: list[Article], outs: list[Output]) -> Iterator[Result]:
    if len(outs) != len(chunk):  # the pipeline promises one result per article; say so if not
        raise RuntimeError(f"a worker returned {len(outs)} results for {len(chunk)} articles")
    for article, (out, vector) in zip(chunk, outs):
        yield article, out, vector
