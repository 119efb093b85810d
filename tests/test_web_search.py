"""newsgraph.store.search and migration 0003_fulltext: the index follows the articles table, on
SQLite (FTS5) and on PostgreSQL (tsvector), with the same answers."""
from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import select, text

from newsgraph.model import Analysis, Article
from newsgraph.store import schema
from newsgraph.store.db import Store
from newsgraph.store.search import HIT_END, HIT_START, plain_snippet, search_articles, terms

TEXTS = {
    "a1": ("Brewer expands", "The brewer opened a second bottling line near the harbour, hiring 300 people."),
    "a2": ("Chipmaker results", "The chipmaker reported higher quarterly revenue and kept its forecast."),
    "a3": ("Airline routes", "The airline will add routes to three islands; the brewer sponsors the flights."),
}


def add(store: Store, aid: str, title: str, body: str) -> None:
    store.add(Article(id=aid, source=f"{aid}.txt", text=body, title=title), Analysis(article_id=aid))


@pytest.fixture()
def store(store_db) -> Store:
    s = Store(store_db)
    for aid, (title, body) in TEXTS.items():
        add(s, aid, title, body)
    return s


@pytest.mark.parametrize("query,expected", [
    ("brewer", {"a1", "a3"}),
    ("BREWER harbour", {"a1"}),
    ("chip revenue", set()),  # whole words, except the last word ...
    ("quarterly chipm", {"a2"}),  # ... which may be the start of one
    ("expands", {"a1"}),  # titles are searched too
    ("open", {"a1"}),  # stemmed: 'opened'
    ("nothing-like-this", set()),
    ("", set()),
])
def test_search_finds_articles_with_every_word(store, query, expected):
    assert {h.article_id for h in search_articles(store, query)} == expected


@pytest.mark.parametrize("query", ['"', "a OR", "NEAR(", "title:brewer", "*", "brewer)", "'; DROP TABLE articles; --"])
def test_query_syntax_is_taken_as_words(store, query):
    search_articles(store, query)  # must not raise
    assert len(store.articles()) == 3


def test_the_index_follows_inserts_updates_and_deletes(store):
    add(store, "a4", "Late news", "A tanker ran aground off the cape overnight, the coast guard said.")
    assert [h.article_id for h in search_articles(store, "tanker")] == ["a4"]
    with store.engine.begin() as conn:
        conn.execute(schema.articles.update().where(schema.articles.c.id == "a4").values(text="A ferry ran late."))
    assert search_articles(store, "tanker") == [] and [h.article_id for h in search_articles(store, "ferry")] == ["a4"]
    with store.engine.begin() as conn:
        conn.execute(schema.articles.delete().where(schema.articles.c.id == "a4"))
    assert search_articles(store, "ferry") == []


def test_a_store_made_before_the_migration_gets_its_articles_indexed(tmp_path):
    path = tmp_path / "old.db"
    Store(str(path))
    con = sqlite3.connect(path)  # undo 0003 as if the store predated it, then add an article
    con.executescript("DROP TABLE articles_fts; DROP TRIGGER articles_fts_insert; DROP TRIGGER articles_fts_delete;"
                      "DROP TRIGGER articles_fts_update; DELETE FROM migrations WHERE name = '0003_fulltext';")
    con.execute("INSERT INTO articles (id, source, text, title, keywords, added_at) VALUES "
                "('b1', 'b1.txt', 'The orchard lost its apple harvest to hail.', 'Hail', '[]', '2026-01-01')")
    con.commit()
    con.close()
    store = Store(str(path))
    with store.engine.connect() as conn:
        assert "0003_fulltext" in set(conn.scalars(select(schema.migrations.c.name)))
        assert conn.execute(text("SELECT count(*) FROM articles_fts")).scalar() == 1
    assert [h.article_id for h in search_articles(store, "apple")] == ["b1"]


def test_snippets_mark_the_matched_words(store):
    hit = search_articles(store, "bottling")[0]
    assert f"{HIT_START}bottling{HIT_END}" in hit.snippet
    plain, spans = plain_snippet(hit.snippet)
    assert HIT_START not in plain and [plain[a:b] for a, b in spans] == ["bottling"]


@pytest.mark.parametrize("query,expected", [("Brewer brewer, HARBOUR!", ["brewer", "harbour"]), ("  ", []),
                                            ("año 2026", ["año", "2026"])])
def test_terms(query, expected):
    assert terms(query) == expected
