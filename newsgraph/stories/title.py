"""Story titles and summaries, built from the story's record (who reported what, who answered how),
not copied from a headline."""
from __future__ import annotations

from collections import Counter

from newsgraph.model import Entity, EntityType, ResponseKind, Story

VERBS = {ResponseKind.DENIED: ("denies", "deny"), ResponseKind.CONFIRMED: ("confirms", "confirm")}
PAST = {ResponseKind.DENIED: "denied", ResponseKind.CONFIRMED: "confirmed",
        ResponseKind.DECLINED_TO_COMMENT: "declined to comment", ResponseKind.DID_NOT_RESPOND: "did not respond"}
GENERIC = {"say", "said", "report", "year", "company", "percent", "share", "include", "tell", "accord",
           "according", "also", "make", "take", "come", "plan", "add", "new", "people", "matter", "familiar"}


def _join(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def latest_answers(story: Story) -> dict[str, ResponseKind]:
    """Each party's latest response (answers outrank non-answers given at the same time)."""
    out: dict[str, ResponseKind] = {}
    for r in sorted(story.responses, key=lambda r: (r.as_of.timestamp() if r.as_of and r.as_of.tzinfo else 0,
                                                    r.kind in VERBS)):
        out[r.party] = r.kind
    return out


def title_for(story: Story, entities: dict[str, Entity], keywords: Counter) -> str:
    answers = latest_answers(story)
    topic = _topic(story, entities, keywords)
    for kind in (ResponseKind.DENIED, ResponseKind.CONFIRMED):
        parties = [p for p, k in answers.items() if k == kind][:3]
        if parties:
            verb = VERBS[kind][0] if len(parties) == 1 else VERBS[kind][1]
            source = f"{story.reports[0].reported_by} report" if story.reports else "report"
            return f"{_join(parties)} {verb} {source} on {topic}"
    if story.reports:
        return f"{story.reports[0].reported_by} reports on {topic}"
    return topic[:1].upper() + topic[1:]


def _topic(story: Story, entities: dict[str, Entity], keywords: Counter) -> str:
    names = [entities[k].name for k in story.entity_keys
             if k in entities and entities[k].type == EntityType.COMPANY][:2]
    names_lower = {w.lower() for n in names for w in n.split()}
    words = [w for w, _ in keywords.most_common(40)
             if w not in GENERIC and w not in names_lower and not any(w in n.lower() for n in names)][:3]
    who = _join(names) if names else "unnamed parties"
    return f"{who}: {', '.join(words)}" if words else who


def summary_for(story: Story, entities: dict[str, Entity]) -> str:
    parts = []
    for rep in story.reports[:1]:
        citing = f", citing {rep.citing}," if rep.citing else ""
        parts.append(f"{rep.reported_by} reported{citing} that {rep.claim.rstrip('.')}.")
    answers = latest_answers(story)
    if answers:
        parts.append("; ".join(f"{p} {PAST[k]}" for p, k in answers.items()) + ".")
    return " ".join(parts)
