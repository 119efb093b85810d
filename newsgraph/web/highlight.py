"""An article's text cut into plain runs and marked evidence sentences, each mark with an anchor id.

A page links every ledger entry, fact or report to its sentence's anchor (``#ev-...``); the browser
scrolls there and CSS ``:target`` highlights it, so this works with JavaScript off. Marks cannot
nest, so where evidence spans overlap the first (longest) one is marked and the others link to it.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from newsgraph.model import Evidence


@dataclass(frozen=True)
class Segment:
    text: str
    anchor: str | None = None  # the mark's id; None for plain text


def anchor_id(ev: Evidence) -> str:
    return f"ev-{ev.article_id}-{ev.start}-{ev.end}"


@dataclass(frozen=True)
class MarkedText:
    segments: tuple[Segment, ...]
    anchors: dict[tuple[int, int], str]  # every evidence span -> the anchor of the mark that shows it


def mark(article_id: str, text: str, spans: Iterable[Evidence]) -> MarkedText:
    inside = {(e.start, e.end) for e in spans if e.article_id == article_id and 0 <= e.start < e.end <= len(text)}
    wanted = sorted(inside, key=lambda se: (se[0], -se[1]))
    kept: list[tuple[int, int]] = []
    anchors: dict[tuple[int, int], str] = {}
    for start, end in wanted:
        if kept and start < kept[-1][1]:  # overlaps the mark before it: link there
            anchors[(start, end)] = anchors[kept[-1]]
            continue
        kept.append((start, end))
        anchors[(start, end)] = anchor_id(Evidence(article_id, start, end))
    segments: list[Segment] = []
    at = 0
    for start, end in kept:
        if start > at:
            segments.append(Segment(text[at:start]))
        segments.append(Segment(text[start:end], anchors[(start, end)]))
        at = end
    if at < len(text):
        segments.append(Segment(text[at:]))
    return MarkedText(tuple(segments), anchors)


class Anchors:
    """Anchor lookup over several articles' marked texts (the articles of one story)."""

    def __init__(self, marked: dict[str, MarkedText]):
        self.marked = marked

    def __call__(self, ev: Evidence) -> str:
        m = self.marked.get(ev.article_id)
        return m.anchors.get((ev.start, ev.end), anchor_id(ev)) if m else anchor_id(ev)
