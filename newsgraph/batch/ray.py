"""The pipeline on Ray actors: on a local Ray (started here) or on a cluster (``ray://HEAD:10001``).

Each actor loads the pipeline once and analyses the batches sent to it; at most two batches per
actor are in flight, and the results come back in order to the caller, the one writer (the store
stays in this process: workers need no database access). A cluster's workers must have the same
newsgraph version and model packages installed as this machine (see docs/scale-out.md).
"""
from __future__ import annotations

import itertools
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator

from newsgraph import errors
from newsgraph.batch import (IN_FLIGHT_PER_WORKER, Output, Result, analyse_batch, for_workers, load_pipeline, ordered,
                             stop_on_sigterm, worker_count)
from newsgraph.model import Article
from newsgraph.settings import Settings

LOCAL = "local"  # settings.ray_address for a Ray started here, on this machine
OBJECT_STORE_BYTES = 128 * 1024 * 1024  # a local Ray's shared memory: batches are small and short-lived


class PipelineActor:
    """One worker: the pipeline, loaded once, over the batches it is sent."""

    def __init__(self, settings: Settings) -> None:
        self.pipeline = load_pipeline(settings)
        self.settings = settings

    def run(self, chunk: list[Article]) -> list[Output]:
        return analyse_batch(self.pipeline, chunk, self.settings)


def analyse_on_ray(articles: Iterable[Article], settings: Settings) -> Iterator[Result]:
    """``newsgraph.batch.analyse`` over Ray actors, one per CPU the cluster offers (or
    ``settings.workers`` when set)."""
    import ray

    disconnect = connect(settings)
    actors = []
    try:
        count = settings.workers or max(1, int(ray.cluster_resources().get("CPU", 1)))
        actor = ray.remote(num_cpus=1)(PipelineActor)
        actors = [actor.remote(for_workers(settings)) for _ in range(count)]
        turns = itertools.cycle(actors)  # batches go round the actors; each runs its own in order
        with stop_on_sigterm():
            yield from ordered(articles, settings.batch_size, count * IN_FLIGHT_PER_WORKER,
                               lambda chunk: next(turns).run.remote(chunk), _collect)
    finally:
        for a in actors:
            ray.kill(a)
        if disconnect is not None:
            disconnect()


def connect(settings: Settings) -> Callable[[], None] | None:
    """Connect to the Ray that ``settings.ray_address`` names (``local``: start a small one here).
    Returns what undoes it (shut Ray down, remove a local Ray's folder), or None when this process
    was already connected (by the caller's own ``ray.init``, which it then keeps)."""
    import ray

    if ray.is_initialized():
        return None
    temp_dir = None
    try:
        if settings.ray_address == LOCAL:
            # /tmp, not $TMPDIR: Ray's socket paths must stay within the 107 characters a Unix socket allows
            temp_dir = tempfile.mkdtemp(prefix="ray-ng-", dir="/tmp")
            ray.init(num_cpus=worker_count(settings), include_dashboard=False, log_to_driver=False,
                     object_store_memory=OBJECT_STORE_BYTES, _temp_dir=temp_dir)
        else:
            ray.init(address=settings.ray_address, log_to_driver=False)
    except (ConnectionError, TimeoutError, RuntimeError, ValueError) as exc:
        if temp_dir:
            shutil.rmtree(temp_dir, ignore_errors=True)
        raise errors.WorkerFailed(
            f"cannot reach the Ray cluster at {settings.ray_address} ({exc.__class__.__name__}: {exc}); "
            "give the head's client address (ray://HEAD:10001) or --ray alone for a local Ray") from exc

    def disconnect() -> None:
        ray.shutdown()
        if temp_dir:
            shutil.rmtree(temp_dir, ignore_errors=True)

    return disconnect


def _collect(ref) -> list[Output]:
    import ray
    from ray.exceptions import RayActorError, WorkerCrashedError

    try:
        return ray.get(ref)
    except (RayActorError, WorkerCrashedError) as exc:
        raise errors.WorkerFailed(
            f"a Ray worker stopped ({exc.__class__.__name__}); the articles stored so far are kept: "
            "run the same command again to finish") from exc
