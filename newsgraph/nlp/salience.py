"""Which company an article is about: its companies ranked by how prominently it names them.

Signals per company, each counted over the article: mentions; mentions in the first sentence (the
headline, or the lede when the text has no headline), where news names its subject; tickers given
in the text ('Acme (NYSE: ACM)'), since articles list the ticker of the company they are about; and
definite descriptions that refer back to it ('the company said'). The score is their weighted sum;
ties go to the company named first. (Being the subject of clauses was tried as a signal and did
not help on the SENTiVENT benchmark.)
"""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc

from newsgraph.model import Entity, EntityType
from newsgraph.nlp import coref


@dataclass
class Signals:
    mentions: int = 0
    lead: int = 0
    tickers: int = 0
    references: int = 0


WEIGHTS = Signals(mentions=1, lead=4, tickers=2, references=1)


def salience_signals(doc: Doc) -> dict[str, Signals]:
    """Company entity key -> its signals, for the companies the article names."""
    entities = doc._.entities or {}
    lead_end = next(iter(doc.sents)).end_char if len(doc) else 0
    key_of_token = doc.user_data.get("key_of_token", {})
    out: dict[str, Signals] = {}
    for m in doc._.mentions or ():
        entity = entities.get(m.entity_key)
        if entity is None or entity.type != EntityType.COMPANY:
            continue
        s = out.setdefault(m.entity_key, Signals())
        s.mentions += 1
        s.lead += m.evidence.start < lead_end
    for (start, _end), tickers in doc.user_data.get("ticker_links", {}).items():
        if key_of_token.get(start) in out:
            out[key_of_token[start]].tickers += len(tickers)
    for tok in doc:  # 'the company said': the company the article keeps talking about
        if tok.lower_ in coref.COMPANY_NOUNS and tok.i not in key_of_token and tok.pos_ == "NOUN" \
                and any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children):
            key = coref.antecedent(tok, {EntityType.COMPANY.value})
            if key in out:
                out[key].references += 1
    return out


def company_salience(doc: Doc, weights: Signals = WEIGHTS) -> dict[str, float]:
    """Company entity key -> salience score, for the companies the article names."""
    return {key: float(sum(getattr(s, f) * getattr(weights, f) for f in s.__dataclass_fields__))
            for key, s in salience_signals(doc).items()}


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
