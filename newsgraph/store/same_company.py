"""One entity per company across articles: entries that two articles made for the same company.

Each article links its names on its own, so one article's 'Cathay Pacific (HK:0293)' and another's
'Cathay Pacific Airways' can reach the store as two entities. They are one company when they
carry the same ticker and one name is the other's beginning ('Cathay Pacific' / 'Cathay Pacific
Airways') or one's alias. The store applies this when it reads: the fuller name stands for both,
the other becomes an alias, and every key in the analyses points at the one entity.
"""
from __future__ import annotations

from dataclasses import replace

from newsgraph.model import Analysis, Entity, EntityType


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


def merged_entities(entities: dict[str, Entity], into: dict[str, str]) -> dict[str, Entity]:
    """The entities without the merged-away ones; each keeper gains their names and tickers."""
    out = {k: e for k, e in entities.items() if k not in into}
    for key, keeper in into.items():
        gone, kept = entities[key], out[keeper]
        aliases = tuple(x for x in dict.fromkeys((*kept.aliases, gone.name, *gone.aliases)) if x != kept.name)
        out[keeper] = replace(kept, aliases=aliases, tickers=tuple(dict.fromkeys((*kept.tickers, *gone.tickers))),
                              former_tickers=tuple(dict.fromkeys((*kept.former_tickers, *gone.former_tickers))))
    return out


def rekeyed(analysis: Analysis, into: dict[str, str], names: dict[str, str]) -> Analysis:
    """The analysis with every merged-away key (and the name shown with it) replaced."""
    if not into:
        return analysis

    def k(key: str | None) -> str | None:
        return into.get(key, key) if key else key

    return replace(
        analysis,
        mentions=tuple(replace(m, entity_key=k(m.entity_key)) for m in analysis.mentions),
        reports=tuple(replace(r, reported_by_key=k(r.reported_by_key)) for r in analysis.reports),
        responses=tuple(replace(r, party_key=k(r.party_key), party=names.get(into.get(r.party_key, ""), r.party))
                        for r in analysis.responses),
        facts=tuple(replace(f, subject_key=k(f.subject_key),
                            subject=names.get(into.get(f.subject_key or "", ""), f.subject))
                    for f in analysis.facts),
        events=tuple(replace(e, participants=tuple(dict.fromkeys(k(p) for p in e.participants)))
                     for e in analysis.events))
