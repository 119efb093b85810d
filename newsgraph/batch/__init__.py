"""The language pipeline over many processes or a Ray cluster; no language logic of its own.

``analyse(articles, settings)`` is the one entry point: it streams articles to the chosen runner
and yields ``(article, Analysis | Rejection)`` pairs in input order, so that the one writer (the
caller, which owns the store) sees the same sequence whatever ran the pipeline:

- a ``pipeline`` given by the caller, or ``settings.workers == 1``: this process (``inprocess``);
- ``settings.ray_address`` set: Ray actors, on a local Ray or a cluster (``newsgraph.batch.ray``);
- otherwise ``settings.workers`` processes on this machine (``newsgraph.batch.local``), default
  one per core.

Every runner keeps a bounded number of batches in flight, so memory does not grow with the input.
"""
from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar
from itertools import chain, islice

from newsgraph.model import Analysis, Article, Rejection
from newsgraph.settings import Settings

Result = tuple[Article, Analysis | Rejection]
Handle = TypeVar("Handle")  # what a runner's submit returns: a Future, a Ray ObjectRef
IN_FLIGHT_PER_WORKER = 2  # batches queued per worker: one running, one ready, no more held


def worker_count(settings: Settings) -> int:
    """The processes to run: ``settings.workers``, else one per core of this machine."""
    return max(1, settings.workers or os.cpu_count() or 1)


def analyse(articles: Iterable[Article], settings: Settings, pipeline=None) -> Iterator[Result]:
    """Each article with its analysis (or the rejection the pipeline gave it), in input order."""
    if pipeline is not None:
        return inprocess(articles, pipeline)
    if settings.ray_address:
        from newsgraph.batch.ray import analyse_on_ray

        return analyse_on_ray(articles, settings)
    if worker_count(settings) == 1:
        return inprocess(articles, None, settings)
    from newsgraph.batch.local import analyse_in_processes

    return analyse_in_processes(articles, settings)


def inprocess(articles: Iterable[Article], pipeline=None, settings: Settings | None = None) -> Iterator[Result]:
    """One process, one streaming ``pipeline.pipe`` call (the pipeline is loaded on the first article)."""
    it = iter(articles)
    first = next(it, None)
    if first is None:
        return
    if pipeline is None:
        pipeline = load_pipeline(settings or Settings())
    pending: deque[Article] = deque()  # fed to the pipeline, result not yet back: at most a batch

    def feed() -> Iterator[Article]:
        for article in chain([first], it):
            pending.append(article)
            yield article

    for out in pipeline.pipe(feed()):
        yield pending.popleft(), out


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
            collect: Callable[[Handle], list[Analysis | Rejection]]) -> Iterator[Result]:
    """Batches of ``size`` articles submitted to workers, at most ``limit`` in flight, results
    collected in submission order: the input is read only as fast as results come back."""
    flight: deque[tuple[list[Article], Handle]] = deque()
    for chunk in batches(articles, size):
        flight.append((chunk, submit(chunk)))
        if len(flight) >= limit:
            yield from _pairs(*flight.popleft(), collect)
    while flight:
        yield from _pairs(*flight.popleft(), collect)


def _pairs(chunk: list[Article], handle: Handle, collect) -> Iterator[Result]:
    outs = collect(handle)
    if len(outs) != len(chunk):  # the pipeline promises one result per article; say so if not
        raise RuntimeError(f"a worker returned {len(outs)} results for {len(chunk)} articles")
    yield from zip(chunk, outs)
