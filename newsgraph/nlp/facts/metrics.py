"""What a figure measures, in a short normalised form: 'delivered 82,000 vehicles' -> 'vehicle
deliveries', 'rose 9% to ¥118.6bn' -> 'value change' of what rose, 'price target of $42.50',
'cut its costs by €800m' -> 'cost reduction'; and the sign of a change ('fell 3.1%' is -3.1)."""
from __future__ import annotations

import re

from spacy.tokens import Span, Token

from newsgraph import lexicon
from newsgraph.nlp.facts.qualifiers import FORECAST_WORDS, TARGET_WORDS
from newsgraph.nlp.facts.units import COUNT_UNITS, DIRECTION_WORDS, MAGNITUDES, UNIT_WORDS
from newsgraph.nlp.facts.quantities import governors

CHANGE_VERBS = lexicon.words("facts.change_verbs")
CHANGE_NOUNS = lexicon.words("facts.change_nouns")
CHANGE_DIRECTION = lexicon.table("facts.change_direction")
DECREASE_WORDS = lexicon.words("facts.decrease_words")
REVISE_VERBS = lexicon.words("facts.revise_verbs")
PLURAL_METRICS = lexicon.words("facts.plural_metrics")
NOMINAL = lexicon.table("facts.nominal_of_verb")
SINGULARS = lexicon.table("facts.count_singulars")
COUNTED_EVENTS = lexicon.words("facts.counted_events")
METRIC_SUBJECTS = lexicon.words("facts.metric_subjects")
# after 'in', words of time or of the form of payment ('$1bn in cash'), not what the amount is of
NOT_WHAT_NOUNS = lexicon.words("facts.not_what_nouns")
MARKET_MOVE_METRICS = lexicon.phrases("facts.market_move_metrics")
INTO_VERBS = lexicon.words("facts.into_verbs")
PENALTY_VERBS = lexicon.words("facts.penalty_verbs")
FINE_FORMS = lexicon.words("facts.fine_forms")
COPULAS = lexicon.words("facts.copulas")
CLOSE_VERBS = lexicon.words("facts.close_verbs")  # 'Acme finished the day 8.7% lower'
TRADING_TIMES = lexicon.words("facts.trading_times")
MODIFIER_DEPS = lexicon.words("facts.modifier_deps")
LETTER = re.compile(r"[a-z]")


def metric_of(span: Span, govs: list[Token]) -> tuple[str, str | None]:
    """(metric, count unit) in a short normalised form."""
    root = span.root
    head = root.head if root.dep_ in MODIFIER_DEPS else None
    if head is not None and head.lower_ in MAGNITUDES:  # '€400' + 'm': the magnitude is no metric
        head = head.head if head.head.i != head.i and head.head.pos_ in {"NOUN", "PROPN"} else None
    doc = span.doc
    if head is not None and head.i >= span.end and head.lower_ in UNIT_WORDS:  # '18 billion Swedish crowns'
        whole = doc[span.start:head.i + 1]
        return metric_of(whole, governors(whole))
    verb = next((g for g in govs if g.pos_ in {"VERB", "AUX"}), None)
    of = doc[span.start - 1] if span.start > 1 and doc[span.start - 1].lower_ == "of" else None
    if of is not None and doc[of.i - 1].pos_ == "NOUN":  # 'price target of $42.50', 'a target of 300,000 deliveries'
        base = noun_phrase(doc[of.i - 1])
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
        return (noun_phrase(whole), unit) if unit is None else (unit, unit)
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
        return noun_phrase(revised), None
    spent_on = _in_what(span)
    if spent_on is not None:  # '$45 million in yearly cost savings', '$450 million in funding'
        return noun_phrase(spent_on), None
    target = object_of_to(span)
    counts_itself = head is not None and head.i == span.end and (
        head.lemma_.lower() in COUNT_UNITS or head.lemma_.lower() in COUNTED_EVENTS)  # 'at 81,226 deliveries'
    if target is not None and target.pos_ == "NOUN" and target.lemma_.lower() not in COUNT_UNITS and not counts_itself:
        return noun_phrase(target), None
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
        return noun_phrase(head), None
    for g in govs:  # 'price target of $42.50', 'a stake of 5%'
        if g.pos_ in {"VERB", "AUX"}:
            break
        if g.pos_ == "NOUN" and g.lower_ not in MAGNITUDES:
            return noun_phrase(g), None
    if verb is not None and verb_lemma(verb) in PENALTY_VERBS:
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
            return noun_phrase(subj), None  # 'Revenue came to ¥2,187.4bn', 'The price target is €108'
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
                return noun_phrase(obj)
    obj = next((c for c in tok.children if c.dep_ == "dobj" and c.pos_ == "NOUN"
                and c.lemma_.lower() not in TRADING_TIMES), None)  # 'finished the day 8.7% lower'
    if obj is not None:
        return noun_phrase(obj)
    subj = next((c for c in tok.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    head = tok
    while subj is None and head.dep_ in {"advcl", "conj", "xcomp"} and head.head.i != head.i:
        head = head.head
        subj = next((c for c in head.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if subj is not None and subj.pos_ == "NOUN":
        word = noun_phrase(subj)
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


def _by_how_much(span: Span, verb: Token | None) -> str | None:
    """'cut its costs by €800m' -> 'cost reduction'; 'raise prices by 5%' -> 'price increase': the
    figure is how much the verb's object changes."""
    if verb is None or span.start == 0 or span.doc[span.start - 1].lower_ != "by":
        return None
    direction = CHANGE_DIRECTION.get(verb.lemma_.lower())
    thing = next((c for c in verb.children if c.dep_ == "dobj" and c.pos_ == "NOUN"), None)
    if direction is None or thing is None or thing.lemma_.lower() in COUNT_UNITS:
        return None
    return f"{noun_phrase(thing, plural=False)} {direction}"


def metric_of_verb(verb: Token) -> tuple[str, str | None]:
    """'delivered 82,000 vehicles' -> ('vehicle deliveries', 'vehicles')."""
    nominal = NOMINAL.get(verb.lemma_.lower(), verb.lemma_.lower())
    for obj in (c for c in verb.children if c.dep_ in {"dobj", "attr"}):
        if obj.lemma_.lower() in COUNT_UNITS:
            unit = COUNT_UNITS[obj.lemma_.lower()]
            return f"{_singular(unit)} {nominal}", unit
    return nominal, None


def _singular(unit: str) -> str:
    return SINGULARS.get(unit, unit.rstrip("s"))


def noun_phrase(head: Token, plural: bool = True) -> str:
    """The head noun with its adjectives and compounds, minus names, numbers and determiners; a
    plural head in the singular, except nouns that name a metric in the plural ('sales')."""
    keep = [c for c in head.children if c.dep_ in {"amod", "compound"} and c.i < head.i
            and not c.ent_type_ and c.pos_ in {"ADJ", "NOUN"} and c.lower_.rstrip(".") not in MAGNITUDES]
    last = head.lemma_.lower() if head.tag_ == "NNS" and not (plural and head.lower_ in PLURAL_METRICS) else head.lower_
    words = [t.lower_ for t in sorted(keep, key=lambda t: t.i)] + [last]
    return " ".join(w for w in words if LETTER.search(w))


def object_of_to(span: Span) -> Token | None:
    """'raised its price target on X to ¥2,300': the object whose new level the figure gives."""
    doc = span.doc
    if span.start == 0 or doc[span.start - 1].lower_ not in {"to", "at"}:
        return None
    verb = doc[span.start - 1].head
    if verb.pos_ != "VERB":
        return None
    return next((c for c in verb.children if c.dep_ in {"dobj", "nsubjpass"} and c.lemma_.lower() not in TRADING_TIMES),
                None)


def verb_lemma(verb: Token) -> str:
    """The verb's lemma, mended where the tagger's is wrong ('fined' is sometimes given 'fin')."""
    return "fine" if verb.lower_ in FINE_FORMS else verb.lemma_.lower()


def is_market_move(metric: str) -> bool:
    """A share price, its change, or a closing price: figures of a trading day."""
    return metric.endswith(MARKET_MOVE_METRICS) or metric == "value change"
