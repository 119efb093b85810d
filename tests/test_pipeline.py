"""newsgraph.pipeline: components in order, a failing article rejected alone, and offsets that always
point into the article text (hypothesis)."""
from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsgraph.model import Analysis, Article, Rejection
from newsgraph.pipeline import Pipeline, to_analysis

COMPONENTS = ["newsgraph_paragraphs_v1", "newsgraph_attributes_v1", "newsgraph_lemmas_v1", "newsgraph_gazetteer_v1",
              "newsgraph_tickers_v1", "newsgraph_entities_v1",
              "newsgraph_attribution_v1", "newsgraph_facts_v1", "newsgraph_events_v1", "newsgraph_keywords_v1"]


def test_components_run_in_order_after_the_parts_they_need(pipeline):
    names = pipeline.nlp.pipe_names
    ours = [n for n in names if n.startswith("newsgraph_")]
    assert ours == COMPONENTS
    assert names.index("newsgraph_paragraphs_v1") < names.index("parser")
    assert names.index("newsgraph_gazetteer_v1") < names.index("ner") < names.index("newsgraph_tickers_v1")
    # the model's attribute rules (AttributeRules in place of spaCy's attribute_ruler) set token.pos
    assert "attribute_ruler" not in names
    assert names.index("parser") < names.index("newsgraph_attributes_v1") < names.index("newsgraph_lemmas_v1")
    assert names.index("newsgraph_attributes_v1") < names.index("newsgraph_gazetteer_v1")


def test_the_requires_assigns_check_finds_no_problem(pipeline):
    problems = pipeline.nlp.analyze_pipes(pretty=False)["problems"]
    assert all(not p for p in problems.values()), problems


class ExplodingNLP:
    """A stand-in Language: batches always fail, and one article fails on its own too."""

    def __init__(self, real):
        self.real = real

    def make_doc(self, text):
        return self.real.make_doc(text)

    def pipe(self, docs, batch_size=32):
        raise RuntimeError("batch failed")

    def __call__(self, doc):
        if "EXPLODE" in doc.text:
            raise ValueError("this one is broken")
        return self.real(doc)


def test_a_failing_article_is_rejected_alone_and_the_batch_goes_on(pipeline):
    flaky = Pipeline(nlp=ExplodingNLP(pipeline.nlp), batch_size=8)
    articles = [Article(id=f"a{i}", source=f"{i}.txt", text=t) for i, t in enumerate(
        ["Ford denied the report on Monday.", "EXPLODE here, please.", "Xiaomi declined to comment."])]
    out = list(flaky.pipe(articles))
    assert [type(o) for o in out] == [Analysis, Rejection, Analysis]
    assert out[1].source == "1.txt" and out[1].code == "analysis_failed"
    assert "ValueError" in out[1].reason
    assert [o.article_id for o in (out[0], out[2])] == ["a0", "a2"]


def test_pipe_matches_one_by_one(pipeline):
    articles = [Article(id=f"a{i}", source=f"{i}.txt", text=t) for i, t in enumerate(
        ["Ford denied the report on Monday.", "Nio delivered 31,457 vehicles in March, Reuters reported."])]
    batched = list(Pipeline(nlp=pipeline.nlp, batch_size=2).pipe(articles))
    single = [to_analysis(pipeline.nlp(pipeline.make_doc(a))) for a in articles]
    assert batched == single


SENTENCES = [
    "Ford (NYSE: F) denied the report on Monday.",
    "Xiaomi (HK:1810) said the claims were false.",
    "A spokesperson for BYD declined to comment.",
    "Samsung did not respond to a request for comment.",
    "Toyota confirmed the talks with Panasonic.",
    "Nikkei reported the plan, citing people familiar with the matter.",
    "According to a report from Reuters, Nio plans a listing.",
    "Nio delivered more than 31,000 vehicles in March.",
    "It expects revenue of €2.27bn in 2026.",
    "The company employs about 1,200 workers.",
    '"We are not in talks," a Stellantis spokeswoman said.',
    "“There is no truth to it,” Intel said.",
    "Shares rose 4% to $13.87.",
    "Advertisement",
    "What happens next",
    "Demand for electric vehicles (EV) slowed.",
    "Nestlé’s (NESN) sale drew three bidders.",
    "Café owners were not amused.",
]


@given(st.lists(st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=4), min_size=1, max_size=5))
def test_every_offset_stays_inside_the_article_text(pipeline, paragraphs):
    text = "\n\n".join(" ".join(p) for p in paragraphs)
    analysis = to_analysis(pipeline.nlp(pipeline.make_doc(Article(id="h1", source="h.txt", text=text))))
    spans = ([m.evidence for m in analysis.mentions] + [r.evidence for r in analysis.reports]
             + [r.evidence for r in analysis.responses] + [f.evidence for f in analysis.facts]
             + [f.quantity for f in analysis.facts if f.quantity is not None])
    for ev in spans:
        assert ev.article_id == "h1"
        assert 0 <= ev.start < ev.end <= len(text)
        assert ev.text_in(text) == text[ev.start:ev.end]
        assert ev.text_in(text).strip()
    for f in analysis.facts:
        if f.quantity is not None:
            assert f.evidence.start <= f.quantity.start and f.quantity.end <= f.evidence.end
    for r in analysis.responses:
        if r.quote:
            assert r.quote in text[r.evidence.start:r.evidence.end]
