"""Evidence spans from spaCy spans: offsets into the article text, trailing whitespace left out."""
from __future__ import annotations

from spacy.tokens import Span

from newsgraph.model import Evidence


def sentence_evidence(sent: Span, article_id: str, end_char: int | None = None) -> Evidence:
    end = sent.end_char if end_char is None else end_char
    text = text_of(sent.doc)[sent.start_char:end]
    return Evidence(article_id, sent.start_char, sent.start_char + len(text.rstrip()))


def text_of(doc) -> str:
    """The document's text, built once: spaCy's ``Doc.text`` joins every token on each access, which
    costs a pass over the document in code that slices it per figure or per mention."""
    text = doc.user_data.get("newsgraph_text")
    if text is None:
        text = doc.user_data["newsgraph_text"] = doc.text
    return text
