"""Company merges kept up to date by a batch, reading only the entities that could take part.

``reconcile.companies.same_company_keys`` merges two companies' entries when they share a ticker
and one name is the other's beginning or alias; the entity that stands for a group is the best
ranked of the group (``_standing``), whatever order the pairs are met in. So the merges of a
group depend on that group only: a batch recomputes the merges of the groups its entities can
belong to (every company reachable from them through shared tickers, found with the
``entity_tickers`` index) and leaves the rest of the store's merges as they are.

One difference from a full pass (``newsgraph rebuild``): a group that already has a standing
entry keeps it when a new entry joins, even one that a full pass would rank higher (a gazetteer
entry, a fuller name). Re-pointing the group would change the analyses of every stored article
naming the company, and so rewrite all its stories, at a cost that grows with the store; the
new entry becomes an alias of the standing one instead. ``rebuild`` picks the best-ranked entry
again.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from newsgraph.model import Entity, EntityType
from newsgraph.store.db import Store

MergeRule = Callable[[dict[str, Entity]], dict[str, str]]  # entities -> merges (``same_company_keys``)


@dataclass(frozen=True)
class MergeUpdate:
    """The merges of the companies a batch touched."""

    keys: frozenset[str]  # every key whose merge was recomputed (the batch's entities and their groups)
    merges: dict[str, str]  # key -> standing key, for the merged-away keys among ``keys``
    changed: frozenset[str]  # keys whose merge is not what the store had
    tickers: dict[str, set[str]]  # entity key -> its tickers, to index

    def lookup(self, store: Store):
        """``merges_of`` as the store will read it once this update is written."""
        def merges_of(keys) -> dict[str, str]:
            keys = set(keys)
            stored = {k: v for k, v in store.merges_of(keys).items() if k not in self.keys}
            return {**stored, **{k: v for k, v in self.merges.items() if k in keys or v in keys}}
        return merges_of


def update_merges(store: Store, article_ids: list[str], same_company_keys: MergeRule) -> MergeUpdate:
    """Recompute the company merges of the entities these (new) articles name, with
    ``same_company_keys`` (``reconcile.companies``: given by the caller, which stands after the
    reconcile stage)."""
    touched = store.raw_entities_of(article_ids=article_ids)
    group: dict[str, Entity] = dict(touched)
    asked: set[str] = set()
    while True:
        tickers = {x for e in group.values() if e.type == EntityType.COMPANY for x in e.tickers} - asked
        if not tickers:
            break
        asked |= tickers
        more = store.entity_keys_with_tickers(tickers) - set(group)
        if more:
            group.update(store.raw_entities_of(more))
    stored = {k: v for k, v in store.merges_of(group).items() if k in group}
    fresh = keep_standing(same_company_keys(group), stored)
    changed = frozenset(k for k in set(fresh) | set(stored) if fresh.get(k) != stored.get(k))
    return MergeUpdate(keys=frozenset(group), merges=fresh, changed=changed,
                       tickers={k: set(e.tickers) for k, e in touched.items()})


def keep_standing(fresh: dict[str, str], stored: dict[str, str]) -> dict[str, str]:
    """``fresh`` merges, with each group that held a standing key in ``stored`` keeping it."""
    groups: dict[str, set[str]] = {}
    for key, root in fresh.items():
        groups.setdefault(root, {root}).add(key)
    standing = set(stored.values())
    out = dict(fresh)
    for root, members in groups.items():
        old = sorted(members & standing)
        if old and root not in standing:
            keep = old[0]
            out.update({k: keep for k in members if k != keep})
            out.pop(keep, None)
    return out
