"""General attributions: every quotation, reported clause and 'according to X', as spans.

Rules over the dependency parse (after the PARC/PolNeAR scheme: a source, a cue, a content):

- indirect speech: a cue verb ('said', 'told', 'argued', 'showed') with a clausal complement
  ('Ford said [the report was false]', '[the report was false], Ford said');
- direct quotations, straight, curly or between two apostrophes (''A,'' as wire archives print them),
  split by the cue ('"A," she said, "B."') or running over several sentences: the content grows to the
  whole quotation; a short one is a quotation too where its layout says so ('“Okay,” I said', '“Great!”
  beamed the mayor': closed by an utterance's mark and followed at once by a verb with a speaker);
- 'according to X' and 'citing X': the source is X, the content the clause they hang on;
- a quotation with no cue of its own, right after 'X said:', with a cue verb in its sentence or in
  a short sentence right after it ('“...!” he wrote.'); 'He said:' takes the next paragraph;
- a cue in the middle of what was said ('The risk, he said, is small'), 'as X put it, ...', 'as X
  reported, ...';
- a cue verb with no clause says what its object names ('said the same thing', 'said no');
- a headline's 'Jane Doe: We Will Not Sell' on a line of its own (the colon is the cue), and a
  title-case headline's verb that the tagger read as part of a name ('Acme Chief Praises Beta Plan',
  :mod:`newsgraph.nlp.attribution.title_case`);
- stances, as PolNeAR annotates them: with an object ('the union called for a new vote'), through a
  preposition ('came out against'), 'as' ('portrayed him as'), a noun ('her support for'), 'be' and
  an adjective ('is skeptical of', 'were more likely to say that'), a noun of saying ('made comments
  about'), a document's finding ('the poll showed a narrow lead'); the writer's hedges ('turnout
  appears to have fallen') have no source.

A passive cue takes its agent as the source ('was criticized by the union'), never its subject ('the
senator was asked' names who was told, not who spoke). An attribution whose cue lies in another's
content is part of that one ('X said Y believes Z' is X's), as a cue inside quotation marks is part
of the quotation. A noun of saying that a verb acts on ('rescinded his endorsement of') has no
attribution of its own, nor has a thing that merely bears on something ('planks that call for ...').

Measured on PolNeAR by ``benchmarks/attribution_polnear.py``.

The rules of what was said and of who said it live in :mod:`.content` and :mod:`.speakers`;
quotations are found by :mod:`.quotes`. Functions return :class:`~newsgraph.model.Attribution` records of
character offsets into the document's text; nothing is copied.
"""
from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.tokens import Doc, Span, Token

from newsgraph import lexicon
from newsgraph.model import Attribution, Evidence
from newsgraph.nlp.attribution.content import (
    adjective_stance,
    after_colon,
    agent_and_patient,
    around,
    cast_as,
    evidential,
    likely_to_say,
    made_clear_that,
    noun_attribution,
    objects_of,
    prep_stance,
    said_content,
    said_object,
    saying_object,
)
from newsgraph.nlp.attribution.cues import (
    ALL_CUES,
    CUE_NOUNS,
    CUE_VERBS,
    DOCUMENT_NOUNS,
    EVIDENTIAL_VERBS,
    FINDING_CUES,
    HEADLINE_CUES,
    INNER_CUES,
    LIGHT_ONLY,
    OBJECT_CUES,
    POLL_NOUNS,
    PREP_STANCE_VERBS,
    SAYING_LEMMAS,
    SOURCE_DOCUMENTS,
    WEAK_CUES,
    WEAK_ONLY,
)
from newsgraph.nlp.attribution.grammar import (
    CLAUSE_DEPS,
    EDGE_PUNCT,
    adverbial,
    as_put,
    cue_span,
    end_char,
    has_object,
    has_that_clause,
    lemma_of,
    naming_participle,
    run_on,
    said_in_order_to,
    starts_clause,
    that_marked,
    trim,
)
from newsgraph.nlp.attribution.quotes import grow_to_quotes, inside_quote, quotations, quote_kind
from newsgraph.nlp.attribution.speakers import PEOPLE_TYPES, SOURCE_TYPES, after_dateline, subject_of
from newsgraph.nlp.attribution.title_case import title_case_cues
from newsgraph.nlp.common import coref
from newsgraph.nlp.common.spans import text_of

SHORT_SENTENCE = 12  # tokens: 'the senator from Ohio told reporters.' after a quotation
SAID_AFTER_CHARS = 24  # '“Okay,” the senator said': the cue's distance from the closing mark
QUOTE_MARKS = "".join(lexicon.phrases("speech.quote_characters"))
NAME_COLON_LINE = re.compile(r'(?m)^([^:\n.!?"“]{2,40}?):[ \t]+(\S[^\n]*)$')
WORD = re.compile(r"[^\W\d_]+")


def attributions(doc: Doc) -> list[Attribution]:
    """Every attribution in the document, in text order."""
    article_id = doc._.article_id
    text = text_of(doc)
    quotes = quotations(text)
    found: list[Attribution] = []
    covered: list[tuple[int, int]] = []  # content already attributed

    def add(source: Token | Span | None, cue: tuple[int, int], content: list[tuple[int, int]], kind: str) -> None:
        content = [c for c in (trim(text, s, e) for s, e in content) if c[1] > c[0]]
        if not content:
            return
        src = None
        key = None
        extent = None
        if isinstance(source, Span):  # a run of names read by word shape: its extent is the run's, not a subtree's
            extent, source = (source.start_char, source.end_char), source.root
        if source is not None and source.dep_ == "nsubjpass" and cue[0] <= source.head.idx < cue[1]:
            source = None  # 'the senator was asked', 'the plan was criticized': told or talked of, not the speaker
        if source is not None:
            s, e = extent or (source.left_edge.idx, end_char(source.right_edge))
            for c in source.children:  # 'the man saying ...', 'commentators who said ...': the noun phrase alone
                if c.dep_ in {"acl", "relcl"} and s < c.left_edge.idx <= cue[0] < e:
                    e = c.left_edge.idx
            if s < cue[0] < e:
                e = cue[0]
            s = after_dateline(source, s)
            s, e = trim(text, s, e, EDGE_PUNCT + QUOTE_MARKS)  # not the mark of a quotation parsed into the name
            if e > s:
                src = Evidence(article_id, s, e)
                key = coref.resolve(source, SOURCE_TYPES)
        found.append(Attribution(source=src, cue=Evidence(article_id, *cue),
                                 content=tuple(Evidence(article_id, s, e) for s, e in content),
                                 source_key=key, kind=kind))
        covered.extend(content)

    for sent in doc.sents:
        for tok in sent:
            if tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
                objs = [c for c in doc[tok.i + 1].children if c.dep_ == "pobj"]
                if objs:
                    content = _rest_of_clause(text, sent, tok, quotes)
                    add(objs[0], (tok.idx, end_char(doc[tok.i + 1])), content, "according_to")
                continue
            if tok.dep_ == "prep" and tok.lower_ in {"in", "under"} and tok.head.pos_ in {"VERB", "AUX"}:
                docs_ = [c for c in tok.children if c.dep_ == "pobj" and c.lemma_.lower() in SOURCE_DOCUMENTS
                         and c.lower_ != "polls"]  # 'rose in the polls': standing, not a poll's finding
                polled = docs_ and docs_[0].lemma_.lower() in POLL_NOUNS and tok.i == tok.head.left_edge.i
                if docs_ and (lemma_of(tok.head) not in ALL_CUES or polled):  # 'in a new poll, the senator leads'
                    add(docs_[0], (tok.idx, end_char(tok)), _rest_of_clause(text, sent, tok, quotes), "according_to")
                continue
            if tok.pos_ == "NOUN" and tok.lemma_.lower() in CUE_NOUNS:
                noun = noun_attribution(tok) if tok.dep_ != "dobj" else None  # 'rescinded his endorsement of'
                if noun is not None and inside_quote(tok.idx, quotes) is None:
                    holder, cue, content = noun
                    add(holder, cue, grow_to_quotes(content, quotes), "indirect")
                continue
            if tok.pos_ not in {"VERB", "AUX"}:
                continue
            if naming_participle(tok):
                continue
            lemma = lemma_of(tok)
            stance = prep_stance(tok, lemma) or cast_as(tok, lemma)
            if stance is not None and inside_quote(tok.idx, quotes) is None and (subject := subject_of(tok)) is not None:
                end, content = stance
                add(subject, (cue_span(tok)[0], end), grow_to_quotes(content, quotes), "indirect")
                continue
            if lemma == "be":
                stance = adjective_stance(tok) or likely_to_say(tok)
                if stance is not None and inside_quote(tok.idx, quotes) is None:
                    end, content = stance
                    add(subject_of(tok), (cue_span(tok)[0], end), grow_to_quotes(content, quotes), "indirect")
                continue
            if lemma not in SAYING_LEMMAS and not has_that_clause(tok):
                continue
            if inside_quote(tok.idx, quotes) is not None:
                continue  # what a quoted speaker thinks is part of the quotation
            if as_put(tok, lemma) and tok.dep_ == "advcl" and tok.head.pos_ in {"VERB", "AUX"} and any(
                    c.dep_ == "mark" and c.lower_ == "as" for c in tok.children):  # 'As one senator put it, ...'
                spans = grow_to_quotes(around(tok.head, tok), quotes)
                if spans and (subject := subject_of(tok)) is not None:
                    it = [c for c in tok.children if c.dep_ == "dobj" and c.lower_ == "it" and c.i == tok.i + 1]
                    add(subject, (cue_span(tok)[0], end_char(it[0] if it else tok)), spans, quote_kind(spans[0], quotes))
                continue
            if lemma in ALL_CUES and (by_agent := agent_and_patient(tok)) is not None:  # 'criticized by the union'
                agent, patient = by_agent
                add(agent, cue_span(tok), grow_to_quotes([patient], quotes), "indirect")
                continue
            if lemma == "make" and (made_clear := made_clear_that(tok)) is not None \
                    and (subject := subject_of(tok)) is not None:
                end, clause = made_clear
                add(subject, (cue_span(tok)[0], end), grow_to_quotes([clause], quotes), "indirect")
                continue
            if lemma in LIGHT_ONLY:  # 'made comments about', not 'made it easier'
                subject = subject_of(tok)
                said = saying_object(tok) if subject is not None else None
                if said is not None:
                    noun, spans = said
                    add(subject, (cue_span(tok)[0], end_char(noun)), grow_to_quotes(spans, quotes), "indirect")
                continue
            if lemma in EVIDENTIAL_VERBS:
                inner = [c for c in tok.children if c.dep_ == "xcomp" and lemma_of(c) in INNER_CUES]
                content = evidential(tok) if not inner else said_content(inner[0])
                if content:  # 'seemed to indicate that ...' is said by the subject
                    source = subject_of(tok) if inner else None
                    cue = (cue_span(tok)[0], end_char(inner[0])) if inner else cue_span(tok)
                    add(source, cue, grow_to_quotes(content, quotes), "indirect")
                continue
            clauses = [c for c in tok.children if c.dep_ in CLAUSE_DEPS and not adverbial(c) and not run_on(tok, c)]
            if not clauses and lemma in CUE_VERBS:  # 'said in a statement that ...' parsed under 'statement'
                clauses = [c for p in tok.children if p.dep_ == "prep" for o in p.children if o.dep_ == "pobj"
                           for c in o.children if c.dep_ in {"acl", "ccomp", "relcl"} and that_marked(c)][:1]
            if (not clauses and tok.dep_ in CLAUSE_DEPS and tok.head.pos_ in {"VERB", "AUX"}
                    and not run_on(tok.head, tok) and lemma not in WEAK_CUES  # not 'you know'
                    and (tok.i > tok.head.i or lemma_of(tok.head) not in ALL_CUES)  # not 'X plans Y, Z reported'
                    and not (lemma in OBJECT_CUES and has_object(tok))):  # 'Whites split; women preferred her'
                # '"We are not selling," the company said.' and 'The risk, he said, is small.': the cue
                # parsed under what was said, which is the rest of its head's clause
                spans = grow_to_quotes(around(tok.head, tok), quotes)
                if spans:
                    add(subject_of(tok), cue_span(tok), spans, quote_kind(spans[0], quotes))
                continue
            if any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children) and not said_in_order_to(tok):
                continue  # 'to know', 'wants to defend': an intention, not an utterance
            subject = subject_of(tok)
            cue = cue_span(tok)
            if not clauses and subject is not None and (
                    lemma in OBJECT_CUES or (lemma in FINDING_CUES and subject.lemma_.lower() in DOCUMENT_NOUNS)):
                clauses, prep = objects_of(tok)
                if len(clauses) == 1 and clauses[0].pos_ == "PRON" and clauses[0].left_edge == clauses[0].right_edge:
                    clauses = []  # 'thanked him': no content of its own
                if prep is not None and prep.i == tok.i + 1:
                    cue = (cue[0], end_char(prep))
            if not clauses and subject is not None and lemma in CUE_VERBS:
                said = after_colon(tok) or said_object(tok)
                if said is not None:
                    add(subject, cue, grow_to_quotes([said], quotes), quote_kind(said, quotes))
                continue
            if not clauses:
                continue
            if lemma in WEAK_ONLY and not any(starts_clause(c) for c in clauses) and not (
                    lemma in FINDING_CUES and subject is not None and subject.lemma_.lower() in DOCUMENT_NOUNS):
                continue
            if subject is None and tok.dep_ in {"xcomp", "ccomp", "relcl"}:
                continue  # 'wants to know', 'has yet to say': no speaker of its own
            spans = [(c.left_edge.idx, end_char(c.right_edge)) for c in clauses]
            spans = grow_to_quotes(spans, quotes)
            add(subject, cue, spans, quote_kind(spans[0], quotes))
    _orphan_quotes(doc, text, quotes, covered, add, {a.cue.start for a in found})
    for source, colon, said in _name_colon_lines(doc, text):
        if not any(cs <= said[0] < ce for cs, ce in covered):
            add(source, colon, [said], quote_kind(said, quotes))
    for source, cue, said in title_case_cues(doc, HEADLINE_CUES, PREP_STANCE_VERBS):
        if not any(cs <= said[0] < ce for cs, ce in covered):
            add(source, cue, [said], quote_kind(said, quotes))
    found = _outermost(found)
    found.sort(key=lambda a: a.content[0].start)
    return found


def _outermost(found: list[Attribution]) -> list[Attribution]:
    """What someone is reported to have said that a third party thinks is part of what was said
    ('X said Y believes Z' is X's attribution): drop an attribution whose cue lies in another's content,
    as the quotation rule does for cues inside quotation marks. Where each cue lies in the other's
    content ('He said he loved it' read both ways), the first cue is the outer one."""
    cues = [a.cue.start for a in found]
    contents = [[(c.start, c.end) for c in a.content] for a in found]  # read once: the test is pairwise
    within = [[a is not b and any(s <= cue < e for s, e in content) for b, content in zip(found, contents)]
              for a, cue in zip(found, cues)]  # within[i][j]: i's cue lies in j's content
    return [a for i, a in enumerate(found)
            if not any(within[i][j] and (not within[j][i] or cues[j] < cues[i]) for j in range(len(found)))]


def _orphan_quotes(doc: Doc, text: str, quotes: list[tuple[int, int]], covered: list[tuple[int, int]], add,
                   used_cues: set[int]) -> None:
    """Quotations no clause rule took: attribute them to a cue verb of their sentence, outside them."""
    for qs, qe in quotes:
        if any(cs <= qs < ce or qs <= cs < qe for cs, ce in covered):
            continue
        words = text[qs:qe].split()
        right_after = _verb_right_after(doc, text, qe)
        if (len(words) < 3 or all(w.strip(EDGE_PUNCT + "“”\"'.!?")[:1].isupper() for w in words if w[:1].isalpha())) \
                and right_after is None:
            continue  # a scare quote or a title ('“Good Morning America”'), not '“Okay,” I said'
        # a cue that already has its content leaves a quotation of its sentence to be a title or a name
        span = doc.char_span(qs, qe, alignment_mode="expand")
        if span is None:
            continue
        first, last = span[0].sent, span[-1].sent
        start, end = first.start, last.end
        before = start - 1
        while before > 0 and doc[before].is_space:
            before -= 1
        if before >= 0 and doc[before].text == ":":  # 'He wrote:' then the quotation
            start = doc[before].sent.start
        if end < len(doc) and not text[qe:doc[end].idx].strip() and len(doc[end].sent) <= SHORT_SENTENCE:
            end = doc[end].sent.end  # '“... A pathetic figure!” he wrote.' split after the mark
        window = doc[start:end]
        cues = [t for t in window if t.pos_ in {"VERB", "AUX"} and t.lemma_.lower() in CUE_VERBS
                and t.dep_ not in {"acl", "amod"}  # 'the hacker known as ...'
                and not (qs <= t.idx < qe) and subject_of(t) is not None and t.idx not in used_cues]
        if right_after is not None and right_after.idx in used_cues:
            right_after = None
        if not cues and right_after is None:
            continue
        cue = min(cues, key=lambda t: min(abs(t.idx - qs), abs(t.idx - qe))) if cues else right_after
        add(subject_of(cue), cue_span(cue), [(qs, qe)], "direct")


def _verb_right_after(doc: Doc, text: str, quote_end: int) -> Token | None:
    """'“Okay,” I said', '“This is fantastic!” beamed the mayor': a quotation closed by the comma or mark
    of an utterance and followed at once by a verb with a speaker (after the speaker at most), whatever
    the verb: the layout says it is the cue."""
    if text[:quote_end].rstrip(QUOTE_MARKS)[-1:] not in {",", "!", "?"}:
        return None
    after = doc.char_span(quote_end, min(len(text), quote_end + SAID_AFTER_CHARS), alignment_mode="contract")
    if after is None:
        return None
    verbs = [t for t in after[:3] if t.pos_ == "VERB" and t.dep_ not in {"acl", "amod"}]
    return verbs[0] if verbs and subject_of(verbs[0]) is not None else None


def _name_colon_lines(doc: Doc, text: str) -> Iterator[tuple[Token, tuple[int, int], tuple[int, int]]]:
    """'Jane Doe: We Will Not Sell the Plant' as a line of its own (a headline's way of quoting): the
    name's head, the colon as the cue, and the rest of the line. The name is a proper noun phrase that
    names someone (a person, an organisation, a group or a place), or is a name the article gives in
    full elsewhere ('DOE: We will not sell' in a transcript, 'Doe: ...' with 'Jane Doe' in the text:
    a headline's or a transcript's words the tagger reads as common nouns), or a document ('Poll: ...');
    what follows has a few words, not a figure ('Acme: 1,204')."""
    known: set[str] | None = None  # the words of the article's names of people and organisations
    for m in NAME_COLON_LINE.finditer(text):
        name = doc.char_span(*m.span(1), alignment_mode="expand")
        if name is None or "(" in m.group(1) or len(WORD.findall(m.group(2))) < 3:
            continue  # not 'Acme Holdings (TYO: 6752) reported ...', the colon of a ticker
        root = name.root
        if not (root.pos_ == "PROPN" and any(t.ent_type_ in PEOPLE_TYPES for t in name)):
            if known is None:
                known = {t.lower_ for e in doc.ents if e.label_ in {"PERSON", "ORG"} for t in e if t.is_title}
            if not _bare_name(name, known):
                continue  # not 'Market Wrap: Stocks Fall'
        yield root, (m.end(1), m.end(1) + 1), m.span(2)


def _bare_name(name: Span, known: set[str]) -> bool:
    """A short phrase of nouns only whose head is a name of the article ('Doe', 'DOE') or a document."""
    if len(name) > 4 or any(t.pos_ not in {"PROPN", "NOUN", "ADJ", "PUNCT"} for t in name):
        return False
    root = name.root
    return root.text[:1].isupper() and (root.lower_ in known or root.lemma_.lower() in POLL_NOUNS | {"report"})


def _rest_of_clause(text: str, sent: Span, according: Token, quotes: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The clause 'according to X' hangs on (else the sentence), without the phrase: one or two spans."""
    phrase_start = according.left_edge.idx
    phrase_end = end_char(according.right_edge)
    head = according.head
    if head.i != according.i and head.pos_ in {"VERB", "AUX"}:
        start, end = head.left_edge.idx, end_char(head.right_edge)
    else:
        start, end = sent.start_char, sent.end_char
    spans = [(start, phrase_start), (phrase_end, end)]
    spans = [(s, e) for s, e in spans if text[s:e].strip(EDGE_PUNCT + ".")]
    return grow_to_quotes(spans, quotes)

