"""A figure whose own clause is about a market index or fund, not a company: 'while the Acme 500
index rose 0.5%', 'compared with a 3.8% rise in the Acme 100', 'the Acme Industrial Average is up
18%'. Each figure of a comparison sentence takes the subject of its own clause: an index is a
subject too; a clause whose subject is a proper name the article does not know gives no fact at
all, rather than the article's company."""
from __future__ import annotations

import re

from spacy.tokens import Span, Token

from newsgraph import lexicon
from newsgraph.model import ACTOR_TYPES, EntityType
from newsgraph.nlp.common import coref
from newsgraph.nlp.common.names import norm_name
from newsgraph.nlp.facts.metrics import CHANGE_NOUNS

MARKET_NAMES = lexicon.pattern("markets.market_names", re.I)  # 'Dow', 'Nasdaq': the first word of an index's name
INDEX_WORDS = lexicon.words("facts.index_words")  # 'the Acme 500 index', 'the Acme Industrial Average'
KNOWN_TYPES = ACTOR_TYPES | {EntityType.PLACE, EntityType.OUTLET}
DROP = ("", "")  # the clause is about a name nobody knows: no fact


def market_subject(span: Span) -> tuple[str, str] | None:
    """(key, name) of the index the figure's clause is about; ``DROP`` when its subject is a proper
    name the article does not know; None when the clause is about someone else (a company, a
    person, a common noun): the other finders then decide."""
    head = _clause_subject(span)
    if head is None:
        return None
    doc = span.doc
    words = _name_words(head)
    keys = [k for k in (coref.key_at(doc, t.i) for t in words) if k]
    if any(coref.type_of(doc, k) in KNOWN_TYPES for k in keys):
        return None
    if not any(t.pos_ == "PROPN" for t in words):
        return None
    other = next((k for k in keys if coref.type_of(doc, k) == EntityType.OTHER.value), None)
    known = doc._.entities[other].name.split() if other else []
    while words and not words[0].text[:1].isupper():
        words = words[1:]  # 'the pan-European Acme 600' -> 'European Acme 600'
    for name in (words, known):  # 'the Acme 500 index' as written, else the index entity's own name
        if _index_like(name):
            text = " ".join(w if isinstance(w, str) else w.text for w in name)
            return other or "other:" + norm_name(text), text
    if head.pos_ == "PROPN" and not keys:
        return DROP
    return None


def _clause_subject(span: Span) -> Token | None:
    """The subject of the figure's own clause ('the index rose 0.5%'), or what a change noun of the
    figure is in ('a 3.8% rise in the Acme 100')."""
    root = span.root
    head = root.head
    if root.dep_ in {"compound", "amod", "nummod", "nmod"} and head.lemma_.lower() in CHANGE_NOUNS:
        for prep in (c for c in head.children if c.dep_ == "prep" and c.lower_ == "in"):
            return next((o for o in prep.children if o.dep_ == "pobj"), None)
    tok = root
    for _ in range(10):
        subjects = [c for c in tok.children if c.dep_ in {"nsubj", "nsubjpass"} and c.i not in range(span.start, span.end)]
        if subjects:
            return subjects[0]
        if tok.head.i == tok.i or tok.dep_ in {"ccomp", "parataxis", "advcl", "conj"}:
            return None  # a subordinate or coordinate clause without its own subject: not decided here
        tok = tok.head
    return None


def _name_words(head: Token) -> list[Token]:
    """The words of the subject's name: 'the Acme 500 index' -> Acme 500 index; what follows a
    comma or a preposition, and a ticker written after the name ('Acme Fund ACMF'), left out."""
    doc = head.doc
    words: list[Token] = []
    for tok in doc[head.left_edge.i:head.right_edge.i + 1]:
        if tok.i > head.i and (tok.text in {",", "(", ")"} or tok.dep_ in {"prep", "relcl", "acl"}):
            break
        if tok.dep_ != "det":
            words.append(tok)
    if len(words) > 2 and words[-1].text.isupper() and words[-1].is_alpha and len(words[-1]) <= 5 \
            and words[-2].pos_ in {"PROPN", "NOUN"}:
        words = words[:-1]  # 'the Acme Energy Fund ACEF rose'
    return words


def _index_like(words: list[Token] | list[str]) -> bool:
    """An index or a fund: named with an index word, or a name ending in a number ('Acme 500')."""
    texts = [w if isinstance(w, str) else w.text for w in words]
    if any(t.lower() in INDEX_WORDS for t in texts) or len(texts) > 1 and MARKET_NAMES.match(texts[0]):
        return True  # 'the Acme 500 index'; 'the Dow industrials', 'the Nasdaq composite'
    return len(texts) > 1 and texts[-1].replace(",", "").isdigit() and texts[-2][:1].isupper()
