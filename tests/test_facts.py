"""newsgraph.nlp.facts (the facts component and its rule modules): value, unit, qualifier, subject, metric and period of each figure; years,
model names, tickers and source counts are not facts."""
from __future__ import annotations

from datetime import datetime

import pytest

E, A, MT, LT, T, F = "exact", "about", "more_than", "less_than", "target", "forecast"


def facts(doc) -> list[tuple[str, float, str | None, str]]:
    return [(f.subject, f.value, f.unit, f.qualifier.value) for f in doc._.facts]


@pytest.mark.parametrize("text, expected", [
    ("Ford plans to invest $9 billion in new battery plants.", ("Ford Motor Company", 9e9, "USD", T)),
    ("Stellantis booked a restructuring charge of €2.27bn in the first half of 2025.",
     ("Stellantis", 2.27e9, "EUR", E)),
    ("Nestle owns 100% of the frozen food unit.", ("Nestlé", 100.0, "percent", E)),
    ("Toyota recalled more than 411,000 vehicles in the United States.", ("Toyota Motor", 411000.0, "vehicles", MT)),
    ("Boeing employs about 1,200 workers at its Renton site.", ("Boeing", 1200.0, "workers", A)),
    ("Stellantis will cut fewer than 2,000 jobs at the plant.", ("Stellantis", 2000.0, "jobs", LT)),
    ("Nio targets 440,000 deliveries in 2026.", ("Nio", 440000.0, None, T)),
    ("Nio aims to deliver 440,000 vehicles in 2026.", ("Nio", 440000.0, "vehicles", T)),
    ("Airbus aims to build 75 jets a month by 2027.", ("Airbus", 75.0, "aircraft", T)),
    ("Intel expects revenue of $13.2 billion in the fourth quarter.", ("Intel", 13.2e9, "USD", F)),
    ("Panasonic made a net profit of ¥448 billion in the year.", ("Panasonic", 448e9, "JPY", E)),
    ("Samsung may pay roughly 5.1 billion dollars for the stake.", ("Samsung Electronics", 5.1e9, "USD", A)),
    ("Tesla sold 20,000 units of the Model 3 in 2024.", ("Tesla", 20000.0, "vehicles", E)),
    # the subject through 'It' and 'the company'
    ("Xiaomi unveiled a new sedan on Thursday. It delivered 135,000 cars last year.",
     ("Xiaomi", 135000.0, "vehicles", E)),
    ("Panasonic reported results on Friday. The company posted an operating profit of ¥448 billion.",
     ("Panasonic", 448e9, "JPY", E)),
    ("Intel forecast revenue of $13.2 billion for the fourth quarter of 2025.", ("Intel", 13.2e9, "USD", F)),
    ("Analysts expect Intel to post revenue of $13.2 billion in the fourth quarter.", ("Intel", 13.2e9, "USD", F)),
    ("Panasonic said operating profit fell 12% to ¥448 billion.", ("Panasonic", 448e9, "JPY", E)),
])
def test_value_unit_qualifier_and_subject(analyse, text, expected):
    assert expected in facts(analyse(text))


@pytest.mark.parametrize("text, metric_words, period", [
    ("Stellantis booked a restructuring charge of €2.27bn in the first half of 2025.", {"charge"}, "H1 2025"),
    ("Nio targets 440,000 deliveries in 2026.", {"deliver"}, "2026"),
    ("Toyota recalled more than 411,000 vehicles in the United States.", {"vehicle"}, None),
    ("Panasonic reported results on Friday. The company posted an operating profit of ¥448 billion.",
     {"operating", "profit"}, None),
    ("Intel expects revenue of $13.2 billion in the fourth quarter of 2025.", {"revenue"}, "Q4 2025"),
    ("Volvo Cars aims to lower its annual costs by 18 billion Swedish crowns by the end of 2026.",
     {"cost", "reduction"}, "2026"),
    ("Nestle shares were lower at 78.10 Swiss francs.", {"share", "price"}, None),
    ("Kibon generated sales of 3.1 billion reais in 2025.", {"sales"}, "2025"),
])
def test_metric_and_period(analyse, text, metric_words, period):
    fact, = analyse(text)._.facts
    assert all(w in fact.metric for w in metric_words), fact.metric
    assert fact.period == period


def test_relative_periods_use_the_publication_date(analyse):
    doc = analyse("Xiaomi unveiled a new sedan on Thursday. It delivered 135,000 cars last year.",
                  published_at=datetime(2026, 2, 1))
    fact, = doc._.facts
    assert fact.period == "2025"


@pytest.mark.parametrize("text, not_values", [
    ("In 2024, Ford opened a new paint shop in Kentucky.", {2024.0}),
    ("Tesla sold 20,000 units of the Model 3 in 2024.", {3.0, 2024.0}),
    ("Apple will ship the iPhone 17 to stores in Japan first.", {17.0}),
    ("Two people familiar with the matter said Ford was weighing the sale.", {2.0}),
    ("Xiaomi (HK:1810) is one of the largest phone makers in the world.", {1.0, 1810.0}),
    ("Investors bid up Toyota Motor (TYO: 7203) on Friday.", {7203.0}),
    ("Ford's 2026 lineup will include three new trucks.", {2026.0}),
])
def test_years_model_names_tickers_and_sources_are_not_facts(analyse, text, not_values):
    assert {f.value for f in analyse(text)._.facts} & not_values == set()


def test_no_fact_without_a_subject(analyse):
    assert analyse("The factory would cost $3 billion and employ 1,500 people.")._.facts == []


@pytest.mark.parametrize("text, words", [
    ("Toyota recalled more than 411,000 vehicles in the United States.", "more than 411,000"),
    ("Stellantis booked a restructuring charge of €2.27bn in the first half of 2025.", "€2.27bn"),
    ("Nestle owns 100% of the frozen food unit.", "100%"),
])
def test_the_quantity_span_covers_the_figure_and_the_evidence_the_sentence(analyse, text, words):
    fact, = analyse(text)._.facts
    assert fact.quantity is not None
    assert text[fact.quantity.start:fact.quantity.end] == words
    assert text[fact.evidence.start:fact.evidence.end] == text


@pytest.mark.parametrize("text, expected", [
    # a site's figures belong to the company that runs it
    ("Airbus opened a new assembly hall in Toulouse. The plant will build 60 jets a year.",
     ("Airbus", 60.0, "aircraft", E)),
    ("Panasonic is expanding in Kansas. The first phase of the factory has a capacity of 30 GWh.",
     ("Panasonic", 30.0, "GWh", E)),
    ("Nestle said output would rise. About 900 people work at the site near Lyon.",
     ("Nestlé", 900.0, "people", A)),
    # '-maker' descriptions refer back like 'the company'
    ("Boeing won an order on Monday. The planemaker delivered 48 aircraft in April.",
     ("Boeing", 48.0, "aircraft", E)),
    # an analyst's firm judges the figure; the figure is about the article's company
    ("Nestle agreed to sell the unit. UBS analysts said the price is roughly 1.5 times annual sales.",
     ("Nestlé", 1.5, None, A)),
    # whose share: a lost subject of a conjoined verb, a share 'for' someone
    ("Under the plan, Airbus would own 55% of the venture and Safran would hold the other 45%.",
     ("Safran", 45.0, "percent", E)),
    ("The filing says Airbus would take 55% of the venture against 45% for Safran.", ("Safran", 45.0, "percent", E)),
    # a currency code before the number
    ("The average Nestle price target of CHF 88.40 is above the share price.", ("Nestlé", 88.4, "CHF", E)),
])
def test_subjects_through_sites_descriptions_and_analysts(analyse, text, expected):
    assert expected in facts(analyse(text))


@pytest.mark.parametrize("text, earlier, words, period, metric_word", [
    ("Airbus delivered 61 aircraft in May 2026, up from 52 a year earlier.", 52.0, "52", "May 2025", "deliveries"),
    ("Boeing will raise output to 45 jets a month from 38.", 38.0, "38", None, "previous"),
    ("Nestle raised its dividend to CHF 3.10 from CHF 3.00.", 3.0, "CHF 3.00", None, "previous dividend"),
    ("Unilever said turnover was 15.2 billion euros in the third quarter of 2026, against 15.0 billion euros a "
     "year earlier.", 15e9, "15.0 billion", "Q3 2025", "turnover"),
])
def test_the_earlier_value_of_a_change(analyse, text, earlier, words, period, metric_word):
    fact = next(f for f in analyse(text)._.facts if f.value == earlier)
    assert fact.period == period
    assert metric_word in fact.metric
    assert text[fact.quantity.start:fact.quantity.end] == words


def test_analyst_counts_in_words_of_rating_and_the_consensus_target_are_about_the_covered_stock(analyse):
    doc = analyse("Panasonic shares rose on Tuesday. Of the 12 analysts covering the stock, 7 rate it Buy, 4 Hold and "
                  "1 Sell. Their average price target is ¥2,150, implying about 9% upside.")
    found = {(f.subject, f.metric, f.value) for f in doc._.facts}
    assert {("Panasonic", "analyst Buy ratings", 7.0), ("Panasonic", "analyst Hold ratings", 4.0),
            ("Panasonic", "analyst Sell ratings", 1.0), ("Panasonic", "average price target", 2150.0)} <= found


def test_a_pronoun_owner_of_the_shares_is_the_company_before_it(analyse):
    doc = analyse("Booking reported higher revenue on Thursday. Its shares fell 1.2% to $5,310 in late trading.")
    assert {(f.subject, f.metric, f.value) for f in doc._.facts} >= {
        ("Booking", "share price change", -1.2), ("Booking", "share price", 5310.0)}


def test_both_ends_of_a_target_range_share_its_period(analyse):
    doc = analyse("Siemens Energy reported a backlog of €138 billion at the end of its fiscal third quarter. The "
                  "company targets a profit margin of 10% to 12% for its grid unit by 2028.")
    margins = {(f.value, f.qualifier.value, f.period) for f in doc._.facts if "margin" in f.metric}
    assert margins == {(10.0, "target", "2028"), (12.0, "target", "2028")}


def test_a_forecast_range_said_in_a_month_is_the_year_s_and_both_ends_have_its_metric(analyse):
    doc = analyse("Hollis Foods lowered its full-year sales forecast in August to between $9.7 billion and "
                  "$9.9 billion.", published_at=datetime(2026, 11, 16))
    assert {(f.subject, f.metric, f.value, f.period) for f in doc._.facts} == {
        ("Hollis Foods", "sales forecast", 9.7e9, "2026"), ("Hollis Foods", "sales forecast", 9.9e9, "2026")}


def test_what_an_amount_is_in(analyse):
    fact, = analyse("Hollis Foods expects $45 million in yearly cost savings from the deal.")._.facts
    assert fact.metric.endswith("cost savings")


def test_a_bare_share_move_belongs_to_the_company_just_named(analyse):
    text = "Ørsted said it does not comment on rumours.\n\n11:20 CET\n\nAirbus shares rose 2.4% after the results."
    assert {(f.subject, f.value) for f in analyse(text)._.facts} == {("Airbus", 2.4)}


@pytest.mark.parametrize("text, subject", [
    ("The regulator said it had fined Vantex Bank £48 million for failing checks.", "Vantex Bank"),
    ("The EU fined Google €4.3 billion in 2018.", "Alphabet"),
])
def test_a_fine_is_the_fined_company_s(analyse, text, subject):
    fact, = analyse(text)._.facts
    assert (fact.subject, fact.metric) == (subject, "fine")


def test_a_change_in_results_takes_the_period_of_its_paragraph_not_the_day(analyse):
    doc = analyse("SK Hynix reported an operating profit of 11.4 trillion won for the July-September quarter. "
                  "Revenue rose 39% from a year earlier to 24.4 trillion won.", published_at=datetime(2026, 10, 24))
    change = next(f for f in doc._.facts if f.metric.endswith("change"))
    assert change.period == "Jul-Sep 2026"  # the story record names it Q3 2026 (newsgraph.periods.as_quarter)


def test_a_revised_figure_is_the_level_of_what_was_revised_and_a_move_up_is_a_change(analyse):
    doc = analyse("Kaito Heavy raised its operating profit forecast for the year ending in March 2027 to 420 "
                  "billion yen from 380 billion yen. Its shares closed up 2.8% at 4,012 yen.")
    metrics = {f.value: f.metric for f in doc._.facts}
    assert metrics[420e9] == "profit forecast" and metrics[380e9].endswith("profit forecast")
    assert metrics[2.8] == "share price change"


def test_a_share_price_is_the_day_s_and_a_valuation_is_the_valued_company_s(analyse):
    doc = analyse("The talks could value Kibon at about 4.5 billion reais, Unilever said. Unilever shares rose "
                  "1.2% to 4,612 pence on Monday.", published_at=datetime(2026, 9, 14, 9))
    found = {(f.subject, f.value, f.period) for f in doc._.facts}
    assert {("Kibon", 4.5e9, None), ("Unilever", 4612.0, "2026-09-14")} <= found


def test_a_share_price_with_no_day_in_its_sentence_is_the_publication_day_s(analyse):
    doc = analyse("Shares in Volvo Cars fell 2.3% to 23.10 crowns in Stockholm by midday.",
                  published_at=datetime(2026, 10, 5, 11))
    assert {(f.metric, f.period) for f in doc._.facts} == {("share price change", "2026-10-05"),
                                                            ("share price", "2026-10-05")}


def test_a_move_and_its_level_share_the_day_named_anywhere_in_the_sentence(analyse):
    doc = analyse("Orsolo Pharma's shares closed up 12.5% at DKK 960 in Copenhagen on Monday after the trial "
                  "read-out.", published_at=datetime(2026, 11, 18, 9))
    assert {(f.metric, f.value, f.unit, f.period) for f in doc._.facts} == {
        ("share price change", 12.5, "percent", "2026-11-16"), ("share price", 960.0, "DKK", "2026-11-16")}


@pytest.mark.parametrize("text, level, unit", [
    ("Siemens finished the session 4.2% lower at 151.30 euros.", 151.3, "EUR"),
    ("Siemens shares were down 3.4% at 412.5p in early London trading.", 412.5, "GBX"),
    ("Siemens closed 1.1% higher at SEK 87.4 in Stockholm.", 87.4, "SEK"),
])
def test_a_level_after_a_market_move_is_the_share_price(analyse, text, level, unit):
    found = {(f.metric, f.value, f.unit) for f in analyse(text, published_at=datetime(2026, 11, 18, 9))._.facts}
    assert ("share price", level, unit) in found
    assert any(metric == "share price change" for metric, _, _ in found)


def test_a_count_a_company_closed_its_quarter_at_is_no_share_price(analyse):
    doc = analyse("Volvo Cars closed the third quarter at 182,400 deliveries.", published_at=datetime(2026, 10, 2))
    assert "share price" not in {f.metric for f in doc._.facts}


def test_the_market_a_price_is_quoted_on_is_not_its_subject(analyse):
    doc = analyse("Nokia's share price closed 2.2% lower at 4.12 euros on Nasdaq Helsinki on Thursday.",
                  published_at=datetime(2026, 11, 6))
    assert {f.subject for f in doc._.facts} == {"Nokia"}


def test_an_earlier_year_s_value_does_not_date_the_figures_after_it(analyse):
    doc = analyse("Nordea posted net profit of 1.4 billion euros in the July-September quarter, up from 1.3 billion "
                  "euros a year earlier and above the 1.35 billion euros expected by analysts. Net interest income "
                  "rose 3% to 1.9 billion euros.", published_at=datetime(2026, 10, 20))
    periods = {f.value: (f.period, f.qualifier.value) for f in doc._.facts}
    assert periods[1.3e9] == ("Jul-Sep 2025", E)
    assert periods[1.35e9] == ("Jul-Sep 2026", F)
    assert periods[1.9e9][0] == "Jul-Sep 2026"


def test_a_figure_in_the_month_takes_the_month_named_before_not_the_quarter(analyse):
    doc = analyse("Xpeng said it delivered 36,700 vehicles in October, taking its year-to-date total to 290,000. "
                  "Its Mona brand delivered 15,200 vehicles in the month, while the flagship Xpeng brand delivered "
                  "21,500.", published_at=datetime(2026, 11, 1))
    found = {f.value: (f.subject, f.period) for f in doc._.facts}
    assert found[15200.0] == ("Mona", "Oct 2026")
    assert found[21500.0][0] == "XPeng"


@pytest.mark.parametrize("text, counts", [
    ("Of the 20 analysts who follow Unilever, 11 rate the stock a buy, 7 a hold and one a sell.",
     {"Buy": 11.0, "Hold": 7.0, "Sell": 1.0}),
    ("Of the ten analysts covering Unilever, four recommend buying the shares, five rate them a hold and one a "
     "sell.", {"Buy": 4.0, "Hold": 5.0, "Sell": 1.0}),
    ("Unilever consensus. Buy: 12 | Hold: 8 | Sell: 3", {"Buy": 12.0, "Hold": 8.0, "Sell": 3.0}),
])
def test_analyst_rating_counts_in_more_wordings(analyse, text, counts):
    found = {f.metric: f.value for f in analyse(text)._.facts if f.metric.endswith("ratings")}
    assert found == {f"analyst {word} ratings": n for word, n in counts.items()}


@pytest.mark.parametrize("text", [
    "Shares in Unilever fell. Barclays stays overweight but lowers its target to 4,300p from 4,650p.",
    "Shares in Unilever fell.\n\n* Barclays - DOWNGRADE to Hold from Buy; target cut to 4,300p from 4,650p.",
    "Shares in Unilever fell. Barclays cut its target price on Unilever to 4,300p from 4,650p and kept a Hold rating.",
])
def test_a_broker_s_target_is_a_price_target_on_the_covered_company(analyse, text):
    found = {(f.subject, f.metric, f.value, f.qualifier.value) for f in analyse(text)._.facts}
    assert ("Unilever", "price target", 4300.0, E) in found
    assert ("Unilever", "previous price target", 4650.0, E) in found


@pytest.mark.parametrize("text, published, period", [
    ("Siemens said revenue rose to 19.9 billion euros in the three months to September.", (2026, 11, 18), "Jul-Sep 2026"),
    ("Siemens said revenue rose to 19.9 billion euros in the three months to October 31.", (2026, 11, 18), "Aug-Oct 2026"),
    ("Siemens earned 2 billion euros in the six months ended June 30.", (2026, 7, 28), "H1 2026"),
    ("Siemens made a profit of 1 billion euros in the nine months through September.", (2026, 11, 2), "Jan-Sep 2026"),
    ("Siemens expects a profit of 9 billion euros in the year to March.", (2026, 11, 18), "FY to Mar 2027"),
    ("Siemens made a profit of 9 billion euros in the year to March.", (2026, 5, 12), "FY to Mar 2026"),
    ("Siemens made a profit of 9 billion euros in the fiscal year ending in March 2025.", (2026, 11, 18), "FY to Mar 2025"),
])
def test_a_period_named_by_the_month_it_ends_in(analyse, text, published, period):
    fact, = analyse(text, published_at=datetime(*published))._.facts
    assert fact.period == period


def test_a_change_takes_the_period_of_the_level_it_led_to(analyse):
    doc = analyse("Siemens said revenue rose 11% to 19.9 billion euros in the three months to September.",
                  published_at=datetime(2026, 11, 18))
    assert {f.period for f in doc._.facts} == {"Jul-Sep 2026"}


def test_a_brand_the_ner_took_for_a_person_does_not_own_the_stores(analyse):
    doc = analyse("Kingfisher said it would close 12 Castorama stores in France this year.",
                  published_at=datetime(2026, 11, 18))
    assert [(f.subject, f.value) for f in doc._.facts] == [("Kingfisher", 12.0)]


def test_a_country_s_largest_company_is_the_company_named_before(analyse):
    doc = analyse("Infineon shares rose on Thursday. Germany's largest chipmaker posted revenue of 3.9 billion euros "
                  "for the quarter.", published_at=datetime(2026, 11, 12))
    assert [(f.subject, f.value) for f in doc._.facts if f.metric == "revenue"] == [("Infineon", 3.9e9)]


@pytest.mark.parametrize("text, unit", [
    ("BRISBANE - Suncorp said the hailstorm in Brisbane would cost it $350 million. The insurer, listed on the ASX, "
     "said claims in Queensland rose.", "AUD"),
    ("TORONTO - Air Canada said its hangar in Vancouver would cost $350 million, and hiring in Toronto would follow.",
     "CAD"),
    ("Suncorp said the storm in Brisbane would cost it $350 million, about US$230 million, in Queensland.", "USD"),
    ("Ford said its plant in Ohio would cost $350 million, with parts from Ontario and Toronto.", "USD"),
])
def test_a_bare_dollar_is_the_local_dollar_of_a_paper_placed_in_a_dollar_country(analyse, text, unit):
    fact = next(f for f in analyse(text)._.facts if f.value == 350e6)
    assert fact.unit == unit


def test_we_in_a_quoted_executive_is_the_company_not_the_executive(analyse):
    doc = analyse('Suncorp said the storm would cost it more. "We estimate the net cost of the event at 350 million '
                  'dollars," chief executive Julia Marsh said.')
    assert [f.subject for f in doc._.facts if f.value == 350e6] == ["Suncorp"]


@pytest.mark.parametrize("text", [
    "Antofagasta shares rose. BHP offered 2,650p a share for Antofagasta.",
    "Antofagasta shares rose on Monday. Antofagasta said it rejected the proposal. Glencore made a takeover approach "
    "at around 2,650p a share, the newspaper reported.",
])
def test_an_offer_per_share_is_a_figure_of_the_target(analyse, text):
    found = {(f.subject, f.metric) for f in analyse(text)._.facts if f.value == 2650.0}
    assert found == {("Antofagasta", "offer price per share")}


@pytest.mark.parametrize("text, period", [
    ("Swiggy's net loss widened to Rs 1,092 crore in Q2 FY2027.", "Q2 FY2027"),
    ("Suncorp reported an insurance trading ratio of 11.4 per cent for 2025-26.", "FY 2025/2026"),
    ("Finnair will cut its capacity by 9.6% in winter 2026/27.", "winter 2026/2027"),
    ("Infosys expects revenue growth of 3% in FY27.", "FY 2027"),
])
def test_fiscal_periods(analyse, text, period):
    fact, = analyse(text, published_at=datetime(2026, 11, 12))._.facts
    assert fact.period == period


def test_rupees_written_rs(analyse):
    found = {(f.value, f.unit) for f in analyse("Swiggy's loss was Rs. 626 crore, against Rs 408 crore.")._.facts}
    assert (6.26e9, "INR") in found


def test_the_component_declares_what_it_reads_and_writes():
    from spacy.language import Language

    from newsgraph.nlp.facts import component  # noqa: F401  registers the factory

    meta = Language.get_factory_meta("newsgraph_facts_v1")
    assert meta.assigns == ["doc._.facts"]
    assert {"doc._.entities", "doc._.mentions", "doc._.key_of_token", "doc._.dateline"} <= set(meta.requires)
