"""newsgraph.nlp.attribution: every attribution (quotation, reported clause, 'according to') as source,
cue and content spans of the text; each party's response (denied, confirmed, declined to comment, did not
respond) in varied wordings; and reports (who put the claim out, on whose word)."""
from __future__ import annotations

import pytest

from newsgraph.nlp.attribution.quotes import quotation_insides, quotations

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
    ('"Contrary to what was reported, we are not selling the unit," Intel said.', {("Intel", D)}),
    # the negation and 'not yet' of the verbs a cue's clause completes; 'has yet to' says no so far
    ("The World Weather Agency has not been able to confirm this but has offered help to the city.",
     {("World Weather Agency", N)}),
    ("Apple was not immediately available to comment.", {("Apple", R)}),
    ("Apple has yet to comment on the report.", {("Apple", R)}),
    ("Apple is yet to confirm the report.", {("Apple", R)}),
    ("Apple has yet to decide whether to build the car.", set()),
    # confirming that no confirmation came is no confirmation
    ("The World Weather Agency also confirmed that it had received no confirmation of the storm from Peru.",
     {("World Weather Agency", N)}),
    ('"All I can tell you is that I have no confirmation of the reports," State Department spokeswoman Jane Roe '
     'told reporters.', {("State Department", N)}),
    # a body of a state written lower case after a national adjective is a party of that name
    ("A spokesman for the Peruvian transport ministry said the report was false.",
     {("Peruvian transport ministry", D)}),
    ("An official at the Chilean embassy in Lima declined to comment.", {("Chilean embassy", N)}),
    # a minister named with a national adjective speaks for the state; a hope that it is untrue denies nothing
    ('Peru is on alert. "I cannot confirm that and I hope it is not true," Peruvian Interior Minister Juan '
     'Soto told a radio station when asked about the reports.', {("Peru", N)}),
    ('A spokeswoman for Initech said, "We have nothing to confirm these reports about the missing trucks."',
     {("Initech", N)}),
    # 'Acme reporter Jane Roe' reports: she is no party, and no national role makes her one
    ("NBC reporter Jane Roe took to Twitter to debunk the story.", set()),
    # a posting or a tweet carries the claim as a report does
    ("Harlan County officials on Monday rejected the posting as false.", {("Harlan County", D)}),
    # the speaker after the verb, which the parser took for its object
    ("The family sold the van in 2019 to a dealer owned by AutoNation, confirmed Jane Roe, a spokeswoman for "
     "AutoNation.", {("AutoNation", C)}),
    # 'it isn't him': the person said to be in a picture or a video is not
    ("People said the man in the clip was the actor Tom Fenn. A rep for Fenn told the magazine that it isn't him.",
     {("Tom Fenn", D)}),
    # a prank video is no claim called a prank
    ("Roe says he recognised Doe at once from his earlier prank videos.", set()),
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
    # 'it' in what a speaker says is the speaker (a country answers through its government)
    ('Rio Tinto said it was in talks. China said in a short statement that it "does not comment on commercial '
     'negotiations."', {("China", N)}),
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
    # who speaks for whom: a spokesperson or officer answers for the organisation; other ties for nobody
    ('"The report is not accurate," Intel spokesman John Doe said in an email.', {("Intel", D)}),
    ("John Doe, a spokeswoman for Airbus, declined to comment.", {("Airbus", N)}),
    ("Ford's general counsel admitted that the company had contacted the buyer.", {("Ford Motor Company", C)}),
    ("Samsung engineer Jane Roe disputed the report on social media.", set()),
    ("Another Ford source denied that the talks took place.", set()),
    # 'the agency' points back to the body named last
    ("The Federal Aviation Administration opened a review of the jet. The agency did not immediately comment.",
     {("Federal Aviation Administration", R)}),
    # an employee is no spokesperson; a check with someone is no answer; a denial not made is none
    ("An Intel employee confirmed the image came from the company's labs.", set()),
    ("Jane Roe said she confirmed the figure with Boeing officials.", set()),
    ("The sale is a rumour that Airbus has not denied.", set()),
    # a confirmation that the claim is not so is a denial
    ("A Ford spokesman confirmed that the man in the video is not an employee of the company.",
     {("Ford Motor Company", D)}),
    # representatives of a person answer for that person; more wordings of silence, refusal and denial
    ("Rumours spread about the actor Jane Roe. The actor's representatives told a newspaper the story was a hoax.",
     {("Jane Roe", D)}),
    ("Rumours spread about Jane Roe. We have reached out to Jane Roe's reps for confirmation.", {("Jane Roe", R)}),
    ("So far there has been no comment from Intel.", {("Intel", R)}),
    ("There was no word from Intel on the report.", {("Intel", R)}),  # silence, not a refusal
    # 'he' after an unnamed spokesman or official is that voice, not a person named before it
    ('Jane Roe, who edits a blog about Boeing, said a deal was likely. A Boeing spokesman was asked about '
     'the reports. He declined to comment.', {("Boeing", N)}),
    ('Jane Roe, who edits a blog about Boeing, said a deal would not surprise her. But a Boeing official said '
     'of the reports: "It is nonsense." He declined to comment further.', {("Boeing", D)}),
    ('Boeing chief executive Jane Roe was asked about the reports. A reporter followed up. She declined to '
     'comment.', {("Boeing", N)}),
    ("Airbus has not confirmed the report.", {("Airbus", R)}),
    ("Boeing is not confirming anything about the report.", {("Boeing", N)}),
    ("Boeing has not confirmed a delivery date for the jet.", set()),
    ("Toyota has ruled out a sale of the unit.", {("Toyota Motor", D)}),
    # coordinated parties, each answering
    ("Airbus and Boeing declined to comment.", {("Airbus", N), ("Boeing", N)}),
    # the party as the article names it, when the gazetteer knows it by another name (its parent's)
    ("Google declined to comment on the report.", {("Google", N)}),
    ("Neither Airbus nor Boeing wanted to comment on the report.", {("Airbus", N), ("Boeing", N)}),
    ("Neither Intel nor Samsung had comment on the report.", {("Intel", N), ("Samsung Electronics", N)}),
    # silence so far is no refusal; a non-answer is no denial
    ("Panasonic has not commented on the report.", {("Panasonic", R)}),
    ("Honda did not immediately confirm or deny the report.", {("Honda Motor", R)}),
    ("Calls to Intel and to Samsung on Tuesday were not immediately returned.",
     {("Intel", R), ("Samsung Electronics", R)}),
    ("We asked Boeing for comment but have not yet heard back.", {("Boeing", R)}),
    ('Toyota said it has "not announced any plans" to sell the unit.', {("Toyota Motor", N)}),
    ("Nestle is not providing details regarding the report.", {("Nestlé", N)}),
    # a name that a spokesperson speaks for is an organisation, whatever the NER made of it
    ("A Vantor spokesman did not respond to requests for comment.", {("Vantor", R)}),
    ("Kelvra is said to plan a new drink. A Kelvra spokesperson told us the drink is, in fact, not real.",
     {("Kelvra", D)}),
    ("A Brandt spokesman did not respond.", {("Brandt", R)}),
    # a statement given with a light verb and a colon: what follows is what the party said
    ('Zorbex Corp is said to build a box. Asked about it, Zorbex offered this statement: "Fans are excited. When we have details to share, we will."',
     {("Zorbex", N)}),
    ('Quillon Inc may add a paid app. Quillon sent the following: "We test many ideas, but we have not announced any plans for a paid app."',
     {("Quillon", N)}),
    ("Ford offered a statement of support to the union.", set()),
    # a rep for the person the article named last speaks for that person; a country answers as itself
    ("Rumours named the actor Tom Ardell as the hero. A rep for the actor told a magazine the rumour was false.",
     {("Tom Ardell", D)}),
    ("North Korea has moved to deny reports that its leader will open a restaurant abroad.", {("North Korea", D)}),
    ("Japan confirmed its first case of the virus on Monday.", set()),
    # 'according to' a party, a clause that calls the claim false is the party's denial; other news is not
    ("The report is false, according to a spokesman for Acme Corp.", {("Acme", D)}),
    ("Sales fell by a tenth last year, according to Acme Corp.", set()),
    # a confirmation that the claim is false is a denial; an answer to an earlier matter is background
    ("Samsung confirmed that there is no truth to the claims.", {("Samsung Electronics", D)}),
    ("At the time, Airbus denied that it had plans to sell the unit.", set()),
    ("Airbus did not respond to a request for comment at the time of publication.", {("Airbus", R)}),
    # not responses at all
    ("Ford denied reporters access to the plant on Tuesday.", set()),
    ("Toyota confirmed its annual sales forecast on Tuesday.", set()),
    ("Xiaomi said demand for its sedan was strong.", set()),
    ("The rumour was denied within the hour.", set()),
    ("The video is not, however, confirmed to be genuine by anyone at the studio.", set()),
    # 'confirmed it' and then a fragment that says no; 'the spokesperson' of an earlier sentence
    ("Update: Airbus confirmed it. Not happening.", {("Airbus", D)}),
    ("Airbus confirmed it. The line opens in May.", {("Airbus", C)}),
    ('A page posing as Airbus is selling tickets, an Airbus spokesperson told a trade paper. "We have no part in '
     'it," the spokesperson said. "It is a hoax," the spokesperson said.', {("Airbus", D)}),
    ("A spokesperson for Zorbex was not immediately available for comment.", {("Zorbex", R)}),
    ("Airbus said on Monday it was in talks with Safran, confirming a newspaper report.", {("Airbus", C)}),
    ("It did not take the museum long to rule out the rumour.", set()),
    ("For a week Airbus kept the rumour alive by not commenting on it.", {("Airbus", N)}),
    ("Tom Ardell's publicist has described as \"rubbish\" a magazine report that he quit the band.", {("Tom Ardell", D)}),
    ("Airbus issued a short statement calling the report untrue.", {("Airbus", D)}),
    ("Fox News confirmed to Mediaite on Monday that the account is a fake.", {("Fox News", D)}),
    ("The driver was taken to hospital, Fox News confirmed.", set()),
    ('A spokesperson for Tom Ardell told a radio station: "We can confirm this is not by Tom."', {("Tom Ardell", D)}),
    # no answer given: nobody, a question, a hope, an attempt; 'no immediate comment' is none so far
    ("No Airbus official has yet confirmed the allegation.", set()),
    ("Will Airbus deny the report, or confirm it?", set()),
    ("Let's hope Airbus steps in soon to deny the report.", set()),
    ("Airbus is trying to confirm reports that a test aircraft was damaged.", set()),
    ("Famously dismissed by critics, the jet went on to change Airbus.", set()),
    ("Airbus said it had no immediate comment.", {("Airbus", R)}),
    ("Rumours of his death spread online, so Tom Ardell had to confirm that he is alive and well.", {("Tom Ardell", D)}),
    ("An Airbus spokesman could not confirm the damage to the test aircraft.", {("Airbus", N)}),
    ("Rumours said Tom Ardell had died. Tom Ardell is 61. Tom Ardell starred in a film with Lee Park. "
     "The actor's representatives issued a statement saying that he is still alive.", {("Tom Ardell", D)}),
    # answers given as a noun or an idiom
    ("Airbus tweeted a denial on Monday but deleted it an hour later.", {("Airbus", D)}),
    ("By the evening Airbus had put the rumours to rest.", {("Airbus", D)}),
    ("Boeing shot down the report on Friday.", {("Boeing", D)}),
    ("Safran put the report on its website.", set()),
    # a state's voice: a national adjective or a place before 'embassy', 'officials', 'authorities'
    ("Peru is said to plan a new port. The Peruvian embassy in Madrid denied the report on Monday.", {("Peru", D)}),
    ("Kent County officials rejected the report as false.", {("Kent County", D)}),
    ("Peru says its navy ship sank. A Peruvian government spokesman denied reports that the ship was sold.",
     {("Peru", D)}),
    ("A U.S. official confirmed to a radio station that the ship had sunk.", set()),
    # a confirmation withheld of 'the <thing>' told before is a refusal to answer the claim
    ("The rebel chief was reportedly killed. A Pentagon spokesman would not confirm the killing.",
     {("Pentagon", N)}),
    # 'the hospital' is an organisation whose name says so, not the town or website named before it
    ("A blog run by Kestrel Media Group said a nun gave birth. The hospital is not confirming anything.", set()),
    ("A woman gave birth at St Alda Medical Center in Trevena. The hospital said the report was false.",
     {("St Alda Medical Center", D)}),
    # a state's non-answers and denials: 'no immediate comment from the X government', 'authorities in Y',
    # a passive denial of the reports by the state, an unnamed official who denies (not one who confirms)
    ("The pilot was said to be in Peru. So far there has been no word from the Peruvian government.",
     {("Peru", R)}),
    ("The woman was held in Peru. Authorities in Peru have not commented on the matter.", {("Peru", R)}),
    ("Reports that Chilean police had held the man were later denied by Peru.", {("Peru", D)}),
    ("Peru said little. A Peruvian official on Friday denied that the woman was the leader's wife.",
     {("Peru", D)}),
    ("His appeal was denied by the court on Monday.", set()),
    ("The Federal Ministry for Transport in Berlin, which runs the scheme, did not return calls.",
     {("Federal Ministry for Transport", R)}),  # a named body 'in Berlin' is not Berlin's voice
    ("Joe Biden spoke on Monday. The claim was disputed by the Biden administration.", set()),  # not Biden
    # bare 'Police' stands for the police force the article names
    ("The Metropolitan Police is investigating. Police declined to comment on those claims.",
     {("Metropolitan Police", N)}),
    # 'Jane Roe of Acme' speaks for Acme; 'Jane Roe, an analyst at Beta' for nobody of the story
    ('"For now we will not confirm who the man is," said Commander Rob Dale of the Metropolitan Police.',
     {("Metropolitan Police", N)}),
    # a role tied to the name across 'and' is another person's: the commissioner speaks for himself here
    ("In an aptly named joint policy initiative, Mayor de Soto and Fire Commissioner Bill Marsh announced Monday "
     "that most people caught with fireworks will get fines. Marsh called the report false on Monday.",
     {("Bill Marsh", D), ("Bill Marsh", C)}),  # the announcement: a candidate the story may raise
    # handing the question on is declining it; 'which' after a named body is that body
    ("Asked about the plan, Airbus referred questions to the French defence ministry.", {("Airbus", N)}),
    ("Ford referred us to the Department of Energy (DOE), which did not respond to emails on Friday.",
     {("Ford Motor Company", N), ("Department of Energy", R)}),
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


def test_a_statement_introduced_by_a_colon_is_what_the_speaker_said(analyse):
    # the statement follows as its own paragraph, without quotation marks; 'contrary to reports' calls them false
    text = ("Initech was said to be close to a sale. On Tuesday, Mary Lamb, head of corporate "
            "affairs, said:\n\nContrary to recent reports in the trade press, no sale of the business was ever "
            "under discussion. We keep investing in our factories.\n\nShares were flat.")
    doc = analyse(text)
    resp, = doc._.responses
    assert (resp.party, resp.kind.value) == ("Mary Lamb", D)
    assert text[resp.evidence.start:resp.evidence.end].endswith("under discussion.")  # the statement is shown


@pytest.mark.parametrize("text, expected", [
    # a plural company noun stands for the companies last named together, however far back
    ("Ford sold its old test track near Detroit to two private equity firms, Blackstone and Carlyle Group. "
     "The price was not disclosed. Local agents said the market was busy. Rents have risen this year. "
     "Neither Ford nor the equity firms would comment on the sale.",
     {("Ford Motor Company", N), ("Blackstone", N), ("Carlyle", N)}),
    ("Nissan and Renault are said to be in merger talks. The two companies declined to comment.",
     {("Nissan Motor", N), ("Renault", N)}),
    # a number or 'both' that does not fit the names, or no names given together: nobody
    ("Nissan and Renault are said to be in merger talks. The three companies declined to comment.", set()),
    ("Nissan, Renault and Mitsubishi Motors plan a joint plant. Both companies declined to comment.", set()),
    ("Nissan is said to be buying a stake in Renault. The companies declined to comment.", set()),
])
def test_companies_named_together(analyse, text, expected):
    assert responses(analyse(text)) == expected


def test_a_colon_with_nothing_after_it_reports_nothing(analyse):
    assert responses(analyse("Mary Lamb, head of corporate affairs, said:")) == set()


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
    ("According to the fake story, \u201cSources are reporting that Jane Roe, best known for her role in a family "
     "film, has been found dead at her home.\u201d", [], None),  # unnamed sources are no outlet
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


# --- every attribution, as source, cue and content spans -----------------------------------------

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
    # a cue in the middle of what was said, and after a quotation that ends its own sentence
    ("The real danger, the economist said, is a slow erosion of savings.",
     {("the economist", "said", "The real danger | is a slow erosion of savings.")}),
    ("“We will keep the factory open and hire forty more welders!” the owner wrote.",
     {("the owner", "wrote", "“We will keep the factory open and hire forty more welders!”")}),
    ("The governor said:\n\nNobody in this state will lose coverage while I am in office.",
     {("The governor", "said", "Nobody in this state will lose coverage while I am in office.")}),
    ('"Prices will keep rising for another year," said a senior central bank official.',
     {("a senior central bank official", "said", '"Prices will keep rising for another year,"')}),
    # what a speaker reports of a third party is part of what the speaker said
    ("The senator said the mayor believes the tax is unfair.",
     {("The senator", "said", "the mayor believes the tax is unfair")}),
    ("The chairman said he agrees with the board.",  # not also 'he agrees' with 'The chairman said'
     {("The chairman", "said", "he agrees with the board")}),
    # what a cue verb with no clause said, named by its object; not the listener of 'told'
    ("Ms. Lee told the board a long story about the merger.",
     {("Ms. Lee", "told", "a long story about the merger")}),
    ("Asked about a sale, the manager said no.", {("the manager", "said", "no")}),
    # a short quotation closed by the comma of an utterance, the cue right after it
    ("“Okay,” the chairman said, and left the room.", {("the chairman", "said", "“Okay,”")}),
    ("“This is fantastic!” beamed the mayor of the town.", {("the mayor of the town", "beamed", "“This is fantastic!”")}),
    ("“Good Morning America” was on the television.", set()),
    ("''We will not sell,'' the founder said. ''I think the offer is too low.''",
     {("the founder", "said", "''We will not sell,''")}),
    # a stance through the preposition of 'agree', 'respond'
    ("Only a quarter of analysts agree with the forecast.",
     {("Only a quarter of analysts", "agree with", "the forecast")}),
    ("Mr. Park told reporters.", set()),
    # the listener after an inverted 'tells' is not the speaker; a quotation mark is not part of a name
    ("“Yes, we will keep the plant open,” Jane Doe, founder of the Acme Group, tells the Daily Courier.",
     {("Jane Doe, founder of the Acme Group", "tells", "“Yes, we will keep the plant open,”")}),
    ("The chairman said the following:\n\nWe will not sell the plant.",
     {("The chairman", "said", "We will not sell the plant.")}),
    ("Her promise to cut taxes won votes.", {("Her", "promise", "to cut taxes")}),
    # a noun of saying as a verb's object is what that verb acts on, not an attribution of its own
    ("The senator rescinded his endorsement of the plan.", set()),
    ("Investors sold shares of a fund that criticized the merger.", {("a fund", "criticized", "the merger")}),
    ("The party adopted a platform that calls for lower taxes.", set()),  # a thing, not a party
    ("Investors sold shares of a fund called Harbor Growth.", set()),
    ("About 4 in 10 say they want a lower tax.", {("About 4 in 10", "say", "they want a lower tax")}),
    ("Ms. Lee is calling for the board to reject the offer.",
     {("Ms. Lee", "is calling", "for the board to reject the offer")}),
    ("The mayor has called for the city's bridges to be repaired before winter.",
     {("The mayor", "has called", "for the city's bridges to be repaired before winter")}),
    # a headline's 'Name: what they said' on a line of its own, the colon as the cue
    ("Jane Doe: Acme Will Not Sell Its Plant\n\nThe company said it would keep the plant.",
     {("Jane Doe", ":", "Acme Will Not Sell Its Plant"), ("The company", "said", "it would keep the plant")}),
    ("Delegates won so far:\n\nAcme: 1,204.", set()),
    # ... a name the article gives in full elsewhere (a transcript's speaker), a document
    ("DOE: We will not sell the plant to anyone.\n\nJane Doe, the chief executive, spoke to analysts.",
     {("DOE", ":", "We will not sell the plant to anyone.")}),
    ("Report: Acme in talks to buy a rival grocer\n\nShares of Acme rose 4 percent.",
     {("Report", ":", "Acme in talks to buy a rival grocer")}),
    # a title-case headline's verb, which the tagger reads as part of a name
    ("Acme Chief Executive Praises Beta Merger Plan\n\nThe chief executive of Acme said the merger made sense.",
     {("Acme Chief Executive", "Praises", "Beta Merger Plan"),
      ("The chief executive of Acme", "said", "the merger made sense")}),
    ("Acme Shares Slide as Italian Engine Plant Closure Angers Rome\n\nShares fell.", set()),  # a market noun
    # the colon of a ticker is not a headline's colon
    ("Acme Holdings (TYO: 6752) reported a rise in quarterly profit.",
     {("Acme Holdings (TYO: 6752)", "reported", "a rise in quarterly profit")}),
    ("Market Wrap: Stocks Fall Sharply on Rate Fears\n\nShares fell on Monday.", set()),
    # a dateline parsed as a second subject is not the speaker
    ("LONDON (Reuters) - Jane Okafor said she was unlikely to sell the stake.",
     {("Jane Okafor", "said", "she was unlikely to sell the stake")}),
    # the writer's hedge has no source; 'seemed to suggest' is the subject's
    ("Turnout appears to have fallen sharply in rural counties.",
     {(None, "appears", "Turnout | to have fallen sharply in rural counties")}),
    ("The mayor seemed to suggest that the bridge would reopen soon.",
     {("The mayor", "seemed to suggest", "that the bridge would reopen soon")}),
    # stances held through a noun, an adjective, a preposition, 'as', a noun of saying
    ("Her support for the pipeline surprised the council.", {("Her", "support for", "the pipeline")}),
    ("The minister is skeptical of the new tariff plan.",
     {("The minister", "is skeptical of", "the new tariff plan")}),
    ("Older voters were more likely to say that the economy is weak.",
     {("Older voters", "were more likely to say", "that the economy is weak")}),
    ("The union came out against the proposed pension cuts.",
     {("The union", "came out against", "the proposed pension cuts")}),
    ("The regulator warned against a rushed merger.", {("The regulator", "warned against", "a rushed merger")}),
    ("As Reuters reported on Monday, the bank is cutting 500 jobs.",
     {("Reuters", "reported", "the bank is cutting 500 jobs.")}),
    ("The columnist portrayed the mayor as a cautious reformer.",
     {("The columnist", "portrayed", "the mayor as a cautious reformer")}),
    ("The chairman made several comments about the merger on Tuesday.",
     {("The chairman", "made several comments about", "the merger")}),
    # a document's finding; a speaker named further up the clause
    ("The latest survey showed a narrow lead for the incumbent.",
     {("The latest survey", "showed", "a narrow lead for the incumbent")}),
    ("The board met on Monday before explaining why it had delayed the vote.",
     {("The board", "explaining", "why it had delayed the vote")}),
    ("The councilwoman visited the plant to discuss the layoffs with workers.",
     {("The councilwoman", "to discuss", "the layoffs")}),
    # 'as X put it', 'made it clear that', a 'that' clause parsed under 'in a statement'
    ("As one council member put it, the budget is a mess.",
     {("one council member", "put it", "the budget is a mess.")}),
    ("The mayor made it clear that the library would stay open.",
     {("The mayor", "made it clear", "that the library would stay open")}),
    ("The minister said in a statement that the border would reopen on Friday.",
     {("The minister", "said", "that the border would reopen on Friday")}),
    # a stance verb's own object, not the clause before it; a clause said to a listener
    ("Overall, the town was divided, and most older residents preferred the mayor.",
     {("most older residents", "preferred", "the mayor")}),
    ("The budget is a mess, the treasurer warned the council.",
     {("the treasurer", "warned", "The budget is a mess")}),
    # a poll's finding includes what its respondents said
    ("In a new survey, 40 percent of residents said the bridge should be rebuilt.",
     {("a new survey", "In", "40 percent of residents said the bridge should be rebuilt.")}),
    # a passive cue with its agent
    ("The proposal was criticized by the teachers' union.",
     {("the teachers' union", "was criticized", "The proposal")}),
    # without an agent a passive cue has no source: its subject was told or talked of
    ("The senator was asked about the tariff plan.", {(None, "was asked about", "the tariff plan")}),
])
def test_attributions(analyse, text, expected):
    assert triples(analyse(text)) == expected


@pytest.mark.parametrize("text", [
    "The company plans to build a second plant next year.",  # a plan, not speech
    "The plant employs 900 people and makes battery cells for two carmakers.",
    "Shares rose 4 percent after the results were published.",
    'The so-called "gigafactory" opened in May.',  # a scare quote
    "The company made it easier for staff to work from home.",  # 'make' without a noun of saying
    "She spoke to the crowd for an hour.",  # a listener, not what was said
    "As expected, the plant closed in March.",
    "The senator rose in the polls after the debate.",  # standing, not a poll's finding
    'He said it again on "Good Morning Big Valley Today" last week.',  # a title, not what was said
])
def test_no_attribution(analyse, text):
    assert triples(analyse(text)) == set()


def test_clauses_past_a_semicolon_are_not_what_was_said(analyse):
    doc = analyse("He calls for a wealth tax; she calls for lower fees.")
    assert triples(doc) == {("He", "calls for", "a wealth tax"), ("she", "calls for", "lower fees")}


def test_a_re_report_points_back_to_the_report(analyse):
    doc = analyse("Acme Corp is in talks to buy Beta Industries, Bloomberg reported. "
                  "According to the report, the deal would be worth $2 billion.")
    (report,) = doc._.reports
    according = [a for a in doc._.attributions if a.kind == "according_to"]
    assert [a.source_key for a in according] == [report.reported_by_key]


def test_the_report_points_back_only_to_an_outlet_named_just_before(analyse):
    doc = analyse("Reuters covered the hearing on Monday. The committee met for six hours. The inspector general "
                  "released his findings on Tuesday. Several senators asked questions. According to the report, "
                  "the agency lost track of 40 laptops.")
    according = [a for a in doc._.attributions if a.kind == "according_to"]
    assert [a.source_key for a in according] == [None]


def test_quoted_speaker_resolves_to_the_entity(analyse):
    doc = analyse("Toyota Motor opened a plant in Texas. A Toyota spokesman said the plant would employ 900 people.")
    (a,) = doc._.attributions
    assert a.source_key and doc._.entities[a.source_key].name.startswith("Toyota")


@pytest.mark.parametrize("text, expected", [
    ('He said "yes" twice.', [(8, 13)]),
    ("“One.\n\nTwo”", []),  # a quotation does not run over a paragraph break
    ("“A long quote,” she said, “goes on.”", [(0, 15), (26, 36)]),
    ('“Mixed marks," she said.', [(0, 14)]),  # a curly opening closed by a straight mark
    ("“One goes on.\n\n“Two.”", [(0, 13), (15, 21)]),  # a quotation continued in the next paragraph
    # a straight mark after a closing point is a closing mark, though its opening one went missing
    ('It rose." The mayor said "we will see".', [(25, 38)]),
    # two apostrophes as the marks, as some wire archives print them; not a possessive's apostrophe
    ("''It is cheap,'' she said of the banks' plan.", [(0, 16)]),
])
def test_quotations(text, expected):
    assert quotations(text) == expected


@pytest.mark.parametrize("text, expected", [
    ('He said "yes" twice.', ["yes"]),
    ("“A long quote,” she said, “goes on.”", ["A long quote,", "goes on."]),
    ("''It is cheap,'' she said.", ["It is cheap,"]),
    ("“One goes on.\n\n“Two.”", ["One goes on.", "Two."]),  # no closing mark in the first paragraph
])
def test_responses_read_the_same_quotations_without_their_marks(text, expected):
    assert [text[s:e] for s, e in quotation_insides(text)] == expected


def test_offsets_stay_inside_the_text(analyse):
    doc = analyse("“It is done,” Ford said. Shares rose, according to data from the exchange.")
    assert len(doc._.attributions) == 2
    for a in doc._.attributions:
        for ev in (a.cue, *a.content, *([a.source] if a.source else [])):
            assert 0 <= ev.start < ev.end <= len(doc.text)


# --- publishers found by the words around a name, and how sure each report is ------------------

def found(doc) -> list[tuple[str, float]]:
    return [(r.reported_by, r.confidence) for r in doc._.reports]


@pytest.mark.parametrize("text, expected", [
    # the words make an unknown name a publisher
    ("The rumour was published on Pickwick Buzz, a satirical website.", [("Pickwick Buzz", 0.65)]),
    ("The false report comes from a website called Pickwick Buzz Today.", [("Pickwick Buzz Today", 0.95)]),
    ("The Tattler Sheet reports that Harborline Foods will close its kitchens.", [("Tattler Sheet", 0.65)]),
    ("Marla Quince, a reporter for the Lakeside Ledger, said the robot fell over twice.",
     [("Lakeside Ledger", 0.65)]),
    ("The rumour began with an article for the Campus Lantern, a website for students.", [("Campus Lantern", 0.65)]),
    ("A story in the Shefford Bugle newspaper suggested the bear could be banned.", [("Shefford Bugle", 0.85)]),
    # the words say it broke the claim
    ("Grubwatch, which broke the story, says the chef has left the restaurant.", [("Grubwatch", 0.95)]),
    ("The Lakeside Herald first reported the talks on Tuesday.", [("Lakeside Herald", 0.95)]),
    ("The story began at the Pickwick Report, where it was claimed that profits had doubled.",
     [("Pickwick Report", 0.95)]),
    # a company reporting, a topic, a sentence's first word, a social network: no publisher
    ("Harborline Foods reported a loss of $3 million on Monday.", []),
    ("A report on Tesla said the carmaker would cut jobs.", []),
    ("Forum posts claim that the update deleted their files.", []),
    ("A picture of the letter was posted on Twitter.", []),
])
def test_publishers_by_their_context(analyse, text, expected):
    assert found(analyse(text)) == expected


@pytest.mark.parametrize("text, expected", [
    ("Brisbane-based stockbroker Quillers said in a note to clients that the storm could cost Suncorp $300 million.",
     [("Quillers", 0.6)]),
    ("Morgan Stanley downgraded Kingfisher to underweight.", [("Morgan Stanley", 0.45)]),
    ("Kingfisher said in a statement that it would close 12 stores.", []),
])
def test_brokers_research(analyse, text, expected):
    assert [(r.reported_by, r.confidence) for r in analyse(text)._.reports] == expected
