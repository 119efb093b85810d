"""Which tokens of an article are a figure: spaCy's MONEY / PERCENT / CARDINAL / QUANTITY entities
and the numbers it missed or mislabelled ('HK$3.2 billion', '£68bn', '4 terawatt hours'), minus
what only looks like one (years, model names, codes, tickers, counts of sources, page furniture).
A range entity is split into its two ends."""
from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from newsgraph import lexicon
from newsgraph.nlp.facts.analysts import ANALYST_NOUNS, rated_as, rating_word
from newsgraph.nlp.facts.units import (COUNT_UNITS, CURRENCY_CODES, GLUED, MAGNITUDES, PREFIXES, UNIT_STARTS,
                                       WORD_NUMBERS)
from newsgraph.periods import MONTH_WORDS

NUMBER_LABELS = {"MONEY", "PERCENT", "CARDINAL", "QUANTITY"}
RANGE_WORDS = lexicon.words("quantities.range_words")
LABEL_NOUNS = lexicon.words("quantities.label_nouns")  # a number after these names a kind, not an amount
PRODUCT_LINE_NOUNS = lexicon.words("quantities.product_line_nouns")
INDEX_NOUNS = lexicon.words("quantities.index_nouns")
FRACTION_WORDS = lexicon.words("quantities.fraction_words")
ONE_OF_WORDS = lexicon.words("quantities.one_of_words")
SOURCE_NOUNS = lexicon.words("quantities.source_nouns")
SOURCE_COUNTS = lexicon.pattern("quantities.source_counts")
JUNK = lexicon.pattern("quantities.junk", re.I)
DIGIT = re.compile(r"\d")
YEAR = re.compile(r"(?:19|20)\d{2}")
DECADE = re.compile(r"(?:19|20)\d{2}s?")
BARE_NUMBER = re.compile(r"\d[\d,.]*")
COUNT = re.compile(r"\d[\d,]*")
PRICE_IN_PENCE = re.compile(r"\d[\d,]*(?:\.\d+)?p")
CODE = re.compile(r"[A-Za-z]\d|\d-\d")
CAPITAL = re.compile(r"[A-Z]")


def number_spans(doc: Doc) -> list[Span]:
    """The figures of an article: numeric entities, and numbers the NER left out or mislabelled
    ('HK$3.2 billion', '£68bn', '4 terawatt hours'); a range entity is split into its two ends."""
    spans = [e for e in doc.ents if e.label_ in NUMBER_LABELS or e.label_ in {"TIME", "DATE"} and _has_unit(e)]
    covered = {t.i for e in doc.ents for t in e
               if not _misread_date(e, t) and not _code_and_number(e, t) and not _count_in_a_name(e, t)}
    for tok in doc:
        if tok.i in covered:
            continue
        if tok.like_num and tok.pos_ == "NUM" and DIGIT.search(tok.text) or GLUED.fullmatch(tok.text):
            end = tok.i + 1
            while end < len(doc) and doc[end].lower_ in MAGNITUDES and len(doc[end]) > 2:
                end += 1
            spans.append(doc[tok.i:end])
            covered.update(range(tok.i, end))
        elif tok.lower_ == "no" and rating_word(tok.head) and tok.head.i == tok.i + 1:
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
    return (ent.label_ == "DATE" and tok.i == ent.start and tok.like_num and BARE_NUMBER.fullmatch(tok.text)
            and not YEAR.fullmatch(tok.text) and tok.i > 0 and tok.nbor(-1).lower_ in {"from", "to"}
            and (tok.i + 1 >= len(tok.doc) or tok.doc[tok.i + 1].lower_ not in MONTH_WORDS))


def _count_in_a_name(ent: Span, tok: Token) -> bool:
    """'2 Sell' read as a person's name: a bare number opening a name is a count."""
    return ent.label_ not in NUMBER_LABELS | {"DATE", "TIME"} and tok.i == ent.start and len(ent) > 1 \
        and bool(COUNT.fullmatch(tok.text))


def _code_and_number(ent: Span, tok: Token) -> bool:
    """'CHF 88.40' read as a name, '268.2p' as a date: a price with its currency is a figure."""
    if ent.label_ not in NUMBER_LABELS and PRICE_IN_PENCE.fullmatch(tok.text):
        return True
    return ent.label_ not in NUMBER_LABELS and tok.i > ent.start and ent[0].text in CURRENCY_CODES and tok.like_num


def _has_unit(span: Span) -> bool:
    """'4 terawatt hours' (tagged TIME by the model) is an amount of energy, not a time."""
    return any(t.like_num and t.i + 1 < span.end and span.doc[t.i + 1].lower_ in UNIT_STARTS
               and span.doc[t.i + 1].lower_ not in {"hours", "hour"} for t in span)


def _split_range(span: Span) -> list[Span]:
    """'between 2,000 and 3,000', '$4 billion to $5 billion' -> the two ends as two spans."""
    numbers = [t for t in span if DIGIT.search(t.text)]
    if len(numbers) < 2:
        return [span]
    for t in span:
        if t.lower_ in RANGE_WORDS and numbers[0].i < t.i < numbers[-1].i:
            return [span.doc[span.start:t.i], span.doc[t.i + 1:span.end]]
    return [span]


def _excluded(span: Span) -> bool:
    doc = span.doc
    text = span.text.strip()
    last = span[-1]
    if span.label_ in {"CARDINAL", ""} and DECADE.fullmatch(text):
        return True  # a year
    if _model_number(span) or _in_a_name(span):
        return True
    if _is_code(span):
        return True  # part of a model number or code: '777-9', 'A350-1000', 'SU7'
    if span.start > 0 and doc[span.start - 1].text in {"#", "No."} and span.label_ in {"CARDINAL", "MONEY", ""}:
        return True  # a rank or a label: 'Rank #3', 'No. 2'
    if span.start > 0 and doc[span.start - 1].text == "(" or span.end < len(doc) and doc[span.end].text == ")" \
            and span.start > 0 and doc[span.start - 1].text in {":", "("}:
        return True  # inside a ticker or a bracketed code
    if last.head.pos_ == "PROPN" and last.head.i < span.start and last.dep_ in {"nummod", "appos", "compound", "npadvmod"} \
            and span.label_ not in {"PERCENT", "MONEY"}:
        return True  # a model name: 'Model 3', 'iPhone 15'
    if span.end < len(doc) and doc[span.end].lower_ == "of" and span.label_ == "CARDINAL" \
            and text.lower() in ONE_OF_WORDS:
        return True  # 'one of the largest'
    if JUNK.match(span.sent.text):
        return True  # page furniture: 'Read more: 5 things to know', '12 comments'
    if last.head.lower_ in SOURCE_NOUNS and span.label_ == "CARDINAL" and last.dep_ == "nummod" \
            and SOURCE_COUNTS.fullmatch(last.lower_):
        return True  # 'two people familiar with the matter' describes a source, not a fact
    if last.dep_ == "nummod" and last.head.lemma_.lower() in ANALYST_NOUNS and rated_as(span) is None:
        return True  # 'the 17 analysts who cover Acme': who judges, not a figure of the company's
    if not DIGIT.search(text) and not any(t.lower_ in WORD_NUMBERS for t in span):
        return True
    if last.lower_ in FRACTION_WORDS and span.end < len(doc) \
            and doc[span.end].lower_ == "of":
        return True  # 'more than half of the market': a share in words, not a figure
    if not DIGIT.search(text) and span.label_ == "CARDINAL" and last.dep_ == "nummod" \
            and last.head.lemma_.lower() not in COUNT_UNITS and not rating_word(last.head) and rated_as(span) is None:
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
    name = doc[span.start - 2] if prev is not None and prev.text in {"-", "–"} and span.start > 1 else prev
    if nxt is not None and nxt.lower_ in INDEX_NOUNS and name is not None and name.pos_ == "PROPN":
        return True  # 'the FTSE 100 index', 'the Stoxx 600 benchmark', 'the Nasdaq-100 Index'
    return bool((nxt is not None and nxt.pos_ == "PROPN" and nxt.text.isupper() and len(nxt) > 1)
                or (prev is not None and prev.pos_ == "PROPN" and prev.ent_type_ == "ORG"
                    and (nxt is None or nxt.pos_ not in {"NOUN"})))


def _in_a_name(span: Span) -> bool:
    """'the Acme 500 rose': a bare number that is the end of a name the article knows."""
    if span.label_ not in {"CARDINAL", ""} or not span.text.isdigit():
        return False
    doc = span.doc
    key_of = doc._.key_of_token or {}
    if key_of.get(span.start):
        return True
    before = key_of.get(span.start - 1) if span.start > 0 else None
    names = [e.name for e in (doc._.entities or {}).values()]
    return before is not None and any(n.split()[-1:] == [span.text] and len(n.split()) > 1 for n in names)


def _is_code(span: Span) -> bool:
    doc = span.doc
    if CODE.search(span.text):
        return True
    glued = doc[span.end] if span.end < len(doc) and span[-1].whitespace_ == "" else None
    if glued is not None and CAPITAL.fullmatch(glued.text) and glued.lower_ not in MAGNITUDES:
        return True  # '5G', '3D': a generation or a format, not an amount
    before = doc[span.start - 1] if span.start > 0 else None
    after = doc[span.end] if span.end < len(doc) else None
    if before is not None and before.text in {"-", "–"} and span.start > 1 and CODE.search(doc[span.start - 2].text) \
            and span.label_ not in {"MONEY", "PERCENT"}:
        return True  # a model number written spaced out: "Core i9 - 7900"
    if before is not None and before.text in {"-", "/"} and before.whitespace_ == "" and span.start > 1 \
            and doc[span.start - 2].whitespace_ == "" and doc[span.start - 2].text[-1:].isalnum():
        return True
    return (after is not None and after.text in {"-", "/"} and span[-1].whitespace_ == ""
            and span.end + 1 < len(doc) and doc[span.end + 1].text[:1].isdigit() and after.whitespace_ == "")
