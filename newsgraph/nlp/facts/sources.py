"""Who a figure comes from, never who it is about, over the whole article: the analysts, brokers,
data vendors and rating agencies that judge or tally the figures ('the Acme consensus of $1.40',
'Analyst Jane Roe', 'Roe at Beta Securities', 'Gamma downgraded ...', 'the Acme Consensus
Estimate'); and the terms an article defines by an acronym ('revenue per available seat mile
RASM') that the NER takes for a company. A figure is about the company these judge, never about
them."""
from __future__ import annotations

from spacy.tokens import Doc, Token

from newsgraph import lexicon
from newsgraph.nlp.facts.analysts import ANALYST_NOUNS, RATING_CHANGES
from newsgraph.nlp.facts.qualifiers import FORECAST_NOUNS

SOURCE_NAME_WORDS = lexicon.words("facts.source_name_words")  # 'the Acme Consensus Estimate', 'Acme Ratings'
JUDGE_NOUNS = ANALYST_NOUNS | FORECAST_NOUNS
_CACHE = "newsgraph_fact_sources"


def sources(doc: Doc) -> frozenset[str]:
    """The entity keys of the article that are sources of figures, not their subjects."""
    cached = doc.user_data.get(_CACHE)
    if cached is not None:
        return cached
    found: set[str] = set()
    for i, key in (doc._.key_of_token or {}).items():
        if _judges(doc[i]):
            found.add(key)
    for key, entity in (doc._.entities or {}).items():
        words = {w.lower().strip(".,&") for w in entity.name.split()}
        if words & SOURCE_NAME_WORDS or defined_term(doc, key):
            found.add(key)
    result = frozenset(found)
    doc.user_data[_CACHE] = result
    return result


def _judges(tok: Token) -> bool:
    """The token names one who judges figures: 'Acme consensus', 'Acme analysts', 'analysts at
    Acme', 'Analyst Jane Roe', 'Jane Roe, an analyst', 'Acme downgraded ...'."""
    head = tok.head
    if tok.dep_ in {"compound", "poss", "nmod", "amod"} and head.lemma_.lower() in JUDGE_NOUNS \
            and head.i != tok.i:
        return True
    if tok.dep_ == "pobj" and head.lower_ in {"at", "from", "with"} and head.head.lemma_.lower() in ANALYST_NOUNS:
        return True
    if any(c.dep_ in {"compound", "appos"} and c.lemma_.lower() in ANALYST_NOUNS for c in tok.children):
        return True
    return tok.dep_ in {"nsubj", "compound"} and (head.lemma_.lower() in RATING_CHANGES or (
        tok.dep_ == "compound" and head.dep_ == "nsubj" and head.head.lemma_.lower() in RATING_CHANGES))


def defined_term(doc: Doc, key: str) -> bool:
    """An acronym the article spells out just before one of its mentions ('revenue passenger miles
    RPMs', 'total revenue per available seat mile TRASM'): a term, not a company."""
    entity = (doc._.entities or {}).get(key)
    if entity is None or key.startswith("gaz:"):
        return False
    letters = entity.name.rstrip("s")
    if not (2 <= len(letters) <= 6 and letters.isalpha() and letters.isupper()):
        return False
    for i, k in (doc._.key_of_token or {}).items():
        if k != key:
            continue
        words = [t.lower_ for t in doc[max(0, i - 8):i] if t.is_alpha]
        for start in range(len(words)):
            initials = "".join(w[0] for w in words[start:] if w not in {"of", "per", "and", "the", "or"})
            if initials.upper() == letters or "".join(w[0] for w in words[start:]).upper() == letters:
                return True
    return False


def is_source(doc: Doc, key: str | None) -> bool:
    return bool(key) and key in sources(doc)

