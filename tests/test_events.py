"""newsgraph.nlp.events: event type, status and participants per sentence; the store keeps them;
newsgraph.reconcile.events: a story's events are merged across its articles and exported."""
from __future__ import annotations

import pytest

from newsgraph.model import Event, EventStatus, EventType, Evidence


def events(doc) -> set[tuple[str, str]]:
    return {(e.type.value, e.status.value) for e in doc._.events}


@pytest.mark.parametrize("text, expected", [
    ("Honda is in talks with Sony to form a joint venture, people familiar with the matter said.",
     ("partnership", "reported")),
    ("Pfizer agreed to acquire a small biotech company for $2 billion.", ("merger_acquisition", "confirmed")),
    ("Unilever completed the acquisition of the skincare brand on Monday.", ("merger_acquisition", "completed")),
    ("Volkswagen denied a report that it was in talks to buy the truck maker.", ("merger_acquisition", "denied")),
    ("Samsung signed a contract to supply memory chips to the phone maker.", ("supply_deal", "completed")),
    ("General Motors will close its assembly plant in Ontario next year.", ("plant_closure", "confirmed")),
    ("Intel opened a new chip factory in Arizona on Tuesday.", ("plant_opening", "completed")),
    ("Siemens will cut 2,500 jobs in its factory automation unit.", ("layoffs", "confirmed")),
    ("The European Commission opened an antitrust investigation into Microsoft.", ("regulatory_probe", "completed")),
    ("Washington imposed a 25% tariff on imported steel.", ("trade_measure", "completed")),
    ("Apple unveiled a cheaper iPhone on Wednesday.", ("product_launch", "completed")),
    ("BMW delivered 600,000 vehicles in the third quarter.", ("sales_report", "completed")),
    ("Nike reported quarterly revenue of $12 billion, above estimates.", ("earnings", "completed")),
    ("Morgan Stanley upgraded Nvidia to overweight.", ("analyst_rating", "completed")),
    ("Shares of Nestle fell 4% in Zurich on Friday.", ("share_move", "completed")),
    ("It was down 3% in early trading on Monday.", ("share_move", "completed")),
    ("The software maker won a ten-year licensing deal from the state.", ("deal", "completed")),
    ("Norvik Motors is recalling 300,000 cars over faulty airbags.", ("product_recall", "confirmed")),
    ("Its experimental therapy failed a late-stage trial in patients with lung cancer.", ("product_trial", "completed")),
    ("The airline said fuel costs rose 12% in the quarter.", ("costs", "completed")),
    ("The central bank raised interest rates on Wednesday.", ("macroeconomic", "completed")),
    ("Thousands of workers at the carmaker went on strike over wages.", ("labor_dispute", "completed")),
    ("Norvik sold 50,000 pickup trucks in May.", ("sales_report", "completed")),  # the month is no modal
    ("Analysts at the bank now call the stock a buy.", ("analyst_rating", "confirmed")),
    ("The board named a new chief executive on Monday.", ("management_change", "completed")),
    ("Aldera Pharma Launches Cheaper Insulin Pen", ("product_launch", "confirmed")),  # a headline in title case
    ("The streaming service added 4 million subscribers in the quarter.", ("sales_report", "completed")),
    ("The insurer's sales forecast for next year is $4 billion.", ("sales_report", "confirmed")),
    ("The airline ordered 40 jets from the planemaker on Tuesday.", ("sales_report", "completed")),
    ("The stock's valuation looks stretched after the rally.", ("share_move", "completed")),
    ("Short interest in the carmaker rose sharply last month.", ("share_move", "completed")),
    ("Thousands of employees are pushing for higher wages and better benefits.", ("labor_dispute", "confirmed")),
    ("The appointment takes effect immediately, the company said.", ("management_change", "confirmed")),
    ("The carmaker will offer a new hybrid next year.", ("product_launch", "confirmed")),  # a new object
    ("Nordic Widgets Inc. bought Brightline Software Corp. in 2016.", ("merger_acquisition", "completed")),
    ("The retailer raised its full-year outlook on Thursday.", ("earnings", "completed")),
    ("Washington imposed sanctions on the country's oil exports.", ("trade_measure", "completed")),
    ("Runaway costs have become a problem for the airline.", ("costs", "completed")),
    ("The grocer is testing the app with a few hundred customers in Ohio.", ("product_trial", "confirmed")),
    ("The retailer earned $1.48 a share in the quarter.", ("earnings", "completed")),
    ("Its new facility in Ohio employs 300 people.", ("plant_opening", "confirmed")),
    ("The airline's members' club is set to open at the stadium next year.", ("plant_opening", "confirmed")),
    ("The sell-off in chip stocks deepened on Tuesday.", ("share_move", "completed")),  # a hyphenated trigger
    ("The toolmaker announced a new share-repurchase program.", ("dividend", "completed")),
    ("Rival carmaker Norvik (NRV) rose 2% on Monday.", ("share_move", "completed")),  # a name in apposition
    ("Norvik Industrial Fund (NIF) was off 0.6% at $68.67.", ("share_move", "completed")),
    ("The carmaker marked the week with the introduction of its first electric van.", ("product_launch", "completed")),
    ("Regulators approved the new inhaler on Friday.", ("product_launch", "completed")),
    ("The drug met its main goal in a late-stage trial.", ("product_trial", "completed")),
    ("Sales will remain steady next year, the retailer said.", ("sales_report", "confirmed")),  # 'sales' told
    ("The chipmaker expects 45 cents per share in the third quarter.", ("earnings", "confirmed")),
    ("The mayor was at the plant to celebrate 800 new jobs.", ("hiring", "confirmed")),
])
def test_event_type_and_status(analyse, text, expected):
    assert expected in events(analyse(text))


@pytest.mark.parametrize("text", [
    "The weather was mild in the city on Sunday.",
    "The author wrote a novel about her childhood.",
    "She said the new schedule was fine with her.",
    "According to the author, the garden was planted by her grandmother.",
])
def test_no_event(analyse, text):
    assert not analyse(text)._.events


@pytest.mark.parametrize("text, absent", [
    ("Analysts expect earnings per share to rise 5% next year.", "share_move"),  # 'per share' is no stock
    ("The retailer gained market share from its rivals last year.", "share_move"),
    ("The new phone sold well, and the stock had little to do with it.", "sales_report"),  # no figure, no change
    ("Investors lost patience with the strategy.", "share_move"),  # no stock word near the move
    ("Regulators approved the deal to merge the two airlines.", "deal"),  # told as a merger already
    ("The company will deal with the complaints next week.", "deal"),  # the verb
    ("The retailer sells low-cost furniture in its stores.", "costs"),
    ("She joined an investment bank in London after college.", "investment"),
    ("The regulator launched an investigation into the bank's lending.", "product_launch"),  # a probe
    ("The regulator launched a new investigation into the bank.", "product_launch"),  # also for the parse rule
    ("It is hard to judge how the talks will end.", "lawsuit"),
    ("The facility remains open while the tests run, its owner said.", "plant_opening"),  # a state
    ("The fund outperformed its rivals last year.", "analyst_rating"),
    ("Travellers can pay for a seat upgrade at the gate.", "analyst_rating"),
    ("The new search tool gave mixed results, reviewers said.", "earnings"),
    ("A judge ordered the retailer to pay $2 million to the families.", "sales_report"),  # the verb 'order'
    ("In order to cut its debt, the company sold bonds worth $2 billion.", "sales_report"),
    ("The outlook for the economy is bright, the minister said.", "earnings"),  # not raised, cut or kept
    ("Washington imposed sanctions on the country's oil exports.", "regulatory_probe"),
    ("Her husband sold the car to a neighbour.", "merger_acquisition"),  # no company bought
    ("Customers collect their groceries at the appointed time.", "management_change"),
    ("The airline cancelled 300 flights because of the storm.", "product_recall"),  # one run of a service
    ("The stock trades at 12 times its price-to-earnings ratio.", "earnings"),  # part of a compound
    ("The insurer wants to grow in its high-profit segments.", "earnings"),
    ("The founder sold $40 million of the company's stock last week.", "sales_report"),  # no product sold
    ("Two trusts each sold 32,000 shares on Monday.", "sales_report"),
    ("The party's ruling council met on Monday.", "lawsuit"),  # the adjective
    ("The firm's sales chief left the company in May.", "sales_report"),  # 'sales' as a modifier
    ("Stock sales by insiders are often watched closely.", "sales_report"),
    ("The utility pays a dividend of 30 cents per share.", "earnings"),  # 'per share' of a dividend
    ("The stock closed down 3% at $27.69 per share.", "earnings"),  # ... or of a price
])
def test_words_out_of_their_sense_fire_no_event(analyse, text, absent):
    assert absent not in {kind for kind, _ in events(analyse(text))}


def test_participants_are_entity_keys_and_evidence_points_into_the_text(analyse):
    text = "Toyota is in talks with Panasonic to form a joint venture. It would build a battery plant in Ohio."
    doc = analyse(text)
    partnership = next(e for e in doc._.events if e.type == EventType.PARTNERSHIP)
    names = {doc._.entities[k].name for k in partnership.participants}
    assert any("Toyota" in n for n in names) and any("Panasonic" in n for n in names)
    assert text[partnership.trigger.start:partnership.trigger.end] == "joint venture"
    assert text[partnership.evidence.start:partnership.evidence.end].startswith("Toyota is in talks")
    opening = next(e for e in doc._.events if e.type == EventType.PLANT_OPENING)
    assert any("Toyota" in doc._.entities[k].name for k in opening.participants)  # 'It' -> Toyota


def _event(aid: str, kind: EventType, status: EventStatus, keys: tuple[str, ...], start: int = 0) -> Event:
    return Event(kind, status, keys, Evidence(aid, start, start + 4), Evidence(aid, start, start + 20))


def test_story_events_merge_overlapping_participants_and_take_the_latest_status():
    from newsgraph.reconcile.events import story_events

    by_article = {
        "a1": (_event("a1", EventType.PARTNERSHIP, EventStatus.REPORTED, ("c:x", "c:y")),
               _event("a1", EventType.SHARE_MOVE, EventStatus.COMPLETED, ("c:y",), 30),
               _event("a1", EventType.LAYOFFS, EventStatus.REPORTED, ("p:someone",), 60)),
        "a2": (_event("a2", EventType.PARTNERSHIP, EventStatus.DENIED, ("c:x",)),),
        "a3": (_event("a3", EventType.PARTNERSHIP, EventStatus.CONFIRMED, ("c:y",)),),
    }
    merged = story_events(by_article, ["a1", "a2", "a3"], {"c:x", "c:y"})
    kinds = {e.type: e for e in merged}
    assert set(kinds) == {EventType.PARTNERSHIP, EventType.SHARE_MOVE}  # no company in the layoffs event
    assert kinds[EventType.PARTNERSHIP].status == EventStatus.CONFIRMED
    assert kinds[EventType.PARTNERSHIP].article_ids == ("a1", "a2", "a3")


def test_store_round_trips_events(tmp_path):
    from newsgraph.model import Analysis, Article
    from newsgraph.store.db import Store

    store = Store(str(tmp_path / "e.db"))
    article = Article(id="a1", source="x.txt", text="Acme will close its plant in Ohio.")
    event = _event("a1", EventType.PLANT_CLOSURE, EventStatus.CONFIRMED, ("c:acme",))
    store.add(article, Analysis(article_id="a1", events=(event,)))
    assert store.analyses()["a1"].events == (event,)
    names = [name for name, _ in __import__("newsgraph.store.schema", fromlist=["MIGRATIONS"]).MIGRATIONS]
    assert "0002_events" in names and names[0] == "0001_initial"


def test_export_has_events_per_story(mini_store):
    stories = mini_store.export["stories"]
    subaru = next(s for s in stories if len(s["article_ids"]) == 3)
    # the investment the three articles tell ('Subaru would invest ...') is one event of the story
    investment = next((e for e in subaru["events"] if e["type"] == "investment"), None)
    assert investment is not None, subaru["events"]
    assert (investment["status"], investment["participants"]) == ("reported", ["Subaru"])
    assert investment["article_ids"] == subaru["article_ids"]
    assert "According to the Nikkei report, Subaru would invest $3.4 billion in the site." in [
        ev["text"] for ev in investment["evidence"]]
    nintendo = next(s for s in stories if len(s["article_ids"]) == 1)
    sales = next((e for e in nintendo["events"] if e["type"] == "sales_report"), None)
    assert sales is not None, nintendo["events"]
    assert (sales["status"], sales["participants"]) == ("completed", ["Nintendo"])
    assert sales["evidence"][0]["text"].startswith("Nintendo sold 3.2 million consoles in the quarter")
    for story in stories:
        for event in story["events"]:
            assert event["type"] in {t.value for t in EventType}
            for ev in event["evidence"]:
                text = next(a["text"] for a in mini_store.export["articles"] if a["id"] == ev["article_id"])
                assert text[ev["start"]:ev["end"]] == ev["text"]
