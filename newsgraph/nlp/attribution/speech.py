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
  :mod:`newsgraph.nlp.title_case`);
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

Functions return :class:`~newsgraph.model.Attribution` records of character offsets into the
document's text; nothing is copied.
"""
from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.tokens import Doc, Span, Token

from newsgraph.model import Attribution, EntityType, Evidence
from newsgraph.nlp.common import coref
from newsgraph.nlp.attribution.cues import (
    ALL_CUES,
    AS_CUES,
    AS_PUT_CUES,
    CUE_NOUNS,
    CUE_VERBS,
    DISPOSITION_ADJECTIVES,
    DOCUMENT_NOUNS,
    EVIDENTIAL_VERBS,
    FINDING_CUES,
    LEMMA_FIXES,
    LIGHT_VERBS,
    LISTENER_TO,
    LISTENER_VERBS,
    MESSAGE_NOUNS,
    NOT_ABOUT,
    NOUN_CONTENT_PREPS,
    OBJECT_CUES,
    OBJECT_PREPS,
    PREP_STANCE_VERBS,
    SAYING_NOUNS,
    SOURCE_DOCUMENTS,
    STANCE_ADJECTIVES,
    WEAK_CUES,
)
from newsgraph.nlp.attribution.title_case import title_case_cues

POLL_NOUNS = {"poll", "survey"}  # 'In a new poll, 40 percent said ...': what they said is the poll's finding
CLAUSE_DEPS = {"ccomp", "parataxis"}
SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj"}
CUE_EXTRAS = {"aux", "auxpass", "neg", "prt"}
NAME_GAP_DEPS = CUE_EXTRAS | {"advmod"}
CLAUSE_START_DEPS = SUBJECT_DEPS | {"mark"}
SAYING_LEMMAS = ALL_CUES | EVIDENTIAL_VERBS
INTENT_HEADS = SAYING_LEMMAS | {"want", "plan", "try", "hope", "need"}  # 'wants to say': the clause is theirs
LIGHT_ONLY = LIGHT_VERBS - OBJECT_CUES
WEAK_ONLY = WEAK_CUES - OBJECT_CUES
INNER_CUES = CUE_VERBS | OBJECT_CUES
# a title-case headline's cue verbs; not those whose -s form is there mostly a noun of the market or of
# a company's acts ('Acme Shares Slide', 'Acme Posts Record Profit', 'Acme Names New Chief')
HEADLINE_CUES = ((CUE_VERBS - WEAK_CUES) | OBJECT_CUES) - {"share", "post", "list", "name"}
DOUBLED_MARK = "''"
OPENING = {"“": "”", '"': '"', DOUBLED_MARK: DOUBLED_MARK}
MIXED_CLOSE = {"“": '"', '"': "”", DOUBLED_MARK: '"'}
QUOTE_MARK = re.compile("“|\"|''")  # where a quotation may open
SHORT_SENTENCE = 12  # tokens: 'the senator from Ohio told reporters.' after a quotation
SAID_AFTER_CHARS = 24  # '“Okay,” the senator said': the cue's distance from the closing mark
EDGE_PUNCT = " \t\n,;:—–-"
QUOTE_MARKS = "“”\"‘’'"
DASHES = {"-", "--", "—", "–"}
NAME_COLON_LINE = re.compile(r'(?m)^([^:\n.!?"“]{2,40}?):[ \t]+(\S[^\n]*)$')
WORD = re.compile(r"[^\W\d_]+")
PEOPLE_TYPES = {"PERSON", "ORG", "NORP", "GPE"}  # the model's entity labels of who can be told or named
SOURCE_TYPES = {EntityType.COMPANY.value, EntityType.PERSON.value, EntityType.GOVERNMENT.value,
                EntityType.OUTLET.value}


def quotations(text: str) -> list[tuple[int, int]]:
    """(start, end) of each quotation with its marks, possibly over several sentences of a paragraph.
    The marks are curly, straight, or two apostrophes (''like this'', as some wire archives print them)."""
    spans: list[tuple[int, int]] = []
    i = 0
    while (found := QUOTE_MARK.search(text, i)) is not None:
        i, mark = found.start(), found.group()
        if mark == "“" or _opens(text, i, len(mark)):
            # the matching mark, or the other kind where a text mixes curly and straight marks
            close = OPENING[mark]
            j = text.find(close, i + len(mark))
            para_end = text.find("\n\n", i)
            if j == -1 or (para_end != -1 and j > para_end):
                close = MIXED_CLOSE[mark]
                j = text.find(close, i + len(mark))
            if j != -1 and (para_end == -1 or j < para_end) and j - i > len(mark):
                spans.append((i, j + len(close)))
                i = j + len(close)
                continue
            if para_end != -1 and text[para_end:].lstrip().startswith(tuple(OPENING)) and para_end - i > len(mark):
                spans.append((i, para_end))  # a quotation that goes on in the next paragraph, as news prints it
                i = para_end
                continue
        i += len(mark)
    return spans


def _opens(text: str, i: int, width: int = 1) -> bool:
    """A straight mark opens a quotation unless a word or a closing punctuation mark runs into it
    ('said "no"' opens, 'he said." Then' closes: the one before it went unpaired)."""
    before = text[i - 1] if i else " "
    after = text[i + width] if i + width < len(text) else " "
    return not before.isalnum() and not (before in ".,!?;:" and after.isspace())


def attributions(doc: Doc) -> list[Attribution]:
    """Every attribution in the document, in text order."""
    article_id = doc._.article_id
    text = doc.text  # built on each access: read it once
    quotes = quotations(text)
    found: list[Attribution] = []
    covered: list[tuple[int, int]] = []  # content already attributed

    def add(source: Token | Span | None, cue: tuple[int, int], content: list[tuple[int, int]], kind: str) -> None:
        content = [c for c in (_trim(text, s, e) for s, e in content) if c[1] > c[0]]
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
            s, e = extent or (source.left_edge.idx, _end(source.right_edge))
            for c in source.children:  # 'the man saying ...', 'commentators who said ...': the noun phrase alone
                if c.dep_ in {"acl", "relcl"} and s < c.left_edge.idx <= cue[0] < e:
                    e = c.left_edge.idx
            if s < cue[0] < e:
                e = cue[0]
            s = _after_dateline(source, s)
            s, e = _trim(text, s, e, EDGE_PUNCT + QUOTE_MARKS)  # not the mark of a quotation parsed into the name
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
                    add(objs[0], (tok.idx, _end(doc[tok.i + 1])), content, "according_to")
                continue
            if tok.dep_ == "prep" and tok.lower_ in {"in", "under"} and tok.head.pos_ in {"VERB", "AUX"}:
                docs_ = [c for c in tok.children if c.dep_ == "pobj" and c.lemma_.lower() in SOURCE_DOCUMENTS
                         and c.lower_ != "polls"]  # 'rose in the polls': standing, not a poll's finding
                polled = docs_ and docs_[0].lemma_.lower() in POLL_NOUNS and tok.i == tok.head.left_edge.i
                if docs_ and (_lemma(tok.head) not in ALL_CUES or polled):  # 'in a new poll, the senator leads'
                    add(docs_[0], (tok.idx, _end(tok)), _rest_of_clause(text, sent, tok, quotes), "according_to")
                continue
            if tok.pos_ == "NOUN" and tok.lemma_.lower() in CUE_NOUNS:
                noun = _noun_attribution(tok) if tok.dep_ != "dobj" else None  # 'rescinded his endorsement of'
                if noun is not None and _inside(tok.idx, quotes) is None:
                    holder, cue, content = noun
                    add(holder, cue, _grow_to_quotes(content, quotes), "indirect")
                continue
            if tok.pos_ not in {"VERB", "AUX"}:
                continue
            if _naming_participle(tok):
                continue
            lemma = _lemma(tok)
            stance = _prep_stance(tok, lemma) or _cast_as(tok, lemma)
            if stance is not None and _inside(tok.idx, quotes) is None and (subject := _subject(tok)) is not None:
                end, content = stance
                add(subject, (_cue_span(tok)[0], end), _grow_to_quotes(content, quotes), "indirect")
                continue
            if lemma == "be":
                stance = _stance(tok) or _likely_to_say(tok)
                if stance is not None and _inside(tok.idx, quotes) is None:
                    end, content = stance
                    add(_subject(tok), (_cue_span(tok)[0], end), _grow_to_quotes(content, quotes), "indirect")
                continue
            if lemma not in SAYING_LEMMAS and not _that_clause(tok):
                continue
            if _inside(tok.idx, quotes) is not None:
                continue  # what a quoted speaker thinks is part of the quotation
            if _as_put(tok, lemma) and tok.dep_ == "advcl" and tok.head.pos_ in {"VERB", "AUX"} and any(
                    c.dep_ == "mark" and c.lower_ == "as" for c in tok.children):  # 'As one senator put it, ...'
                spans = _grow_to_quotes(_around(tok.head, tok), quotes)
                if spans and (subject := _subject(tok)) is not None:
                    it = [c for c in tok.children if c.dep_ == "dobj" and c.lower_ == "it" and c.i == tok.i + 1]
                    add(subject, (_cue_span(tok)[0], _end(it[0] if it else tok)), spans, _kind(spans[0], quotes))
                continue
            if lemma in ALL_CUES and (by_agent := _by_agent(tok)) is not None:  # 'criticized by the union'
                agent, patient = by_agent
                add(agent, _cue_span(tok), _grow_to_quotes([patient], quotes), "indirect")
                continue
            if lemma == "make" and (made_clear := _made_clear(tok)) is not None \
                    and (subject := _subject(tok)) is not None:
                end, clause = made_clear
                add(subject, (_cue_span(tok)[0], end), _grow_to_quotes([clause], quotes), "indirect")
                continue
            if lemma in LIGHT_ONLY:  # 'made comments about', not 'made it easier'
                subject = _subject(tok)
                said = _saying_object(tok) if subject is not None else None
                if said is not None:
                    noun, spans = said
                    add(subject, (_cue_span(tok)[0], _end(noun)), _grow_to_quotes(spans, quotes), "indirect")
                continue
            if lemma in EVIDENTIAL_VERBS:
                inner = [c for c in tok.children if c.dep_ == "xcomp" and _lemma(c) in INNER_CUES]
                content = _evidential(tok) if not inner else _said(inner[0])
                if content:  # 'seemed to indicate that ...' is said by the subject
                    source = _subject(tok) if inner else None
                    cue = (_cue_span(tok)[0], _end(inner[0])) if inner else _cue_span(tok)
                    add(source, cue, _grow_to_quotes(content, quotes), "indirect")
                continue
            clauses = [c for c in tok.children if c.dep_ in CLAUSE_DEPS and not _adverbial(c) and not _run_on(tok, c)]
            if not clauses and lemma in CUE_VERBS:  # 'said in a statement that ...' parsed under 'statement'
                clauses = [c for p in tok.children if p.dep_ == "prep" for o in p.children if o.dep_ == "pobj"
                           for c in o.children if c.dep_ in {"acl", "ccomp", "relcl"} and _that_marked(c)][:1]
            if (not clauses and tok.dep_ in CLAUSE_DEPS and tok.head.pos_ in {"VERB", "AUX"}
                    and not _run_on(tok.head, tok) and lemma not in WEAK_CUES  # not 'you know'
                    and (tok.i > tok.head.i or _lemma(tok.head) not in ALL_CUES)  # not 'X plans Y, Z reported'
                    and not (lemma in OBJECT_CUES and _has_object(tok))):  # 'Whites split; women preferred her'
                # '"We are not selling," the company said.' and 'The risk, he said, is small.': the cue
                # parsed under what was said, which is the rest of its head's clause
                spans = _grow_to_quotes(_around(tok.head, tok), quotes)
                if spans:
                    add(_subject(tok), _cue_span(tok), spans, _kind(spans[0], quotes))
                continue
            if any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children) and not _said_in_order_to(tok):
                continue  # 'to know', 'wants to defend': an intention, not an utterance
            subject = _subject(tok)
            cue = _cue_span(tok)
            if not clauses and subject is not None and (
                    lemma in OBJECT_CUES or (lemma in FINDING_CUES and subject.lemma_.lower() in DOCUMENT_NOUNS)):
                clauses, prep = _objects(tok)
                if len(clauses) == 1 and clauses[0].pos_ == "PRON" and clauses[0].left_edge == clauses[0].right_edge:
                    clauses = []  # 'thanked him': no content of its own
                if prep is not None and prep.i == tok.i + 1:
                    cue = (cue[0], _end(prep))
            if not clauses and subject is not None and lemma in CUE_VERBS:
                said = _after_colon(tok) or _said_object(tok)
                if said is not None:
                    add(subject, cue, _grow_to_quotes([said], quotes), _kind(said, quotes))
                continue
            if not clauses:
                continue
            if lemma in WEAK_ONLY and not any(_starts_clause(c) for c in clauses) and not (
                    lemma in FINDING_CUES and subject is not None and subject.lemma_.lower() in DOCUMENT_NOUNS):
                continue
            if subject is None and tok.dep_ in {"xcomp", "ccomp", "relcl"}:
                continue  # 'wants to know', 'has yet to say': no speaker of its own
            spans = [(c.left_edge.idx, _end(c.right_edge)) for c in clauses]
            spans = _grow_to_quotes(spans, quotes)
            add(subject, cue, spans, _kind(spans[0], quotes))
    _orphan_quotes(doc, text, quotes, covered, add, {a.cue.start for a in found})
    for source, colon, said in _name_colon_lines(doc, text):
        if not any(cs <= said[0] < ce for cs, ce in covered):
            add(source, colon, [said], _kind(said, quotes))
    for source, cue, said in title_case_cues(doc, HEADLINE_CUES, PREP_STANCE_VERBS):
        if not any(cs <= said[0] < ce for cs, ce in covered):
            add(source, cue, [said], _kind(said, quotes))
    found = _outermost(found)
    found.sort(key=lambda a: a.content[0].start)
    return found


def _outermost(found: list[Attribution]) -> list[Attribution]:
    """What someone is reported to have said that a third party thinks is part of what was said
    ('X said Y believes Z' is X's attribution): drop an attribution whose cue lies in another's content,
    as the quotation rule does for cues inside quotation marks. Where each cue lies in the other's
    content ('He said he loved it' read both ways), the first cue is the outer one."""
    def within(a: Attribution, b: Attribution) -> bool:
        return a is not b and any(c.start <= a.cue.start < c.end for c in b.content)

    def inner(a: Attribution, b: Attribution) -> bool:
        return within(a, b) and (not within(b, a) or b.cue.start < a.cue.start)
    return [a for a in found if not any(inner(a, b) for b in found)]


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
                and not (qs <= t.idx < qe) and _subject(t) is not None and t.idx not in used_cues]
        if right_after is not None and right_after.idx in used_cues:
            right_after = None
        if not cues and right_after is None:
            continue
        cue = min(cues, key=lambda t: min(abs(t.idx - qs), abs(t.idx - qe))) if cues else right_after
        add(_subject(cue), _cue_span(cue), [(qs, qe)], "direct")


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
    return verbs[0] if verbs and _subject(verbs[0]) is not None else None


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
    phrase_end = _end(according.right_edge)
    head = according.head
    if head.i != according.i and head.pos_ in {"VERB", "AUX"}:
        start, end = head.left_edge.idx, _end(head.right_edge)
    else:
        start, end = sent.start_char, sent.end_char
    spans = [(start, phrase_start), (phrase_end, end)]
    spans = [(s, e) for s, e in spans if text[s:e].strip(EDGE_PUNCT + ".")]
    return _grow_to_quotes(spans, quotes)


def _lemma(tok: Token) -> str:
    lemma = tok.lemma_.lower()
    return LEMMA_FIXES.get(lemma, lemma)


def _has_that(clause: Token) -> bool:
    return any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children)


def _that_marked(clause: Token) -> bool:
    return _has_that(clause) and _starts_clause(clause)


def _infinitive(verb: Token) -> bool:
    """'to ban imports', 'to be repaired', 'to not sell': a verb with its 'to' before it, with only its own
    auxiliaries, negation or adverbs between."""
    between = {c.i for c in verb.children if c.dep_ in {"aux", "auxpass", "neg", "advmod"}}
    for c in verb.children:
        if c.dep_ == "aux" and c.lower_ == "to" and c.i < verb.i:
            return all(i in between for i in range(c.i + 1, verb.i))
    return False


def _for_to(clause: Token) -> bool:
    """'for the board to resign': an infinitive clause marked by 'for'."""
    return _infinitive(clause) and any(c.dep_ == "mark" and c.lower_ == "for" for c in clause.children)


def _has_object(verb: Token) -> bool:
    return any(c.dep_ == "dobj" and not (c.pos_ == "PRON" and c.left_edge == c.right_edge) for c in verb.children)


def _by_agent(verb: Token) -> tuple[Token, tuple[int, int]] | None:
    """A passive cue with its agent: who did it ('by the union') and what it was about (the subject)."""
    patients = [c for c in verb.children if c.dep_ == "nsubjpass"]
    agents = [o for c in verb.children if c.dep_ == "agent" for o in c.children if o.dep_ == "pobj"]
    if not patients or not agents:
        return None
    return agents[0], (patients[0].left_edge.idx, _end(patients[0].right_edge))


def _made_clear(verb: Token) -> tuple[int, tuple[int, int]] | None:
    """'made it clear that ...': where the cue ends and the 'that' clause."""
    clear = [c for c in verb.subtree if c.lower_ in {"clear", "plain", "known"} and c.i - verb.i <= 4 and c.i > verb.i]
    if not clear:
        return None
    clauses = [c for h in (verb, clear[0]) for c in h.children if c.dep_ in {"ccomp", "advcl"} and _that_marked(c)]
    if not clauses:
        return None
    return _end(clear[0]), (clauses[0].left_edge.idx, _end(clauses[0].right_edge))


def _said_in_order_to(verb: Token) -> bool:
    """'visited the studio to discuss his remarks', 'went on to praise': said, by the subject of the
    verb it hangs on, unless that verb is a cue itself ('plans to endorse' is the plan's)."""
    return (_lemma(verb) not in WEAK_CUES and verb.dep_ in {"advcl", "xcomp"}
            and _lemma(verb.head) not in INTENT_HEADS)


def _said(verb: Token) -> list[tuple[int, int]]:
    """The clause or object of a cue verb, as spans."""
    parts = [c for c in verb.children if c.dep_ in CLAUSE_DEPS and not _adverbial(c)] or _objects(verb)[0]
    return [(c.left_edge.idx, _end(c.right_edge)) for c in parts]


def _run_on(verb: Token, clause: Token) -> bool:
    """'He calls for X; she calls for Y': a clause after the verb's own object, or past a semicolon, is a
    clause of its own."""
    lo, hi = (clause.right_edge.i, verb.i) if clause.i < verb.i else (verb.i, clause.left_edge.i)
    if any(t.text == ";" for t in verb.doc[lo:hi]):
        return True
    return clause.dep_ == "parataxis" and clause.i > verb.i and any(
        c.dep_ in {"dobj", "prep"} and verb.i < c.i < clause.left_edge.i for c in verb.children)


def _evidential(verb: Token) -> list[tuple[int, int]]:
    """'Turnout seems to have fallen': the subject and the complement, as two pieces."""
    subjects = [c for c in verb.children if c.dep_ == "nsubj" and c.lower_ not in {"it", "there"}]
    complements = [c for c in verb.children if c.dep_ in {"xcomp", "acomp", "ccomp"}
                   or (c.dep_ == "prep" and c.lower_ == "like")]
    if not complements or any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return []
    return [(c.left_edge.idx, _end(c.right_edge)) for c in subjects[:1] + complements[:1]]


def _noun_attribution(noun: Token) -> tuple[Token, tuple[int, int], list[tuple[int, int]]] | None:
    """'Her support for the bill', 'the senator's claim that ...', 'his promise to cut taxes': the holder
    (a possessive), the noun (with its preposition) as the cue, and what it is about."""
    holders = [c for c in noun.children if c.dep_ == "poss"]
    if not holders:
        return None
    clauses = [c for c in noun.children if c.dep_ in {"acl", "ccomp"} and (_that_marked(c) or _infinitive(c))]
    if clauses:
        return holders[0], (noun.idx, _end(noun)), [(c.left_edge.idx, _end(c.right_edge)) for c in clauses[:1]]
    for prep in (c for c in noun.children if c.dep_ == "prep" and c.lower_ in NOUN_CONTENT_PREPS and c.i == noun.i + 1):
        objs = [c for c in prep.children if c.dep_ in {"pobj", "pcomp"}]
        if objs:
            return holders[0], (noun.idx, _end(prep)), [(objs[0].left_edge.idx, _end(objs[0].right_edge))]
    return None


def _prep_stance(verb: Token, lemma: str) -> tuple[int, list[tuple[int, int]]] | None:
    """'came out against the tax': where the cue ends (its preposition) and the preposition's object."""
    preps = PREP_STANCE_VERBS.get(lemma)
    if not preps or any(c.dep_ in {"dobj", "ccomp"} for c in verb.children):
        return None
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ in preps and c.i > verb.i):
        objs = [o for o in prep.children if o.dep_ in {"pobj", "pcomp"} and o.ent_type_ not in {"DATE", "TIME"}]
        if objs and prep.i - verb.i <= 3:
            return _end(prep), [(objs[0].left_edge.idx, _end(objs[0].right_edge))]
    return None


def _cast_as(verb: Token, lemma: str) -> tuple[int, list[tuple[int, int]]] | None:
    """'portrayed him as a reformer': the cue is the verb, the content the object through the 'as' phrase."""
    if lemma not in AS_CUES:
        return None
    objs = [c for c in verb.children if c.dep_ == "dobj"]
    as_ = [c for c in verb.children if c.dep_ == "prep" and c.lower_ == "as" and c.i > verb.i]
    if not objs or not as_ or not any(o.dep_ == "pobj" for o in as_[0].children):
        return None
    return _end(verb), [(objs[0].left_edge.idx, _end(as_[0].right_edge))]


def _stance(be: Token) -> tuple[int, list[tuple[int, int]]] | None:
    """'is skeptical of the plan', 'was convinced that ...': where the cue ends and what the stance is about."""
    for adj in (c for c in be.children if c.dep_ == "acomp" and c.lemma_.lower() in STANCE_ADJECTIVES):
        for c in adj.children:
            if c.dep_ == "prep" and c.lower_ in NOUN_CONTENT_PREPS:
                objs = [o for o in c.children if o.dep_ in {"pobj", "pcomp"}]
                if objs:
                    return _end(c), [(objs[0].left_edge.idx, _end(objs[0].right_edge))]
            if c.dep_ == "ccomp" and _starts_clause(c):
                return _end(adj), [(c.left_edge.idx, _end(c.right_edge))]
        clauses = [c for c in be.children if c.dep_ == "ccomp" and c.i > adj.i and _starts_clause(c)]
        if clauses:
            return _end(adj), [(clauses[0].left_edge.idx, _end(clauses[0].right_edge))]
    return None


def _likely_to_say(be: Token) -> tuple[int, list[tuple[int, int]]] | None:
    """'voters were more likely to say that ...', 'she is eager to praise the plan': 'be', an adjective of
    disposition and a cue verb in the infinitive: where the cue ends and what that verb says."""
    for adj in (c for c in be.children if c.dep_ == "acomp" and c.lemma_.lower() in DISPOSITION_ADJECTIVES):
        for verb in (c for c in adj.children if c.dep_ == "xcomp" and _infinitive(c) and _lemma(c) in INNER_CUES):
            said = _said(verb)
            if said:
                return _end(verb), said
    return None


def _saying_object(verb: Token) -> tuple[Token, list[tuple[int, int]]] | None:
    """'made several statements on the matter', 'sounded a cautious note about the report': the noun
    of saying and what it is about (its preposition's object or its 'that' clause)."""
    for noun in (c for c in verb.children if c.dep_ == "dobj" and c.lemma_.lower() in SAYING_NOUNS):
        for c in noun.children:
            if c.dep_ == "prep" and c.lower_ in NOUN_CONTENT_PREPS:
                objs = [o for o in c.children if o.dep_ in {"pobj", "pcomp"}]
                if objs:
                    return c, [(objs[0].left_edge.idx, _end(objs[0].right_edge))]
            if c.dep_ in {"acl", "ccomp"} and _has_that(c):
                return noun, [(c.left_edge.idx, _end(c.right_edge))]
    return None


def _said_object(verb: Token) -> tuple[int, int] | None:
    """What a cue verb with no clause names as said by its object: 'had said the same thing', 'told
    the tale of ...', a clause the parse took for an object ('says the movement [...] appeals to'),
    'said no', 'said so'. Not a person or a pronoun ('wrote it'), nor the listener of a verb of
    telling ('told reporters'), which names what was told only beside a listener ('told him a story')."""
    if _lemma(verb) in LISTENER_VERBS and not any(c.dep_ == "dative" for c in verb.children):
        return None
    for c in verb.children:
        if c.i < verb.i:
            continue
        if c.dep_ == "dobj" and c.pos_ != "PRON" and c.ent_type_ not in PEOPLE_TYPES:
            return c.left_edge.idx, _end(c.right_edge)
        if (c.dep_ == "intj" and c.lower_ in {"yes", "no"}) or (c.dep_ == "advmod" and c.lower_ == "so"
                                                                 and c.i == verb.i + 1):
            return c.idx, _end(c)
    return None


def _after_colon(verb: Token) -> tuple[int, int] | None:
    """'He said:' or 'She said the following:' ending its sentence: what follows, to the end of the next
    paragraph."""
    doc = verb.doc
    sent = verb.sent
    last = sent[-1]
    while last.i > sent.start and (last.is_space or last.text in OPENING):
        last = doc[last.i - 1]
    said_by = {verb.i} | {c.i for c in verb.children if c.dep_ == "dobj"}  # 'He said the following:'
    if last.text != ":" or last.head.i not in said_by or sent.end >= len(doc):
        return None
    text = doc.text
    start = _end(last)
    while start < len(text) and text[start].isspace():
        start += 1
    end = text.find("\n\n", start)
    return (start, len(text) if end == -1 else end)


def _around(head: Token, inner: Token) -> list[tuple[int, int]]:
    """The extent of ``head``'s phrase without ``inner``'s: up to two pieces, either side of it."""
    doc = head.doc
    pieces = [(head.left_edge.i, inner.left_edge.i), (inner.right_edge.i + 1, head.right_edge.i + 1)]
    return [(doc[a].idx, _end(doc[b - 1])) for a, b in pieces if b > a]


def _objects(verb: Token) -> tuple[list[Token], Token | None]:
    """What a stance verb is about: its object or complement ('called for the board to resign' parsed
    as a 'for' clause), or 'for'/'on' and its object."""
    objs = [c for c in verb.children if c.dep_ in {"dobj", "xcomp", "oprd"}
            or (c.dep_ == "advcl" and c.i > verb.i and _for_to(c))]
    preps = OBJECT_PREPS - {"to"} if _lemma(verb) in LISTENER_TO else OBJECT_PREPS
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ in preps and c.i > verb.i):
        pobj = [c for c in prep.children if c.dep_ in {"pobj", "pcomp"} and c.ent_type_ not in {"DATE", "TIME"}
                and c.lemma_.lower() not in NOT_ABOUT]
        if pobj:  # 'praised the union for its restraint': both the object and the reason
            return objs + pobj, (None if objs else prep)
    return objs, None


def _own_subject(verb: Token) -> Token | None:
    """The verb's subject; of two (a misparse: 'LONDON (Reuters) - Jane Doe said'), the nearest."""
    subjects = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
    return min(subjects, key=lambda c: abs(verb.i - c.i)) if subjects else None


def _subject(verb: Token) -> Token | None:
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
        if head.dep_ == "advcl" and _passive_participle(head):
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


def _as_put(verb: Token, lemma: str) -> bool:
    """'As one senator put it', 'as Reuters reported', 'as critics have pointed out': a cue that says
    nothing of its own here (no object, clause or listener: not 'as he urged voters to ...', which
    tells when), so what it says is the clause its 'as' hangs on."""
    if lemma in AS_PUT_CUES:
        return True
    return lemma in CUE_VERBS - WEAK_CUES and not any(
        c.dep_ in {"dobj", "ccomp", "xcomp", "dative", "auxpass"} for c in verb.children)


def _naming_participle(verb: Token) -> bool:
    """'a fund called Harbor', 'a rule known as X': a participle that names or describes its noun, with
    no one said to have done it (unlike 'a plan proposed by the mayor')."""
    return verb.dep_ == "acl" and verb.tag_ == "VBN" and not any(c.dep_ == "agent" for c in verb.children)


def _passive_participle(verb: Token) -> bool:
    """'Asked about ...', 'Pressed on ...': a past participle with no auxiliary of its own."""
    return verb.tag_ == "VBN" and not any(c.dep_ in {"aux", "auxpass"} for c in verb.children)


def _name_after(verb: Token) -> Token | None:
    """'..., said a White House official.' parsed with the speaker as the verb's object."""
    doc = verb.doc
    if verb.i + 1 >= len(doc) or verb.i == verb.sent.start or doc[verb.i - 1].text not in {",", "”", '"'}:
        return None
    if _lemma(verb) in LISTENER_VERBS:
        return None  # '..., tells the Daily Courier': who was told, not who spoke
    nxt = doc[verb.i + 1]
    head = nxt if nxt.head.i == verb.i else nxt.head
    if (head.head.i == verb.i and head.dep_ in {"dobj", "attr", "npadvmod", "dep", "appos"}
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
    if tok.pos_ not in {"PROPN", "NOUN", "PRON", "NUM"} or tok.dep_ not in {"appos", "conj", "npadvmod", "dep", "nummod"}:
        return None
    return tok


def _after_dateline(head: Token, start: int) -> int:
    """Where a source's noun phrase starts once a dateline parsed into it is left out: after a dash
    that follows a parenthesis or a word in capitals ('LONDON (Reuters) - Jane Doe', 'PARIS - ...')."""
    doc = head.doc
    dashes = [t for t in doc[head.left_edge.i:head.i] if t.text in DASHES and t.i > 0
              and (doc[t.i - 1].text == ")" or doc[t.i - 1].is_upper)]
    return _end(dashes[-1]) if dashes else start


def _cue_span(verb: Token) -> tuple[int, int]:
    """The cue verb with its auxiliaries, negation and particle when they are next to it."""
    lo = hi = verb.i
    extras = {c.i for c in verb.children if c.dep_ in CUE_EXTRAS}
    doc = verb.doc
    while lo - 1 in extras or (lo - 1 >= 0 and doc[lo - 1].dep_ == "advmod" and lo - 2 in extras):
        lo -= 1
    while hi + 1 in extras:
        hi += 1
    return doc[lo].idx, _end(doc[hi])


def _that_clause(verb: Token) -> bool:
    """Any verb with a subject and a 'that' clause reports what its subject holds ('X pointed out that')."""
    return (verb.pos_ == "VERB" and verb.lemma_.lower() != "be" and any(c.dep_ == "nsubj" for c in verb.children)
            and any(c.dep_ == "ccomp" and _has_that(c) for c in verb.children))


def _adverbial(clause: Token) -> bool:
    """'..., after the police had named him': a clause of time or cause, not what was said."""
    return any(c.dep_ == "mark" and c.lower_ not in {"that", "whether", "if"} and c.i == clause.left_edge.i
               for c in clause.children)


def _starts_clause(clause: Token) -> bool:
    return any(c.dep_ in CLAUSE_START_DEPS for c in clause.children)


def _kind(span: tuple[int, int], quotes: list[tuple[int, int]]) -> str:
    return "direct" if any(qs <= span[0] + 1 and span[1] - 1 <= qe for qs, qe in quotes) else "indirect"


def _inside(pos: int, quotes: list[tuple[int, int]]) -> tuple[int, int] | None:
    return next(((qs, qe) for qs, qe in quotes if qs < pos < qe), None)


def _grow_to_quotes(spans: list[tuple[int, int]], quotes: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Content that starts or ends inside a quotation takes the whole quotation (both marks)."""
    out = []
    for s, e in spans:
        for qs, qe in quotes:
            if qs <= s < qe or qs < e <= qe:
                s, e = min(s, qs), max(e, qe)
        out.append((s, e))
    return out


def _trim(text: str, s: int, e: int, edge: str = EDGE_PUNCT) -> tuple[int, int]:
    while s < e and text[s] in edge:
        s += 1
    while e > s and text[e - 1] in edge:
        e -= 1
    return s, e


def _end(tok: Token) -> int:
    return tok.idx + len(tok.text)


