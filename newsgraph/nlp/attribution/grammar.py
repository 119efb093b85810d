"""Grammar helpers of the attribution rules: token offsets, clause shapes and the extent of a cue."""
from __future__ import annotations

from spacy.tokens import Token

from newsgraph import lexicon
from newsgraph.nlp.attribution.cues import CUE_VERBS, INTENT_HEADS, WEAK_CUES

LEMMA_FIXES = lexicon.table("speech.lemma_fixes")  # the small model's lemmatizer slips ('hoping' -> 'hop')
AS_PUT_CUES = lexicon.words("speech.as_put_cues")
EDGE_PUNCT = " \t\n,;:—–-"
CLAUSE_DEPS = {"ccomp", "parataxis"}
SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj"}
CUE_EXTRAS = {"aux", "auxpass", "neg", "prt"}
CLAUSE_START_DEPS = SUBJECT_DEPS | {"mark"}
SAYING_DEPS = {"dobj", "ccomp", "xcomp", "dative"}  # what a cue says or whom it tells


def end_char(tok: Token) -> int:
    return tok.idx + len(tok.text)


def trim(text: str, s: int, e: int, edge: str = EDGE_PUNCT) -> tuple[int, int]:
    while s < e and text[s] in edge:
        s += 1
    while e > s and text[e - 1] in edge:
        e -= 1
    return s, e


def lemma_of(tok: Token) -> str:
    lemma = tok.lemma_.lower()
    return LEMMA_FIXES.get(lemma, lemma)


def has_that(clause: Token) -> bool:
    return any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children)


def that_marked(clause: Token) -> bool:
    return has_that(clause) and starts_clause(clause)


def starts_clause(clause: Token) -> bool:
    return any(c.dep_ in CLAUSE_START_DEPS for c in clause.children)


def infinitive(verb: Token) -> bool:
    """'to ban imports', 'to be repaired', 'to not sell': a verb with its 'to' before it, with only its own
    auxiliaries, negation or adverbs between."""
    between = {c.i for c in verb.children if c.dep_ in {"aux", "auxpass", "neg", "advmod"}}
    for c in verb.children:
        if c.dep_ == "aux" and c.lower_ == "to" and c.i < verb.i:
            return all(i in between for i in range(c.i + 1, verb.i))
    return False


def for_to(clause: Token) -> bool:
    """'for the board to resign': an infinitive clause marked by 'for'."""
    return infinitive(clause) and any(c.dep_ == "mark" and c.lower_ == "for" for c in clause.children)


def has_object(verb: Token) -> bool:
    return any(c.dep_ == "dobj" and not (c.pos_ == "PRON" and c.left_edge == c.right_edge) for c in verb.children)


def adverbial(clause: Token) -> bool:
    """'..., after the police had named him': a clause of time or cause, not what was said."""
    return any(c.dep_ == "mark" and c.lower_ not in {"that", "whether", "if"} and c.i == clause.left_edge.i
               for c in clause.children)


def has_that_clause(verb: Token) -> bool:
    """Any verb with a subject and a 'that' clause reports what its subject holds ('X pointed out that')."""
    return (verb.pos_ == "VERB" and verb.lemma_.lower() != "be" and any(c.dep_ == "nsubj" for c in verb.children)
            and any(c.dep_ == "ccomp" and has_that(c) for c in verb.children))


def cue_span(verb: Token) -> tuple[int, int]:
    """The cue verb with its auxiliaries, negation and particle when they are next to it."""
    lo = hi = verb.i
    extras = {c.i for c in verb.children if c.dep_ in CUE_EXTRAS}
    doc = verb.doc
    while lo - 1 in extras or (lo - 1 >= 0 and doc[lo - 1].dep_ == "advmod" and lo - 2 in extras):
        lo -= 1
    while hi + 1 in extras:
        hi += 1
    return doc[lo].idx, end_char(doc[hi])


def passive_participle(verb: Token) -> bool:
    """'Asked about ...', 'Pressed on ...': a past participle with no auxiliary of its own."""
    return verb.tag_ == "VBN" and not any(c.dep_ in {"aux", "auxpass"} for c in verb.children)


def naming_participle(verb: Token) -> bool:
    """'a fund called Harbor', 'a rule known as X': a participle that names or describes its noun, with
    no one said to have done it (unlike 'a plan proposed by the mayor')."""
    return verb.dep_ == "acl" and verb.tag_ == "VBN" and not any(c.dep_ == "agent" for c in verb.children)


def run_on(verb: Token, clause: Token) -> bool:
    """'He calls for X; she calls for Y': a clause after the verb's own object, or past a semicolon, is a
    clause of its own."""
    lo, hi = (clause.right_edge.i, verb.i) if clause.i < verb.i else (verb.i, clause.left_edge.i)
    if any(t.text == ";" for t in verb.doc[lo:hi]):
        return True
    return clause.dep_ == "parataxis" and clause.i > verb.i and any(
        c.dep_ in {"dobj", "prep"} and verb.i < c.i < clause.left_edge.i for c in verb.children)


def said_in_order_to(verb: Token) -> bool:
    """'visited the studio to discuss his remarks', 'went on to praise': said, by the subject of the
    verb it hangs on, unless that verb is a cue itself ('plans to endorse' is the plan's)."""
    return (lemma_of(verb) not in WEAK_CUES and verb.dep_ in {"advcl", "xcomp"}
            and lemma_of(verb.head) not in INTENT_HEADS)


def as_put(verb: Token, lemma: str) -> bool:
    """'As one senator put it', 'as Reuters reported', 'as critics have pointed out': a cue that says
    nothing of its own here (no object, clause or listener: not 'as he urged voters to ...', which
    tells when), so what it says is the clause its 'as' hangs on."""
    if lemma in AS_PUT_CUES:
        return True
    return lemma in CUE_VERBS - WEAK_CUES and not any(
        c.dep_ in SAYING_DEPS | {"auxpass"} for c in verb.children)

