"""Stance of a headline or sentence toward a story's claim: reports it, denies it, or neutral.

The cues are general English news wording: words that refute or debunk ("denies", "false",
"hoax"), words that keep a distance from a claim ("reportedly", "rumour", "claims", a question),
and how much of the claim the text repeats. ``stance`` applies them as rules; ``features`` gives
the same cues as numbers for a model trained on labelled headlines (benchmarks/stance_emergent.py).
"""
from __future__ import annotations

import re
from enum import Enum

REFUTE = {"deny", "denies", "denied", "denying", "false", "fake", "hoax", "debunk", "debunked", "debunks", "myth",
          "not", "no", "never", "isn't", "aren't", "wasn't", "weren't", "doesn't", "didn't", "won't", "don't",
          "refute", "refutes", "refuted", "rejects", "rejected", "dismiss", "dismisses", "dismissed", "untrue",
          "satire", "satirical", "bogus", "baseless", "nonsense", "wrong", "rumours", "rubbish", "scam",
          "fabricated", "misleading", "contrary", "actually", "despite", "sorry", "nope", "fails", "failed"}
HEDGE = {"reportedly", "reported", "report", "reports", "allegedly", "alleged", "claim", "claims", "claimed",
         "rumor", "rumors", "rumour", "rumoured", "rumored", "may", "might", "could", "possibly", "apparently",
         "purportedly", "supposedly", "said", "says", "say", "according", "sources", "source", "unconfirmed",
         "suggests", "suggest", "believed", "appears", "appear", "seems", "if", "whether", "speculation",
         "unverified", "viral", "internet", "twitter", "tweet", "photo", "video", "social", "media"}
WORD = re.compile(r"[a-z0-9']+")
STOP = {"the", "a", "an", "of", "to", "in", "on", "for", "and", "is", "was", "with", "at", "by", "from", "as",
        "it", "its", "that", "this", "be", "has", "have", "his", "her", "their"}


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
    return {
        "refute": float(len(wset & REFUTE)),
        "hedge": float(len(wset & HEDGE)),
        "question": float("?" in text),
        "quoted": float(bool(re.search(r"['\"\u201c\u2018]", text))),
        "overlap": overlap,
        "length": min(len(words), 30) / 30.0,
    }


def stance(text: str, claim: str = "") -> Stance:
    """Rules over the cues: a refuting word denies; a hedge or a question keeps neutral;
    otherwise the text reports the claim."""
    f = features(text, claim)
    if f["refute"]:
        return Stance.DENIES
    if f["hedge"] or f["question"]:
        return Stance.NEUTRAL
    return Stance.REPORTS


def story_stances(story, articles: dict) -> dict[str, object]:
    """Each article's stance toward the story's claim (its headline, else its first sentence) and
    the number of independent sources per side. An article that credits another outlet's report
    (a re-report of a scoop) counts as that outlet, so one scoop told many times is one source.

    ``story`` is a ``Story``; ``articles`` maps article ids to ``Article``. Returns
    ``{"articles": {article_id: stance}, "sources": {stance: [source, ...]}}``.
    """
    claim = story.reports[0].claim if story.reports else story.title
    credited = {}
    for rep in story.reports:
        credited.setdefault(rep.evidence.article_id, _source(rep.reported_by))
    per_article: dict[str, str] = {}
    sources: dict[str, set[str]] = {s.value: set() for s in Stance}
    for aid in story.article_ids:
        art = articles.get(aid)
        if art is None:
            continue
        head = art.title or art.text.split("\n", 1)[0][:300]
        side = stance(head, claim).value
        per_article[aid] = side
        sources[side].add(credited.get(aid) or _source(art.outlet or art.source))
    return {"articles": per_article, "sources": {k: sorted(v) for k, v in sources.items()}}


def _source(name: str) -> str:
    """One spelling per source: 'The Paper One' and 'Paper One' are one outlet."""
    name = " ".join(name.lower().split())
    return name[4:] if name.startswith("the ") else name
