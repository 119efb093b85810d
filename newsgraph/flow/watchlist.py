"""The watchlist: the companies whose new stories raise a ``new_story`` alert.

A company is watched by the name, alias or ticker the user gives (kept with its case folded), and
resolved against the store's companies each time alerts are raised: a company that no article has
named yet is watched from the first story that names it. A term names the companies that have it
as a name, alias or ticker ('ford', 'NYSE:F', 'F'); failing that, the one company whose name
contains it ('xiaomi' for 'Xiaomi Corporation'), as ``workflow.entity_facts`` resolves a name.
"""
from __future__ import annotations

from collections.abc import Iterable

from newsgraph.errors import UnknownEntity
from newsgraph.model import Entity, EntityType
from newsgraph.store.db import Store


def normalised(term: str) -> str:
    """A term as the watchlist keeps it: spaces collapsed, case folded."""
    out = " ".join(term.split()).casefold()
    if not out:
        raise UnknownEntity("an empty name watches nothing; give a company name, alias or ticker")
    return out


def resolve(term: str, entities: dict[str, Entity]) -> list[Entity]:
    """The store's companies that ``term`` names, by name."""
    wanted = normalised(term)
    companies = [e for e in entities.values() if e.type == EntityType.COMPANY]
    found = [e for e in companies if wanted in e.names()]
    if not found:
        partial = [e for e in companies if wanted in e.name.casefold()]
        found = partial if len(partial) == 1 else []
    return sorted(found, key=lambda e: e.name)


def watched_entities(terms: Iterable[str], entities: dict[str, Entity]) -> list[Entity]:
    """Every company that some watched term names, once each."""
    found = {e.key: e for term in terms for e in resolve(term, entities)}
    return sorted(found.values(), key=lambda e: e.name)


def watch(store: Store, term: str) -> tuple[bool, list[Entity]]:
    """Watch ``term``: (False if it was watched already, the companies it names in the store now)."""
    added = store.add_watch(normalised(term))
    return added, resolve(term, store.entities())


def unwatch(store: Store, term: str) -> bool:
    """Stop watching ``term``; False when it was not watched."""
    return store.remove_watch(normalised(term))


def watching(store: Store) -> list[tuple[str, list[Entity]]]:
    """Each watched term (alphabetical) with the companies it names in the store now."""
    entities = store.entities()
    return [(term, resolve(term, entities)) for term in store.watchlist()]
