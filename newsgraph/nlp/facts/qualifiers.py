"""The qualifier of a figure: exact, about, more_than, less_than (from the words before the number:
'more than', 'some', 'between X and'), target or forecast (from the words that govern it in the
parse: 'aims to deliver', 'expects revenue of', 'raised its guidance to')."""
from __future__ import annotations

import re

from spacy.tokens import Span, Token

from newsgraph import lexicon
from newsgraph.model import Qualifier
from newsgraph.nlp.facts.units import WORD_NUMBERS

TARGET_WORDS = lexicon.words("facts.target_words")
FORECAST_WORDS = lexicon.words("facts.forecast_words")
FORECAST_NOUNS = lexicon.words("facts.forecast_nouns")
EXCEED_VERBS = lexicon.words("facts.exceed_verbs")
MORE = lexicon.pattern("quantities.more_than", re.I)
LESS = lexicon.pattern("quantities.less_than", re.I)
ABOUT = lexicon.pattern("quantities.about", re.I)
BETWEEN = lexicon.pattern("quantities.between", re.I)
NO_MORE_THAN = lexicon.pattern("quantities.no_more_than", re.I)
NO_LESS_THAN = lexicon.pattern("quantities.no_less_than", re.I)
SIGN_AT_END = re.compile(r"\s*[$€£¥₩₹]$|\s*[A-Z]{1,2}\$$")  # the currency sign of the figure itself
DIGIT = re.compile(r"\d")


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
    first_number = next((t.i for t in span if DIGIT.search(t.text) or t.lower_ in WORD_NUMBERS
                         and t.lower_ not in {"a", "an", "no"}), span.start)
    text = doc[max(span.sent.start, span.start - 4):first_number].text.strip()
    if BETWEEN.search(text):
        return Qualifier.MORE_THAN
    if NO_MORE_THAN.search(text):
        return Qualifier.LESS_THAN
    if NO_LESS_THAN.search(text):
        return Qualifier.MORE_THAN
    text = SIGN_AT_END.sub("", text)
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
