"""When a response was given, where the words date it apart from the article."""
from __future__ import annotations

from datetime import datetime, timedelta

from spacy.tokens import Token

from newsgraph import lexicon

WEEKDAYS = lexicon.WEEKDAYS  # Monday first, as datetime.weekday()
ADVERBIAL_DEPS = {"npadvmod", "advmod", "prep", "tmod"}


def said_when(cue: Token, published: datetime | None) -> datetime | None:
    """When a response was given, where the words date it apart from the article: 'had not responded
    earlier in the day' (just before publication), 'declined to comment on Monday' (an earlier
    Monday), 'yesterday'. None when it is the article's own time (the caller dates it then)."""
    if published is None:
        return None
    words = []
    heads = [cue, *(c for c in cue.children if c.dep_ == "xcomp")]  # 'declined to comment on Monday'
    for child in (c for h in heads for c in h.children):  # adverbials, not the words of what was said
        if child.dep_ in ADVERBIAL_DEPS:
            words.extend(t.lower_ for t in child.subtree)
    if "yesterday" in words:
        return published - timedelta(days=1)
    day = next((WEEKDAYS.index(w) for w in words if w in WEEKDAYS), None)
    if day is not None:
        back = (published.weekday() - day) % 7
        if back:
            return published - timedelta(days=back)
    if "earlier" in words and ("day" in words or "today" in words or len(words) == 1):
        return published - timedelta(seconds=1)
    return None

