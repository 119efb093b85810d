"""What the routers share, given to them through FastAPI's ``Depends``: the context (settings, the
store, the catalog cache, the pipeline for uploads), the catalog of the moment and the page renderer.
``app.create_app`` puts the context and the templates on ``app.state``; routers import this module,
never ``app``.

A request that reads the catalog reads the store in one snapshot (``snapshot``): the catalog and
any other read the route makes through ``ctx.store`` (search, filters) see one state of the store,
however many ``analyze`` runs and uploads write meanwhile.
"""
from __future__ import annotations

import threading
from collections.abc import AsyncIterator
from dataclasses import replace
from typing import Annotated

from fastapi import Depends, Request
from fastapi.concurrency import run_in_threadpool

from newsgraph.settings import Settings
from newsgraph.store.db import Store
from newsgraph.web.catalog import Catalog, CatalogCache


class Context:
    """What the routes share: settings, the store, the catalog cache and the (lazily loaded) pipeline."""

    def __init__(self, settings: Settings, pipeline=None):
        self.settings = replace(settings, progress=False)  # no progress bar in a server's log
        self.store = Store(settings.db)
        self.cache = SnapshotCatalogCache(self.store)
        self._pipeline = pipeline
        self.write_lock = threading.Lock()  # one writer per store

    def pipeline(self):
        if self._pipeline is None:
            from newsgraph.pipeline import Pipeline
            self._pipeline = Pipeline(self.settings.spacy_model, self.settings.batch_size,
                                      gazetteer_path=self.settings.gazetteer_path)
        return self._pipeline


class SnapshotCatalogCache(CatalogCache):
    """The catalog cache, its fingerprint and its build read in one snapshot (the request's when
    there is one): a catalog is always one state of the store."""

    def get(self) -> Catalog:
        with self.store.snapshot():
            return super().get()


def context(request: Request) -> Context:
    return request.app.state.context


async def snapshot(request: Request) -> AsyncIterator[None]:
    """Hold one read transaction of the store for the whole request. Set here, in the request's own
    task, the snapshot is seen by the dependencies and the route that run after it (each runs in a
    copy of this context); opening and closing it run in the thread pool (they may wait on I/O)."""
    store = request.app.state.context.store
    conn = await run_in_threadpool(store.open_snapshot)
    store.hold(conn)
    try:
        yield
    finally:
        store.hold(None)
        await run_in_threadpool(conn.close)


def catalog(request: Request, _: Annotated[None, Depends(snapshot)]) -> Catalog:
    return request.app.state.context.cache.get()


def render(request: Request, template: str, status: int = 200, **values: object):
    """A page; ``json_twin`` in values is the API address that gives the same data as JSON."""
    return request.app.state.templates.TemplateResponse(request, template, values, status_code=status)
