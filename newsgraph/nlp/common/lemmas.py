"""The model's rule lemmatizer, with its answer kept per token shape.

spaCy's rule ``lemmatizer`` visits every token from Python and caches only some of its answers (a
base form, a proper noun or a part of speech without rules is worked out again each time). Its
answer is a function of the token's (ORTH, POS, MORPH): ``LemmaCache`` asks the model's own
lemmatizer once per such shape and writes every lemma of a document at once, the same lemmas as
spaCy's component gives. As there, a token that has a lemma already (set by the attribute rules)
keeps it unless the lemmatizer overwrites.
"""
from __future__ import annotations

import numpy as np
from spacy.attrs import LEMMA, MORPH, ORTH, POS
from spacy.language import Language
from spacy.pipeline import Lemmatizer
from spacy.tokens import Doc
from spacy.vocab import Vocab


def supports(component: object) -> bool:
    """True for a rule lemmatizer (the English models'), whose answer depends on ORTH, POS and MORPH only."""
    if not isinstance(component, Lemmatizer) or component.mode != "rule":
        return False
    required, _ = component.get_lookups_config(component.mode)
    return all(table in component.lookups for table in required)  # else spaCy's says which table is missing


class LemmaCache:
    """Doc -> Doc: the lemmas of ``inner`` (a rule ``Lemmatizer``), asked once per token shape."""

    def __init__(self, vocab: Vocab, inner: Lemmatizer | None = None):
        self.vocab = vocab
        self.inner = inner
        self._lemma_of: dict[tuple[int, int, int], int] = {}  # (orth, pos, morph) -> lemma hash

    def __call__(self, doc: Doc) -> Doc:
        if self.inner is None:
            raise ValueError("LemmaCache has no lemmatizer: build it with loader.use_lemma_cache")
        if not len(doc):
            return doc
        rows = doc.to_array([ORTH, POS, MORPH, LEMMA])
        lemmas = rows[:, 3].copy()
        overwrite, strings, known = self.inner.overwrite, self.vocab.strings, self._lemma_of
        for i, (orth, pos, morph, lemma) in enumerate(rows.tolist()):
            if lemma and not overwrite:
                continue
            value = known.get((orth, pos, morph))
            if value is None:
                value = known[(orth, pos, morph)] = strings.add(self.inner.lemmatize(doc[i])[0])
            lemmas[i] = value
        doc.from_array([LEMMA], lemmas.astype(np.uint64).reshape(-1, 1))
        return doc


@Language.factory("newsgraph_lemmas_v1", assigns=["token.lemma"])
def make_lemma_cache(nlp: Language, name: str) -> LemmaCache:
    return LemmaCache(nlp.vocab)
