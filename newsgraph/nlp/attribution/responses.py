"""Who said what: reports (who put a claim out, on whose word) and each party's response.

Rules over the dependency parse and small lexicons of cue words. A response is a cue (a verb or
phrase: 'denied', 'declined to comment', 'did not respond') whose grammatical subject resolves to a
party of the article (through coreference: 'a spokesperson for X', 'the company').
"""
from __future__ import annotations

import calendar
import re
from dataclasses import replace
from datetime import datetime, timedelta

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from newsgraph.model import EntityType, Evidence, Report, Response, ResponseKind
from newsgraph.nlp.attribution import speech
from newsgraph.nlp.common import coref
from newsgraph.nlp.common.spans import sentence_evidence

Doc.set_extension("reports", default=None, force=True)
Doc.set_extension("responses", default=None, force=True)
Doc.set_extension("attributions", default=None, force=True)

DENY_VERBS = {"deny", "refute", "dismiss", "reject", "dispute", "rebut", "debunk", "contest", "repudiate",
              "quash", "slam"}
CONFIRM_VERBS = {"confirm", "acknowledge"}
SPEECH_VERBS = {"say", "state", "tell", "add", "insist", "stress", "write", "post", "reply", "respond",
                "note", "explain", "emphasize", "emphasise", "maintain", "reiterate", "clarify", "comment"}
SAID_CUES = {"reported", "reports", "report", "said", "says", "say", "told", "tell", "tells", "wrote", "writes",
             "added", "stated", "announced", "revealed", "disclosed", "claimed", "alleged"}
CLAIM_NOUNS = {"report", "claim", "story", "news", "rumor", "rumour", "speculation", "allegation",
               "article", "talk", "suggestion", "account", "assertion", "it", "that", "this", "wrongdoing",
               "plan", "discussion", "negotiation", "reports", "rumors", "rumours", "idea", "notion",
               "characterization", "media", "deal", "merger", "bid", "approach", "offer", "interest",
               # events a party can confirm or deny having agreed or planned
               "order", "sale", "closure", "acquisition", "agreement", "purchase", "investment", "partnership",
               "venture", "stake", "layoff", "cut", "move", "decision", "transaction", "takeover", "contract",
               "shutdown", "job", "tie-up", "alliance", "collaboration", "negotiation", "existence", "meeting"}
LABEL_VERBS = {"call", "describe", "label", "brand", "characterize", "characterise", "dub"}
COMMENT_VERBS = {"comment", "discuss", "elaborate", "confirm", "respond", "specify", "detail", "disclose"}
FALSE_WORDS = re.compile(
    r"\b(?:false|untrue|not true|no truth|baseless|groundless|unfounded|inaccurate|fabricated|"
    r"fake news|incorrect|misleading|no basis|nonsense|not accurate|no merit|(?:pure|mere|just|market) speculation|"
    r"speculative|rumou?rs? and speculation)\b", re.I)
# The talks said to be under way, at an early stage: a confirmation that they exist.
TALKS_UNDER_WAY = re.compile(r"\b(?:talks|discussions|negotiations)\b[^.;]{0,40}?\b(?:are|were|is|was|remain(?:ed)?)\s+"
                             r"(?:still\s+)?(?:at an early stage|in (?:an )?early stages?|preliminary|ongoing|continuing|"
                             r"under ?way|advanced|at an advanced stage)\b", re.I)
NEGATED_DEALINGS = re.compile(
    r"\b(?:not|no|never|n't)\b(?:\s+\w+){0,3}?\s+(?:in\s+)?(?:talks?|negotiat\w*|discussions?|plans?|"
    r"intention|agreement|deal|contact|on the table)\b", re.I)
NOT_COMMENT_ON = re.compile(r"\b(?:does|do|did|will|would)\s*(?:not|n't)\s+(?:usually\s+|generally\s+)?"
                            r"(?:comment|engage in speculation|speculate)\b|\bno comment\b|\bdeclined? (?:to )?comment\b",
                            re.I)
NO_COMMENT_CLAUSE = re.compile(r"(?:" + NOT_COMMENT_ON.pattern + r")(?:\s+[\w'-]+){0,12}?"  # '... further until talks end'
                               r"(?=[,.;:\"”]|\s+(?:but|and|does|do|did)\b|$)", re.I)
# A party's own word that talks it was asked about exist, beyond 'is in talks': 'it had agreed to
# negotiate exclusively', 'we are in exclusive talks', 'it has entered advanced negotiations'.
IN_TALKS = re.compile(r"\b(?:agreed to (?:negotiate|talks|hold talks)|(?:entered|opened) (?:into )?(?:\w+\s+)?"
                      r"(?:talks|negotiations|discussions)|in (?:exclusive|advanced|early|early-stage|preliminary|"
                      r"late-stage) (?:talks|discussions|negotiations))\b", re.I)
BEFORE_AFTER = {"after", "before", "since", "until"}
NO_MORE = re.compile(r"\b(?:further|beyond|more|additional)\b", re.I)  # 'will not comment further'
UNNAMED_SOURCES = {"person", "people", "source", "official", "executive", "insider", "banker", "document",
                   "filing", "memo", "employee", "adviser", "advisor", "analyst", "lawyer"}
SOURCE_MODIFIERS = {"familiar", "briefed", "close", "knowledge", "aware", "involved", "anonymity", "named",
                    "identified", "seen", "reviewed", "direct", "private"}
REPORT_NOUNS = {"report", "article", "story", "investigation", "scoop"}
REPORT_VERBS = {"report", "reveal", "disclose"}
QUOTE_PAIRS = {"“": "”", '"': '"', "‘": "’"}
PARTY_TYPES = {EntityType.COMPANY.value, EntityType.PERSON.value, EntityType.GOVERNMENT.value}


@Language.factory("newsgraph_attribution_v1", assigns=["doc._.reports", "doc._.responses", "doc._.attributions"],
                  requires=["token.dep", "doc._.entities"])
def make_attribution(nlp: Language, name: str) -> "Attribution":
    return Attribution()


class Attribution:
    def __call__(self, doc: Doc) -> Doc:
        article_id = doc._.article_id
        quotes = quote_spans(doc.text)
        responses: dict[tuple[str, ResponseKind], Response] = {}
        reports: list[Report] = []
        for sent in doc.sents:
            for party, kind, evidence, cue in sentence_responses(sent, article_id, quotes):
                quote = _quote_in(doc.text, quotes, evidence)
                name = doc._.entities[party].name
                prior = responses.get((party, kind))
                if prior is None or (prior.quote is None and quote):
                    responses[(party, kind)] = Response(party=name, party_key=party, kind=kind, quote=quote,
                                                        evidence=evidence,
                                                        as_of=said_when(cue, doc._.published_at))
            reports.extend(sentence_reports(sent, article_id))
        doc._.attributions = speech.attributions(doc)
        doc._.responses = _strongest(list(responses.values()), doc.text)
        doc._.reports = [_with_said_words(r, doc._.attributions, doc.text) for r in reports]
        return doc


def _strongest(responses: list[Response], text: str) -> list[Response]:
    """A hedged denial ('we don't comment on rumours, but there are no talks') is a denial; and a
    party that confirmed or denied, then 'does not intend to comment further', answered."""
    by_evidence: dict[tuple[str, int], set[ResponseKind]] = {}
    answered = {r.party_key for r in responses if r.kind in {ResponseKind.DENIED, ResponseKind.CONFIRMED}}
    for r in responses:
        by_evidence.setdefault((r.party_key, r.evidence.start), set()).add(r.kind)
    out = []
    for r in responses:
        kinds = by_evidence[(r.party_key, r.evidence.start)]
        if r.kind == ResponseKind.DECLINED_TO_COMMENT and (ResponseKind.DENIED in kinds or r.party_key in answered
                                                           and NO_MORE.search(text[r.evidence.start:r.evidence.end])):
            continue
        out.append(r)
    return out


def sentence_responses(sent: Span, article_id: str, quotes: list[tuple[int, int]]):
    """(party key, kind, evidence, cue token) for each response cue in a sentence."""
    found: list[tuple[str, ResponseKind, Evidence, Token]] = []
    evidence = None  # built on the first cue: most sentences have none
    for tok in sent:
        kind = cue_kind(tok, sent, quotes)
        if kind is None or _told_as_before(tok):
            continue
        for party in subject_parties(tok):
            evidence = evidence or sentence_evidence(sent, article_id, _extend_over_quote(sent, quotes))
            found.append((party, kind, evidence, tok))
    return found


WEEKDAYS = tuple(day.lower() for day in calendar.day_name)  # Monday first, as datetime.weekday()


def said_when(cue: Token, published: datetime | None) -> datetime | None:
    """When a response was given, where the words date it apart from the article: 'had not responded
    earlier in the day' (just before publication), 'declined to comment on Monday' (an earlier
    Monday), 'yesterday'. None when it is the article's own time (the caller dates it then)."""
    if published is None:
        return None
    words = []
    heads = [cue, *(c for c in cue.children if c.dep_ == "xcomp")]  # 'declined to comment on Monday'
    for child in (c for h in heads for c in h.children):  # adverbials, not the words of what was said
        if child.dep_ in {"npadvmod", "advmod", "prep", "tmod"}:
            words.extend(t.lower_ for t in child.subtree)
    if "yesterday" in words:
        return published - timedelta(days=1)
    day = next((WEEKDAYS.index(w) for w in words if w in WEEKDAYS), None)
    if day is not None:
        back = (published.weekday() - day) % 7
        if back:
            return published - timedelta(days=back)
    if "earlier" in words and ("day" in words or "today" in words or len(words) == 1):
        return published - timedelta(seconds=1)
    return None


def cue_kind(tok: Token, sent: Span, quotes: list[tuple[int, int]]) -> ResponseKind | None:
    lemma = tok.lemma_.lower()
    negated = any(c.dep_ == "neg" for c in tok.children) or any(
        c.dep_ == "neg" for c in tok.head.children if tok.dep_ in {"xcomp", "acomp"})
    if tok.pos_ not in {"VERB", "AUX", "ADJ"}:
        return None
    if lemma in DENY_VERBS | CONFIRM_VERBS and _neither(tok):  # 'did not confirm or deny the report'
        return ResponseKind.DECLINED_TO_COMMENT if lemma in CONFIRM_VERBS else None
    if lemma in DENY_VERBS and tok.dep_ != "amod" and not _passive(tok) and _about_claim(tok):
        return ResponseKind.DENIED
    if lemma in CONFIRM_VERBS and not negated and not _passive(tok) and _about_claim(tok):
        return ResponseKind.CONFIRMED
    if lemma in {"decline", "refuse"} and any(
            c.lemma_.lower() in COMMENT_VERBS for c in tok.children if c.dep_ in {"xcomp", "dobj"}):
        return ResponseKind.DECLINED_TO_COMMENT
    if lemma == "comment" and negated:
        return ResponseKind.DECLINED_TO_COMMENT
    if lemma == "have" and any(c.lower_ == "comment" and any(d.lower_ == "no" for d in c.children)
                               for c in tok.children if c.dep_ == "dobj"):
        return ResponseKind.DECLINED_TO_COMMENT
    if negated and lemma in {"respond", "reply", "answer", "return"}:
        return ResponseKind.DID_NOT_RESPOND
    if negated and lemma == "reach" and _passive(tok):
        return ResponseKind.DID_NOT_RESPOND
    if negated and lemma == "available" and "comment" in sent.text.lower():
        return ResponseKind.DID_NOT_RESPOND
    if lemma in LABEL_VERBS and any(c.dep_ == "dobj" and c.lemma_.lower() in REPORT_NOUNS | {"claim", "rumour", "rumor"}
                                    for c in tok.children):  # 'called the report speculative'
        if FALSE_WORDS.search(sent.doc[tok.i:tok.right_edge.i + 1].text):
            return ResponseKind.DENIED
    if lemma in SPEECH_VERBS and tok.pos_ == "VERB":
        content = _content_text(tok, sent, quotes)
        rest = NO_COMMENT_CLAUSE.sub(" ", content)  # 'does not comment on negotiations' denies nothing
        if FALSE_WORDS.search(rest) or NEGATED_DEALINGS.search(rest):
            return ResponseKind.DENIED
        if NOT_COMMENT_ON.search(content):
            return ResponseKind.DECLINED_TO_COMMENT
        if (TALKS_UNDER_WAY.search(content) or IN_TALKS.search(rest)) and not negated:
            return ResponseKind.CONFIRMED
    return None


def _told_as_before(cue: Token) -> bool:
    """'confirmed the talks, a week after it called the report baseless': a cue in a clause of what
    came before or after the news is background, not a response."""
    clause = cue
    while clause.dep_ in {"xcomp", "conj"} and clause.head.i != clause.i:
        clause = clause.head
    if any(c.dep_ == "mark" and c.lower_ in BEFORE_AFTER for c in clause.children):
        return True
    return clause.dep_ == "pcomp" and clause.head.lower_ in BEFORE_AFTER


def _neither(tok: Token) -> bool:
    """'did not confirm or deny', 'neither confirmed nor denied': one cue of a pair that says nothing."""
    pair = [tok.head] if tok.dep_ == "conj" else [c for c in tok.children if c.dep_ == "conj"]
    pair = [t for t in pair if t.lemma_.lower() in DENY_VERBS | CONFIRM_VERBS and t.lemma_ != tok.lemma_]
    if not pair:
        return False
    first = min([tok, *pair], key=lambda t: t.i)
    return any(c.dep_ == "neg" or c.lower_ == "neither" for c in first.children) or any(
        t.lower_ == "neither" for t in tok.doc[max(first.i - 2, 0):first.i])


def _passive(tok: Token) -> bool:
    return any(c.dep_ in {"nsubjpass", "auxpass"} for c in tok.children)


def _about_claim(tok: Token) -> bool:
    """A denial or confirmation of something said: a claim noun, a clause, or nothing named; not
    one that is only asked for or possible ('could be required to confirm whether it ...')."""
    clauses = [c for c in tok.children if c.dep_ in {"ccomp", "advcl"}]
    if any(m.lower_ in {"whether", "if"} for c in clauses for m in c.children if m.dep_ == "mark"):
        return False
    objects = [c for c in tok.children if c.dep_ in {"dobj", "attr"}]
    if not objects:
        return True
    return any(o.lemma_.lower() in CLAIM_NOUNS or o.lower_ in CLAIM_NOUNS for o in objects)


def _content_text(tok: Token, sent: Span, quotes: list[tuple[int, int]]) -> str:
    """What a speech verb reports: its clause, and any quotation in the sentence."""
    parts = [c for c in tok.children if c.dep_ in {"ccomp", "xcomp", "dobj", "advcl", "parataxis"}]
    text = "; ".join(sent.doc[p.left_edge.i:p.right_edge.i + 1].text for p in parts)  # one clause, then the next
    end = _extend_over_quote(sent, quotes)
    inside = [(qs, qe) for qs, qe in quotes if sent.start_char <= qs < end]
    if inside:
        doc_text = sent.doc.text  # built on each access: only when needed
        text += "".join("; " + doc_text[qs:qe] for qs, qe in inside)
    return text


def subject_parties(verb: Token) -> list[str]:
    """The parties a cue is said of: its subjects and their conjuncts, resolved to entities."""
    subjects = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}]
    head = verb
    while not subjects and head.dep_ in {"conj", "xcomp", "advcl", "acomp"} and head.head.i != head.i:
        head = head.head  # 'Ford dismissed the report and said ...': the subject of the first verb
        subjects = [c for c in head.children if c.dep_ in {"nsubj", "nsubjpass"}]
    keys: list[str] = []
    for subj in subjects:
        speaker = _speaker_named(subj)
        if speaker is not None:  # 'Codelco said that it does not comment': 'it' is the speaker, whatever it is
            key = coref.resolve(speaker, PARTY_TYPES)
            if key and key not in keys:
                keys.append(key)
            continue
        for head in [subj, *subj.conjuncts]:
            # an apposition names the party only when the head itself does not: 'its spokesman,
            # John Doe' yes; 'Acme, the majority owner of Beta,' is Acme alone
            key = coref.resolve(head, PARTY_TYPES)
            appositions = [] if key else [c for c in head.children if c.dep_ == "appos"]
            appositions += [c for a in list(appositions) for c in a.conjuncts]
            for key in [key] + [coref.resolve(a, PARTY_TYPES) for a in appositions]:
                if key and key not in keys:
                    keys.append(key)
    return keys


def _speaker_named(pronoun: Token) -> Token | None:
    """The named subject of the speech verb whose reported clause holds this 'it', 'they' or 'the
    company': 'Codelco said that it ...', 'an official at Acme said the company would not ...'."""
    the_company = pronoun.lemma_.lower() in coref.COMPANY_NOUNS and any(
        c.dep_ == "det" and c.lower_ == "the" for c in pronoun.children)
    if pronoun.lower_ not in coref.COMPANY_PRONOUNS | {"they", "we"} and not the_company:
        return None
    tok = pronoun.head
    for _ in range(4):
        if tok.dep_ not in {"ccomp", "xcomp", "conj"} or tok.head.i == tok.i:
            return None
        tok = tok.head
        if tok.lemma_.lower() in SPEECH_VERBS:
            subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
            if subj is None:
                return None
            if subj.pos_ == "PROPN" and coref.key_at(subj.doc, subj.i):
                return subj
            named = the_company and coref.resolve(subj, PARTY_TYPES)  # 'an official at Acme'
            return subj if named and coref.type_of(subj.doc, named) == EntityType.COMPANY.value else None
    return None


def quote_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each quotation's inside, across sentences where it runs on."""
    spans: list[tuple[int, int]] = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch in ("“", '"') and (ch != '"' or i == 0 or not text[i - 1].isalnum()):
            close = QUOTE_PAIRS[ch]
            j = text.find(close, i + 1)
            para_end = text.find("\n\n", i)
            if j != -1 and (para_end == -1 or j < para_end) and j - i > 1:
                spans.append((i + 1, j))
                i = j + 1
                continue
        i += 1
    return spans


def _extend_over_quote(sent: Span, quotes: list[tuple[int, int]]) -> int:
    """The sentence's end, or the end of a quotation that starts in it and runs on."""
    end = sent.end_char
    for qs, qe in quotes:
        if sent.start_char <= qs < sent.end_char and qe + 1 > end:
            last = sent.doc[-1]
            end = min(last.idx + len(last.text_with_ws), qe + 1)
    return end


def _quote_in(text: str, quotes: list[tuple[int, int]], evidence: Evidence) -> str | None:
    inside = [text[qs:qe].strip() for qs, qe in quotes if evidence.start <= qs and qe <= evidence.end]
    inside = [q for q in inside if len(q.split()) >= 2]
    return " ".join(inside) if inside else None


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
            for prep in (c for c in tok.children if c.dep_ == "prep" and c.lower_ in {"from", "by", "in"}):
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


def _with_said_words(report: Report, attributions: list, text: str) -> Report:
    """The report's claim as what its sentence says was said (the attribution's content spans,
    'X reported, citing Y, that [...]', '[...], people told X, [...]'), when the sentence has one."""
    ev = report.evidence
    inside = [a for a in attributions if ev.start <= a.cue.start < ev.end and a.content
              and _said_cue(text[a.cue.start:a.cue.end])]
    if not inside:
        return report
    best = max(inside, key=lambda a: sum(c.end - c.start for c in a.content))
    parts = [text[c.start:c.end].strip(" ,;") for c in best.content]
    claim = re.sub(r"^that\s+", "", " … ".join(p for p in parts if p))
    claim = _tidy(re.sub(r",?\s+citing\s.*$", "", claim))
    if len(claim.split()) < 4:
        return report
    return replace(report, claim=claim[:1].upper() + claim[1:])


TICKER_NOTE = re.compile(r"\s*\((?:[A-Za-z]{1,10}\s*:\s*[A-Z0-9][A-Z0-9.\-]{0,9}[;,]?\s*)+\)")


AS_REPORTED = re.compile(r",?\s+(?:as|which (?:was|were))\s+(?:first\s+|earlier\s+|previously\s+)?reported"
                         r"(?:\s+(?:earlier|first|previously))?(?:\s+by\s+[^,.;]+)?(?:,(?=\s)|(?=[.;]|$))", re.I)


def _tidy(claim: str) -> str:
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
    if head.lemma_.lower() in {"source", "insider"}:
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
    return max([doc._.entities[key].name, *(re.sub(r"^the\s+", "", w, flags=re.I) for w in written)], key=len)


def _outlet(head: Token) -> str | None:
    return coref.resolve(head, {EntityType.OUTLET.value})


SOURCE_PREPOSITIONS = {"with", "to", "in", "within", "inside", "at", "from", "close"}


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
        if tok.lemma_.lower() in {"person", "people", "source", "official", "insider"} and any(
                c.lower_ in {"familiar", "briefed", "close", "knowledge", "aware"} for c in tok.subtree):
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
            return _tidy(re.sub(r"^that\s+", "", "".join(words).strip(" ,")))
    drop = set()
    for tok in sent:
        if tok.lower_ == "according" or (tok.lower_ == "citing" and tok.dep_ in {"advcl", "xcomp", "prep"}):
            drop |= {t.i for t in tok.subtree}
    start = sent.start
    if cue.pos_ == "VERB":  # 'X reported on Monday, citing Y, that ...': what follows 'that'
        that = next((t for t in sent if t.i > cue.i and t.lower_ == "that" and t.i not in drop), None)
        start = that.i + 1 if that is not None else start
    words = [t.text_with_ws for t in doc[start:sent.end] if t.i not in drop]
    claim = _tidy(re.sub(r"\s*,(\s*,)+", ",", "".join(words)).strip().strip(" ,."))
    return claim[:1].upper() + claim[1:] if claim else sent.text
