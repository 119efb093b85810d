"""The gazetteer: listed companies (with tickers) and news outlets, by the names news uses.

Sources: the index constituents that `pytickersymbols` ships, and the data files in
``newsgraph/data`` (companies the indices lack, brand names, outlets).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from newsgraph.model import EntityType

LEGAL_SUFFIXES = {"inc", "corp", "corporation", "co", "company", "ltd", "limited", "plc", "nv", "sa",
                  "ag", "se", "llc", "holdings", "holding", "group", "incorporated", "n.v", "s.a"}
# Words after a brand that news drops: 'Ford Motor' is called 'Ford', 'Cathay General Bancorp' is not 'Cathay'.
GENERIC_NAME_WORDS = LEGAL_SUFFIXES | {
    "motor", "motors", "technologies", "technology", "international", "industries", "electronics",
    "systems", "holdings", "enterprises", "brands", "platforms", "automotive", "pharmaceuticals",
    "therapeutics", "communications", "entertainment", "energy", "airlines", "airways", "financial"}
EXCHANGES = {  # how exchanges are written in text and in data -> the prefix we export
    "NYSE": "NYSE", "NASDAQ": "NASDAQ", "NASDAQGS": "NASDAQ", "NYSEARCA": "NYSE", "AMEX": "NYSE",
    "NYSEAMERICAN": "NYSE", "HK": "HKEX", "HKEX": "HKEX", "HKG": "HKEX", "SEHK": "HKEX",
    "TYO": "TYO", "TSE": "TYO", "JP": "TYO", "LON": "LSE", "LSE": "LSE", "OTC": "OTC",
    "OTCMKTS": "OTC", "OTCQX": "OTC", "PINK": "OTC", "ETR": "ETR", "XETRA": "ETR", "FRA": "FRA",
    "EPA": "EPA", "EURONEXT": "EPA", "BIT": "BIT", "AMS": "AMS", "SIX": "SIX", "SWX": "SIX",
    "STO": "STO", "KRX": "KRX", "KOSPI": "KRX", "TWSE": "TWSE", "TPE": "TWSE", "SSE": "SSE",
    "SHA": "SSE", "SZSE": "SZSE", "SHE": "SZSE", "ASX": "ASX", "TSX": "TSX", "NSE": "NSE",
    "BSE": "BSE", "CBOE": "CBOE", "BME": "BME", "HEL": "HEL",
}


def legal_core(name: str) -> str:
    """'Tesla, Inc.' -> 'Tesla'; 'Ford Motor Co.' -> 'Ford Motor'."""
    words = re.sub(r"[,]", " ", name).split()
    while len(words) > 1 and words[-1].lower().rstrip(".") in LEGAL_SUFFIXES:
        words.pop()
    return " ".join(words).strip()


def norm_name(name: str) -> str:
    """Comparison key: lower case, no punctuation, no leading 'the', no legal suffixes."""
    s = name.lower().replace("’", "'")
    s = re.sub(r"'s\b", "", s)
    s = re.sub(r"[^\w\s]", " ", s)
    words = s.split()
    if words and words[0] == "the":
        words = words[1:]
    while len(words) > 1 and words[-1] in LEGAL_SUFFIXES:
        words.pop()
    return " ".join(words)


def normalise_ticker(exchange: str | None, symbol: str) -> str:
    symbol = symbol.strip().upper()
    prefix = EXCHANGES.get((exchange or "").upper().replace(" ", ""))
    if prefix == "HKEX" and symbol.isdigit():
        symbol = symbol.zfill(4)
    return f"{prefix}:{symbol}" if prefix else symbol


def symbol_of(ticker: str) -> str:
    return ticker.split(":", 1)[-1]


@dataclass
class Entry:
    key: str
    name: str
    type: EntityType
    aliases: set[str] = field(default_factory=set)
    tickers: list[str] = field(default_factory=list)


class Gazetteer:
    """Look-ups by exact alias, by ticker symbol, and by an unambiguous first word."""

    def __init__(self, entries: list[Entry]):
        self.entries = {e.key: e for e in entries}
        self.by_alias: dict[str, str] = {}
        self.by_symbol: dict[str, list[str]] = {}
        self.by_norm: dict[str, str] = {}
        first_words: dict[str, set[str]] = {}
        for e in entries:
            for alias in {e.name, *e.aliases}:
                self.by_alias.setdefault(alias, e.key)
                self.by_norm.setdefault(norm_name(alias), e.key)
                first, *rest = alias.split()
                if rest and first[:1].isupper() and len(first) > 2 and all(
                        w.lower().strip(".,") in GENERIC_NAME_WORDS for w in rest):
                    first_words.setdefault(first, set()).add(e.key)
            for t in e.tickers:
                self.by_symbol.setdefault(symbol_of(t), []).append(e.key)
        self.by_first_word = {w: next(iter(keys)) for w, keys in first_words.items() if len(keys) == 1}

    def get(self, key: str) -> Entry | None:
        return self.entries.get(key)

    def lookup(self, name: str) -> str | None:
        """The key for a name as written, or by its normalised form."""
        return self.by_alias.get(name) or self.by_norm.get(norm_name(name))

    def lookup_prefix(self, name: str) -> str | None:
        """'Ford' -> the one entry whose multi-word name starts with it, if only one does."""
        return self.by_first_word.get(name.strip())

    def exchange_for(self, key: str | None, symbol: str) -> str | None:
        """The full 'EXCHANGE:SYMBOL' this entry lists for a bare symbol."""
        entry = self.entries.get(key or "")
        if entry:
            for t in entry.tickers:
                if symbol_of(t) == symbol.upper():
                    return t
        return None

    def patterns(self) -> list[tuple[str, str, EntityType]]:
        """(alias, key, type) for every alias worth matching in text."""
        out = []
        for alias, key in self.by_alias.items():
            if self.entries[key].type != EntityType.PLACE and (len(alias) >= 2 and alias[:1].isupper()):
                out.append((alias, key, self.entries[key].type))
        return out


def _data_lines(name: str) -> list[str]:
    text = resources.files("newsgraph.data").joinpath(name).read_text(encoding="utf-8")
    return [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]


def _index_entries() -> list[Entry]:
    from pytickersymbols import PyTickerSymbols

    entries: dict[str, Entry] = {}
    for stock in PyTickerSymbols().get_all_stocks():
        name = stock.get("name") or ""
        if not name:
            continue
        key = "gaz:" + norm_name(name).replace(" ", "-")
        entry = entries.setdefault(key, Entry(key=key, name=legal_core(name), type=EntityType.COMPANY))
        entry.aliases |= {name, legal_core(name)}
        for sym in stock.get("symbols") or []:
            google = sym.get("google") or ""
            if ":" in google:
                exchange, symbol = google.split(":", 1)
                entry.tickers.append(normalise_ticker(exchange, symbol))
    for entry in entries.values():  # Frankfurt/London lines of foreign stocks only when alone
        home = [t for t in entry.tickers if not t.startswith(("FRA:", "LON:", "LSE:0"))]
        entry.tickers = list(dict.fromkeys(home or entry.tickers))
    return list(entries.values())


def _curated_entries() -> list[Entry]:
    entries = []
    for line in _data_lines("companies.tsv"):
        cols = (line.split("\t") + ["", ""])[:3]
        name = cols[0].strip()
        aliases = {a.strip() for a in cols[1].split("|") if a.strip()}
        tickers = [t.strip() for t in cols[2].split("|") if t.strip()]
        key = "gaz:" + norm_name(name).replace(" ", "-")
        entries.append(Entry(key=key, name=name, type=EntityType.COMPANY, aliases=aliases | {name},
                             tickers=tickers))
    for line in _data_lines("outlets.txt"):
        names = [n.strip() for n in line.split("|") if n.strip()]
        key = "outlet:" + norm_name(names[0]).replace(" ", "-")
        entries.append(Entry(key=key, name=names[0], type=EntityType.OUTLET, aliases=set(names)))
    for line in _data_lines("places.txt"):
        names = [n.strip() for n in line.split("|") if n.strip()]
        key = "place:" + norm_name(names[0])
        entries.append(Entry(key=key, name=names[0], type=EntityType.PLACE, aliases=set(names)))
    return entries


def build_gazetteer() -> Gazetteer:
    """Curated entries win over the index data where both name a company."""
    curated = _curated_entries()
    merged: dict[str, Entry] = {}
    taken_aliases: set[str] = set()
    for e in curated:
        merged[e.key] = e
        taken_aliases |= {norm_name(a) for a in e.aliases}
    for e in _index_entries():
        if norm_name(e.name) in taken_aliases or any(norm_name(a) in taken_aliases for a in e.aliases):
            continue
        merged.setdefault(e.key, e)
    return Gazetteer(list(merged.values()))


@lru_cache(maxsize=1)
def default_gazetteer() -> Gazetteer:
    return build_gazetteer()
