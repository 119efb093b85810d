"""Brokers' research as reports: a firm that changes its rating or target on a company ('Acme
Securities downgraded the stock to Hold', 'Acme cut its price target to 80p') or puts a view out
in a note ('Acme said in a note to clients that ...', 'analysts at Acme wrote in a research note').
The words are in the lexicon (``reports.toml``, ``facts.toml``)."""
from __future__ import annotations

from spacy.tokens import Span, Token

from newsgraph import lexicon
from newsgraph.model import EntityType, Report
from newsgraph.nlp.common import coref
from newsgraph.nlp.common.spans import sentence_evidence

RATING_ACTIONS = lexicon.words("reports.rating_actions")
RATING_OBJECTS = lexicon.words("reports.rating_objects") | lexicon.words("facts.rating_words")
NOTE_NOUNS = lexicon.words("reports.note_nouns")
NOTE_VERBS = lexicon.words("reports.note_verbs")
ANALYST_NOUNS = lexicon.words("facts.analyst_nouns")
BROKER_NOUNS = lexicon.words("reports.broker_nouns")
FIRM_PREPOSITIONS = lexicon.words("reports.firm_prepositions")
PRICE_TARGET = set(lexicon.words("reports.price_target"))
# A firm's research is a report of its own view, not of a scoop. A note put out ('said in a note to
# clients') is kept at the default report threshold; a rating or target change alone falls below it,
# as development gold counts it in some stories and not in others.
NOTE = 0.6
RATING = 0.45


def broker_reports(sent: Span, article_id: str) -> list[Report]:
    """The firms whose research the sentence tells of, each once, with its note as the citing."""
    out: list[Report] = []
    for tok in sent:
        if tok.pos_ != "VERB":
            continue
        lemma = tok.lemma_.lower()
        rating = lemma in RATING_ACTIONS and _about_a_rating(tok)
        note = lemma in NOTE_VERBS and _in_a_note(tok)
        if not (rating or note):
            continue
        for subj in (c for c in tok.children if c.dep_ == "nsubj"):
            key = _firm(subj)
            name = sent.doc._.entities[key].name if key else _broker_named(subj)
            if name is None or any(r.reported_by == name for r in out):
                continue
            out.append(Report(reported_by=name, reported_by_key=key,
                              citing=note.text if note else None, claim=sent.text.strip(),
                              evidence=sentence_evidence(sent, article_id), confidence=NOTE if note else RATING))
    return out


def _about_a_rating(verb: Token) -> bool:
    """'downgraded the stock to Hold', 'cut its price target', 'stays overweight'."""
    doc = verb.doc
    return any(t.lemma_.lower() in RATING_OBJECTS or t.lower_ in RATING_OBJECTS
               or t.i + 1 < len(doc) and {t.lower_, doc[t.i + 1].lower_} == PRICE_TARGET
               for t in verb.subtree if t.i > verb.i)


def _in_a_note(verb: Token) -> Span | None:
    """'said in a note to clients': the note's words."""
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ == "in"):
        for obj in (c for c in prep.children if c.dep_ == "pobj" and c.lemma_.lower() in NOTE_NOUNS):
            return verb.doc[obj.left_edge.i:obj.right_edge.i + 1]
    return None


def _broker_named(subj: Token) -> str | None:
    """A name the recogniser missed that a broker noun stands before ('stockbroker Quillers')."""
    if subj.pos_ != "PROPN" or coref.key_at(subj.doc, subj.i):
        return None
    if not any(c.dep_ in {"compound", "amod"} and c.lemma_.lower() in BROKER_NOUNS for c in subj.children):
        return None
    words = [t for t in subj.subtree if t.i <= subj.i and t.pos_ == "PROPN" and t.head.i in {subj.i, t.i + 1}]
    return subj.doc[words[0].i:subj.i + 1].text if words else subj.text


def _firm(subj: Token) -> str | None:
    """The company a subject names: 'Acme', 'Acme analysts', 'analysts at Acme', 'Jane Roe, an
    analyst at Acme'."""
    company = {EntityType.COMPANY.value}
    key = coref.resolve(subj, company)
    if key:
        return key
    heads = [subj] + [a for a in subj.children if a.dep_ == "appos"]
    for head in (h for h in heads if h.lemma_.lower() in ANALYST_NOUNS):
        for child in head.children:
            if child.dep_ in {"compound", "poss"}:
                key = coref.key_at(subj.doc, child.i)
            elif child.dep_ == "prep" and child.lower_ in FIRM_PREPOSITIONS:
                key = next((coref.key_at(subj.doc, o.i) for o in child.children if o.dep_ == "pobj"), None)
            else:
                continue
            if key and coref.type_of(subj.doc, key) in company:
                return key
    return None
