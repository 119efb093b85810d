"""Which company an article is about: its companies ranked by how prominently it names them.

Signals per company, each counted over the article: mentions; mentions in the first sentence (the
headline, or the lede when the text has no headline), where news names its subject; tickers given
in the text ('Acme (NYSE: ACM)'), since articles list the ticker of the company they are about; and
definite descriptions that refer back to it ('the company said'). The score is their weighted sum;
ties go to the company named first. Three corrections: a name seen only in the headline gets no
headline weight (a title-case fragment the NER took for a name: 'Acme Bets On Batteries'); a
brand or unit the article gives an owner ("Acme's Widgetly", "Acme's app, Widgetly") adds its
signals to the owner's; and a name neither the gazetteer nor a ticker confirms counts half, since
such names are often products, units, sites or fragments rather than the company in the news.
(Being the subject of clauses was tried as a signal and did not help on the SENTiVENT benchmark.)
"""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span

from newsgraph.model import Entity, EntityType
from newsgraph.nlp.common import coref


@dataclass
class Signals:
    mentions: int = 0
    lead: int = 0
    tickers: int = 0
    references: int = 0


WEIGHTS = Signals(mentions=1, lead=4, tickers=2, references=1)
UNKNOWN_NAME_WEIGHT = 0.5


def salience_signals(doc: Doc) -> dict[str, Signals]:
    """Company entity key -> its signals, for the companies the article names."""
    entities = doc._.entities or {}
    lead_end = next(iter(doc.sents)).end_char if len(doc) else 0
    key_of_token = (doc._.key_of_token or {})
    out: dict[str, Signals] = {}
    for m in doc._.mentions or ():
        entity = entities.get(m.entity_key)
        if entity is None or entity.type != EntityType.COMPANY:
            continue
        s = out.setdefault(m.entity_key, Signals())
        s.mentions += 1
        s.lead += m.evidence.start < lead_end
    for (start, _end), tickers in (doc._.ticker_links or {}).items():
        if key_of_token.get(start) in out:
            out[key_of_token[start]].tickers += len(tickers)
    for tok in doc:  # 'the company said': the company the article keeps talking about
        if tok.lower_ in coref.COMPANY_NOUNS and tok.i not in key_of_token and tok.pos_ == "NOUN" \
                and any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children):
            key = coref.antecedent(tok, {EntityType.COMPANY.value})
            if key in out:
                out[key].references += 1
    # a headline fragment the NER took for a name ('Acme Bets On Batteries') is not repeated in the body
    named_in_body = {m.entity_key for m in doc._.mentions or () if m.evidence.start >= lead_end}
    for key, s in out.items():
        s.lead *= key in named_in_body or s.references > 0
    for unit, owner in owners_of_units(doc).items():  # what is said of a brand or unit is said of its owner
        if unit in out and owner in out:
            gone = out.pop(unit)
            for f in gone.__dataclass_fields__:
                setattr(out[owner], f, getattr(out[owner], f) + getattr(gone, f))
    return out


def owners_of_units(doc: Doc) -> dict[str, str]:
    """Unconfirmed company name -> the confirmed company whose possession the article makes it:
    "Acme's Widgetly", "Acme's messaging app, Widgetly" (see `confirmed`); a confirmed company is
    never another's unit ('Acme's stake in Globex')."""
    entities = doc._.entities or {}
    key_of_token = (doc._.key_of_token or {})
    out: dict[str, str] = {}
    for m in doc._.mentions or ():
        if entities[m.entity_key].type != EntityType.COMPANY or confirmed(doc, m.entity_key):
            continue
        span = doc.char_span(m.evidence.start, m.evidence.end, alignment_mode="expand")
        if span is None:
            continue
        heads = [*span, *([span.root.head] if span.root.dep_ == "appos" else [])]
        owners = [key_of_token.get(c.i) for t in heads for c in t.children if c.dep_ == "poss"]
        owners.append(_possessor_before(span, key_of_token))
        for owner in owners:
            if owner != m.entity_key and confirmed(doc, owner):
                out.setdefault(m.entity_key, owner)
    return out


def _possessor_before(span: Span, key_of_token: dict[int, str]) -> str | None:
    """The key of "Acme's" or "Acme's (ACM)" written right before the span, whatever the parse made of it."""
    doc, i = span.doc, span.start - 1
    if i >= 0 and doc[i].text == ")":
        while i >= 0 and doc[i].text != "(":
            i -= 1
        i -= 1
    if i >= 1 and doc[i].text in {"'s", "’s"}:
        return key_of_token.get(i - 1)
    return None


def company_salience(doc: Doc, weights: Signals = WEIGHTS) -> dict[str, float]:
    """Company entity key -> salience score, for the companies the article names."""
    return {key: float(sum(getattr(s, f) * getattr(weights, f) for f in s.__dataclass_fields__))
            * (1.0 if confirmed(doc, key) else UNKNOWN_NAME_WEIGHT)
            for key, s in salience_signals(doc).items()}


def confirmed(doc: Doc, key: str | None) -> bool:
    """A company the gazetteer knows, or one that has a ticker (from the gazetteer or the text)."""
    entity = (doc._.entities or {}).get(key or "")
    return entity is not None and entity.type == EntityType.COMPANY and (entity.key.startswith("gaz:")
                                                                         or bool(entity.tickers))


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
