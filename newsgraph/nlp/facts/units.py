"""The value and unit of a figure from its own words: '$42.50', '€2.27bn', '2.3 billion euros',
'40.5 GWh', 'seven hundred', 'Rs 1,092 crore'. Currencies stay as named, never converted; the
words (numbers, scale words, currencies, units) are the lexicon's ``quantities.toml``."""
from __future__ import annotations

import re
from decimal import Decimal

from spacy.tokens import Span, Token

from newsgraph import lexicon

WORD_NUMBERS = lexicon.table("quantities.word_numbers")
MAGNITUDES = lexicon.table("quantities.magnitudes")
MONEY_MAGNITUDES = lexicon.table("quantities.money_magnitudes")  # '$880 mm': only after a currency sign
SUBUNITS = {word: (code, per) for word, (code, per) in lexicon.table("quantities.subunits").items()}
NUMBER = lexicon.pattern("quantities.number", re.I)
GLUED = lexicon.pattern("quantities.glued")  # 'HK$3.2', '68bn', '268.2p'
PENCE = re.compile(r"p\b.*", re.S)  # a price in pence written '268.2p'
CURRENCY_SIGNS = list(lexicon.table("quantities.currency_signs").items())  # longest sign first
CURRENCY_WORDS = lexicon.table("quantities.currency_words")
CURRENCY_CODES = lexicon.words("quantities.currency_codes")
PREFIX_WORDS = lexicon.table("quantities.prefix_words")  # 'Rs 1,092 crore'
PREFIXES = {sign for sign, _ in CURRENCY_SIGNS} | CURRENCY_CODES | set(PREFIX_WORDS)  # '$42.50', 'CHF 92.50'
# Unit words after a number (lower-cased token sequences); currencies stay as named, never converted.
UNIT_PHRASES: dict[tuple[str, ...], str] = {
    **{(w,): code for w, code in CURRENCY_WORDS.items()},
    **{tuple(phrase.split(" ")): unit for phrase, unit in lexicon.table("quantities.unit_phrases").items()},
}
MONEY_UNITS = ({u for u in UNIT_PHRASES.values() if re.fullmatch(r"[A-Z]{3}", u)} | set(CURRENCY_WORDS.values())
               | CURRENCY_CODES | {code for _, code in CURRENCY_SIGNS})
UNIT_STARTS = {key[0] for key in UNIT_PHRASES}
UNIT_WORDS = {word for key in UNIT_PHRASES for word in key}
COUNT_UNITS = lexicon.table("quantities.count_units")  # '1,180 workers' -> 'workers'
DIRECTION_WORDS = lexicon.words("quantities.direction_words")  # a move's direction: 'closed 2.4% lower'


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
    money = unit in CURRENCY_CODES or unit in {code for _, code in CURRENCY_SIGNS}
    while n < len(words) and (words[n] in MAGNITUDES or money and words[n] in MONEY_MAGNITUDES) and (
            len(words[n]) > 2 or tail[n].whitespace_ == "" or n == 0 and (
                money or tail[n].i > 0 and tail[n].doc[tail[n].i - 1].whitespace_ == "")):
        if magnitude_free:  # '$1.5 bn', '$880 mm': spaced short scale words after a currency sign
            value = _scaled(value, MAGNITUDES.get(words[n]) or MONEY_MAGNITUDES[words[n]])
            magnitude_free = False
        n += 1
    if "%" in text or (n < len(words) and words[n] == "%"):
        return value, "percent"
    found = _unit_at(words, n)
    if found is not None:
        unit = found if unit is None or found not in CURRENCY_CODES else (found if found != "USD" else unit)
    if unit in SUBUNITS:  # '80 cents' is 0.80 of the dollar
        code, per = SUBUNITS[unit]
        return float(Decimal(repr(value)) / Decimal(per)), code
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
