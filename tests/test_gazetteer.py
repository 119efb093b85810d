"""newsgraph.nlp.common.gazetteer (look-ups, ticker normalisation, loading by path), the name normaliser
(newsgraph.nlp.common.names) and `newsgraph gazetteer update` (newsgraph.sec)."""
from __future__ import annotations

import re

import pytest

from newsgraph.model import EntityType
from newsgraph.nlp.common.gazetteer import (EXCHANGES, Entry, Gazetteer, _curated_entries, _former_tickers,
                                            build_gazetteer, load_gazetteer, normalise_ticker)
from newsgraph.nlp.common.names import initials_of, legal_core, norm_name, spelling_variants
from newsgraph.sec import GazetteerUpdateError, sec_names, update_gazetteer


@pytest.fixture(scope="module")
def gazetteer():
    return load_gazetteer(None)


@pytest.mark.parametrize("name, expected", [
    ("Tesla, Inc.", "Tesla"),
    ("Ford Motor Co.", "Ford Motor"),
    ("Glenholm Mining Holdings Ltd", "Glenholm Mining"),
    ("Group", "Group"),  # never empty
    ("Shell plc", "Shell"),
    ("The Harrowgate Company", "Harrowgate"),
    ("The", "The"),
])
def test_legal_core(name, expected):
    assert legal_core(name) == expected


@pytest.mark.parametrize("name, expected", [
    ("The Boeing Company", "boeing"),
    ("Xiaomi Corp.", "xiaomi"),
    ("Nio’s", "nio"),
    ("Mercedes-Benz Group AG", "mercedes benz"),
    ("  JD.com  ", "jd com"),
    ("Brightwater Pipeline Partners L.P.", "brightwater pipeline partners"),
    ("Brightwater Pipeline Partners'", "brightwater pipeline partners"),
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
    ("VIE", "omv", "VIE:OMV"),  # Vienna, Brussels, Riyadh, Dubai, Abu Dhabi, Doha, Istanbul
    ("EBR", "KBC", "EBR:KBC"),
    ("Tadawul", "2222", "TADAWUL:2222"),
    ("DFM", "EMAAR", "DFM:EMAAR"),
    ("ADX", "FAB", "ADX:FAB"),
    ("QSE", "QNBK", "QSE:QNBK"),
    ("IST", "THYAO", "IST:THYAO"),
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


@pytest.mark.parametrize("name, key", [
    ("Ford Motors", "gaz:ford-motor"),
    ("Ford Motor Co.", "gaz:ford-motor"),
    ("Toyota Industries", None),  # a sister company of the group, not Toyota Motor
    ("Ford", None),  # nothing stripped: a plain look-up's job
])
def test_lookup_core_strips_only_words_the_entry_has(gazetteer, name, key):
    assert gazetteer.lookup_core(name) == key


@pytest.mark.parametrize("name, variants", [
    ("AT&T", {"AT & T"}),
    ("Q & R", {"Q&R"}),
    ("Harlow & Finch", set()),  # long words keep their spacing
    ("Quarrystone Motor", set()),
])
def test_spelling_variants(name, variants):
    assert spelling_variants(name) == variants


@pytest.mark.parametrize("name, initials", [
    ("Quarrystone Motor Works Inc.", "QMW"),
    ("Harlow & Finch", "H&F"),
    ("Bank of Lindqvist", "BL"),
    ("Quarrystone", None),  # one word
    ("QRS Holdings Group", None),  # already an abbreviation
    ("AT&T", None),
])
def test_initials_of(name, initials):
    assert initials_of(name) == initials


def _company(name: str, *tickers: str) -> Entry:
    return Entry(key="gaz:" + norm_name(name).replace(" ", "-"), name=name, type=EntityType.COMPANY,
                 aliases={name}, tickers=list(tickers))


def test_short_forms_are_initials_the_company_is_listed_under_or_that_keep_an_ampersand():
    g = Gazetteer([_company("Quarrystone Motor Works", "NYSE:QMW"), _company("Harlow & Finch", "NYSE:HFX"),
                   _company("Lindqvist Mining Corp", "NYSE:LMX"), _company("Wal-Tern Stores", "NYSE:WTS")])
    assert g.lookup("QMW") == "gaz:quarrystone-motor-works"
    assert g.lookup("H&F") == g.lookup("H & F") == "gaz:harlow-finch"
    assert g.lookup("LM") is None  # initials that are not its symbol
    assert g.lookup("Wal-Tern Stores") == g.lookup("Waltern Stores") == "gaz:wal-tern-stores"


def test_shared_initials_name_no_one():
    g = Gazetteer([_company("Harlow & Finch", "NYSE:HFX"), _company("Hobbs & Fenwick", "NYSE:HBF")])
    assert g.lookup("H&F") is None
    assert g.lookup("Harlow & Finch") == "gaz:harlow-finch"


def test_lookup_symbol_only_for_one_company_and_no_common_abbreviation():
    g = Gazetteer([_company("Quarrystone Motor Works", "NYSE:QMW"), _company("Ceolith", "NYSE:CEO"),
                   _company("Lindqvist Mining", "NYSE:LMX"), _company("Lindqvist Metals", "LSE:LMX"),
                   _company("Fenwick", "NYSE:F")])
    assert g.lookup_symbol("QMW") == "gaz:quarrystone-motor-works"
    assert g.lookup_symbol("CEO") is None
    assert g.lookup_symbol("LMX") is None
    assert g.lookup_symbol("F") is None


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


def test_every_curated_ticker_is_on_an_exchange_the_loader_knows():
    prefixes = set(EXCHANGES.values())
    bad = [(e.name, t) for e in _curated_entries() for t in e.tickers if t.split(":")[0] not in prefixes]
    assert bad == []


@pytest.mark.parametrize("name, ticker", [
    ("Finnair", "HEL:FIA1S"),
    ("KT", "KRX:030200"),  # the short forms Korean news uses
    ("SKT", "KRX:017670"),
    ("LG U+", "KRX:032640"),
    ("Saudi Aramco", "TADAWUL:2222"),
    ("Aramco", "TADAWUL:2222"),
    ("Bank of Montreal", "TSX:BMO"),
    ("State Bank of India", "NSE:SBIN"),
    ("Kone", "HEL:KNEBV"),  # known from the index only over the counter: its home listing now comes first
    ("Telia Company", "STO:TELIA"),
    ("Rolls-Royce Holdings", "LSE:RR"),
    ("Suzuki", "TYO:7269"),  # no longer the index's London line
])
def test_large_non_us_companies_carry_their_primary_listing_first(gazetteer, name, ticker):
    key = gazetteer.lookup(name)
    assert key is not None and gazetteer.get(key).tickers[0] == ticker


def test_new_short_forms_take_no_name_from_another_company(gazetteer):
    assert gazetteer.lookup("Delta") is None and gazetteer.lookup_prefix("Delta") is None  # Delta Air Lines keeps 'Delta'
    assert gazetteer.lookup_word("Delta") == gazetteer.lookup("Delta Air Lines")
    assert gazetteer.lookup_word("Telekom") == gazetteer.lookup("Deutsche Telekom") is not None
    assert gazetteer.lookup("Telekom Austria") is None  # 'A1 Telekom Austria' does not claim 'Telekom' or 'Austria'
    assert gazetteer.lookup_word("Austria") is None


@pytest.mark.parametrize("text, name, tickers", [
    ("Finnair said on Tuesday it would cancel some flights to Asia because of a strike.", "Finnair", {"HEL:FIA1S"}),
    ("SK Telecom, KT and LG Uplus will bid for the new spectrum, the ministry said.", "KT Corp",
     {"KRX:030200", "NYSE:KT"}),
    ("LG U+ shares rose 3% after SKT cut its dividend.", "LG Uplus", {"KRX:032640"}),
    ("LG U+ shares rose 3% after SKT cut its dividend.", "SK Telecom", {"KRX:017670", "NYSE:SKM"}),
    ("Aramco (Tadawul: 2222) reported a lower quarterly profit.", "Saudi Aramco", {"TADAWUL:2222"}),
    ("OMV (VIE: OMV) and Erste Group both gained in Vienna.", "Erste Group", {"VIE:EBS"}),
    ("Hanwha Ocean and HD Hyundai Heavy Industries won orders for LNG carriers.", "Hanwha Ocean", {"KRX:042660"}),
    ("Bharti Airtel and State Bank of India led gains in Mumbai.", "State Bank of India", {"NSE:SBIN"}),
    ("China Construction Bank and Cathay Pacific reported results on Friday.", "Cathay Pacific", {"HKEX:0293"}),
    ("Emirates NBD said profit rose, and Turkish Airlines ordered 50 jets.", "Turkish Airlines", {"IST:THYAO"}),
])
def test_large_non_us_companies_link_with_their_tickers_in_text(analyse, text, name, tickers):
    found = {e.name: set(e.tickers) for e in analyse(text)._.entities.values() if e.type.value == "company"}
    assert name in found and tickers <= found[name]


# --- `newsgraph gazetteer update`: the SEC company-ticker file ---------------------------------

SEC_SAMPLE = {"fields": ["cik", "name", "ticker", "exchange"], "data": [
    [11, "QUARRYSTONE MOTOR CO", "QSM", "NYSE"],
    [11, "QUARRYSTONE MOTOR CO", "QSM-PB", "NYSE"],
    [12, "Lindqvist Therapeutics, Inc.", "LQTX", "Nasdaq"],
    [13, "BRIGHTWATER AT&T HOLDINGS CORP /DE/", "BWAT", "Nasdaq"],
    [14, "ACME SHORT DURATION ETF", "ASDE", "NYSE"],
]}


@pytest.mark.parametrize("registrant, name, aliases", [
    ("QUARRYSTONE MOTOR CO", "Quarrystone Motor", {"Quarrystone Motor Co", "Quarrystone Motor"}),
    ("Lindqvist Therapeutics, Inc.", "Lindqvist Therapeutics",
     {"Lindqvist Therapeutics, Inc.", "Lindqvist Therapeutics, Inc", "Lindqvist Therapeutics"}),
    ("BRIGHTWATER AT&T HOLDINGS CORP /DE/", "Brightwater AT&T",
     {"Brightwater AT&T Holdings Corp", "Brightwater AT&T"}),
    ("ACME SHORT DURATION ETF", None, None),  # funds are not companies
])
def test_sec_names_give_the_name_and_only_safe_aliases(registrant, name, aliases):
    got = sec_names(registrant)
    if name is None:
        assert got is None
    else:
        assert got == (name, aliases)
        assert not any(len(a.split()) == 1 for a in got[1])  # never a bare first word like 'Quarrystone'


def test_update_writes_a_user_file_that_the_gazetteer_loads(tmp_path):
    import json

    source = tmp_path / "company_tickers_exchange.json"
    source.write_text(json.dumps(SEC_SAMPLE), encoding="utf-8")
    dest = tmp_path / "user" / "sec.json"
    path, count = update_gazetteer(str(source), dest)
    assert path == dest and count == 3
    g = build_gazetteer(dest)
    key = g.lookup("Quarrystone Motor")
    assert key and g.get(key).tickers == ["NYSE:QSM"]  # the preferred share only when alone
    assert g.lookup_prefix("Quarrystone") == key  # a first word maps when unambiguous, as for any entry
    assert g.get(g.lookup("Lindqvist Therapeutics")).tickers == ["NASDAQ:LQTX"]
    assert g.lookup("Acme Short Duration") is None
    assert build_gazetteer(None).lookup("Quarrystone Motor") is None


def test_update_corrects_the_exchange_of_a_listing_the_index_data_has(tmp_path):
    import json

    builtin = build_gazetteer(None)
    key = builtin.lookup("Coca-Cola")
    assert "OTC:KO" in builtin.get(key).tickers  # as the index data gives it
    source = tmp_path / "sec.json"
    source.write_text(json.dumps({"fields": ["cik", "name", "ticker", "exchange"],
                                  "data": [[21344, "COCA COLA CO", "KO", "NYSE"]]}), encoding="utf-8")
    path, _ = update_gazetteer(str(source), tmp_path / "user.json")
    assert build_gazetteer(path).get(key).tickers == ["NYSE:KO"]


def test_update_rejects_a_file_in_another_layout(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"0": {"cik_str": 1, "ticker": "X", "title": "X CORP"}}', encoding="utf-8")
    with pytest.raises(GazetteerUpdateError, match="company_tickers_exchange"):
        update_gazetteer(str(bad), tmp_path / "out.json")


def test_update_reads_the_shared_sec_copy(tmp_path, shared):
    source = shared / "data" / "tickers" / "sec_company_tickers_exchange.json"
    if not source.is_file():
        pytest.skip("../shared/data/tickers is absent")
    path, count = update_gazetteer(str(source), tmp_path / "sec.json")
    assert count > 5000
    g = build_gazetteer(path)
    key = g.lookup("Kinder Morgan")
    assert key and "NYSE:KMI" in g.get(key).tickers


def test_load_gazetteer_loads_once_per_file_and_again_when_it_changes(tmp_path):
    import json
    import os

    sample = tmp_path / "sample.json"
    sample.write_text(json.dumps(SEC_SAMPLE), encoding="utf-8")
    path, _ = update_gazetteer(str(sample), tmp_path / "sec.json")
    first = load_gazetteer(path)
    assert load_gazetteer(str(path)) is first and first.lookup("Quarrystone Motor") is not None
    assert load_gazetteer(tmp_path / "absent.json") is load_gazetteer(None)  # no file: the built-in gazetteer
    assert load_gazetteer(None).lookup("Quarrystone Motor") is None
    sample.write_text(json.dumps({**SEC_SAMPLE, "data": SEC_SAMPLE["data"][2:3]}), encoding="utf-8")
    update_gazetteer(str(sample), path)
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 1_000_000))
    again = load_gazetteer(path)
    assert again is not first and again.lookup("Quarrystone Motor") is None
    assert again.lookup("Lindqvist Therapeutics") is not None


def test_update_writes_where_the_settings_say_without_an_output(tmp_path, monkeypatch):
    import json

    source = tmp_path / "sec.json"
    source.write_text(json.dumps(SEC_SAMPLE), encoding="utf-8")
    monkeypatch.setenv("NEWSGRAPH_GAZETTEER", str(tmp_path / "from_env.json"))
    path, count = update_gazetteer(str(source))
    assert path == tmp_path / "from_env.json" and path.is_file() and count == 3


def test_cli_gazetteer_update(tmp_path):
    import json

    from click.testing import CliRunner

    from newsgraph.cli import cli

    source = tmp_path / "sec.json"
    source.write_text(json.dumps(SEC_SAMPLE), encoding="utf-8")
    out = tmp_path / "user.json"
    result = CliRunner().invoke(cli, ["gazetteer", "update", "--from", str(source), "--output", str(out)])
    assert result.exit_code == 0, result.output
    assert "3 companies" in result.output and out.is_file()
    missing = CliRunner().invoke(cli, ["gazetteer", "update", "--from", str(tmp_path / "nope.json"),
                                       "--output", str(out)])
    assert missing.exit_code != 0 and "--from FILE" in missing.output


def test_a_former_ticker_is_in_use_until_the_day_it_ended():
    from datetime import date, datetime, timezone

    entry = Entry(key="gaz:quarrystone", name="Quarrystone", type=EntityType.COMPANY, tickers=["NYSE:QSM"],
                  former={"NYSE:QRY": date(2020, 3, 2)})
    assert entry.former_at(datetime(2019, 6, 1, tzinfo=timezone.utc)) == ["NYSE:QRY"]
    assert entry.former_at(datetime(2020, 3, 2, tzinfo=timezone.utc)) == []
    assert entry.former_at(None) == ["NYSE:QRY"]  # an undated article may be an old one


def test_former_tickers_join_the_company_s_entry_or_make_one(gazetteer):
    renamed = gazetteer.get(gazetteer.lookup("Facebook"))  # a former name of a company listed today
    assert renamed.key == gazetteer.lookup("Meta Platforms") and "NASDAQ:FB" in renamed.former
    assert gazetteer.exchange_for(renamed.key, "FB") == "NASDAQ:FB"
    acquired = gazetteer.get(gazetteer.lookup("Celgene"))  # no longer listed at all
    assert acquired.type == EntityType.COMPANY and acquired.tickers == [] and list(acquired.former) == ["NASDAQ:CELG"]


def test_every_former_ticker_row_is_well_formed():
    rows = _former_tickers()
    assert len(rows) > 50
    for name, _, former in rows:
        assert name and former
        assert all(re.fullmatch(r"[A-Z]+:[A-Z0-9.]+", t) for t in former), (name, former)
