"""Full-text search over the articles' titles and texts (index made by migration 0003_fulltext).

SQLite uses its FTS5 table, PostgreSQL its tsvector column; any other database a substring match.
The user's words are never passed to the query language as syntax: each becomes a quoted term, so
no input can make the query fail.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import text

from newsgraph.store.db import Store

# Marks around the matched words in a snippet: characters that cannot occur in an article (Unicode
# private use area), so a page can escape the snippet first and then turn them into markup.
HIT_START, HIT_END = "\ue000", "\ue001"
MAX_TERMS = 12  # a query longer than this is cut: the terms are ANDed, more add nothing useful
WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class Hit:
    article_id: str
    snippet: str  # a few words around the match, matched words between HIT_START and HIT_END
    rank: float  # lower is better


def terms(query: str) -> list[str]:
    """The words of a query, in order, without repeats."""
    return list(dict.fromkeys(w.casefold() for w in WORD.findall(query)))[:MAX_TERMS]


def search_articles(store: Store, query: str, limit: int = 50) -> list[Hit]:
    """Articles containing every word of ``query`` (the last may be a prefix), best match first."""
    words = terms(query)
    if not words:
        return []
    dialect = store.engine.dialect.name
    with store.snapshot() as conn:
        if dialect == "sqlite":
            match = " ".join(f'"{w}"' for w in words[:-1]) + f' "{words[-1]}"*'
            rows = conn.execute(text(
                "SELECT a.id, snippet(articles_fts, 1, :s, :e, '…', 16), bm25(articles_fts, 4.0, 1.0) AS rank "
                "FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid "
                "WHERE articles_fts MATCH :match ORDER BY rank LIMIT :limit"),
                {"s": HIT_START, "e": HIT_END, "match": match.strip(), "limit": limit}).all()
        elif dialect == "postgresql":
            # words are \w+ only, so quoted they are plain lexemes; the last may be a prefix, as in SQLite
            query = " & ".join(f"'{w}'" for w in words[:-1]) + f"{' & ' if words[1:] else ''}'{words[-1]}':*"
            rows = conn.execute(text(
                "SELECT id, ts_headline('english', text, q, :opts), -ts_rank(search, q) AS rank "
                "FROM articles, to_tsquery('english', :query) q WHERE search @@ q ORDER BY rank, id LIMIT :limit"),
                {"query": query, "limit": limit,
                 "opts": f"StartSel={HIT_START}, StopSel={HIT_END}, MaxWords=30, MinWords=10"}).all()
        else:
            return _substring(store, words, limit)
    return [Hit(article_id=r[0], snippet=r[1] or "", rank=float(r[2])) for r in rows]


def _substring(store: Store, words: list[str], limit: int) -> list[Hit]:
    hits = []
    for article in store.articles():
        original = f"{article.title or ''}\n{article.text}"
        haystack = original.casefold()  # casefold can change lengths; the snippet is approximate
        if all(w in haystack for w in words):
            at = haystack.find(words[0])
            hits.append(Hit(article.id, original[max(0, at - 60):at + 120], 0.0))
    return hits[:limit]


def plain_snippet(snippet: str) -> tuple[str, list[tuple[int, int]]]:
    """A snippet without its marks, and the (start, end) of each matched stretch in it."""
    out, spans, start = [], [], None
    length = 0
    for ch in snippet:
        if ch == HIT_START:
            start = length
        elif ch == HIT_END and start is not None:
            spans.append((start, length))
            start = None
        else:
            out.append(ch)
            length += 1
    return "".join(out), spans
