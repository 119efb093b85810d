"""newsgraph.nlp.facts.quantities: value, unit and qualifier of each figure, as a table of sentences
written for this test (`text, value, unit, qualifier`; a row with value None says the sentence
holds no figure at all). The table has a pinned accuracy floor; rows that fail today are listed
in KNOWN_MISSES with the reason and run as xfail."""
from __future__ import annotations

import math

import pytest

E, A, MT, LT, T, F = "exact", "about", "more_than", "less_than", "target", "forecast"
NONE = (None, None, None)
FLOOR = 0.95

TABLE: list[tuple[str, float | None, str | None, str | None]] = [
    # money, signs and magnitudes
    ("The group will pay $9 billion for the unit.", 9e9, "USD", E),
    ("The charge came to €2.27bn.", 2.27e9, "EUR", E),
    ("The plant will cost 2.3 billion euros.", 2.3e9, "EUR", E),
    ("The chipmaker will spend 5.9 trillion won on the line.", 5.9e12, "KRW", E),
    ("It raised $450 million from investors.", 450e6, "USD", E),
    ("The fine was £120m.", 120e6, "GBP", E),
    ("The bank set aside ¥448 billion.", 448e9, "JPY", E),
    ("The retailer paid HK$3.2 billion for the stores.", 3.2e9, "HKD", E),
    ("The deal is worth A$1.5 billion.", 1.5e9, "AUD", E),
    ("The miner earned C$800 million last year.", 800e6, "CAD", E),
    ("The lender posted a profit of US$2.1 billion.", 2.1e9, "USD", E),
    ("The insurer paid 3.4 billion yuan for the stake.", 3.4e9, "CNY", E),
    ("The startup raised 120 million yuan.", 120e6, "CNY", E),
    ("The tycoon spent 7 billion rupees on the port.", 7e9, "INR", E),
    ("Analysts see fair value at CHF 88.40 a share.", 88.4, "CHF", E),
    ("The bid values the group at EUR 3.5 billion.", 3.5e9, "EUR", E),
    ("The watchmaker reported sales of 1.2 billion Swiss francs.", 1.2e9, "CHF", E),
    ("The budget is 40 million pounds.", 40e6, "GBP", E),
    ("The company paid 15 million dollars in fines.", 15e6, "USD", E),
    ("Revenue reached $3.5bn in the quarter.", 3.5e9, "USD", E),
    ("The club was sold for €350m.", 350e6, "EUR", E),
    ("The stake is valued at $12.5 billion.", 12.5e9, "USD", E),
    ("Its shares closed at $47.08.", 47.08, "USD", E),
    ("The new price target is ¥2,300.", 2300.0, "JPY", E),
    ("The tablet sells for $499.", 499.0, "USD", E),
    ("The group has $92 billion in cash.", 92e9, "USD", E),
    ("The carmaker booked a $1.2 trillion order backlog.", 1.2e12, "USD", E),
    ("The firm spent $750,000 on lobbying.", 750000.0, "USD", E),
    ("The airline lost 5 million euros a day.", 5e6, "EUR", E),
    ("The EU fined the platform €4.3 billion.", 4.3e9, "EUR", E),
    ("The bid values the brewer at £68bn.", 68e9, "GBP", E),
    ("The startup is valued at $2 billion.", 2e9, "USD", E),
    ("Net income was $640 million.", 640e6, "USD", E),
    ("The refinery cost 30 billion rupees.", 30e9, "INR", E),
    ("The dividend is $0.52 a share.", 0.52, "USD", E),
    ("The merger creates a group with $40 billion in annual sales.", 40e9, "USD", E),
    ("The fund holds $1.1 trillion in assets.", 1.1e12, "USD", E),
    ("The chip plant will cost 20 trillion won.", 20e12, "KRW", E),
    ("Output was worth 9.8 billion won.", 9.8e9, "KRW", E),
    ("Sales rose to ₩3 trillion.", 3e12, "KRW", E),
    ("The deal is valued at 8 million Canadian dollars.", 8e6, "CAD", E),
    ("The shares closed at 412 pence.", 412.0, "GBX", E),
    ("The carmaker aims to save 18 billion Swedish crowns.", 18e9, "SEK", T),
    ("The shares ended at 23.10 crowns.", 23.1, "crowns", E),  # Swedish, Danish or Norwegian: kept as written
    ("The brewer paid 2 billion Mexican pesos for the bottler.", 2e9, "MXN", E),
    ("The utility will invest 12 billion zlotys in the grid.", 12e9, "PLN", E),
    ("The stock rose 3.1% to 4,790 pence.", 4790.0, "GBX", E),  # a change and its level, not a range
    ("It was the biggest gain in the FTSE 100 index.", None, None, None),
    # percentages
    ("The group owns 100% of the unit.", 100.0, "percent", E),
    ("The stake is 40 per cent.", 40.0, "percent", E),
    ("It holds a 60 percent stake in the venture.", 60.0, "percent", E),
    ("Margins widened by 2.5 percentage points.", 2.5, "percentage points", E),
    ("Shares rose 4.76% on Tuesday.", 4.76, "percent", E),
    ("The tariff is 25%.", 25.0, "percent", E),
    ("Unemployment stood at 3.9 percent.", 3.9, "percent", E),
    ("The stock has gained 18% this year.", 18.0, "percent", E),
    ("The bank cut its rate by 0.25 percentage point.", 0.25, "percentage points", E),
    ("The fund sold a 5 pct stake.", 5.0, "percent", E),
    # physical units
    ("The plant will make 40.5 GWh of cells a year.", 40.5, "GWh", E),
    ("The wind farm has 800 MW of capacity.", 800.0, "MW", E),
    ("The battery stores 75 kWh.", 75.0, "kWh", E),
    ("The reactor will supply 1.2 GW.", 1.2, "GW", E),
    ("The mine produced 2 million tonnes of copper.", 2e6, "tonnes", E),
    ("The field pumps 300,000 barrels a day.", 300000.0, "barrels", E),
    ("The line runs for 120 kilometres.", 120.0, "km", E),
    ("The pipeline is 450 miles long.", 450.0, "miles", E),
    ("The site covers 50,000 square metres.", 50000.0, "square metres", E),
    ("The smelter used 4 terawatt hours of power.", 4.0, "TWh", E),
    ("The factory will produce 30 GWh of batteries.", 30.0, "GWh", E),
    ("The warehouse covers 1 million square feet.", 1e6, "square feet", E),
    ("The farm will hold 20 MWh of storage.", 20.0, "MWh", E),
    ("The plant emits 3 million tons of carbon.", 3e6, "tonnes", E),
    # counts
    ("The plant employs 1,180 workers.", 1180.0, "workers", E),
    ("The stock has two Buys.", 2.0, "ratings", E),
    ("The stock has six Buy ratings.", 6.0, "ratings", E),
    ("The insurer has 12,000 employees.", 12000.0, "employees", E),
    ("The carmaker delivered 135,000 vehicles.", 135000.0, "vehicles", E),
    ("The chain runs 450 stores.", 450.0, "stores", E),
    ("The airline ordered 50 jets.", 50.0, "aircraft", E),
    ("The service has 30 million subscribers.", 30e6, "subscribers", E),
    ("The bank will cut 3,000 jobs.", 3000.0, "jobs", E),
    ("The brand sold 1.2 million cars.", 1.2e6, "vehicles", E),
    ("The app has 500 million users.", 500e6, "users", E),
    ("The maker shipped 20 million smartphones.", 20e6, "devices", E),
    ("The firm issued 10 million shares.", 10e6, "shares", E),
    ("The foundry makes 100,000 chips a month.", 100000.0, "chips", E),
    ("The group has 4.5 million customers.", 4.5e6, "customers", E),
    ("The union represents 2,400 staff.", 2400.0, "employees", E),
    ("The company recalled 411,837 vehicles.", 411837.0, "vehicles", E),
    ("The carrier operates 700 aircraft.", 700.0, "aircraft", E),
    # written numbers
    ("The airline will buy twelve planes.", 12.0, "aircraft", E),
    ("The group will close three plants, affecting 2,000 workers.", 2000.0, "workers", E),
    ("The bank will cut five thousand jobs.", 5000.0, "jobs", E),
    ("The retailer has forty stores.", 40.0, "stores", E),
    ("The fund raised two billion dollars.", 2e9, "USD", E),
    ("The company hired a dozen engineers and 300 workers.", 300.0, "workers", E),
    ("The stock has three Sells.", 3.0, "ratings", E),
    ("The stock has no Sells.", 0.0, "ratings", E),
    ("The maker sold 2.5 million vehicles.", 2.5e6, "vehicles", E),
    ("The utility will hire seven hundred workers.", 700.0, "workers", E),
    ("It paid half a billion dollars.", 0.5e9, "USD", E),
    ("The bank will close twenty branches and cut 900 jobs.", 900.0, "jobs", E),
    # about
    ("The project will cost about $5 billion.", 5e9, "USD", A),
    ("The venture will employ roughly 1,500 workers.", 1500.0, "workers", A),
    ("The company has nearly 2,300 employees.", 2300.0, "employees", A),
    ("The fund raised some $300 million.", 300e6, "USD", A),
    ("Revenue was around ¥2.2 trillion.", 2.2e12, "JPY", A),
    ("The plant makes approximately 200,000 cars a year.", 200000.0, "vehicles", A),
    ("The firm lost almost 10% of its value.", 10.0, "percent", A),
    ("The deal is worth an estimated $3 billion.", 3e9, "USD", A),
    ("The stock has risen close to 20% this year.", 20.0, "percent", A),
    ("The group employs some 40,000 people.", 40000.0, "people", A),
    ("The shares gained about 18% over the past year.", 18.0, "percent", A),
    ("Roughly 5,000 jobs are at risk.", 5000.0, "jobs", A),
    # more than
    ("The carmaker recalled more than 411,000 vehicles.", 411000.0, "vehicles", MT),
    ("The group will invest over $3 billion.", 3e9, "USD", MT),
    ("The closure affects more than 1,700 workers.", 1700.0, "workers", MT),
    ("Revenue topped at least $2 billion.", 2e9, "USD", MT),
    ("The firm has upwards of 500 stores.", 500.0, "stores", MT),
    ("The bank holds in excess of $10 billion in bonds.", 10e9, "USD", MT),
    ("Sales came in above $1 billion.", 1e9, "USD", MT),
    ("The plan would cost north of €2 billion.", 2e9, "EUR", MT),
    ("The company has more than 100 million users.", 100e6, "users", MT),
    ("Revenue exceeded $4 billion.", 4e9, "USD", MT),
    # less than
    ("The company will cut fewer than 2,000 jobs.", 2000.0, "jobs", LT),
    ("The startup has less than $50 million in cash.", 50e6, "USD", LT),
    ("The stake is under 5%.", 5.0, "percent", LT),
    ("The plan could cost up to $8 billion.", 8e9, "USD", LT),
    ("The fine was below €1 billion.", 1e9, "EUR", LT),
    ("The plant will employ at most 600 workers.", 600.0, "workers", LT),
    ("Prices fell to under $70 a barrel.", 70.0, "USD", LT),
    ("The shop sells no more than 300 phones a day.", 300.0, "devices", LT),
    # targets
    ("The group plans to invest $9 billion in new plants.", 9e9, "USD", T),
    ("The startup aims to deliver 100,000 vehicles next year.", 100000.0, "vehicles", T),
    ("The carmaker targets 440,000 deliveries in 2026.", 440000.0, None, T),
    ("The airline plans to hire 2,000 pilots.", 2000.0, None, T),
    ("The bank aims for a 15% return on equity.", 15.0, "percent", T),
    ("The company intends to raise $1 billion.", 1e9, "USD", T),
    ("The miner seeks to cut costs by 10%.", 10.0, "percent", T),
    ("The firm set a goal of 1 million subscribers.", 1e6, "subscribers", T),
    ("The group wants to build 50 stores by 2027.", 50.0, "stores", T),
    ("The maker has a target of 2 million cars a year.", 2e6, "vehicles", T),
    # forecasts
    ("The company expects revenue of $13.2 billion.", 13.2e9, "USD", F),
    ("The chipmaker guided for sales of $5 billion.", 5e9, "USD", F),
    ("Analysts' estimates call for a profit of $2.1 billion.", 2.1e9, "USD", F),
    ("The group forecasts an operating profit of ¥430 billion.", 430e9, "JPY", F),
    ("The insurer projects growth of 8%.", 8.0, "percent", F),
    ("The airline expects to carry 200 million passengers.", 200e6, "passengers", F),
    ("Analysts had expected a profit of $1.1 billion.", 1.1e9, "USD", F),
    ("The consensus estimate was $3.4 billion.", 3.4e9, "USD", F),
    ("The retailer anticipates sales of $900 million.", 900e6, "USD", F),
    ("The company raised its guidance to $7 billion.", 7e9, "USD", F),
    # ranges (the lower end is a floor, the upper a ceiling)
    ("The plant will employ between 2,000 and 3,000 workers.", 2000.0, "workers", MT),
    ("The plant will employ between 2,000 and 3,000 workers.", 3000.0, "workers", LT),
    ("The unit could fetch between $4 billion and $5 billion.", 4e9, "USD", MT),
    ("The unit could fetch between $4 billion and $5 billion.", 5e9, "USD", LT),
    ("The bank will cut 5,000 to 6,000 jobs.", 5000.0, "jobs", MT),
    ("The bank will cut 5,000 to 6,000 jobs.", 6000.0, "jobs", LT),
    # currencies kept: two figures in one sentence, neither converted
    ("The charge was ¥50 billion, or about $330 million.", 50e9, "JPY", E),
    ("The charge was ¥50 billion, or about $330 million.", 330e6, "USD", A),
    ("The deal is worth €5 billion ($5.4 billion).", 5e9, "EUR", E),
    # not figures: years, dates, times, model names, codes, page junk
    ("The plant opened in 2024.", *NONE),
    ("The talks began in March 2025.", *NONE),
    ("The meeting starts at 10:30 a.m.", *NONE),
    ("The company unveiled the SU7 sedan.", *NONE),
    ("The Model 3 remains its best-selling car.", *NONE),
    ("The regulator grounded the 737 MAX.", *NONE),
    ("The iPhone 15 goes on sale on Friday.", *NONE),
    ("The A350-1000 entered service last year.", *NONE),
    ("Read more: 5 things to know", *NONE),
    ("Share this article 12 comments", *NONE),
    ("Copyright 2025 The Daily Ledger.", *NONE),
    ("The company was founded in the 1990s.", *NONE),
    ("The deal closed on June 30.", *NONE),
    ("The shares (NYSE: F) were unchanged.", *NONE),
    ("Two people familiar with the matter said the talks were advanced.", *NONE),
    ("The carmaker is one of the largest in the world.", *NONE),
    ("Airlines still fly the older 767 family on long routes.", *NONE),
    ("The drug met its goal in a phase 3 study.", *NONE),
    ("Carriers are building out 5G networks.", *NONE),
    ("The regulator will auction 300 MHz of spectrum.", 300.0, "MHz", E),
    ("Regulators watch each lender's tier 1 ratio closely.", *NONE),
    ("The shares ended at 268.2p.", 268.2, "GBX", E),
    ("The stock closed at DKK 1,412 in Copenhagen.", 1412.0, "DKK", E),
    ("The bid values the company at NOK 212.5 a share.", 212.5, "NOK", E),
    ("Profit came in at 968 million euros expected by analysts.", 968e6, "EUR", F),
    ("Two rivals together sell more than half of the country's electric cars.", *NONE),
]

KNOWN_MISSES: dict[int, str] = {}


def _found(doc) -> list[tuple[float, str | None, str]]:
    from newsgraph.nlp.facts.quantities import quantities

    return [(q.value, q.unit, q.qualifier.value) for q in quantities(doc)]


def _ok(found: list[tuple[float, str | None, str]], value: float | None, unit: str | None, qual: str | None) -> bool:
    if value is None:
        return not found
    return any(math.isclose(v, value, rel_tol=1e-9) and u == unit and q == qual for v, u, q in found)


def test_table_size_and_accuracy(analyse):
    """The pinned floor: at least 150 rows, accuracy >= FLOOR."""
    assert len(TABLE) >= 150
    misses = [(text, value, unit, qual, _found(analyse(text))) for text, value, unit, qual in TABLE
              if not _ok(_found(analyse(text)), value, unit, qual)]
    accuracy = 1 - len(misses) / len(TABLE)
    assert accuracy >= FLOOR, f"accuracy {accuracy:.3f} < {FLOOR}: " + "\n".join(map(str, misses))


@pytest.mark.parametrize("n, text, value, unit, qual", [
    pytest.param(n, *row, marks=pytest.mark.xfail(reason=KNOWN_MISSES[n], strict=True)) if n in KNOWN_MISSES
    else (n, *row) for n, row in enumerate(TABLE)])
def test_quantity(analyse, n, text, value, unit, qual):
    assert _ok(_found(analyse(text)), value, unit, qual), _found(analyse(text))
