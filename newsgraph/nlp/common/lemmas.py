"""The model's rule lemmatizer, with its answer kept per token shape.

spaCy's rule ``lemmatizer`` visits every token from Python and caches only some of its answers (a
base form, a proper noun or a part of speech without rules is worked out again each time), and a
word it has not seen is looked up in its index of known words, a list per part of speech (57,000
verbs...) that it scans once per candidate form. Its answer is a function of the token's (ORTH,
POS, MORPH): ``LemmaCache`` asks a copy of the model's lemmatizer, whose index lists are sets (the
same membership, found at once), once per such shape, and writes every lemma of a document at
once: the same lemmas as spaCy's component gives. As there, a token that has a lemma already (set
by the attribute rules) keeps it unless the lemmatizer overwrites.
"""
from __future__ import annotations

import numpy as np
from spacy.attrs import LEMMA, MORPH, ORTH, POS
from spacy.language import Language
from spacy.lookups import Lookups
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
    """Doc -> Doc: the lemmas of ``inner`` (a rule ``Lemmatizer``), asked once per token shape. The
    answers kept are bounded (``max_shapes``): a long stream of articles does not grow them forever."""

    max_shapes = 200_000

    def __init__(self, vocab: Vocab, inner: Lemmatizer | None = None):
        self.vocab = vocab
        self.inner: Lemmatizer | None = None
        self._lemma_of: dict[tuple[int, int, int], int] = {}  # (orth, pos, morph) -> lemma hash
        if inner is not None:
            self.use(inner)

    def use(self, lemmatizer: Lemmatizer) -> None:
        """Lemmatize as ``lemmatizer`` does (a rule lemmatizer: ``supports``), through a copy of it
        whose index of known words per part of speech is a set instead of a list."""
        if not supports(lemmatizer):
            raise ValueError("LemmaCache runs a rule lemmatizer with its tables only")
        lookups = Lookups()
        for name in lemmatizer.lookups.tables:
            table = lookups.add_table(name)
            for key, value in lemmatizer.lookups.get_table(name).items():
                table[key] = frozenset(value) if name == "lemma_index" else value
        copy = type(lemmatizer)(lemmatizer.vocab, None, name=lemmatizer.name, mode=lemmatizer.mode,
                                overwrite=lemmatizer.overwrite)
        copy.initialize(lookups=lookups)
        self.inner = copy
        self._lemma_of.clear()

    def __call__(self, doc: Doc) -> Doc:
        if self.inner is None:
            raise ValueError("LemmaCache has no lemmatizer: give it the model's with LemmaCache.use")
        if not len(doc):
            return doc
        if len(self._lemma_of) > self.max_shapes:
            self._lemma_of.clear()  # asked again as they come: the same answers
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
