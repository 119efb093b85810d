"""newsgraph.nlp.entities.salience: the company an article is about."""
from __future__ import annotations

import pytest

from newsgraph.nlp.entities.salience import company_salience, main_company


@pytest.mark.parametrize("text, expected", [
    # named in the headline, though a rival is named more often in the body
    (("Tesla Cuts Prices In China\n\nThe move puts pressure on BYD. BYD has cut prices twice this year, and "
      "BYD dealers expect more cuts. Tesla declined to comment."), "Tesla"),
    # no headline: the company with its ticker in the text
    (("Asian shares moved sharply on Monday. Analysts said Toyota Motor (TYO: 7203) would report record profit "
      "as the yen weakened. Xiaomi rose too, and Xiaomi did not comment."), "Toyota Motor"),
    # otherwise the company named most often
    (("Asian shares moved sharply on Monday. Xiaomi rose. Analysts said Toyota Motor was cheap. Toyota Motor "
      "is due to report next week, and Toyota Motor expects record profit."), "Toyota Motor"),
])
def test_main_company(analyse, text, expected):
    assert main_company(analyse(text)).name == expected


def test_only_companies_are_scored(analyse):
    doc = analyse("The Financial Times said Panasonic would build a plant in Kansas.")
    scores = company_salience(doc)
    assert set(scores) == {k for k, e in doc._.entities.items() if e.type.value == "company"} != set()


def test_no_company_no_main_company(analyse):
    assert main_company(analyse("It rained all day in the harbour town.")) is None


@pytest.mark.parametrize("text, expected", [
    # what is said of a brand counts for the company that owns it: "Acme's Widgetly"
    (("Toyota Motor's Lexus brand sold more cars in May. Lexus dealers said Lexus buyers waited for "
      "hybrids, and Lexus expects more."), "Toyota Motor"),
    # "Acme's messaging app, Widgetly": the owner through an apposition
    (("Tesla's insurance arm, Quillon, grew fast this year. Quillon now sells cover in six states, and "
      "Quillon plans more."), "Tesla"),
    # a name the NER found that no gazetteer or ticker confirms counts half: products, units, sites
    (("Panasonic said on Monday that Voltiqa batteries would be made in Kansas. Voltiqa cells are cheap, "
      "and the Voltiqa line grows."), "Panasonic"),
])
def test_main_company_owns_its_units_and_outranks_unconfirmed_names(analyse, text, expected):
    assert main_company(analyse(text)).name == expected


def test_a_headline_fragment_not_named_again_gets_no_headline_weight(analyse):
    doc = analyse("Miners Stay On Track For Record Year\n\nNewmont raised its output forecast on Tuesday. "
                  "Newmont said its mines ran well.")
    assert main_company(doc).name == "Newmont"

