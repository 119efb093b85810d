"""Each party's response to a report: denied, confirmed, declined to comment, did not respond.

A response is a cue (a verb or phrase: 'denied', 'declined to comment', 'did not respond') whose
grammatical subject resolves to a party of the article (through coreference: 'a spokesperson for X',
'the company'). The words are in the lexicon (``responses.toml``, ``speech.speech_verbs``).
"""
from __future__ import annotations

import re

from spacy.tokens import Span, Token

from newsgraph import lexicon
from newsgraph.model import EntityType, Evidence, Response, ResponseKind
from newsgraph.nlp.attribution.quotes import extend_over_quote, statement_after, statement_end
from newsgraph.nlp.attribution.reports import REPORT_NOUNS
from newsgraph.nlp.attribution.requests import asked_without_answer
from newsgraph.nlp.attribution.verb_forms import (cannot, inverted_speaker, is_negated, neither_subject, not_yet,
                                                  passive, perfect)
from newsgraph.nlp.attribution import according
from newsgraph.nlp.attribution.cues import LIGHT_VERBS, SAYING_NOUNS
from newsgraph.nlp.attribution.parties import claim_agents, none_from, subject_parties
from newsgraph.nlp.common import coref
from newsgraph.nlp.common.spans import sentence_evidence, text_of

DENY_VERBS = lexicon.words("responses.deny_verbs")
CONFIRM_VERBS = lexicon.words("responses.confirm_verbs")
SPEECH_VERBS = lexicon.words("speech.speech_verbs")
CLAIM_NOUNS = according.CLAIM_NOUNS
LABEL_VERBS = lexicon.words("responses.label_verbs")
LABELLED_CLAIMS = lexicon.words("responses.labelled_claims")
COMMENT_VERBS = lexicon.words("responses.comment_verbs")
DECLINE_VERBS = lexicon.words("responses.decline_verbs")
NO_RESPONSE_VERBS = lexicon.words("responses.no_response_verbs")
BEFORE_AFTER = lexicon.words("responses.background_marks")
FALSE_WORDS = lexicon.pattern("responses.false_words", re.I)
# The talks said to be under way, at an early stage: a confirmation that they exist.
TALKS_UNDER_WAY = lexicon.pattern("responses.talks_under_way", re.I)
NEGATED_DEALINGS = lexicon.pattern("responses.negated_dealings", re.I)
NOT_COMMENT_ON = lexicon.pattern("responses.not_comment_on", re.I)
NO_COMMENT_CLAUSE = re.compile("(?:" + NOT_COMMENT_ON.pattern + ")"  # '... further until talks end'
                               + lexicon.pattern("responses.no_comment_tail").pattern, re.I)
# A party's own word that talks it was asked about exist, beyond 'is in talks': 'it had agreed to
# negotiate exclusively', 'we are in exclusive talks', 'it has entered advanced negotiations'.
IN_TALKS = lexicon.pattern("responses.in_talks", re.I)
WISHES = lexicon.pattern("responses.wishes", re.I)
NO_MORE = lexicon.pattern("responses.no_more", re.I)  # 'will not comment further'
NON_ANSWERS = lexicon.pattern("responses.non_answers", re.I)
WILLING_VERBS = lexicon.words("responses.willing_verbs")
DISCLOSE_VERBS = lexicon.words("responses.disclose_verbs")
DISCLOSED_NOUNS = lexicon.words("responses.disclosed_nouns")
PAST_MARKS = lexicon.pattern("responses.past_marks", re.I)
ANSWER_NOUNS = lexicon.words("responses.answer_nouns")
SILENT_ANSWER_NOUNS = lexicon.words("responses.silent_answer_nouns")
REFERRED_OBJECTS = lexicon.words("responses.referred_objects")
NO_WORDS = lexicon.words("responses.no_words")
UNREALISED_VERBS = lexicon.words("responses.unrealised_verbs")
NOT_YET_ADJECTIVES = lexicon.words("responses.not_yet_adjectives")
ANNOUNCE_VERBS = lexicon.words("responses.announce_verbs")
NOT_DONE_AUX = lexicon.words("responses.not_done_aux")
PUBLISH_VERBS = lexicon.words("responses.publish_verbs")
ANSWER_NOUN_KINDS = lexicon.table("responses.answer_noun_kinds")
REST_VERBS = lexicon.words("responses.rest_verbs")
DENYING_PHRASALS = {tuple(p.split()) for p in lexicon.words("responses.denying_phrasals")}
NOT_YET_WORDS = lexicon.pattern("responses.not_yet_words", re.I)
QUOTE_MARKS = re.compile("[\"\u201c\u201d]")
CLAUSE_DEPS = {"ccomp", "xcomp", "advcl"}
CONTENT_DEPS = CLAUSE_DEPS | {"dobj", "parataxis"}  # what a speech verb reports
CUE_POS = {"VERB", "AUX", "ADJ"}  # the parts of speech of a verb or adjective cue


def strongest(responses: list[Response], text: str) -> list[Response]:
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


def sentence_responses(sent: Span, article_id: str, quotes: list[tuple[int, int]],
                       speakers: dict[str, str] | None = None):
    """(party key, kind, evidence, cue token, confidence) for each response cue in a sentence.
    ``speakers``: the organisation each person speaks for (``speaks_for.spokespeople``)."""
    found: list[tuple[str, ResponseKind, Evidence, Token, float]] = []
    evidence = None  # built on the first cue: most sentences have none
    for tok in sent:
        kind = cue_kind(tok, sent, quotes)
        if kind is None or _told_as_before(tok) or _unanswered(tok, sent):
            continue
        for party in subject_parties(tok, speakers or {}, denial=kind == ResponseKind.DENIED):
            evidence = evidence or sentence_evidence(sent, article_id, statement_end(sent, quotes))
            found.append((party, kind, evidence, tok, confidence_of(party, sent) * (EARLIER if _said_earlier(tok) else 1)
                          * (ANNOUNCED if tok.lemma_.lower() in ANNOUNCE_VERBS else 1)))
    return found


# How sure a response is, by how its party was found: named in the sentence, or only through a pronoun
# or a description ('the company', 'he') resolved to an earlier sentence; a person (who may speak for
# themselves or for someone the text does not name) is less sure than an organisation.
NAMED, RESOLVED, PERSON_FACTOR = 0.95, 0.75, 0.8
EARLIER = 0.5  # what a party 'had said' before: often an answer to an earlier matter
# an announcement confirms the claim only when it tells the story's event (companies announce much
# else): below the threshold until the story raises it (``reconcile.responses.telling_the_event``)
ANNOUNCED = 0.45


def _said_earlier(cue: Token) -> bool:
    """'the ministry had said it did not comment': a speech verb in the past perfect over the cue."""
    for tok in (cue, cue.head, cue.head.head):
        if tok.lemma_.lower() in SPEECH_VERBS - NO_RESPONSE_VERBS and any(
                c.dep_ == "aux" and c.lower_ in {"had", "'d"} for c in tok.children):
            return True
    return False


def confidence_of(party: str, sent: Span) -> float:
    doc = sent.doc
    named = any(coref.key_at(doc, t.i) == party for t in sent)
    person = coref.type_of(doc, party) == EntityType.PERSON.value
    return (NAMED if named else RESOLVED) * (PERSON_FACTOR if person else 1.0)


def cue_kind(tok: Token, sent: Span, quotes: list[tuple[int, int]]) -> ResponseKind | None:
    lower = tok.lower_
    if tok.pos_ not in CUE_POS and lower != "according" and lower not in ANSWER_NOUNS:
        return None  # the cheap test first: it rejects most tokens of a sentence
    if lower in ANSWER_NOUNS and none_from(tok):  # 'there has been no comment from Acme'
        silent = lower in SILENT_ANSWER_NOUNS or NOT_YET_WORDS.search(sent.text)  # 'no word from Acme'
        return ResponseKind.DID_NOT_RESPOND if silent else ResponseKind.DECLINED_TO_COMMENT
    if according.source_of(tok) is not None:  # 'the rumour is not true, according to the university'
        return ResponseKind.DENIED if according.calls_claim_false(tok) else None
    if tok.pos_ not in CUE_POS:
        return None
    lemma = tok.lemma_.lower()
    negated = is_negated(tok) or neither_subject(tok)  # 'Neither Acme nor Beta wanted to comment'
    if lemma in DENY_VERBS | CONFIRM_VERBS and _neither(tok):  # 'did not confirm or deny the report'
        if lemma not in CONFIRM_VERBS:
            return None
        return ResponseKind.DID_NOT_RESPOND if not_yet(tok) else ResponseKind.DECLINED_TO_COMMENT
    if lemma == "rule" and any(c.dep_ == "prt" and c.lower_ == "out" for c in tok.children) and not negated:
        return ResponseKind.DENIED  # 'the department has ruled out the presence of the virus'
    if not negated and _answer_given(tok) is not None:  # 'tweeted a denial', 'put the rumours to rest'
        return _answer_given(tok)
    if lemma in CONFIRM_VERBS and negated and not passive(tok) and tok.pos_ != "ADJ" and (
            _about_claim(tok) or cannot(tok) or _the_thing_said(tok)):
        # 'could not confirm the deaths': whatever it names, a confirmation one cannot give is about the claim;
        # 'has not confirmed': no answer yet; 'is not confirming anything': a refusal
        return ResponseKind.DID_NOT_RESPOND if not_yet(tok) or perfect(tok) else ResponseKind.DECLINED_TO_COMMENT
    if lemma in DENY_VERBS | CONFIRM_VERBS and not negated and claim_agents(tok):  # 'reports were denied by Iraq'
        return ResponseKind.DENIED if lemma in DENY_VERBS else ResponseKind.CONFIRMED
    if lemma in DENY_VERBS | CONFIRM_VERBS and (_checked_with(tok) or lemma in DENY_VERBS and negated):
        return None  # 'confirmed it with officials' checks, 'a rumour he hasn't denied' answers nothing
    if lemma in DENY_VERBS and tok.dep_ != "amod" and not passive(tok) and _about_claim(tok):
        return ResponseKind.DENIED
    if lemma in CONFIRM_VERBS and not negated and not passive(tok) and _about_claim(tok):
        # 'confirmed that there is no truth to the claims', 'confirmed that the man is not Acme's CEO': a denial
        if NON_ANSWERS.search(_confirmed_words(tok)):  # 'confirmed it had received no confirmation': none
            return ResponseKind.DECLINED_TO_COMMENT
        denies = FALSE_WORDS.search(_confirmed_words(tok)) or _negated_clause(tok) or _no_after(tok, sent)
        return ResponseKind.DENIED if denies else ResponseKind.CONFIRMED
    if lemma in ANNOUNCE_VERBS and not negated and tok.tag_ in {"VBD", "VBN"} and not passive(tok) and not any(
            c.dep_ == "aux" and c.lower_ in NOT_DONE_AUX for c in tok.children) and any(
            c.dep_ in {"ccomp", "xcomp"} for c in tok.children):
        return ResponseKind.CONFIRMED  # 'announced it plans to open a store': sure only if the story is that
    if lemma in DECLINE_VERBS and any(
            c.lemma_.lower() in COMMENT_VERBS for c in tok.children if c.dep_ in {"xcomp", "dobj"}):
        return ResponseKind.DECLINED_TO_COMMENT
    if lemma in WILLING_VERBS and negated and any(
            c.lemma_.lower() in COMMENT_VERBS for c in tok.children if c.dep_ == "xcomp"):
        return ResponseKind.DECLINED_TO_COMMENT
    if lemma == "comment" and negated:  # 'has not commented', 'did not immediately comment': silence so far
        return ResponseKind.DID_NOT_RESPOND if not_yet(tok) or perfect(tok) else ResponseKind.DECLINED_TO_COMMENT
    comments = [c for c in tok.children if c.dep_ == "dobj" and c.lemma_.lower() == "comment"
                and (negated or any(d.lower_ == "no" for d in c.children))] if lemma == "have" else []
    if comments:  # 'had no comment'; 'had no immediate comment': none so far
        return ResponseKind.DID_NOT_RESPOND if any(d.lower_ in NOT_YET_ADJECTIVES for d in comments[0].children) \
            else ResponseKind.DECLINED_TO_COMMENT
    if lemma in DISCLOSE_VERBS and (negated or any(d.lower_ == "no" for c in tok.children for d in c.children)) and any(
            c.lemma_.lower() in DISCLOSED_NOUNS or c.lower_ in DISCLOSED_NOUNS for c in tok.children if c.dep_ == "dobj"):
        return ResponseKind.DECLINED_TO_COMMENT  # 'is not providing details', 'gave no details'
    if lemma == "refer" and not negated and _referred_elsewhere(tok):
        return ResponseKind.DECLINED_TO_COMMENT  # 'referred questions to the ministry'
    if asked_without_answer(tok, lemma, sent):
        return ResponseKind.DID_NOT_RESPOND  # 'we reached out to Acme and will update when we hear back'
    if negated and lemma in NO_RESPONSE_VERBS:
        return ResponseKind.DID_NOT_RESPOND
    if negated and lemma == "reach" and passive(tok):
        return ResponseKind.DID_NOT_RESPOND
    if negated and lemma == "available" and "comment" in sent.text.lower():
        return ResponseKind.DID_NOT_RESPOND
    if lemma in LABEL_VERBS and any(c.lemma_.lower() in REPORT_NOUNS | LABELLED_CLAIMS for c in _labelled(tok)):
        # 'called the report speculative', 'described as "rubbish" a report that ...'
        if FALSE_WORDS.search(sent.doc[tok.i:tok.right_edge.i + 1].text):
            return ResponseKind.DENIED
    if (lemma in SPEECH_VERBS or _gives_statement(tok)) and tok.pos_ == "VERB":
        content = QUOTE_MARKS.sub("", _content_text(tok, sent, quotes))
        if NON_ANSWERS.search(content):  # 'has not announced any plans': neither yes nor no
            return ResponseKind.DECLINED_TO_COMMENT
        rest = WISHES.sub(" ", NO_COMMENT_CLAUSE.sub(" ", content))  # 'does not comment on talks', 'I hope it is not true'
        if FALSE_WORDS.search(rest) or NEGATED_DEALINGS.search(rest):
            return ResponseKind.DENIED
        if NOT_COMMENT_ON.search(content):
            return ResponseKind.DECLINED_TO_COMMENT
        if (TALKS_UNDER_WAY.search(content) or IN_TALKS.search(rest)) and not negated:
            return ResponseKind.CONFIRMED
    return None


def _answer_given(verb: Token) -> ResponseKind | None:
    """An answer given as a noun or an idiom: 'issued a denial', 'tweeted a confirmation' (a verb of
    giving or publishing with an answer noun as its object), 'put the rumours to rest', 'shot down
    the report' (a claim noun as the object)."""
    lemma = verb.lemma_.lower()
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    if lemma in LIGHT_VERBS | PUBLISH_VERBS:
        kinds = [ANSWER_NOUN_KINDS[o.lemma_.lower()] for o in objects if o.lemma_.lower() in ANSWER_NOUN_KINDS]
        if kinds:
            return ResponseKind(kinds[0])
    claims = [o for o in objects if o.lemma_.lower() in CLAIM_NOUNS and o.pos_ == "NOUN"]
    if not claims:
        return None
    if lemma in REST_VERBS and any(t.lower_ == "rest" and t.i > 0 and t.doc[t.i - 1].lower_ == "to"
                                   for t in verb.subtree):  # 'to rest' as a phrase or as an infinitive
        return ResponseKind.DENIED
    if (lemma, next((c.lower_ for c in verb.children if c.dep_ == "prt"), "")) in DENYING_PHRASALS:
        return ResponseKind.DENIED
    return None


def _labelled(verb: Token) -> list[Token]:
    """What a verb of labelling labels: its object, or the noun the parser hung on 'as' when the
    label comes first ('described as "rubbish" a report')."""
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    return objects or [g for c in verb.children if c.dep_ == "prep" and c.lower_ == "as"
                       for g in c.subtree if g.dep_ in {"pobj", "dobj"} and g.head.i in {c.i, *(t.i for t in c.children)}]


def _gives_statement(verb: Token) -> bool:
    """'offered this statement:', 'sent the following': a light verb whose object is what was said."""
    return verb.lemma_.lower() in LIGHT_VERBS and any(
        c.dep_ == "dobj" and (c.lemma_.lower() in SAYING_NOUNS or c.lower_ == "following") for c in verb.children)


def _unanswered(cue: Token, sent: Span) -> bool:
    """A cue that reports no answer given: in a question ('will Acme deny -- or confirm?'), in a hope
    or an attempt ('let's hope Acme jumps in to deny', 'is trying to confirm reports'), or said of
    nobody ('no official has confirmed the claim')."""
    if sent.text.rstrip(" \"'”’)").endswith("?"):
        return True
    head = cue
    for _ in range(4):  # up the chain of clauses the cue hangs in
        if head.dep_ not in {"xcomp", "advcl", "ccomp", "conj"} or head.head.i == head.i:
            break
        head = head.head
        if head.lemma_.lower() in UNREALISED_VERBS:
            return True
    subjects = [c for c in cue.children if c.dep_ in {"nsubj", "nsubjpass"}]
    return any(d.dep_ == "det" and d.lower_ == "no" for s in subjects for d in s.children)


def _referred_elsewhere(verb: Token) -> bool:
    """'referred questions to the ministry', 'referred Acme News to its parent': the asker or the
    question handed on to someone else ('to' with a named or described receiver), not an answer."""
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    to = [c for h in [verb, *objects] for c in h.children if c.dep_ == "prep" and c.lower_ == "to" and any(
        g.dep_ == "pobj" for g in c.children)]
    return bool(objects and to) and any(
        o.lower_ in REFERRED_OBJECTS or o.lemma_.lower() in REFERRED_OBJECTS
        or coref.type_of(o.doc, coref.key_at(o.doc, o.i)) == EntityType.OUTLET.value for o in objects)


def _told_as_before(cue: Token) -> bool:
    """'confirmed the talks, a week after it called the report baseless': a cue in a clause of what
    came before or after the news is background, not a response; so is one timed 'at the time' or
    'previously' (an answer to an earlier matter)."""
    clause = cue
    while clause.dep_ in {"xcomp", "conj"} and clause.head.i != clause.i:
        clause = clause.head
    own = cue.doc[min(cue.left_edge.i, clause.i):cue.right_edge.i + 1]  # the cue's own clause, not the sentence
    if PAST_MARKS.search(own.text):
        return True
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


def _confirmed_words(tok: Token) -> str:
    """What a confirmation says, without what it says came before or after ('confirmed the talks, a
    week after it called the report baseless')."""
    background = {t.i for c in tok.subtree if c.dep_ == "advcl" and any(
        m.dep_ == "mark" and m.lower_ in BEFORE_AFTER for m in c.children) for t in c.subtree}
    return " ".join(t.text for c in tok.children if c.dep_ in {"ccomp", "dobj"}
                    for t in c.subtree if t.i not in background)


def _checked_with(tok: Token) -> bool:
    """'said he confirmed it with officials': a check with someone, not an answer."""
    return any(c.dep_ == "prep" and c.lower_ == "with" for c in tok.children)


def _negated_clause(tok: Token) -> bool:
    """'confirmed that the man is not its chief executive': the confirmed clause is negated."""
    clause = next((c for c in tok.children if c.dep_ == "ccomp" and c.i > tok.i), None)
    return clause is not None and any(d.dep_ == "neg" for d in clause.children)


def _no_after(tok: Token, sent: Span) -> bool:
    """'Acme confirmed it. Not happening.': what was confirmed is only 'it', and the next sentence,
    a fragment with no finite verb, says no."""
    if any(c.dep_ in {"ccomp", "xcomp"} for c in tok.children) or any(
            c.dep_ == "dobj" and c.pos_ != "PRON" for c in tok.children):
        return False
    doc = sent.doc
    after = doc[sent.end:sent.end + 6]
    nxt = after[0].sent if len(after) else None
    if nxt is None or nxt.start != sent.end or len([t for t in nxt if not t.is_punct]) > 4:
        return False
    finite = any(t.tag_ in {"VBD", "VBZ", "VBP", "MD"} or t.dep_ == "aux" for t in nxt)
    return not finite and nxt[0].lower_ in NO_WORDS


def _the_thing_said(tok: Token) -> bool:
    """'did not confirm the death', 'has not confirmed the birth': a confirmation withheld of a thing
    named with 'the', one the reader already knows of: in a news article, the reported matter."""
    return any(c.dep_ == "dobj" and c.pos_ == "NOUN" and [d.lower_ for d in c.children if d.dep_ == "det"] == ["the"]
               for c in tok.children)


def _about_claim(tok: Token) -> bool:
    """A denial or confirmation of something said: a claim noun, a clause, or nothing named; not
    one that is only asked for or possible ('could be required to confirm whether it ...')."""
    clauses = [c for c in tok.children if c.dep_ in {"ccomp", "advcl"}]
    if any(m.lower_ in {"whether", "if"} for c in clauses for m in c.children if m.dep_ == "mark"):
        return False
    speaker = inverted_speaker(tok)  # '..., confirmed Jane Roe': who confirms, not what
    objects = [c for c in tok.children if c.dep_ in {"dobj", "attr"} and c != speaker]
    if not objects:
        return True
    return any(o.lemma_.lower() in CLAIM_NOUNS or o.lower_ in CLAIM_NOUNS for o in objects)


def _content_text(tok: Token, sent: Span, quotes: list[tuple[int, int]]) -> str:
    """What a speech verb reports: its clause, any quotation in the sentence, or the statement that
    its colon introduces ('In a statement, Roe said:' and the statement as the next paragraph)."""
    parts = [c for c in tok.children if c.dep_ in CONTENT_DEPS]
    text = "; ".join(sent.doc[p.left_edge.i:p.right_edge.i + 1].text for p in parts)  # one clause, then the next
    statement = statement_after(sent) if not parts else None
    if statement is not None:
        return statement.text
    end = extend_over_quote(sent, quotes)
    inside = [(qs, qe) for qs, qe in quotes if sent.start_char <= qs < end]
    if inside:
        doc_text = text_of(sent.doc)
        text += "".join("; " + doc_text[qs:qe] for qs, qe in inside)
    return text
