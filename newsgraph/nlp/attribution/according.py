"""'The rumour is not true, according to the university': a party's answer given through 'according
to', whose clause calls the claim false. Only a clause about the claim itself (a claim noun or a
pronoun as its subject) counts: 'Sales fell, according to Acme' answers nothing."""
from __future__ import annotations

import re

from spacy.tokens import Token

from newsgraph import lexicon
from newsgraph.nlp.attribution.content import around
from newsgraph.nlp.common.spans import text_of

CLAIM_NOUNS = lexicon.words("responses.claim_nouns")
FALSE_WORDS = lexicon.pattern("responses.false_words", re.I)


def source_of(according: Token) -> Token | None:
    """The head of X in 'according to X', or None when the token is no such phrase."""
    if according.lower_ != "according" or according.dep_ != "prep":
        return None
    to = next((c for c in according.children if c.lower_ == "to"), None)
    return next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None


def calls_claim_false(according: Token) -> bool:
    """The clause 'according to X' is attached to says the claim is false, in its own words."""
    clause = according.head
    subject = next((c for c in clause.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if subject is None or not (subject.lemma_.lower() in CLAIM_NOUNS or subject.lower_ in CLAIM_NOUNS):
        return False
    text = text_of(according.doc)
    own = " ".join(text[start:end] for start, end in around(clause, according))  # the clause without 'according to X'
    return bool(FALSE_WORDS.search(own))
