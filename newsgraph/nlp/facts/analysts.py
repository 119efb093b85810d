"""Analysts' ratings and the firms whose analysts speak: '14 rate it Buy', 'two Buys', 'Buy: 17 |
Hold: 6', 'UBS analysts said'. A firm whose analysts judge a figure is never what the figure is about."""
from __future__ import annotations

from spacy.tokens import Span, Token

from newsgraph import lexicon
from newsgraph.nlp.common import coref

RATING_WORDS = lexicon.words("facts.rating_words")
RATING_CONTEXT = lexicon.words("facts.rating_context")
RATING_CHANGES = lexicon.words("facts.rating_changes")
ANALYST_NOUNS = lexicon.words("facts.analyst_nouns")


def rating_word(tok: Token) -> bool:
    return tok.lemma_.lower() in RATING_WORDS or tok.lower_ in RATING_WORDS


def rated_as(span: Span) -> Token | None:
    """The rating a number of analysts give: '14 rate it Buy', '14 analysts now rate the stock a
    buy, 9 a hold and one a sell', 'three recommend buying the shares', 'Buy: 17 | Hold: 6'. The
    rating word stands in the number's own stretch of words, before the next comma or number, in a
    sentence about analysts' ratings."""
    doc = span.doc
    if span.start >= 2 and doc[span.start - 1].text == ":" and rating_word(doc[span.start - 2]):
        return doc[span.start - 2]
    sent = span.sent
    if not any(t.lemma_.lower() in RATING_CONTEXT for t in sent):
        return None
    for tok in doc[span.end:min(span.end + 7, sent.end)]:
        if tok.like_num or tok.text in {",", ";", "|", "(", ":"}:
            return None
        if rating_word(tok) and tok.lemma_.lower() not in {"rating", "rate"}:
            return tok
    return None


def ratings_metric(span: Span) -> str:
    """'2 Buy', '11 Hold ratings', '14 rate it Buy' -> 'analyst Buy ratings'."""
    word = rated_as(span) or span.root.head
    if word.lemma_.lower() in {"rating", "rate"}:  # '1 Sell rating'
        word = next((c for c in word.children if c.dep_ in {"compound", "amod"} and c.text[:1].isupper()), word)
    return f"analyst {word.lemma_.capitalize()} ratings" if word.lemma_.lower() not in {"rating", "rate"} \
        else "analyst ratings"


def about_ratings(sent: Span) -> bool:
    """The sentence tells of analysts' ratings: 'analysts', 'downgraded', 'stays overweight', 'a Buy'."""
    return any(t.lemma_.lower() in RATING_CONTEXT | RATING_WORDS | RATING_CHANGES or t.lower_ in RATING_WORDS
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
