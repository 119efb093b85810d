"""A story's events: the events of its articles merged, one per event told across them."""
from __future__ import annotations

from newsgraph.model import Event, EventStatus, EventType, StoryEvent


STATUS_WEIGHT = {EventStatus.REPORTED: 0, EventStatus.COMPLETED: 1, EventStatus.CONFIRMED: 2, EventStatus.DENIED: 3}


def story_events(events_by_article: dict[str, tuple[Event, ...]], order: list[str],
                 companies: set[str]) -> list[StoryEvent]:
    """Merge the events of a story's articles (``order``: article ids, earliest first): events of
    one type whose participants overlap are one event (the first such group, in order of first
    mention). Only events with a company taking part (one of ``companies``) are kept. Nothing here
    depends on the iteration order of a set: groups are a list, participants kept in order."""
    groups: list[tuple[EventType, set[str], list[Event]]] = []
    for aid in order:
        for event in events_by_article.get(aid, ()):
            keys = set(event.participants)
            if not keys & companies:
                continue
            group = next((g for g in groups if g[0] == event.type and g[1] & keys), None)
            if group is None:
                groups.append((event.type, keys, [event]))
            else:
                group[1].update(keys)
                group[2].append(event)
    out = []
    for kind, keys, items in groups:
        latest = items[-1].evidence.article_id
        status = max((e.status for e in items if e.evidence.article_id == latest), key=STATUS_WEIGHT.get)
        participants = tuple(dict.fromkeys(k for e in items for k in e.participants))
        out.append(StoryEvent(kind, status, participants, tuple(dict.fromkeys(e.evidence.article_id for e in items)),
                              tuple(dict.fromkeys(e.evidence for e in items))))
    return out
