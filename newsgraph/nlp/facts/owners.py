"""Whose a figure is when its clause speaks of a part of a company: a site it runs ('The plant built
110,000 cars') or a segment said to be its own ('Media Networks, Acme's largest segment,')."""
from __future__ import annotations

from spacy.tokens import Span, Token

from newsgraph import lexicon
from newsgraph.model import EntityType
from newsgraph.nlp.common import coref

FACILITY_NOUNS = lexicon.words("facts.facility_nouns")
SEGMENT_NOUNS = lexicon.words("facts.segment_nouns")


def facility_owner(span: Span) -> str | None:
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


def segment_owner(subj: Token) -> str | None:
    """The company whose part a subject is said to be in an apposition: 'Media Networks, Acme's
    largest segment,', 'Beta, a unit of Acme,'."""
    doc = subj.doc
    for part in (c for c in subj.children if c.dep_ == "appos" and c.lemma_.lower() in SEGMENT_NOUNS):
        owners = [c for c in part.children if c.dep_ == "poss"] + [
            o for p in part.children if p.dep_ == "prep" and p.lower_ == "of" for o in p.children if o.dep_ == "pobj"]
        for owner in owners:
            key = coref.key_at(doc, owner.i)
            if key and coref.type_of(doc, key) == EntityType.COMPANY.value:
                return key
    return None


def segment_meant(noun: Token) -> str | None:
    """'the division's revenue', 'the unit's profit': a part of a company named only by its noun is
    a part of the company the article was just speaking of."""
    if noun.lemma_.lower() not in SEGMENT_NOUNS or not any(
            c.dep_ in {"det", "poss"} and c.lower_ in coref.DEFINITE_DETERMINERS for c in noun.children):
        return None
    return coref.antecedent(noun, {EntityType.COMPANY.value})
