"""Who published something: a known outlet, or a name the words around it make a publisher ('a
report on DeepVale', 'a website called Quill Daily', 'Quill Daily, which broke the story', 'was
published on QuillDaily.com', 'a reporter for the Quill'), whatever the entity recogniser made of the
name. The words are in the lexicon (``reports.toml``)."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from spacy.tokens import Span, Token

from newsgraph import lexicon
from newsgraph.model import EntityType
from newsgraph.nlp.common import coref
from newsgraph.nlp.common.spans import text_of

MEDIA_NOUNS = lexicon.words("reports.media_nouns")
NAMING_VERBS = lexicon.words("reports.naming_verbs")
MEDIA_MODIFIERS = lexicon.words("reports.media_modifiers")
NAME_LABELS = lexicon.words("reports.publisher_labels")
LEADING_WORDS = lexicon.words("reports.name_leading_words")
# a name the context alone makes a publisher may be one the recogniser typed as anything but a place
OPEN = frozenset({EntityType.COMPANY.value, EntityType.OTHER.value, EntityType.PRODUCT.value})
# where the words say it is a site or that it broke the story, even a name typed as a person's
OPEN_PEOPLE = OPEN | {EntityType.PERSON.value}
UNKNOWN_ONLY: frozenset[str] = frozenset()
KNOWN_COMPANY = "gaz:"  # the key prefix of the gazetteer's listed companies
POSSESSIVE_TAIL = re.compile(r"['’]s?\s+\S.*$")
TRAILING_POSSESSIVE = re.compile(r"['’]s?$")
LEADING_THE = re.compile(r"^the\s+", re.I)
WEB_SUFFIX = re.compile(r"\.[a-z]{2,3}(?:\.[a-z]{2})?$", re.I)  # 'QuillDaily.com', 'Quill.co.uk'
NOT_WORD = re.compile(r"[\W_]+")


@dataclass(frozen=True)
class Publisher:
    name: str  # as written, without a leading 'the'
    key: str | None  # the entity key, where the name is one of the article's entities
    outlet: bool  # a name known or typed as a news outlet


def publisher(head: Token, allow: frozenset[str] = UNKNOWN_ONLY) -> Publisher | None:
    """The publisher a noun phrase names: a news outlet, or a proper name that the entity
    recogniser did not type as an outlet but whose type is in ``allow`` (or that is no entity at
    all). 'a website called X', 'the news site X' give X."""
    key = coref.resolve(head, {EntityType.OUTLET.value})
    if key:
        return Publisher(_own_name(head, _written(head, key)), key, True)
    if head.lemma_.lower() in MEDIA_NOUNS:
        for child in head.children:
            if child.dep_ == "acl" and child.lemma_.lower() in NAMING_VERBS:
                named = [c for c in child.children if c.dep_ in {"oprd", "dobj", "attr"}]
                return publisher(named[0], OPEN_PEOPLE) if named else None
            if child.dep_ == "appos" and child.i > head.i:
                return publisher(child, OPEN_PEOPLE)
            if child.dep_ == "compound" and child.pos_ == "PROPN":  # 'the Quill on Sunday newspaper'
                return publisher(child, OPEN_PEOPLE)
        return None
    return _other_name(head, allow)


def _other_name(head: Token, allow: frozenset[str]) -> Publisher | None:
    if not head.text[:1].isupper() or head.pos_ not in {"PROPN", "NOUN"} or head.is_sent_start and not head.ent_type_:
        return None  # a capital that only starts the sentence names nothing

    if head.ent_type_ and head.ent_type_ not in NAME_LABELS:
        return None  # a date, a place, an amount
    if head.lower_ in lexicon.MONTHS or head.lower_ in lexicon.WEEKDAYS:
        return None
    key = coref.key_at(head.doc, head.i)
    if any(c.dep_ in {"amod", "compound"} and c.lower_ in MEDIA_NOUNS | MEDIA_MODIFIERS
           or c.dep_ == "appos" and c.lemma_.lower() in MEDIA_NOUNS for c in head.children):
        allow = OPEN_PEOPLE  # 'the weekly Xyz', 'Xyz, a satirical website': whatever the recogniser took it for
    if key and (coref.type_of(head.doc, key) not in allow or key.startswith(KNOWN_COMPANY)):
        return None  # a place, a person, or a listed company ('posted on Twitter'): no news publisher
    span = _name_span(head)
    return Publisher(_own_name(head, span.text), key, False) if span is not None else None


def _own_name(head: Token, name: str) -> str:
    """'the Courier' in the Moreton Courier's own article is the Moreton Courier."""
    own = head.doc._.outlet
    words = name.split()
    if own and len(words) == 1 and own.split()[-1].lower() == words[0].lower():
        return own
    return name


def _name_span(head: Token) -> Span | None:
    """The words of the name the head ends: the recogniser's entity, else the capitalised words
    joined to it ('Daily Buzz Live')."""
    doc = head.doc
    for ent in doc.ents:
        if ent.start <= head.i < ent.end:
            start = ent.start + (1 if doc[ent.start].lower_ in LEADING_WORDS else 0)
            return doc[start:ent.end] if start < ent.end else None
    start = head.i
    while start > head.sent.start and doc[start - 1].head.i in range(start, head.i + 1) \
            and doc[start - 1].dep_ == "compound" and doc[start - 1].text[:1].isupper():
        start -= 1
    return doc[start:head.i + 1]


def _written(head: Token, key: str) -> str:
    """An outlet's name: its canonical name, or the fuller form its sentence writes ('Bloomberg
    News reported' -> 'Bloomberg News'; 'the FT reported' -> 'Financial Times')."""
    doc = head.doc
    sent = head.sent
    written = [text_of(doc)[m.evidence.start:m.evidence.end] for m in doc._.mentions or ()
               if m.entity_key == key and sent.start_char <= m.evidence.start < sent.end_char]
    return max([doc._.entities[key].name, *(_without_the(w) for w in written)], key=len)


def _without_the(name: str) -> str:
    first, _, rest = name.partition(" ")
    return rest if rest and first.lower() in LEADING_WORDS else name


def outlet_key(name: str) -> str:
    """An outlet's name as one squashed word: no accents, case, 'The', possessive and what follows it
    ("the New York Post's Page Six"), web suffix or spacing ('PandoDaily.com' = 'Pando Daily')."""
    s = unicodedata.normalize("NFKD", name)
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = WEB_SUFFIX.sub("", LEADING_THE.sub("", TRAILING_POSSESSIVE.sub("", POSSESSIVE_TAIL.sub("", s.strip()))))
    return NOT_WORD.sub("", s.lower())
