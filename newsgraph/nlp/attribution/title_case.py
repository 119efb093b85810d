"""Cue verbs in a title-case line ('Acme Chief Praises Beta Deal'), which the tagger reads as names.

A headline in title case defeats the parser: its verb comes out as a proper noun inside one long name.
The line is read by word shape instead: a run of names, then a word whose inflected form ('Praises',
'Slams', 'Questioned') is a cue verb's, then what it says. The source is the run of names, the cue
the verb (with a preposition right after it: 'Sides With'), the content the rest of the line.
"""
from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.tokens import Doc, Span, Token

from newsgraph.nlp.common.spans import text_of

LINE = re.compile(r"(?m)^[^\n]+$")
WORD = re.compile(r"[^\W\d_]+")
NAME_POS = {"PROPN", "NOUN", "ADJ", "PUNCT"}  # what a title-case name run is tagged as
MIN_WORDS = 4
MAX_WORDS = 20
TITLE_SHARE = 0.7  # of the words of four letters or more, capitalised


def title_case_cues(doc: Doc, cues: frozenset[str], prep_cues: dict[str, set[str]]
                    ) -> Iterator[tuple[Span, tuple[int, int], tuple[int, int]]]:
    """(the source's run of names, cue span, content span) for each title-case line with a cue verb the
    tagger did not read as a verb; ``cues`` are the lemmas that count alone, ``prep_cues`` those that
    count with one of their prepositions right after them ('Sides With', not 'Stock Jumps as')."""
    text = text_of(doc)
    for m in LINE.finditer(text):
        if not _title_case(WORD.findall(m.group())):
            continue
        line = doc.char_span(m.start(), m.end(), alignment_mode="contract")
        if line is None:
            continue
        found = _cue_in(line, cues, prep_cues)
        if found is None:
            continue
        verb, last = found
        rest = doc[last.i + 1:line.end]
        rest = rest[:-1] if len(rest) and rest[-1].is_punct else rest
        if len(rest) == 0:
            continue
        name = doc[line.start:verb.i]
        yield name, (verb.idx, last.idx + len(last.text)), (rest.start_char, rest.end_char)


def _title_case(words: list[str]) -> bool:
    long_words = [w for w in words if len(w) >= 4]
    return (MIN_WORDS <= len(words) <= MAX_WORDS and bool(long_words)
            and sum(w[0].isupper() for w in long_words) >= TITLE_SHARE * len(long_words))


def _cue_in(line: Span, cues: frozenset[str], prep_cues: dict[str, set[str]]) -> tuple[Token, Token] | None:
    """The first word after a run of names that is an inflected cue verb the tagger missed, and the
    last word of the cue (the verb, or a preposition right after it)."""
    for tok in line[1:-1]:
        if tok.pos_ not in NAME_POS or tok.text == ":":
            return None  # the tagger found the verb, the line does not start with a name, or 'X: Y' quotes X
        if tok.pos_ == "PUNCT" or not tok.text[0].isupper() or tok.is_upper:
            continue
        stems = _stems(tok.lower_)
        nxt = tok.doc[tok.i + 1]
        if stems & cues:
            return tok, (nxt if nxt.pos_ == "ADP" and nxt.i + 1 < line.end else tok)
        if any(nxt.lower_ in prep_cues.get(stem, ()) for stem in stems) and nxt.i + 1 < line.end:
            return tok, nxt
    return None


def _stems(word: str) -> set[str]:
    """What a third-person or past form may come from, by its ending ('praises' -> 'praise', 'slams'
    -> 'slam', 'pushes' -> 'push', 'slammed' -> 'slam', 'stated' -> 'state'); none for other words."""
    if word.endswith("s") and not word.endswith("ss"):
        return {word[:-1], word[:-2], word[:-3] + "y"}
    if word.endswith("ed"):
        return {word[:-1], word[:-2], word[:-3], word[:-3] + "y"}
    return set()
