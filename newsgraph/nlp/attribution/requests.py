"""Requests for comment: whom a request went to ('calls to Acme', 'we reached out to Acme's
representatives'), whom an answer noun says it came from ('no comment from Acme'), and whether a
request stands unanswered in its sentence ('we asked Acme for comment but have not heard back')."""
from __future__ import annotations

import re

from spacy.tokens import Span, Token

from newsgraph import lexicon
from newsgraph.model import EntityType
from newsgraph.nlp.attribution.speaks_for import SPEAKING_ROLES, body, principal_of, state_of
from newsgraph.nlp.common import coref

SPEECH_VERBS = lexicon.words("speech.speech_verbs")
NO_ANSWER_YET = lexicon.pattern("responses.no_answer_yet", re.I)
ASK_VERBS = lexicon.words("responses.ask_verbs")
REQUEST_WORDS = lexicon.pattern("responses.request_words", re.I)
# whom a request for comment can go to: any name but a place's ('calls to Acme' for a name left untyped)
ADDRESSEES = {t.value for t in EntityType} - {EntityType.PLACE.value}


def addressees(tok: Token) -> list[str]:
    """Whom a request went to: 'calls to Acme and to Beta', 'reached out to Acme', 'asked Acme',
    'contacted representatives for Acme and Beta'."""
    preps = [c for c in tok.children if c.dep_ == "prep" and c.lower_ in {"to", "for"}]
    preps += [c for p in list(preps) for c in p.conjuncts if c.dep_ in {"prep", "conj"}]
    objects = [o for p in preps for c in p.children if c.dep_ == "pobj" for o in [c, *c.conjuncts]]
    if tok.pos_ in {"VERB", "AUX"}:
        objects += [o for c in tok.children if c.dep_ == "dobj" for o in [c, *c.conjuncts]]
    keys: list[str] = []
    for o in objects:
        if speaking_role(o):  # 'representatives for Acme and Beta': each principal
            inner = [p for c in o.children if c.dep_ == "prep" for p in c.children if p.dep_ == "pobj"]
            found = [k for p in inner for x in [p, *p.conjuncts] if (k := coref.resolve(x, ADDRESSEES))]
            found = found or [principal_of(o)]
        else:
            found = [coref.resolve(o, ADDRESSEES)]
        keys += [k for k in found if k and k not in keys]
    return keys


def speaking_role(noun: Token) -> bool:
    """A noun of a speaking role, singular or plural ('spokesman', 'representatives')."""
    return noun.lower_ in SPEAKING_ROLES or noun.lemma_.lower() in SPEAKING_ROLES


def answer_sources(noun: Token) -> list[str]:
    """Whom an answer noun says it came from: 'no comment from Acme or Beta'."""
    objects = [o for p in noun.children if p.dep_ == "prep" and p.lower_ == "from"
               for c in p.children if c.dep_ == "pobj" for o in [c, *c.conjuncts]]
    return list(dict.fromkeys(k for k in (coref.resolve(o, ADDRESSEES) or body(o) or state_of(o) for o in objects) if k))


def asked_without_answer(tok: Token, lemma: str, sent: Span) -> bool:
    """'We asked Acme for comment but have not heard back', 'we have reached out to Acme for comment',
    'contacted representatives for Acme to see if they had any comment': a request with no answer in
    the sentence."""
    if lemma not in ASK_VERBS or any(c.dep_ == "neg" for c in tok.children):
        return False
    if lemma == "reach" and not any(c.lower_ == "out" for c in tok.children):
        return False
    if any(t.lemma_.lower() in SPEECH_VERBS and t.i != tok.i and t.pos_ == "VERB" for t in sent):
        return False  # 'we asked Acme, which said ...': an answer
    if not REQUEST_WORDS.search(sent.text):
        return False
    # 'we have reached out' (present perfect: still waiting), not 'had approached' (a past event)
    perfect = any(c.dep_ == "aux" and c.lower_ in {"has", "have", "'ve", "'s"} for c in tok.children)
    return perfect or bool(NO_ANSWER_YET.search(sent.text)) or any(c.dep_ == "advcl" for c in tok.children)
