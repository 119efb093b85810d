"""AttributeRules gives exactly what spaCy's attribute_ruler gives, and the pipeline uses it."""
from __future__ import annotations

import pytest

from newsgraph.nlp.common.article import set_article
from newsgraph.nlp.common.attribute_rules import AttributeRules, supports
from newsgraph.nlp.loader import load_model, load_pipeline

TEXTS = [
    "Y'all gonna hear it first: the board ain't selling, and let's be clear, it never was.",
    "There is no deal. There are two bidders, said Mara Quist, who runs Lumen Freight's press office.",
    "I told you so; you didn't listen. Do it now, did you? C'mon, we gotta go.\n\nNext section  here",
    "Whatever they do, the shares that Orvale Mining issued in 2023 fell 4.5% to $12.80 on Tuesday.",
    "It rained. It's not what it was, but it will do; nothin' lasts, they said.",
]
ATTRS = ("pos_", "tag_", "dep_", "lemma_")


def annotations(doc) -> list[tuple]:
    return [tuple(getattr(t, a) for a in ATTRS) + (str(t.morph),) for t in doc]


@pytest.fixture(scope="module")
def model():
    return load_model()


def test_same_annotations_as_spacy_attribute_ruler(model):
    ruler = model.get_pipe("attribute_ruler")
    rules = AttributeRules(model.vocab, ruler.patterns)
    with model.select_pipes(disable=["attribute_ruler", "lemmatizer", "ner"]):
        docs = list(model.pipe(TEXTS))
    for doc in docs:
        theirs, ours = ruler(doc.copy()), rules(doc.copy())
        assert annotations(ours) == annotations(theirs)
    # the rules do change something: the tagger alone leaves the coarse part of speech unset
    assert annotations(rules(docs[0].copy())) != annotations(docs[0])


def test_pipeline_runs_the_rules_in_place_of_spacy_ruler():
    nlp = load_pipeline()
    assert "attribute_ruler" not in nlp.pipe_names
    names = nlp.pipe_names
    assert names.index("parser") < names.index("newsgraph_attributes_v1") < names.index("newsgraph_lemmas_v1")
    doc = nlp(set_article(nlp.make_doc("Lumen Freight didn't comment. Its spokeswoman said the talks were over."), "a1"))
    assert [t.lemma_ for t in doc][:4] == ["Lumen", "Freight", "do", "not"]


def test_unsupported_pattern_forms_are_refused():
    assert supports([{"patterns": [[{"TAG": "NN"}]], "attrs": {"POS": "NOUN"}, "index": 0}])
    assert not supports([{"patterns": [[{"LOWER": "a", "OP": "+"}]], "attrs": {"POS": "DET"}, "index": 0}])
    assert not supports([{"patterns": [[{"LENGTH": {">=": 3}}]], "attrs": {"POS": "X"}, "index": 0}])
