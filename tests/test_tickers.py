"""newsgraph.nlp.tickers (component and rules): tickers in parentheses belong to the name before them; acronyms and
bracketed numbers are not tickers; a one-letter symbol names a company only in a ticker context."""
from __future__ import annotations

import pytest

from newsgraph.nlp.common.gazetteer import symbol_of


def links(doc) -> dict[str, list[str]]:
    """Owner text -> tickers found in the text for it."""
    return {doc[s:e].text: tickers for (s, e), tickers in (doc._.ticker_links or {}).items()}


@pytest.mark.parametrize("text, owner, tickers", [
    ("Shares of Ford Motor Company (NYSE: F) climbed on Tuesday after the carmaker showed a cheaper pickup.",
     "Ford Motor Company", ["NYSE:F"]),
    ("Investors piled into Xiaomi (HK:1810) as its new sedan drew long queues in Beijing.",
     "Xiaomi", ["HKEX:1810"]),
    ("Investors bid up Toyota Motor (TYO: 7203) after the yen weakened sharply against the dollar.",
     "Toyota Motor", ["TYO:7203"]),
    ("Dealers say BYD (BYDDF) has been trimming prices on several of its hatchbacks this spring.",
     "BYD", ["OTC:BYDDF"]),
    ("Analysts remain upbeat about Nio’s (NIO) battery swap stations in Europe.", "Nio", ["NYSE:NIO"]),
    ("Analysts remain upbeat about Nio's (NIO) battery swap stations in Europe.", "Nio", ["NYSE:NIO"]),
    ("Traders said BYD (HK:1211) (BYDDF) posted its best month of the year.", "BYD", ["HKEX:1211", "OTC:BYDDF"]),
    ("Investors cheered as Zorbex Dynamics (ZRBX) picked Ohio for its next plant.", "Zorbex Dynamics", ["ZRBX"]),
    ("Traders also bought Acme Rocketry’s (ACME) bonds this week.", "Acme Rocketry", ["ACME"]),
    ("Earlier, Glenholm Mining (LSE:GLM) raised its copper output goal.", "Glenholm Mining", ["LSE:GLM"]),
    ("Shares of Mazda (TSE: 7261) slipped in Tokyo.", "Mazda", ["TYO:7261"]),
    ("Geely (HKEX: 175) said exports doubled.", "Geely", ["HKEX:0175"]),
    pytest.param("Acme Rocketry’s (ACME) launch business grew quickly last quarter.", "Acme Rocketry", ["ACME"]),
    pytest.param("Quorvia Holdings (NASDAQ: QRV) said orders rose.", "Quorvia Holdings", ["NASDAQ:QRV"]),
    # a symbol printed right after the name, without brackets
    ("Shares of Quorvia Holdings Inc. QRVH rose 4% on Monday after the lender raised its outlook.",
     "Quorvia Holdings Inc.", ["QRVH"]),
    ("Brixwell Networks NASDAQ: BXN said orders rose in the quarter.", "Brixwell Networks", ["NASDAQ:BXN"]),
    # a symbol the gazetteer lacks, in a ticker context, abbreviating the one company named
    ("Brixwell Networks posted record sales in India on Monday. Analysts like BXN stock.",
     "Brixwell Networks", ["BXN"]),
    ("Brixwell Networks posted record sales in India on Monday, and shares of BXN rose.",
     "Brixwell Networks", ["BXN"]),
])
def test_ticker_belongs_to_the_name_before_it(analyse, text, owner, tickers):
    found = links(analyse(text))
    assert found == {owner: tickers}


@pytest.mark.parametrize("text, expected", [
    ("Both Ford (F) and Tesla (TSLA) cut prices on their cheapest models.",
     {"Ford": ["NYSE:F"], "Tesla": ["NASDAQ:TSLA"]}),
    pytest.param("Traders bought Quorvia Holdings (NASDAQ: QRV) and Ferrantis (FRNT) on Monday.",
                 {"Quorvia Holdings": ["NASDAQ:QRV"], "Ferrantis": ["FRNT"]}),
    pytest.param("Both Ford (F) and General Motors (GM) raised prices on their pickups.",
                 {"Ford": ["NYSE:F"], "General Motors": ["NYSE:GM"]}),
])
def test_two_companies_with_tickers_in_one_sentence(analyse, text, expected):
    assert links(analyse(text)) == expected


@pytest.mark.parametrize("text", [
    "Demand for electric vehicles (EV) has slowed across Europe, dealers said.",
    "Sales of battery electric vehicles (BEV) rose sharply in Norway last month.",
    "The International Energy Agency (IEA) cut its oil demand forecast.",
    "Harborline hired a new chief executive (CEO) from a rival carmaker.",
    "Output at the Lakeview plant (2024) was the lowest in a decade.",
    "Ford said sales in the United Kingdom (UK) fell in March.",
    "Ford said the plant (a) would close and (b) would be sold.",
    "Sales at Harborline Motors HM rose in March, the carmaker said.",
    "Brixwell Networks repriced its CEO stock options on Monday.",
    "Brixwell Holdings PLC said profit rose in the half year.",
    "Brixwell Networks and Bexley Nordic Holdings both gained; analysts like BXN stock.",  # two could be meant
    "KD Telecom said it would bid. Shares of KD Telecom rose.",  # the first word of a name, not a symbol
])
def test_acronyms_and_bracketed_words_are_not_tickers(analyse, text):
    assert links(analyse(text)) == {}


def test_entity_record_carries_the_ticker_as_exchange_and_symbol(analyse):
    doc = analyse("Investors cheered as Zorbex Dynamics (NYSE: ZRBX) picked Ohio for its next plant.")
    entity = next(e for e in doc._.entities.values() if e.name == "Zorbex Dynamics")
    assert entity.tickers == ("NYSE:ZRBX",)
    assert entity.type.value == "company"


FORD_TEXT = ("Ford (F) raised its dividend on Monday. F shares rose in early trading. "
             "The inspector gave the old paint shop an F in the audit.")


def _mention_texts(doc, key):
    return [doc.text[m.evidence.start:m.evidence.end] for m in doc._.mentions if m.entity_key == key]


def test_a_single_letter_symbol_names_the_company_in_a_ticker_context(analyse):
    doc = analyse(FORD_TEXT)
    spans = [(m.evidence.start, m.evidence.end) for m in doc._.mentions if m.entity_key == "gaz:ford-motor"]
    second = FORD_TEXT.index("F shares")
    grade = FORD_TEXT.index("an F in") + 3
    assert (second, second + 1) in spans  # 'F shares'
    assert (grade, grade + 1) not in spans  # a school grade, not Ford


def test_a_single_letter_is_no_company_without_a_ticker_in_the_article(analyse):
    doc = analyse("Ford raised its dividend on Monday. F shares rose in early trading.")
    assert _mention_texts(doc, "gaz:ford-motor") == ["Ford"]


def test_a_longer_symbol_used_as_a_word_names_its_company(analyse):
    doc = analyse("Investors cheered as Zorbex Dynamics (ZRBX) picked Ohio for its next plant. "
                  "ZRBX has doubled this year.")
    keys = {m.entity_key for m in doc._.mentions if doc.text[m.evidence.start:m.evidence.end] == "ZRBX"
            and m.evidence.start > 70}
    owner = next(k for k, e in doc._.entities.items() if e.name == "Zorbex Dynamics")
    assert keys == {owner}


def test_tickers_are_not_mistaken_for_figures(analyse):
    doc = analyse("Investors piled into Xiaomi (HK:1810) and Toyota Motor (TYO: 7203) on Friday.")
    assert [f for f in doc._.facts if f.value in {1810.0, 7203.0}] == []


@pytest.mark.parametrize("ticker, symbol", [("NYSE:F", "F"), ("HKEX:1810", "1810"), ("BYDDF", "BYDDF")])
def test_symbol_of(ticker, symbol):
    assert symbol_of(ticker) == symbol


def test_a_cashtag_of_a_listed_company_is_a_mention_of_it(analyse):
    doc = analyse("Traders piled into $TSLA on Monday after the sedan launch.")
    assert _mention_texts(doc, "gaz:tesla") == ["TSLA"]
