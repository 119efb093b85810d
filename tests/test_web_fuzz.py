"""Property-based fuzzing of the HTTP API from its own OpenAPI spec (schemathesis, in process).

Bounded: a few dozen examples per operation, no deadline, so it runs in well under a minute.
Every response must be documented, match its schema and content type, and never be a 5xx.

The spec is loaded from an app made at import time (schemathesis needs it to collect one test per
operation); before the tests run, the app is pointed at a copy of the demo store.
"""
from __future__ import annotations

import sqlite3
import tempfile
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from newsgraph.settings import Settings
from newsgraph.web import create_app
from newsgraph.web.deps import Context

pytestmark = pytest.mark.slow

APP = create_app(settings=Settings(db=str(Path(tempfile.mkdtemp(prefix="newsgraph-fuzz-")) / "spec.db")))
schema = schemathesis.openapi.from_asgi("/openapi.json", APP)


@pytest.fixture(scope="module")
def demo_copy(demo_store, pipeline, tmp_path_factory):
    """The app over a copy of the demo store (uploads must not change the shared one)."""
    db = tmp_path_factory.mktemp("fuzz") / "fuzz.db"
    with sqlite3.connect(demo_store.db) as source, sqlite3.connect(db) as copy:
        source.backup(copy)
    APP.state.context = Context(Settings(db=str(db), max_bytes=200_000, progress=False), pipeline)
    return APP


@schema.parametrize()
@settings(max_examples=25, deadline=None, derandomize=True, suppress_health_check=[
    HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.function_scoped_fixture])
def test_api_conforms_to_its_spec(case, demo_copy):
    # An upload can be a well-formed request and still not an article (too few words, binary, ...):
    # that is a 422 with the rejection's code, so "valid requests are accepted" cannot hold there.
    excluded = [positive_data_acceptance] if case.method == "POST" else []
    case.call_and_validate(excluded_checks=excluded)
