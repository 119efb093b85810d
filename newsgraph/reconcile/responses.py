"""Align each party's responses across a story's articles.

A party that did not respond or declined to comment in one article and denied or confirmed in
another has given an `update` (a non-answer can be followed by an answer, not the other way
round, so the order is clear even when an article has no date). A party that denied and, later
by the articles' times, confirmed (or the other way round) has given a `contradiction`: it said
both, in turn. A denial and a confirmation that no time orders are a `conflict`.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime

from newsgraph import lexicon
from newsgraph.model import (Disagreement, DisagreementKind, Event, EventStatus, EventType, Response, ResponseKind,
                             time_key)
from newsgraph.nlp.attribution.publishers import outlet_key

MEDIA_TAIL = re.compile(r"\s+(?:" + lexicon.alternation("reconcile.media_tail_words") + r")$", re.I)
ANSWERS = {ResponseKind.DENIED, ResponseKind.CONFIRMED}
NON_ANSWERS = {ResponseKind.DID_NOT_RESPOND, ResponseKind.DECLINED_TO_COMMENT}


# A person who answers but is none of the story's leading parties, and whom only one of its articles
# names, is more often someone answering another matter ('the golfer disputed a report about
# himself') than a party to the story's claim.
BYSTANDER_FACTOR = 0.5
LEADING = 3  # the story's most-named actors


def media_names(names: list[str]) -> set[str]:
    """The outlets' names as ``outlet_key`` gives them, also without a last word such as 'News'
    ('CBS News' is also 'CBS', the name an article may type as a company)."""
    return {outlet_key(n) for name in names for n in (name, MEDIA_TAIL.sub("", name)) if len(outlet_key(n)) > 1}


def weighed(responses: list[Response], leading: list[str], bystanders: set[str], reporters: set[str],
            media: set[str] = frozenset()) -> list[Response]:
    """The responses with their confidence weighed against the story: a ``bystander`` (a person
    who is none of its ``leading`` actors and is named in one article only) counts for less; the
    outlet that put the claim out is no party to it (``reporters``: their keys, and their names as
    ``outlet_key`` gives them, for an outlet the article typed as something else); nor is another
    outlet of the story (``media``: ``media_names``) that is none of its leading actors: what it
    confirms or denies is reporting ('..., the network confirmed'), not an answer to the claim."""
    out = []
    for r in responses:
        name = outlet_key(r.party)
        if r.party_key in reporters or name in reporters:
            continue
        if name in media and r.party_key not in leading[:LEADING]:
            continue
        if r.party_key in bystanders and r.party_key not in leading[:LEADING]:
            r = replace(r, confidence=r.confidence * BYSTANDER_FACTOR)
        out.append(r)
    return out


# A confirmation whose own sentence tells the story's main event with the party taking part ('Acme
# announced it plans to open a store in Leeds', in a story about a report of that store) answers the
# claim: it is as sure as a confirmation named outright, whatever its cue ('announced' alone counts for
# little). Only in a story with a report: an announcement with no claim before it answers nothing.
TOLD_EVENT = 0.9


def telling_the_event(responses: list[Response], events: list[Event], kind: EventType | None) -> list[Response]:
    """The responses, with a confirmation raised to ``TOLD_EVENT`` where its sentence tells an
    event of ``kind`` (the story's main event) that its party takes part in and nobody denies."""
    if kind is None:
        return responses
    told = {(e.evidence.article_id, e.evidence.start, k) for e in events
            if e.type == kind and e.status != EventStatus.DENIED for k in e.participants}
    return [replace(r, confidence=max(r.confidence, TOLD_EVENT))
            if r.kind == ResponseKind.CONFIRMED and (r.evidence.article_id, r.evidence.start, r.party_key) in told
            else r for r in responses]


def said(kind: ResponseKind) -> str:
    """A response kind as the sentence says it: 'declined_to_comment' -> 'declined to comment'."""
    return kind.value.replace("_", " ")


def reconcile_responses(responses: list[Response], when: Callable[[Response], datetime | None],
                        outlet_of: Callable[[str], str]) -> list[Disagreement]:
    by_party: dict[str, list[Response]] = {}
    for r in responses:
        by_party.setdefault(r.party_key, []).append(r)
    out: list[Disagreement] = []
    for party_responses in by_party.values():
        kinds = {r.kind for r in party_responses}
        if len(kinds) < 2:
            continue
        turned = contradiction(party_responses, when)
        if turned:
            first, last = turned
            out.append(Disagreement(kind=DisagreementKind.CONTRADICTION, about=(
                f"{first.party}'s response: {said(first.kind)} ({outlet_of(first.evidence.article_id)}), "
                f"later {said(last.kind)} ({outlet_of(last.evidence.article_id)})"),
                article_ids=(first.evidence.article_id, last.evidence.article_id),
                evidence=(first.evidence, last.evidence)))
            continue
        dated = [r for r in party_responses if when(r) is not None]
        if len(dated) == len(party_responses) and len({time_key(when(r)) for r in dated}) > 1:
            ordered = sorted(party_responses, key=lambda r: time_key(when(r)))  # the articles' times order them
        elif kinds & NON_ANSWERS and kinds & ANSWERS:
            ordered = sorted(party_responses, key=lambda r: (r.kind in ANSWERS, time_key(when(r))))
        else:
            ordered = []  # a denial and a confirmation with no order between them
        first, last = (ordered[0], ordered[-1]) if ordered else (party_responses[0], party_responses[-1])
        if first.evidence.article_id == last.evidence.article_id or first.kind == last.kind:
            continue
        kind = DisagreementKind.UPDATE if ordered else DisagreementKind.CONFLICT
        joiner = ", later " if ordered else " vs "
        about = (f"{first.party}'s response: {said(first.kind)} ({outlet_of(first.evidence.article_id)})"
                 f"{joiner}{said(last.kind)} ({outlet_of(last.evidence.article_id)})")
        out.append(Disagreement(kind=kind, about=about,
                                article_ids=(first.evidence.article_id, last.evidence.article_id),
                                evidence=(first.evidence, last.evidence)))
    return out


def contradiction(responses: list[Response], when: Callable[[Response], datetime | None]
                  ) -> tuple[Response, Response] | None:
    """The party's latest answer and the latest earlier answer of the other kind (a denial, then a
    confirmation, or the reverse), when the times of every answer order them; else None (an
    undated answer could have come at any point)."""
    answers = [r for r in responses if r.kind in ANSWERS]
    if {r.kind for r in answers} != ANSWERS or any(when(r) is None for r in answers):
        return None
    answers.sort(key=lambda r: time_key(when(r)))
    last = answers[-1]
    earlier = [r for r in answers if r.kind != last.kind and time_key(when(r)) < time_key(when(last))
               and r.evidence.article_id != last.evidence.article_id]
    return (earlier[-1], last) if earlier else None
