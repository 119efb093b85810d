"""Quotations: the one finder of quotation marks that every rule reads (attributions take the
quotations with their marks, responses their insides), and where a span meets one."""
from __future__ import annotations

import re

from spacy.tokens import Span

from newsgraph import lexicon
from newsgraph.model import Evidence

QUOTE_CLOSERS = lexicon.table("speech.quote_closers")  # opening mark -> its closing mark
MIXED_CLOSERS = lexicon.table("speech.quote_mixed_closers")  # where curly and straight marks mix
QUOTE_MARK = re.compile("|".join(re.escape(mark) for mark in QUOTE_CLOSERS))  # where a quotation may open


def quotations(text: str) -> list[tuple[int, int]]:
    """(start, end) of each quotation with its marks, possibly over several sentences of a paragraph.
    The marks are curly, straight, or two apostrophes (''like this'', as some wire archives print them)."""
    return [(start, end) for start, end, _, _ in _found(text)]


def quotation_insides(text: str) -> list[tuple[int, int]]:
    """(start, end) of each quotation's inside: the same quotations as :func:`quotations`, without the marks."""
    return [(start + opening, end - closing) for start, end, opening, closing in _found(text)]


def _found(text: str) -> list[tuple[int, int, int, int]]:
    """Each quotation: start and end with its marks, and the widths of its opening and closing marks."""
    spans: list[tuple[int, int, int, int]] = []
    i = 0
    while (found := QUOTE_MARK.search(text, i)) is not None:
        i, mark = found.start(), found.group()
        if mark == "“" or _opens(text, i, len(mark)):
            # the matching mark, or the other kind where a text mixes curly and straight marks
            close = QUOTE_CLOSERS[mark]
            j = text.find(close, i + len(mark))
            para_end = text.find("\n\n", i)
            if j == -1 or (para_end != -1 and j > para_end):
                close = MIXED_CLOSERS[mark]
                j = text.find(close, i + len(mark))
            if j != -1 and (para_end == -1 or j < para_end) and j - i > len(mark):
                spans.append((i, j + len(close), len(mark), len(close)))
                i = j + len(close)
                continue
            goes_on = para_end != -1 and text[para_end:].lstrip().startswith(tuple(QUOTE_CLOSERS))
            if goes_on and para_end - i > len(mark):
                # a quotation that goes on in the next paragraph, as news prints it: no closing mark here
                spans.append((i, para_end, len(mark), 0))
                i = para_end
                continue
        i += len(mark)
    return spans


def _opens(text: str, i: int, width: int = 1) -> bool:
    """A straight mark opens a quotation unless a word or a closing punctuation mark runs into it
    ('said "no"' opens, 'he said." Then' closes: the one before it went unpaired)."""
    before = text[i - 1] if i else " "
    after = text[i + width] if i + width < len(text) else " "
    return not before.isalnum() and not (before in ".,!?;:" and after.isspace())


def quote_kind(span: tuple[int, int], quotes: list[tuple[int, int]]) -> str:
    return "direct" if any(qs <= span[0] + 1 and span[1] - 1 <= qe for qs, qe in quotes) else "indirect"


def inside_quote(pos: int, quotes: list[tuple[int, int]]) -> tuple[int, int] | None:
    return next(((qs, qe) for qs, qe in quotes if qs < pos < qe), None)


def grow_to_quotes(spans: list[tuple[int, int]], quotes: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Content that starts or ends inside a quotation takes the whole quotation (both marks)."""
    out = []
    for s, e in spans:
        for qs, qe in quotes:
            if qs <= s < qe or qs < e <= qe:
                s, e = min(s, qs), max(e, qe)
        out.append((s, e))
    return out


def extend_over_quote(sent: Span, quotes: list[tuple[int, int]]) -> int:
    """The sentence's end, or the end of a quotation that starts in it and runs on."""
    end = sent.end_char
    for qs, qe in quotes:
        if sent.start_char <= qs < sent.end_char and qe + 1 > end:
            last = sent.doc[-1]
            end = min(last.idx + len(last.text_with_ws), qe + 1)
    return end


def statement_after(sent: Span) -> Span | None:
    """The sentence a colon at the end of this one introduces: 'In a statement, Roe said:' followed by
    the statement as its own paragraph, with or without quotation marks."""
    last = next((t for t in reversed(sent) if not t.is_space), None)
    if last is None or last.text != ":" or sent.end >= len(sent.doc):
        return None
    following = sent.doc[sent.end]
    return following.sent if not following.is_space else next(
        (t.sent for t in sent.doc[sent.end:] if not t.is_space), None)


def statement_end(sent: Span, quotes: list[tuple[int, int]]) -> int:
    """Where what a speaker says in a sentence ends: the end of the statement its colon introduces,
    else of a quotation that runs on from it (:func:`extend_over_quote`)."""
    statement = statement_after(sent)
    return statement.end_char if statement is not None else extend_over_quote(sent, quotes)


def quote_in(text: str, quotes: list[tuple[int, int]], evidence: Evidence) -> str | None:
    inside = [text[qs:qe].strip() for qs, qe in quotes if evidence.start <= qs and qe <= evidence.end]
    inside = [q for q in inside if len(q.split()) >= 2]
    return " ".join(inside) if inside else None

