"""Apply a company merge (key -> the key that stands for it, found by ``reconcile.companies``) to
entities and analyses: pure functions over records."""
from __future__ import annotations

from dataclasses import replace

from newsgraph.model.records import Analysis, Entity


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
