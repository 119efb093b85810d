"""What the routers share, given to them through FastAPI's ``Depends``: the context (settings, the
store, the catalog cache, the pipeline for uploads), the catalog of the moment and the page renderer.
``app.create_app`` puts the context and the templates on ``app.state``; routers import this module,
never ``app``."""
from __future__ import annotations

import threading
from dataclasses import replace

from fastapi import Request

from newsgraph.settings import Settings
from newsgraph.store.db import Store
from newsgraph.web.catalog import Catalog, CatalogCache


class Context:
    """What the routes share: settings, the store, the catalog cache and the (lazily loaded) pipeline."""

    def __init__(self, settings: Settings, pipeline=None):
        self.settings = replace(settings, progress=False)  # no progress bar in a server's log
        self.store = Store(settings.db)
        self.cache = CatalogCache(self.store)
        self._pipeline = pipeline
        self.write_lock = threading.Lock()  # one writer per store

    def pipeline(self):
        if self._pipeline is None:
            from newsgraph.pipeline import Pipeline
            self._pipeline = Pipeline(self.settings.spacy_model, self.settings.batch_size,
                                      gazetteer_path=self.settings.gazetteer_path)
        return self._pipeline


def context(request: Request) -> Context:
    return request.app.state.context


def catalog(request: Request) -> Catalog:
    return request.app.state.context.cache.get()


def render(request: Request, template: str, status: int = 200, **values: object):
    """A page; ``json_twin`` in values is the API address that gives the same data as JSON."""
    return request.app.state.templates.TemplateResponse(request, template, values, status_code=status)
