"""Who a figure is about: a company, a person, a government, a place or a market index, by its
entity key, with how sure the finder is. The finders are tried in turn (``subject_of``); a firm
whose analysts judge the figure, or any other source of figures, is never its subject."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from newsgraph import lexicon
from newsgraph.model import ACTOR_TYPES, EntityType
from newsgraph.nlp.common import coref
from newsgraph.nlp.common.names import norm_name, strip_the
from newsgraph.nlp.common.spans import text_of
from newsgraph.nlp.entities.salience import main_company
from newsgraph.nlp.facts.analysts import analyst_firms
from newsgraph.nlp.facts.markets import market_subject
from newsgraph.nlp.facts.metrics import CHANGE_NOUNS, METRIC_SUBJECTS, PENALTY_VERBS, object_of_to, verb_lemma
from newsgraph.nlp.facts.owners import facility_owner, segment_meant, segment_owner
from newsgraph.nlp.facts.sources import ANALYST_PRONOUNS, CALL_NOUNS, JUDGE_NOUNS, consensus_owners, sources
from newsgraph.nlp.facts.units import UNIT_WORDS


SUBJECT_TYPES = ACTOR_TYPES | {EntityType.PLACE}
OBJECT_FIGURE_VERBS = PENALTY_VERBS | lexicon.words("facts.valued_verbs")  # the object's figure: fined, valued
SAY_VERBS = lexicon.words("facts.say_verbs")
SHARE_NOUNS = lexicon.words("facts.share_nouns")
COMPANY_PRONOUNS = lexicon.words("names.company_pronouns")  # 'it has plunged 42%'  # 'ACME's stock', 'ACME shares': a listed company's
# how sure a subject is, by the way it was found (the rest are the figure's own clause's: 1.0)
# (measured on the development sets, a fallback subject is about as often right as a parsed one:
# the figure's period and metric tell a weak candidate better, see component.weighed)
FIRST_COMPANY_CONFIDENCE = 0.95  # the first company its sentence names
JUST_NAMED_CONFIDENCE = 0.95  # the company named just before an ownerless 'Shares rose 2%'
TOPIC_CONFIDENCE = 0.9  # the company the article has named most so far


@dataclass(frozen=True)
class Subject:
    """Who a figure is about: an entity key, how sure the finder is, and the name to show when it is
    no entity of the article's (a market index named as a clause's subject)."""

    key: str
    confidence: float = 1.0
    name: str | None = None


def subject_of(span: Span, govs: list[Token], metric: str = "") -> Subject | None:
    """Who the figure is about, trying in turn: a name in its own noun phrase ('a 100% U.S.
    tariff', 'the Ford price target', 'its price target on Panasonic'); a name right before it in
    a gapped clause ('Toyota would own 60% and Panasonic 40%'); the subject of the clause above it
    ('It delivered ...', 'F stock has surged ...', 'the Dow index rose 1%'); who said it ('The
    closure affects 1,790 employees, the carmaker said'); the company that runs the site it is
    about; the first company the sentence names. A source of figures (an analyst, a broker, a data
    vendor: ``sources``) is never the subject; a clause whose own subject is a name nobody knows
    gives none (it is not the article's company's figure)."""
    doc = span.doc
    judges = analyst_firms(span.sent) | sources(doc)
    tallied = topic(span)  # 'the Acme consensus' is a vendor's, unless Acme is the company the article covers
    judges |= {k for k in consensus_owners(span.sent) if k != tallied}
    owner = _object_s_figure(span, govs)
    if owner and owner not in judges:
        return Subject(owner)
    if "price target" in metric or "target price" in metric or _analyst_s_call(span):  # the stock's, never the analyst's
        key = _subject_in_phrase(span, possessive=False)
        return Subject(key) if key and key not in judges else _fallback(span, judges)
    if metric.endswith(("rating", "ratings")):  # 'Ford has 2 Buy ratings', '14 rate it Buy'
        clause = _subject_of_clause(span)
        key = _subject_in_phrase(span, possessive=False) or (clause if clause not in judges else None)
        return Subject(key) if key and key not in judges else _fallback(span, judges)
    market = market_subject(span)
    if market is not None:
        return Subject(market[0], name=market[1]) if market[0] else None
    for finder in (_subject_in_phrase, _subject_gapped, _we_the_company, _subject_of_clause, _speaker,
                   facility_owner, _first_company):
        key = run_in_company(doc, finder(span))
        if key and key not in judges:
            return Subject(key, FIRST_COMPANY_CONFIDENCE if finder is _first_company else 1.0)
    if _clause_pronoun(span):  # 'it' taken for a source: the company the article covers
        return _fallback(span, judges)
    if _bare_metric_subject(span):  # 'Shares rose 2%': the company just named, else the article's
        key = _just_named(span, judges)
        return Subject(key, JUST_NAMED_CONFIDENCE) if key else _fallback(span, judges)
    if any(coref.key_at(doc, t.i) in judges for t in span.sent) or _judged_in_words(span):
        return _fallback(span, judges)  # 'compared with the consensus of $1.40': the covered company's
    return None


def written_name(doc: Doc, key: str) -> str | None:
    """The name the article gives a renamed company (one that no longer trades under a ticker it
    had): the former name it writes most ('Acme Energy' for the record's current 'Beta Energy'),
    when it never writes the current one; else the record's name. A brand ('Google' of Alphabet)
    is no former name."""
    entity = (doc._.entities or {}).get(key)
    if entity is None or not entity.former_tickers:
        return entity.name if entity else None
    first = (norm_name(entity.name).split() or [""])[0]
    text = text_of(doc)
    written = [strip_the(text[m.evidence.start:m.evidence.end]) for m in doc._.mentions or ()
               if m.entity_key == key]
    if any(first in norm_name(w).split() for w in written):
        return entity.name
    former = {norm_name(a) for a in entity.aliases}
    counts = Counter(w for w in written if norm_name(w) in former)
    return counts.most_common(1)[0][0] if counts else entity.name


def run_in_company(doc: Doc, key: str | None) -> str | None:
    """A place whose name ends with a company's ('North Acme' from a headline run into the first
    sentence: '... jobs in North America Acme will cut 1,400 jobs') is that company."""
    entity = (doc._.entities or {}).get(key or "")
    if entity is None or entity.type != EntityType.PLACE:
        return key
    words = norm_name(entity.name).split()
    text = text_of(doc)
    for m in doc._.mentions or ():
        other = (doc._.entities or {}).get(m.entity_key)
        if other is None or other.type != EntityType.COMPANY:
            continue
        written = norm_name(text[m.evidence.start:m.evidence.end]).split()
        if written and len(words) > len(written) and words[-len(written):] == written:
            return m.entity_key
    return key


def _fallback(span: Span, judges: set[str]) -> Subject | None:
    """The company the article has named most so far, its sources aside; else the one it is about."""
    key = topic(span, frozenset(judges))
    if key is None:
        main = main_company(span.doc)
        key = main.key if main is not None and main.key not in judges else None
    return Subject(key, TOPIC_CONFIDENCE) if key else None


def _analyst_s_call(span: Span) -> bool:
    """'his bull-case target is $227', 'her target for the stock': an analyst's own target or rating."""
    return any(t.lemma_.lower() in CALL_NOUNS and any(c.dep_ == "poss" and c.lower_ in ANALYST_PRONOUNS
                                                      for c in t.children) for t in span.sent)


def _judged_in_words(span: Span) -> bool:
    """The figure's sentence speaks of analysts or a consensus without naming them: 'Street consensus'."""
    return any(t.lemma_.lower() in JUDGE_NOUNS for t in span.sent)


def _clause_pronoun(span: Span) -> bool:
    """The figure's clause has a pronoun for its subject ('it has plunged 42%')."""
    tok = span.root
    for _ in range(8):
        subj = next((c for c in tok.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        if subj is not None:
            return subj.lower_ in COMPANY_PRONOUNS
        if tok.head.i == tok.i:
            return False
        tok = tok.head
    return False


def _bare_metric_subject(span: Span) -> bool:
    """'Revenue rose 4% to ...', 'Shares fell 3%': a clause about an unnamed owner's figure."""
    tok = span.root
    for _ in range(8):
        subj = next((c for c in tok.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        if subj is not None:
            return (subj.lemma_.lower() in METRIC_SUBJECTS or subj.lower_ in METRIC_SUBJECTS) and not any(c.dep_ == "poss" for c in subj.children)
        if tok.head.i == tok.i:
            return False
        tok = tok.head
    return False


def _object_s_figure(span: Span, govs: list[Token]) -> str | None:
    """'The regulator fined Acme £48m', 'the talks value Acme at $1bn': the figure is the object's (what the
    one fined pays, what the one valued is worth), not the subject's."""
    verb = next((g for g in govs if g.pos_ == "VERB"), None)
    if verb is None or verb_lemma(verb) not in OBJECT_FIGURE_VERBS:
        return None
    for obj in (c for c in verb.children if c.dep_ in {"dobj", "dative"} and c.i not in range(span.start, span.end)):
        key = coref.resolve(obj, SUBJECT_TYPES)
        if key:
            return key
    return None


def _just_named(span: Span, judges: set[str], reach: int = 12) -> str | None:
    """The company named in the few words before the figure's clause ('Acme\n\nShares rose 2%')."""
    doc = span.doc
    key_of = (doc._.key_of_token or {})
    for i in range(span.sent.start - 1, max(span.sent.start - reach, 0) - 1, -1):
        key = key_of.get(i)
        if key and key not in judges and coref.type_of(doc, key) == EntityType.COMPANY.value:
            return key
    return None


def topic(span: Span, skip: frozenset[str] = frozenset()) -> str | None:
    """The company the article has named most up to this figure (other than those in ``skip``)."""
    doc = span.doc
    skip = skip | sources(doc)
    entities = doc._.entities or {}
    companies = {k for k, e in entities.items() if e.type.value == EntityType.COMPANY.value} - skip
    counts: dict[str, int] = {}
    for i, key in (doc._.key_of_token or {}).items():
        if i < span.start and key in companies:
            counts[key] = counts.get(key, 0) + 1
    return max(counts, key=counts.get) if counts else None


def _phrase_nouns(span: Span) -> list[Token]:
    doc = span.doc
    nouns = [span.root.head] if span.root.dep_ in {"nummod", "compound", "quantmod", "amod"} else []
    if span.start > 1 and doc[span.start - 1].lower_ == "of":
        nouns.append(doc[span.start - 2])
    target = object_of_to(span)
    if target is not None:
        nouns.append(target)
    return [n for n in nouns if n.pos_ in {"NOUN", "PROPN"}]


def _subject_in_phrase(span: Span, possessive: bool = True) -> str | None:
    doc = span.doc
    if span[-1].text in {"%", "percent"} and span.end + 1 < len(doc) and doc[span.end].lower_ == "for":
        key = coref.key_at(doc, span.end + 1)  # '60% against 40% for Panasonic': a share and whose it is
        if key and coref.type_of(doc, key) in SUBJECT_TYPES:
            return key
    sentence_has_company = any(coref.type_of(doc, coref.key_at(doc, t.i)) == EntityType.COMPANY.value
                               for t in span.sent)
    for tok in _phrase_nouns(span):
        for child in sorted(tok.children, key=lambda c: c.dep_ != "prep"):
            if child.dep_ == "poss" and not possessive and child.pos_ == "PRON":
                continue
            if child.dep_ in {"compound", "poss"} and child.i not in range(span.start, span.end):
                key = coref.key_at(doc, child.i) or (coref.resolve(child, SUBJECT_TYPES) if child.dep_ == "poss" else None)
                kind = coref.type_of(doc, key)
                if kind == EntityType.PERSON.value and child.dep_ == "compound":
                    continue  # 'close 12 Castorama stores' with the brand read as a person: not whose they are
                if key and kind in SUBJECT_TYPES and (kind != EntityType.PLACE.value or not sentence_has_company
                                                      and not _regional(tok, child)):
                    return key
            if child.dep_ == "prep" and child.lower_ == "in" and tok.lemma_.lower() in CHANGE_NOUNS:
                for obj in (c for c in child.children if c.dep_ == "pobj"):  # 'growth in Acme's users'
                    owner = next((c for c in obj.children if c.dep_ == "poss"), obj)
                    key = coref.key_at(doc, owner.i)
                    if key and coref.type_of(doc, key) == EntityType.COMPANY.value:
                        return key
            if child.dep_ == "prep" and child.lower_ in {"on", "for"} and tok.lower_ not in UNIT_WORDS:
                # 'its price target on Panasonic'; not '2.95 euros on Nasdaq Helsinki', a market
                for obj in (c for c in child.children if c.dep_ == "pobj"):
                    key = coref.key_at(doc, obj.i)
                    if key and coref.type_of(doc, key) in SUBJECT_TYPES:
                        return key
    return None


def _subject_gapped(span: Span) -> str | None:
    doc = span.doc
    if span.start < 2:
        return None
    before = doc[span.start - 1]
    key = coref.key_at(doc, before.i)
    if key and coref.type_of(doc, key) == EntityType.COMPANY.value:
        ent_start = before.i
        while ent_start > 0 and coref.key_at(doc, ent_start - 1) == key:
            ent_start -= 1
        if ent_start > 0 and doc[ent_start - 1].lower_ in {"and", ",", "while", "whereas", "with"}:
            return key
    return None


def _we_the_company(span: Span) -> str | None:
    """'"We estimate the cost at $350 million," the chief executive said': 'we' in a quotation is the
    speaker's company, the one the article is about, not the speaker."""
    tok = span.root
    for _ in range(10):
        subj = next((c for c in tok.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        if subj is not None:
            return topic(span) if subj.lower_ == "we" else None
        if tok.head.i == tok.i:
            return None
        tok = tok.head
    return None


def _subject_of_clause(span: Span) -> str | None:
    doc = span.doc
    tok = span.root
    for _ in range(10):
        subjects = [c for c in tok.children if c.dep_ in {"nsubj", "nsubjpass"} and c.i not in range(span.start, span.end)]
        if subjects:  # more than one when the parse split a noun phrase: 'the premium(nsubj) Nio brand(nsubj)'
            return next(filter(None, map(_subject_named, subjects)), None)
        if tok.pos_ in {"VERB", "AUX"} and tok.dep_ == "conj":
            key = _name_before(tok)
            if key:
                return key
        if tok.head.i == tok.i or tok.dep_ in {"ccomp", "parataxis"}:
            return None
        tok = tok.head
    return None


def _subject_named(subj: Token) -> str | None:
    """The entity a clause's subject names: itself, or its 'ACME stock', 'Acme's share', 'Its shares';
    'Germany's largest chipmaker' is a company of Germany's, the one the article has been naming."""
    doc = subj.doc
    owner = segment_owner(subj)
    if owner:  # 'Media Networks, Acme's largest segment, ...'
        return owner
    if coref.is_company_noun(subj.lower_) and any(
            c.dep_ == "poss" and coref.type_of(doc, coref.key_at(doc, c.i)) == EntityType.PLACE.value
            for c in subj.children):
        key = coref.antecedent(subj, {EntityType.COMPANY.value})
        if key:
            return key
    key = coref.resolve(subj, SUBJECT_TYPES)
    if key and coref.type_of(doc, key) != EntityType.PLACE.value:
        return key
    for child in (c for c in subj.children if c.dep_ in {"poss", "compound"}):  # "the company's China sales"
        owner = coref.key_at(doc, child.i) or (coref.resolve(child, SUBJECT_TYPES) or segment_meant(child)
                                               if child.dep_ == "poss" else None)
        kind = coref.type_of(doc, owner)
        if owner and (kind == EntityType.COMPANY.value and child.dep_ == "poss" or kind == EntityType.OTHER.value
                      and subj.lemma_.lower() in SHARE_NOUNS):  # 'ACME's stock': whatever the NER took ACME for
            return owner
    if key and not any(_regional(subj, c) for c in subj.children if coref.key_at(doc, c.i) == key):
        return key  # a place: its own figure ('Chile's output'), not a company's in it ('U.S. sales')
    for child in subj.children:
        if child.dep_ not in {"compound", "poss", "nmod", "amod"}:
            continue
        key = coref.key_at(doc, child.i) or (
            coref.resolve(child, SUBJECT_TYPES) if child.dep_ == "poss" and child.pos_ == "PRON" else None)
        kind = coref.type_of(doc, key)
        if key and kind in SUBJECT_TYPES and not (kind == EntityType.PLACE.value and _regional(subj, child)):
            return key
    return None


def _regional(metric: Token, place: Token) -> bool:
    """'U.S. sales were up 5%': a company's figure in a market (a place written before its metric),
    not the place's own ('China's exports')."""
    return place.dep_ == "compound" and (metric.lemma_.lower() in METRIC_SUBJECTS or metric.lower_ in METRIC_SUBJECTS)


def _name_before(verb: Token) -> str | None:
    """The subject a parse lost from a conjoined verb: '... and Panasonic would hold 40%'."""
    doc = verb.doc
    i = verb.i - 1
    while i > 0 and doc[i].dep_ in {"aux", "neg", "advmod", "auxpass"}:
        i -= 1
    key = coref.key_at(doc, i)
    return key if key and coref.type_of(doc, key) in SUBJECT_TYPES and doc[i].dep_ != "nsubj" else None


def _speaker(span: Span) -> str | None:
    """The entity that says the clause holding the figure: '..., the company said'."""
    tok = span.root
    while tok.head.i != tok.i:
        if tok.dep_ in {"ccomp", "parataxis"} and tok.head.lemma_.lower() in SAY_VERBS:
            subj = next((c for c in tok.head.children if c.dep_ == "nsubj"), None)
            if subj is not None:
                key = coref.resolve(subj, {EntityType.COMPANY.value, EntityType.GOVERNMENT.value})
                if key:
                    return key
        tok = tok.head
    return None



def _first_company(span: Span) -> str | None:
    doc = span.doc
    for t in span.sent:
        key = coref.key_at(doc, t.i)
        if key and coref.type_of(doc, key) == EntityType.COMPANY.value and t.i < span.start:
            return key
    return None
