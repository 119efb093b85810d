"""Readers and writers at once, on SQLite and on a real PostgreSQL: snapshots never mix two states
of the store, writers take turns, two `analyze` processes on one store both finish, and web reads
during an `analyze` and uploads never fail.

The articles are fictional and written for these tests (``wire_articles``): short company news that
the pipeline reads as articles, each with its own company and figures.
"""
from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from newsgraph.model import Analysis, Article, Entity, EntityType, Evidence, Mention
from newsgraph.store.db import Store

COMPANIES = ["Tollmere Freight", "Ostrand Mills", "Kelvara Foods", "Brightwick Rail", "Quenlow Mining",
             "Harrowgate Textiles", "Velloran Chemicals", "Pemberly Ports", "Suncastle Energy", "Ardwyn Glass",
             "Corrib Telecom", "Larchfield Paper", "Mossbank Shipping", "Dunmere Steel", "Westercombe Dairy"]
ACTS = [("raised its yearly sales forecast to {n} million euros", "after strong orders from retailers in the north"),
        ("cut {n} jobs at its main plant", "citing weaker demand and higher energy bills over the winter"),
        ("agreed to buy a smaller rival for {n} million euros", "in a deal it expects to close in the spring"),
        ("opened a new warehouse with room for {n} workers", "near the motorway junction outside the city")]


def wire_articles(count: int, offset: int = 0) -> dict[str, str]:
    """``count`` distinct fictional articles (file name -> text), numbered from ``offset``."""
    out = {}
    for i in range(offset, offset + count):
        company = COMPANIES[i % len(COMPANIES)]
        act, why = ACTS[i % len(ACTS)]
        n = 120 + 7 * i
        day = 1 + i % 27
        out[f"wire-{i:03d}.txt"] = (
            f"{company} {act.format(n=n).split(' to ')[0]}\n"
            f"By Staff Reporter\nHarbour Post\n2026-03-{day:02d}\n\n"
            f"{company} said on Monday that it {act.format(n=n)}, {why}. "
            f"A spokesperson for {company} said the board approved the plan last week and that talks with "
            f"unions and suppliers would start soon. Analysts at a local bank said the figure of {n} was "
            f"higher than they had expected for the period, and shares rose {1 + i % 5}% in early trading.\n")
    return out


def write(folder: Path, files: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, body in files.items():
        (folder / name).write_text(body, encoding="utf-8")
    return folder


def run_cli(*args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "newsgraph.cli", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env={**os.environ, "HF_HUB_OFFLINE": "1"})


def synthetic(n: int) -> tuple[Article, Analysis]:
    """An article with an entity of its own and two mentions of it (no language pipeline needed)."""
    text = f"Company number {n} reported results on a quiet day for the market."
    article = Article(id=f"art{n:05d}", source=f"s{n}.txt", text=text, title=f"Result {n}")
    entity = Entity(key=f"test:company-{n}", name=f"Company {n}", type=EntityType.COMPANY)
    mentions = (Mention(entity_key=entity.key, evidence=Evidence(article.id, 0, 17)),
                Mention(entity_key="test:shared", evidence=Evidence(article.id, 30, 36)))
    shared = Entity(key="test:shared", name="Market", type=EntityType.OTHER)
    return article, Analysis(article_id=article.id, entities=(entity, shared), mentions=mentions)


# -- the store itself -------------------------------------------------------------------------------
def test_a_snapshot_sees_one_state_of_the_store(store_db):
    reader, writer = Store(store_db), Store(store_db)
    writer.add(*synthetic(1))
    with reader.snapshot():
        before = {a.id for a in reader.articles()}
        writer.add(*synthetic(2))  # committed by another connection while the snapshot is held
        assert {a.id for a in reader.articles()} == before == {"art00001"}
        assert set(reader.analyses()) == before
    assert {a.id for a in reader.articles()} == {"art00001", "art00002"}


def test_reads_during_writes_never_mix_two_states(store_db):
    """The KeyError of old: entities read, then mentions of an entity added in between."""
    Store(store_db)
    failures: list[BaseException] = []
    done = threading.Event()

    def write_many() -> None:
        store = Store(store_db)
        try:
            for n in range(60):
                store.add(*synthetic(n))
        except BaseException as exc:  # noqa: BLE001 - reported by the test
            failures.append(exc)
        finally:
            done.set()

    def read_until_done() -> None:
        store = Store(store_db)
        try:
            while not done.is_set():
                store.analyses()  # on its own: one snapshot inside, never a KeyError
                with store.snapshot():
                    analyses, entities = store.analyses(), store.raw_entities()
                    articles = {a.id for a in store.articles()}
                assert set(analyses) == articles
                assert all(m.entity_key in entities for a in analyses.values() for m in a.mentions)
        except BaseException as exc:  # noqa: BLE001
            failures.append(exc)

    threads = [threading.Thread(target=write_many)] + [threading.Thread(target=read_until_done) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=300)
    assert not failures, failures
    assert len(Store(store_db).articles()) == 60


def test_concurrent_writers_of_the_same_articles_store_each_once(store_db):
    Store(store_db)
    failures: list[BaseException] = []

    def add_all(start: int) -> None:
        store = Store(store_db)
        try:
            for n in [*range(start, 30), *range(0, start)]:  # each thread in its own order, all the same articles
                store.add(*synthetic(n))
        except BaseException as exc:  # noqa: BLE001
            failures.append(exc)

    threads = [threading.Thread(target=add_all, args=(s,)) for s in (0, 10, 20)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=300)
    assert not failures, failures
    store = Store(store_db)
    assert len(store.articles()) == 30
    assert sum(len(a.mentions) for a in store.analyses().values()) == 60
    assert len(store.raw_entities()) == 31


@pytest.mark.parametrize("write", ["update_stories", "replace_story_index", "drop_story_index", "add_watch"])
def test_story_and_watch_writes_wait_for_the_other_writers_on_postgresql(pg_server, write):
    """On PostgreSQL, writers take turns on one advisory lock: a story update that checked the
    index under READ COMMITTED and wrote without it could interleave with another one."""
    from sqlalchemy import text

    from newsgraph.clustering.stored_index import IndexDelta
    from newsgraph.store.db import WRITER_LOCK

    store = Store(pg_server.new_database())
    calls = {"update_stories": lambda: store.update_stories([], [], IndexDelta(meta={"seen": 1}), {}, [], {}, seen=0),
             "replace_story_index": lambda: store.replace_story_index(IndexDelta(meta={"seen": 0}), {}),
             "drop_story_index": store.drop_story_index,
             "add_watch": lambda: store.add_watch("harbour")}
    failures: list[BaseException] = []

    def run() -> None:
        try:
            calls[write]()
        except BaseException as exc:  # noqa: BLE001 - reported by the test
            failures.append(exc)

    with store.engine.connect() as holder:
        holder.execute(text("SELECT pg_advisory_lock(:key)"), {"key": WRITER_LOCK})
        writer = threading.Thread(target=run)
        writer.start()
        writer.join(timeout=1.5)
        assert writer.is_alive(), f"{write} wrote while another writer held the lock"
        holder.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": WRITER_LOCK})
        holder.commit()
    writer.join(timeout=60)
    assert not writer.is_alive() and not failures, failures


# -- real processes ------------------------------------------------------------------------------
@pytest.mark.slow
def test_two_analyze_processes_on_one_store_both_finish(tmp_path, store_db):
    first = write(tmp_path / "first", wire_articles(16))
    second = write(tmp_path / "second", wire_articles(16, offset=12))  # four articles in both
    Store(store_db)  # created before, so that both runs find it (they would also race to create it)
    runs = [run_cli("analyze", str(first), "--db", store_db), run_cli("analyze", str(second), "--db", store_db)]
    outputs = [run.communicate(timeout=600) for run in runs]
    for run, (out, err) in zip(runs, outputs):
        assert run.returncode == 0, err
        assert err == "" and "articles added" in out
    store = Store(store_db)
    ids = {a.id for a in store.articles()}
    assert len(ids) == 28
    in_stories = {a for row in store.story_rows() for a in row["article_ids"]}
    assert in_stories == ids  # the last rebuild written saw every article


@pytest.mark.slow
def test_web_reads_during_an_analyze_and_uploads_never_fail(tmp_path, store_db, pipeline, analyze_with):
    import httpx

    from newsgraph.settings import Settings
    from newsgraph.web import create_app
    from web_support import live_server

    analyze_with([write(tmp_path / "start", wire_articles(6))], store_db)
    folder = write(tmp_path / "more", wire_articles(12, offset=6))
    uploads = wire_articles(4, offset=40)
    app = create_app(settings=Settings(db=store_db, progress=False), pipeline=pipeline)
    statuses: list[tuple[str, int]] = []
    errors: list[BaseException] = []
    writing = threading.Event()
    writing.set()
    paths = ["/api/stories", "/", "/api/entities", "/api/search?q=analysts", "/?q=shares", "/search?q=board", "/entities",
             "/api/stories?company=Tollmere%20Freight", "/api/rejections"]

    def read(base: str, k: int) -> None:
        with httpx.Client(base_url=base, timeout=120) as client:
            i = k
            try:
                while writing.is_set() or i < k + len(paths):
                    path = paths[i % len(paths)]
                    statuses.append((path, client.get(path).status_code))
                    i += 1
            except BaseException as exc:  # noqa: BLE001
                errors.append(exc)

    def upload(base: str) -> None:
        with httpx.Client(base_url=base, timeout=300) as client:
            for name, body in uploads.items():
                statuses.append(("upload", client.post(f"/api/articles?name={name}", content=body.encode(),
                                                       headers={"content-type": "text/plain"}).status_code))

    with live_server(app) as base:
        readers = [threading.Thread(target=read, args=(base, k)) for k in range(4)]
        for t in readers:
            t.start()
        analyze = run_cli("analyze", str(folder), "--db", store_db)
        upload(base)
        out, err = analyze.communicate(timeout=600)
        writing.clear()
        for t in readers:
            t.join(timeout=300)
    assert analyze.returncode == 0 and err == "", err
    assert not errors, errors
    failed = [(p, s) for p, s in statuses if s >= 300]
    assert not failed, failed
    assert sum(1 for p, _ in statuses if p == "upload") == len(uploads)
    assert len(statuses) > 20
    assert len(Store(store_db).articles()) == 22
