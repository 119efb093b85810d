"""The pipeline in N processes on this machine: a process pool, each process loading the pipeline once.

Processes are started with ``spawn`` (a fresh interpreter: nothing of the parent's state, threads
or open database connections is copied, and it works the same on Linux and macOS). Batches of
``settings.batch_size`` articles go out, at most two per process in flight, and the results come
back in order to the caller, the one writer. An input that fits in one batch runs in this process:
starting processes and loading the model in each would cost more than the batch.
"""
from __future__ import annotations

import multiprocessing
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import chain, islice

from newsgraph import errors
from newsgraph.batch import (IN_FLIGHT_PER_WORKER, Output, Result, analyse_batch, for_workers, inprocess,
                             load_pipeline, ordered, stop_on_sigterm, worker_count)
from newsgraph.model import Article
from newsgraph.settings import Settings

_worker: tuple | None = None  # this worker process's (pipeline, settings), loaded once by ``_load``


def _load(settings: Settings) -> None:
    global _worker
    _worker = (load_pipeline(settings), settings)


def _run(chunk: list[Article]) -> list[Output]:
    pipeline, settings = _worker
    return analyse_batch(pipeline, chunk, settings)


def analyse_in_processes(articles: Iterable[Article], settings: Settings) -> Iterator[Result]:
    """``newsgraph.batch.analyse`` over ``worker_count(settings)`` processes."""
    it = iter(articles)
    head = list(islice(it, settings.batch_size + 1))
    if len(head) <= settings.batch_size:
        yield from inprocess(head, None, settings)
        return
    workers = worker_count(settings)
    pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"),
                               initializer=_load, initargs=(for_workers(settings),))
    try:
        with stop_on_sigterm():
            yield from ordered(chain(head, it), settings.batch_size, workers * IN_FLIGHT_PER_WORKER,
                               lambda chunk: pool.submit(_run, chunk), _collect)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _collect(future: Future) -> list[Output]:
    try:
        return future.result()
    except BrokenProcessPool as exc:
        raise errors.WorkerFailed(
            f"a pipeline process stopped ({exc}); the articles stored so far are kept: run the same "
            "command again to finish, with fewer --workers if memory is short") from exc
