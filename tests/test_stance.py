"""Stance toward a story's claim (reconcile/stance.py): (text, expected) tables in invented wording."""
from __future__ import annotations

from datetime import datetime, timezone

import pytest

from newsgraph.model import Article, Evidence, Report, Story
from newsgraph.reconcile.stance import Stance, independent_sources, stance, story_stances

CLAIM = "A regional lender will buy a rival insurer"


@pytest.mark.parametrize("text, expected", [
    ("Regional lender agrees to buy rival insurer", Stance.REPORTS),
    ("Lender denies it plans to buy insurer", Stance.DENIES),
    ("No, the lender is not buying the insurer", Stance.DENIES),
    ("Lender reportedly in talks to buy insurer", Stance.NEUTRAL),
    ("Will the lender buy the insurer?", Stance.NEUTRAL),
])
def test_stance_of_a_headline(text, expected):
    assert stance(text, CLAIM) == expected


def _art(aid: str, title: str, outlet: str) -> Article:
    return Article(id=aid, source=f"{aid}.txt", text=title + "\nBody text.", title=title, outlet=outlet,
                   published_at=datetime(2026, 2, 1, tzinfo=timezone.utc))


def test_re_reports_of_one_scoop_count_once():
    arts = {a.id: a for a in (_art("a1", "Lender to buy rival insurer", "Paper One"),
                             _art("a2", "Lender set to buy insurer", "Wire Two"),
                             _art("a3", "Lender denies insurer deal", "Site Three"))}
    scoop = Report(reported_by="Paper One", reported_by_key="outlet:paper one", citing="people familiar",
                   claim=CLAIM, evidence=Evidence("a2", 0, 5))
    story = Story(id="s1", title="t", article_ids=tuple(arts), reports=(scoop,))
    out = story_stances(story, arts)
    assert {st.article_id: st.stance for st in out} == {"a1": "reports", "a2": "reports", "a3": "denies"}
    assert independent_sources(out) == {"reports": ["Paper One"], "denies": ["Site Three"], "neutral": []}


def test_outlet_spellings_are_one_source():
    arts = {a.id: a for a in (_art("a1", "Lender to buy rival insurer", "The Paper One"),
                             _art("a2", "Lender set to buy insurer", "Paper One"))}
    out = story_stances(Story(id="s1", title=CLAIM, article_ids=tuple(arts)), arts)
    assert independent_sources(out)["reports"] in (["The Paper One"], ["Paper One"])
