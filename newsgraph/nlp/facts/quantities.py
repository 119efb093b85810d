"""Quantities: the value, unit and qualifier of each figure in a text.

Which tokens are a figure comes from spaCy's MONEY / PERCENT / CARDINAL / QUANTITY entities (and
numbers it missed), minus what only looks like one (years, times, model names, codes, tickers);
the value and unit from the figure's own words; the qualifier (exact, about, more_than,
less_than, target, forecast) from the words before it and the words that govern it in the parse.
Who and what the figure is about is ``newsgraph.nlp.facts``'s business.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, replace
from decimal import Decimal

from spacy.tokens import Doc, Span, Token

from newsgraph.model import Qualifier

WORD_NUMBERS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
    "dozen": 12, "a": 1, "an": 1, "half": 0.5, "no": 0,
}
MAGNITUDES = {"thousand": 1e3, "k": 1e3, "million": 1e6, "mln": 1e6, "mn": 1e6, "m": 1e6,
              "billion": 1e9, "bn": 1e9, "b": 1e9, "bln": 1e9, "trillion": 1e12, "tn": 1e12, "tr": 1e12,
              "lakh": 1e5, "crore": 1e7}
CURRENCY_SIGNS = [("US$", "USD"), ("HK$", "HKD"), ("A$", "AUD"), ("C$", "CAD"), ("S$", "SGD"), ("NT$", "TWD"),
                  ("R$", "BRL"), ("$", "USD"), ("€", "EUR"), ("£", "GBP"), ("¥", "JPY"), ("₩", "KRW"), ("₹", "INR")]
CURRENCY_WORDS = {"dollar": "USD", "dollars": "USD", "usd": "USD", "euro": "EUR", "euros": "EUR", "eur": "EUR",
                  "pound": "GBP", "pounds": "GBP", "sterling": "GBP", "gbp": "GBP", "yen": "JPY", "jpy": "JPY",
                  "yuan": "CNY", "renminbi": "CNY", "rmb": "CNY", "cny": "CNY", "won": "KRW", "krw": "KRW",
                  "rupees": "INR", "rupee": "INR", "francs": "CHF", "franc": "CHF", "chf": "CHF",
                  "hkd": "HKD", "cad": "CAD", "aud": "AUD", "pence": "GBX", "penny": "GBX", "kronor": "SEK",
                  "krona": "SEK", "zloty": "PLN", "zlotys": "PLN", "rand": "ZAR", "lira": "TRY", "ringgit": "MYR",
                  "baht": "THB", "rupiah": "IDR", "roubles": "RUB", "rubles": "RUB", "rouble": "RUB", "ruble": "RUB",
                  "dirhams": "AED", "riyals": "SAR", "shekels": "ILS", "forint": "HUF", "reais": "BRL",
                  "sek": "SEK", "nok": "NOK", "dkk": "DKK", "pln": "PLN", "brl": "BRL",
                  # the same word names several currencies: kept as written, never guessed
                  "crowns": "crowns", "crown": "crowns", "kroner": "kroner", "krone": "kroner",
                  "pesos": "pesos", "peso": "pesos", "cents": "cents", "cent": "cents"}
MORE = re.compile(r"\b(?:more than|over|above|at least|upwards of|in excess of|exceeding|north of|"
                  r"greater than|higher than|beyond|no less than|>)\s*$", re.I)
LESS = re.compile(r"\b(?:less than|fewer than|under|below|up to|at most|no more than|lower than|"
                  r"south of|shy of|<)\s*$", re.I)
ABOUT = re.compile(r"\b(?:about|around|roughly|approximately|nearly|almost|some|close to|an estimated|"
                   r"estimated|circa|approx\.?|~|just over|just under|more or less)\s*$", re.I)
TARGET_WORDS = {"target", "aim", "plan", "goal", "seek", "intend", "objective", "ambition", "aspire",
                "strive", "hope", "want", "pledge", "commit", "vow"}
FORECAST_WORDS = {"expect", "forecast", "project", "estimate", "guide", "guidance", "predict",
                  "anticipate", "outlook", "consensus", "projection", "expectation", "estimates"}

COUNT_UNITS = {
    "vehicle": "vehicles", "car": "vehicles", "auto": "vehicles", "ev": "vehicles", "unit": "vehicles",
    "suv": "vehicles", "truck": "vehicles", "sedan": "vehicles", "worker": "people", "employee": "people",
    "job": "jobs", "staff": "people", "people": "people", "person": "people", "share": "shares",
    "store": "stores", "customer": "customers", "user": "users", "subscriber": "subscribers",
    "plane": "aircraft", "aircraft": "aircraft", "jet": "aircraft", "phone": "devices", "smartphone": "devices",
    "device": "devices", "chip": "chips", "barrel": "barrels", "ton": "tonnes", "tonne": "tonnes",
}

RATING_WORDS = {"buy", "hold", "sell", "rating", "outperform", "underperform", "overweight", "underweight",
                "neutral", "buys", "holds", "sells"}
DIRECTION_WORDS = {"up", "down", "higher", "lower"}  # a move's direction: 'closed 2.4% lower', 'up from 44'
RATING_CONTEXT = {"analyst", "rate", "rating", "recommend", "recommendation", "broker", "brokerage"}
SOURCE_NOUNS = {"people", "person", "persons", "source", "sources", "official", "officials", "insider",
                "insiders", "executive", "executives", "analyst", "analysts"}

NUMBER_LABELS = {"MONEY", "PERCENT", "CARDINAL", "QUANTITY"}
NUMBER = re.compile(r"(?P<num>\d[\d,]*(?:\.\d+)?|\.\d+)(?:\s?(?P<mag>thousand|million|billion|trillion|bn|mln|mn|tn|k|m|b)\b)?",
                    re.I)
FORECAST_NOUNS = {"consensus", "estimate", "estimates", "guidance", "forecast", "projection", "outlook",
                  "expectation", "expectations"}
EXCEED_VERBS = {"exceed", "surpass", "top", "beat"}
CURRENCY_CODES = {"USD", "EUR", "GBP", "JPY", "CNY", "KRW", "INR", "CHF", "HKD", "CAD", "AUD", "SGD", "TWD", "BRL",
                  "SEK", "NOK", "DKK", "PLN", "ZAR", "MXN"}
PREFIX_WORDS = {"Rs": "INR", "Rs.": "INR"}  # 'Rs 1,092 crore'
PREFIXES = {sign for sign, _ in CURRENCY_SIGNS} | CURRENCY_CODES | set(PREFIX_WORDS)  # '$42.50', 'CHF 92.50'
# Unit words after a number (lower-cased token sequences); currencies stay as named, never converted.
UNIT_PHRASES: dict[tuple[str, ...], str] = {
    **{(w,): code for w, code in CURRENCY_WORDS.items()},
    **{(adj, cur): code for adj, code in (("canadian", "CAD"), ("australian", "AUD"), ("singapore", "SGD"),
                                          ("taiwan", "TWD"), ("hk", "HKD"), ("us", "USD"), ("u.s.", "USD"),
                                          ("american", "USD")) for cur in ("dollar", "dollars")},
    ("hong", "kong", "dollars"): "HKD", ("hong", "kong", "dollar"): "HKD", ("new", "taiwan", "dollars"): "TWD",
    ("swiss", "francs"): "CHF", ("swiss", "franc"): "CHF", ("brazilian", "reais"): "BRL", ("reais",): "BRL",
    **{(adj, cur): code for adj, code in (("swedish", "SEK"), ("danish", "DKK"), ("norwegian", "NOK"),
                                          ("czech", "CZK"), ("icelandic", "ISK"))
       for cur in ("crowns", "crown", "kronor", "krona", "kroner", "krone", "koruna")},
    **{(adj, cur): code for adj, code in (("mexican", "MXN"), ("philippine", "PHP"), ("chilean", "CLP"),
                                          ("colombian", "COP"), ("argentine", "ARS")) for cur in ("pesos", "peso")},
    ("chinese", "yuan"): "CNY", ("japanese", "yen"): "JPY", ("indian", "rupees"): "INR", ("korean", "won"): "KRW",
    ("per", "cent"): "percent", ("percent",): "percent", ("pct",): "percent", ("%",): "percent",
    ("percentage", "points"): "percentage points", ("percentage", "point"): "percentage points",
    ("basis", "points"): "basis points", ("basis", "point"): "basis points", ("bps",): "basis points",
    **{(w,): u for w, u in (("gwh", "GWh"), ("mwh", "MWh"), ("kwh", "kWh"), ("twh", "TWh"), ("gw", "GW"),
                            ("mw", "MW"), ("kw", "kW"), ("gigawatts", "GW"), ("megawatts", "MW"),
                            ("gigawatt", "GW"), ("megawatt", "MW"), ("kilowatts", "kW"),
                            ("tonnes", "tonnes"), ("tons", "tonnes"), ("tonne", "tonnes"), ("ton", "tonnes"),
                            ("barrels", "barrels"), ("barrel", "barrels"), ("bpd", "barrels per day"),
                            ("kilometres", "km"), ("kilometers", "km"), ("km", "km"), ("miles", "miles"),
                            ("kg", "kg"), ("kilograms", "kg"), ("litres", "litres"), ("liters", "litres"),
                            ("ounces", "ounces"), ("oz", "ounces"), ("acres", "acres"), ("hectares", "hectares"),
                            ("mhz", "MHz"), ("ghz", "GHz"), ("megahertz", "MHz"), ("gigahertz", "GHz"))},
    **{(p, w): u for p in ("metric",) for w, u in (("tons", "tonnes"), ("tonnes", "tonnes"))},
    **{(p, "hours"): u for p, u in (("terawatt", "TWh"), ("gigawatt", "GWh"), ("megawatt", "MWh"),
                                    ("kilowatt", "kWh"))},
    **{(p, "hour"): u for p, u in (("terawatt", "TWh"), ("gigawatt", "GWh"), ("megawatt", "MWh"),
                                   ("kilowatt", "kWh"))},
    ("square", "metres"): "square metres", ("square", "meters"): "square metres",
    ("square", "feet"): "square feet", ("sq", "ft"): "square feet", ("square", "kilometres"): "square km",
}
MONEY_UNITS = ({u for u in UNIT_PHRASES.values() if re.fullmatch(r"[A-Z]{3}", u)} | set(CURRENCY_WORDS.values())
               | CURRENCY_CODES | {code for _, code in CURRENCY_SIGNS})
UNIT_STARTS = {key[0] for key in UNIT_PHRASES}
UNIT_WORDS = {word for key in UNIT_PHRASES for word in key}
# A comparison with the same period one year back: 'a year earlier', 'the same quarter last year'.
YEAR_EARLIER = re.compile(r"\W*(?:(?:a|one) year (?:earlier|ago|before)|last year|the (?:previous|prior) year|"
                          r"(?:in )?the same (?:month|quarter|period|week) (?:a year (?:earlier|ago)|last year))", re.I)
GLUED = re.compile(r"(?:[A-Z]{1,2}\$|[$€£¥₩₹])?\d[\d,]*(?:\.\d+)?(?:bn|mn|m|k|tn|b|p)?")  # 'HK$3.2', '68bn', '268.2p'
PENCE = re.compile(r"p\b.*", re.S)  # a price in pence written '268.2p'
MONTH_WORDS = {m.lower() for m in (*calendar.month_name, *calendar.month_abbr) if m} | {"sept"}
LABEL_NOUNS = {"tier", "phase", "stage", "level", "grade", "class", "category", "type", "generation", "version",
               "article", "section", "chapter", "pillar", "step"}  # a number after these names a kind, not an amount
PRODUCT_LINE_NOUNS = {"family", "series", "range", "lineup", "line-up", "variant", "variants", "platform"}
RANGE_WORDS = {"and", "to", "-", "–", "—"}
INDEX_NOUNS = {"index", "indices", "indexes", "benchmark", "gauge"}
JUNK = re.compile(r"^\W*(?:read more|related|see also|share this|comments?|advertisement|subscribe|sign up|"
                  r"follow us|copyright|©|click here|watch|listen|photo|image)\b", re.I)

def number_spans(doc: Doc) -> list[Span]:
    """The figures of an article: numeric entities, and numbers the NER left out or mislabelled
    ('HK$3.2 billion', '£68bn', '4 terawatt hours'); a range entity is split into its two ends."""
    spans = [e for e in doc.ents if e.label_ in NUMBER_LABELS or e.label_ in {"TIME", "DATE"} and _has_unit(e)]
    covered = {t.i for e in doc.ents for t in e
               if not _misread_date(e, t) and not _code_and_number(e, t) and not _count_in_a_name(e, t)}
    for tok in doc:
        if tok.i in covered:
            continue
        if tok.like_num and tok.pos_ == "NUM" and re.search(r"\d", tok.text) or GLUED.fullmatch(tok.text):
            end = tok.i + 1
            while end < len(doc) and doc[end].lower_ in MAGNITUDES and len(doc[end]) > 2:
                end += 1
            spans.append(doc[tok.i:end])
            covered.update(range(tok.i, end))
        elif tok.lower_ == "no" and _rating_word(tok.head) and tok.head.i == tok.i + 1:
            spans.append(doc[tok.i:tok.i + 1])  # 'no Sells' is a count of zero
        elif tok.pos_ == "NUM" and tok.lower_ in WORD_NUMBERS and rated_as(doc[tok.i:tok.i + 1]) is not None:
            spans.append(doc[tok.i:tok.i + 1])  # '..., 9 a hold and one a sell': the NER left 'one' out
    spans = [doc[s.start - 1:s.end] if s.start > 0 and doc[s.start - 1].text in PREFIXES else s for s in spans]
    spans = [doc[s.start - 2:s.end] if s.start > 1 and doc[s.start - 2].text + doc[s.start - 1].text in PREFIXES
             else s for s in spans]  # 'Rs. 626', tokenised 'Rs' '.' '626'
    spans = [part for s in spans for part in _split_range(s)]
    return sorted((s for s in spans if not _excluded(s)), key=lambda s: s.start)


def _misread_date(ent: Span, tok: Token) -> bool:
    """'up from 44 a year earlier', 'to 47 a month from 42' read as dates: the bare number after
    'from' or 'to' at the start of the date is a figure, not a day or a year."""
    return (ent.label_ == "DATE" and tok.i == ent.start and tok.like_num and re.fullmatch(r"\d[\d,.]*", tok.text)
            and not re.fullmatch(r"(?:19|20)\d{2}", tok.text) and tok.i > 0 and tok.nbor(-1).lower_ in {"from", "to"}
            and (tok.i + 1 >= len(tok.doc) or tok.doc[tok.i + 1].lower_ not in MONTH_WORDS))


def _count_in_a_name(ent: Span, tok: Token) -> bool:
    """'2 Sell' read as a person's name: a bare number opening a name is a count."""
    return ent.label_ not in NUMBER_LABELS | {"DATE", "TIME"} and tok.i == ent.start and len(ent) > 1 \
        and bool(re.fullmatch(r"\d[\d,]*", tok.text))


def _code_and_number(ent: Span, tok: Token) -> bool:
    """'CHF 88.40' read as a name, '268.2p' as a date: a price with its currency is a figure."""
    if ent.label_ not in NUMBER_LABELS and re.fullmatch(r"\d[\d,]*(?:\.\d+)?p", tok.text):
        return True
    return ent.label_ not in NUMBER_LABELS and tok.i > ent.start and ent[0].text in CURRENCY_CODES and tok.like_num


def _has_unit(span: Span) -> bool:
    """'4 terawatt hours' (tagged TIME by the model) is an amount of energy, not a time."""
    return any(t.like_num and t.i + 1 < span.end and span.doc[t.i + 1].lower_ in UNIT_STARTS
               and span.doc[t.i + 1].lower_ not in {"hours", "hour"} for t in span)


def _split_range(span: Span) -> list[Span]:
    """'between 2,000 and 3,000', '$4 billion to $5 billion' -> the two ends as two spans."""
    numbers = [t for t in span if re.search(r"\d", t.text)]
    if len(numbers) < 2:
        return [span]
    for t in span:
        if t.lower_ in RANGE_WORDS and numbers[0].i < t.i < numbers[-1].i:
            return [span.doc[span.start:t.i], span.doc[t.i + 1:span.end]]
    return [span]


def _rating_word(tok: Token) -> bool:
    return tok.lemma_.lower() in RATING_WORDS or tok.lower_ in RATING_WORDS


def _excluded(span: Span) -> bool:
    doc = span.doc
    text = span.text.strip()
    last = span[-1]
    if span.label_ in {"CARDINAL", ""} and re.fullmatch(r"(?:19|20)\d{2}s?", text):
        return True  # a year
    if _model_number(span):
        return True
    if _is_code(span):
        return True  # part of a model number or code: '777-9', 'A350-1000', 'SU7'
    if span.start > 0 and doc[span.start - 1].text == "(" or span.end < len(doc) and doc[span.end].text == ")" \
            and span.start > 0 and doc[span.start - 1].text in {":", "("}:
        return True  # inside a ticker or a bracketed code
    if last.head.pos_ == "PROPN" and last.head.i < span.start and last.dep_ in {"nummod", "appos", "compound", "npadvmod"}:
        return True  # a model name: 'Model 3', 'iPhone 15'
    if span.end < len(doc) and doc[span.end].lower_ == "of" and span.label_ == "CARDINAL" \
            and text.lower() in {"one", "two", "three", "some", "1"}:
        return True  # 'one of the largest'
    if JUNK.match(span.sent.text):
        return True  # page furniture: 'Read more: 5 things to know', '12 comments'
    if last.head.lower_ in SOURCE_NOUNS and span.label_ == "CARDINAL" and last.dep_ == "nummod" \
            and re.fullmatch(r"(?:one|two|three|four|five|six|several|[1-9])", last.lower_):
        return True  # 'two people familiar with the matter' describes a source, not a fact
    if not re.search(r"\d", text) and not any(t.lower_ in WORD_NUMBERS for t in span):
        return True
    if last.lower_ in {"half", "third", "quarter", "thirds", "quarters"} and span.end < len(doc) \
            and doc[span.end].lower_ == "of":
        return True  # 'more than half of the market': a share in words, not a figure
    if not re.search(r"\d", text) and span.label_ == "CARDINAL" and last.dep_ == "nummod" \
            and last.head.lemma_.lower() not in COUNT_UNITS and not _rating_word(last.head) and rated_as(span) is None:
        return True  # 'the two closures', 'two new models': a count in passing, not a figure
    return False


def _model_number(span: Span) -> bool:
    """'Boeing 737 MAX', 'the 777 family': a bare number between brand words names a product."""
    if span.label_ not in {"CARDINAL", ""} or not span.text.isdigit():
        return False
    doc = span.doc
    prev = doc[span.start - 1] if span.start > 0 else None
    nxt = doc[span.end] if span.end < len(doc) else None
    if nxt is not None and nxt.lower_ in UNIT_STARTS:
        return False  # '800 MW'
    if prev is not None and prev.lower_ in LABEL_NOUNS and len(span.text) <= 2:
        return True  # 'a phase 3 trial', 'the tier 1 capital ratio', 'grade 3 side effects'
    if nxt is not None and nxt.lower_ in PRODUCT_LINE_NOUNS:
        return True  # 'the 777 family', 'its 300 series'
    if nxt is not None and nxt.lower_ in INDEX_NOUNS and prev is not None and prev.pos_ == "PROPN":
        return True  # 'the FTSE 100 index', 'the Stoxx 600 benchmark'
    return bool((nxt is not None and nxt.pos_ == "PROPN" and nxt.text.isupper() and len(nxt) > 1)
                or (prev is not None and prev.pos_ == "PROPN" and prev.ent_type_ == "ORG"
                    and (nxt is None or nxt.pos_ not in {"NOUN"})))


def _is_code(span: Span) -> bool:
    doc = span.doc
    if re.search(r"[A-Za-z]\d|\d-\d", span.text):
        return True
    glued = doc[span.end] if span.end < len(doc) and span[-1].whitespace_ == "" else None
    if glued is not None and re.fullmatch(r"[A-Z]", glued.text) and glued.lower_ not in MAGNITUDES:
        return True  # '5G', '3D': a generation or a format, not an amount
    before = doc[span.start - 1] if span.start > 0 else None
    after = doc[span.end] if span.end < len(doc) else None
    if before is not None and before.text in {"-", "/"} and before.whitespace_ == "" and span.start > 1 \
            and doc[span.start - 2].whitespace_ == "" and doc[span.start - 2].text[-1:].isalnum():
        return True
    return (after is not None and after.text in {"-", "/"} and span[-1].whitespace_ == ""
            and span.end + 1 < len(doc) and doc[span.end + 1].text[:1].isdigit() and after.whitespace_ == "")


def parse_value(span: Span) -> tuple[float, str | None] | None:
    """(value, unit) from the figure's words and the unit words right after it: '$42.50',
    'more than 250,000', '€2.27bn', '100%', '2.3 billion euros', '40.5 GWh', 'seven hundred'."""
    text = span.text
    m = NUMBER.search(text)
    if m is None:
        value = _word_value(list(span))
        if value is None:
            return None
        rest_start = span.end
    else:
        value = float(m.group("num").replace(",", ""))
        if m.group("mag"):
            value = _scaled(value, MAGNITUDES[m.group("mag").lower()])
        rest_start = span.end
    unit = None
    prefix = text[:m.start("num")] if m else ""
    for sign, code in CURRENCY_SIGNS:
        if prefix.rstrip().endswith(sign) or (sign in text and m is None):
            unit = code
            break
    if unit is None and m is not None and prefix.split() and prefix.split()[-1].upper() in CURRENCY_CODES:
        unit = prefix.split()[-1].upper()  # 'DKK 1,874', 'CHF 88.40'
    if unit is None and m is not None and prefix.split() and prefix.split()[-1] in PREFIX_WORDS:
        unit = PREFIX_WORDS[prefix.split()[-1]]
    if unit is None and m is not None and PENCE.fullmatch(text[m.end():]):
        unit = "GBX"  # '268.2p'
    # the words after the number, inside the span and just after it: magnitude, then unit
    if m is not None:
        tail = [t for t in span if t.idx >= span.start_char + m.end()]
    else:  # after the number words: 'two billion dollars' -> 'dollars'
        tail = [t for t in span if t.lower_ not in WORD_NUMBERS and t.lower_ not in MAGNITUDES and t.lower_ != "hundred"]
    tail += list(span.doc[rest_start:rest_start + 4])
    if m is None:
        tail = [t for t in tail if t.lower_ not in MAGNITUDES]
    words = [t.lower_.rstrip(".") for t in tail]
    magnitude_free = m is None or not m.group("mag")
    n = 0
    while n < len(words) and words[n] in MAGNITUDES and (len(words[n]) > 2 or tail[n].whitespace_ == "" or n == 0
                                                        and tail[n].i > 0 and tail[n].doc[tail[n].i - 1].whitespace_ == ""):
        if magnitude_free:
            value = _scaled(value, MAGNITUDES[words[n]])
            magnitude_free = False
        n += 1
    if "%" in text or (n < len(words) and words[n] == "%"):
        return value, "percent"
    found = _unit_at(words, n)
    if found is not None:
        unit = found if unit is None or found not in CURRENCY_CODES else (found if found != "USD" else unit)
    return value, unit


def _scaled(value: float, magnitude: float) -> float:
    """2.18 x 1e12 without binary noise (2180000000000.0002)."""
    return float(Decimal(repr(value)) * Decimal(repr(magnitude)))


def _unit_at(words: list[str], n: int) -> str | None:
    """The unit named by ``words[n:]`` ('billion' already skipped): 'canadian dollars', 'per cent', 'GWh'."""
    for length in (3, 2, 1):
        key = tuple(words[n:n + length])
        if len(key) == length and key in UNIT_PHRASES:
            return UNIT_PHRASES[key]
    return None


def _word_value(tokens: list[Token]) -> float | None:
    """'seven hundred' -> 700, 'twenty-five' -> 25, 'half a billion' -> 5e8, 'two' -> 2."""
    total, current, seen = 0.0, 0.0, False
    for tok in tokens:
        for w in tok.lower_.split("-"):
            if w in {"a", "an"} and not seen:
                continue
            if w == "hundred" and seen:
                current = (current or 1) * 100
            elif w in MAGNITUDES and len(w) > 2 and seen:
                total += (current or 1) * MAGNITUDES[w]
                current = 0.0
            elif w in WORD_NUMBERS and w not in {"a", "an"}:
                current += WORD_NUMBERS[w]
                seen = True
    return total + current if seen else None


def qualifier_of(span: Span, governors: list[Token]) -> Qualifier:
    """exact, about, more_than, less_than (from the words before the number: 'more than', 'some',
    'between X and'), target or forecast (from the words that govern it: 'aims to deliver',
    'expects revenue of', 'analysts' estimates call for', 'raised its guidance to')."""
    doc = span.doc
    for tok in governors:
        lemma = tok.lemma_.lower()
        if lemma in TARGET_WORDS and not any(c.lower_ == "price" for c in tok.children):
            return Qualifier.TARGET
        if lemma in FORECAST_WORDS and (tok.pos_ == "VERB" or lemma in FORECAST_NOUNS):
            return Qualifier.FORECAST
    counted = span.root.head if span.root.dep_ in {"nummod", "compound"} else span.root
    if any(c.dep_ in {"relcl", "acl"} and c.lemma_.lower() in FORECAST_WORDS
           for c in (*span.root.children, *counted.children)):
        return Qualifier.FORECAST  # 'the ¥112 billion that analysts had expected', '€968m expected by analysts'
    verb = next((g for g in governors if g.pos_ in {"VERB", "AUX"}), None)
    if verb is not None and verb.dep_ == "ccomp" and verb.head.lemma_.lower() in FORECAST_WORDS:
        return Qualifier.FORECAST  # 'analysts expect Intel to post revenue of ...'
    if verb is not None:
        for c in verb.children:  # 'the consensus estimate was ...', 'raised its guidance to ...'
            if c.dep_ in {"nsubj", "nsubjpass", "dobj"} and c.i not in range(span.start, span.end) and (
                    c.lemma_.lower() in FORECAST_NOUNS or any(g.lemma_.lower() in FORECAST_NOUNS for g in c.children
                                                              if g.dep_ in {"compound", "amod"})):
                if c.dep_ != "dobj" or doc[span.start - 1].lower_ == "to":
                    return Qualifier.FORECAST
    first_number = next((t.i for t in span if re.search(r"\d", t.text) or t.lower_ in WORD_NUMBERS
                         and t.lower_ not in {"a", "an", "no"}), span.start)
    text = doc[max(span.sent.start, span.start - 4):first_number].text.strip()
    if re.search(r"\bbetween\s*\S?$", text, re.I):
        return Qualifier.MORE_THAN
    if re.search(r"\bno (?:more|greater|higher) than\s*\S?$", text, re.I):
        return Qualifier.LESS_THAN
    if re.search(r"\bno (?:less|fewer|lower) than\s*\S?$", text, re.I):
        return Qualifier.MORE_THAN
    text = re.sub(r"\s*[$€£¥₩₹]$|\s*[A-Z]{1,2}\$$", "", text)
    if MORE.search(text):
        return Qualifier.MORE_THAN
    if LESS.search(text):
        return Qualifier.LESS_THAN
    if ABOUT.search(text):
        return Qualifier.ABOUT
    if verb is not None and verb.lemma_.lower() in EXCEED_VERBS and span.root.dep_ == "dobj" or \
            span.root.head.lemma_.lower() in EXCEED_VERBS and span.root.dep_ == "dobj":
        return Qualifier.MORE_THAN
    return Qualifier.EXACT


def governors(span: Span) -> list[Token]:
    """The tokens above the figure in the parse, up to and including the first verb (and the verb
    it is coordinated with or subordinate to, for 'delivered X and targets Y')."""
    out: list[Token] = []
    tok = span.root
    seen = 0
    while tok.head.i != tok.i and seen < 8:
        tok = tok.head
        out.append(tok)
        seen += 1
        if tok.pos_ in {"VERB", "AUX"}:
            break
    verb = out[-1] if out and out[-1].pos_ in {"VERB", "AUX"} else None
    if verb is not None and verb.dep_ in {"conj", "xcomp", "advcl", "acl", "relcl"}:
        out.append(verb.head)
    return out



@dataclass(frozen=True)
class Quantity:
    """One figure of a text: its words (a span of the doc), value, unit and qualifier.

    ``counted`` says the unit is the noun the number counts ('1,180 workers' -> 'people'), not a
    unit of measure or a currency of the figure's own words."""

    span: Span
    value: float
    unit: str | None
    qualifier: Qualifier
    counted: bool = False
    previous: bool = False
    range_low: bool = False  # the floor of a range whose ceiling is the next figure


def quantities(doc: Doc) -> list[Quantity]:
    """Every figure of a parsed text, in order, with value, unit and qualifier; the two ends of a
    range ('between 2,000 and 3,000 workers', '$4bn to $5bn') are a floor and a ceiling."""
    out: list[Quantity] = []
    for span in number_spans(doc):
        parsed = parse_value(span)
        if parsed is None:
            continue
        value, unit = parsed
        counted = count_unit(span) if unit is None else None
        out.append(Quantity(span, value, unit or counted, qualifier_of(span, governors(span)), counted is not None,
                            is_previous(span)))
    for n in range(len(out) - 1):
        low, high = out[n], out[n + 1]
        if _is_range(low, high):
            borrowed = high.unit if low.unit is None else low.unit
            scale = 1.0
            if low.value * 1e3 <= high.value and not any(t.lower_ in MAGNITUDES for t in low.span):
                scale = next((MAGNITUDES[t.lower_] for t in high.span if t.lower_ in MAGNITUDES and len(t) > 2), 1.0)
            ahead = low.qualifier in {Qualifier.TARGET, Qualifier.FORECAST}  # a target range stays a target
            out[n] = replace(low, value=low.value * scale, unit=borrowed,
                             qualifier=low.qualifier if ahead else Qualifier.MORE_THAN,
                             counted=high.counted if low.unit is None else low.counted, range_low=True)
            out[n + 1] = replace(high, unit=high.unit or low.unit, qualifier=low.qualifier if ahead else Qualifier.LESS_THAN)
    return out


def is_previous(span: Span) -> bool:
    """The earlier value of a change: 'raised to ¥2,300 from ¥2,050', '51 jets, up from 44'; or of a
    comparison with a year before: 'sales were €15.2bn, against €15bn a year earlier'."""
    doc = span.doc
    if span.start == 0:
        return False
    before = doc[max(span.start - 2, 0):span.start].text.lower()
    if re.search(r"(?:^|\s)(?:against|versus|vs\.?|compared (?:with|to))$", before):
        return year_earlier_follows(span)
    if doc[span.start - 1].lower_ != "from":
        return False
    head = doc[span.start - 1].head
    to_a_level = re.search(r"\bto\s+(?:[A-Z]{3}\s+)?\S*\d\S*(?:\s+[a-z]+)?\s*$",  # 'to 300p from', 'to 82 yuan from'
                           doc.text[max(span.sent.start_char, span.start_char - 40):doc[span.start - 1].idx])
    return head.lower_ in DIRECTION_WORDS or any(t.lower_ == "to" for t in head.children) \
        or bool(to_a_level)


def year_earlier_follows(span: Span) -> bool:
    """'€15bn a year earlier', '44 vehicles in the same month last year': the figure (with its unit
    words) is followed by a comparison with one year back."""
    doc = span.doc
    end = span.end
    while end < len(doc) and end < span.end + 3 and (doc[end].lower_ in UNIT_WORDS
                                                     or doc[end].lemma_.lower() in COUNT_UNITS):
        end += 1
    start = doc[end - 1].idx + len(doc[end - 1].text)
    return bool(YEAR_EARLIER.match(doc.text[start:start + 40]))


def _is_range(low: Quantity, high: Quantity) -> bool:
    doc = low.span.doc
    between = doc[low.span.end:high.span.start]
    ahead = low.qualifier in {Qualifier.TARGET, Qualifier.FORECAST} and high.qualifier in {low.qualifier,
                                                                                          Qualifier.EXACT}
    if len(between) != 1 or between[0].lower_ not in RANGE_WORDS or not ahead and (low.qualifier not in {
            Qualifier.EXACT, Qualifier.MORE_THAN} or high.qualifier != Qualifier.EXACT):
        return False
    if low.unit is not None and high.unit is not None and low.unit != high.unit or low.value >= high.value * 1e3:
        return False
    if between[0].lower_ == "to" and between[0].dep_ == "prep" and between[0].head.pos_ in {"VERB", "AUX"} \
            and low.unit == "percent" and high.unit != "percent":
        return False  # 'rose 3.1% to 4,790': a change and the level it reached
    before = doc[low.span.start - 1].lower_ if low.span.start > 0 else ""
    starts = low.span[0].lower_
    if between[0].lower_ == "and":
        return "between" in {before, starts}
    return before != "from" and starts != "from"


def count_unit(span: Span) -> str | None:
    """What a bare number counts: '1,180 workers' -> 'people', 'two Buys' -> 'ratings'."""
    if rated_as(span) is not None:
        return "ratings"
    head = span.root.head if span.root.dep_ in {"nummod", "quantmod", "compound", "amod"} or (
        span.root.lower_ == "no" and span.root.dep_ == "det") else None
    if head is None:
        return None
    if _rating_word(head):
        return "ratings"
    return COUNT_UNITS.get(head.lemma_.lower())


def rated_as(span: Span) -> Token | None:
    """The rating a number of analysts give: '14 rate it Buy', '14 analysts now rate the stock a
    buy, 9 a hold and one a sell', 'three recommend buying the shares', 'Buy: 17 | Hold: 6'. The
    rating word stands in the number's own stretch of words, before the next comma or number, in a
    sentence about analysts' ratings."""
    doc = span.doc
    if span.start >= 2 and doc[span.start - 1].text == ":" and _rating_word(doc[span.start - 2]):
        return doc[span.start - 2]
    sent = span.sent
    if not any(t.lemma_.lower() in RATING_CONTEXT for t in sent):
        return None
    for tok in doc[span.end:min(span.end + 7, sent.end)]:
        if tok.like_num or tok.text in {",", ";", "|", "(", ":"}:
            return None
        if _rating_word(tok) and tok.lemma_.lower() not in {"rating", "rate"}:
            return tok
    return None
