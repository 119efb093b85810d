"""Numeric facts: value, unit and qualifier of each figure, and who it is about, which metric, when.

The figure comes from spaCy's MONEY / PERCENT / CARDINAL / QUANTITY entities (and numbers it
missed); the frame around it from the parse: the noun it counts, the verb that governs it, that
verb's subject (through coreference), the nearest date of the same clause.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import replace
from datetime import datetime, timedelta

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from newsgraph.model import EntityType, Evidence, Fact, Qualifier
from newsgraph.nlp.common import coref
from newsgraph.nlp.quantities import (COUNT_UNITS, DIRECTION_WORDS, FORECAST_NOUNS, FORECAST_WORDS, MAGNITUDES,
                                      MONEY_UNITS, RATING_CONTEXT, RATING_WORDS, TARGET_WORDS, UNIT_WORDS, Quantity,
                                      governors, quantities, rated_as, year_earlier_follows)
from newsgraph.nlp.local_dollar import local_dollar
from newsgraph.nlp.common.spans import sentence_evidence

Doc.set_extension("facts", default=None, force=True)

CHANGE_VERBS = {"rise", "fall", "surge", "jump", "drop", "climb", "gain", "decline", "slide", "grow",
                "increase", "decrease", "soar", "plunge", "tumble", "rally", "sink", "slump", "dip",
                "add", "lose", "shed", "rebound", "advance", "retreat", "slip", "edge", "spike", "crash"}
CHANGE_DIRECTION = {"cut": "reduction", "reduce": "reduction", "lower": "reduction", "trim": "reduction",
                    "slash": "reduction", "shrink": "reduction", "raise": "increase", "increase": "increase",
                    "lift": "increase", "boost": "increase", "expand": "increase", "hike": "increase"}
PLURAL_METRICS = {"sales", "earnings", "proceeds", "savings", "assets", "shipments", "deliveries", "orders",
                  "bookings", "revenues", "profits", "losses", "registrations", "exports", "imports"}
NOMINAL = {"deliver": "deliveries", "sell": "sales", "produce": "production", "ship": "shipments",
           "invest": "investment", "cut": "cuts", "hire": "hires", "employ": "employees", "spend": "spending",
           "earn": "earnings", "pay": "payment", "buy": "purchase", "acquire": "acquisition",
           "value": "value", "cost": "cost", "build": "production", "make": "production", "export": "exports",
           "import": "imports", "register": "registrations", "book": "orders", "order": "orders",
           "post": "result", "generate": "revenue", "lay": "layoffs", "eliminate": "job cuts",
           "borrow": "borrowing", "lend": "lending", "own": "stake", "hold": "stake",
           "charge": "price", "price": "price", "manufacture": "production", "record": "result"}
CHANGE_NOUNS = {"rise", "fall", "increase", "decrease", "drop", "gain", "decline", "jump", "growth", "surge",
                "slump", "dip", "loss", "rally", "climb", "plunge", "slide", "change", "cut", "boost", "uplift"}
DECREASE_WORDS = {"fall", "drop", "decline", "slide", "slip", "sink", "plunge", "tumble", "lose", "shed", "dip",
                  "slump", "retreat", "crash", "decrease", "lower", "down", "loss", "cut", "shrink", "contract",
                  "fell", "dropped", "declined", "lost"}
COUNTED_EVENTS = {"delivery", "sale", "order", "shipment", "registration", "booking", "subscription"}
METRIC_SUBJECTS = {"revenue", "sale", "profit", "earnings", "income", "share", "stock", "delivery", "output",
                   "production", "order", "margin", "loss", "ebitda", "turnover", "volume", "shipment", "price",
                   "headcount", "workforce", "cost", "spending", "investment", "dividend", "guidance", "forecast"}
# after 'in', words of time or of the form of payment ('$1bn in cash'), not what the amount is of
NOT_WHAT_NOUNS = {"year", "years", "quarter", "quarters", "month", "months", "week", "weeks", "day", "days", "period",
                  "half", "trading", "total", "all", "stake", "shares", "stock", "cash"}
MONTH_PERIOD = re.compile(r"[A-Z][a-z]{2} \d{4}")
# Fiscal periods: 'Q2 FY2027', 'H1 FY27', 'FY2026', and a year across two calendar years, '2025-26'.
FISCAL = re.compile(r"\b(?:(?:(?P<part>Q[1-4]|H[12])\s+)?FY\s?'?(?P<fy>\d{4}|\d{2})\b|"
                    r"(?:(?P<season>winter|summer|spring|autumn|season)\s+)?(?P<y1>(?:19|20)\d{2})[-/–](?P<y2>\d{2})\b(?!-))",
                    re.I)
NUMBER_OF_MONTHS = {"three": 3, "3": 3, "six": 6, "6": 6, "nine": 9, "9": 9}
MONTHS_TO = re.compile(r"\b(?:(?P<n>three|six|nine|[369])[- ]months?|(?P<year>(?:fiscal |financial )?year))\s+"
                       r"(?:to|ended|ending|through|until)\s+(?:in\s+)?(?:the end of\s+)?(?P<mon>[A-Z][a-z]+)\.?"
                       r"(?:\s+\d{1,2}(?:st|nd|rd|th)?\b)?(?:,?\s+(?P<y>\d{4}))?", re.I)
THE_PERIOD = re.compile(r"\b(?:in|during|for|over) (?:the|that) (month|quarter|year)\b", re.I)
PERIOD_KINDS = {"month": MONTH_PERIOD, "quarter": re.compile(r"Q[1-4] \d{4}|[A-Z][a-z]{2}-[A-Z][a-z]{2} \d{4}"),
                "year": re.compile(r"(?:FY)?\s?\d{4}")}
FULL_YEAR = re.compile(r"\b(?:full[- ]year|whole[- ]year|annual|this year's|for the (?:full )?year)\b", re.I)
REVISE_VERBS = {"raise", "lift", "cut", "lower", "trim", "boost", "increase", "reduce", "revise", "hike", "slash",
                "upgrade", "downgrade"}
INTO_VERBS = {"invest", "spend", "put", "pour", "inject", "plough", "plow", "sink", "commit", "allocate"}
PENALTY_VERBS = {"fine", "penalize", "penalise"}
OBJECT_FIGURE_VERBS = PENALTY_VERBS | {"sanction", "value"}  # the object's figure: fined, valued
COPULAS = {"be", "stand", "total", "reach", "amount", "come"}
PERIODIC_METRICS = {"revenue", "sales", "sale", "profit", "earnings", "income", "loss", "margin", "ebitda",
                    "deliveries", "delivery", "change", "turnover", "production", "output", "shipments",
                    "orders", "result", "growth"}
PERIOD = re.compile(r"\b(?:(?P<q>Q[1-4]|H[12]|FY)\s*(?P<qy>\d{4})|(?P<ord>first|second|third|fourth)[- ]"
                    r"(?P<kind>quarter|half)(?:\s+of)?\s*(?P<oy>\d{4})?|(?P<y>(?:19|20)\d{2}))\b", re.I)
ANALYST_NOUNS = {"analyst", "strategist", "economist", "broker", "brokerage"}
FACILITY_NOUNS = {"plant", "factory", "site", "facility", "mine", "refinery", "mill", "shipyard", "yard",
                  "fab", "foundry", "warehouse", "smelter", "works", "gigafactory", "campus", "complex"}
SUBJECT_TYPES = {EntityType.COMPANY.value, EntityType.PERSON.value, EntityType.GOVERNMENT.value,
                 EntityType.PLACE.value}
MONTH_NUMBERS = {name.lower(): n for n, name in enumerate(calendar.month_name) if name}
MONTH_ABBR = {name[:3]: n for name, n in MONTH_NUMBERS.items()}
OFFER_WORDS = {"offer", "bid", "approach", "proposal", "takeover", "buyout", "tender", "acquire", "buy"}
US_DOLLAR_WORDS = re.compile(r"\bUS\b|US\$|\bUSD\b|U\.S\.|\bAmerican\b")  # a dollar said to be the US one
DAY = re.compile(r"\d{4}-\d{2}-\d{2}")  # a period that is one day
TRADING_TIMES = {"day", "session", "week", "month", "year", "quarter", "trading"}
CLOSE_VERBS = {"close", "finish", "end", "open", "settle", "trade"}  # 'Acme finished the day 8.7% lower'
MONTH_DAY = re.compile(r"\b(?P<mon>[A-Za-z]{3,9})\.?\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?\b(?!,?\s*\d{4})")


@Language.factory("newsgraph_facts_v1", assigns=["doc._.facts"], requires=["doc.ents", "token.dep", "doc._.entities"])
def make_facts(nlp: Language, name: str) -> "FactFinder":
    return FactFinder()


class FactFinder:
    def __call__(self, doc: Doc) -> Doc:
        article_id = doc._.article_id
        published: datetime | None = doc._.published_at
        facts: list[Fact] = []
        found = quantities(doc)
        spans = [q.span for q in found]
        floor: Fact | None = None  # the fact of a range's floor, until its ceiling comes
        current: list[Fact] = []  # the facts of the periods the article reports on, not earlier values
        for quantity in found:
            span = quantity.span
            if quantity.previous:
                fact = earlier_value(quantity, facts[-1] if facts else None)
                if fact is not None:
                    facts.append(fact)
                continue
            fact = frame(quantity, spans, article_id, published)
            if floor is not None and facts and facts[-1] is floor and (fact is None or fact.metric == "amount"):
                fact = replace(floor, value=quantity.value, qualifier=quantity.qualifier,  # a range's ceiling
                               quantity=Evidence(article_id, span.start_char, span.end_char))
            if fact is None:
                continue
            if fact.period is None and fact.metric.split()[-1] in PERIODIC_METRICS and not is_market_move(fact.metric):
                fact = replace(fact, period=discourse_period(span, current))
            if floor is not None and facts and facts[-1] is floor and fact.period != floor.period:
                facts[-1] = current[-1] = replace(floor, period=fact.period)  # '10% to 12% by 2028': one period for both ends
            facts.append(fact)
            current.append(fact)
            floor = fact if quantity.range_low else None
        doc._.facts = in_local_dollars(doc, trading_days(changes_dated_by_level(facts), published))
        return doc



def earlier_value(quantity: Quantity, latest: Fact | None) -> Fact | None:
    """'delivered 51 jets in May, up from 44 a year earlier': the earlier value of the figure just
    before it in the sentence, same subject and metric; a year earlier is the same period one year
    back, any other earlier value is the metric's 'previous' level."""
    span = quantity.span
    if latest is None or latest.quantity is None or latest.evidence.start != span.sent.start_char \
            or latest.quantity.end > span.start_char:
        return None
    if latest.period and year_earlier_follows(span):
        period, metric = re.sub(r"\d{4}", lambda m: str(int(m.group()) - 1), latest.period), latest.metric
    else:
        period, metric = None, f"previous {latest.metric}"
    return replace(latest, value=quantity.value, unit=quantity.unit if not quantity.counted else latest.unit,
                   qualifier=quantity.qualifier, period=period, metric=metric,
                   quantity=Evidence(latest.evidence.article_id, span.start_char, span.end_char))


def metric_of(span: Span, govs: list[Token]) -> tuple[str, str | None]:
    """(metric, count unit) in a short normalised form."""
    root = span.root
    head = root.head if root.dep_ in {"nummod", "quantmod", "compound", "amod", "nmod", "appos"} else None
    if head is not None and head.lower_ in MAGNITUDES:  # '€400' + 'm': the magnitude is no metric
        head = head.head if head.head.i != head.i and head.head.pos_ in {"NOUN", "PROPN"} else None
    doc = span.doc
    if head is not None and head.i >= span.end and head.lower_ in UNIT_WORDS:  # '18 billion Swedish crowns'
        whole = doc[span.start:head.i + 1]
        return metric_of(whole, governors(whole))
    verb = next((g for g in govs if g.pos_ in {"VERB", "AUX"}), None)
    of = doc[span.start - 1] if span.start > 1 and doc[span.start - 1].lower_ == "of" else None
    if of is not None and doc[of.i - 1].pos_ == "NOUN":  # 'price target of $42.50', 'a target of 300,000 deliveries'
        base = _noun_phrase(doc[of.i - 1])
        counted = head.lemma_.lower() if head is not None and head.i == span.end and (
            head.lemma_.lower() in COUNT_UNITS or head.lemma_.lower() in COUNTED_EVENTS) else ""
        return (f"{counted} {base}".strip(), COUNT_UNITS.get(counted, head.lower_ if counted else None))
    if head is not None and head.lemma_.lower() in CHANGE_NOUNS:
        return f"{_changed_thing(head) or 'value'} change", None
    whole = _partitive_whole(span)
    if whole is not None:  # '14,210 of those cars', 'nearly 12,000 of the month's deliveries'
        lemma = whole.lemma_.lower()
        unit = COUNT_UNITS.get(lemma)
        if unit is not None and verb is not None and verb.lemma_.lower() in NOMINAL:
            return f"{_singular(unit)} {NOMINAL[verb.lemma_.lower()]}", unit
        return (_noun_phrase(whole), unit) if unit is None else (unit, unit)
    if span.end < len(doc) and doc[span.end].lower_ in DIRECTION_WORDS and verb is not None:
        return f"{_changed_thing(verb) or 'value'} change", None  # 'closed 2.4% lower'
    direction = span.root.head if span.root.dep_ == "npadvmod" else None
    if direction is not None and direction.lower_ in DIRECTION_WORDS:
        changed = direction.head  # 'closed up 2.8%'; 'rose to ¥198.5bn, up 24%': what the amount is of
        while changed.pos_ not in {"VERB", "AUX"} and changed.head.i != changed.i:
            changed = changed.head
        return f"{_changed_thing(changed) or 'value'} change", None
    revised = _revised(span)
    if revised is not None:  # 'raised its profit forecast to ¥420bn from ¥380bn'
        return _noun_phrase(revised), None
    spent_on = _in_what(span)
    if spent_on is not None:  # '$45 million in yearly cost savings', '$450 million in funding'
        return _noun_phrase(spent_on), None
    target = _object_of_to(span)
    counts_itself = head is not None and head.i == span.end and (
        head.lemma_.lower() in COUNT_UNITS or head.lemma_.lower() in COUNTED_EVENTS)  # 'at 81,226 deliveries'
    if target is not None and target.pos_ == "NOUN" and target.lemma_.lower() not in COUNT_UNITS and not counts_itself:
        return _noun_phrase(target), None
    to_change = _to_after_change(span)
    if to_change is not None:  # 'rose 9% to ¥118.6bn': the level of what changed
        return _changed_thing(to_change) or "value", None
    if head is not None and head.pos_ in {"NOUN", "PROPN"}:
        lemma = head.lemma_.lower()
        if lemma in COUNT_UNITS:
            unit = COUNT_UNITS.get(lemma, head.lower_)
            if verb is not None and verb.lemma_.lower() in NOMINAL:
                return f"{_singular(unit)} {NOMINAL[verb.lemma_.lower()]}".strip(), unit
            return unit, unit
        return _noun_phrase(head), None
    for g in govs:  # 'price target of $42.50', 'a stake of 5%'
        if g.pos_ in {"VERB", "AUX"}:
            break
        if g.pos_ == "NOUN" and g.lower_ not in MAGNITUDES:
            return _noun_phrase(g), None
    if verb is not None and _lemma(verb) in PENALTY_VERBS:
        return "fine", None  # 'fined Acme £48m'
    by_how_much = _by_how_much(span, verb)
    if by_how_much is not None:
        return by_how_much, None
    if verb is not None:
        lemma = verb.lemma_.lower()
        if lemma in CHANGE_VERBS:
            return f"{_changed_thing(verb) or 'value'} change", None
        if lemma in TARGET_WORDS | FORECAST_WORDS and verb.dep_ in {"conj"}:
            return metric_of_verb(verb.head)
        if lemma in NOMINAL:
            return metric_of_verb(verb)
    if head is not None:
        return head.lower_, None
    if verb is not None:
        subj = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        if subj is not None and subj.pos_ == "NOUN" and (subj.lemma_.lower() in METRIC_SUBJECTS
                                                        or verb.lemma_.lower() in COPULAS):
            return _noun_phrase(subj), None  # 'Revenue came to ¥2,187.4bn', 'The price target is €108'
    return "amount", None


def _partitive_whole(span: Span) -> Token | None:
    """The noun a bare number is a part of: '14,210 of those cars' -> 'cars'."""
    doc = span.doc
    if span.end >= len(doc) or doc[span.end].lower_ != "of" or span.root.ent_type_ not in {"CARDINAL", ""}:
        return None
    whole = next((c for c in doc[span.end].children if c.dep_ == "pobj"), None)
    if whole is None or whole.pos_ != "NOUN" or whole.ent_type_:
        return None
    return whole


def _changed_thing(tok: Token) -> str | None:
    """What a change word is about: 'rise in operating profit', 'shares fell', 'revenue grew',
    'increase production'; a company that 'rose 5%' is its share price."""
    if tok.pos_ == "NOUN":
        for prep in (c for c in tok.children if c.dep_ == "prep" and c.lower_ in {"in", "of"}):
            for obj in (c for c in prep.children if c.dep_ == "pobj" and c.pos_ == "NOUN"):
                return _noun_phrase(obj)
    obj = next((c for c in tok.children if c.dep_ == "dobj" and c.pos_ == "NOUN"
                and c.lemma_.lower() not in TRADING_TIMES), None)  # 'finished the day 8.7% lower'
    if obj is not None:
        return _noun_phrase(obj)
    subj = next((c for c in tok.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    head = tok
    while subj is None and head.dep_ in {"advcl", "conj", "xcomp"} and head.head.i != head.i:
        head = head.head
        subj = next((c for c in head.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if subj is not None and subj.pos_ == "NOUN":
        word = _noun_phrase(subj)
        return "share price" if word in {"share", "stock", "shares"} else word
    if subj is not None and subj.pos_ == "PROPN" or tok.pos_ == "NOUN":
        return "share price" if tok.lemma_.lower() in CHANGE_VERBS | CHANGE_NOUNS | CLOSE_VERBS else None
    return None


def _to_after_change(span: Span) -> Token | None:
    """The change word for a figure introduced by 'to' after it: 'rose 9% to ¥118.6bn'; or by
    'at' after a market move: 'closed 8.7% lower at 71.90 yuan', 'were down 7.3% at 268.2p'."""
    doc = span.doc
    word = doc[span.start - 1].lower_ if span.start else ""
    if word not in {"to", "at"}:
        return None
    head = doc[span.start - 1].head
    if word == "at" and head.lower_ in DIRECTION_WORDS:
        head = head.head
    for _ in range(3):  # 'fell from a year earlier to ¥41.2bn': 'to' may hang from the 'from' phrase
        if head.lemma_.lower() in CHANGE_VERBS | CHANGE_NOUNS:
            return head
        if word == "at" and head.lemma_.lower() in CLOSE_VERBS:  # not 'closed the quarter at 81,226 deliveries'
            counted = span.root.head if span.root.dep_ == "nummod" and span.root.head.pos_ == "NOUN" else None
            price = counted is None or counted.lower_ in UNIT_WORDS
            return head if price and _changed_thing(head) == "share price" else None
        if head.pos_ in {"VERB", "AUX"} or head.head.i == head.i:
            return None
        head = head.head
    return None


def signed(value: float, span: Span, govs: list[Token]) -> float:
    """A fall is a negative change: 'fell 3.1%', 'closed 2.4% lower', 'a 5% drop'."""
    doc = span.doc
    words = [g.lemma_.lower() for g in govs[:3]] + [g.lower_ for g in govs[:3]] + [
        t.lower_ for t in doc[span.end:span.end + 1]]
    if span.start > 0 and doc[span.start - 1].lower_ == "to":
        return value  # 'fell to $5': a level, not a change
    return -abs(value) if any(w in DECREASE_WORDS for w in words) else value


def _revised(span: Span) -> Token | None:
    """The object of a verb of revision whose new or old level the figure is: 'raised its forecast
    to ¥420bn', 'cut the dividend from 40 yen'."""
    prep = span.doc[span.start - 1] if span.start > 0 else None
    if prep is None or prep.lower_ not in {"to", "from"}:
        return None
    verb = prep.head
    for _ in range(5):  # 'raised its forecast for the year ending in March to ...': 'to' may hang lower
        if verb.pos_ == "VERB" and verb.lemma_.lower() in REVISE_VERBS or verb.head.i == verb.i:
            break
        verb = verb.head
    if verb.lemma_.lower() not in REVISE_VERBS:
        return None
    revised = next((c for c in verb.children if c.dep_ == "dobj" and c.pos_ == "NOUN"), None)
    if revised is None and verb.tag_ == "VBN":  # 'target raised to DKK 2,300', 'forecast cut to ...'
        revised = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"} and c.pos_ == "NOUN"), None)
    return revised


def _in_what(span: Span) -> Token | None:
    """The noun of 'in ...' right after an amount of money: what the amount is of."""
    doc = span.doc
    if span.end + 1 >= len(doc) or doc[span.end].lower_ != "in" or not span.root.like_num and span.label_ != "MONEY":
        return None
    obj = next((c for c in doc[span.end].children if c.dep_ == "pobj"), None)
    if obj is None or obj.pos_ != "NOUN" or obj.ent_type_ or obj.lower_ in NOT_WHAT_NOUNS:
        return None
    if any(t.lemma_.lower() in INTO_VERBS for t in (doc[span.end].head, span.root.head)):
        return None  # 'invest $3bn in the factory': where the money goes
    return obj


def _ratings_metric(span: Span) -> str:
    """'2 Buy', '11 Hold ratings', '14 rate it Buy' -> 'analyst Buy ratings'."""
    word = rated_as(span) or span.root.head
    if word.lemma_.lower() in {"rating", "rate"}:  # '1 Sell rating'
        word = next((c for c in word.children if c.dep_ in {"compound", "amod"} and c.text[:1].isupper()), word)
    return f"analyst {word.lemma_.capitalize()} ratings" if word.lemma_.lower() not in {"rating", "rate"} \
        else "analyst ratings"


def _by_how_much(span: Span, verb: Token | None) -> str | None:
    """'cut its costs by €800m' -> 'cost reduction'; 'raise prices by 5%' -> 'price increase': the
    figure is how much the verb's object changes."""
    if verb is None or span.start == 0 or span.doc[span.start - 1].lower_ != "by":
        return None
    direction = CHANGE_DIRECTION.get(verb.lemma_.lower())
    thing = next((c for c in verb.children if c.dep_ == "dobj" and c.pos_ == "NOUN"), None)
    if direction is None or thing is None or thing.lemma_.lower() in COUNT_UNITS:
        return None
    return f"{_noun_phrase(thing, plural=False)} {direction}"


def metric_of_verb(verb: Token) -> tuple[str, str | None]:
    """'delivered 82,000 vehicles' -> ('vehicle deliveries', 'vehicles')."""
    nominal = NOMINAL.get(verb.lemma_.lower(), verb.lemma_.lower())
    for obj in (c for c in verb.children if c.dep_ in {"dobj", "attr"}):
        if obj.lemma_.lower() in COUNT_UNITS:
            unit = COUNT_UNITS[obj.lemma_.lower()]
            return f"{_singular(unit)} {nominal}", unit
    return nominal, None


def _singular(unit: str) -> str:
    return {"vehicles": "vehicle", "people": "job", "jobs": "job", "aircraft": "aircraft",
            "devices": "device", "stores": "store", "shares": "share"}.get(unit, unit.rstrip("s"))


def _noun_phrase(head: Token, plural: bool = True) -> str:
    """The head noun with its adjectives and compounds, minus names, numbers and determiners; a
    plural head in the singular, except nouns that name a metric in the plural ('sales')."""
    keep = [c for c in head.children if c.dep_ in {"amod", "compound"} and c.i < head.i
            and not c.ent_type_ and c.pos_ in {"ADJ", "NOUN"} and c.lower_.rstrip(".") not in MAGNITUDES]
    last = head.lemma_.lower() if head.tag_ == "NNS" and not (plural and head.lower_ in PLURAL_METRICS) else head.lower_
    words = [t.lower_ for t in sorted(keep, key=lambda t: t.i)] + [last]
    return " ".join(w for w in words if re.search(r"[a-z]", w))


def subject_of(span: Span, govs: list[Token], metric: str = "") -> str | None:
    """Who the figure is about, trying in turn: a name in its own noun phrase ('a 100% U.S.
    tariff', 'the Ford price target', 'its price target on Panasonic'); a name right before it in
    a gapped clause ('Toyota would own 60% and Panasonic 40%'); the subject of the clause above it
    ('It delivered ...', 'F stock has surged ...'); who said it ('The closure affects 1,790
    employees, the carmaker said'); the company that runs the site it is about; the first company
    the sentence names. A firm whose analysts speak in the sentence is never the subject."""
    judges = analyst_firms(span.sent)
    owner = _object_s_figure(span, govs)
    if owner:
        return owner
    if "price target" in metric:  # about the covered stock, never the analyst
        return _subject_in_phrase(span, possessive=False) or _topic(span)
    if metric.endswith(("rating", "ratings")):  # 'Ford has 2 Buy ratings', '14 rate it Buy'
        clause = _subject_of_clause(span)
        return _subject_in_phrase(span, possessive=False) or (clause if clause not in judges else None) \
            or _topic(span)
    for finder in (_subject_in_phrase, _subject_gapped, _we_the_company, _subject_of_clause, _speaker,
                   _facility_owner, _first_company):
        key = finder(span)
        if key and key not in judges:
            return key
    if _bare_metric_subject(span):  # 'Shares rose 2%': the company just named, else the article's
        return _just_named(span, judges) or _topic(span)
    return _topic(span) if judges else None


def _about_ratings(sent: Span) -> bool:
    """The sentence tells of analysts' ratings: 'analysts', 'downgraded', 'stays overweight', 'a Buy'."""
    return any(t.lemma_.lower() in RATING_CONTEXT | RATING_WORDS | {"upgrade", "downgrade"} or t.lower_ in RATING_WORDS
               for t in sent)


def analyst_firms(sent: Span) -> set[str]:
    """The firms whose analysts speak in a sentence ('UBS analysts said', 'analysts at Jefferies
    estimate'): they judge the figure, it is not about them."""
    doc = sent.doc
    firms = set()
    for tok in sent:
        if tok.lemma_.lower() not in ANALYST_NOUNS:
            continue
        for child in tok.children:
            owners = [child] if child.dep_ in {"compound", "poss", "amod", "nmod"} else [
                o for o in child.children if o.dep_ == "pobj"] if child.dep_ == "prep" and child.lower_ in {
                "at", "from", "of", "with"} else []
            for owner in owners:
                key = coref.key_at(doc, owner.i)
                if key:
                    firms.add(key)
    return firms


def _bare_metric_subject(span: Span) -> bool:
    """'Revenue rose 4% to ...', 'Shares fell 3%': a clause about an unnamed owner's figure."""
    tok = span.root
    for _ in range(8):
        subj = next((c for c in tok.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        if subj is not None:
            return subj.lemma_.lower() in METRIC_SUBJECTS and not any(c.dep_ == "poss" for c in subj.children)
        if tok.head.i == tok.i:
            return False
        tok = tok.head
    return False


def _lemma(verb: Token) -> str:
    """The verb's lemma, mended where the tagger's is wrong ('fined' is sometimes given 'fin')."""
    return "fine" if verb.lower_ in {"fined", "fines", "fining"} else verb.lemma_.lower()


def _object_s_figure(span: Span, govs: list[Token]) -> str | None:
    """'The regulator fined Acme £48m', 'the talks value Acme at $1bn': the figure is the object's (what the
    one fined pays, what the one valued is worth), not the subject's."""
    verb = next((g for g in govs if g.pos_ == "VERB"), None)
    if verb is None or _lemma(verb) not in OBJECT_FIGURE_VERBS:
        return None
    for obj in (c for c in verb.children if c.dep_ in {"dobj", "dative"} and c.i not in range(span.start, span.end)):
        key = coref.resolve(obj, SUBJECT_TYPES)
        if key:
            return key
    return None


def _just_named(span: Span, judges: set[str], reach: int = 12) -> str | None:
    """The company named in the few words before the figure's clause ('Acme\n\nShares rose 2%')."""
    doc = span.doc
    key_of = (doc._.key_of_token or {})
    for i in range(span.sent.start - 1, max(span.sent.start - reach, 0) - 1, -1):
        key = key_of.get(i)
        if key and key not in judges and coref.type_of(doc, key) == EntityType.COMPANY.value:
            return key
    return None


def _topic(span: Span, skip: frozenset[str] = frozenset()) -> str | None:
    """The company the article has named most up to this figure (other than those in ``skip``)."""
    doc = span.doc
    counts: dict[str, int] = {}
    for i, key in (doc._.key_of_token or {}).items():
        if i < span.start and key not in skip and coref.type_of(doc, key) == EntityType.COMPANY.value:
            counts[key] = counts.get(key, 0) + 1
    return max(counts, key=counts.get) if counts else None


def _phrase_nouns(span: Span) -> list[Token]:
    doc = span.doc
    nouns = [span.root.head] if span.root.dep_ in {"nummod", "compound", "quantmod", "amod"} else []
    if span.start > 1 and doc[span.start - 1].lower_ == "of":
        nouns.append(doc[span.start - 2])
    target = _object_of_to(span)
    if target is not None:
        nouns.append(target)
    return [n for n in nouns if n.pos_ in {"NOUN", "PROPN"}]


def _object_of_to(span: Span) -> Token | None:
    """'raised its price target on X to ¥2,300': the object whose new level the figure gives."""
    doc = span.doc
    if span.start == 0 or doc[span.start - 1].lower_ not in {"to", "at"}:
        return None
    verb = doc[span.start - 1].head
    if verb.pos_ != "VERB":
        return None
    return next((c for c in verb.children if c.dep_ in {"dobj", "nsubjpass"} and c.lemma_.lower() not in TRADING_TIMES),
                None)


def _subject_in_phrase(span: Span, possessive: bool = True) -> str | None:
    doc = span.doc
    if span[-1].text in {"%", "percent"} and span.end + 1 < len(doc) and doc[span.end].lower_ == "for":
        key = coref.key_at(doc, span.end + 1)  # '60% against 40% for Panasonic': a share and whose it is
        if key and coref.type_of(doc, key) in SUBJECT_TYPES:
            return key
    sentence_has_company = any(coref.type_of(doc, coref.key_at(doc, t.i)) == EntityType.COMPANY.value
                               for t in span.sent)
    for tok in _phrase_nouns(span):
        for child in sorted(tok.children, key=lambda c: c.dep_ != "prep"):
            if child.dep_ == "poss" and not possessive and child.pos_ == "PRON":
                continue
            if child.dep_ in {"compound", "poss"} and child.i not in range(span.start, span.end):
                key = coref.key_at(doc, child.i) or (coref.resolve(child, SUBJECT_TYPES) if child.dep_ == "poss" else None)
                kind = coref.type_of(doc, key)
                if kind == EntityType.PERSON.value and child.dep_ == "compound":
                    continue  # 'close 12 Castorama stores' with the brand read as a person: not whose they are
                if key and kind in SUBJECT_TYPES and (kind != EntityType.PLACE.value or not sentence_has_company):
                    return key
            if child.dep_ == "prep" and child.lower_ in {"on", "for"} and tok.lower_ not in UNIT_WORDS:
                # 'its price target on Panasonic'; not '2.95 euros on Nasdaq Helsinki', a market
                for obj in (c for c in child.children if c.dep_ == "pobj"):
                    key = coref.key_at(doc, obj.i)
                    if key and coref.type_of(doc, key) in SUBJECT_TYPES:
                        return key
    return None


def _subject_gapped(span: Span) -> str | None:
    doc = span.doc
    if span.start < 2:
        return None
    before = doc[span.start - 1]
    key = coref.key_at(doc, before.i)
    if key and coref.type_of(doc, key) == EntityType.COMPANY.value:
        ent_start = before.i
        while ent_start > 0 and coref.key_at(doc, ent_start - 1) == key:
            ent_start -= 1
        if ent_start > 0 and doc[ent_start - 1].lower_ in {"and", ",", "while", "whereas", "with"}:
            return key
    return None


def _we_the_company(span: Span) -> str | None:
    """'"We estimate the cost at $350 million," the chief executive said': 'we' in a quotation is the
    speaker's company, the one the article is about, not the speaker."""
    tok = span.root
    for _ in range(10):
        subj = next((c for c in tok.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        if subj is not None:
            return _topic(span) if subj.lower_ == "we" else None
        if tok.head.i == tok.i:
            return None
        tok = tok.head
    return None


def _subject_of_clause(span: Span) -> str | None:
    doc = span.doc
    tok = span.root
    for _ in range(10):
        subjects = [c for c in tok.children if c.dep_ in {"nsubj", "nsubjpass"} and c.i not in range(span.start, span.end)]
        if subjects:  # more than one when the parse split a noun phrase: 'the premium(nsubj) Nio brand(nsubj)'
            return next(filter(None, map(_subject_named, subjects)), None)
        if tok.pos_ in {"VERB", "AUX"} and tok.dep_ == "conj":
            key = _name_before(tok)
            if key:
                return key
        if tok.head.i == tok.i or tok.dep_ in {"ccomp", "parataxis"}:
            return None
        tok = tok.head
    return None


def _subject_named(subj: Token) -> str | None:
    """The entity a clause's subject names: itself, or its 'ACME stock', 'Acme's share', 'Its shares';
    'Germany's largest chipmaker' is a company of Germany's, the one the article has been naming."""
    doc = subj.doc
    if coref.is_company_noun(subj.lower_) and any(
            c.dep_ == "poss" and coref.type_of(doc, coref.key_at(doc, c.i)) == EntityType.PLACE.value
            for c in subj.children):
        key = coref.antecedent(subj, {EntityType.COMPANY.value})
        if key:
            return key
    key = coref.resolve(subj, SUBJECT_TYPES)
    if key:
        return key
    for child in subj.children:
        if child.dep_ not in {"compound", "poss", "nmod", "amod"}:
            continue
        key = coref.key_at(doc, child.i) or (
            coref.resolve(child, SUBJECT_TYPES) if child.dep_ == "poss" and child.pos_ == "PRON" else None)
        if key and coref.type_of(doc, key) in SUBJECT_TYPES:
            return key
    return None


def _name_before(verb: Token) -> str | None:
    """The subject a parse lost from a conjoined verb: '... and Panasonic would hold 40%'."""
    doc = verb.doc
    i = verb.i - 1
    while i > 0 and doc[i].dep_ in {"aux", "neg", "advmod", "auxpass"}:
        i -= 1
    key = coref.key_at(doc, i)
    return key if key and coref.type_of(doc, key) in SUBJECT_TYPES and doc[i].dep_ != "nsubj" else None


def _speaker(span: Span) -> str | None:
    """The entity that says the clause holding the figure: '..., the company said'."""
    tok = span.root
    while tok.head.i != tok.i:
        if tok.dep_ in {"ccomp", "parataxis"} and tok.head.lemma_.lower() in {"say", "state", "announce", "report",
                                                                                "tell", "add", "estimate", "disclose"}:
            subj = next((c for c in tok.head.children if c.dep_ == "nsubj"), None)
            if subj is not None:
                key = coref.resolve(subj, {EntityType.COMPANY.value, EntityType.GOVERNMENT.value})
                if key:
                    return key
        tok = tok.head
    return None


def _facility_owner(span: Span) -> str | None:
    """A figure about a site is about the company that runs it: 'The plant built 110,000 cars',
    'The first phase of the factory has 40 GWh', '1,500 people work at the plant'. The owner is
    named in the site's own phrase ('Acme's plant', 'the Acme factory') or is the company the
    article was just speaking of."""
    tok = span.root
    for _ in range(10):
        if tok.pos_ in {"VERB", "AUX"}:
            break
        if tok.head.i == tok.i:
            return None
        tok = tok.head
    else:
        return None
    candidates = []
    for child in tok.children:
        if child.dep_ in {"nsubj", "nsubjpass"}:
            candidates += [child, *(o for p in child.children if p.dep_ == "prep" and p.lower_ == "of"
                                    for o in p.children if o.dep_ == "pobj")]
        elif child.dep_ == "prep" and child.lower_ in {"at", "in", "from"}:
            candidates += [o for o in child.children if o.dep_ == "pobj"]
    company = {EntityType.COMPANY.value}
    for noun in candidates:
        if noun.lemma_.lower() in FACILITY_NOUNS and noun.i not in range(span.start, span.end):
            owner = coref.resolve(noun, company)
            return owner or coref.antecedent(noun, company)
    return None


def _first_company(span: Span) -> str | None:
    doc = span.doc
    for t in span.sent:
        key = coref.key_at(doc, t.i)
        if key and coref.type_of(doc, key) == EntityType.COMPANY.value and t.i < span.start:
            return key
    return None


def period_of(span: Span, others: list[Span], published: datetime | None, daily: bool = False,
              ahead: bool = False) -> str | None:
    """The nearest date of the figure's clause with no other figure between them. A market move
    (``daily``) prefers a day ('on Wednesday'); any other figure prefers a reporting period (a
    year, quarter or month) over the day it was announced."""
    sent = span.sent
    doc = span.doc
    best: tuple[tuple[int, int], str] | None = None
    dateline_start, dateline_end = (doc._.dateline or (0, 0))
    for ent in (e for e in _date_spans(sent) if not dateline_start <= e.start_char < dateline_end):
        lo, hi = (span.end, ent.start) if ent.start >= span.end else (ent.end, span.start)
        if any(lo <= o.start < hi for o in others if o is not span):
            continue
        if _clause_of(ent.root) != _clause_of(span.root):
            continue  # 'would affect 1,800 workers ... by the end of 2027': another clause's date
        period = _period_text(ent, published, ahead)
        if period is None:
            continue
        is_day = bool(DAY.fullmatch(period))
        if is_day and not daily:
            continue  # 'a charge of €290m, a filing showed on Thursday': the day it was told, not its period
        distance = abs(ent.start - span.end) if ent.start >= span.end else abs(span.start - ent.end) + 2
        rank = (0 if is_day == daily else 1, distance)
        if best is None or rank < best[0]:
            best = (rank, period)
    return best[1] if best else None


def _date_spans(sent: Span) -> list[Span]:
    """The sentence's dates: the NER's, and the fiscal labels it misses ('Q2 FY2027', '2025-26')."""
    found = [e for e in sent.ents if e.label_ == "DATE"]
    for m in FISCAL.finditer(sent.text):
        label = sent.doc.char_span(sent.start_char + m.start(), sent.start_char + m.end(), label="DATE",
                                   alignment_mode="expand")
        if label is not None and not any(e.start <= label.start < e.end for e in found):
            found.append(label)
    return found


def _fiscal(text: str) -> str | None:
    """'Q2 FY2027' -> 'Q2 FY2027', 'FY27' -> 'FY 2027', '2025-26' -> 'FY 2025/2026', 'winter 2026/27'
    -> 'winter 2026/2027': a fiscal period or a season across two calendar years."""
    m = FISCAL.search(text)
    if m is None:
        return None
    if m.group("y1"):  # '2025-26', not a span of years such as '2020-25'
        start = int(m.group("y1"))
        if (start + 1) % 100 != int(m.group("y2")):
            return None
        return f"{(m.group('season') or 'FY').lower().replace('fy', 'FY')} {start}/{start + 1}"
    year = m.group("fy") if len(m.group("fy")) == 4 else f"20{m.group('fy')}"
    return f"{m.group('part').upper()} FY{year}" if m.group("part") else f"FY {year}"


def discourse_period(span: Span, facts: list[Fact]) -> str | None:
    """A figure with no date of its own ('Revenue was about ¥2.2 trillion') belongs to the
    reporting period the article last named for a figure; one 'in the month' (quarter, year) to
    the last month (quarter, year) named."""
    said = THE_PERIOD.search(span.sent.text)
    kind = PERIOD_KINDS[said.group(1).lower()] if said else None
    for fact in reversed(facts):
        if fact.period and not DAY.fullmatch(fact.period) and not fact.period.endswith("-") \
                and re.search(r"\d{4}", fact.period) and fact.qualifier not in {Qualifier.TARGET, Qualifier.FORECAST} \
                and (kind is None or kind.fullmatch(fact.period)):
            return fact.period
    return None


def _clause_of(tok: Token) -> int:
    """The index of the verb heading the clause a token belongs to."""
    for _ in range(12):
        participle = tok.tag_ in {"VBG", "VBN"} and tok.dep_ in {"advcl", "acl", "xcomp", "prep", "pcomp"}
        if (tok.pos_ in {"VERB", "AUX"} and not participle) or tok.head.i == tok.i:
            return tok.i  # participles ('starting in 2024', 'delivering ... in 2025') belong to the clause above
        tok = tok.head
    return tok.i


def _period_text(ent: Span, published: datetime | None, ahead: bool = False) -> str | None:
    """The period a date names, in the article's time: a month or quarter without a year is the
    latest one that has begun, or for a target or forecast (``ahead``) the next one."""
    text = ent.text
    named = _fiscal(text) or _months_to(text, published, ahead)
    if named:
        return named
    m = PERIOD.search(text)
    doc = ent.doc
    since = ent.start > 0 and doc[ent.start - 1].lower_ in {"since", "from"}
    if m:
        if m.group("q"):
            return f"{m.group('q').upper()} {m.group('qy')}"
        if m.group("ord"):
            n = ["first", "second", "third", "fourth"].index(m.group("ord").lower()) + 1
            year = m.group("oy") or (str(published.year) if published else "")
            label = f"Q{n}" if m.group("kind").lower() == "quarter" else f"H{n}"
            return f"{label} {year}".strip()
        if since or "starting" in doc[max(0, ent.start - 2):ent.start].text.lower():
            return f"{m.group('y')}-"
        months = [MONTH_NUMBERS[w] for w in re.findall(r"[a-z]+", text.lower()) if w in MONTH_NUMBERS]
        if months and not MONTH_DAY.search(text):  # 'May 2026', 'October-December 2025'
            return f"{'-'.join(calendar.month_abbr[n] for n in months)} {m.group('y')}"
        return m.group("y")
    lower = text.lower()
    day_month = MONTH_DAY.search(text)
    if day_month and published is not None and day_month.group("mon").lower()[:3] in MONTH_ABBR:
        month = MONTH_ABBR[day_month.group("mon").lower()[:3]]
        year = published.year if month <= published.month else published.year - 1
        try:
            return datetime(year, month, int(day_month.group("d"))).date().isoformat()
        except ValueError:
            pass
    months = [MONTH_NUMBERS[w] for w in re.findall(r"[a-z]+", lower) if w in MONTH_NUMBERS]
    if months and published is not None:  # 'the October-December quarter', 'March'
        year = published.year if min(months) <= published.month or ahead else published.year - 1
        names = "-".join(calendar.month_abbr[m] for m in months)
        return f"{names} {year}"
    day = _weekday(lower, published)
    if day is not None:
        return day
    if published is not None:
        if lower in {"this year", "the year"}:
            return str(published.year)
        if lower == "last year":
            return str(published.year - 1)
        if lower == "next year":
            return str(published.year + 1)
    if re.search(r"\b(?:past|last|next|coming)\s+(?:\w+\s+)?(?:year|years|months|quarters?)\b", lower):
        return lower.replace("the ", "")
    return None


def _months_to(text: str, published: datetime | None, ahead: bool) -> str | None:
    """'the three months to September' -> 'Jul-Sep 2026', 'six months ended June 30' -> 'H1 2026',
    'the year to March 2027' -> 'FY to Mar 2027': a reporting period named by the month it ends in.
    Without a year: the latest such month that has come, or for a forecast the next one; for a
    fiscal year, the one under way or one that ended in the last three months."""
    m = MONTHS_TO.search(text)
    if m is None:
        return None
    months = 12 if m.group("year") else NUMBER_OF_MONTHS[m.group("n").lower()]
    end = MONTH_NUMBERS.get(m.group("mon").lower()) or MONTH_ABBR.get(m.group("mon").lower()[:3])
    if end is None or (m.group("y") is None and published is None):
        return None
    if m.group("y"):
        year = int(m.group("y"))
    elif months == 12:
        year = published.year if end >= published.month - 3 else published.year + 1
    elif ahead:
        year = published.year if end >= published.month else published.year + 1
    else:
        year = published.year if end <= published.month else published.year - 1
    if months == 12:
        return f"FY to {calendar.month_abbr[end]} {year}"
    if months == 6 and end in {6, 12}:
        return f"H{end // 6} {year}"
    start = (end - months) % 12 + 1
    return f"{calendar.month_abbr[start]}-{calendar.month_abbr[end]} {year}"


def _weekday(lower: str, published: datetime | None) -> str | None:
    """'on Wednesday', 'today', 'yesterday' -> the ISO date, counted back from publication."""
    if published is None:
        return None
    if lower in {"today", "this morning", "this afternoon", "tonight"}:
        return published.date().isoformat()
    if lower == "yesterday":
        return (published - timedelta(days=1)).date().isoformat()
    for number, name in enumerate(calendar.day_name):
        if re.search(rf"\b{name.lower()}\b", lower):
            back = (published.weekday() - number) % 7
            return (published - timedelta(days=back)).date().isoformat()
    return None


def _offer_per_share(span: Span) -> bool:
    """'an approach at around €60 a share', 'offered 2,650p per share': the price a bidder offers."""
    doc = span.doc
    after = doc.text[span.end_char:span.end_char + 40].lower()  # after the unit words: '60 euros a share'
    return bool(re.match(r"\s*(?:[a-z]+\s+){0,2}?(?:a|per|for each) share\b", after)) and any(
        t.lemma_.lower() in OFFER_WORDS for t in span.sent)


def _offer_target(span: Span) -> str | None:
    """Whose shares an offer is for: the company after 'for' ('for Antofagasta'), else the company
    the article has named most (the target, in a story about an approach), never the bidder that
    makes the offer in the sentence ('Acme's indicative price', 'Acme made an approach')."""
    doc = span.doc
    bidders = set()
    for tok in span.sent:
        key = coref.key_at(doc, tok.i)
        if tok.lower_ == "for" and tok.i + 1 < span.sent.end:
            target = coref.key_at(doc, tok.i + 1)
            if target and coref.type_of(doc, target) == EntityType.COMPANY.value:
                return target
        if key and (tok.dep_ in {"nsubj", "poss"} or tok.head.dep_ in {"nsubj", "poss"} and tok.dep_ == "compound"):
            bidders.add(key)
    return _topic(span, frozenset(bidders))


def is_market_move(metric: str) -> bool:
    """A share price, its change, or a closing price: figures of a trading day."""
    return metric.endswith(("share price change", "share price", "closing price", "opening price")) \
        or metric == "value change"


def trading_days(facts: list[Fact], published: datetime | None) -> list[Fact]:
    """A market move or level without a day of its own shares the day of another in its sentence
    ('closed up 17.3% at DKK 1,874 on Monday'); else it is news of the article's day."""
    dated = {(f.evidence.start, f.subject_key): f.period for f in facts
             if is_market_move(f.metric) and f.period and DAY.fullmatch(f.period)}
    today = published.date().isoformat() if published is not None else None
    return [replace(f, period=dated.get((f.evidence.start, f.subject_key), today))
            if f.period is None and is_market_move(f.metric) else f for f in facts]


def in_local_dollars(doc: Doc, facts: list[Fact]) -> list[Fact]:
    """'$350 million' or '350 million dollars' in an Australian paper is in Australian dollars
    (newsgraph.nlp.local_dollar); 'US$350 million' stays in US dollars."""
    bare = [f for f in facts if f.unit == "USD" and f.quantity
            and not US_DOLLAR_WORDS.search(doc.text[f.quantity.start:f.quantity.end])]
    local = local_dollar(doc) if bare else None
    return [replace(f, unit=local) if local and f in bare else f for f in facts]


def changes_dated_by_level(facts: list[Fact]) -> list[Fact]:
    """'Revenue rose 11% to ¥19.9bn in the three months to September': the change has the period
    of the level it led to, in the same sentence."""
    dated = {(f.evidence.start, f.subject_key, f.metric): f.period for f in facts if f.period}
    return [replace(f, period=dated.get((f.evidence.start, f.subject_key, f.metric.removesuffix(" change"))))
            if f.period is None and f.metric.endswith(" change") else f for f in facts]


def frame(quantity: Quantity, spans: list[Span], article_id: str, published: datetime | None) -> Fact | None:
    span = quantity.span
    value, unit = quantity.value, None if quantity.counted else quantity.unit
    govs = governors(span)
    chain = [span.root, *govs]
    if any(g.lemma_.lower() in {"imply", "implied"} and g.pos_ == "VERB" and chain[n].dep_ != "nsubj"
           for n, g in enumerate(chain[1:4])):
        return None  # 'implies about 12% upside': arithmetic on other figures, not a statement of its own
    metric, count_unit = metric_of(span, govs)
    metric = metric.strip() or "amount"
    if quantity.counted and quantity.unit == "ratings":
        metric = _ratings_metric(span)
    if metric in {"share", "stock"} and unit and unit != "percent":
        metric = "share price"  # 'shares were 0.4% lower at 78.10 Swiss francs'
    if metric in {"target", "target price"} and unit in MONEY_UNITS and _about_ratings(span.sent):
        metric = "price target"  # 'Barclays stays overweight but lowers its target to 300p'
    offer = unit in MONEY_UNITS and _offer_per_share(span)
    if offer:
        metric = "offer price per share"
    qualifier = quantity.qualifier
    if metric == "price target" and qualifier == Qualifier.TARGET:
        qualifier = Qualifier.EXACT  # an analyst's price target is no goal of the company's
    if qualifier == Qualifier.EXACT and set(metric.split()) & FORECAST_NOUNS and "price target" not in metric:
        qualifier = Qualifier.FORECAST  # 'kept its forecast of ¥430bn', 'a consensus estimate of ¥112bn'

    subject = (_offer_target(span) if offer else None) or subject_of(span, govs, metric)
    if subject is None:
        return None
    market_move = is_market_move(metric)
    period = period_of(span, spans, published, daily=market_move,
                       ahead=qualifier in {Qualifier.TARGET, Qualifier.FORECAST})
    if period and MONTH_PERIOD.fullmatch(period) and FULL_YEAR.search(span.doc.text[span.sent.start_char:span.start_char]):
        period = period[-4:]  # 'cut its full-year forecast in August to ...': the year's figure, said in August
    if metric.endswith("change"):
        value = signed(value, span, govs)
    entity = span.doc._.entities[subject]
    sent = span.sent
    return Fact(subject=entity.name, subject_key=subject, metric=metric,
                period=period, value=value, unit=unit or count_unit,
                qualifier=qualifier,
                evidence=sentence_evidence(sent, article_id),
                quantity=Evidence(article_id, span.start_char, span.end_char))
