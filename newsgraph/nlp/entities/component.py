"""The entity components: ``newsgraph_gazetteer_v1`` presets gazetteer names before the statistical
NER; ``newsgraph_entities_v1`` links every mention to one canonical entity per article (gazetteer
key, or a key from its normalised name). Both take ``gazetteer_path`` (the companies file of
`newsgraph gazetteer update`, None for the built-in gazetteer) and share one loaded gazetteer."""
from __future__ import annotations

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from newsgraph.clean.metadata import dateline_span
from newsgraph.model import Entity, EntityType, Evidence, Mention
from newsgraph.nlp.common.gazetteer import COMMON_ACRONYMS, Gazetteer, load_gazetteer
from newsgraph.nlp.common.names import GENERIC_NAME_WORDS, LEGAL_SUFFIXES, legal_core, strip_the
from newsgraph.nlp.common.spans import text_of
from newsgraph.nlp.entities.classify import MARKET_NAMES, one_type_per_name
from newsgraph.nlp.entities.consensus import one_type_per_entity, surnames_over_weak_links, without_honorific
from newsgraph.nlp.entities.linking import (dedupe_tickers, described_bodies, link, split_names_joined, unlabelled_respondents,
                                            without_descriptor)
from newsgraph.nlp.entities.roles import role
from newsgraph.nlp.entities.short_forms import (initials_of_named, join_short_forms, same_brand, symbols_as_names,
                                                unlabelled_short_forms)

Doc.set_extension("mentions", default=None, force=True)
Doc.set_extension("entities", default=None, force=True)
Doc.set_extension("key_of_token", default=None, force=True)  # token index -> entity key, for later components
Doc.set_extension("dateline", default=None, force=True)  # (start, end) characters of the dateline, if any
Doc.set_extension("place_names", default=None, force=True)  # the NER's places, read once per doc


@Language.factory("newsgraph_gazetteer_v1", assigns=["doc.ents"], requires=["token.tag"],
                  default_config={"gazetteer_path": None})
def make_gazetteer(nlp: Language, name: str, gazetteer_path: str | None) -> "GazetteerRuler":
    return GazetteerRuler(nlp, load_gazetteer(gazetteer_path))


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
                  requires=["doc.ents", "token.dep", "doc._.ticker_links"], default_config={"gazetteer_path": None})
def make_linker(nlp: Language, name: str, gazetteer_path: str | None) -> "EntityLinker":
    return EntityLinker(load_gazetteer(gazetteer_path))


class EntityLinker:
    """Every entity mention of an article gets a canonical key; short forms join their long form."""

    def __init__(self, gazetteer: Gazetteer):
        self.gazetteer = gazetteer

    def __call__(self, doc: Doc) -> Doc:
        article_id = doc._.article_id
        doc._.dateline = dateline_span(text_of(doc))
        published = doc._.published_at  # which former tickers were still in use
        split_names_joined(doc)
        found: list[tuple[Span, str, EntityType, str]] = []  # span, key, type, name
        for ent in (without_honorific(without_descriptor(e)) for e in doc.ents):
            linked = link(ent, self.gazetteer) if not ent.kb_id_.startswith("ticker:") else None
            if linked is not None:
                found.append(linked)
        found = join_short_forms(found, self.gazetteer) + unlabelled_short_forms(doc, found)
        found += unlabelled_respondents(doc, found, self.gazetteer)
        found += described_bodies(doc, found)
        found = one_type_per_entity(one_type_per_name(symbols_as_names(doc, found, self.gazetteer)), self.gazetteer)
        found = initials_of_named(same_brand(surnames_over_weak_links(found), self.gazetteer), self.gazetteer)
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
            aliases = set(prior.aliases if prior else ()) | {legal_core(strip_the(ent.text))}
            canonical = entry.name if entry else (prior.name if prior and len(prior.name) >= len(name) else name)
            tickers = dedupe_tickers((*(prior.tickers if prior else ()), *tickers_of.get(key, ()),
                                       *(entry.tickers if entry else ()),
                                       *(entry.former_at(published) if entry else ())))
            former = [t for t in tickers if entry and t in entry.former and t not in entry.tickers]
            entities[key] = Entity(key=key, name=canonical, type=etype,
                                   tickers=tuple(t for t in tickers if t not in former) + tuple(former),
                                   aliases=tuple(sorted(a for a in aliases if a and a != canonical)),
                                   former_tickers=tuple(former))
            mentions.append(Mention(entity_key=key, evidence=Evidence(article_id, ent.start_char, ent.end_char),
                                    role=role(ent) if etype == EntityType.PERSON else None))
            for t in ent:
                key_of_token[t.i] = key
        doc._.entities = entities
        doc._.mentions = mentions
        doc._.key_of_token = key_of_token
        return doc
