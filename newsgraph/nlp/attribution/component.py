"""The attribution component: who said what. Every attribution of the text (``doc._.attributions``:
:mod:`.speech`), the reports that put a claim out (``doc._.reports``: :mod:`.reports`) and each
party's response to them (``doc._.responses``: :mod:`.responses`, dated by :mod:`.when`).

Reads what the entities component writes (``doc._.entities``, ``doc._.key_of_token``,
``doc._.mentions``) and the article's own extensions (``doc._.article_id``, ``doc._.published_at``,
``doc._.outlet``).
"""
from __future__ import annotations

from collections import Counter

from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.model import Report, Response, ResponseKind
from newsgraph.nlp.attribution import speech
from newsgraph.nlp.attribution.brokers import broker_reports
from newsgraph.nlp.attribution.quotes import quotation_insides, quote_in
from newsgraph.nlp.attribution.reports import sentence_reports, with_said_words
from newsgraph.nlp.attribution.responses import sentence_responses, strongest
from newsgraph.nlp.attribution.speaks_for import spokespeople
from newsgraph.nlp.common.names import norm_name
from newsgraph.nlp.attribution.when import said_when
from newsgraph.nlp.common.spans import text_of

Doc.set_extension("reports", default=None, force=True)
Doc.set_extension("responses", default=None, force=True)
Doc.set_extension("attributions", default=None, force=True)


@Language.factory("newsgraph_attribution_v1", assigns=["doc._.reports", "doc._.responses", "doc._.attributions"],
                  requires=["token.dep", "doc._.entities", "doc._.key_of_token", "doc._.mentions"])
def make_attribution(nlp: Language, name: str) -> "Attribution":
    return Attribution()


def surface_name(doc: Doc, key: str) -> str:
    """The party's name as this article writes it: the entity's own name when the article's words for
    it share a word with it ('Ford' for 'Ford Motor Company'), else its most frequent mention ('Google'
    for an entity the gazetteer names 'Alphabet')."""
    name = doc._.entities[key].name
    written = Counter(text_of(doc)[m.evidence.start:m.evidence.end] for m in doc._.mentions if m.entity_key == key)
    own_words = set(norm_name(name).split())
    if not written or any(own_words & set(norm_name(w).split()) for w in written):
        return name
    return written.most_common(1)[0][0]


class Attribution:
    def __call__(self, doc: Doc) -> Doc:
        article_id = doc._.article_id
        text = text_of(doc)
        quotes = quotation_insides(text)
        responses: dict[tuple[str, ResponseKind], Response] = {}
        reports: list[Report] = []
        speakers = spokespeople(doc)
        for sent in doc.sents:
            for party, kind, evidence, cue, confidence in sentence_responses(sent, article_id, quotes, speakers):
                quote = quote_in(text, quotes, evidence)
                prior = responses.get((party, kind))
                if prior is None or (confidence, quote is not None) > (prior.confidence, prior.quote is not None):
                    responses[(party, kind)] = Response(party=surface_name(doc, party), party_key=party, kind=kind,
                                                        quote=quote,
                                                        evidence=evidence,
                                                        as_of=said_when(cue, doc._.published_at),
                                                        confidence=confidence)
            reports.extend(sentence_reports(sent, article_id))
            reports.extend(broker_reports(sent, article_id))
        doc._.attributions = speech.attributions(doc)
        doc._.responses = strongest(list(responses.values()), text)
        doc._.reports = [with_said_words(r, doc._.attributions, text) for r in reports]
        return doc

