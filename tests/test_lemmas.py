"""LemmaCache gives exactly the lemmas of spaCy's rule lemmatizer, and the pipeline uses it."""
from __future__ import annotations

import pytest

from newsgraph.nlp.common.article import set_article
from newsgraph.nlp.common.lemmas import LemmaCache, supports
from newsgraph.nlp.loader import load_model, load_pipeline

TEXTS = [
    "The ministers were meeting again; they had met twice before and would meet once more.",
    "Lumen Freight's shares rose 4.5% as its biggest rivals cut their forecasts for the better months.",
    "She didn't say whether the talks had stalled, and the companies' spokespeople declined to comment.",
    "Orvale Mining Corp. said it was closing two mines. Orvale's workers, the unions said, were angrier.",
    "  Geese, mice and oxen crossed the roads; the children ran faster than the best runners.\n\nAgain!",
]


@pytest.fixture(scope="module")
def model():
    return load_model()


def lemmas(doc) -> list[str]:
    return [t.lemma_ for t in doc]


def test_same_lemmas_as_spacy_lemmatizer(model):
    lemmatizer = model.get_pipe("lemmatizer")
    cache = LemmaCache(model.vocab, lemmatizer)
    with model.select_pipes(disable=["lemmatizer", "ner"]):
        docs = list(model.pipe(TEXTS * 2))  # the second time the answers come from the cache
    for doc in docs:
        assert lemmas(cache(doc.copy())) == lemmas(lemmatizer(doc.copy()))
    assert "meet" in lemmas(cache(docs[0].copy()))


def test_the_answers_kept_are_bounded_and_the_lemmas_stay_the_same(model):
    lemmatizer = model.get_pipe("lemmatizer")
    cache = LemmaCache(model.vocab, lemmatizer)
    cache.max_shapes = 5
    with model.select_pipes(disable=["lemmatizer", "ner"]):
        docs = list(model.pipe(TEXTS))
    for doc in docs:
        assert lemmas(cache(doc.copy())) == lemmas(lemmatizer(doc.copy()))
        assert len(cache._lemma_of) <= cache.max_shapes + len(doc)  # cleared before a document when over


def test_a_lemma_set_before_is_kept(model):
    cache = LemmaCache(model.vocab, model.get_pipe("lemmatizer"))
    with model.select_pipes(disable=["lemmatizer", "ner"]):
        doc = model("They were meeting.")
    doc[2].lemma_ = "gathering"
    assert lemmas(cache(doc)) == ["they", "be", "gathering", "."]


def test_only_a_rule_lemmatizer_is_cached(model):
    assert supports(model.get_pipe("lemmatizer"))
    assert not supports(model.get_pipe("tagger"))
    assert not supports(None)


def test_pipeline_runs_the_cache_in_place_of_spacy_lemmatizer():
    nlp = load_pipeline()  # where it runs among the components: tests/test_pipeline.py
    assert "lemmatizer" not in nlp.pipe_names and "newsgraph_lemmas_v1" in nlp.pipe_names
    doc = nlp(set_article(nlp.make_doc("Lumen Freight's mines were closing, its owners said."), "a1"))
    assert lemmas(doc)[3:6] == ["mine", "be", "close"]


def test_the_model_lemmatizer_is_left_as_it_was(model):
    lemmatizer = model.get_pipe("lemmatizer")
    cache = LemmaCache(model.vocab, lemmatizer)
    assert cache.inner is not lemmatizer
    theirs, ours = lemmatizer.lookups.get_table("lemma_index"), cache.inner.lookups.get_table("lemma_index")
    assert all(isinstance(words, list) for words in theirs.values())
    assert all(isinstance(words, frozenset) for words in ours.values())
    assert {k: set(v) for k, v in theirs.items()} == {k: set(v) for k, v in ours.items()}
