"""Quality floors on gold sets, scored by shared/tools/score.py: the two seed articles
(shared/gold/seeds.json), the bundled demo corpus (examples/gold/demo.json), the corpus in other
layouts (examples/gold/layouts.json) and the four corpora written without sight of the code
(examples/gold/unseen-*.json).

A floor may be raised, never lowered. A metric currently below its floor is an xfail that names
the value measured, so the gap stays visible until the code catches up.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]

# the issues' Done-when: seeds 1.0 everywhere; demo 0.9 (facts 0.85)
SEED_FLOORS = {m: 1.0 for m in ("clustering", "tickers", "reports", "responses", "ledger", "facts", "disagreements")}
DEMO_FLOORS = {**{m: 0.9 for m in ("clustering", "tickers", "reports", "responses", "ledger", "disagreements")},
               "facts": 0.85}
# the layouts corpus, a regression set: a little under what was measured when it was added
LAYOUTS_FLOORS = {"clustering": 1.0, "tickers": 1.0, "reports": 0.75, "responses": 0.9, "ledger": 0.9, "facts": 0.85,
                  "disagreements": 0.6}
# the four corpora written by team members who had not seen the code (examples/unseen): regression
# sets now, with floors a little under what was measured when they were added
UNSEEN_FLOORS = {
    "a": {"clustering": 0.9, "tickers": 0.95, "reports": 0.35, "responses": 0.75, "ledger": 0.8, "facts": 0.6,
          "disagreements": 0.55},
    "b": {"clustering": 0.85, "tickers": 0.95, "reports": 0.4, "responses": 0.7, "ledger": 0.75, "facts": 0.6,
          "disagreements": 0.55},
    "c": {"clustering": 0.85, "tickers": 0.75, "reports": 0.8, "responses": 0.7, "ledger": 0.75, "facts": 0.6,
          "disagreements": 0.35},
    "d": {"clustering": 0.9, "tickers": 0.75, "reports": 0.7, "responses": 0.8, "ledger": 0.9, "facts": 0.5,
          "disagreements": 0.2},
}
# measured with this suite's run of the demo corpus; the code is being improved in parallel
DEMO_BELOW: dict[str, str] = {}  # metric -> measured value, for a floor not yet reached


def flat_scores(score_module, gold: dict, export: dict) -> dict[str, float]:
    """The f1 per metric, as score.py prints them on its SCORES line."""
    result = score_module.score(gold, export)
    assert result["articles_missing"] == [], result["articles_missing"]
    return {"clustering": result["clustering_bcubed"]["f1"], **{k: v["f1"] for k, v in result["overall"].items()}}


@pytest.fixture(scope="module")
def seed_scores(score_module, shared, seeds_store):
    gold = json.loads((shared / "gold" / "seeds.json").read_text(encoding="utf-8"))
    return flat_scores(score_module, gold, json.loads(json.dumps(seeds_store.export)))


@pytest.fixture(scope="module")
def demo_scores(score_module, demo_store):
    gold_path = REPO / "examples" / "gold" / "demo.json"
    if not gold_path.is_file():
        pytest.skip("examples/gold/demo.json is missing")
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    return flat_scores(score_module, gold, json.loads(json.dumps(demo_store.export)))


@pytest.fixture(scope="module")
def layouts_scores(score_module, layouts_store):
    gold = json.loads((REPO / "examples" / "gold" / "layouts.json").read_text(encoding="utf-8"))
    return flat_scores(score_module, gold, json.loads(json.dumps(layouts_store.export)))


@pytest.mark.parametrize("metric, floor", sorted(LAYOUTS_FLOORS.items()))
def test_layouts_floors(layouts_scores, metric, floor):
    assert layouts_scores[metric] >= floor, f"layouts {metric} {layouts_scores[metric]:.3f} < {floor}: {layouts_scores}"


@pytest.fixture(scope="module")
def unseen_scores(score_module, unseen_stores):
    scores = {}
    for name, store in unseen_stores.items():
        assert store.result.rejected == [], store.result.rejected
        gold = json.loads((REPO / "examples" / "gold" / f"unseen-{name}.json").read_text(encoding="utf-8"))
        scores[name] = flat_scores(score_module, gold, json.loads(json.dumps(store.export)))
    return scores


@pytest.mark.parametrize("name, metric, floor",
                         [(n, m, f) for n, floors in sorted(UNSEEN_FLOORS.items()) for m, f in sorted(floors.items())])
def test_unseen_floors(unseen_scores, name, metric, floor):
    got = unseen_scores[name][metric]
    assert got >= floor, f"unseen {name} {metric} {got:.3f} < {floor}: {unseen_scores[name]}"


@pytest.mark.parametrize("metric, floor", sorted(SEED_FLOORS.items()))
def test_seed_floors(seed_scores, metric, floor):
    assert seed_scores[metric] >= floor, f"seeds {metric} {seed_scores[metric]:.3f} < {floor}: {seed_scores}"


@pytest.mark.parametrize("metric, floor", [
    pytest.param(m, f, marks=pytest.mark.xfail(reason=f"demo {m} measured {DEMO_BELOW[m]} < {f}", strict=True))
    if m in DEMO_BELOW else (m, f)
    for m, f in sorted(DEMO_FLOORS.items())
])
def test_demo_floors(demo_scores, metric, floor):
    assert demo_scores[metric] >= floor, f"demo {metric} {demo_scores[metric]:.3f} < {floor}: {demo_scores}"


def test_demo_facts_precision_and_recall(score_module, demo_store):
    """Issue 4 asks for both, not just their F1: at least 0.85 each on the demo gold."""
    gold = json.loads((REPO / "examples" / "gold" / "demo.json").read_text(encoding="utf-8"))
    facts = score_module.score(gold, json.loads(json.dumps(demo_store.export)))["overall"]["facts"]
    assert facts["p"] >= 0.85 and facts["r"] >= 0.85, facts


def test_both_seed_articles_are_analysed(seeds_store):
    assert seeds_store.result.rejected == [] and len(seeds_store.result.added) == 2


def test_every_input_of_the_demo_corpus_is_analysed(demo_store):
    assert demo_store.result.rejected == []
    sources = {a["source"] for a in demo_store.export["articles"]}
    assert {f"wire.jsonl#lw{i}" for i in range(1, 8)} <= sources
    assert "rhinecourier-stellantis-tychy.html.gz" in sources
