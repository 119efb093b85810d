"""Who takes part in a sentence's events: the companies, governments and people it names or refers to."""
from __future__ import annotations

from spacy.tokens import Span

from newsgraph.model import ACTOR_TYPES
from newsgraph.nlp.common import coref
from newsgraph.nlp.events.structural import ARGUMENT_ROLES

# Where an unnamed party ('it', 'the company') stands: a subject, an object, or a possessive ('its').
REFERRING_ROLES = ARGUMENT_ROLES | {"poss"}


def participants(sent: Span) -> tuple[str, ...]:
    """Entity keys of the companies, governments and people the sentence names or refers to
    ('it', 'the company'), in order of first mention."""
    doc = sent.doc
    keys: dict[str, None] = {}
    for tok in sent:
        key = coref.key_at(doc, tok.i)
        if key is None and tok.dep_ in REFERRING_ROLES and (
                tok.pos_ == "PRON" or tok.lower_ in coref.COMPANY_NOUNS):
            key = coref.resolve(tok, ACTOR_TYPES)
        if key and coref.type_of(doc, key) in ACTOR_TYPES:
            keys[key] = None
    return tuple(keys)
