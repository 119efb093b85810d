"""What an attribution says: the content of a cue that is not a plain clause. Stances through a noun
('her support for'), a preposition ('came out against'), 'as' ('portrayed him as'), 'be' and an adjective
('is skeptical of', 'were more likely to say'), a noun of saying ('made comments about'); what an object
names as said ('said no'); 'He said:' and the next paragraph; a passive cue's agent and patient."""
from __future__ import annotations

from spacy.tokens import Token

from newsgraph import lexicon
from newsgraph.nlp.attribution.cues import (
    AS_CUES,
    DISPOSITION_ADJECTIVES,
    INNER_CUES,
    LISTENER_TO,
    LISTENER_VERBS,
    NOT_ABOUT,
    NOUN_CONTENT_PREPS,
    OBJECT_PREPS,
    PREP_STANCE_VERBS,
    SAYING_NOUNS,
    STANCE_ADJECTIVES,
)
from newsgraph.nlp.attribution.grammar import (
    CLAUSE_DEPS,
    adverbial,
    end_char,
    for_to,
    has_that,
    infinitive,
    lemma_of,
    starts_clause,
    that_marked,
)
from newsgraph.nlp.attribution.quotes import QUOTE_CLOSERS
from newsgraph.nlp.attribution.speakers import PEOPLE_TYPES
from newsgraph.nlp.common.spans import text_of

MADE_CLEAR_WORDS = lexicon.words("speech.made_clear_words")  # 'made it clear that'



def noun_attribution(noun: Token) -> tuple[Token, tuple[int, int], list[tuple[int, int]]] | None:
    """'Her support for the bill', 'the senator's claim that ...', 'his promise to cut taxes': the holder
    (a possessive), the noun (with its preposition) as the cue, and what it is about."""
    holders = [c for c in noun.children if c.dep_ == "poss"]
    if not holders:
        return None
    clauses = [c for c in noun.children if c.dep_ in {"acl", "ccomp"} and (that_marked(c) or infinitive(c))]
    if clauses:
        return holders[0], (noun.idx, end_char(noun)), [(c.left_edge.idx, end_char(c.right_edge)) for c in clauses[:1]]
    for prep in (c for c in noun.children if c.dep_ == "prep" and c.lower_ in NOUN_CONTENT_PREPS and c.i == noun.i + 1):
        objs = [c for c in prep.children if c.dep_ in {"pobj", "pcomp"}]
        if objs:
            return holders[0], (noun.idx, end_char(prep)), [(objs[0].left_edge.idx, end_char(objs[0].right_edge))]
    return None


def prep_stance(verb: Token, lemma: str) -> tuple[int, list[tuple[int, int]]] | None:
    """'came out against the tax': where the cue ends (its preposition) and the preposition's object."""
    preps = PREP_STANCE_VERBS.get(lemma)
    if not preps or any(c.dep_ in {"dobj", "ccomp"} for c in verb.children):
        return None
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ in preps and c.i > verb.i):
        objs = [o for o in prep.children if o.dep_ in {"pobj", "pcomp"} and o.ent_type_ not in {"DATE", "TIME"}]
        if objs and prep.i - verb.i <= 3:
            return end_char(prep), [(objs[0].left_edge.idx, end_char(objs[0].right_edge))]
    return None


def cast_as(verb: Token, lemma: str) -> tuple[int, list[tuple[int, int]]] | None:
    """'portrayed him as a reformer': the cue is the verb, the content the object through the 'as' phrase."""
    if lemma not in AS_CUES:
        return None
    objs = [c for c in verb.children if c.dep_ == "dobj"]
    as_ = [c for c in verb.children if c.dep_ == "prep" and c.lower_ == "as" and c.i > verb.i]
    if not objs or not as_ or not any(o.dep_ == "pobj" for o in as_[0].children):
        return None
    return end_char(verb), [(objs[0].left_edge.idx, end_char(as_[0].right_edge))]


def adjective_stance(be: Token) -> tuple[int, list[tuple[int, int]]] | None:
    """'is skeptical of the plan', 'was convinced that ...': where the cue ends and what the stance is about."""
    for adj in (c for c in be.children if c.dep_ == "acomp" and c.lemma_.lower() in STANCE_ADJECTIVES):
        for c in adj.children:
            if c.dep_ == "prep" and c.lower_ in NOUN_CONTENT_PREPS:
                objs = [o for o in c.children if o.dep_ in {"pobj", "pcomp"}]
                if objs:
                    return end_char(c), [(objs[0].left_edge.idx, end_char(objs[0].right_edge))]
            if c.dep_ == "ccomp" and starts_clause(c):
                return end_char(adj), [(c.left_edge.idx, end_char(c.right_edge))]
        clauses = [c for c in be.children if c.dep_ == "ccomp" and c.i > adj.i and starts_clause(c)]
        if clauses:
            return end_char(adj), [(clauses[0].left_edge.idx, end_char(clauses[0].right_edge))]
    return None


def likely_to_say(be: Token) -> tuple[int, list[tuple[int, int]]] | None:
    """'voters were more likely to say that ...', 'she is eager to praise the plan': 'be', an adjective of
    disposition and a cue verb in the infinitive: where the cue ends and what that verb says."""
    for adj in (c for c in be.children if c.dep_ == "acomp" and c.lemma_.lower() in DISPOSITION_ADJECTIVES):
        for verb in (c for c in adj.children if c.dep_ == "xcomp" and infinitive(c) and lemma_of(c) in INNER_CUES):
            said = said_content(verb)
            if said:
                return end_char(verb), said
    return None


def saying_object(verb: Token) -> tuple[Token, list[tuple[int, int]]] | None:
    """'made several statements on the matter', 'sounded a cautious note about the report': the noun
    of saying and what it is about (its preposition's object or its 'that' clause)."""
    for noun in (c for c in verb.children if c.dep_ == "dobj" and c.lemma_.lower() in SAYING_NOUNS):
        for c in noun.children:
            if c.dep_ == "prep" and c.lower_ in NOUN_CONTENT_PREPS:
                objs = [o for o in c.children if o.dep_ in {"pobj", "pcomp"}]
                if objs:
                    return c, [(objs[0].left_edge.idx, end_char(objs[0].right_edge))]
            if c.dep_ in {"acl", "ccomp"} and has_that(c):
                return noun, [(c.left_edge.idx, end_char(c.right_edge))]
    for noun in (c for c in verb.children if c.dep_ == "dobj" and (c.lemma_.lower() in SAYING_NOUNS
                                                                    or c.lower_ == "following")):
        colon = noun.doc[noun.right_edge.i + 1] if noun.right_edge.i + 1 < len(noun.doc) else None
        if colon is not None and colon.text == ":":  # 'offered this statement: "..."'
            return noun, [paragraph_after(colon)]
    return None


def said_object(verb: Token) -> tuple[int, int] | None:
    """What a cue verb with no clause names as said by its object: 'had said the same thing', 'told
    the tale of ...', a clause the parse took for an object ('says the movement [...] appeals to'),
    'said no', 'said so'. Not a person or a pronoun ('wrote it'), nor the listener of a verb of
    telling ('told reporters'), which names what was told only beside a listener ('told him a story')."""
    if lemma_of(verb) in LISTENER_VERBS and not any(c.dep_ == "dative" for c in verb.children):
        return None
    for c in verb.children:
        if c.i < verb.i:
            continue
        if c.dep_ == "dobj" and c.pos_ != "PRON" and c.ent_type_ not in PEOPLE_TYPES:
            return c.left_edge.idx, end_char(c.right_edge)
        if (c.dep_ == "intj" and c.lower_ in {"yes", "no"}) or (c.dep_ == "advmod" and c.lower_ == "so"
                                                                 and c.i == verb.i + 1):
            return c.idx, end_char(c)
    return None


def after_colon(verb: Token) -> tuple[int, int] | None:
    """'He said:' or 'She said the following:' ending its sentence: what follows, to the end of the next
    paragraph."""
    doc = verb.doc
    sent = verb.sent
    last = sent[-1]
    while last.i > sent.start and (last.is_space or last.text in QUOTE_CLOSERS):
        last = doc[last.i - 1]
    said_by = {verb.i} | {c.i for c in verb.children if c.dep_ == "dobj"}  # 'He said the following:'
    if last.text != ":" or last.head.i not in said_by or sent.end >= len(doc):
        return None
    return paragraph_after(last)


def paragraph_after(colon: Token) -> tuple[int, int]:
    """What a colon introduces: from the colon to the end of the next paragraph."""
    text = text_of(colon.doc)
    start = end_char(colon)
    while start < len(text) and text[start].isspace():
        start += 1
    end = text.find("\n\n", start)
    return (start, len(text) if end == -1 else end)


def around(head: Token, inner: Token) -> list[tuple[int, int]]:
    """The extent of ``head``'s phrase without ``inner``'s: up to two pieces, either side of it."""
    doc = head.doc
    pieces = [(head.left_edge.i, inner.left_edge.i), (inner.right_edge.i + 1, head.right_edge.i + 1)]
    return [(doc[a].idx, end_char(doc[b - 1])) for a, b in pieces if b > a]


def objects_of(verb: Token) -> tuple[list[Token], Token | None]:
    """What a stance verb is about: its object or complement ('called for the board to resign' parsed
    as a 'for' clause), or 'for'/'on' and its object."""
    objs = [c for c in verb.children if c.dep_ in {"dobj", "xcomp", "oprd"}
            or (c.dep_ == "advcl" and c.i > verb.i and for_to(c))]
    preps = OBJECT_PREPS - {"to"} if lemma_of(verb) in LISTENER_TO else OBJECT_PREPS
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ in preps and c.i > verb.i):
        pobj = [c for c in prep.children if c.dep_ in {"pobj", "pcomp"} and c.ent_type_ not in {"DATE", "TIME"}
                and c.lemma_.lower() not in NOT_ABOUT]
        if pobj:  # 'praised the union for its restraint': both the object and the reason
            return objs + pobj, (None if objs else prep)
    return objs, None


def agent_and_patient(verb: Token) -> tuple[Token, tuple[int, int]] | None:
    """A passive cue with its agent: who did it ('by the union') and what it was about (the subject)."""
    patients = [c for c in verb.children if c.dep_ == "nsubjpass"]
    agents = [o for c in verb.children if c.dep_ == "agent" for o in c.children if o.dep_ == "pobj"]
    if not patients or not agents:
        return None
    return agents[0], (patients[0].left_edge.idx, end_char(patients[0].right_edge))


def made_clear_that(verb: Token) -> tuple[int, tuple[int, int]] | None:
    """'made it clear that ...': where the cue ends and the 'that' clause."""
    clear = [c for c in verb.subtree if c.lower_ in MADE_CLEAR_WORDS and c.i - verb.i <= 4 and c.i > verb.i]
    if not clear:
        return None
    clauses = [c for h in (verb, clear[0]) for c in h.children if c.dep_ in {"ccomp", "advcl"} and that_marked(c)]
    if not clauses:
        return None
    return end_char(clear[0]), (clauses[0].left_edge.idx, end_char(clauses[0].right_edge))


def evidential(verb: Token) -> list[tuple[int, int]]:
    """'Turnout seems to have fallen': the subject and the complement, as two pieces."""
    subjects = [c for c in verb.children if c.dep_ == "nsubj" and c.lower_ not in {"it", "there"}]
    complements = [c for c in verb.children if c.dep_ in {"xcomp", "acomp", "ccomp"}
                   or (c.dep_ == "prep" and c.lower_ == "like")]
    if not complements or any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return []
    return [(c.left_edge.idx, end_char(c.right_edge)) for c in subjects[:1] + complements[:1]]


def said_content(verb: Token) -> list[tuple[int, int]]:
    """The clause or object of a cue verb, as spans."""
    parts = [c for c in verb.children if c.dep_ in CLAUSE_DEPS and not adverbial(c)] or objects_of(verb)[0]
    return [(c.left_edge.idx, end_char(c.right_edge)) for c in parts]

