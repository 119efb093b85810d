"""newsgraph.nlp.gazetteer: name normalisation, ticker normalisation, look-ups."""
from __future__ import annotations

import pytest

from newsgraph.model import EntityType
from newsgraph.nlp.gazetteer import default_gazetteer, legal_core, norm_name, normalise_ticker


@pytest.fixture(scope="module")
def gazetteer():
    return default_gazetteer()


@pytest.mark.parametrize("name, expected", [
    ("Tesla, Inc.", "Tesla"),
    ("Ford Motor Co.", "Ford Motor"),
    ("Glenholm Mining Holdings Ltd", "Glenholm Mining"),
    ("Group", "Group"),  # never empty
    ("Shell plc", "Shell"),
])
def test_legal_core(name, expected):
    assert legal_core(name) == expected


@pytest.mark.parametrize("name, expected", [
    ("The Boeing Company", "boeing"),
    ("Xiaomi Corp.", "xiaomi"),
    ("Nio’s", "nio"),
    ("Mercedes-Benz Group AG", "mercedes benz"),
    ("  JD.com  ", "jd com"),
])
def test_norm_name(name, expected):
    assert norm_name(name) == expected


@pytest.mark.parametrize("exchange, symbol, expected", [
    ("NYSE", "f", "NYSE:F"),
    ("HK", "1810", "HKEX:1810"),
    ("hk", "175", "HKEX:0175"),
    ("TSE", "7203", "TYO:7203"),
    ("Nasdaq", "tsla", "NASDAQ:TSLA"),
    ("OTCMKTS", "BYDDF", "OTC:BYDDF"),
    (None, "BYDDF", "BYDDF"),
    ("NOWHERE", "ABC", "ABC"),
])
def test_normalise_ticker(exchange, symbol, expected):
    assert normalise_ticker(exchange, symbol) == expected


@pytest.mark.parametrize("name, key", [
    ("Ford", "gaz:ford-motor"),
    ("Ford Motor Co.", "gaz:ford-motor"),
    ("Toyota Motor Corporation", "gaz:toyota-motor"),
    ("Financial Times", "outlet:financial-times"),
    ("the Financial Times", "outlet:financial-times"),
    ("Nestlé", "gaz:nestle"),
    ("Harborline Motors", None),
])
def test_lookup(gazetteer, name, key):
    assert gazetteer.lookup(name) == key


def test_known_entries_have_their_type_and_tickers(gazetteer):
    ford = gazetteer.get("gaz:ford-motor")
    assert ford.type == EntityType.COMPANY and "NYSE:F" in ford.tickers
    assert gazetteer.get("outlet:financial-times").type == EntityType.OUTLET
    assert gazetteer.exchange_for("gaz:xiaomi", "1810") == "HKEX:1810"
    assert gazetteer.exchange_for("gaz:xiaomi", "9999") is None


def test_every_ticker_is_exchange_and_symbol_or_a_bare_symbol(gazetteer):
    bad = [(e.key, t) for e in gazetteer.entries.values() for t in e.tickers
           if t.count(":") > 1 or t != t.strip() or not t.split(":")[-1]]
    assert bad == []
