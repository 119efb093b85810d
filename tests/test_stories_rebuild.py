"""`analyze` one article at a time (the persisted index, the changed stories only) against
`newsgraph rebuild` (the whole store re-clustered and reconciled) on the same articles."""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import REPO, run_analyze
from ng_support import FILES, write_files

from newsgraph.model import time_key
from newsgraph.model.codec import to_data
from newsgraph.settings import Settings
from newsgraph.store.db import Store
from newsgraph.workflow import extract, rebuild_stories


def _in_date_order(folder: Path) -> list[Path]:
    """The files of a folder in the order their articles were published (undated last)."""
    dated = {Path(a.source).name: a.published_at for a in extract([folder]) if hasattr(a, "published_at")}
    files = [p for p in sorted(folder.iterdir()) if p.name in dated]
    return sorted(files, key=lambda p: (dated[p.name] is None, time_key(dated[p.name]), p.name))


def _one_by_one_then_rebuild(folder: Path, db: Path, pipeline) -> tuple[list, list]:
    """The stored stories after adding the files one analyze call each, then after a rebuild."""
    for path in _in_date_order(folder):
        run_analyze([path], db, pipeline)
    store = Store(str(db))
    before = [to_data(s) for s in store.stories()]
    rebuild_stories(store, Settings(db=str(db), progress=False))
    return before, [to_data(s) for s in store.stories()]


@pytest.fixture(scope="module")
def mini_runs(tmp_path_factory, pipeline):
    base = tmp_path_factory.mktemp("mini-incr")
    return _one_by_one_then_rebuild(write_files(base / "corpus", FILES), base / "one.db", pipeline)


@pytest.fixture(scope="module")
def demo_runs(tmp_path_factory, pipeline):
    return _one_by_one_then_rebuild(REPO / "examples" / "demo", tmp_path_factory.mktemp("demo-incr") / "one.db",
                                    pipeline)


@pytest.mark.parametrize("runs", ["mini_runs", "demo_runs"])
def test_one_article_per_call_groups_the_articles_as_rebuild_does(runs, request):
    before, after = request.getfixturevalue(runs)
    assert sorted(s["article_ids"] for s in before) == sorted(s["article_ids"] for s in after)


@pytest.mark.parametrize("runs", ["mini_runs", "demo_runs"])
def test_the_stories_updated_one_by_one_are_the_stories_rebuild_writes(runs, request):
    before, after = request.getfixturevalue(runs)
    assert before == after  # same ids (kept by rebuild), titles, responses, facts, disagreements


def test_analyze_rewrites_only_the_stories_its_articles_join(tmp_path, pipeline):
    folder = write_files(tmp_path / "corpus", FILES)
    files = _in_date_order(folder)
    db = tmp_path / "s.db"
    run_analyze(files[:-1], db, pipeline)
    store = Store(str(db))
    kept = {s.id: to_data(s) for s in store.stories()}
    run_analyze(files[-1:], db, pipeline)
    after = {s.id: to_data(s) for s in store.stories()}
    changed = {sid for sid in after if kept.get(sid) != after[sid]}
    assert len(changed) == 1  # the story the last article joined (or started)
    assert set(kept) - set(after) == set()  # every other story is still there, same id and record
