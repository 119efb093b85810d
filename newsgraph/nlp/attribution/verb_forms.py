"""The form of a cue verb: negated ('did not comment', 'has not been able to confirm'), modal
('could not confirm'), perfect ('has not commented'), not yet ('did not immediately respond') or
passive ('was denied': its subject is what is denied, not who denies)."""
from __future__ import annotations

from spacy.tokens import Token

from newsgraph import lexicon
from newsgraph.model import EntityType
from newsgraph.nlp.common import coref

NOT_YET = lexicon.words("responses.not_yet")


def neither_subject(tok: Token) -> bool:
    """'Neither Acme nor Beta wanted to comment': a subject that negates its verb."""
    return any(d.lower_ == "neither" for c in tok.children if c.dep_ == "nsubj" for d in c.children)


def is_negated(tok: Token) -> bool:
    """'did not comment', 'did not want to comment', 'has not been able to confirm': a negation on the
    cue or on the verbs its clause completes; 'has yet to comment', 'is yet to confirm' say no as well."""
    return any(any(c.dep_ == "neg" for c in t.children) or t.dep_ == "xcomp" and t.head.lemma_.lower() in {"have", "be"}
               and any(c.lower_ == "yet" for c in t.head.children) for t in _completed(tok))


def _completed(tok: Token, depth: int = 3) -> list[Token]:
    """The cue and the verbs its clause completes: 'want' of 'did not want to comment', 'been' of
    'has not been able to confirm'."""
    chain = [tok]
    while len(chain) < depth and chain[-1].dep_ in {"xcomp", "acomp"}:
        chain.append(chain[-1].head)
    return chain


def cannot(tok: Token) -> bool:
    """'could not confirm', 'cannot confirm', 'was unable to confirm', 'not able to confirm'."""
    return any(c.dep_ == "aux" and (c.lemma_.lower() == "can" or c.lower_ in {"can", "could", "ca"}) for c in tok.children) or (
        tok.dep_ == "xcomp" and tok.head.lower_ in {"able", "unable"})


def not_yet(tok: Token) -> bool:
    """'did not immediately confirm or deny', 'has yet to comment', 'was not immediately available to
    comment': no answer so far, not a refusal (on the cue or the verbs its clause completes)."""
    return any(c.lower_ in NOT_YET for t in _completed(tok) for c in t.children)


def perfect(tok: Token) -> bool:
    """'has not commented': silence so far."""
    return any(c.dep_ == "aux" and c.lemma_.lower() == "have" for c in tok.children)


def passive(tok: Token) -> bool:
    """'was confirmed', and 'it is not, however, confirmed' (a participle the parser hung on the
    copula as a conjunct or complement): its subject is what is confirmed, not who confirms."""
    if any(c.dep_ in {"nsubjpass", "auxpass", "agent"} for c in tok.children):
        return True  # 'was denied', 'dismissed by critics'
    if tok.dep_ not in {"conj", "acomp"} or tok.head.lemma_.lower() != "be" or any(
            c.dep_ in {"nsubj", "aux"} for c in tok.children):
        return False
    # a participle, or one the tagger took for a past tense before 'to be' ('is not confirmed to be')
    return tok.tag_ == "VBN" or any(c.dep_ == "xcomp" and c.lemma_.lower() == "be" for c in tok.children)


def inverted_speaker(verb: Token) -> Token | None:
    """'..., confirmed Jane Roe, a spokeswoman for Acme.': a cue after a comma or a quotation, with no
    subject of its own, whose object right after it is a person: that person is who speaks (the
    parser took the speaker for what is confirmed)."""
    doc = verb.doc
    if verb.i == 0 or doc[verb.i - 1].text not in {",", "\"", "”", "’", "'"} or any(
            c.dep_ in {"nsubj", "nsubjpass"} for c in verb.children):
        return None
    who = next((c for c in verb.children if c.dep_ == "dobj" and c.left_edge.i == verb.i + 1), None)
    if who is None or coref.type_of(doc, coref.key_at(doc, who.i)) != EntityType.PERSON.value:
        return None
    return who
