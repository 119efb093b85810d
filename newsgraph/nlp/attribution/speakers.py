"""Who an attribution is said of: a cue's subject, found through the parse and its usual slips
(a speaker parsed as the cue's object or as an apposition further back, a dateline parsed into the name)."""
from __future__ import annotations

from spacy.tokens import Token

from newsgraph.model import ACTOR_TYPES, EntityType
from newsgraph.nlp.attribution.cues import DOCUMENT_NOUNS, LISTENER_VERBS, MESSAGE_NOUNS
from newsgraph.nlp.attribution.grammar import CUE_EXTRAS, SUBJECT_DEPS, end_char, lemma_of, passive_participle
from newsgraph.nlp.common import coref

NAME_GAP_DEPS = CUE_EXTRAS | {"advmod"}
DASHES = {"-", "--", "—", "–"}
PEOPLE_TYPES = {"PERSON", "ORG", "NORP", "GPE"}  # the model's entity labels of who can be told or named
SOURCE_TYPES = ACTOR_TYPES | {EntityType.OUTLET}
SPEAKER_OBJECT_DEPS = {"dobj", "attr", "npadvmod", "dep"} | {"appos"}  # a speaker parsed as the cue's object
NAME_BEFORE_DEPS = {"appos", "conj", "npadvmod", "dep"} | {"nummod"}  # a name parsed further back


def _own_subject(verb: Token) -> Token | None:
    """The verb's subject; of two (a misparse: 'LONDON (Reuters) - Jane Doe said'), the nearest."""
    subjects = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
    return min(subjects, key=lambda c: abs(verb.i - c.i)) if subjects else None


def subject_of(verb: Token) -> Token | None:
    if (own := _own_subject(verb)) is not None:
        if own.lower_ == "that" and verb.dep_ == "relcl" and verb.head.pos_ in {"NOUN", "PROPN"}:
            # 'a fund that backed the bid': the fund ('who' itself names a person); not a thing that
            # merely bears on something ('planks that call for', 'a role that is expected')
            return verb.head if _can_hold_views(verb.head) else None
        return own
    if verb.dep_ == "acl" and verb.head.pos_ in {"NOUN", "PROPN", "PRON"}:
        noun = verb.head
        if noun.lemma_.lower() in MESSAGE_NOUNS and noun.dep_ == "dobj":  # 'X released a statement saying ...'
            sender = next((c for c in noun.head.children if c.dep_ in SUBJECT_DEPS), None)
            if sender is not None:
                return sender
        return noun  # 'a statement saying ...', 'the man saying ...'
    head = verb
    while head.head.i != head.i:
        if head.dep_ == "advcl" and passive_participle(head):
            break  # 'Asked about the sale, the manager said no': not the manager's question
        if head.dep_ in {"conj", "xcomp", "advcl"}:
            head = head.head  # 'she paused and said ...'
        elif head.dep_ == "pcomp" and head.head.dep_ == "prep":
            head = head.head.head  # 'she spoke of healing before explaining why ...'
        else:
            break
        if (own := _own_subject(head)) is not None:
            return own
    return _name_before(verb) or _name_after(verb)


def _can_hold_views(noun: Token) -> bool:
    """A party (a person or organisation the article names, or a word for a company) or a document."""
    lemma = noun.lemma_.lower()
    return (noun.ent_type_ in PEOPLE_TYPES or lemma in DOCUMENT_NOUNS or coref.is_company_noun(lemma)
            or coref.resolve(noun, SOURCE_TYPES) is not None)


def _name_after(verb: Token) -> Token | None:
    """'..., said a White House official.' parsed with the speaker as the verb's object."""
    doc = verb.doc
    if verb.i + 1 >= len(doc) or verb.i == verb.sent.start or doc[verb.i - 1].text not in {",", "”", '"'}:
        return None
    if lemma_of(verb) in LISTENER_VERBS:
        return None  # '..., tells the Daily Courier': who was told, not who spoke
    nxt = doc[verb.i + 1]
    head = nxt if nxt.head.i == verb.i else nxt.head
    if (head.head.i == verb.i and head.dep_ in SPEAKER_OBJECT_DEPS
            and head.pos_ in {"PROPN", "NOUN"}):
        return head
    return None


def _name_before(verb: Token) -> Token | None:
    """'..., former mayor Jane Doe said' parsed with the name as an apposition further back, 'About 4 in
    10 say' with the figure as the verb's modifier: the noun phrase that ends right before the cue."""
    i = verb.i - 1
    while i >= 0 and (verb.doc[i].dep_ in NAME_GAP_DEPS and verb.doc[i].head.i == verb.i
                      or verb.doc[i].text == ","):  # 'the chief, Jane Doe, said'
        i -= 1
    if i < 0 or verb.i - i > 3 or verb.doc[i].sent != verb.sent:
        return None
    tok = verb.doc[i]
    if tok.pos_ not in {"PROPN", "NOUN", "PRON", "NUM"} or tok.dep_ not in NAME_BEFORE_DEPS:
        return None
    return tok


def after_dateline(head: Token, start: int) -> int:
    """Where a source's noun phrase starts once a dateline parsed into it is left out: after a dash
    that follows a parenthesis or a word in capitals ('LONDON (Reuters) - Jane Doe', 'PARIS - ...')."""
    doc = head.doc
    dashes = [t for t in doc[head.left_edge.i:head.i] if t.text in DASHES and t.i > 0
              and (doc[t.i - 1].text == ")" or doc[t.i - 1].is_upper)]
    return end_char(dashes[-1]) if dashes else start

