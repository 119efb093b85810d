"""Tables of the store, and the named migrations that create and change them."""
from __future__ import annotations

from sqlalchemy import (JSON, Boolean, Column, Float, ForeignKey, Index, Integer, LargeBinary, MetaData, String, Table,
                        Text, UniqueConstraint)
from sqlalchemy import BigInteger  # file sizes and times of watched folders (0010_sources)

metadata = MetaData()

migrations = Table(
    "migrations", metadata,
    Column("name", String(100), primary_key=True),
    Column("applied_at", String(40), nullable=False),
)

articles = Table(
    "articles", metadata,
    Column("id", String(40), primary_key=True),
    Column("source", Text, nullable=False),
    Column("url", Text),
    Column("outlet", Text),
    Column("title", Text),
    Column("byline", Text),
    Column("published_at", String(40)),
    Column("text", Text, nullable=False),
    Column("encoding", String(40)),
    Column("keywords", JSON, nullable=False),
    Column("added_at", String(40), nullable=False),
)

entities = Table(
    "entities", metadata,
    Column("id", String(40), primary_key=True),
    Column("key", Text, nullable=False, unique=True),
    Column("name", Text, nullable=False),
    Column("type", String(20), nullable=False),
    Column("tickers", JSON, nullable=False),
    Column("aliases", JSON, nullable=False),
    Column("former_tickers", JSON, nullable=False, default=list),
)

mentions = Table(
    "mentions", metadata,
    Column("article_id", String(40), ForeignKey("articles.id"), nullable=False),
    Column("entity_id", String(40), ForeignKey("entities.id"), nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("role", Text),
    Column("version", Integer, nullable=False, default=1),  # the article's version (0008)
    Index("ix_mentions_entity", "entity_id"),
    Index("ix_mentions_article", "article_id"),
)

reports = Table(
    "reports", metadata,
    Column("article_id", String(40), ForeignKey("articles.id"), nullable=False),
    Column("reported_by", Text, nullable=False),
    Column("reported_by_key", Text),
    Column("citing", Text),
    Column("claim", Text, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("implicit", Boolean, nullable=False, default=False),
    Column("confidence", Float, nullable=False, default=1.0),  # (0006)
    Column("version", Integer, nullable=False, default=1),  # the article's version (0008)
    Index("ix_reports_article", "article_id"),
)

responses = Table(
    "responses", metadata,
    Column("article_id", String(40), ForeignKey("articles.id"), nullable=False),
    Column("party", Text, nullable=False),
    Column("party_key", Text, nullable=False),
    Column("kind", String(30), nullable=False),
    Column("quote", Text),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("as_of", String(40)),
    Column("confidence", Float, nullable=False, default=1.0),  # (0006)
    Column("version", Integer, nullable=False, default=1),  # the article's version (0008)
    Index("ix_responses_article", "article_id"),
)

facts = Table(
    "facts", metadata,
    Column("article_id", String(40), ForeignKey("articles.id"), nullable=False),
    Column("subject", Text, nullable=False),
    Column("subject_key", Text),
    Column("metric", Text, nullable=False),
    Column("period", Text),
    Column("value", Float, nullable=False),
    Column("unit", Text),
    Column("qualifier", String(20), nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("q_start", Integer),
    Column("q_end", Integer),
    Column("confidence", Float, nullable=False, default=1.0),  # (0006)
    Column("version", Integer, nullable=False, default=1),  # the article's version (0008)
    Index("ix_facts_article", "article_id"),
)

stories = Table(
    "stories", metadata,
    Column("id", String(40), primary_key=True),
    Column("title", Text, nullable=False),
    Column("summary", Text),
    Column("first_published", String(40)),
    Column("last_published", String(40)),
)

story_articles = Table(
    "story_articles", metadata,
    Column("story_id", String(40), ForeignKey("stories.id"), nullable=False),
    Column("article_id", String(40), ForeignKey("articles.id"), nullable=False),
    UniqueConstraint("story_id", "article_id"),
    Index("ix_story_articles_article", "article_id"),
)

rejections = Table(
    "rejections", metadata,
    Column("id", String(40), primary_key=True),
    Column("source", Text, nullable=False),
    Column("code", String(40), nullable=False),
    Column("reason", Text, nullable=False),
    Column("at", String(40), nullable=False),
)


embeddings = Table(  # one text embedding per article, computed once at analyze time (0002_embeddings)
    "embeddings", metadata,
    Column("article_id", String(40), ForeignKey("articles.id"), primary_key=True),
    Column("model", String(60), nullable=False),
    Column("vector", LargeBinary, nullable=False),
)


events = Table(
    "events", metadata,
    Column("article_id", String(40), ForeignKey("articles.id"), nullable=False),
    Column("type", String(40), nullable=False),
    Column("status", String(20), nullable=False),
    Column("participants", JSON, nullable=False),  # entity keys
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("t_start", Integer, nullable=False),
    Column("t_end", Integer, nullable=False),
    Column("version", Integer, nullable=False, default=1),  # the article's version (0008)
    Index("ix_events_article", "article_id"),
)


story_records = Table(  # the reconciled story, written once per rebuild and read by every face (0005)
    "story_records", metadata,
    Column("story_id", String(40), ForeignKey("stories.id"), primary_key=True),
    Column("format", Integer, nullable=False),  # STORY_FORMAT when written; readers refuse another
    Column("record", JSON, nullable=False),  # model.codec.to_data(Story)
)

entity_merges = Table(  # entries two articles made for one company: key -> the key standing for it (0005)
    "entity_merges", metadata,
    Column("key", Text, primary_key=True),
    Column("into", Text, nullable=False),
)

# The persisted story index (0007_story_index): what ``clustering.stored_index`` reads so that a
# batch joins the stories without re-clustering the store. Written by ``newsgraph rebuild`` whole
# and by ``analyze`` for the stories, blocks and frequencies a batch changed.
story_index = Table(  # one row per story of the index
    "story_index", metadata,
    Column("sid", Integer, primary_key=True, autoincrement=False),  # the index's number for the story
    Column("story_id", String(40), nullable=False),  # the stored story (stories.id) it is
    Column("size", Integer, nullable=False),
    Column("first", Float),  # its first and last article's day (days since 1970), for the time window
    Column("last", Float),
    Column("vec", LargeBinary, nullable=False),  # sum of member embeddings, float32 (empty: none)
    Column("recent", LargeBinary, nullable=False),  # the recent members' embeddings, float16
    Column("state", JSON, nullable=False),  # members, entity/term/place profiles, days, norms
    Index("ix_story_index_story", "story_id"),
)

story_index_blocks = Table(  # block key -> the stories most recently indexed under it (at most BLOCK_CAP)
    "story_index_blocks", metadata,
    Column("key", Text, nullable=False),
    Column("sid", Integer, nullable=False),
    Column("seq", Integer, nullable=False),  # order in the block, oldest first
    UniqueConstraint("key", "sid"),
    Index("ix_story_index_blocks_key", "key"),
)

story_index_counts = Table(  # entity keys, words and terms -> how many indexed articles use them
    "story_index_counts", metadata,
    Column("key", Text, primary_key=True),
    Column("n", Integer, nullable=False),
)

story_index_meta = Table(  # seen (articles indexed), next_sid, built (1 once a rebuild wrote the index)
    "story_index_meta", metadata,
    Column("name", String(40), primary_key=True),
    Column("value", Integer, nullable=False),
)

entity_tickers = Table(  # ticker -> the entities carrying it, so a company merge reads only its candidates
    "entity_tickers", metadata,
    Column("ticker", Text, nullable=False),
    Column("key", Text, nullable=False),
    UniqueConstraint("ticker", "key"),
    Index("ix_entity_tickers_ticker", "ticker"),
)

ENTITY_MERGES_INTO = Index("ix_entity_merges_into", entity_merges.c.into)


article_copies = Table(  # the same text seen elsewhere: never analysed, shown with its canonical (0008)
    "article_copies", metadata,
    Column("id", String(40), primary_key=True),  # model.copies.Copy.id
    Column("canonical_id", String(40), ForeignKey("articles.id"), nullable=False),
    Column("source", Text, nullable=False),
    Column("outlet", Text),
    Column("url", Text),
    Column("title", Text),
    Column("published_at", String(40)),
    Column("text_hash", String(40), nullable=False),
    Column("similarity", Float, nullable=False),
    Column("seen_at", String(40), nullable=False),
    Index("ix_article_copies_canonical", "canonical_id"),
)

article_signatures = Table(  # each stored article's MinHash signature, for near-duplicates (0008)
    "article_signatures", metadata,
    Column("article_id", String(40), ForeignKey("articles.id"), primary_key=True),
    Column("signature", LargeBinary, nullable=False),  # clean.near_duplicates.to_bytes
    Column("outlet_title", String(40)),  # hash of outlet and title, where both are known: revisions
    Index("ix_article_signatures_outlet_title", "outlet_title"),
)

signature_bands = Table(  # the LSH band keys of each signature: a new text's candidates by lookup (0008)
    "signature_bands", metadata,
    Column("key", String(40), nullable=False),
    Column("article_id", String(40), ForeignKey("articles.id"), nullable=False),
    Index("ix_signature_bands_key", "key"),
    Index("ix_signature_bands_article", "article_id"),
)

article_versions = Table(  # every version of an article that changed, with what it said (0008)
    "article_versions", metadata,
    Column("article_id", String(40), ForeignKey("articles.id"), nullable=False),
    Column("version", Integer, nullable=False),
    Column("text_hash", String(40), nullable=False),
    Column("source", Text, nullable=False),
    Column("title", Text),
    Column("published_at", String(40)),
    Column("text", Text, nullable=False),
    Column("added", JSON, nullable=False),  # sentences added against the previous version
    Column("removed", JSON, nullable=False),  # sentences removed
    Column("analysis", JSON, nullable=False),  # model.codec.to_data(Analysis), offsets into `text`
    Column("seen_at", String(40), nullable=False),
    UniqueConstraint("article_id", "version"),
)

alerts = Table(  # what changed in the stories, told once: the id is a content hash (0009_alerts)
    "alerts", metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),  # the order they were raised in
    Column("id", String(40), nullable=False, unique=True),
    Column("kind", String(30), nullable=False),
    Column("story_id", String(40), nullable=False),  # no foreign key: a story may later merge or go
    Column("party", Text),
    Column("party_key", Text),
    Column("subject", Text),
    Column("subject_key", Text),
    Column("before", Text),
    Column("after", Text),
    Column("change", String(30)),
    Column("about", Text, nullable=False),
    Column("article_id", String(40)),
    Column("start", Integer),
    Column("end", Integer),
    Column("created_at", String(40), nullable=False),
    Index("ix_alerts_created", "created_at"),
)

alert_failures = Table(  # alerts a webhook did not take after every retry (0009_alerts)
    "alert_failures", metadata,
    Column("alert_id", String(40), nullable=False),
    Column("target", Text, nullable=False),
    Column("attempts", Integer, nullable=False),
    Column("error", Text, nullable=False),
    Column("at", String(40), nullable=False),
)

watchlist = Table(  # the companies whose new stories raise an alert, as the user named them (0009_alerts)
    "watchlist", metadata,
    Column("term", Text, primary_key=True),  # case-folded name, alias or ticker
    Column("added_at", String(40), nullable=False),
)


def _initial(connection) -> None:
    metadata.create_all(connection)


def _embeddings(connection) -> None:
    # a store made before 0002 lacks the table; a fresh one got it from create_all above
    embeddings.create(connection, checkfirst=True)


def _events(connection) -> None:
    # a store made before 0002_events lacks the table; a fresh one got it from create_all above
    events.create(connection, checkfirst=True)


def _fulltext(connection) -> None:
    """Full-text search over article title and text (``store/search.py`` queries it).

    SQLite: an FTS5 table over ``articles`` kept in step by triggers, so the writers need not know
    about it. PostgreSQL: a generated tsvector column with a GIN index. Other databases get no index
    (search falls back to a plain substring match)."""
    from sqlalchemy import text

    dialect = connection.dialect.name
    if dialect == "sqlite":
        for statement in SQLITE_FULLTEXT:
            connection.execute(text(statement))
    elif dialect == "postgresql":
        connection.execute(text(
            "ALTER TABLE articles ADD COLUMN IF NOT EXISTS search tsvector GENERATED ALWAYS AS "
            "(to_tsvector('english', coalesce(title, '') || ' ' || text)) STORED"))
        connection.execute(text("CREATE INDEX IF NOT EXISTS ix_articles_search ON articles USING GIN (search)"))


SQLITE_FULLTEXT = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS articles_fts USING fts5("
    "title, text, content='articles', content_rowid='rowid', tokenize='porter unicode61')",
    "CREATE TRIGGER IF NOT EXISTS articles_fts_insert AFTER INSERT ON articles BEGIN "
    "INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text); END",
    "CREATE TRIGGER IF NOT EXISTS articles_fts_delete AFTER DELETE ON articles BEGIN "
    "INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text); END",
    "CREATE TRIGGER IF NOT EXISTS articles_fts_update AFTER UPDATE ON articles BEGIN "
    "INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text); "
    "INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text); END",
    # a store made before this migration: index the articles it already has
    "INSERT INTO articles_fts(articles_fts) VALUES ('rebuild')",
)


def _former_tickers(connection) -> None:
    # a store made before 0004 lacks the column; a fresh one got it from create_all above
    from sqlalchemy import inspect, text

    if "former_tickers" not in {c["name"] for c in inspect(connection).get_columns("entities")}:
        connection.execute(text("ALTER TABLE entities ADD COLUMN former_tickers JSON NOT NULL DEFAULT '[]'"))


def _story_records(connection) -> None:
    # a store made before 0005 lacks the tables; a fresh one got them from create_all above
    story_records.create(connection, checkfirst=True)
    entity_merges.create(connection, checkfirst=True)


def _confidence(connection) -> None:
    # a store made before 0006 lacks the columns; a fresh one got them from create_all above
    from sqlalchemy import inspect, text

    for table in ("reports", "responses", "facts"):
        if "confidence" not in {c["name"] for c in inspect(connection).get_columns(table)}:
            connection.execute(text(f"ALTER TABLE {table} ADD COLUMN confidence FLOAT NOT NULL DEFAULT 1.0"))


def _story_index(connection) -> None:
    """The persisted story index; a store made before 0007 gets empty tables (its first
    ``analyze`` rebuilds the stories once, which fills them) and its tickers indexed."""
    from sqlalchemy import insert, select

    for table in (story_index, story_index_blocks, story_index_counts, story_index_meta, entity_tickers):
        table.create(connection, checkfirst=True)
    ENTITY_MERGES_INTO.create(connection, checkfirst=True)
    rows = {(ticker, key) for key, tickers in connection.execute(select(entities.c.key, entities.c.tickers))
            for ticker in tickers or ()}
    if rows:
        connection.execute(insert(entity_tickers), [dict(ticker=a, key=b) for a, b in sorted(rows)])


def _copies_versions(connection) -> None:
    # a store made before 0008 lacks the tables and the version columns; a fresh one got them above
    from sqlalchemy import inspect, text

    for table in (article_copies, article_signatures, signature_bands, article_versions):
        table.create(connection, checkfirst=True)
    for table in ("mentions", "reports", "responses", "facts", "events"):
        if "version" not in {c["name"] for c in inspect(connection).get_columns(table)}:
            connection.execute(text(f"ALTER TABLE {table} ADD COLUMN version INTEGER NOT NULL DEFAULT 1"))


source_feeds = Table(  # a watched feed's validators for conditional GET (0010_sources; flow/state.py)
    "source_feeds", metadata,
    Column("url", Text, primary_key=True),
    Column("etag", Text),
    Column("last_modified", Text),
    Column("checked_at", String(40), nullable=False),
)

source_items = Table(  # feed items already taken (stored or rejected for good), by feed and item key (0010)
    "source_items", metadata,
    Column("feed", Text, primary_key=True),
    Column("key", Text, primary_key=True),
    Column("seen_at", String(40), nullable=False),
)

source_files = Table(  # files of watched folders already read, with the size and time they had (0010)
    "source_files", metadata,
    Column("path", Text, primary_key=True),
    Column("size", BigInteger, nullable=False),
    Column("mtime_ns", BigInteger, nullable=False),
    Column("seen_at", String(40), nullable=False),
)


def _sources(connection) -> None:
    # a store made before 0010 lacks the tables; a fresh one got them from create_all above
    for table in (source_feeds, source_items, source_files):
        table.create(connection, checkfirst=True)


def _alerts(connection) -> None:
    # a store made before 0009 lacks the tables; a fresh one got them from create_all above
    for table in (alerts, alert_failures, watchlist):
        table.create(connection, checkfirst=True)


# Applied in order, each once, recorded by name in the `migrations` table.
MIGRATIONS = (
    ("0001_initial", _initial),
    ("0002_embeddings", _embeddings),
    ("0002_events", _events),
    ("0003_fulltext", _fulltext),
    ("0004_former_tickers", _former_tickers),
    ("0005_story_records", _story_records),
    ("0006_confidence", _confidence),
    ("0007_story_index", _story_index),
    ("0008_copies_versions", _copies_versions),
    ("0009_alerts", _alerts),
    ("0010_sources", _sources),
)
