"""Content words of an article (lemmas of nouns, verbs, names) for story clustering."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

Doc.set_extension("keywords", default=None, force=True)
CONTENT_POS = {"NOUN", "PROPN", "VERB", "ADJ"}


@Language.factory("newsgraph_keywords_v1", assigns=["doc._.keywords"], requires=["token.lemma", "token.tag"])
def make_keywords(nlp: Language, name: str) -> "Keywords":
    return Keywords()


class Keywords:
    def __call__(self, doc: Doc) -> Doc:
        words = [t.lemma_.lower() for t in doc
                 if t.pos_ in CONTENT_POS and not t.is_stop and t.is_alpha and len(t) > 2]
        doc._.keywords = tuple(words)
        return doc
