"""Texts and helpers shared by the tests.

A small corpus written for the tests (fictional events, real listed companies so that the
gazetteer links them). Three articles tell one story over three days; a fourth is unrelated.

The Subaru story is built to hold: a report with its source (Nikkei, citing people familiar with
the matter), an `update` (Subaru does not respond, then denies), a `refinement` (more than
$3 billion vs $3.4 billion) and a `conflict` ($3.4 billion vs $5.1 billion).
"""
from __future__ import annotations

from pathlib import Path

SUBARU_TALKS = """Autos
Subaru weighs Indiana battery plant with LG Energy Solution
Northgate Tribune Staff
October 2, 2025
Subaru is in talks with LG Energy Solution to build a battery plant in Indiana, Nikkei reported on Thursday, citing people familiar with the matter.
Subaru would invest more than $3 billion in the factory, which would employ about 1,500 workers at full output, the newspaper said.
Subaru did not respond to a request for comment. LG Energy Solution declined to comment on the report.
The carmaker has been slower than its rivals to commit to electric models, and dealers have pressed it for a cheaper crossover.
Advertisement
© 2025 Northgate Tribune. All rights reserved.
"""

SUBARU_DENIES = """Subaru denies talks on Indiana battery factory
By Priya Lennox
Published October 3, 2025 10:40 AM EDT
Share this article
Subaru on Friday denied a Nikkei report that it was negotiating with LG Energy Solution over a battery factory in Indiana.
"We are not in talks with any battery maker about a plant in Indiana," a Subaru spokesperson said in an emailed statement.
According to the Nikkei report, Subaru would invest $3.4 billion in the site.
Shares of Subaru (TYO: 7270) were little changed in Tokyo after the statement.
Copyright 2025 Copper Valley Times. All rights reserved.
"""

SUBARU_COST = """Pinecrest Wire
Oct 4, 2025
Questions linger over Subaru battery plan
Subaru's denial has not ended talk of a joint battery plant in Indiana with LG Energy Solution, which analysts say makes sense for both companies.
Subaru would invest $5.1 billion in the factory, two people briefed on the early plans said, well above the figure first reported by Nikkei.
LG Energy Solution, which already runs a plant in Michigan, again declined to comment. Subaru said it had nothing to add to its earlier statement.
"""

NINTENDO = """Nintendo lifts profit outlook as console sales hold up
Harbor Street Daily
October 3, 2025
Nintendo raised its annual profit forecast on Friday after its newest console sold better than expected over the summer in Japan and Europe.
The Kyoto-based games company now expects an operating profit of ¥420 billion for the year to March, up from ¥370 billion before.
Nintendo sold 3.2 million consoles in the quarter, and its best-selling racing game added another 1.1 million copies.
"""

FILES = {
    "northgate-subaru-talks.txt": SUBARU_TALKS,
    "coppervalley-subaru-denies.txt": SUBARU_DENIES,
    "pinecrest-subaru-cost.txt": SUBARU_COST,
    "harbor-nintendo-results.txt": NINTENDO,
}
SUBARU_STORY = ("northgate-subaru-talks.txt", "coppervalley-subaru-denies.txt", "pinecrest-subaru-cost.txt")

# A plain article long enough to pass the minimum word count, for ingest and bad-input tests.
PLAIN = ("Quarry Bay Ferries has ordered six hybrid passenger vessels from a shipyard in Busan, the operator "
         "said on Tuesday, as it tries to cut fuel bills on its busiest harbour routes.\n\n"
         "The boats will carry up to 400 passengers each and run on batteries while docked, which the "
         "company says will halve noise at the piers near the old market.\n")

GOOD_HTML = """<!doctype html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Quarry Bay Ferries orders six hybrid vessels | Tidewater Post</title>
<meta property="og:site_name" content="Tidewater Post">
<meta property="og:title" content="Quarry Bay Ferries orders six hybrid vessels">
<meta name="author" content="Mina Okafor">
<meta property="article:published_time" content="2026-05-12T08:30:00+08:00">
</head><body>
<nav><a href="/">Home</a> <a href="/business">Business</a> <a href="/sport">Sport</a></nav>
<div class="cookie">We use cookies to improve your experience. Accept all</div>
<article>
<h1>Quarry Bay Ferries orders six hybrid vessels</h1>
<p>Quarry Bay Ferries has ordered six hybrid passenger vessels from a shipyard in Busan, the operator said on
Tuesday, as it tries to cut fuel bills on its busiest harbour routes.</p>
<p>The boats will carry up to 400 passengers each and run on batteries while docked, which the company says
will halve noise at the piers near the old market.</p>
<p>Deliveries are due to begin in the spring of 2028, and the older diesel ferries will be sold to operators in
smaller ports once the new fleet is in service.</p>
</article>
<aside><h3>Most read</h3><ul><li><a href="/a">Tram fares rise again</a></li>
<li><a href="/b">Night market reopens</a></li></ul></aside>
<footer>© 2026 Tidewater Post. All rights reserved. <a href="/terms">Terms of use</a></footer>
</body></html>
"""


def write_files(folder: Path, files: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def all_evidence(export: dict):
    """(where, evidence dict) for every evidence span in an export."""
    for story in export["stories"]:
        for kind in ("reports", "responses"):
            for item in story[kind]:
                yield f"{story['id']}/{kind}", item["evidence"]
        for kind in ("facts", "disagreements"):
            for item in story[kind]:
                for ev in item["evidence"]:
                    yield f"{story['id']}/{kind}", ev
