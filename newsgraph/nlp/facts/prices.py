"""Prices: a bidder's offer per share and whose shares it is for, and the dollar a bare '$' means."""
from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc, Span

from newsgraph import lexicon
from newsgraph.model import EntityType, Fact
from newsgraph.nlp.common import coref
from newsgraph.nlp.facts.local_dollar import local_dollar
from newsgraph.nlp.facts.subjects import topic
from newsgraph.nlp.common.spans import text_of

OFFER_WORDS = lexicon.words("facts.offer_words")
PER_SHARE = lexicon.pattern("facts.per_share")  # after the unit words: '60 euros a share', '2,650p per share'
US_DOLLAR_WORDS = lexicon.pattern("quantities.us_dollar_words")  # a dollar said to be the US one


def offer_per_share(span: Span) -> bool:
    """'an approach at around €60 a share', 'offered 2,650p per share': the price a bidder offers."""
    doc = span.doc
    after = text_of(doc)[span.end_char:span.end_char + 40].lower()  # after the unit words: '60 euros a share'
    return bool(PER_SHARE.match(after)) and any(
        t.lemma_.lower() in OFFER_WORDS for t in span.sent)


def offer_target(span: Span) -> str | None:
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
    return topic(span, frozenset(bidders))


def in_local_dollars(doc: Doc, facts: list[Fact]) -> list[Fact]:
    """'$350 million' or '350 million dollars' in an Australian paper is in Australian dollars
    (newsgraph.nlp.facts.local_dollar); 'US$350 million' stays in US dollars."""
    bare = [f for f in facts if f.unit == "USD" and f.quantity
            and not US_DOLLAR_WORDS.search(text_of(doc)[f.quantity.start:f.quantity.end])]
    local = local_dollar(doc) if bare else None
    return [replace(f, unit=local) if local and f in bare else f for f in facts]
