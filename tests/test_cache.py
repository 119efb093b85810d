"""Tables derived from installed data, kept in the user's cache folder (newsgraph/cache.py)."""
from __future__ import annotations

import json

import pytest

from newsgraph.cache import CACHE_ENV, cached_json, user_cache_dir


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache"))
    return tmp_path / "cache"


def test_a_table_is_worked_out_once_and_read_back_after(cache_dir):
    calls = []

    def build():
        calls.append(1)
        return {"keys": ["a", "b"], "codes": {"x": "US"}}

    first = cached_json("table", ("v1", b"code"), build)
    again = cached_json("table", ("v1", b"code"), build)
    assert first == again == {"keys": ["a", "b"], "codes": {"x": "US"}}
    assert len(calls) == 1 and user_cache_dir() == cache_dir
    assert len(list(cache_dir.glob("table-*.json"))) == 1  # no temporary file left behind


def test_a_table_is_worked_out_again_when_what_it_comes_from_changes(cache_dir):
    assert cached_json("table", ("v1",), lambda: [1]) == [1]
    assert cached_json("table", ("v2",), lambda: [2]) == [2]
    assert cached_json("table", ("v1",), lambda: [3]) == [1]


def test_a_damaged_cache_file_is_replaced(cache_dir):
    cached_json("table", ("v1",), lambda: [1])
    (path,) = cache_dir.glob("table-*.json")
    path.write_text('{"half', encoding="utf-8")
    assert cached_json("table", ("v1",), lambda: [1]) == [1]
    assert json.loads(path.read_text(encoding="utf-8")) == [1]


def test_a_folder_that_cannot_be_written_costs_time_only(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv(CACHE_ENV, str(blocker / "cache"))
    assert cached_json("table", ("v1",), lambda: {"a": 1}) == {"a": 1}


def test_no_home_folder_costs_time_only(monkeypatch):
    import pathlib

    monkeypatch.delenv(CACHE_ENV, raising=False)
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)

    def no_home():
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.setattr(pathlib.Path, "home", staticmethod(no_home))
    assert cached_json("table", ("v1",), lambda: [7]) == [7]


def test_known_places_read_from_the_cache_are_the_ones_worked_out(cache_dir, monkeypatch):
    from newsgraph.nlp.common import known_places

    built = known_places._build_tables()
    known_places._tables.cache_clear()
    monkeypatch.setattr(known_places, "_build_tables", lambda: built)
    try:
        worked_out = known_places._tables()  # written to the cache
        known_places._tables.cache_clear()
        monkeypatch.setattr(known_places, "_build_tables", lambda: pytest.fail("the cache was not read"))
        read = known_places._tables()
        assert read == worked_out
        assert read[0] == frozenset(built["known"]) and read[2] == built["codes"]
        assert known_places.is_known_place("Brisbane") and known_places.country_of("Ohio") == "US"
        assert known_places.is_country("France") and not known_places.is_known_place("Acme Widgets")
    finally:
        known_places._tables.cache_clear()
