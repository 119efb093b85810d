"""Entity components: gazetteer names before the statistical NER, then linking of every mention
to one canonical entity per article (gazetteer key, or a key from its normalised name)."""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from newsgraph.clean.metadata import OUTLET_WORDS, dateline_span
from newsgraph.model import Entity, EntityType, Evidence, Mention
from newsgraph.nlp.common.coref import COMPANY_NOUNS
from newsgraph.nlp.gazetteer import (COMMON_ACRONYMS, GENERIC_NAME_WORDS, LEGAL_SUFFIXES, SYMBOL_WORD, Gazetteer,
                                     default_gazetteer, legal_core, norm_name)
from newsgraph.nlp.common.known_places import is_country, is_known_place

GOVERNMENT_WORDS = re.compile(
    r"\b(?:committee|ministry|commission|department|agency|congress|senate|house|parliament|"
    r"government|council|bureau|administration|court|authority|regulator|reserve|treasury|"
    r"white house|pentagon|cabinet|state council|federal|police|army|navy)\b", re.I)
# The last word of a site's name: the NER often labels airports, stations and venues as organisations.
FACILITY_WORDS = re.compile(r"\b(?:airport|terminal|station|stadium|arena|hospital|university|college|museum)$", re.I)
MARKET_WORDS = re.compile(r"\b(?:stock exchange|exchange|bourse|index|nasdaq|nyse|dow jones|s ?& ?p)\b", re.I)
# An index or exchange named alone ('the Dow rose'), never the listed company of the same name.
MARKET_NAMES = re.compile(r"^(?:dow|nasdaq|nyse|ftse|dax|s ?& ?p(?: 500)?|kospi|kosdaq|topix|hang seng|stoxx|"
                          r"euro stoxx|cac|ibex|sensex|nifty|asx|tsx|smi|omx|csi|shanghai composite)$", re.I)
ROLE = re.compile(
    r"^(?:chief executive(?: officer)?|ceo|cfo|coo|cto|chief \w+ officer|chair(?:man|woman|person)?|"
    r"president|vice president|founder|co-founder|spokes(?:person|man|woman)|head|director|"
    r"managing director|general manager|analyst|minister|secretary|governor|senator|"
    r"representative|economist|executive|partner|owner|boss)$", re.I)
# Labels under which the statistical NER may carry a known name, often with words after it in a
# headline ('Acme Drops After Forecast'): the name it starts with is linked.
# Verbs of answering a request for comment: their proper-noun subject is an organisation ('Acme
# declined to comment', 'Acme did not return calls', 'Acme could not be reached').
RESPONSE_LEMMAS = {"respond", "reply", "comment", "decline", "refuse", "deny", "confirm", "reach", "return"}
NAME_LABELS = {"ORG", "PERSON", "PRODUCT", "WORK_OF_ART", "FAC", "NORP", "GPE", "LOC"}
HEADLINE_LABELS = {"ORG", "PERSON", "PRODUCT", "WORK_OF_ART"}
UNSURE_TYPES = {EntityType.COMPANY, EntityType.PRODUCT, EntityType.PERSON}  # what a headline span may hide
# Analysts' verdicts ('two Buys', 'a Moderate Buy consensus') and amounts ('448bn') are no names.
NOT_A_NAME = re.compile(r"(?:\d[\d,]*\s+)?(?:(?:strong|moderate|consensus)\s+)?(?:buy|hold|sell|outperform|"
                        r"underperform|overweight|underweight|neutral)s?|[$€£¥]?\d[\d.,]*\s*(?:bn|mn|m|k|tn|billion|million|trillion)", re.I)

Doc.set_extension("mentions", default=None, force=True)
Doc.set_extension("entities", default=None, force=True)
Doc.set_extension("key_of_token", default=None, force=True)  # token index -> entity key, for later components
Doc.set_extension("dateline", default=None, force=True)  # (start, end) characters of the dateline, if any
Doc.set_extension("place_names", default=None, force=True)  # the NER's places, read once per doc


@Language.factory("newsgraph_gazetteer_v1", assigns=["doc.ents"], requires=["token.tag"])
def make_gazetteer(nlp: Language, name: str) -> "GazetteerRuler":
    return GazetteerRuler(nlp, default_gazetteer())


class GazetteerRuler:
    """Presets known company and outlet names as entities; the NER keeps them and adds the rest.

    A one-word name must be a proper noun here, so 'Target prices' or 'Shell out' are not matched,
    unless the article writes it as a proper noun elsewhere ('Ørsted shares' at a sentence's start).
    """

    def __init__(self, nlp: Language, gazetteer: Gazetteer):
        self.gazetteer = gazetteer
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.keys: dict[int, str] = {}
        by_key: dict[str, list] = {}
        for alias, key, _type in gazetteer.patterns():
            by_key.setdefault(key, []).append(nlp.make_doc(alias))
        for key, docs in by_key.items():
            self.keys[nlp.vocab.strings.add(key)] = key
            self.matcher.add(key, docs)

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        matches = self.matcher(doc)
        proper = {match_id for match_id, start, end in matches if end - start > 1 or doc[start].pos_ == "PROPN"}
        matched = {i for _, start, end in matches for i in range(start, end)}
        for match_id, start, end in matches:
            if end - start == 1 and doc[start].pos_ != "PROPN" and not doc[start].text.isupper() and not (
                    match_id in proper and doc[start].is_title):
                continue  # a one-word name the tagger took for a common word, unless it is a name elsewhere
            if MARKET_NAMES.match(doc[start:end].text):
                continue
            prev = doc[start - 1] if start > 0 else None
            if prev is not None and prev.pos_ == "PROPN" and prev.ent_type_ == "" and prev.i not in matched \
                    and prev.whitespace_ == " " and prev.text not in COMMON_ACRONYMS \
                    and (prev.is_upper and len(prev) > 1 or prev.is_title):
                continue  # part of a longer name the gazetteer does not know ('Wells Fargo' vs 'Fargo')
            key = self.keys[match_id]
            if end < len(doc) and self._sister_company(doc[end], key):
                continue  # 'Toyota Industries' is not Toyota Motor: the NER takes the longer name
            spans.append(Span(doc, start, end, label="ORG", kb_id=key))
        doc.ents = filter_spans(list(doc.ents) + spans)
        return doc

    def _sister_company(self, following: Token, key: str) -> bool:
        """A name followed by a capitalised generic company word that the entry's own names lack
        ('Industries', 'Energy', 'Financial') names another company of the same group."""
        word = following.text.lower().strip(".,")
        if not following.text[:1].isupper() or word not in GENERIC_NAME_WORDS or word in LEGAL_SUFFIXES:
            return False
        return not self.gazetteer.has_name_word(key, word)


@Language.factory("newsgraph_entities_v1", assigns=["doc._.mentions", "doc._.entities", "doc._.key_of_token", "doc._.dateline"],
                  requires=["doc.ents", "token.dep", "doc._.ticker_links"])
def make_linker(nlp: Language, name: str) -> "EntityLinker":
    return EntityLinker(default_gazetteer())


class EntityLinker:
    """Every entity mention of an article gets a canonical key; short forms join their long form."""

    def __init__(self, gazetteer: Gazetteer):
        self.gazetteer = gazetteer

    def __call__(self, doc: Doc) -> Doc:
        article_id = doc._.article_id
        doc._.dateline = dateline_span(doc.text)
        published = doc._.published_at  # which former tickers were still in use
        found: list[tuple[Span, str, EntityType, str]] = []  # span, key, type, name
        for ent in map(_without_descriptor, doc.ents):
            linked = self.link(ent) if not ent.kb_id_.startswith("ticker:") else None
            if linked is not None:
                found.append(linked)
        found = self._join_short_forms(found) + self._unlabelled_short_forms(doc, found)
        found += self._unlabelled_respondents(doc, found)
        found = _initials_of_named(_one_type_per_name(self._symbols_as_names(doc, found)))
        key_of_span = {(ent.start, ent.end): key for ent, key, _, _ in found}
        tickers_of: dict[str, list[str]] = {}
        for span, tickers in (doc._.ticker_links or {}).items():
            if span in key_of_span:
                tickers_of.setdefault(key_of_span[span], []).extend(tickers)
        owners = (doc._.symbol_owner or {})
        for ent in doc.ents:  # a ticker used as a word names its owner
            if ent.kb_id_.startswith("ticker:"):
                owner = key_of_span.get(tuple(owners.get(ent.kb_id_[7:], ())))
                if owner:
                    typed = next(f for f in found if f[1] == owner)
                    found.append((ent, owner, typed[2], typed[3]))

        entities: dict[str, Entity] = {}
        mentions: list[Mention] = []
        key_of_token: dict[int, str] = {}
        for ent, key, etype, name in sorted(found, key=lambda f: f[0].start):
            entry = self.gazetteer.get(key)
            prior = entities.get(key)
            aliases = set(prior.aliases if prior else ()) | {legal_core(_strip_the(ent.text))}
            canonical = entry.name if entry else (prior.name if prior and len(prior.name) >= len(name) else name)
            tickers = _dedupe_tickers((*(prior.tickers if prior else ()), *tickers_of.get(key, ()),
                                       *(entry.tickers if entry else ()),
                                       *(entry.former_at(published) if entry else ())))
            former = [t for t in tickers if entry and t in entry.former and t not in entry.tickers]
            entities[key] = Entity(key=key, name=canonical, type=etype,
                                   tickers=tuple(t for t in tickers if t not in former) + tuple(former),
                                   aliases=tuple(sorted(a for a in aliases if a and a != canonical)),
                                   former_tickers=tuple(former))
            mentions.append(Mention(entity_key=key, evidence=Evidence(article_id, ent.start_char, ent.end_char),
                                    role=_role(ent) if etype == EntityType.PERSON else None))
            for t in ent:
                key_of_token[t.i] = key
        doc._.entities = entities
        doc._.mentions = mentions
        doc._.key_of_token = key_of_token
        return doc

    @staticmethod
    def _unlabelled_short_forms(doc: Doc, found: list[tuple[Span, str, EntityType, str]]) -> list:
        """'Brixton' after 'Brixton Partners' where the NER tagged nothing, or took a proper noun for a
        nationality ('Takes On Hellenic' after 'Hellenic Seaways'), and a one-word company name the
        NER missed once ('Acme flatly denied it', tagged a common noun): same entity; not a word the
        article also names as a place ('Boston' of 'Boston Harbor Partners' in a Boston story)."""
        first_words: dict[str, tuple[str, EntityType, str]] = {}
        for ent, key, etype, name in found:
            for words in (name.split(), _strip_the(ent.text).split()):  # 'Transsion' of 'Transsion Holdings'
                if etype == EntityType.COMPANY and words and len(words[0]) > 3 and words[0][:1].isupper() \
                        and (len(words) > 1 or len(ent) == 1):
                    first_words.setdefault(words[0], (key, etype, name))
        if not first_words:
            return []
        places = _place_names(doc)
        taken = {t.i for ent, *_ in found for t in ent}
        common = {tok.text for tok in doc if tok.is_lower}  # 'bank' written small: 'Bank' may be a word
        extra = []
        for tok in doc:
            if tok.text not in first_words or tok.i in taken:
                continue
            name_like = tok.pos_ == "PROPN" or tok.pos_ == "NOUN" and tok.lower_ not in common
            if name_like and tok.ent_type_ in {"", "NORP"} and tok.text not in places:
                key, etype, name = first_words[tok.text]
                extra.append((doc[tok.i:tok.i + 1], key, etype, name))
        return extra

    def _unlabelled_respondents(self, doc: Doc, found: list[tuple[Span, str, EntityType, str]]) -> list:
        """'Vantage Towers did not immediately respond to a request for comment' with no name tagged:
        a proper noun that answers, or fails to answer, a request for comment is an organisation."""
        taken = {t.i for ent, *_ in found for t in ent}
        extra = []
        for tok in doc:
            if tok.lemma_.lower() not in RESPONSE_LEMMAS or tok.pos_ != "VERB":
                continue
            subj = next((c for c in tok.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
            if subj is None or subj.pos_ != "PROPN" or subj.ent_type_ or subj.i in taken or not subj.text[:1].isupper():
                continue
            start = subj.i
            while start > subj.left_edge.i and doc[start - 1].dep_ == "compound" and doc[start - 1].pos_ == "PROPN" \
                    and doc[start - 1].text[:1].isupper() and not doc[start - 1].ent_type_:
                start -= 1
            linked = self.link(Span(doc, start, subj.i + 1, label="ORG"))
            if linked is not None and linked[2] in {EntityType.COMPANY, EntityType.OTHER}:
                extra.append((linked[0], linked[1], EntityType.COMPANY, linked[3]) if linked[2] == EntityType.OTHER
                             else linked)
                taken.update(range(start, subj.i + 1))
        return extra

    def _join_short_forms(self, found: list[tuple[Span, str, EntityType, str]]) -> list:
        """'Roe' after 'Jane Roe', 'Acme' after 'Acme Robotics', a company's 'Disney' after its 'Walt
        Disney': one entity in one article. The article's own long form wins over a gazetteer
        company that only shares the word ('Cathay' after 'Cathay Pacific', not Cathay Bancorp)."""
        def by_word_only(ent: Span, key: str) -> bool:
            """Linked by the first word of a gazetteer name, not an alias: the article's own name that
            starts with the word is better evidence ('Cathay' after 'Cathay Pacific'). A name that
            ends with the word is a brand the article may build on ('Disney World' after 'Walt Disney')."""
            word = _strip_the(ent.text)
            entry = self.gazetteer.get(key)
            return entry is not None and len(ent) == 1 and self.gazetteer.lookup(word) is None \
                and entry.name.split()[0] == word

        word_only = [by_word_only(ent, key) for ent, key, _, _ in found]
        long_forms: dict[str, tuple[str, EntityType, str]] = {}
        last_words: dict[str, tuple[str, EntityType, str]] = {}
        for ent, key, etype, name in sorted((f for f, w in zip(found, word_only) if not w),
                                            key=lambda f: -len(f[3].split())):
            # the canonical name and the name as written ('Chesapeake' after 'Chesapeake Energy',
            # a former name of a gazetteer entry now called otherwise)
            for form in dict.fromkeys((name, legal_core(_strip_the(ent.text)))):
                words = form.split()
                if len(words) > 1:  # people are named by their surname, organisations by their first word
                    long_forms.setdefault(words[-1] if etype == EntityType.PERSON else words[0], (key, etype, name))
                    last = words[-1]
                    if etype == EntityType.COMPANY and len(last) > 3 and last[:1].isupper() \
                            and last.lower() not in GENERIC_NAME_WORDS:
                        last_words.setdefault(last, (key, etype, name))
        places = _place_names(found[0][0].doc) if found else set()
        out = []
        for (ent, key, etype, name), only_word in zip(found, word_only):
            word = _strip_the(ent.text)
            if word in places:  # 'Boston', which the article also names as a place, joins no 'Boston Celtics'
                pass
            elif only_word and word in long_forms:
                key, etype, name = long_forms[word]
            elif not key.startswith(("gaz:", "outlet:")) and len(name.split()) == 1:
                if name in long_forms:
                    key, etype, name = long_forms[name]
                elif etype == EntityType.COMPANY and name in last_words:
                    key, etype, name = last_words[name]
            out.append((ent, key, etype, name))
        return out

    def link(self, ent: Span) -> tuple[Span, str, EntityType, str] | None:
        """(span, key, type, name) of a mention: the whole span, or the known name a longer span
        starts with, in a headline ('Acme Drops After Forecast') or before a verb or a word that
        is no name ('Acme is', 'Acme /'); None if not tracked."""
        typed = self.classify(ent)
        settled = typed and (typed[0].startswith(("gaz:", "outlet:")) or typed[1] not in UNSURE_TYPES)
        if settled or len(ent) < 2 or ent.label_ not in HEADLINE_LABELS:
            return (ent, *typed) if typed else None
        if ent[-1].lower_.strip(".") in GENERIC_NAME_WORDS:
            return (ent, *typed) if typed else None  # 'Acme Pacific Airways' is a name of its own
        in_headline = _title_cased(ent.sent)
        for end in range(ent.end - 1, ent.start, -1):
            head = ent.doc[ent.start:end]
            rest = ent.doc[end]
            if not (in_headline or rest.pos_ in {"VERB", "AUX"} or rest.is_lower or rest.is_punct):
                continue  # outside a headline, 'Acme Capital' is a name of its own
            known = self._known(_strip_the(head.text), "PERSON" if ent.label_ == "PERSON" else "ORG", alone=False,
                                places=_place_names(ent.doc))
            if known:
                entry = self.gazetteer.get(known)
                if entry.type == EntityType.COMPANY:
                    return Span(ent.doc, ent.start, end, label="ORG", kb_id=known), entry.key, entry.type, entry.name
        return (ent, *typed) if typed else None

    def _known(self, text: str, label: str, alone: bool = True, places: frozenset[str] = frozenset()) -> str | None:
        """The gazetteer key for a name as the NER labelled it: an alias, or for an organisation
        one distinctive word of a company's name ('Disney'); a first word that only the names
        ending in generic words share ('Ford' of 'Ford Motor', 'General' of 'General Motors') only
        when the NER took that word alone, not as the start of a longer name ('General Electric'); no
        single word that the article names as a place ('Connecticut')."""
        known = self.gazetteer.lookup(text) or (self.gazetteer.lookup_core(text) if " " in text else None)
        if known or label != "ORG" or text in places:
            return known
        return self.gazetteer.lookup_word(text) or (self.gazetteer.lookup_prefix(text) if alone else None)

    def _symbols_as_names(self, doc: Doc, found: list[tuple[Span, str, EntityType, str]]) -> list:
        """'GE' in an article that names General Electric (NYSE: GE): the listed symbol of a company
        the article names, written as a word, is that company. Only symbols of two letters or more;
        a one-letter symbol needs a ticker context (see newsgraph.nlp.tickers)."""
        named = {key for _, key, etype, _ in found if etype == EntityType.COMPANY and key.startswith("gaz:")}
        symbols: dict[str, str] = {}
        for key in named:
            for t in self.gazetteer.get(key).tickers:
                symbols.setdefault(t.split(":")[-1], key)
        symbols = {s: k for s, k in symbols.items() if SYMBOL_WORD.match(s) and s not in COMMON_ACRONYMS}
        # what the NER made of such a word alone ('GE' as an unknown acronym) gives way
        found = [f for f in found if f[1].startswith(("gaz:", "outlet:")) or f[0].text not in symbols]
        taken = {t.i for ent, *_ in found for t in ent}
        taken |= {t.i for ent in doc.ents if ent.kb_id_.startswith("ticker:") for t in ent}
        for tok in doc:
            key = symbols.get(tok.text)
            if key and tok.i not in taken:
                entry = self.gazetteer.get(key)
                found.append((doc[tok.i:tok.i + 1], key, entry.type, entry.name))
        return found

    def classify(self, ent: Span) -> tuple[str, EntityType, str] | None:
        """(key, type, display name) of a mention, or None for what we do not track."""
        text = _strip_the(ent.text.strip())
        if MARKET_NAMES.match(text):
            return f"{EntityType.OTHER.value}:{norm_name(text)}", EntityType.OTHER, text
        if ent.kb_id_:
            entry = self.gazetteer.get(ent.kb_id_)
            if entry:
                return entry.key, entry.type, entry.name
        if not text or not re.search(r"[A-Za-z]", text) or NOT_A_NAME.fullmatch(text):
            return None  # 'Buys', 'Moderate Buy', '448bn': analysts' verdicts and amounts the NER took for names
        start, end = (ent.doc._.dateline or (0, 0))
        if ent.end_char <= end and not ent.doc.text[start:ent.start_char].strip():
            return f"{EntityType.PLACE.value}:{norm_name(text)}", EntityType.PLACE, text  # 'ZURICH, Sept 14 -'
        own_outlet = ent.doc._.outlet
        if own_outlet and norm_name(text) == norm_name(own_outlet):  # 'told NordBeat' in NordBeat's own article
            return "outlet:" + norm_name(text).replace(" ", "-"), EntityType.OUTLET, text
        label = ent.label_
        if label in NAME_LABELS:
            known = self._known(text, label, places=_place_names(ent.doc))
            if known:
                entry = self.gazetteer.get(known)
                return entry.key, entry.type, entry.name
        if label == "ORG":
            has_ticker = (ent.start, ent.end) in (ent.doc._.ticker_links or {})
            if MARKET_WORDS.search(text) or (text.isupper() and len(text) <= 4 and not has_ticker
                                             and not _answers(ent)) or text.upper() in COMMON_ACRONYMS:
                etype = EntityType.OTHER  # an exchange, or an acronym like 'EV', 'AI', 'MAX', 'YoY'
            elif GOVERNMENT_WORDS.search(text):
                etype = EntityType.GOVERNMENT
            elif FACILITY_WORDS.search(text):
                etype = EntityType.PLACE  # 'PHL Airport', 'Union Station': a site, not its operator
            elif OUTLET_WORDS.search(text) or re.search(r"\.(?:com|net|org|co)\b", text):
                etype = EntityType.OUTLET
            else:
                etype = EntityType.COMPANY
        elif label == "PERSON":
            etype = EntityType.PLACE if is_country(text) else EntityType.PERSON  # 'Chile said' read as a person
        elif label == "GPE" and _acts_as_party(ent) and not is_known_place(text):
            etype = EntityType.COMPANY  # 'Codelco said ...', 'talks with Codelco': no place anyone knows
        elif label in {"GPE", "LOC"}:
            etype = EntityType.PLACE
        elif label == "PRODUCT":
            etype = EntityType.PRODUCT
        else:
            return None
        etype = _described_as(ent) or etype
        name = legal_core(text) if etype == EntityType.COMPANY else text
        return f"{etype.value}:{norm_name(name)}", etype, name


# Nouns that say what a name is when they stand right before or after it: 'lithium producer SQM',
# 'the El Mercurio newspaper', 'Codelco, the state copper miner,'.
MEDIA_NOUNS = {"newspaper", "paper", "daily", "weekly", "magazine", "broadcaster", "tabloid", "website",
               "publication", "outlet", "agency", "channel", "network", "newswire"}
COMPANY_DESCRIPTORS = COMPANY_NOUNS - {"investor", "buyer", "seller", "acquirer", "player", "fund", "brand",
                                       "exchange", "unit", "parent", "business", "giant", "company's", "automaker's",
                                       "producer", "developer", "operator", "official"}
# Words that describe a company and open a sentence capitalised: 'Rival Acme Group said ...'.
DESCRIPTOR_WORDS = {"rival", "peer", "competitor", "parent", "partner", "customer", "supplier", "fellow", "insurer",
                    "reinsurer", "carmaker", "automaker", "chipmaker", "drugmaker", "retailer", "miner", "shipper",
                    "owner"}
ORG_ONLY_DESCRIPTORS = {"producer", "developer", "operator", "giant", "business"}  # also said of people


def _answers(ent: Span) -> bool:
    """The name speaks or answers a request for comment: 'KT said', 'KT did not return calls'."""
    root = ent.root
    return root.dep_ in {"nsubj", "nsubjpass"} and root.head.lemma_.lower() in RESPONSE_LEMMAS | {"say", "tell"}


def _acts_as_party(ent: Span) -> bool:
    """The name is the subject of a verb or the partner in 'with X' / 'between X and Y'."""
    root = ent.root
    if root.dep_ in {"nsubj", "nsubjpass"} and root.head.pos_ in {"VERB", "AUX"}:
        return True
    head = root.head if root.dep_ != "conj" else root.head.head
    return root.dep_ in {"pobj", "conj"} and head.lower_ in {"with", "between"}


def _one_type_per_name(found: list[tuple[Span, str, EntityType, str]]) -> list[tuple[Span, str, EntityType, str]]:
    """A name the article once describes as a company or an outlet ('state miner Codelco') is that
    wherever the NER took it for a place, a person or something else."""
    described: dict[str, tuple[str, EntityType]] = {}
    for ent, key, etype, name in found:
        if not key.startswith("gaz:") and _described_as(ent) == etype:
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


def _described_as(ent: Span) -> EntityType | None:
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


def _place_names(doc: Doc) -> frozenset[str]:
    """The names the NER takes as places somewhere in the article (read once per article)."""
    names = doc._.place_names
    if names is None:
        names = doc._.place_names = frozenset(e.text for e in doc.ents if e.label_ in {"GPE", "LOC"})
    return names


def _title_cased(sent: Span) -> bool:
    """A headline in title case ('Acme Drops After Forecast'), where the NER runs names on."""
    words = [t for t in sent if t.is_alpha and len(t) > 3]
    return len(words) >= 2 and sum(t.text[:1].isupper() for t in words) >= 0.75 * len(words)


def _dedupe_tickers(tickers: tuple[str, ...]) -> tuple[str, ...]:
    """Keep one form per symbol, the one with an exchange where known."""
    best: dict[str, str] = {}
    for t in tickers:
        sym = t.split(":")[-1]
        if sym not in best or (":" in t and ":" not in best[sym]):
            best[sym] = t
    return tuple(best.values())


def _initials_of_named(found: list[tuple[Span, str, EntityType, str]]) -> list[tuple[Span, str, EntityType, str]]:
    """'IAG' in an article that names Insurance Australia Group is that company, whatever else the
    gazetteer knows by those letters (International Airlines Group)."""
    by_initials: dict[str, tuple[str, EntityType, str]] = {}
    for ent, key, etype, name in found:
        words = [w for w in _strip_the(ent.text).split() if w[:1].isupper()]
        if etype == EntityType.COMPANY and len(words) >= 2 and len(words) == len(ent):
            by_initials.setdefault("".join(w[0] for w in words), (key, etype, name))
    out = []
    for ent, key, etype, name in found:
        named = by_initials.get(ent.text) if ent.text.isupper() and len(ent) == 1 else None
        out.append((ent, *named) if named and named[0] != key else (ent, key, etype, name))
    return out


def _without_descriptor(ent: Span) -> Span:
    """'Rival Insurance Australia Group said' opening a sentence: the NER took the capitalised word
    that describes the company ('Rival', 'Insurer', 'Parent') into its name."""
    first = ent[0]
    if ent.label_ == "ORG" and len(ent) >= 3 and first.is_sent_start and first.lower_ in DESCRIPTOR_WORDS \
            and ent[1].text[:1].isupper():
        return Span(ent.doc, ent.start + 1, ent.end, label=ent.label_, kb_id=ent.kb_id_)
    return ent


def _strip_the(text: str) -> str:
    """'The Acme Group's' -> 'Acme Group'; 'Acme Partners'' -> 'Acme Partners'; 'Acme /' -> 'Acme'."""
    text = re.sub(r"[\s/:;,–—-]+$", "", text)
    return re.sub(r"\s*[’']s?$", "", re.sub(r"^(?:the|The)\s+", "", text).replace("’s", "")).strip()


def _role(ent: Span) -> str | None:
    """A person's role as the sentence gives it: 'Acme CEO Jane Roe' -> 'Acme CEO';
    'John Doe, chair of the House committee,' -> 'chair of the House committee'."""
    doc = ent.doc
    for i in range(max(ent.sent.start, ent.start - 3), ent.start):
        words = doc[i:ent.start]
        if ROLE.match(words.text):
            org = _org_before(doc, i)
            return f"{org} {words.text}" if org else words.text
    if ent.end < ent.sent.end and doc[ent.end].text == ",":
        tail = []
        for t in doc[ent.end + 1:ent.sent.end]:
            if t.text in {",", ";", ".", "—", "–", "("} or t.pos_ in {"VERB", "AUX"}:
                break
            tail.append(t)
        words = [t.text for t in tail if t.lower_ not in {"a", "an", "the", "its", "their"}]
        head = " ".join(words).split(" of ")[0].split(" at ")[0]
        if words and ROLE.match(head):
            return " ".join(t.text for t in tail)
    return None


def _org_before(doc: Doc, i: int) -> str | None:
    """The company named just before position i, skipping a ticker in parentheses."""
    j = i - 1
    if j >= 0 and doc[j].text == ")":
        while j >= 0 and doc[j].text != "(":
            j -= 1
        j -= 1
    if j >= 0 and doc[j].ent_type_ == "ORG":
        start = j
        while start > 0 and doc[start - 1].ent_type_ == "ORG" and doc[start].ent_iob_ != "B":
            start -= 1
        return doc[start:j + 1].text
    return None
