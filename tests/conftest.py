"""Shared fixtures: one spaCy pipeline per session, and stores analysed once and shared.

`../shared` (next to the repo) holds the export schema, the seeds and the scorer; tests that need
it skip with a message when it is absent (see `shared_dir`).
"""
from __future__ import annotations

import importlib.util
import json
import os
from datetime import datetime
from pathlib import Path
from types import SimpleNamespace

import pytest

from ng_support import FILES, write_files
from pg_server import PostgresServer, PostgresUnavailable

REPO = Path(__file__).resolve().parents[1]

# Hypothesis: spaCy is slow enough that the default deadline would flake on a busy machine.
try:
    from hypothesis import HealthCheck, settings

    settings.register_profile("newsgraph", deadline=None, max_examples=60,
                              suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
    settings.load_profile("newsgraph")
except ImportError:  # pragma: no cover - hypothesis is a test dependency
    pass


def shared_dir() -> Path | None:
    """The shared folder: $NEWSGRAPH_SHARED when set, else ../shared next to the repo root; None if absent."""
    where = Path(os.environ.get("NEWSGRAPH_SHARED") or REPO.parent / "shared")
    return where if (where / "contracts" / "export.schema.json").is_file() else None


@pytest.fixture(scope="session")
def shared() -> Path:
    path = shared_dir()
    if path is None:
        pytest.skip(f"../shared not found (looked in {os.environ.get('NEWSGRAPH_SHARED') or REPO.parent / 'shared'}): "
                    "the export schema, seeds, gold files and score.py live there")
    return path


@pytest.fixture(scope="session")
def export_schema(shared: Path) -> dict:
    return json.loads((shared / "contracts" / "export.schema.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def score_module(shared: Path):
    """shared/tools/score.py, imported by path."""
    path = shared / "tools" / "score.py"
    spec = importlib.util.spec_from_file_location("newsgraph_shared_score", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def pipeline():
    from newsgraph.pipeline import Pipeline

    return Pipeline()


@pytest.fixture(scope="session")
def analyse(pipeline):
    """analyse(text, published_at=None) -> the spaCy Doc with newsgraph's layers (cached per text)."""
    from newsgraph.model import Article

    cache: dict = {}

    def run(text: str, published_at: datetime | None = None):
        key = (text, published_at)
        if key not in cache:
            doc = pipeline.make_doc(Article(id="a1", source="t.txt", text=text, published_at=published_at))
            cache[key] = pipeline.nlp(doc)
        return cache[key]

    return run


def run_analyze(paths, db: Path, pipeline, **overrides):
    """workflow.analyze with the shared pipeline, no progress bar, and a store in `db`."""
    from newsgraph.settings import Settings
    from newsgraph.workflow import analyze

    settings = Settings(db=str(db), progress=False, **overrides)
    return analyze([str(p) for p in paths], settings, pipeline=pipeline)


@pytest.fixture(scope="session")
def analyze_with(pipeline):
    def run(paths, db, **overrides):
        return run_analyze(paths, db, pipeline, **overrides)

    return run


@pytest.fixture(scope="session")
def mini_store(tmp_path_factory, pipeline) -> SimpleNamespace:
    """The mini corpus analysed once into a store: folder, db path, AnalyzeResult, Store, export."""
    base = tmp_path_factory.mktemp("mini")
    return analysed_store(write_files(base / "corpus", FILES), base / "mini.db", pipeline)


@pytest.fixture(scope="session")
def demo_store(tmp_path_factory, pipeline) -> SimpleNamespace:
    """The bundled demo corpus (examples/demo) analysed once."""
    return example_store(tmp_path_factory, pipeline, "demo")


@pytest.fixture(scope="session")
def layouts_store(tmp_path_factory, pipeline) -> SimpleNamespace:
    """The second example corpus, in other layouts (examples/layouts), analysed once."""
    return example_store(tmp_path_factory, pipeline, "layouts")


@pytest.fixture(scope="session")
def unseen_stores(tmp_path_factory, pipeline) -> dict[str, SimpleNamespace]:
    """The corpora written without sight of the code (examples/unseen/NAME), each analysed once."""
    return {name: example_store(tmp_path_factory, pipeline, f"unseen/{name}") for name in ("a", "b", "c", "d")}


def example_store(tmp_path_factory, pipeline, name: str) -> SimpleNamespace:
    """An examples/ corpus analysed into a store of its own."""
    folder = REPO / "examples" / name
    if not folder.is_dir():
        pytest.skip(f"examples/{name} is missing")
    stem = name.replace("/", "-")
    return analysed_store(folder, tmp_path_factory.mktemp(stem) / f"{stem}.db", pipeline)


def analysed_store(folder: Path, db: Path, pipeline) -> SimpleNamespace:
    """A folder analysed into a fresh store: folder, db path, AnalyzeResult, Store, export."""
    from newsgraph.exports.document import export_store
    from newsgraph.store.db import Store

    result = run_analyze([folder], db, pipeline)
    store = Store(str(db))
    return SimpleNamespace(folder=folder, db=db, result=result, store=store, export=export_store(store))


@pytest.fixture(scope="session")
def seeds_store(tmp_path_factory, pipeline, shared) -> SimpleNamespace:
    """shared/seeds analysed once."""
    return analysed_store(shared / "seeds", tmp_path_factory.mktemp("seeds") / "seeds.db", pipeline)



# -- both stores --------------------------------------------------------------------------------
# The store, search, web and concurrency tests run on SQLite and on a real PostgreSQL server that
# the session starts itself (tests/pg_server.py: Debian's binaries, installed when missing, a
# private data folder and port, stopped at the end). NEWSGRAPH_TEST_POSTGRES=skip skips its half
# where no PostgreSQL can be had; without it, an unavailable server is an error, not a skip.
BACKENDS = ["sqlite", "postgresql"]


@pytest.fixture(scope="session")
def pg_server():
    if os.environ.get("NEWSGRAPH_TEST_POSTGRES") == "skip":
        pytest.skip("NEWSGRAPH_TEST_POSTGRES=skip: the PostgreSQL half of the store tests is not run")
    try:
        server = PostgresServer.start()  # under /tmp: the postgres user cannot enter pytest's own folders
    except PostgresUnavailable as exc:
        pytest.fail(f"no PostgreSQL server for the tests: {exc} (set NEWSGRAPH_TEST_POSTGRES=skip to skip them)",
                    pytrace=False)
    yield server
    server.stop()


def new_store_location(backend: str, request, folder: Path, name: str = "news.db") -> str:
    """A fresh, empty store: a SQLite file in ``folder`` or a new database on the session's server."""
    if backend == "sqlite":
        return str(folder / name)
    return request.getfixturevalue("pg_server").new_database()


@pytest.fixture(params=BACKENDS)
def backend(request) -> str:
    return request.param


@pytest.fixture()
def store_db(backend, request, tmp_path) -> str:
    """A fresh store location on each backend (a SQLite path or a PostgreSQL URL), for one test."""
    return new_store_location(backend, request, tmp_path)


@pytest.fixture()
def new_db(backend, request, tmp_path):
    """new_db(name) -> another fresh store location on the test's backend."""
    return lambda name="news.db": new_store_location(backend, request, tmp_path, name)


@pytest.fixture(scope="session")
def demo_store_pg(pg_server, pipeline) -> SimpleNamespace:
    """The bundled demo corpus analysed once into a PostgreSQL database."""
    return analysed_store(REPO / "examples" / "demo", pg_server.new_database("demo"), pipeline)


@pytest.fixture(scope="module", params=BACKENDS)
def demo_on(request) -> SimpleNamespace:
    """The demo store on each backend, in turn (module-scoped: one app per backend)."""
    return request.getfixturevalue("demo_store" if request.param == "sqlite" else "demo_store_pg")
