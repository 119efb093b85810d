"""Stance of a headline or sentence toward a story's claim: reports it, denies it, or neutral.

The cues are general English news wording: words that refute or debunk ("denies", "false",
"hoax"), words that keep a distance from a claim ("reportedly", "rumour", "claims", a question),
and how much of the claim the text repeats. ``stance`` applies them as rules; ``features`` gives
the same cues as numbers for a model trained on labelled headlines (benchmarks/stance_emergent.py).
"""
from __future__ import annotations

import re
from enum import Enum

from newsgraph import lexicon
from newsgraph.model import ArticleStance

REFUTE = lexicon.words("reconcile.refute_words")
HEDGE = lexicon.words("reconcile.hedge_words")
WORD = re.compile(r"[a-z0-9']+")
STOP = lexicon.words("reconcile.claim_stop_words")
QUOTE_MARK = re.compile(r"['\"\u201c\u2018]")


class Stance(str, Enum):
    REPORTS = "reports"
    DENIES = "denies"
    NEUTRAL = "neutral"


def _words(text: str) -> list[str]:
    return WORD.findall(text.lower().replace("\u2019", "'"))


def features(text: str, claim: str = "") -> dict[str, float]:
    words = _words(text)
    wset = set(words)
    claim_words = {w for w in _words(claim) if w not in STOP}
    overlap = len(claim_words & wset) / len(claim_words) if claim_words else 0.0
    return dict(
        refute=float(len(wset & REFUTE)),
        hedge=float(len(wset & HEDGE)),
        question=float("?" in text),
        quoted=float(bool(QUOTE_MARK.search(text))),
        overlap=overlap,
        length=min(len(words), 30) / 30.0,
    )


def stance(text: str, claim: str = "") -> Stance:
    """Rules over the cues: a refuting word denies; a hedge or a question keeps neutral;
    otherwise the text reports the claim."""
    f = features(text, claim)
    if f["refute"]:
        return Stance.DENIES
    if f["hedge"] or f["question"]:
        return Stance.NEUTRAL
    return Stance.REPORTS


def story_stances(story, articles: dict, reports=None) -> tuple[ArticleStance, ...]:
    """Each article's stance toward the story's claim (the first report's claim, else the story's
    title), read from its headline (else its first sentence). An article that retells a report it
    credits to another outlet (among ``reports``, by default the story's) stands for that outlet, so
    one scoop told many times is one source; an article that carries a denial stands for itself.
    ``story`` is a ``Story``; ``articles`` maps article ids to ``Article``."""
    claim = story.reports[0].claim if story.reports else story.title
    credited: dict[str, str] = {}
    for rep in story.reports if reports is None else reports:
        if not rep.implicit:  # an outlet's own scoop credits nobody else
            credited.setdefault(rep.evidence.article_id, rep.reported_by)
    out = []
    for aid in story.article_ids:
        art = articles.get(aid)
        if art is None:
            continue
        head = art.title or art.text.strip().split("\n", 1)[0][:300]
        side = stance(head, claim)
        own = art.outlet or art.source
        source = own if side == Stance.DENIES else credited.get(aid) or own
        out.append(ArticleStance(article_id=aid, stance=side.value, source=source, headline=head))
    return tuple(out)


def independent_sources(stances) -> dict[str, list[str]]:
    """Per side, the distinct sources behind it ('The Paper' and 'Paper' are one)."""
    sides: dict[str, dict[str, str]] = {s.value: {} for s in Stance}
    for st in stances:
        sides[st.stance].setdefault(_source(st.source), st.source)
    return {side: sorted(names.values()) for side, names in sides.items()}


def _source(name: str) -> str:
    """One spelling per source: 'The Paper One' and 'Paper One' are one outlet."""
    name = " ".join(name.lower().split())
    return name[4:] if name.startswith("the ") else name
