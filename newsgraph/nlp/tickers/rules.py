"""The rules of the ticker component: ticker patterns, and where a symbol is a listing, an acronym
or a company's name (see the docstring of ``newsgraph.nlp.tickers.component``)."""
from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from newsgraph import lexicon
from newsgraph.nlp.common.gazetteer import COMMON_ACRONYMS, EXCHANGES, SYMBOL_WORD
from newsgraph.nlp.common.names import initials

_EXCH = "|".join(sorted(EXCHANGES, key=len, reverse=True))
TICKER = re.compile(r"\(\s*(?:(?P<exch>" + _EXCH + r")\s*[:：]\s*)?(?P<sym>[A-Z]{1,5}(?:\.[A-Z]{1,2})?|\d{3,6}(?:\.[A-Z]{1,2})?)\s*\)",
                    re.I)
# 'Acme NASDAQ: ACM' without brackets (exchange names as written in capitals only), and cashtags '$ACM'
UNBRACKETED = lexicon.pattern("markets.unbracketed_ticker")
CASHTAG = re.compile(r"(?<![\w$])\$(?P<sym>[A-Z]{2,5})\b")
NOT_TICKERS = COMMON_ACRONYMS
LISTING_WORDS = lexicon.words("markets.listing_words")
NOT_LOWER_LETTER = re.compile(r"[^a-z]")


def abbreviated_tickers(doc: Doc, ents: list[Span], links: dict) -> list[tuple[Span, str]]:
    """(owner, symbol) for a symbol the gazetteer does not give, written in a ticker context ('XYZ
    stock', 'shares of XYZ', "Acme's ACM"), when exactly one company named in the article has a
    name that the symbol abbreviates: its first letter, then its other letters in order ('ACM' for
    'Acme'), the way exchanges form symbols."""
    known = {t.split(":")[-1] for tickers in links.values() for t in tickers}
    names: dict[str, Span] = {}
    for e in ents:
        if e.label_ == "ORG" and not e.text.isupper():
            names.setdefault(NOT_LOWER_LETTER.sub("", e.text.lower()), e)
    out = []
    for tok in doc:
        sym = tok.text
        if not SYMBOL_WORD.match(sym):  # most words: the cheap test first
            continue
        in_longer_name = tok.ent_type_ and (tok.ent_iob_ != "B" or tok.i + 1 < len(doc) and doc[tok.i + 1].ent_iob_ == "I")
        if sym in NOT_TICKERS or sym in known or in_longer_name \
                or in_parens(doc, tok.i) or not symbol_context(tok):  # not 'SK' of 'shares of SK Telecom'
            continue
        owners = {name: e for name, e in names.items() if abbreviates(sym.lower(), name)}
        if len(owners) == 1:
            out.append((next(iter(owners.values())), sym))
            known.add(sym)
    return out


def symbol_context(tok) -> bool:
    """'XYZ stock', 'XYZ shares', 'shares of XYZ', "Acme's XYZ": where a symbol stands for its company."""
    doc = tok.doc
    nxt = doc[tok.i + 1].lower_ if tok.i + 1 < len(doc) else ""
    prev = [t.lower_ for t in doc[max(0, tok.i - 2):tok.i]]
    return nxt in LISTING_WORDS or prev[-2:] == ["shares", "of"] or bool(prev) and prev[-1] in {"'s", "’s"}


def abbreviates(symbol: str, name: str) -> bool:
    if not name or name[0] != symbol[0] or len(name) <= len(symbol):
        return False
    rest = iter(name[1:])
    return all(c in rest for c in symbol[1:])


def outside(ent: Span, parens: list[tuple[int, int]]) -> Span | None:
    """The entity without any part that lies in a ticker's parentheses ('Ferrantis (FRNT' -> 'Ferrantis')."""
    for a, b in parens:
        if a <= ent.start_char and ent.end_char <= b:
            return None
        if ent.start_char < a < ent.end_char:
            cut = ent.doc.char_span(ent.start_char, a, alignment_mode="contract")
            if cut is None or not cut.text.strip():
                return None
            end = cut.end
            while end > cut.start and not ent.doc[end - 1].text.strip():
                end -= 1
            return Span(ent.doc, cut.start, end, label=ent.label_, kb_id=ent.kb_id_) if end > cut.start else None
    return ent


def in_parens(doc: Doc, i: int) -> bool:
    return i > 0 and doc[i - 1].text == "(" or i + 1 < len(doc) and doc[i + 1].text == ")"


def ticker_context(tok) -> bool:
    """A one-letter symbol used as a word: a subject, or before 'stock'/'shares'."""
    nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
    if nxt is not None and nxt.lower_ in LISTING_WORDS:
        return True
    return tok.dep_ in {"nsubj", "nsubjpass"} and tok.pos_ in {"PROPN", "NOUN"}


def initials_of_words(span: Span, n: int) -> str:
    """The initials of the span's last n words, in capitals: what an acronym of the name spells."""
    words = [t.text for t in span if t.is_alpha][-n:]
    return initials(words).upper()
