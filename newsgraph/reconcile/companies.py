"""One entity per company across articles: entries that two articles made for the same company.

Each article links its names on its own, so one article's 'Cathay Pacific (HK:0293)' and another's
'Cathay Pacific Airways' can reach the store as two entities. They are one company when they
carry the same ticker and one name is the other's beginning ('Cathay Pacific' / 'Cathay Pacific
Airways') or one's alias. Found once when stories are rebuilt and stored as a mapping
(``Store.replace_stories``); the store applies it when it reads (``model.merging``): the fuller
name stands for both, the other becomes an alias, and every key in the analyses points at the one
entity.
"""
from __future__ import annotations

from newsgraph.model import Entity, EntityType


def same_company_keys(entities: dict[str, Entity]) -> dict[str, str]:
    """key -> the key of the entity that stands for it (only for keys that are merged away)."""
    by_ticker: dict[str, list[Entity]] = {}
    for e in entities.values():
        if e.type == EntityType.COMPANY:
            for t in e.tickers:
                by_ticker.setdefault(t, []).append(e)
    parent: dict[str, str] = {}

    def root(key: str) -> str:
        while key in parent:
            key = parent[key]
        return key

    for group in by_ticker.values():
        for n, a in enumerate(group):
            for b in group[n + 1:]:
                ra, rb = root(a.key), root(b.key)
                if ra != rb and _one_name(a, b):
                    keep, drop = sorted((entities[ra], entities[rb]), key=_standing)
                    parent[drop.key] = keep.key
    return {key: root(key) for key in parent}


def _words(name: str) -> list[str]:
    return [w.strip(".,").lower() for w in name.split()]


def _one_name(a: Entity, b: Entity) -> bool:
    wa, wb = _words(a.name), _words(b.name)
    short, long = sorted((wa, wb), key=len)
    names_a = {a.name.lower(), *(x.lower() for x in a.aliases)}
    names_b = {b.name.lower(), *(x.lower() for x in b.aliases)}
    return bool(short) and long[:len(short)] == short or a.name.lower() in names_b or b.name.lower() in names_a


def _standing(e: Entity) -> tuple:
    """The entity that stands for the pair: a gazetteer entry, else the fuller name."""
    return (not e.key.startswith("gaz:"), -len(e.name), e.key)
