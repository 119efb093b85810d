"""newsgraph.nlp.speech: every attribution (quotation, reported clause, 'according to') as source,
cue and content spans of the text."""
from __future__ import annotations

import pytest

from newsgraph.nlp.speech import quotations


def triples(doc) -> set[tuple[str | None, str, str]]:
    text = doc.text
    return {(a.source.text_in(text) if a.source else None, a.cue.text_in(text),
             " | ".join(c.text_in(text) for c in a.content)) for a in doc._.attributions}


@pytest.mark.parametrize("text, expected", [
    # indirect speech, either order
    ("Brightwater said the plant would close in March.",
     {("Brightwater", "said", "the plant would close in March")}),
    ("The plant would close in March, the company's chief executive told reporters.",
     {("the company's chief executive", "told", "The plant would close in March")}),
    ("Analysts at two banks have argued that the merger is overpriced.",
     {("Analysts at two banks", "have argued", "that the merger is overpriced")}),
    # direct quotations: straight and curly, split by the cue, over two sentences
    ('"We are not selling the plant," said Maria Lindqvist.',
     {("Maria Lindqvist", "said", '"We are not selling the plant,"')}),
    ("“Demand is strong. We will hire more workers,” the spokeswoman said.",
     {("the spokeswoman", "said", "“Demand is strong. We will hire more workers,”")}),
    ("“We expect a record year,” she said, “and we will add a second shift.”",
     {("she", "said", "“We expect a record year,” | “and we will add a second shift.”")}),
    # stances with an object, as PolNeAR annotates them
    ("The union called for a new vote on the contract.",
     {("The union", "called for", "a new vote on the contract")}),
    # according to
    ("Sales fell 12 percent last quarter, according to the company's annual filing.",
     {("the company's annual filing", "according to", "Sales fell 12 percent last quarter")}),
])
def test_attributions(analyse, text, expected):
    assert triples(analyse(text)) == expected


@pytest.mark.parametrize("text", [
    "The company plans to build a second plant next year.",  # a plan, not speech
    "The plant employs 900 people and makes battery cells for two carmakers.",
    "Shares rose 4 percent after the results were published.",
    'The so-called "gigafactory" opened in May.',  # a scare quote
])
def test_no_attribution(analyse, text):
    assert triples(analyse(text)) == set()


def test_quoted_speaker_resolves_to_the_entity(analyse):
    doc = analyse("Toyota Motor opened a plant in Texas. A Toyota spokesman said the plant would employ 900 people.")
    (a,) = doc._.attributions
    assert a.source_key and doc._.entities[a.source_key].name.startswith("Toyota")


@pytest.mark.parametrize("text, expected", [
    ('He said "yes" twice.', [(8, 13)]),
    ("“One.\n\nTwo”", []),  # a quotation does not run over a paragraph break
    ("“A long quote,” she said, “goes on.”", [(0, 15), (26, 36)]),
])
def test_quotations(text, expected):
    assert quotations(text) == expected


def test_offsets_stay_inside_the_text(analyse):
    doc = analyse("“It is done,” Ford said. Shares rose, according to data from the exchange.")
    for a in doc._.attributions:
        for ev in (a.cue, *a.content, *([a.source] if a.source else [])):
            assert 0 <= ev.start < ev.end <= len(doc.text)
