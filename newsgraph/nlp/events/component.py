"""The events component: for each sentence, the event types it tells of (``triggers``), their
status (``status``) and who takes part (``participants``), kept in ``doc._.events``."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.model import Event, Evidence
from newsgraph.nlp.common.spans import sentence_evidence
from newsgraph.nlp.events.participants import participants
from newsgraph.nlp.events.status import status_of
from newsgraph.nlp.events.triggers import sentence_types

Doc.set_extension("events", default=None, force=True)  # the article's events, in sentence order


@Language.factory("newsgraph_events_v1", assigns=["doc._.events"],
                  requires=["token.lemma", "token.dep", "doc._.entities", "doc._.key_of_token"])
def make_events(nlp: Language, name: str) -> EventFinder:
    return EventFinder()


class EventFinder:
    def __call__(self, doc: Doc) -> Doc:
        article_id = doc._.article_id
        events: list[Event] = []
        for sent in doc.sents:
            found = sentence_types(sent)
            keys = participants(sent) if found else ()
            for kind, trigger in found:
                events.append(Event(type=kind, status=status_of(sent, trigger, kind),
                                    participants=keys,
                                    trigger=Evidence(article_id, trigger.start_char, trigger.end_char),
                                    evidence=sentence_evidence(sent, article_id)))
        doc._.events = tuple(events)
        return doc
