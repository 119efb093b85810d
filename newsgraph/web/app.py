"""The web interface: ``create_app(db)`` builds the FastAPI application over one store.

JSON lives under ``/api/...`` (described at ``/openapi.json`` and ``/docs``); every page for people
is rendered on the server and has a JSON twin. One router per resource, in ``routers/``; what
they share (settings, store, catalog, templates) comes from ``deps`` through FastAPI's ``Depends``.
"""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from newsgraph.settings import Settings
from newsgraph.web import errors, filters
from newsgraph.web.deps import Context, render
from newsgraph.web.limits import BodyLimit
from newsgraph.web.routers import alerts, articles, entities, search, stories

HERE = Path(__file__).parent


def create_app(db: str | None = None, settings: Settings | None = None, pipeline=None) -> FastAPI:
    """The application over the store ``db`` (a SQLite file or a database URL).

    ``settings`` default to the environment's (``Settings.from_env``); ``pipeline`` is the spaCy
    pipeline to analyse uploads with (loaded on the first upload when not given)."""
    settings = settings or Settings.from_env()
    if db is not None:
        settings = replace(settings, db=db)
    # docs_url/redoc_url off: FastAPI's pages load Swagger UI from a CDN; /docs here is rendered offline
    app = FastAPI(title="newsgraph", version="1", docs_url=None, redoc_url=None,
                  description="Stories, responses, facts and companies from news articles, each item with the "
                              "exact characters of its source. Errors share one shape: "
                              "`{\"error\": {\"status\", \"code\", \"message\"}}`.")
    app.state.context = Context(settings, pipeline)
    templates = Jinja2Templates(directory=HERE / "templates")  # autoescape is on for .html templates
    filters.register(templates.env)
    app.state.templates = templates
    errors.install(app)
    app.add_middleware(BodyLimit, max_bytes=settings.max_bytes)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    for router in (stories.router, articles.router, entities.router, search.router, alerts.router):
        app.include_router(router)

    @app.get("/vendor/plotly.min.js", include_in_schema=False)
    def plotly_js() -> FileResponse:
        """Plotly's browser bundle, from inside the plotly package: no CDN, works offline."""
        import plotly
        return FileResponse(Path(plotly.__file__).parent / "package_data" / "plotly.min.js",
                            media_type="text/javascript", headers={"Cache-Control": "max-age=86400"})

    @app.get("/docs", include_in_schema=False)
    def api_docs(request: Request):
        """The API described for people, from the app's own OpenAPI spec (no CDN, no JavaScript)."""
        spec = app.openapi()
        routes = [(path, method.upper(), op) for path, methods in spec["paths"].items()
                  for method, op in methods.items()]
        return render(request, "api.html", spec=spec, routes=routes, json_twin="/openapi.json")

    return app
