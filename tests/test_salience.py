"""newsgraph.nlp.salience: the company an article is about."""
from __future__ import annotations

import pytest

from newsgraph.nlp.salience import company_salience, main_company


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
