"""Who put a claim out: 'X reported, citing Y', 'was first reported by X', 'according to a report from
X', 'according to X' (X an outlet), 'people familiar ... told X'; on whose word, and the claim itself.
The words are in the lexicon (``reports.toml``)."""
from __future__ import annotations

import re
from dataclasses import replace

from spacy.tokens import Span, Token

from newsgraph import lexicon
from newsgraph.model import Report
from newsgraph.nlp.attribution.publishers import OPEN, OPEN_PEOPLE, UNKNOWN_ONLY, Publisher, outlet_key, publisher
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
TOPIC_PREPOSITIONS = lexicon.words("reports.topic_prepositions")
PUBLISHED_NOUNS = REPORT_NOUNS | lexicon.words("reports.post_nouns")
PUBLISH_VERBS = lexicon.words("reports.publish_verbs")
PUBLISH_PREPOSITIONS = lexicon.words("reports.publish_prepositions")
ORIGIN_ADVERBS = lexicon.words("reports.origin_adverbs")
ORIGIN_VERBS = lexicon.words("reports.origin_verbs")
SOURCE_VERBS = lexicon.words("reports.source_verbs")
BREAK_VERBS = lexicon.words("reports.break_verbs")
NEWS_NOUNS = lexicon.words("reports.news_nouns")
STORY_PRONOUNS = lexicon.words("reports.story_pronouns")
SPEAKING_VERBS = lexicon.words("reports.speaking_verbs")
JOURNALIST_NOUNS = lexicon.words("reports.journalist_nouns")
JOURNALIST_PREPOSITIONS = lexicon.words("reports.journalist_prepositions")
SAID_CUES = lexicon.words("reports.said_cues")
SOURCE_PREPOSITIONS = lexicon.words("reports.source_prepositions")
AS_REPORTED = lexicon.pattern("reports.as_reported", re.I)
TICKER_NOTE = re.compile(r"\s*\((?:[A-Za-z]{1,10}\s*:\s*[A-Z0-9][A-Z0-9.\-]{0,9}[;,]?\s*)+\)")
LEADING_THAT = re.compile(r"^that\s+")
CITING_TAIL = re.compile(r",?\s+citing\s.*$")
DOUBLED_COMMAS = re.compile(r"\s*,(\s*,)+")
PRESENT_TAGS = {"VBZ", "VBG"}  # 'X reports that', 'with X reporting that': a publisher's present, not a filing

# how sure a report is, by how it was found (reconcile.abstain keeps those at or above its threshold)
ORIGIN = 0.95  # the words say the outlet broke the claim: 'first reported by X', 'X, which broke the story'
PLAIN = 0.85  # a news outlet in a report pattern: 'X reported', 'according to X', 'a report from X'
OWN_SCOOP = 0.75  # the article's own outlet, on the unnamed sources it cites
CONTEXT_ONLY = 0.65  # a name that only the words around it make a publisher ('Quill Daily reports that')


def sentence_reports(sent: Span, article_id: str) -> list[Report]:
    """Who put a claim out: 'X reported, citing Y', 'was first reported by X', 'according to a
    report from X', 'according to X' (X an outlet), 'people familiar ... told X', 'X published an
    article', 'X, which broke the story', 'a reporter for X said'. An unnamed source in an article
    that names no reporter ('..., according to people familiar with the matter') makes the
    article's own outlet the reporter (an implicit report: its own scoop). Each report's confidence
    says how it was found (ORIGIN, PLAIN, OWN_SCOOP, CONTEXT_ONLY)."""
    out: list[Report] = []
    doc = sent.doc
    implicit_source: Token | None = None
    for tok in sent:
        found, origin = _publishers_at(tok)
        lemma = tok.lemma_.lower()
        if tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
            for obj in (c for c in doc[tok.i + 1].children if c.dep_ == "pobj"):
                if coref.is_report_anaphor(obj):
                    continue  # 'according to the report': the report already counted, not a new source
                found.append(publisher(obj))
                if found[-1] is None and is_unnamed_source(obj):
                    implicit_source = implicit_source or obj
        elif lemma in {"tell", "say"} and tok.pos_ == "VERB":
            sources = [c for c in tok.children if c.dep_ == "nsubj" and is_unnamed_source(c)]
            if sources and lemma == "tell":  # 'two people briefed on the plans told the Daily Courier'
                found += [publisher(o) for o in tok.children if o.dep_ in {"dobj", "dative", "iobj"}]
            if sources and not any(found):
                implicit_source = implicit_source or sources[0]
        pub = next((p for p in found if p is not None), None)
        if pub is None or any(outlet_key(r.reported_by) == outlet_key(pub.name) for r in out):
            continue
        confidence = ORIGIN if origin else PLAIN if pub.outlet else CONTEXT_ONLY
        out.append(Report(reported_by=pub.name, reported_by_key=pub.key, citing=_citing(sent),
                          claim=_claim(sent, tok), evidence=sentence_evidence(sent, article_id),
                          confidence=confidence))
    own = doc._.outlet
    if not out and implicit_source is not None and own:
        out.append(Report(reported_by=own, reported_by_key=None, citing=_span_text(implicit_source),
                          claim=_claim(sent, implicit_source), evidence=sentence_evidence(sent, article_id),
                          implicit=True, confidence=OWN_SCOOP))
    return out


def _publishers_at(tok: Token) -> tuple[list[Publisher | None], bool]:
    """The publishers a word puts a claim to, and whether the words say the publisher broke it:
    a report verb's subject or agent ('X reported', 'was first revealed by X'), a report noun's
    outlet ('a report from X', 'X's story', 'an X blog post'), a publishing verb's subject or place
    ('X published an article', 'was published on X'), where a story began ('the story began at X'),
    'X, which broke the story', 'Jane Roe, a reporter for X, said'."""
    lemma = tok.lemma_.lower()
    found: list[Publisher | None] = []
    if tok.pos_ not in {"VERB", "NOUN"} and lemma not in BREAK_VERBS:
        return found, False  # every rule below but 'which broke the story' reads a verb or a noun
    origin = False  # set by the words below; 'first reported' (an origin adverb) is read at the end
    if lemma in REPORT_VERBS and tok.pos_ == "VERB":
        for child in tok.children:
            if child.dep_ == "nsubj" and not is_unnamed_source(child):  # 'Sources are reporting that': no outlet
                # a name no one knows only where it says something: 'X reports that'
                clause = any(c.dep_ in {"ccomp", "parataxis"} for c in tok.children)
                allow = OPEN if tok.tag_ in PRESENT_TAGS else UNKNOWN_ONLY  # 'X reports that', not 'Acme reported'
                found.append(publisher(child, allow) if clause else _outlet_only(child))
            elif child.dep_ == "agent":  # 'was first reported by X'
                found += [publisher(o, OPEN) for o in child.children if o.dep_ == "pobj"]
    elif lemma in PUBLISHED_NOUNS and tok.pos_ == "NOUN":
        for prep in (c for c in tok.children if c.dep_ == "prep"):
            allow = OPEN if prep.lower_ in REPORT_PREPOSITIONS else UNKNOWN_ONLY
            if prep.lower_ in REPORT_PREPOSITIONS | TOPIC_PREPOSITIONS:
                found += [publisher(o, allow) for o in prep.children if o.dep_ == "pobj"]
        found += [publisher(c) for c in tok.children if c.dep_ == "poss"
                  or c.dep_ == "compound" and c.pos_ == "PROPN"]
    elif lemma in PUBLISH_VERBS and tok.pos_ == "VERB":
        if any(c.dep_ == "dobj" and c.lemma_.lower() in PUBLISHED_NOUNS for c in tok.children):
            found += [publisher(c, OPEN) for c in tok.children if c.dep_ == "nsubj"]
        if any(c.dep_ in {"nsubj", "nsubjpass"} and (c.lemma_.lower() in PUBLISHED_NOUNS or c.lower_ in STORY_PRONOUNS)
               for c in tok.children) or tok.dep_ == "acl" and tok.head.lemma_.lower() in PUBLISHED_NOUNS:
            # 'it was published on X', 'the story, originally published on X'
            for prep in (c for c in tok.children if c.dep_ == "prep" and c.lower_ in PUBLISH_PREPOSITIONS):
                found += [publisher(o, OPEN) for o in prep.children if o.dep_ == "pobj"]
    elif tok.pos_ == "VERB" and any(c.dep_ == "nsubj" and (
            c.lemma_.lower() in PUBLISHED_NOUNS and lemma in ORIGIN_VERBS | SOURCE_VERBS
            or c.lower_ in STORY_PRONOUNS and lemma in ORIGIN_VERBS) for c in tok.children):
        # 'the story began at X', 'it started with a site called X', 'the report comes from X'
        for prep in (c for c in tok.children if c.dep_ == "prep" and c.lower_ in PUBLISH_PREPOSITIONS):
            found += [publisher(o, OPEN) for o in prep.children if o.dep_ == "pobj"]
        origin = origin or any(found)
    if lemma in BREAK_VERBS and tok.dep_ == "relcl" and any(
            c.dep_ == "dobj" and c.lemma_.lower() in PUBLISHED_NOUNS | NEWS_NOUNS for c in tok.children):
        found.append(publisher(tok.head, OPEN_PEOPLE))  # 'X, which broke the story, says'
        origin = True
    if lemma in SPEAKING_VERBS and tok.pos_ == "VERB":
        for subj in (c for c in tok.children if c.dep_ == "nsubj"):
            for role in (a for a in subj.children if a.dep_ == "appos" and a.lemma_.lower() in JOURNALIST_NOUNS):
                for prep in (c for c in role.children if c.dep_ == "prep" and c.lower_ in JOURNALIST_PREPOSITIONS):
                    found += [publisher(o, OPEN) for o in prep.children if o.dep_ == "pobj"]
    if not any(found):
        return found, False
    return found, origin or any(c.dep_ == "advmod" and c.lower_ in ORIGIN_ADVERBS for c in tok.children)


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


def _outlet_only(head: Token) -> Publisher | None:
    pub = publisher(head)
    return pub if pub is not None and pub.outlet else None


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

