"""`newsgraph gazetteer update`: the SEC company-ticker file, fetched or read, turned into the
companies file that a pipeline's gazetteer adds to the built-in one (see
``newsgraph.nlp.common.gazetteer.load_gazetteer`` and ``Settings.gazetteer_path``)."""
from __future__ import annotations

import json
import re
from datetime import datetime, timezone
from pathlib import Path

from newsgraph import lexicon
from newsgraph.model import EntityType
from newsgraph.nlp.common.gazetteer import Entry, gaz_key, normalise_ticker, symbol_of
from newsgraph.nlp.common.names import LEGAL_SUFFIXES, legal_core
from newsgraph.settings import user_gazetteer_path

SEC_URL = "https://www.sec.gov/files/company_tickers_exchange.json"
# SEC registrant names carry state and status tags: 'TOYOTA MOTOR CORP/', 'ACME INC /DE/'.
SEC_TAG = re.compile(r"\s*/[A-Z]{0,4}/?\s*$")
NOT_COMPANIES = lexicon.pattern("names.fund_words", re.I)
SHORT_WORDS = lexicon.words("names.short_words")
VOWEL = re.compile(r"[aeiouy]")
WEB_ADDRESS = re.compile(r"^https?://")


class GazetteerUpdateError(ValueError):
    """The given file is not in the SEC company-ticker format."""


def brand_case(name: str) -> str:
    """'FORD MOTOR CO' -> 'Ford Motor Co'; 'AT&T INC.' -> 'AT&T Inc.'; mixed case is kept as written."""
    if any(c.islower() for c in name):
        return name
    out = []
    for word in name.split():
        bare = word.strip(".,").lower()
        keep = (any(not c.isalpha() for c in bare if c not in "-'") or not VOWEL.search(bare)
                or (len(bare) <= 3 and bare not in SHORT_WORDS and bare not in LEGAL_SUFFIXES))
        out.append(word if keep else "-".join(p.capitalize() for p in word.lower().split("-")))
    return " ".join(out)


def sec_names(registrant: str) -> tuple[str, set[str]] | None:
    """(display name, safe aliases) for an SEC registrant name; None for funds and the like.

    Only the registrant's own name and its legal core are aliases ('FORD MOTOR CO' -> 'Ford Motor
    Co', 'Ford Motor'); a bare first word ('Ford') is never added, since a one-word name is often
    an ordinary word. The gazetteer still maps such a first word when it is unambiguous."""
    raw = SEC_TAG.sub("", registrant.strip())
    if not raw or NOT_COMPANIES.search(raw):
        return None
    full = brand_case(raw)
    core = legal_core(full)
    aliases = {a for a in (full, full.rstrip("."), core) if len(a) >= 3}
    return (core, aliases) if core and len(core) >= 2 else None


def sec_entries(data: dict) -> list[Entry]:
    """Entries from the SEC 'company_tickers_exchange.json' layout (one per CIK, all its tickers)."""
    try:
        fields = data["fields"]
        rows = data["data"]
        idx = {name: fields.index(name) for name in ("cik", "name", "ticker", "exchange")}
    except (KeyError, TypeError, ValueError) as exc:
        raise GazetteerUpdateError(
            "expected the SEC company_tickers_exchange.json layout: {\"fields\": [\"cik\", \"name\", "
            "\"ticker\", \"exchange\"], \"data\": [...]}; download it from " + SEC_URL) from exc
    by_cik: dict[object, Entry] = {}
    for row in rows:
        names = sec_names(str(row[idx["name"]] or ""))
        ticker = str(row[idx["ticker"]] or "").strip()
        if names is None or not ticker:
            continue
        name, aliases = names
        entry = by_cik.get(row[idx["cik"]])
        if entry is None:
            entry = by_cik[row[idx["cik"]]] = Entry(key=gaz_key(name), name=name,
                                                    type=EntityType.COMPANY, aliases=aliases)
        entry.tickers.append(normalise_ticker(row[idx["exchange"]], ticker.replace("-", ".")))
    for entry in by_cik.values():  # 'F-PB', 'XYZ-WT': preferred shares and warrants only when alone
        common = [t for t in entry.tickers if "." not in symbol_of(t)]
        entry.tickers = common or entry.tickers[:1]
    return list(by_cik.values())


def update_gazetteer(source: str | None = None, dest: Path | None = None) -> tuple[Path, int]:
    """Read the SEC file (a local path, or a URL; the SEC's own by default), write the companies to
    the user gazetteer file and return (its path, how many companies)."""
    source = source or SEC_URL
    if WEB_ADDRESS.match(source):
        from urllib.request import Request, urlopen

        # the SEC asks automated clients to name themselves
        with urlopen(Request(source, headers={"User-Agent": "newsgraph gazetteer update"}), timeout=60) as resp:
            raw = resp.read()
    else:
        raw = Path(source).read_bytes()
    try:
        data = json.loads(raw)
    except ValueError as exc:
        raise GazetteerUpdateError(f"{source} is not JSON ({exc}); expected the SEC file {SEC_URL}") from exc
    entries = sec_entries(data)
    dest = dest or user_gazetteer_path()
    dest.parent.mkdir(parents=True, exist_ok=True)
    payload = {"source": source, "updated_at": datetime.now(timezone.utc).isoformat(),
               "companies": [[e.name, sorted(e.aliases), e.tickers] for e in entries]}
    tmp = dest.with_suffix(".tmp")
    tmp.write_text(json.dumps(payload, ensure_ascii=False), encoding="utf-8")
    tmp.replace(dest)  # a crash half-way leaves the previous file (a pipeline loaded later sees the new one)
    return dest, len(entries)
