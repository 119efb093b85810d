"""Event types read from the parse rather than from a word ('Acme rose 4%', 'it sold 1,500 trucks',
'the airline ordered 30 jets', 'Apple released the iPhone 8', 'Walmart bought Jet.com'): the parse
decides the sense, so any part of speech counts."""
from __future__ import annotations

from spacy.tokens import Span, Token

from newsgraph import lexicon
from newsgraph.model import EntityType, EventType
from newsgraph.nlp.common import coref
from newsgraph.nlp.events.rules import SECURITY_WORDS

PERCENT_WORDS = lexicon.words("events.percent_words")
MOVE_LEMMAS = lexicon.words("events.move_lemmas")
MOVE_PARTICLES = lexicon.words("events.move_particles")
SELLING_VERBS = lexicon.words("events.selling_verbs")
OFFER_VERBS = lexicon.words("events.offer_verbs")
NEW_WORDS = lexicon.words("events.new_words")
NON_PRODUCT_LABELS = lexicon.words("events.non_product_labels")
BUYING_VERBS = lexicon.words("events.buying_verbs")
# A noun phrase as a subject or an object.
ARGUMENT_ROLES = frozenset({"nsubj", "nsubjpass", "dobj", "pobj"})


def object_holds(tok: Token, blocked: frozenset[str]) -> bool:
    """Whether the direct object of ``tok`` (with all it governs) has one of the ``blocked`` words."""
    return any(g.lower_ in blocked for c in tok.children if c.dep_ == "dobj" for g in c.subtree)


def _moved_stock(sent: Span) -> Token | None:
    """'Acme rose 4% to $29.28', 'Acme has tumbled 2.9%', 'it was down 3%': a company (named, or
    'it') that moved by a percentage is its stock moving."""
    if not any(t.lower_ in PERCENT_WORDS for t in sent):
        return None
    for tok in sent:
        moved = tok.pos_ == "VERB" and tok.lemma_.lower() in MOVE_LEMMAS or tok.lemma_ == "be" and any(
            c.lower_ in MOVE_PARTICLES for c in tok.children)
        if moved and any(c.dep_ in {"nsubj", "nsubjpass"} and _names_company(c) for c in tok.children):
            return tok
    return None


def _names_company(tok: Token) -> bool:
    """A name, 'it', or a noun with a name in apposition ('industrial peer 3M (MMM)')."""
    return (tok.pos_ == "PROPN" or tok.ent_type_ == "ORG" or tok.lower_ == "it"
            or any(c.dep_ == "appos" and (c.pos_ == "PROPN" or c.ent_type_ == "ORG") for c in tok.children))


def _sold_units(sent: Span) -> Token | None:
    """'Acme sold 1,500 trucks', 'it delivered 20,000 cars', 'the airline ordered 30 jets': a verb of
    selling or buying whose object is counted, and is no stock ('sold 30,000 shares')."""
    for tok in sent:
        if tok.pos_ == "VERB" and tok.lemma_.lower() in SELLING_VERBS and any(
                c.dep_ == "dobj" and (c.like_num or any(g.dep_ == "nummod" for g in c.children))
                for c in tok.children) and not object_holds(tok, SECURITY_WORDS):
            return tok
    return None


def _sales_told(sent: Span) -> Token | None:
    """Units sold (``_sold_units``), or the word 'sales' as a subject or an object ('Sales will remain
    steady', 'it gets half its sales from private brands'), not as a modifier ('the sales chief')
    and not of stock ('stock sales')."""
    sold = _sold_units(sent)
    if sold is not None:
        return sold
    for tok in sent:
        if tok.lower_ == "sales" and tok.dep_ in ARGUMENT_ROLES and not any(
                c.lower_ in SECURITY_WORDS for c in tok.children if c.dep_ in {"compound", "amod"}):
            return tok
    return None


def _offered_product(sent: Span) -> Token | None:
    """'Apple released the iPhone 7', 'it will offer a new plan', 'Google added new features': a
    verb of putting out whose object is a named product or something new."""
    for tok in sent:
        if tok.pos_ != "VERB" or tok.lemma_.lower() not in OFFER_VERBS:
            continue
        for obj in (c for c in tok.children if c.dep_ in {"dobj", "nsubjpass"}):
            named = obj.pos_ == "PROPN" and obj.ent_type_ not in NON_PRODUCT_LABELS
            new = any(c.lower_ in NEW_WORDS for c in obj.children) or obj.ent_type_ == "PRODUCT"
            if named or new:
                return tok
    return None


def _bought_company(sent: Span) -> Token | None:
    """'Walmart bought Jet.com', 'it sold Quidsi to Amazon': a verb of buying or selling whose
    object is a company."""
    doc = sent.doc
    for tok in sent:
        if tok.pos_ == "VERB" and tok.lemma_.lower() in BUYING_VERBS and any(
                c.dep_ == "dobj" and coref.type_of(doc, coref.key_at(doc, c.i)) == EntityType.COMPANY.value
                for c in tok.children):
            return tok
    return None


# Types also found from the parse when no word rule fired, in sentences with one of the words.
STRUCTURAL = {EventType.SHARE_MOVE: (PERCENT_WORDS, _moved_stock),
              EventType.SALES_REPORT: (SELLING_VERBS | {"sales"}, _sales_told),
              EventType.PRODUCT_LAUNCH: (OFFER_VERBS, _offered_product),
              EventType.MERGER_ACQUISITION: (BUYING_VERBS, _bought_company)}
