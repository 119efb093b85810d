"""A semantic second signal for events_sentivent, measured only (nothing here is shipped).

Idea: for each of our event types, a few short news sentences written for this file (not taken
from any data set); a sentence gets the type when the cosine of its MiniLM embedding
(newsgraph.clustering.embeddings) to the nearest of the type's prototypes reaches a per-type
threshold, on top of what the rules found. The thresholds are picked at run time on the train
split (coordinate ascent over a grid, micro F1 over the covered types) and applied to the split
being scored. It is kept as a measurement because it did not generalise: the train gain was about
one point of micro F1 and dev did not move (see ``--semantic`` in events_sentivent.py).
"""
from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

# Typical sentences of each type, in our own words; 'earnings' is mapped by its words like the rules'.
PROTOTYPES = {
    "product_launch": [
        "The company unveiled a new smartphone with a bigger screen and a faster chip.",
        "The carmaker will start selling its electric SUV in Europe next year.",
        "The app now lets users order groceries and pay with their phone.",
        "The new version of the software adds a feature for sharing videos with friends.",
        "The streaming service will add more original shows to its catalogue.",
        "The airline will begin flying a new route between the two cities this summer.",
        "The drug was approved by regulators to treat a rare form of cancer.",
        "The chipmaker introduced a faster processor for data centers.",
        "Customers can now stream music on the device without an internet connection.",
        "The retailer expanded its same-day delivery service to more cities.",
        "The new model will be available in stores starting in the fall.",
        "The company offers its cloud platform to businesses of every size.",
    ],
    "plant_opening": [
        "The company will build a new factory that will employ hundreds of workers.",
        "The retailer plans to open fifty new stores across the country this year.",
        "The carmaker will shut down an assembly plant and move production abroad.",
        "The firm opened a new data center in the region.",
        "The chain is closing hundreds of its underperforming locations.",
        "The company is expanding its manufacturing capacity with a second plant.",
        "The restaurant chain added new locations in several states.",
        "The oil company will close the refinery by the end of the year.",
    ],
    "deal": [
        "The two companies signed an agreement to work together on self-driving cars.",
        "The firm won a contract worth millions of dollars from the government.",
        "The company struck a licensing deal with a music label.",
        "The carrier reached a deal with the manufacturer to supply parts.",
        "The company partnered with a bank to offer a new credit card.",
        "Under the agreement, the retailer will sell the brand's products in its stores.",
        "The two firms agreed to share their networks.",
    ],
    "earnings": [
        "The company reported its quarterly results on Tuesday after the market closed.",
        "The company will report fourth-quarter earnings next week.",
        "The results beat analysts' expectations.",
        "The company raised its full-year outlook.",
        "The firm posted a net loss of two cents per share for the quarter.",
        "Revenue for the quarter rose eight percent to three billion dollars.",
        "Adjusted earnings came in ahead of the consensus estimate.",
        "The company cut its guidance for the year.",
    ],
    "share_move": [
        "Shares of the company fell five percent in morning trading.",
        "The stock has gained twenty percent so far this year.",
        "The company's market value rose above one trillion dollars.",
        "The stock closed at a record high on Friday.",
        "Its shares have underperformed the broader market over the past year.",
        "The stock trades at fifteen times forward earnings.",
    ],
    "sales_report": [
        "The company sold more than two million phones in the quarter.",
        "Deliveries of the new car rose sharply last month.",
        "The service added three million subscribers in the quarter.",
        "Passenger traffic increased four percent in April.",
        "Same-store sales fell two percent during the holiday season.",
        "Demand for the console remained strong, with unit sales up year over year.",
    ],
    "employment": [
        "The company will cut about a thousand jobs as part of a restructuring.",
        "The chief executive will step down at the end of the year.",
        "The board appointed a new chief financial officer.",
        "The firm plans to hire thousands of workers for the holiday season.",
        "Employees went on strike over pay and working conditions.",
        "The company named a former rival executive as its new president.",
    ],
    "lawsuit": [
        "The company was sued by shareholders who claim they were misled.",
        "A federal judge ruled against the company in the patent case.",
        "Regulators are investigating the firm's accounting practices.",
        "The company agreed to pay a fine to settle the charges.",
        "The lawsuit accuses the company of violating antitrust law.",
    ],
    "financing": [
        "The company raised one billion dollars by selling bonds.",
        "The firm took out a new loan to refinance its debt.",
        "The startup raised money from investors in a new funding round.",
        "The company has a large amount of debt on its balance sheet.",
        "The company issued new shares to fund the expansion.",
    ],
    "investment": [
        "The company will invest two billion dollars in new factories.",
        "The firm took a stake in an electric vehicle startup.",
        "The company plans to spend heavily on research and development.",
        "Capital spending is expected to rise next year.",
    ],
    "dividend": [
        "The board raised the quarterly dividend by ten percent.",
        "The company announced a new share buyback program.",
        "The stock offers a dividend yield of three percent.",
        "The company returned billions to shareholders through repurchases and dividends.",
    ],
    "analyst_rating": [
        "The analyst upgraded the stock to buy from hold.",
        "The bank raised its price target on the shares.",
        "The stock carries a strong buy rating.",
        "Analysts cut their recommendation on the company to neutral.",
    ],
    "costs": [
        "Operating expenses rose because of higher fuel prices.",
        "The company aims to cut costs by half a billion dollars.",
        "Spending on marketing increased during the quarter.",
        "Higher labor costs weighed on the company's margins.",
    ],
    "merger_acquisition": [
        "The company agreed to buy its smaller rival for five billion dollars.",
        "The two firms will merge to create the largest company in the industry.",
        "The company completed the takeover of the software maker.",
        "The group is selling its consumer unit to a private equity firm.",
    ],
}

TARGET = {"product_launch": "Product/Service", "plant_opening": "Facility", "deal": "Deal",
          "share_move": "SecurityValue", "sales_report": "SalesVolume", "employment": "Employment",
          "lawsuit": "Legal", "financing": "Financing", "investment": "Investment", "dividend": "Dividend",
          "analyst_rating": "Rating", "costs": "Expense", "merger_acquisition": "Merger/Acquisition"}
GRID = (1.0,) + tuple(round(0.40 + 0.025 * n, 3) for n in range(16))  # 1.0: the type is not added


def similarities(texts: Sequence[str]) -> dict[str, np.ndarray]:
    """Per prototype type, each text's highest cosine to one of its prototypes."""
    from newsgraph.clustering.embeddings import embedder

    vectors = embedder().embed(list(texts))
    return {kind: (vectors @ embedder().embed(sentences).T).max(axis=1) for kind, sentences in PROTOTYPES.items()}


def added(sims: dict[str, np.ndarray], labels: dict[str, list[set[str]]], thresholds: dict[str, float],
          rows: Sequence[int]) -> list[set[str]]:
    """The labels the semantic signal adds to each of ``rows`` under ``thresholds``."""
    return [{label for kind, t in thresholds.items() if t < 1.0 and sims[kind][n] >= t for label in labels[kind][n]}
            for n in rows]


def tune(sims: dict[str, np.ndarray], labels: dict[str, list[set[str]]], rule_pred: list[set[str]],
         train: Sequence[int], f1: Callable[[list[set[str]]], float], rounds: int = 2) -> dict[str, float]:
    """Per-type thresholds that maximise ``f1`` (of the rules' labels plus the added ones) on ``train``."""
    thresholds = {kind: 1.0 for kind in PROTOTYPES}

    def score(candidate: dict[str, float]) -> float:
        extra = added(sims, labels, candidate, train)
        return f1([rule_pred[n] | e for n, e in zip(train, extra)])

    for _ in range(rounds):
        for kind in PROTOTYPES:
            thresholds[kind] = max(GRID, key=lambda g: (score({**thresholds, kind: g}), g))
    return thresholds
