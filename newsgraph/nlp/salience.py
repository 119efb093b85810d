"""Which company an article is about: its companies ranked by how prominently it names them.

A mention counts once; a mention in the first sentence (the headline, or the lede when the text
has no headline) counts as LEAD_WEIGHT, since news names its subject there; a ticker given in the
text ('Acme (NYSE: ACM)') adds TICKER_WEIGHT, since articles list the ticker of the company they
are about; a definite description that refers back to a company ('the company', 'the carrier')
counts once for it. Ties go to the company named first.
"""
from __future__ import annotations

from spacy.tokens import Doc

from newsgraph.model import Entity, EntityType
from newsgraph.nlp import coref

LEAD_WEIGHT = 3.0
TICKER_WEIGHT = 2.0


def company_salience(doc: Doc) -> dict[str, float]:
    """Company entity key -> salience score, for the companies the article names."""
    entities = doc._.entities or {}
    lead_end = next(iter(doc.sents)).end_char if len(doc) else 0
    scores: dict[str, float] = {}
    for m in doc._.mentions or ():
        entity = entities.get(m.entity_key)
        if entity is not None and entity.type == EntityType.COMPANY:
            scores[m.entity_key] = scores.get(m.entity_key, 0.0) + (LEAD_WEIGHT if m.evidence.start < lead_end else 1.0)
    key_of_token = doc.user_data.get("key_of_token", {})
    for (start, _end), tickers in doc.user_data.get("ticker_links", {}).items():
        key = key_of_token.get(start)
        if key in scores:
            scores[key] += TICKER_WEIGHT * len(tickers)
    for tok in doc:  # 'the company said': the company the article keeps talking about
        if tok.lower_ in coref.COMPANY_NOUNS and tok.i not in key_of_token and tok.pos_ == "NOUN" \
                and any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children):
            key = coref.antecedent(tok, {EntityType.COMPANY.value})
            if key in scores:
                scores[key] += 1.0
    return scores


def main_company(doc: Doc) -> Entity | None:
    """The company the article is about: the most salient one, the first named on a tie."""
    scores = company_salience(doc)
    if not scores:
        return None
    first: dict[str, int] = {}
    for m in doc._.mentions or ():
        first.setdefault(m.entity_key, m.evidence.start)
    key = min(scores, key=lambda k: (-scores[k], first[k]))
    return doc._.entities[key]
