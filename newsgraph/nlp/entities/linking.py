"""A mention to its entity: the gazetteer entry a name, or the known name a longer span starts
with, stands for; proper nouns that answer a request for comment; a describing word cut from a name."""
from __future__ import annotations

from spacy.tokens import Doc, Span

from newsgraph import lexicon
from newsgraph.model import EntityType
from newsgraph.nlp.common.gazetteer import Gazetteer
from newsgraph.nlp.common.known_places import country_of_adjective
from newsgraph.nlp.common.names import GENERIC_NAME_WORDS, norm_name, strip_the
from newsgraph.nlp.entities.classify import HEADLINE_LABELS, RESPONSE_LEMMAS, classify, known_name, place_names

UNSURE_TYPES = {EntityType.COMPANY, EntityType.PRODUCT, EntityType.PERSON}  # what a headline span may hide
# Words that describe a company and open a sentence capitalised: 'Rival Acme Group said ...'.
DESCRIPTOR_WORDS = lexicon.words("names.descriptor_words")
ORGANISATION_VOICES = lexicon.words("names.organisation_voices")
ORGANISATION_TYPES = {EntityType.COMPANY, EntityType.OTHER}
VOICED_TYPES = UNSURE_TYPES | {EntityType.GOVERNMENT}
DESCRIBED_STATE_BODIES = lexicon.words("names.described_state_bodies")


def link(ent: Span, gazetteer: Gazetteer) -> tuple[Span, str, EntityType, str] | None:
    """(span, key, type, name) of a mention: the whole span, or the known name a longer span
    starts with, in a headline ('Acme Drops After Forecast') or before a verb or a word that
    is no name ('Acme is', 'Acme /'); None if not tracked."""
    typed = classify(ent, gazetteer)
    settled = typed and (typed[0].startswith(("gaz:", "outlet:")) or typed[1] not in UNSURE_TYPES)
    if settled or len(ent) < 2 or ent.label_ not in HEADLINE_LABELS:
        return (ent, *typed) if typed else None
    if ent[-1].lower_.strip(".") in GENERIC_NAME_WORDS:
        return (ent, *typed) if typed else None  # 'Acme Pacific Airways' is a name of its own
    in_headline = title_cased(ent.sent)
    for end in range(ent.end - 1, ent.start, -1):
        head = ent.doc[ent.start:end]
        rest = ent.doc[end]
        if not (in_headline or rest.pos_ in {"VERB", "AUX"} or rest.is_lower or rest.is_punct):
            continue  # outside a headline, 'Acme Capital' is a name of its own
        known = known_name(gazetteer, strip_the(head.text), "PERSON" if ent.label_ == "PERSON" else "ORG", alone=False,
                            places=place_names(ent.doc))
        if known:
            entry = gazetteer.get(known)
            if entry.type == EntityType.COMPANY:
                return Span(ent.doc, ent.start, end, label="ORG", kb_id=known), entry.key, entry.type, entry.name
    return (ent, *typed) if typed else None


def unlabelled_respondents(doc: Doc, found: list[tuple[Span, str, EntityType, str]], gazetteer: Gazetteer) -> list:
    """'Vantage Towers did not immediately respond to a request for comment' or 'a Zorbex spokesman
    said' with no name tagged: a proper noun that answers, or fails to answer, a request for comment,
    or that a spokesperson speaks for, is an organisation."""
    taken = {t.i for ent, *_ in found for t in ent}
    extra = []
    for name, voiced in _respondent_names(doc):
        if name.pos_ != "PROPN" or name.ent_type_ or name.i in taken or not name.text[:1].isupper():
            continue
        start = name.i
        while start > name.left_edge.i and doc[start - 1].dep_ == "compound" and doc[start - 1].pos_ == "PROPN" \
                and doc[start - 1].text[:1].isupper() and not doc[start - 1].ent_type_:
            start -= 1
        linked = link(Span(doc, start, name.i + 1, label="ORG"), gazetteer)
        if linked is None or linked[2] not in ORGANISATION_TYPES | (VOICED_TYPES if voiced else set()):
            continue
        span, key, etype, shown = linked
        if etype not in {EntityType.COMPANY, EntityType.GOVERNMENT}:  # spoken for: an organisation
            key = key.replace(etype.value, EntityType.COMPANY.value, 1) if key.startswith(f"{etype.value}:") else key
            etype = EntityType.COMPANY
        extra.append((span, key, etype, shown))
        taken.update(range(start, name.i + 1))
    return extra


def _respondent_names(doc: Doc):
    """(name token, spoken for): the subject of a verb of answering; the name a spokesperson noun
    written lower case carries before it ('a Zorbex spokesman', "Zorbex's rep") or after 'for'
    ('a spokesperson for Zorbex')."""
    for tok in doc:
        if tok.lemma_.lower() in RESPONSE_LEMMAS and tok.pos_ == "VERB":
            subj = next((c for c in tok.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
            if subj is not None:
                yield subj, False
        elif tok.lower_ in ORGANISATION_VOICES and tok.is_lower:
            yield from ((c, True) for c in tok.children if c.dep_ in {"compound", "poss"} and c.i < tok.i)
            yield from ((g, True) for c in tok.children if c.dep_ == "prep" and c.lower_ == "for"
                        for g in c.children if g.dep_ == "pobj")  # 'a spokesperson for Zorbex'



def split_names_joined(doc: Doc) -> None:
    """'MLB Advanced Media' tagged as 'MLB' and 'Media' with the capitalised word between left out: two
    organisation spans with only capitalised proper nouns between them are one name (not across a
    line, a comma or a conjunction, and not over a name the gazetteer preset)."""
    ents = list(doc.ents)
    out: list[Span] = []
    for ent in ents:
        prev = out[-1] if out else None
        if prev is not None and prev.label_ == ent.label_ == "ORG" and not prev.kb_id_ and not ent.kb_id_ \
                and 0 < ent.start - prev.end <= 2 and all(
                    t.pos_ == "PROPN" and t.is_title and not t.ent_type_ and t.whitespace_ == " "
                    for t in doc[prev.end:ent.start]) and prev[-1].whitespace_ == " " and prev.sent == ent.sent:
            out[-1] = Span(doc, prev.start, ent.end, label="ORG")
            continue
        out.append(ent)
    if len(out) != len(ents):
        doc.ents = out


def title_cased(sent: Span) -> bool:
    """A headline in title case ('Acme Drops After Forecast'), where the NER runs names on."""
    words = [t for t in sent if t.is_alpha and len(t) > 3]
    return len(words) >= 2 and sum(t.text[:1].isupper() for t in words) >= 0.75 * len(words)


def dedupe_tickers(tickers: tuple[str, ...]) -> tuple[str, ...]:
    """Keep one form per symbol, the one with an exchange where known."""
    best: dict[str, str] = {}
    for t in tickers:
        sym = t.split(":")[-1]
        if sym not in best or (":" in t and ":" not in best[sym]):
            best[sym] = t
    return tuple(best.values())


def without_descriptor(ent: Span) -> Span:
    """'Rival Insurance Australia Group said' opening a sentence: the NER took the capitalised word
    that describes the company ('Rival', 'Insurer', 'Parent') into its name."""
    first = ent[0]
    if ent.label_ == "ORG" and len(ent) >= 3 and first.is_sent_start and first.lower_ in DESCRIPTOR_WORDS \
            and ent[1].text[:1].isupper():
        return Span(ent.doc, ent.start + 1, ent.end, label=ent.label_, kb_id=ent.kb_id_)
    return ent


def described_bodies(doc: Doc, found: list[tuple[Span, str, EntityType, str]]) -> list:
    """'the Iraqi health ministry', 'a Peruvian embassy spokesman': a body of a state that the NER
    leaves untagged, written lower case after a national adjective (and words of what it deals
    with), is a government body of that name."""
    taken = {t.i for ent, *_ in found for t in ent}
    extra = []
    for tok in doc:
        if tok.lower_ not in DESCRIBED_STATE_BODIES or tok.i in taken:
            continue
        mods = [c for c in tok.children if c.i < tok.i and c.dep_ in {"amod", "compound"}]
        if not mods:
            continue
        span = doc[min(c.left_edge.i for c in mods):tok.i + 1]
        capitalised = next((n for n, t in enumerate(span) if not t.text[:1].isupper()), len(span))
        national, rest = span[:capitalised], span[capitalised:-1]
        if not national or any(t.i in taken for t in span) or not country_of_adjective(national.text) \
                or not all(t.is_lower and t.pos_ in {"NOUN", "ADJ"} for t in rest):
            continue
        extra.append((Span(doc, span.start, span.end, label="ORG"), f"{EntityType.GOVERNMENT.value}:{norm_name(span.text)}",
                      EntityType.GOVERNMENT, span.text))
        taken.update(t.i for t in span)
    return extra

