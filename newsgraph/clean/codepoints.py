"""Characters that no store can hold, taken out before anything else reads the text.

PostgreSQL's text cannot hold NUL, and no UTF-8 store can hold a lone surrogate (what a JSON
``"\\ud800"`` or a mis-decoded file name leaves in a Python string). They are cleaned here, at the
clean stage, for every store, so that SQLite and PostgreSQL hold the same text and the same ids
(an article's id hashes its cleaned text). Control characters other than the line and tab ones
carry nothing a reader sees and go too; a lone surrogate becomes U+FFFD, the mark of a character
that could not be read.
"""
from __future__ import annotations

import re

CONTROLS = "\x00-\x08\x0e-\x1f\x7f"  # C0 controls except \t \n \v \f \r (normalised later), and DEL
SURROGATES = "\ud800-\udfff"
UNSTORABLE = re.compile(f"[{CONTROLS}{SURROGATES}]")
REPLACEMENT = "\ufffd"


def _swap(match: re.Match) -> str:
    return REPLACEMENT if "\ud800" <= match.group() <= "\udfff" else ""


def storable(text: str) -> str:
    """``text`` without the characters a store cannot hold (see the module's docstring)."""
    return UNSTORABLE.sub(_swap, text) if UNSTORABLE.search(text) else text


def storable_values(meta: dict) -> dict:
    """A metadata dict with every string value made storable (other values as they are)."""
    return {key: storable(value) if isinstance(value, str) else value for key, value in meta.items()}
