"""Quantities: the value, unit and qualifier of each figure in a text.

Which tokens are a figure is ``figures``'s business; the value and unit come from the figure's own
words (``units``); the qualifier (exact, about, more_than, less_than, target, forecast) from the
words before it and the words that govern it in the parse (``qualifiers``). The two ends of a range
are a floor and a ceiling; the earlier value of a change ('up from 44') is marked as such. Who and
what the figure is about is the rest of the ``newsgraph.nlp.facts`` package's business.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from newsgraph import lexicon
from newsgraph.model import Qualifier
from newsgraph.nlp.facts.analysts import rated_as, rating_word
from newsgraph.nlp.facts.figures import RANGE_WORDS, number_spans
from newsgraph.nlp.facts.qualifiers import qualifier_of
from newsgraph.nlp.facts.units import COUNT_UNITS, DIRECTION_WORDS, MAGNITUDES, UNIT_WORDS, parse_value
from newsgraph.nlp.common.spans import text_of

LINKED_CLAUSE_DEPS = lexicon.words("facts.linked_clause_deps")
# A comparison with the same period one year back: 'a year earlier', 'the same quarter last year'.
YEAR_EARLIER = lexicon.pattern("quantities.year_earlier", re.I)
COMPARED_WITH = lexicon.pattern("quantities.compared_with")  # 'against €15bn', 'compared with 44'
TO_A_LEVEL = re.compile(r"\bto\s+(?:[A-Z]{3}\s+)?\S*\d\S*(?:\s+[a-z]+)?\s*$")  # 'to 300p from', 'to 82 yuan from'


@dataclass(frozen=True)
class Quantity:
    """One figure of a text: its words (a span of the doc), value, unit and qualifier.

    ``counted`` says the unit is the noun the number counts ('1,180 workers' -> 'workers'), not a
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
    if verb is not None and verb.dep_ in LINKED_CLAUSE_DEPS:
        out.append(verb.head)
    return out


def is_previous(span: Span) -> bool:
    """The earlier value of a change: 'raised to ¥2,300 from ¥2,050', '51 jets, up from 44'; or of a
    comparison with a year before: 'sales were €15.2bn, against €15bn a year earlier'."""
    doc = span.doc
    if span.start == 0:
        return False
    before = doc[max(span.start - 2, 0):span.start].text.lower()
    if COMPARED_WITH.search(before):
        return year_earlier_follows(span)
    if doc[span.start - 1].lower_ != "from":
        return False
    head = doc[span.start - 1].head
    to_a_level = TO_A_LEVEL.search(text_of(doc)[max(span.sent.start_char, span.start_char - 40):doc[span.start - 1].idx])
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
    return bool(YEAR_EARLIER.match(text_of(doc)[start:start + 40]))


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
    """What a bare number counts: '1,180 workers' -> 'workers', 'two Buys' -> 'ratings'."""
    if rated_as(span) is not None:
        return "ratings"
    head = span.root.head if span.root.dep_ in {"nummod", "quantmod", "compound", "amod"} or (
        span.root.lower_ == "no" and span.root.dep_ == "det") else None
    if head is None:
        return None
    if rating_word(head):
        return "ratings"
    return COUNT_UNITS.get(head.lemma_.lower())
