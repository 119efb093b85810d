"""What kind of entity a name is: a gazetteer entry, or a company, government body, outlet, place,
person or product by the NER's label and the words in and around the name."""
from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from newsgraph import lexicon
from newsgraph.clean.metadata import OUTLET_WORDS
from newsgraph.model import EntityType
from newsgraph.nlp.common.coref import COMPANY_NOUNS
from newsgraph.nlp.common.gazetteer import COMMON_ACRONYMS, Gazetteer
from newsgraph.nlp.common.known_places import is_country, is_known_place
from newsgraph.nlp.common.names import legal_core, norm_name, strip_the
from newsgraph.nlp.common.spans import text_of

GOVERNMENT_WORDS = lexicon.pattern("names.government_words", re.I)
PUBLIC_BODY_ACRONYMS = lexicon.words("names.public_body_acronyms")  # 'NASA', 'the SEC': public bodies
# The last word of a site's name: the NER often labels airports, stations and venues as organisations.
FACILITY_WORDS = lexicon.pattern("names.facility_words", re.I)
STREET_WORDS = lexicon.words("names.street_words")  # 'Rogers Road' is a street, whatever a gazetteer says of 'Rogers'
MARKET_WORDS = lexicon.pattern("markets.market_words", re.I)
# An index or exchange named alone ('the Dow rose'), never the listed company of the same name.
MARKET_NAMES = lexicon.pattern("markets.market_names", re.I)
WEB_DOMAIN = lexicon.pattern("names.web_domains")  # 'MarketWatch.com' is an outlet
LETTER = re.compile(r"[A-Za-z]")
# Verbs of answering a request for comment: their proper-noun subject is an organisation ('Acme
# declined to comment', 'Acme did not return calls', 'Acme could not be reached').
RESPONSE_LEMMAS = lexicon.words("names.respondent_verbs")
STATEMENT_VERBS = lexicon.words("speech.light_verbs")  # 'issued a statement', 'offered this statement'
STATEMENT_NOUNS = lexicon.words("responses.answer_nouns")
# Labels under which the statistical NER may carry a known name, often with words after it in a
# headline ('Acme Drops After Forecast'): the name it starts with is linked.
HEADLINE_LABELS = {"ORG", "PERSON", "PRODUCT", "WORK_OF_ART"}
NAME_LABELS = HEADLINE_LABELS | {"FAC", "NORP", "GPE", "LOC"}  # labels under which the NER may carry a known name
# Analysts' verdicts ('two Buys', 'a Moderate Buy consensus') and amounts ('448bn') are no names.
NOT_A_NAME = lexicon.pattern("names.not_a_name", re.I)
# Nouns that say what a name is when they stand right before or after it: 'lithium producer SQM',
# 'the El Mercurio newspaper', 'Codelco, the state copper miner,'.
MEDIA_NOUNS = lexicon.words("names.media_nouns")
COMPANY_DESCRIPTORS = COMPANY_NOUNS - lexicon.words("names.not_descriptors")
ORG_ONLY_DESCRIPTORS = lexicon.words("names.org_only_descriptors")  # also said of people


def classify(ent: Span, gazetteer: Gazetteer) -> tuple[str, EntityType, str] | None:
    """(key, type, display name) of a mention, or None for what we do not track."""
    text = strip_the(ent.text.strip())
    if MARKET_NAMES.match(text):
        return f"{EntityType.OTHER.value}:{norm_name(text)}", EntityType.OTHER, text
    after = ent.doc[ent.end] if ent.end < len(ent.doc) else None
    if after is not None and after.lower_ in STREET_WORDS and after.text[:1].isupper() and after.pos_ == "PROPN":
        return f"{EntityType.PLACE.value}:{norm_name(text)} {after.lower_}", EntityType.PLACE, f"{text} {after.text}"  # 'Rogers Road'
    if ent.kb_id_:
        entry = gazetteer.get(ent.kb_id_)
        if entry:
            return entry.key, entry.type, entry.name
    if not text or not LETTER.search(text) or NOT_A_NAME.fullmatch(text):
        return None  # 'Buys', 'Moderate Buy', '448bn': analysts' verdicts and amounts the NER took for names
    start, end = (ent.doc._.dateline or (0, 0))
    if ent.end_char <= end and not text_of(ent.doc)[start:ent.start_char].strip():
        return f"{EntityType.PLACE.value}:{norm_name(text)}", EntityType.PLACE, text  # 'ZURICH, Sept 14 -'
    own_outlet = ent.doc._.outlet
    if own_outlet and norm_name(text) == norm_name(own_outlet):  # 'told NordBeat' in NordBeat's own article
        return "outlet:" + norm_name(text).replace(" ", "-"), EntityType.OUTLET, text
    label = ent.label_
    if label in NAME_LABELS:
        known = known_name(gazetteer, text, label, places=place_names(ent.doc))
        if known:
            entry = gazetteer.get(known)
            return entry.key, entry.type, entry.name
    if text in PUBLIC_BODY_ACRONYMS and label in NAME_LABELS:
        return f"{EntityType.GOVERNMENT.value}:{norm_name(text)}", EntityType.GOVERNMENT, text
    if label == "ORG":
        has_ticker = (ent.start, ent.end) in (ent.doc._.ticker_links or {})
        if GOVERNMENT_WORDS.search(text.split()[-1]) and not MARKET_NAMES.match(text):
            etype = EntityType.GOVERNMENT  # 'Securities and Exchange Commission': a body, not an exchange
        elif MARKET_WORDS.search(text) or (text.isupper() and len(text) <= 4 and not has_ticker
                                         and not answers(ent)) or text.upper() in COMMON_ACRONYMS:
            etype = EntityType.OTHER  # an exchange, or an acronym like 'EV', 'AI', 'MAX', 'YoY'
        elif GOVERNMENT_WORDS.search(text):
            etype = EntityType.GOVERNMENT
        elif FACILITY_WORDS.search(text):
            etype = EntityType.PLACE  # 'PHL Airport', 'Union Station': a site, not its operator
        elif OUTLET_WORDS.search(text) or WEB_DOMAIN.search(text):
            etype = EntityType.OUTLET
        else:
            etype = EntityType.COMPANY
    elif label == "PERSON":
        etype = EntityType.PLACE if is_country(text) else EntityType.PERSON  # 'Chile said' read as a person
    elif label == "GPE" and acts_as_party(ent) and not is_known_place(text):
        etype = EntityType.COMPANY  # 'Codelco said ...', 'talks with Codelco': no place anyone knows
    elif label in {"GPE", "LOC"}:
        etype = EntityType.PLACE
    elif label == "PRODUCT":
        etype = EntityType.PRODUCT
    else:
        return None
    etype = described_as(ent) or etype
    name = legal_core(text) if etype == EntityType.COMPANY else text
    return f"{etype.value}:{norm_name(name)}", etype, name



def known_name(gazetteer: Gazetteer, text: str, label: str, alone: bool = True,
               places: frozenset[str] = frozenset()) -> str | None:
    """The gazetteer key for a name as the NER labelled it: an alias, or for an organisation
    one distinctive word of a company's name ('Disney'); a first word that only the names
    ending in generic words share ('Ford' of 'Ford Motor', 'General' of 'General Motors') only
    when the NER took that word alone, not as the start of a longer name ('General Electric'); no
    single word that the article names as a place ('Connecticut')."""
    known = gazetteer.lookup(text) or (gazetteer.lookup_core(text) if " " in text else None)
    if known or label != "ORG" or text in places:
        return known
    return gazetteer.lookup_word(text) or (gazetteer.lookup_prefix(text) if alone else None)


def answers(ent: Span) -> bool:
    """The name speaks or answers a request for comment: 'KT said', 'KT did not return calls'."""
    root = ent.root
    verb = root.head
    if root.dep_ not in {"nsubj", "nsubjpass"}:
        return False
    return verb.lemma_.lower() in RESPONSE_LEMMAS | {"say", "tell"} or (  # 'KT offered this statement'
        verb.lemma_.lower() in STATEMENT_VERBS and any(c.dep_ == "dobj" and c.lemma_.lower() in STATEMENT_NOUNS
                                                       for c in verb.children))


def acts_as_party(ent: Span) -> bool:
    """The name is the subject of a verb or the partner in 'with X' / 'between X and Y'."""
    root = ent.root
    if root.dep_ in {"nsubj", "nsubjpass"} and root.head.pos_ in {"VERB", "AUX"}:
        return True
    head = root.head if root.dep_ != "conj" else root.head.head
    return root.dep_ in {"pobj", "conj"} and head.lower_ in {"with", "between"}


def one_type_per_name(found: list[tuple[Span, str, EntityType, str]]) -> list[tuple[Span, str, EntityType, str]]:
    """A name the article once describes as a company or an outlet ('state miner Codelco') is that
    wherever the NER took it for a place, a person or something else."""
    described: dict[str, tuple[str, EntityType]] = {}
    for ent, key, etype, name in found:
        if not key.startswith("gaz:") and described_as(ent) == etype:
            described.setdefault(norm_name(name), (key, etype))
    out = []
    for ent, key, etype, name in found:
        better = described.get(norm_name(name)) if not key.startswith(("gaz:", "outlet:")) else None
        if better and (etype in {EntityType.PLACE, EntityType.PERSON, EntityType.OTHER, EntityType.PRODUCT}
                       or better[1] == EntityType.OUTLET):
            out.append((ent, *better, name))
        else:
            out.append((ent, key, etype, name))
    return out


def described_as(ent: Span) -> EntityType | None:
    """The type the words around a name give it, whatever the NER made of the name itself."""
    doc = ent.doc
    before = doc[ent.start - 1] if ent.start > 0 else None
    after = doc[ent.end] if ent.end < len(doc) else None
    words = [t for t in (before, after) if t is not None and t.is_lower and t.pos_ == "NOUN"]
    if any(t.lower_ in MEDIA_NOUNS for t in words):
        return EntityType.OUTLET
    if before is not None and before in words and (
            before.lower_ in COMPANY_DESCRIPTORS or before.lower_.endswith("maker") and len(before) > 6
            or before.lower_ in ORG_ONLY_DESCRIPTORS and ent.label_ != "PERSON"):
        return EntityType.COMPANY
    appositive = next((c for c in ent.root.children if c.dep_ == "appos" and c.i >= ent.end), None)
    if appositive is not None and ent.label_ != "PERSON" and (
            appositive.lower_ in COMPANY_DESCRIPTORS | ORG_ONLY_DESCRIPTORS or appositive.lower_.endswith("maker")):
        return EntityType.COMPANY
    return None



def place_names(doc: Doc) -> frozenset[str]:
    """The names the NER takes as places somewhere in the article (read once per article)."""
    names = doc._.place_names
    if names is None:
        names = doc._.place_names = frozenset(e.text for e in doc.ents if e.label_ in {"GPE", "LOC"})
    return names
