"""Tickers written in the text: '(F)', '(HK:1810)', '(NYSE: F)', '(BYDDF)', '(TYO: 7203)', 'Acme
NASDAQ: ACM', a symbol right after the name without brackets, as wire services print it ('Acme
Corp. ACM rose'), and cashtags ('$ACM') of listed companies.

A ticker belongs to the name right before it (possessive and a first ticker may sit between).
A bare symbol in parentheses that spells the initials of the words before it is an acronym
('electric vehicles (EV)'), not a ticker. Once a symbol is known as a ticker in an article, later
uses of it as a word ('F stock', 'F has a Hold rating') are mentions of the same company; a
single-letter symbol is never taken from the word alone.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from newsgraph.nlp.common.gazetteer import Gazetteer, load_gazetteer, normalise_ticker
from newsgraph.nlp.common.names import LEGAL_SUFFIXES
from newsgraph.nlp.common.spans import text_of
from newsgraph.nlp.tickers.rules import (CASHTAG, LISTING_WORDS, NOT_TICKERS, SYMBOL_WORD, TICKER, UNBRACKETED,
                                         abbreviated_tickers, in_parens, initials_of_words, outside, ticker_context)


Doc.set_extension("ticker_links", default=None, force=True)  # (start, end) token span of a name -> its tickers
Doc.set_extension("symbol_owner", default=None, force=True)  # a ticker symbol -> the name it was written with


@Language.factory("newsgraph_tickers_v1", assigns=["doc.ents", "doc._.ticker_links", "doc._.symbol_owner"],
                  requires=["doc.ents"], default_config={"gazetteer_path": None})
def make_tickers(nlp: Language, name: str, gazetteer_path: str | None) -> "TickerFinder":
    return TickerFinder(load_gazetteer(gazetteer_path))


class TickerFinder:
    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer

    def __call__(self, doc: Doc) -> Doc:
        links: dict[tuple[int, int], list[str]] = {}  # entity token span -> tickers
        text = text_of(doc)
        matches = sorted([*TICKER.finditer(text), *UNBRACKETED.finditer(text)], key=lambda m: m.start())
        inside = [(m.start(), m.end()) for m in matches]
        ents = [outside(e, inside) for e in doc.ents]
        ents = [e for e in ents if e is not None]
        new_ents: list[Span] = self._cashtags(doc)
        ents = [e for e in ents if not any(e.start < n.end and n.start < e.end for n in new_ents)]
        for m in matches:
            exch, sym = m.group("exch"), m.group("sym").upper()
            if not exch and (sym in NOT_TICKERS or not m.group("sym").isupper() and not sym.isdigit()):
                continue
            if not exch and sym.isdigit():
                continue  # a bare number in brackets is no ticker
            owner = self._owner(doc, m.start(), ents + new_ents)
            if owner is None:
                continue
            known = self.gazetteer.exchange_for(owner.kb_id_, sym)
            if not exch and not known and len(sym) > 1 and initials_of_words(owner, len(sym)) == sym:
                continue
            if owner.label_ != "ORG":
                owner = Span(doc, owner.start, owner.end, label="ORG", kb_id=owner.kb_id_)
            new_ents = [e for e in new_ents if (e.start, e.end) != (owner.start, owner.end)] + [owner]
            ticker = normalise_ticker(exch, sym) if exch else (
                self.gazetteer.exchange_for(owner.kb_id_, sym) or sym)
            links.setdefault((owner.start, owner.end), []).append(ticker)
        named = ents + new_ents
        for owner, ticker in self._bare_tickers(doc, named) + abbreviated_tickers(doc, named, links):
            new_ents = [e for e in new_ents if (e.start, e.end) != (owner.start, owner.end)] + [owner]
            links.setdefault((owner.start, owner.end), []).append(ticker)
        keep = [e for e in ents if not any(e.start < n.end and n.start < e.end for n in new_ents)]
        doc.ents = filter_spans(keep + new_ents)
        doc._.ticker_links = links
        self._symbol_mentions(doc, links)
        return doc

    def _owner(self, doc: Doc, paren_char: int, ents: list[Span]) -> Span | None:
        """The name a ticker at this character belongs to."""
        span = doc.char_span(paren_char, paren_char + 1, alignment_mode="expand")
        if span is None:
            return None
        i = span.start - 1
        while i >= 0 and (doc[i].text in {"’s", "'s", "’", "'"}):
            i -= 1
        while i >= 0 and doc[i].text == ")":  # skip an earlier ticker: 'BYD (HK:1211) (BYDDF)'
            while i >= 0 and doc[i].text != "(":
                i -= 1
            i -= 1
        if i < 0:
            return None
        for e in ents:
            if e.start <= i < e.end:
                return e if e.end == i + 1 else Span(doc, e.start, i + 1, label=e.label_, kb_id=e.kb_id_)
        if doc[i].pos_ == "PROPN" or doc[i].text[:1].isupper() and doc[i].is_alpha:
            start = i
            while start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].text[:1].isupper() \
                    and start - 1 >= doc[i].sent.start:
                start -= 1
            return Span(doc, start, i + 1, label="ORG")
        return None

    def _cashtags(self, doc: Doc) -> list[Span]:
        """'$ACM': the one listed company with that symbol, as a mention of it."""
        out = []
        for m in CASHTAG.finditer(text_of(doc)):
            key = self.gazetteer.lookup_symbol(m.group("sym"))
            span = doc.char_span(m.start("sym"), m.end("sym"))
            if key and span is not None:
                out.append(Span(doc, span.start, span.end, label="ORG", kb_id=key))
        return out

    def _bare_tickers(self, doc: Doc, ents: list[Span]) -> list[tuple[Span, str]]:
        """(owner, ticker) for a symbol written right after a company name without brackets:
        'Acme Corp. ACM rose', 'Acme Energy ACME soared', 'shares of Acme ACM, which'. The symbol
        must be the company's listed one, or follow a legal suffix, or be followed by a verb or
        'stock'/'shares'; acronyms of the name ('Electric Vehicles EV') are not symbols."""
        out = []
        for e in ents:
            if e.label_ != "ORG":
                continue
            if len(e) > 1 and not e.kb_id_ and SYMBOL_WORD.match(e[-1].text):  # the NER took the symbol in
                owner, i = Span(doc, e.start, e.end - 1, label="ORG"), e.end - 1
            else:
                owner, i = e, e.end
            if i >= len(doc) or not SYMBOL_WORD.match(doc[i].text) or doc[i].text in NOT_TICKERS \
                    or doc[i].lower_ in LEGAL_SUFFIXES:  # 'Acme Holdings PLC'
                continue
            sym = doc[i].text
            if initials_of_words(owner, len(sym)) == sym or owner.text == sym:
                continue
            known = self.gazetteer.exchange_for(owner.kb_id_, sym)
            nxt = doc[i + 1] if i + 1 < len(doc) else None
            after_suffix = owner[-1].text.lower().rstrip(".") in LEGAL_SUFFIXES
            used_as_name = nxt is not None and (nxt.lower_ in LISTING_WORDS or nxt.pos_ in {"VERB", "AUX"})
            if known or after_suffix or used_as_name:
                out.append((owner, known or sym))
        return out

    def _symbol_mentions(self, doc: Doc, links: dict[tuple[int, int], list[str]]) -> None:
        """'F stock' after 'Ford (F)': the symbol names the same company."""
        owner_of: dict[str, tuple[int, int]] = {}
        for span, tickers in links.items():
            for t in tickers:
                owner_of.setdefault(t.split(":")[-1], span)
        if not owner_of:
            return
        ents = list(doc.ents)
        extra = []
        for tok in doc:
            if tok.text in owner_of and not in_parens(doc, tok.i):
                if len(tok.text) == 1 and not ticker_context(tok):
                    continue
                extra.append(Span(doc, tok.i, tok.i + 1, label="ORG", kb_id=f"ticker:{tok.text}"))
        if extra:  # the symbol wins over what the statistical NER made of the same token
            taken = {span.start for span in extra}
            doc.ents = filter_spans([e for e in ents if not (e.kb_id_ == "" and set(range(e.start, e.end)) <= taken)]
                                    + extra)
        doc._.symbol_owner = owner_of
