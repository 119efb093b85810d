"""The gazetteer: listed companies (with tickers) and news outlets, by the names news uses.

Sources: the index constituents that `pytickersymbols` ships, and the data files in
``newsgraph/data`` (companies the indices lack, brand names, outlets, and the symbols companies
traded under before a rename, a symbol change, an acquisition or a delisting).
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache
from importlib import resources
from pathlib import Path

from newsgraph import lexicon
from newsgraph.model import EntityType
from newsgraph.nlp.common.names import (GENERIC_NAME_WORDS, LEGAL_SUFFIXES, brand_core, initials_of, legal_core,
                                        norm_name, spelling_variants)

EXCHANGES = lexicon.table("markets.exchanges")  # how exchanges are written in text and in data -> our prefix
# Capitalised abbreviations that are ordinary words in news, never a company's short form or symbol.
COMMON_ACRONYMS = lexicon.words("names.common_acronyms")
SYMBOL_WORD = re.compile(r"^[A-Z]{2,5}$")  # a listed symbol written as a word: 'GE', 'AAPL'
ABBREVIATION = re.compile(r"[A-Z]{2,4}")  # a short all-capitals name: 'DOW' is not 'Dow'


def gaz_key(name: str) -> str:
    """The key of a gazetteer entry: 'Ford Motor Co' -> 'gaz:ford-motor'."""
    return "gaz:" + norm_name(name).replace(" ", "-")


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
    former: dict[str, date] = field(default_factory=dict)  # ticker it traded under -> first day without it

    def former_at(self, when: datetime | None) -> list[str]:
        """The former tickers still in use at that time; all of them when the time is unknown."""
        return [t for t, until in self.former.items()
                if t not in self.tickers and (when is None or when.date() < until)]


class Gazetteer:
    """Look-ups by exact alias, by ticker symbol, and by an unambiguous first word."""

    def __init__(self, entries: list[Entry]):
        self.entries = {e.key: e for e in entries}
        self.by_alias: dict[str, str] = {}
        self.by_symbol: dict[str, list[str]] = {}
        self.by_norm: dict[str, str] = {}
        first_words: dict[str, set[str]] = {}
        for e in entries:
            for alias in sorted({e.name, *e.aliases}):
                self.by_alias.setdefault(alias, e.key)
                self.by_norm.setdefault(norm_name(alias), e.key)
                first, *rest = alias.split()
                if rest and first[:1].isupper() and len(first) > 2 and all(
                        w.lower().strip(".,") in GENERIC_NAME_WORDS for w in rest):
                    first_words.setdefault(first, set()).add(e.key)
            for t in e.tickers:
                self.by_symbol.setdefault(symbol_of(t), []).append(e.key)
        self.by_first_word = {w: next(iter(keys)) for w, keys in first_words.items() if len(keys) == 1}
        self.by_word = self._distinctive_words(entries)
        compact: dict[str, set[str]] = {}
        for norm, key in self.by_norm.items():
            compact.setdefault(norm.replace(" ", ""), set()).add(key)
        self.by_compact = {c: next(iter(keys)) for c, keys in compact.items() if len(keys) == 1 and len(c) > 4}
        for form, key in self._short_forms(entries).items():  # never over a name an entry really has
            self.by_alias.setdefault(form, key)

    def _distinctive_words(self, entries: list[Entry]) -> dict[str, str]:
        """A word of a company's name that news uses alone, when no other entry could be meant:
        the first word of a longer name ('Harrowgate' of 'Harrowgate Mexican Kitchen'), or the
        last of a two-word name ('Disney' of 'Walt Disney'). A word that starts or ends any other
        name, or is a name of its own, is ambiguous; generic words and short ones never count."""
        claims: dict[str, set[str]] = {}
        for e in entries:
            if e.type != EntityType.COMPANY:
                continue
            for alias in {e.name, *e.aliases}:
                words = legal_core(alias).split()
                if len(words) < 2:
                    continue
                pair = len(words) == 2 and words[0][:1].isupper() and not words[0].isupper()
                for word in {words[0], words[-1]} if pair else {words[0]}:
                    if len(word) > 4 and word[:1].isupper() and word.isalpha() and not word.isupper() \
                            and word.lower() not in GENERIC_NAME_WORDS:
                        claims.setdefault(word, set()).add(e.key)
        for e in entries:  # the last word of any longer name, and any one-word name, make a word ambiguous
            for alias in {e.name, *e.aliases}:
                words = legal_core(alias).split()
                if words and len(words) != 2 and words[-1] in claims:
                    claims[words[-1]].add(e.key)
        return {w: next(iter(keys)) for w, keys in claims.items() if len(keys) == 1}

    def _short_forms(self, entries: list[Entry]) -> dict[str, str]:
        """Spelling variants of every alias, and initials ('AMD', 'P&G') that only one company has.

        Initials count when they are the company's own ticker symbol ('General Electric', GE), or
        keep an ampersand ('J&J'); either way only when no other entry claims the same form."""
        claims: dict[str, set[str]] = {}
        for e in entries:
            if e.type != EntityType.COMPANY:
                continue
            symbols = {symbol_of(t) for t in e.tickers}
            for alias in {e.name, *e.aliases}:
                forms = spelling_variants(alias)
                short = initials_of(alias)
                if short and short.upper() not in COMMON_ACRONYMS and ("&" in short or short in symbols):
                    forms |= {short, *spelling_variants(short)}
                for form in forms:
                    claims.setdefault(form, set()).add(e.key)
        return {form: next(iter(keys)) for form, keys in claims.items() if len(keys) == 1}

    def get(self, key: str) -> Entry | None:
        return self.entries.get(key)

    def lookup(self, name: str) -> str | None:
        """The key for a name as written, by its normalised form, or, for a hyphenated or spaced
        spelling ('Wal-Mart' for 'Walmart'), by that form without spaces when only one entry has it.
        A short all-capitals word matches only a name written so."""
        if ABBREVIATION.fullmatch(name):  # an abbreviation only as written: 'DOW' is not 'Dow'
            return self.by_alias.get(name)
        norm = norm_name(name)
        found = self.by_alias.get(name) or self.by_norm.get(norm)
        if found is None and " " in norm:
            found = self.by_compact.get(norm.replace(" ", ""))
        return found

    def lookup_core(self, name: str) -> str | None:
        """'Ford Motor Co.' or 'Ford Motors' -> Ford Motor Company: a name whose trailing generic words
        the entry's own names share, or that are legal suffixes. A sister company that only shares
        the group's first word ('Toyota Industries' beside Toyota Motor, 'Siemens Energy' beside
        Siemens) is not the entry."""
        core = brand_core(name)
        key = self.lookup(core) if core != name.strip() else None
        if key is None:
            return None
        stripped = name.split()[len(core.split()):]
        if all(w.lower().strip(".,") in LEGAL_SUFFIXES or self.has_name_word(key, w) for w in stripped):
            return key
        return None

    def has_name_word(self, key: str, word: str) -> bool:
        """Whether one of the entry's names has this word, singular or plural ('Motors' in 'Ford Motor')."""
        entry = self.entries[key]
        stem = word.lower().strip(".,").rstrip("s")
        return any(w.lower().strip(".,").rstrip("s") == stem for n in (entry.name, *entry.aliases) for w in n.split())

    def lookup_symbol(self, symbol: str) -> str | None:
        """'AMD' -> the one company listed under that symbol; None for a one-letter symbol, a
        common abbreviation or a symbol several entries share."""
        keys = self.by_symbol.get(symbol, [])
        if len(symbol) < 2 or symbol in COMMON_ACRONYMS or len(set(keys)) != 1:
            return None
        return keys[0]

    def lookup_prefix(self, name: str) -> str | None:
        """'Ford' -> the one entry whose multi-word name starts with it, if only one does."""
        return self.by_first_word.get(name.strip())

    def lookup_word(self, word: str) -> str | None:
        """A company named by one distinctive word of its name ('Disney' -> 'Walt Disney'); see
        `_distinctive_words`. Only for a word the NER already takes as an organisation."""
        return self.by_word.get(word.strip())

    def exchange_for(self, key: str | None, symbol: str) -> str | None:
        """The full 'EXCHANGE:SYMBOL' this entry lists for a bare symbol."""
        entry = self.entries.get(key or "")
        if entry:
            for t in (*entry.tickers, *entry.former):
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
        key = gaz_key(name)
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
        key = gaz_key(name)
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


def _former_tickers() -> list[tuple[str, set[str], dict[str, date]]]:
    """(company, its former names, {former ticker: first day without it}) from former_tickers.tsv."""
    rows = []
    for line in _data_lines("former_tickers.tsv"):
        name, former_names, tickers, until = (line.split("\t") + [""] * 4)[:4]
        rows.append((name.strip(), {n.strip() for n in former_names.split("|") if n.strip()},
                     dict.fromkeys((t.strip() for t in tickers.split("|") if t.strip()),
                                   date.fromisoformat(until.strip()))))
    return rows


def _add_former_tickers(merged: dict[str, Entry], owner_of: dict[str, str]) -> None:
    """Give each company its former tickers and names; a company known only by a former listing
    (acquired, taken private) becomes an entry of its own. A former name another entry already
    has stays that entry's."""
    for name, former_names, former in _former_tickers():
        known = [owner_of[n] for n in map(norm_name, (name, *sorted(former_names))) if n in owner_of]
        key = next((k for k in known if merged[k].type == EntityType.COMPANY), None) or gaz_key(name)
        entry = merged.setdefault(key, Entry(key=key, name=name, type=EntityType.COMPANY, aliases={name}))
        owner_of.setdefault(norm_name(name), key)
        entry.former.update(former)
        for alias in former_names:
            if owner_of.setdefault(norm_name(alias), key) == key:
                entry.aliases.add(alias)


def build_gazetteer(user_file: Path | None = None) -> Gazetteer:
    """Curated entries win over the index data where both name a company; the refreshed SEC
    registrants (``newsgraph gazetteer update``) come next and only fill gaps; former tickers and
    names are added to whichever entry has the company's name (see `_add_former_tickers`)."""
    curated = _curated_entries()
    merged: dict[str, Entry] = {}
    owner_of: dict[str, str] = {}  # normalised alias -> key
    for e in curated:
        merged[e.key] = e
        owner_of.update({norm_name(a): e.key for a in e.aliases})
    curated_names = set(owner_of)
    for e in _index_entries():
        if norm_name(e.name) in curated_names or any(norm_name(a) in curated_names for a in e.aliases):
            continue
        merged.setdefault(e.key, e)
        if merged[e.key] is e:
            owner_of.update({norm_name(a): e.key for a in e.aliases if norm_name(a) not in owner_of})
    for e in user_entries(user_file) if user_file is not None else ():
        known = next((owner_of[n] for n in map(norm_name, e.aliases) if n in owner_of), None)
        if known is not None:
            entry = merged[known]
            symbols = {symbol_of(t) for t in entry.tickers}
            if entry.type == EntityType.COMPANY and (not symbols or symbols & {symbol_of(t) for t in e.tickers}):
                # a known name that lacked its listing, or the same listing: its other share classes;
                # the SEC's exchange wins for a symbol both list ('OTC:XYZ' in index data for a NYSE stock)
                sec = {symbol_of(t): t for t in e.tickers if ":" in t}
                entry.tickers = list(dict.fromkeys([*(sec.get(symbol_of(t), t) for t in entry.tickers),
                                                    *(t for t in e.tickers if symbol_of(t) not in symbols)]))
            continue
        if e.key in merged:
            continue
        merged[e.key] = e
        owner_of.update({norm_name(a): e.key for a in e.aliases})
    _add_former_tickers(merged, owner_of)
    return Gazetteer(list(merged.values()))


def user_entries(path: Path) -> list[Entry]:
    """The companies a `gazetteer update` wrote."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    return [Entry(key=gaz_key(name), name=name, type=EntityType.COMPANY,
                  aliases=set(aliases) | {name}, tickers=list(tickers))
            for name, aliases, tickers in data.get("companies", [])]


def load_gazetteer(path: str | Path | None = None) -> Gazetteer:
    """The built-in gazetteer, plus the companies `newsgraph gazetteer update` wrote to ``path`` when
    that file exists. Loaded once per path (and again when the file changes), so the components of
    a pipeline share one gazetteer."""
    user_file = Path(path) if path else None
    if user_file is None or not user_file.is_file():
        return _cached_gazetteer(None, 0)
    return _cached_gazetteer(str(user_file.resolve()), user_file.stat().st_mtime_ns)


@lru_cache(maxsize=4)
def _cached_gazetteer(path: str | None, _mtime_ns: int) -> Gazetteer:
    return build_gazetteer(Path(path) if path else None)
