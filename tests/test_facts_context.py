"""newsgraph.nlp.facts on the habits of real business prose: who a figure is about when analysts,
brokers and data vendors speak (sources), comparison sentences with market indices (markets), the
scale of a figure ('80 cents', '$1.5 bn'), and the period the context gives (periods). Sentences are
our own, invented for the tests."""
from __future__ import annotations

import pytest


def found(doc) -> list[tuple[str, float, str | None, str | None]]:
    return [(f.subject, round(f.value, 6), f.unit, f.period) for f in doc._.facts]


def by_value(doc, value: float):
    return next(f for f in doc._.facts if abs(f.value - value) < 1e-9)


@pytest.mark.parametrize("text, value, subject", [
    # a data vendor's consensus is the covered company's figure, never the vendor's
    ("Nestle reported second-quarter results on Thursday. Revenue rose 4% to $9.2 billion, compared with the "
     "FactSet consensus of $9.1 billion.", 9.1e9, "Nestlé"),
    # an analyst named as one, and again by name, is never the subject of her price target
    ("Analyst Jane Roe raised her price target on Intel to $61 from $52. Roe expects revenue of $14 billion.",
     61.0, "Intel"),
    # a broker that sets a target on a stock judges it: the target is the covered company's
    ("Nike shares climbed 3% on Thursday. Later, Barclays lifted its target on the company's stock from $58 to "
     "$66.", 66.0, "Nike"),
    # 'raised Nike's target price': the broker judges, whatever the metric is called; a name of
    # several words counts once ('J.P. Morgan')
    ("Nike reported strong results. J.P. Morgan kept its rating. Morgan also raised Nike's target price to "
     "$80 from $78.", 80.0, "Nike"),
    ("Nike reported strong results. Morgan Stanley raised its target price on Nike to $84 from $78.", 84.0, "Nike"),
    # 'his bull-case target': an analyst's own call, about the covered stock, whoever 'his' may seem to be
    ("Nike shares rose. Analyst Tom Hale raised his target for the stock to $95. His bull-case target is $120.",
     120.0, "Nike"),
])
def test_a_source_is_never_the_subject(analyse, text, value, subject):
    fact = by_value(analyse(text), value)
    assert fact.subject == subject


def test_a_source_found_only_by_fallback_is_less_sure(analyse):
    doc = analyse("Nestle reported second-quarter results on Thursday. Revenue rose 4% to $9.2 billion, compared "
                  "with the FactSet consensus of $9.1 billion.")
    assert by_value(doc, 9.1e9).confidence < 1.0


def test_each_figure_of_a_comparison_takes_its_own_clause_s_subject(analyse):
    doc = analyse("Intel shares have risen 20% in the year to date, whereas the S&P 500 index has added 9% and the "
                  "Dow Jones Industrial Average has added 7%.")
    subjects = {f.value: f.subject for f in doc._.facts}
    assert subjects[20.0] == "Intel"
    assert subjects[9.0] == "S&P 500 index"
    assert subjects[7.0] == "Dow Jones Industrial Average"
    assert {f.period for f in doc._.facts} == {"YTD"}  # the period the sentence states once


def test_an_index_named_by_its_market_and_a_hyphened_number(analyse):
    doc = analyse("Intel stock has gained 5.2% this year, while the Nasdaq - 100 Index has risen 3.9% and the Dow "
                  "industrials have added 2.8%.")
    subjects = {f.value: f.subject for f in doc._.facts}
    assert subjects[5.2] == "Intel"
    assert subjects[3.9] == "Nasdaq - 100 Index" and subjects[2.8] == "Dow industrials"
    assert 100.0 not in subjects  # the number of an index's name is no figure


@pytest.mark.parametrize("text, value, subject", [
    ("Nike reported results. Footwear Direct, Nike's largest segment, posted an 8% rise in revenue.", 8.0, "Nike"),
    ("Nike reported results. Swoosh Labs, a unit of Nike, grew sales 12%.", 12.0, "Nike"),
    # a company's figure in a market is the company's, not the place's; a place's own figure stays the place's
    ("Nike reported results. Leaving out currency moves, U.S. sales were up 6%.", 6.0, "Nike"),
    ("Nike reported results on Tuesday. China's exports of shoes rose 4% in May.", 4.0, "China"),
    ("Shares of Nike rose on Wednesday after the company reported results. The golf division had a weak quarter. "
     "This time, the division's revenue fell 9%.", -9.0, "Nike"),
])
def test_a_segment_s_figures_are_its_company_s(analyse, text, value, subject):
    assert by_value(analyse(text), value).subject == subject


def test_an_index_named_after_a_change_noun(analyse):
    doc = analyse("Over the past quarter Intel stock climbed 6.4%, against a 2.1% gain in the S&P 500 index.")
    assert by_value(doc, 2.1).subject == "S&P 500 index"
    assert 500.0 not in {f.value for f in doc._.facts}  # the number of an index's name is no figure


@pytest.mark.parametrize("text, value, unit", [
    ("Intel stock is down 80 cents at $31.04.", -0.8, "USD"),
    ("Intel cut costs by $1.5 bn.", 1.5e9, "USD"),
    ("Intel needs an extra $880 mm of revenue.", 8.8e8, "USD"),
])
def test_scale_words_and_cents(analyse, text, value, unit):
    assert any(abs(f.value - value) < 1e-6 and f.unit == unit for f in analyse(text)._.facts), found(analyse(text))


def test_a_range_written_with_two_hyphens(analyse):
    doc = analyse("Intel expects gross margin of 40% -- 42%.")
    assert {(f.value, f.qualifier.value) for f in doc._.facts} == {(40.0, "forecast"), (42.0, "forecast")}


def test_a_rank_is_no_figure(analyse):
    assert not analyse("Intel currently carries a Zacks Rank #3.")._.facts


def test_a_count_of_analysts_is_no_figure(analyse):
    doc = analyse("Of the 17 analysts who cover Intel, six rate the stock a buy.")
    assert 17.0 not in {f.value for f in doc._.facts}


@pytest.mark.parametrize("text, value, period", [
    # 'during the quarter': the quarter the article named just before
    ("Toyota posted first-quarter results. During the quarter, its free cash flow grew 46% to $5.3 billion.",
     5.3e9, "Q1"),
    # an undated article's 'second quarter' is the one it named with its year
    ("Toyota raised its outlook for the second quarter of 2017. Operating margin in the second quarter is "
     "estimated at 12%.", 12.0, "Q2 2017"),
    # the base of a comparison is not the figure's period
    ("Toyota said sales rose 3% in the first half, compared with the same period in 2016.", 3.0, "H1"),
    ("Intel shares have gained 8% year to date.", 8.0, "YTD"),
])
def test_the_period_the_context_gives(analyse, text, value, period):
    assert by_value(analyse(text), value).period == period


def test_a_renamed_company_keeps_the_name_the_article_writes(analyse):
    doc = analyse("Facebook said revenue rose 5% to $9 billion.")
    assert {f.subject for f in doc._.facts} == {"Facebook"}


@pytest.mark.parametrize("text, value, period", [
    # the figures of one sentence and subject share the period it states once
    ("Acme Corp reported results. It booked a net loss of $3.1 billion against revenue of $7.5 billion for 2016.",
     3.1e9, "2016"),
    # a date opening the sentence dates every figure of its clause
    ("Acme Corp sells cars. In July 2017, the company's deliveries in China reached 52,000 cars, down "
     "9%.", -9.0, "Jul 2017"),
    # a level takes the period of the change that led to it
    ("Acme Corp said bookings climbed 2.4% in April to $11.2 billion.", 11.2e9, "Apr"),
    # a range's floor does not stand between its ceiling and the date
    ("Acme Corp updated its outlook. It expects a second-quarter operating margin somewhere in the range of 9% -- "
     "11%.", 11.0, "Q2"),
])
def test_the_period_a_sentence_states(analyse, text, value, period):
    assert by_value(analyse(text), value).period == period


def test_the_year_to_date_is_not_the_year(analyse):
    doc = analyse("Acme Corp posted third-quarter results. Its stock has climbed 57% in the year to date, whereas "
                  "the S&P 500 index has added 15%.")
    assert {f.period for f in doc._.facts} == {"YTD"}


def test_a_place_that_ends_with_a_company_s_name_is_that_company(analyse):
    doc = analyse("Automaker risks clash with regulators as it sheds jobs in North America Ford will cut 1,400 "
                  "jobs, the company said. Ford shares fell 1%.")
    assert by_value(doc, 1400.0).subject == "Ford Motor Company"


@pytest.mark.parametrize("text, value, unit", [
    ("Acme Insurance has 12,000 employees.", 12000.0, "employees"),
    ("Acme Airlines expects to carry 200 million passengers.", 200e6, "passengers"),
])
def test_a_counted_thing_keeps_its_unit(analyse, text, value, unit):
    assert by_value(analyse(text), value).unit == unit


@pytest.mark.parametrize("text, value", [
    # the owner of what a change is in
    ("Acme Corp reported results. In terms of engagement, there was 17.2% growth in Acme's monthly active "
     "users.", 17.2),
    # 'it' after a rating agency spoke is still the covered company
    ("Acme Corp shares slipped. Gamma Ratings downgraded Acme's debt on Monday. It has plunged 41.9% year to "
     "date.", 41.9),
])
def test_the_company_a_change_is_about(analyse, text, value):
    assert by_value(analyse(text), value).subject == "Acme"


def test_an_index_s_name_and_level(analyse):
    doc = analyse("Acme shares rose 2%, while the pan-European STOXX 600 index fell 0.3% to 548.2.")
    level = by_value(doc, 548.2)
    assert (level.subject, level.unit) == ("European STOXX 600 index", "points")


def test_a_spaced_model_number_is_no_figure(analyse):
    assert 7900.0 not in {f.value for f in analyse("Reviewers pick Intel's i9 - 7900 as the best processor.")._.facts}
