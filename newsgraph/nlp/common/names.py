"""The one name normaliser: comparison keys, legal cores, brand cores, spelling variants and initials
of company names. Every component, the gazetteer and the SEC import compare names through it."""
from __future__ import annotations

import re
import unicodedata

from newsgraph import lexicon

LEGAL_SUFFIXES = lexicon.words("names.legal_suffixes")
# Words after a brand that news drops: 'Ford Motor' is called 'Ford', 'Cathay General Bancorp' is not 'Cathay'.
GENERIC_NAME_WORDS = LEGAL_SUFFIXES | lexicon.words("names.generic_name_words")
NAME_LINK_WORDS = lexicon.words("names.link_words")
LETTERS_TO_ASCII = str.maketrans({"ø": "o", "æ": "ae", "œ": "oe", "ß": "ss", "ł": "l", "đ": "d", "þ": "th"})

COMMA = re.compile(r"[,]")
JOINED_AMPERSAND = re.compile(r"\w&\w")  # 'AT&T'
AMPERSAND_INSIDE = re.compile(r"(?<=\w)&(?=\w)")
SPACED_AMPERSAND = re.compile(r"\b[A-Z]{1,2} & [A-Z]{1,2}\b")  # 'AT & T'
SPACED_AMPERSAND_PARTS = re.compile(r"\b([A-Z]{1,2}) & ([A-Z]{1,2})\b")
POSSESSIVE_S = re.compile(r"'s\b")
DOTTED_LETTERS = re.compile(r"\b([a-z])\.([a-z])\b\.?")  # 'l.p.' -> 'lp'
PUNCTUATION = re.compile(r"[^\w\s]")
TRAILING_PUNCTUATION = re.compile(r"[\s/:;,–—-]+$")
LEADING_THE = re.compile(r"^(?:the|The)\s+")
TRAILING_POSSESSIVE = re.compile(r"\s*[’']s?$")


def legal_core(name: str) -> str:
    """'Tesla, Inc.' -> 'Tesla'; 'Ford Motor Co.' -> 'Ford Motor'; 'The Acme Company' -> 'Acme'."""
    words = COMMA.sub(" ", name).split()
    while len(words) > 1 and words[-1].lower().rstrip(".") in LEGAL_SUFFIXES:
        words.pop()
    if len(words) > 1 and words[0] in {"The", "THE"}:
        words.pop(0)
    return " ".join(words).strip()


def brand_core(name: str) -> str:
    """'Acme Motor Stores Inc.' -> 'Acme': the name without legal suffixes and generic trailing words."""
    words = legal_core(name).split()
    while len(words) > 1 and words[-1].lower().strip(".,") in GENERIC_NAME_WORDS:
        words.pop()
    return " ".join(words)


def spelling_variants(alias: str) -> set[str]:
    """How news also writes a name: 'AT&T' as 'AT & T' and back."""
    out = set()
    if JOINED_AMPERSAND.search(alias):
        out.add(AMPERSAND_INSIDE.sub(" & ", alias))
    if SPACED_AMPERSAND.search(alias):
        out.add(SPACED_AMPERSAND_PARTS.sub(r"\1&\2", alias))
    return out


def initials_of(name: str) -> str | None:
    """'Advanced Micro Devices' -> 'AMD'; 'Procter & Gamble' -> 'P&G'; None for a one-word name.

    An ampersand between the two words stays ('P&G'); link words ('of', 'and') are skipped."""
    words = legal_core(name).replace("&", " & ").split()
    significant = [w for w in words if w.lower() not in NAME_LINK_WORDS]
    if len(significant) < 2 or not all(w[:1].isalpha() and w[:1].isupper() and not w.isupper()
                                       for w in significant):
        return None  # a one-word name, or one that already is an abbreviation ('AT&T', 'BAE Systems')
    if len(significant) == 2 and words == [significant[0], "&", significant[1]]:
        return f"{significant[0][0]}&{significant[1][0]}"
    return initials(significant)


def norm_name(name: str) -> str:
    """Comparison key: lower case, no accents ('Nestlé' = 'Nestle'), no punctuation, no leading 'the',
    no legal suffixes."""
    s = name.lower().translate(LETTERS_TO_ASCII)
    if not s.isascii():  # plain ASCII has no accents to fold (most names: the quick way)
        s = "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))
    if not (s.isascii() and s.replace(" ", "").isalnum()):  # letters, digits and spaces need no clean-up
        s = s.replace("’", "'")
        s = POSSESSIVE_S.sub("", s)
        s = DOTTED_LETTERS.sub(r"\1\2", s)
        s = PUNCTUATION.sub(" ", s)
    words = s.split()
    if words and words[0] == "the":
        words = words[1:]
    while len(words) > 1 and words[-1] in LEGAL_SUFFIXES:
        words.pop()
    return " ".join(words)


def strip_the(text: str) -> str:
    """'The Acme Group's' -> 'Acme Group'; 'Acme Partners'' -> 'Acme Partners'; 'Acme /' -> 'Acme'."""
    text = TRAILING_PUNCTUATION.sub("", text)
    return TRAILING_POSSESSIVE.sub("", LEADING_THE.sub("", text).replace("’s", "")).strip()


def initials(words: list[str]) -> str:
    """The first letters of the words, as written: ['Insurance', 'Australia', 'Group'] -> 'IAG'."""
    return "".join(w[0] for w in words)
