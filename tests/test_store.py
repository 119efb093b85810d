"""newsgraph.store.db: idempotent re-runs, stories updated when articles are added, rejections
cleared once a file is fixed, stored analyses read back unchanged; on SQLite and on PostgreSQL
(a real server that the session starts: tests/pg_server.py)."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from sqlalchemy import func, select

import newsgraph
from newsgraph.cli import cli
from newsgraph.errors import StoreError
from newsgraph.pipeline import to_analysis
from newsgraph.store import schema
from newsgraph.store.db import Store, database_url, engine_url
from conftest import BACKENDS, analysed_store, new_store_location
from ng_support import FILES, SUBARU_DENIES, SUBARU_TALKS, write_files

TABLES = [schema.articles, schema.entities, schema.mentions, schema.reports, schema.responses, schema.facts,
          schema.stories, schema.story_articles, schema.rejections, schema.migrations]


def row_counts(store: Store) -> dict[str, int]:
    with store.engine.connect() as conn:
        return {t.name: conn.scalar(select(func.count()).select_from(t)) for t in TABLES}


@pytest.fixture(scope="module", params=BACKENDS)
def fresh(request, tmp_path_factory, analyze_with):
    base = tmp_path_factory.mktemp("rerun")
    folder = write_files(base / "corpus", FILES)
    db = new_store_location(request.param, request, base)
    first = analyze_with([folder], db)
    return folder, db, first


@pytest.fixture(scope="module", params=BACKENDS)
def mini(request, tmp_path_factory, pipeline):
    """The mini corpus analysed once into each store (SQLite: the session's ``mini_store``)."""
    if request.param == "sqlite":
        return request.getfixturevalue("mini_store")
    base = tmp_path_factory.mktemp("mini-pg")
    return analysed_store(write_files(base / "corpus", FILES), request.getfixturevalue("pg_server").new_database(),
                          pipeline)


def test_rerunning_analyze_on_the_same_input_changes_nothing(fresh, analyze_with):
    folder, db, first = fresh
    before = row_counts(Store(str(db)))
    stories_before = Store(str(db)).story_rows()
    again = analyze_with([folder], db)
    assert again.added == [] and again.rejected == []
    assert sorted(again.unchanged) == sorted(first.added)
    assert row_counts(Store(str(db))) == before
    assert [(r["id"], r["title"], r["article_ids"]) for r in Store(str(db)).story_rows()] == \
        [(r["id"], r["title"], r["article_ids"]) for r in stories_before]


def test_cli_rerun_says_0_articles_added_and_exits_0(fresh):
    folder, db, first = fresh
    before = row_counts(Store(str(db)))
    result = CliRunner().invoke(cli, ["analyze", str(folder), "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"0 articles added, {len(first.added)} already in the store, 0 rejected;")
    assert row_counts(Store(str(db))) == before


def test_the_same_article_twice_in_one_batch_is_stored_once(tmp_path, analyze_with, store_db):
    folder = write_files(tmp_path / "corpus", {"a.txt": SUBARU_TALKS, "copy-of-a.txt": SUBARU_TALKS})
    result = analyze_with([folder], store_db)
    assert len(result.added) == 1 and len(result.unchanged) == 1
    assert row_counts(Store(store_db))["articles"] == 1


def _story_of(store: Store, article_id: str) -> dict:
    return next(r for r in store.story_rows() if article_id in r["article_ids"])


def test_adding_an_article_updates_its_story(tmp_path, analyze_with, store_db):
    db = store_db
    talks = write_files(tmp_path / "one", {"northgate-subaru-talks.txt": SUBARU_TALKS})
    first = analyze_with([talks], db)
    store = Store(str(db))
    story = _story_of(store, first.added[0])
    assert len(story["article_ids"]) == 1
    assert "denies" not in story["title"]

    denies = write_files(tmp_path / "two", {"coppervalley-subaru-denies.txt": SUBARU_DENIES})
    second = analyze_with([denies], db)
    assert len(second.added) == 1
    updated = _story_of(store, first.added[0])
    assert sorted(updated["article_ids"]) == sorted(first.added + second.added)
    assert "denies" in updated["title"]
    record = newsgraph.story(updated["id"], db=str(db))
    assert sorted(d.kind.value for d in record.disagreements) == ["refinement", "update"]


def test_a_story_keeps_its_id_when_an_article_is_added(tmp_path, analyze_with, store_db):
    db = store_db
    arts = {a.source: a for a in newsgraph.extract([str(write_files(tmp_path / "x", {
        "talks.txt": SUBARU_TALKS, "denies.txt": SUBARU_DENIES}))])}
    # add first the article whose id sorts last, so that the second one would rename the story
    later, earlier = sorted(arts.values(), key=lambda a: a.id, reverse=True)
    analyze_with([tmp_path / "x" / later.source], db)
    first_id = _story_of(Store(str(db)), later.id)["id"]
    analyze_with([tmp_path / "x" / earlier.source], db)
    assert _story_of(Store(str(db)), later.id)["id"] == first_id


def test_a_rejection_is_cleared_once_the_file_is_fixed(tmp_path, analyze_with, store_db):
    db = store_db
    path = tmp_path / "in" / "subaru.txt"
    path.parent.mkdir()
    path.write_text("Subaru weighs a plant.", encoding="utf-8")
    first = analyze_with([path.parent], db)
    assert [r.code for r in first.rejected] == ["no_article"]
    assert [r.source for r in Store(str(db)).rejections()] == ["subaru.txt"]
    path.write_text(SUBARU_TALKS, encoding="utf-8")
    second = analyze_with([path.parent], db)
    assert second.ok and len(second.added) == 1
    assert Store(str(db)).rejections() == []


def test_stored_analyses_read_back_unchanged(mini, pipeline):
    """What the pipeline found is what the store gives back: offsets, kinds, values, qualifiers."""
    stored = mini.store.analyses()
    for article in mini.store.articles():
        fresh = to_analysis(pipeline.nlp(pipeline.make_doc(article)))
        back = stored[article.id]
        assert back.mentions == fresh.mentions
        assert back.reports == fresh.reports
        assert [r.__class__(**{**r.__dict__, "as_of": None}) for r in back.responses] == \
            [r.__class__(**{**r.__dict__, "as_of": None}) for r in fresh.responses]
        assert back.facts == fresh.facts
        assert back.keywords == fresh.keywords


def test_stored_articles_keep_their_metadata(mini):
    by_source = {a.source: a for a in mini.store.articles()}
    talks = by_source["northgate-subaru-talks.txt"]
    assert talks.outlet == "Northgate Tribune"
    assert talks.title == "Subaru weighs Indiana battery plant with LG Energy Solution"
    assert talks.published_at.date().isoformat() == "2025-10-02"
    denies = by_source["coppervalley-subaru-denies.txt"]
    assert denies.published_at.isoformat() == "2025-10-03T10:40:00-04:00"
    assert denies.outlet == "Copper Valley Times"


def test_entities_are_shared_across_articles(mini):
    entities = mini.store.entities()
    subaru = entities["gaz:subaru"]
    assert subaru.type.value == "company"
    assert "TYO:7270" in subaru.tickers
    assert len([k for k in entities if k == "gaz:subaru"]) == 1


@pytest.mark.parametrize("db, url", [
    ("news.db", "sqlite:///news.db"),
    ("/tmp/x/news.db", "sqlite:////tmp/x/news.db"),
    ("postgresql://reader@localhost/news", "postgresql://reader@localhost/news"),
    ("sqlite:///other.db", "sqlite:///other.db"),
])
def test_database_url(db, url):
    assert database_url(db) == url


def test_an_unusable_store_url_is_a_store_error(tmp_path):
    with pytest.raises(StoreError) as exc:
        Store("nosuchdialect://somewhere/db")
    assert "store" in str(exc.value)


def test_a_sqlite_store_commits_without_waiting_for_the_disk_in_wal_mode(tmp_path):
    # synchronous=NORMAL: a commit stays atomic, but is not flushed to the disk one by one (the
    # analyze of many articles commits once per article)
    store = Store(str(tmp_path / "s.db"))
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 1  # NORMAL (FULL is 2)


def test_migrations_are_recorded_and_run_once(tmp_path):
    db = str(tmp_path / "m.db")
    Store(db)
    Store(db)  # a second open finds the migration done
    with Store(db).engine.connect() as conn:
        names = list(conn.scalars(select(schema.migrations.c.name)))
    assert names == [name for name, _ in schema.MIGRATIONS]


def test_former_tickers_are_stored_after_the_current_ones(tmp_path):
    from newsgraph.model import Entity, EntityType

    store = Store(str(tmp_path / "f.db"))
    old_article = Entity(key="gaz:quarrystone", name="Quarrystone", type=EntityType.COMPANY,
                         tickers=("NYSE:QSM", "NYSE:QRY"), former_tickers=("NYSE:QRY",))
    new_article = Entity(key="gaz:quarrystone", name="Quarrystone", type=EntityType.COMPANY,
                         tickers=("NYSE:QSM", "NASDAQ:QSMX"))
    with store.engine.begin() as conn:
        Store._upsert_entities(conn, [old_article])
        Store._upsert_entities(conn, [new_article])
    stored = store.entities()["gaz:quarrystone"]
    assert stored.tickers == ("NYSE:QSM", "NASDAQ:QSMX", "NYSE:QRY") and stored.former_tickers == ("NYSE:QRY",)
    # the same two given at once (one read, one insert) merge as they do one at a time
    together = Store(str(tmp_path / "g.db"))
    with together.engine.begin() as conn:
        Store._upsert_entities(conn, [old_article, new_article])
    assert together.entities()["gaz:quarrystone"] == stored


def test_a_store_made_before_former_tickers_gains_the_column(tmp_path):
    from sqlalchemy import delete, inspect, text

    db = str(tmp_path / "old.db")
    with Store(db).engine.begin() as conn:  # as a store from before migration 0004 looks
        conn.execute(text("ALTER TABLE entities DROP COLUMN former_tickers"))
        conn.execute(delete(schema.migrations).where(schema.migrations.c.name == "0004_former_tickers"))
    store = Store(db)
    with store.engine.connect() as conn:
        assert "former_tickers" in {c["name"] for c in inspect(conn).get_columns("entities")}


def test_postgresql_urls_go_through_psycopg_3():
    assert engine_url("postgresql://reader@localhost/news").drivername == "postgresql+psycopg"
    assert engine_url("postgres://reader@localhost/news").drivername == "postgresql+psycopg"
    assert engine_url("news.db").drivername == "sqlite"


def test_migrations_run_once_on_postgresql(pg_server):
    url = pg_server.new_database()
    Store(url)
    store = Store(url)
    with store.engine.connect() as conn:
        assert list(conn.scalars(select(schema.migrations.c.name))) == [name for name, _ in schema.MIGRATIONS]


def test_an_unreachable_server_is_a_one_line_store_error(pg_server):
    from pg_server import free_port

    url = f"postgresql://newsgraph:s3cret@127.0.0.1:{free_port()}/news"  # nothing listens there
    with pytest.raises(StoreError) as exc:
        Store(url)
    message = str(exc.value)
    assert "cannot reach the store" in message and "refused" in message.lower()
    assert "\n" not in message and "s3cret" not in message


def test_a_refused_login_is_a_one_line_store_error(pg_server):
    url = pg_server.url().replace("newsgraph@", "nobody@")
    with pytest.raises(StoreError) as exc:
        Store(url)
    assert 'role "nobody" does not exist' in str(exc.value) and "\n" not in str(exc.value)


def test_the_cli_reports_an_unreachable_server_in_one_line_without_a_traceback(tmp_path):
    import subprocess
    import sys

    from pg_server import free_port

    folder = write_files(tmp_path / "corpus", {"a.txt": SUBARU_TALKS})
    done = subprocess.run([sys.executable, "-m", "newsgraph.cli", "analyze", str(folder), "--db",
                           f"postgresql://newsgraph@127.0.0.1:{free_port()}/news"], capture_output=True, text=True)
    assert done.returncode == 1 and done.stdout == ""
    assert done.stderr.startswith("error: cannot reach the store") and done.stderr.count("\n") == 1
    assert "Traceback" not in done.stderr


# -- text a store cannot hold: cleaned first, on every store, by every way in -------------------
HARBOUR = ("The harbour authority of Lindqvist Bay said on Tuesday that two new cranes would arrive in March, "
           "letting the port unload larger container ships without waiting for the tide. A spokesperson for "
           "the authority declined to say what the cranes cost.")
ORCHARD = ("Fenwick Orchards said on Wednesday that hail destroyed a third of its apple harvest in the valley, "
           "and that it would buy fruit from neighbouring growers to keep its juice plant running through the "
           "winter. The company expects lower sales in the first quarter.")
NUL_JSONL = (json.dumps({"title": "Cranes for the bay", "text": HARBOUR.replace("two new", "two\u0000 new")}) + "\n"
             + json.dumps({"title": "Hail hits the orchards", "text": ORCHARD}) + "\n")


def test_an_article_with_a_nul_and_the_next_one_are_both_stored_by_the_cli(tmp_path, store_db):
    import os
    import subprocess
    import sys

    path = tmp_path / "wire.jsonl"
    path.write_text(NUL_JSONL, encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "newsgraph.cli", "analyze", str(path), "--db", store_db],
                          capture_output=True, text=True, env={**os.environ, "HF_HUB_OFFLINE": "1"})
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("2 articles added, 0 already in the store, 0 rejected;")
    assert done.stderr == ""
    texts = [a.text for a in Store(store_db).articles()]
    assert len(texts) == 2 and not any("\x00" in t for t in texts)
    assert any("two new cranes" in t for t in texts)


def test_an_article_with_a_nul_and_the_next_one_are_both_stored_by_the_api(store_db, pipeline):
    from fastapi.testclient import TestClient

    from newsgraph.settings import Settings
    from newsgraph.web import create_app

    client = TestClient(create_app(settings=Settings(db=store_db, progress=False), pipeline=pipeline),
                        raise_server_exceptions=False)
    upload = client.post("/api/articles", files={"file": ("wire.jsonl", NUL_JSONL.encode(), "application/jsonl")})
    assert upload.status_code == 201, upload.text
    assert len(upload.json()["added"]) == 2
    one = {"title": "Ferry\u0000 news", "text": HARBOUR.replace("cranes", "ferries\u0000") + " \ud800"}
    body = client.post("/api/articles", content=json.dumps(one).encode(), headers={"content-type": "application/json"})
    assert body.status_code == 201, body.text
    assert len(Store(store_db).articles()) == 3


def test_a_new_story_never_takes_an_id_another_group_kept():
    """{a, b} was story make_id({a, b}) (named by a); b joins c, a is left alone: the group that
    shares b keeps the old id, the lone a, whose own name is that id, is named otherwise."""
    from newsgraph.model import Story
    from newsgraph.workflow import stable_ids

    old = Story.make_id(["a", "b"])
    ids = stable_ids([["a"], ["b", "c"]], {old: {"a", "b"}})
    assert ids[1] == old and ids[0] not in (None, old)


def test_the_demo_gives_the_same_export_on_sqlite_and_postgresql(demo_store, demo_store_pg):
    from newsgraph.exports.document import without_run_times

    sqlite_export = without_run_times(demo_store.export)
    postgres_export = without_run_times(demo_store_pg.export)
    assert sqlite_export["articles"] and sqlite_export["stories"]
    assert postgres_export == sqlite_export



def test_a_rejection_with_a_nul_in_its_source_and_reason_is_stored(store_db):
    from newsgraph.model import Rejection

    store = Store(store_db)
    store.add_rejection(Rejection(source="feed\x00.jsonl:3", code="bad_json", reason="not JSON near '\x00\x01'"))
    [back] = store.rejections()
    assert back.source == "feed.jsonl:3" and back.reason == "not JSON near ''"
