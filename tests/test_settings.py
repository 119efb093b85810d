"""newsgraph.settings: defaults, then environment variables, then explicit overrides (CLI flags)."""
from __future__ import annotations

import dataclasses

import pytest

from newsgraph.settings import Settings


@pytest.fixture(autouse=True)
def clean_env(monkeypatch):
    for name in ("NEWSGRAPH_DB", "NEWSGRAPH_MAX_BYTES", "NEWSGRAPH_SPACY_MODEL", "NEWSGRAPH_GAZETTEER", "XDG_DATA_HOME"):
        monkeypatch.delenv(name, raising=False)


@pytest.mark.parametrize("env, overrides, expected", [
    ({}, {}, {"db": "newsgraph.db", "max_bytes": 10_000_000, "spacy_model": None}),
    ({"NEWSGRAPH_DB": "env.db"}, {}, {"db": "env.db"}),
    ({"NEWSGRAPH_DB": "env.db"}, {"db": "flag.db"}, {"db": "flag.db"}),
    ({"NEWSGRAPH_DB": "env.db"}, {"db": None}, {"db": "env.db"}),  # an absent flag does not override
    ({"NEWSGRAPH_MAX_BYTES": "1234"}, {}, {"max_bytes": 1234}),
    ({"NEWSGRAPH_MAX_BYTES": "1234"}, {"max_bytes": 99}, {"max_bytes": 99}),
    ({"NEWSGRAPH_SPACY_MODEL": "en_core_web_md"}, {}, {"spacy_model": "en_core_web_md"}),
])
def test_precedence(monkeypatch, env, overrides, expected):
    for k, v in env.items():
        monkeypatch.setenv(k, v)
    settings = Settings.from_env(**overrides)
    assert {k: getattr(settings, k) for k in expected} == expected


def test_settings_are_immutable():
    with pytest.raises(dataclasses.FrozenInstanceError):
        Settings().db = "other.db"  # type: ignore[misc]


def test_gazetteer_path_from_the_environment_or_the_user_data_folder(monkeypatch, tmp_path):
    assert Settings().gazetteer_path is None  # built-in gazetteer only, unless the environment is read
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert Settings.from_env().gazetteer_path == str(tmp_path / "newsgraph" / "sec_companies.json")
    monkeypatch.setenv("NEWSGRAPH_GAZETTEER", str(tmp_path / "mine.json"))
    assert Settings.from_env().gazetteer_path == str(tmp_path / "mine.json")
    assert Settings.from_env(gazetteer_path="flag.json").gazetteer_path == "flag.json"
