"""Story titles and summaries, built from the story's record (who reported what, who answered how),
not copied from a headline."""
from __future__ import annotations

from collections import Counter

from newsgraph.model import Entity, EntityType, ResponseKind, Story, time_key

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
    for r in sorted(story.responses, key=lambda r: (time_key(r.as_of) if r.as_of else 0.0, r.kind in VERBS)):
        out[r.party] = r.kind
    return out


def title_for(story: Story, entities: dict[str, Entity], keywords: Counter) -> str:
    """'<parties> deny <reporter> report: <topic words>', '<reporter> reports ...', or
    '<companies>: <topic words>' when nobody answered and nobody is credited."""
    answers = latest_answers(story)
    names = _companies(story, entities)
    words = _topic_words([entities[k].name for k in story.entity_keys if k in entities]
                         + [r.reported_by for r in story.reports], keywords)
    topic = f": {', '.join(words)}" if words else ""
    for kind in (ResponseKind.DENIED, ResponseKind.CONFIRMED):
        parties = [p for p, k in answers.items() if k == kind][:3]
        if parties:
            verb = VERBS[kind][0] if len(parties) == 1 else VERBS[kind][1]
            source = f"{story.reports[0].reported_by} report" if story.reports else "report"
            return f"{_join(parties)} {verb} {source}{topic}"
    if story.reports:
        about = f" on {_join(names)}" if names else ""
        return f"{story.reports[0].reported_by} reports{about}{topic}"
    return f"{_join(names) if names else 'News'}{topic}"


def _companies(story: Story, entities: dict[str, Entity]) -> list[str]:
    return [entities[k].name for k in story.entity_keys
            if k in entities and entities[k].type == EntityType.COMPANY][:2]


def _topic_words(names: list[str], keywords: Counter) -> list[str]:
    """Content words found in the most articles of the story (``keywords`` counts articles)."""
    name_words = {w.lower() for n in names for w in n.split()}
    ranked = [w for w, _ in keywords.most_common(60) if w not in GENERIC and w not in name_words]
    return ranked[:3]


def summary_for(story: Story, entities: dict[str, Entity]) -> str:
    parts = []
    for rep in story.reports[:1]:
        citing = f", citing {rep.citing}," if rep.citing else ""
        parts.append(f"{rep.reported_by} reported{citing} that {rep.claim.rstrip('.')}.")
    answers = latest_answers(story)
    if answers:
        parts.append("; ".join(f"{p} {PAST[k]}" for p, k in answers.items()) + ".")
    return " ".join(parts)
