"""newsgraph.nlp.attribution: each party's response (denied, confirmed, declined to comment, did not
respond) in varied wordings, and reports (who put the claim out, on whose word)."""
from __future__ import annotations

import pytest

D, C, N, R = "denied", "confirmed", "declined_to_comment", "did_not_respond"


def responses(doc) -> set[tuple[str, str]]:
    return {(r.party, r.kind.value) for r in doc._.responses}


@pytest.mark.parametrize("text, expected", [
    # denied
    ("Ford Motor Company denied the report on Monday.", {("Ford Motor Company", D)}),
    ("Ford dismissed the report as speculation.", {("Ford Motor Company", D)}),
    ("Samsung rejected the story, calling it baseless.", {("Samsung Electronics", D)}),
    ("Intel said the report was untrue.", {("Intel", D)}),
    ("A spokesperson for Xiaomi said the claims were false.", {("Xiaomi", D)}),
    ("A Xiaomi spokeswoman said the claims had no basis in fact.", {("Xiaomi", D)}),
    ("In a statement, Ford said it was not in talks with Xiaomi.", {("Ford Motor Company", D)}),
    ("Xiaomi unveiled a phone on Monday. The company denied the report later that day.", {("Xiaomi", D)}),
    ("Ford and Xiaomi denied the report on Friday.", {("Ford Motor Company", D), ("Xiaomi", D)}),
    ("Both Ford and Xiaomi have denied holding any talks.", {("Ford Motor Company", D), ("Xiaomi", D)}),
    ('"There is no truth to this story," Intel said in a statement.', {("Intel", D)}),
    # a hedged denial is a denial
    ("A Stellantis spokeswoman said the company does not comment on rumours, but added that there were no "
     "talks with any buyer.", {("Stellantis", D)}),
    ('"We don\'t comment on market speculation, but we are not negotiating with anyone," Nestle said.',
     {("Nestlé", D)}),
    # confirmed
    ("Toyota confirmed the talks with Panasonic on Thursday.", {("Toyota Motor", C)}),
    ("A Panasonic spokesman confirmed that the two companies were in discussions.", {("Panasonic", C)}),
    ("Nestle acknowledged the sale talks in a brief statement.", {("Nestlé", C)}),
    # declined to comment
    ("Panasonic declined to comment on the matter.", {("Panasonic", N)}),
    ("Nestle refused to comment on the sale.", {("Nestlé", N)}),
    ("Airbus declined to discuss the order.", {("Airbus", N)}),
    ("Boeing said it had no comment on the report.", {("Boeing", N)}),
    ('Ford said in a short statement that it "does not comment on commercial negotiations."',
     {("Ford Motor Company", N)}),  # not commenting on talks does not deny them
    ("An Airbus spokesperson said the company does not comment on market speculation.", {("Airbus", N)}),
    # did not respond
    ("Samsung did not respond to a request for comment.", {("Samsung Electronics", R)}),
    ("Intel did not immediately respond to requests for comment from Reuters.", {("Intel", R)}),
    ("Airbus could not be reached for comment.", {("Airbus", R)}),
    ("Representatives for Honda did not return calls seeking comment.", {("Honda Motor", R)}),
    ("Stellantis was not immediately available for comment.", {("Stellantis", R)}),
    # an apposition naming the party's tie to another company is not that company's answer
    ("Toyota Industries, the biggest shareholder of Denso, did not respond to a request for comment.",
     {("Toyota Industries", R)}),
    ("Airbus, Boeing's main rival, declined to comment.", {("Airbus", N)}),
    ("A spokeswoman for Honda's largest supplier could not be reached.", set()),
    # 'it' in what a speaker says is the speaker, even one who is no party
    ('Rio Tinto said it was in talks. China said in a short statement that it "does not comment on commercial '
     'negotiations."', set()),
    # more wordings
    ("Tesla called the report speculative.", {("Tesla", D)}),
    ('Airbus said the report was "pure speculation".', {("Airbus", D)}),
    ("Nestle said discussions were at an early stage.", {("Nestlé", C)}),
    ("BMW did not confirm or deny the report.", {("BMW", N)}),
    ("Honda neither confirmed nor denied the report.", {("Honda Motor", N)}),
    ('Volkswagen said it "does not engage in speculation".', {("Volkswagen", N)}),
    ('A Tesco spokesperson said a sale of the bank "was never on the table".', {("Tesco", D)}),
    # names the NER misses or takes for acronyms, when they answer
    ("Vantage Towers did not immediately respond to a request for comment.", {("Vantage Towers", R)}),
    ("KT did not return calls seeking comment.", {("KT Corp", R)}),  # the gazetteer knows it as KT Corp
    ("Transsion Holdings posted a loss. Transsion flatly denied the account.", {("Transsion", D)}),
    # 'the company' in what someone at a company says is that company
    ("Oriel Research said demand fell. An investor relations official at Transsion said the company would not "
     "comment beyond its filing.", {("Transsion", N)}),
    # having answered, 'does not intend to comment further' adds no refusal
    ("Siemens confirmed that it is in talks with Alstom. Siemens does not intend to comment further on the talks.",
     {("Siemens", C)}),
    ("Under the takeover rules, Siemens could be required to confirm whether it has received an approach.", set()),
    ('Siemens said it does not comment on plans that are not final, but added that it "needs more capacity".',
     {("Siemens", N)}),
    # the unnamed sources are no party; a response told as background is none
    ("Renault and Nissan are in talks, people familiar with the matter said. No deal is imminent, the people said.",
     set()),
    ("Renault confirmed it is in talks with Nissan, a week after it called the report baseless.", {("Renault", C)}),
    ("Two hours after the story ran, Renault denied it.", {("Renault", D)}),
    ("Renault said it had agreed to negotiate exclusively with Nissan for 30 days. A Renault spokesperson said the "
     "company would not comment further until talks were concluded.", {("Renault", C)}),
    # not responses at all
    ("Ford denied reporters access to the plant on Tuesday.", set()),
    ("Toyota confirmed its annual sales forecast on Tuesday.", set()),
    ("Xiaomi said demand for its sedan was strong.", set()),
    ("The rumour was denied within the hour.", set()),
])
def test_responses(analyse, text, expected):
    assert responses(analyse(text)) == expected


def test_the_evidence_is_the_sentence_and_the_quote_is_the_party_own_words(analyse):
    text = ('Xiaomi unveiled a new phone. "We are not in talks with any carmaker about a plant," a Xiaomi '
            'spokeswoman said on Friday. Analysts were not surprised.')
    doc = analyse(text)
    resp, = doc._.responses
    ev = text[resp.evidence.start:resp.evidence.end]
    assert ev.startswith('"We are not in talks') and ev.endswith("said on Friday.")
    assert resp.quote is not None
    assert resp.quote.rstrip(",. ") == "We are not in talks with any carmaker about a plant"


def test_one_response_per_party_and_kind_in_an_article(analyse):
    doc = analyse("Ford denied the report on Monday. Later, Ford again dismissed the report as speculation.")
    assert [(r.party, r.kind.value) for r in doc._.responses] == [("Ford Motor Company", D)]


def reports(doc) -> list[tuple[str, str | None]]:
    return [(r.reported_by, r.citing) for r in doc._.reports]


@pytest.mark.parametrize("text, expected, claim", [
    ("Samsung Electronics is in talks to buy a stake in Intel's foundry unit, Bloomberg reported, citing people "
     "familiar with the matter.", [("Bloomberg", "people familiar with the matter")],
     "Samsung Electronics is in talks to buy a stake in Intel's foundry unit"),
    ("Toyota plans to build a battery plant in Kentucky, according to a report from the Financial Times.",
     [("Financial Times", None)], "Toyota plans to build a battery plant in Kentucky"),
    ("According to Reuters, Nio is weighing a listing in Singapore.", [("Reuters", None)],
     "Nio is weighing a listing in Singapore"),
    ("The Wall Street Journal reported on Tuesday that Ford was weighing a sale of its European unit.",
     [("The Wall Street Journal", None)], "Ford was weighing a sale of its European unit"),
    ("Nikkei reported that Subaru would build the plant, citing two people briefed on the plans.",
     [("Nikkei", "two people briefed on the plans")], "Subaru would build the plant"),
    # the claim is what was said, without the frame around it
    ("The Daily Courier reported on Monday, citing people familiar with the matter, that the two groups were "
     "discussing a plant in Ohio.", [("Daily Courier", "people familiar with the matter")],
     "The two groups were discussing a plant in Ohio"),
    ("Acme is close to ordering 30 jets, two people briefed on the talks told the Daily Courier, choosing them "
     "over a rival model.", [("Daily Courier", "two people briefed on the talks")], "Acme is close to ordering 30 jets"),
    ("Acme (NYSE: ACM) is in talks to sell its paint unit, Bloomberg News reported, citing people with knowledge "
     "of the matter.", [("Bloomberg News", "people with knowledge of the matter")], "Acme is in talks to sell its paint unit"),
    ("Acme is in talks to buy Beta Industries, as reported earlier by Bloomberg News.", [("Bloomberg News", None)],
     "Acme is in talks to buy Beta Industries"),
    ("Ford reported higher quarterly profit on Tuesday.", [], None),
    ("According to the company, sales rose 5% in March.", [], None),
    # a re-report points back to the report: no second source
    ("Reuters reported on Monday that Acme Corp is in talks to buy Beta Industries. According to the report, "
     "the deal would be worth $2 billion.", [("Reuters", None)], "Acme Corp is in talks to buy Beta Industries"),
])
def test_reports(analyse, text, expected, claim):
    doc = analyse(text)
    assert reports(doc) == expected
    if claim:
        assert doc._.reports[0].claim.rstrip(".") == claim
        ev = doc._.reports[0].evidence
        assert doc.text[ev.start:ev.end].startswith(text[:20])


# --- a response dated by what the article says, not by the article ------------------------------

@pytest.mark.parametrize("text, expected_days_back", [
    ("Airbus had not responded to requests for comment earlier in the day.", 0),
    ("Airbus declined to comment on Monday.", 2),  # the article is from a Wednesday
    ("Airbus declined to comment yesterday.", 1),
    ("Airbus declined to comment on Wednesday.", None),  # the article's own day
    ("Airbus declined to comment.", None),
])
def test_response_dated_by_its_words(analyse, text, expected_days_back):
    from datetime import datetime, timedelta, timezone

    published = datetime(2025, 3, 12, 15, 0, tzinfo=timezone.utc)  # a Wednesday
    (response,) = analyse(text, published)._.responses
    if expected_days_back is None:
        assert response.as_of is None
    elif expected_days_back == 0:
        assert response.as_of is not None and response.as_of < published
        assert response.as_of.date() == published.date()
    else:
        assert response.as_of.date() == (published - timedelta(days=expected_days_back)).date()
