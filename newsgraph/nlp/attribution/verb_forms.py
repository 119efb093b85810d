"""The form of a cue verb: negated ('did not comment', 'has not been able to confirm'), modal
('could not confirm'), perfect ('has not commented'), not yet ('did not immediately respond') or
passive ('was denied': its subject is what is denied, not who denies)."""
from __future__ import annotations

from spacy.tokens import Token

from newsgraph import lexicon

NOT_YET = lexicon.words("responses.not_yet")


def neither_subject(tok: Token) -> bool:
    """'Neither Acme nor Beta wanted to comment': a subject that negates its verb."""
    return any(d.lower_ == "neither" for c in tok.children if c.dep_ == "nsubj" for d in c.children)


def is_negated(tok: Token) -> bool:
    """'did not comment', 'did not want to comment', 'has not been able to confirm': a negation on the
    cue or on the verbs its clause completes; 'has yet to comment', 'is yet to confirm' say no as well."""
    for _ in range(3):
        if any(c.dep_ == "neg" for c in tok.children):
            return True
        if tok.dep_ == "xcomp" and tok.head.lemma_.lower() in {"have", "be"} and any(
                c.lower_ == "yet" for c in tok.head.children):
            return True
        if tok.dep_ not in {"xcomp", "acomp"}:
            return False
        tok = tok.head
    return False


def cannot(tok: Token) -> bool:
    """'could not confirm', 'cannot confirm', 'was unable to confirm', 'not able to confirm'."""
    return any(c.dep_ == "aux" and (c.lemma_.lower() == "can" or c.lower_ in {"can", "could", "ca"}) for c in tok.children) or (
        tok.dep_ == "xcomp" and tok.head.lower_ in {"able", "unable"})


def not_yet(tok: Token) -> bool:
    """'did not immediately confirm or deny', 'has yet to comment', 'was not immediately available to
    comment': no answer so far, not a refusal (on the cue or the verbs its clause completes)."""
    for _ in range(3):
        if any(c.lower_ in NOT_YET for c in tok.children):
            return True
        if tok.dep_ not in {"xcomp", "acomp"}:
            return False
        tok = tok.head
    return False


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
