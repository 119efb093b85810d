"""Who put a claim out: 'X reported, citing Y', 'was first reported by X', 'according to a report from
X', 'according to X' (X an outlet), 'people familiar ... told X'; on whose word, and the claim itself.
The words are in the lexicon (``reports.toml``)."""
from __future__ import annotations

import re
from dataclasses import replace

from spacy.tokens import Span, Token

from newsgraph import lexicon
from newsgraph.model import EntityType, Report
from newsgraph.nlp.common import coref
from newsgraph.nlp.common.spans import sentence_evidence

UNNAMED_SOURCES = lexicon.words("reports.unnamed_sources")
BARE_SOURCES = lexicon.words("reports.bare_sources")
SOURCE_MODIFIERS = lexicon.words("reports.source_modifiers")
CITING_SOURCES = lexicon.words("reports.citing_sources")
CITING_MODIFIERS = lexicon.words("reports.citing_modifiers")
REPORT_NOUNS = lexicon.words("reports.report_nouns")
REPORT_VERBS = lexicon.words("reports.report_verbs")
REPORT_PREPOSITIONS = lexicon.words("reports.report_prepositions")
SAID_CUES = lexicon.words("reports.said_cues")
SOURCE_PREPOSITIONS = lexicon.words("reports.source_prepositions")
AS_REPORTED = lexicon.pattern("reports.as_reported", re.I)
TICKER_NOTE = re.compile(r"\s*\((?:[A-Za-z]{1,10}\s*:\s*[A-Z0-9][A-Z0-9.\-]{0,9}[;,]?\s*)+\)")
LEADING_THAT = re.compile(r"^that\s+")
LEADING_THE = re.compile(r"^the\s+", re.I)
CITING_TAIL = re.compile(r",?\s+citing\s.*$")
DOUBLED_COMMAS = re.compile(r"\s*,(\s*,)+")


def sentence_reports(sent: Span, article_id: str) -> list[Report]:
    """Who put a claim out: 'X reported, citing Y', 'was first reported by X', 'according to a
    report from X', 'according to X' (X an outlet), 'people familiar ... told X'. An unnamed source
    in an article that names no reporter ('..., according to people familiar with the matter')
    makes the article's own outlet the reporter (an implicit report: its own scoop)."""
    out: list[Report] = []
    doc = sent.doc
    implicit_source: Token | None = None
    for tok in sent:
        reporter: str | None = None
        lemma = tok.lemma_.lower()
        if lemma in REPORT_VERBS and tok.pos_ == "VERB":
            for child in tok.children:
                if child.dep_ == "nsubj":
                    reporter = reporter or _outlet(child)
                elif child.dep_ == "agent":  # 'was first reported by X'
                    for obj in (c for c in child.children if c.dep_ == "pobj"):
                        reporter = reporter or _outlet(obj)
        elif lemma in REPORT_NOUNS and tok.pos_ == "NOUN":
            for prep in (c for c in tok.children if c.dep_ == "prep" and c.lower_ in REPORT_PREPOSITIONS):
                for obj in (c for c in prep.children if c.dep_ == "pobj"):
                    reporter = reporter or _outlet(obj)
            for poss in (c for c in tok.children if c.dep_ == "poss"):
                reporter = reporter or _outlet(poss)
        elif tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
            for obj in (c for c in doc[tok.i + 1].children if c.dep_ == "pobj"):
                if coref.is_report_anaphor(obj):
                    continue  # 'according to the report': the report already counted, not a new source
                reporter = _outlet(obj)
                if reporter is None and is_unnamed_source(obj):
                    implicit_source = implicit_source or obj
        elif lemma in {"tell", "say"} and tok.pos_ == "VERB":
            sources = [c for c in tok.children if c.dep_ == "nsubj" and is_unnamed_source(c)]
            if sources and lemma == "tell":  # 'two people briefed on the plans told the Daily Courier'
                for obj in (c for c in tok.children if c.dep_ in {"dobj", "dative", "iobj"}):
                    reporter = reporter or _outlet(obj)
            if sources and reporter is None:
                implicit_source = implicit_source or sources[0]
        if reporter is None or any(r.reported_by_key == reporter for r in out):
            continue
        out.append(Report(reported_by=_as_named(sent, reporter), reported_by_key=reporter,
                          citing=_citing(sent), claim=_claim(sent, tok),
                          evidence=sentence_evidence(sent, article_id)))
    own = doc._.outlet
    if not out and implicit_source is not None and own:
        out.append(Report(reported_by=own, reported_by_key=None, citing=_span_text(implicit_source),
                          claim=_claim(sent, implicit_source), evidence=sentence_evidence(sent, article_id),
                          implicit=True))
    return out


def with_said_words(report: Report, attributions: list, text: str) -> Report:
    """The report's claim as what its sentence says was said (the attribution's content spans,
    'X reported, citing Y, that [...]', '[...], people told X, [...]'), when the sentence has one."""
    ev = report.evidence
    inside = [a for a in attributions if ev.start <= a.cue.start < ev.end and a.content
              and _said_cue(text[a.cue.start:a.cue.end])]
    if not inside:
        return report
    best = max(inside, key=lambda a: sum(c.end - c.start for c in a.content))
    parts = [text[c.start:c.end].strip(" ,;") for c in best.content]
    claim = LEADING_THAT.sub("", " … ".join(p for p in parts if p))
    claim = tidy(CITING_TAIL.sub("", claim))
    if len(claim.split()) < 4:
        return report
    return replace(report, claim=claim[:1].upper() + claim[1:])


def tidy(claim: str) -> str:
    """A claim without the tickers in brackets after names ('Acme (NYSE: ACM) is ...' -> 'Acme is
    ...') and without the note of who reported it ('..., as reported earlier by X')."""
    return AS_REPORTED.sub("", TICKER_NOTE.sub("", claim)).strip(" ,")


def _said_cue(cue: str) -> bool:
    """A cue that puts a claim out ('reported', 'told', 'said', 'according to'); not 'citing',
    which names the source, nor a stance ('were discussing')."""
    words = cue.lower().split()
    return bool(words) and (words[-1] in SAID_CUES or words[0] == "according")


def is_unnamed_source(head: Token) -> bool:
    """'people familiar with the matter', 'two people briefed on the plans', 'sources'."""
    if head.lemma_.lower() not in UNNAMED_SOURCES:
        return False
    if head.lemma_.lower() in BARE_SOURCES:
        return True
    return any(t.lower_ in SOURCE_MODIFIERS for t in head.subtree)


def _span_text(head: Token) -> str:
    return head.doc[head.left_edge.i:head.right_edge.i + 1].text


def _as_named(sent: Span, key: str) -> str:
    """The reporter's name: its canonical name, or the fuller form the sentence writes ('Bloomberg
    News reported' -> 'Bloomberg News'; 'the FT reported' -> 'Financial Times')."""
    doc = sent.doc
    written = [doc.text[m.evidence.start:m.evidence.end] for m in doc._.mentions or ()
               if m.entity_key == key and sent.start_char <= m.evidence.start < sent.end_char]
    return max([doc._.entities[key].name, *(LEADING_THE.sub("", w) for w in written)], key=len)


def _outlet(head: Token) -> str | None:
    return coref.resolve(head, {EntityType.OUTLET.value})


def _citing(sent: Span) -> str | None:
    """On whose word: 'citing people familiar with the matter', 'according to two sources'."""
    for tok in sent:
        if tok.lower_ == "citing":
            objs = [c for c in tok.children if c.dep_ in {"dobj", "pobj"}]
            if objs:
                end = objs[0].right_edge.i + 1
                for c in tok.children:  # 'citing people with knowledge of ...' parsed with 'with' under 'citing'
                    if c.i == end and c.dep_ == "prep" and c.lower_ in SOURCE_PREPOSITIONS:
                        end = c.right_edge.i + 1
                return sent.doc[objs[0].left_edge.i:end].text
        if tok.lemma_.lower() in CITING_SOURCES and any(c.lower_ in CITING_MODIFIERS for c in tok.subtree):
            return sent.doc[tok.left_edge.i:tok.right_edge.i + 1].text
    return None


def _claim(sent: Span, cue: Token) -> str:
    """The sentence without its attribution: the reported clause where the parse gives one."""
    doc = sent.doc
    if cue.pos_ == "VERB":
        clauses = [c for c in cue.children if c.dep_ in {"ccomp", "parataxis"}]
        if clauses:
            c = clauses[0]
            skip = {w.i for cue in c.subtree if cue.lower_ == "citing" for w in cue.subtree}
            words = [t.text_with_ws for t in doc[c.left_edge.i:c.right_edge.i + 1] if t.i not in skip]
            return tidy(LEADING_THAT.sub("", "".join(words).strip(" ,")))
    drop = set()
    for tok in sent:
        if tok.lower_ == "according" or (tok.lower_ == "citing" and tok.dep_ in {"advcl", "xcomp", "prep"}):
            drop |= {t.i for t in tok.subtree}
    start = sent.start
    if cue.pos_ == "VERB":  # 'X reported on Monday, citing Y, that ...': what follows 'that'
        that = next((t for t in sent if t.i > cue.i and t.lower_ == "that" and t.i not in drop), None)
        start = that.i + 1 if that is not None else start
    words = [t.text_with_ws for t in doc[start:sent.end] if t.i not in drop]
    claim = tidy(DOUBLED_COMMAS.sub(",", "".join(words)).strip().strip(" ,."))
    return claim[:1].upper() + claim[1:] if claim else sent.text

