"""Story titles and summaries, built from the story's record: its main event (type, parties, place,
status), who reported it and who answered how. Never copied from a headline."""
from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from newsgraph import lexicon
from newsgraph.model import (ACTOR_TYPES, Entity, EntityType, Event, EventStatus, EventType, ResponseKind, Story,
                             time_key)

# A party's answer and an event's status, as a verb: (for one party, for several).
VERBS = {ResponseKind(k): tuple(v) for k, v in lexicon.table("titles.verbs").items()}
STATUS_VERBS = {EventStatus(k): tuple(v) for k, v in lexicon.table("titles.verbs").items()}
PAST = {ResponseKind(k): v for k, v in lexicon.table("titles.answers_past").items()}
GENERIC = lexicon.words("titles.generic_words")
NOUNS = {EventType(k): v for k, v in lexicon.table("titles.event_nouns").items()}
WITH = {EventType.PARTNERSHIP, EventType.MERGER_ACQUISITION, EventType.SUPPLY_DEAL, EventType.INVESTMENT,
        EventType.LAWSUIT, EventType.FINANCING}  # events between parties: '<noun> with <the other party>'
STATUS_WORDS = {EventStatus(k): v for k, v in lexicon.table("titles.status_words").items()}
REACTIONS = {EventType.SHARE_MOVE, EventType.ANALYST_RATING}  # what follows an event; rarely the story itself
REACTION_WEIGHT = 0.5
LEDE_CHARS = 300  # an event told this early is what the article is about: it counts once more
CLAIM_BONUS = 1.0  # and so does one told in the sentence that carries the story's report,
DENIAL_BONUS = 1.0  # and, when a party denied, a denied event (what the denial was about; 'confirmed'
# is no such sign: companies confirm many things in passing)
TOPIC_CANDIDATES = 60  # the most common words a title's topic is taken from
# events that happen somewhere: the place tells them apart
LOCATED = {EventType.PLANT_OPENING, EventType.PLANT_CLOSURE, EventType.LAYOFFS}


@dataclass(frozen=True)
class MainEvent:
    type: EventType
    status: EventStatus
    parties: tuple[str, ...]  # names, most-named first
    place: str | None = None
    corporate: bool = True  # a company takes part in it (the event types are a company's events)

    def phrase(self, leave_out: Sequence[str] = ()) -> str:
        """'plant closure in <place>', 'partnership with <party>': the event without the parties
        already named in front of it."""
        others = [p for p in self.parties if p not in leave_out]
        text = NOUNS[self.type]
        if others and leave_out and self.type in WITH:
            text += f" with {_join(others)}"
        if self.place:
            text += f" in {self.place}"
        return text

    def headline(self, status: bool = True) -> str:
        """'<party> plant closure in <place>', '<party> confirms partnership with <party>' (without
        the status verb where a report tells the event)."""
        lead = list(self.parties[:1])
        verb = STATUS_VERBS.get(self.status) if status else None
        if lead and verb:
            return f"{lead[0]} {verb[0]} {self.phrase(lead)}"
        text = self.phrase(lead)
        return f"{lead[0]} {text}" if lead else text[0].upper() + text[1:]


def _join(names: Sequence[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def latest_answers(story: Story) -> dict[str, ResponseKind]:
    """Each party's latest response (answers outrank non-answers given at the same time)."""
    out: dict[str, ResponseKind] = {}
    for r in sorted(story.responses, key=lambda r: (time_key(r.as_of) if r.as_of else 0.0, r.kind in VERBS)):
        out[r.party] = r.kind
    return out


def main_event(story: Story, events: Sequence[Event], entities: dict[str, Entity]) -> MainEvent | None:
    """The event type told of in the most articles of the story (an event in an article's lede or
    in the sentence of a report counts more, a market reaction half), with its most-named parties
    and its place."""
    claims = [r.evidence for r in story.reports]
    denied = ResponseKind.DENIED in latest_answers(story).values()
    weight: dict[EventType, dict[str, float]] = defaultdict(dict)  # type -> article -> best weight
    for e in events:
        w = 1.0 + (e.evidence.start < LEDE_CHARS)
        w += CLAIM_BONUS if any(c.article_id == e.evidence.article_id and c.start < e.evidence.end
                                and e.evidence.start < c.end for c in claims) else 0.0
        w += DENIAL_BONUS if denied and e.status == EventStatus.DENIED else 0.0
        w *= REACTION_WEIGHT if e.type in REACTIONS else 1.0
        by_article = weight[e.type]
        by_article[e.evidence.article_id] = max(w, by_article.get(e.evidence.article_id, 0.0))
    if not weight:
        return None
    told = Counter(e.type for e in events)
    order = list(EventType)
    # at equal weight, a takeover outranks the talks or deal words that come with it ('talks to acquire')
    kind = min(weight, key=lambda t: (-sum(weight[t].values()), t != EventType.MERGER_ACQUISITION, -told[t],
                                      order.index(t)))
    if not _certain(kind, weight, told, len(story.article_ids)):
        return None
    chosen = [e for e in events if e.type == kind]
    reporters = {r.reported_by_key for r in story.reports}
    rank = {k: n for n, k in enumerate(story.entity_keys)}
    named = Counter(k for e in chosen for k in dict.fromkeys(e.participants)
                    if k in entities and k not in reporters and entities[k].type in ACTOR_TYPES)
    parties = sorted(named, key=lambda k: (-named[k], rank.get(k, len(rank)), k))[:2] or [
        k for k in story.entity_keys if k in entities and k not in reporters
        and entities[k].type == EntityType.COMPANY][:1]  # no party named in the event: the story's company
    statuses = Counter(e.status for e in chosen)
    status = min(statuses, key=lambda s: (-statuses[s], list(EventStatus).index(s)))
    corporate = any(k in entities and entities[k].type == EntityType.COMPANY for e in chosen for k in e.participants)
    return MainEvent(kind, status, tuple(entities[k].name for k in parties), _place(kind, chosen, story, entities),
                     corporate)


def titled_event(story: Story, events: Sequence[Event], entities: dict[str, Entity]) -> MainEvent | None:
    """The main event a title or summary may name: one a company takes part in. The event types are
    a company's (a launch, a takeover, a probe): told of nobody but people, places or governments ('the
    capture of the leader', 'forces took over the city'), the words that matched are seldom that event,
    and a neutral title beats a wrong one."""
    event = main_event(story, events, entities)
    return event if event is not None and event.corporate else None


def _certain(kind: EventType, weight: dict[EventType, dict[str, float]], told: Counter, articles: int) -> bool:
    """An event a title may name. In a story of several articles: told in at least half of them,
    not tied with another kind told as much and as often (no sure reading of either: a neutral title beats a
    wrong event), and a market reaction only with a weight of one per article (it counts half)."""
    if articles <= 1:
        return True
    total = sum(weight[kind].values())
    tied = any(t != kind and sum(w.values()) == total and told[t] == told[kind] for t, w in weight.items())
    enough = total >= articles if kind in REACTIONS else True
    return 2 * len(weight[kind]) >= articles and not tied and enough


def _place(kind: EventType, chosen: list[Event], story: Story, entities: dict[str, Entity]) -> str | None:
    named = Counter(k for e in chosen for k in dict.fromkeys(e.participants)
                    if k in entities and entities[k].type == EntityType.PLACE)
    if named:
        return entities[min(named, key=lambda k: (-named[k], k))].name
    if kind in LOCATED:
        return next((entities[k].name for k in story.entity_keys
                     if k in entities and entities[k].type == EntityType.PLACE), None)
    return None


def title_for(story: Story, entities: dict[str, Entity], keywords: Counter, events: Sequence[Event] = (),
              frequency: Counter | None = None) -> str:
    """'<parties> deny <reporter> report of <event>', '<reporter> reports <event>', or the event
    itself ('<party> plant closure in <place>'); topic words only when no event was found."""
    answers = latest_answers(story)
    event = titled_event(story, events, entities)
    names = _companies(story, entities)
    for kind in (ResponseKind.DENIED, ResponseKind.CONFIRMED):
        parties = [p for p, k in answers.items() if k == kind][:3]
        if parties:
            verb = VERBS[kind][0] if len(parties) == 1 else VERBS[kind][1]
            source = f"{story.reports[0].reported_by} report" if story.reports else "report"
            if event:
                of = f" {source} of " if story.reports or kind == ResponseKind.DENIED else " "
                return f"{_join(parties)} {verb}{of}{event.phrase(parties)}"
            return f"{_join(parties)} {verb} {source}{_topic(story, entities, keywords, frequency)}"
    if event and story.reports:
        return f"{story.reports[0].reported_by} reports {event.headline(status=False)}"
    if event:
        return event.headline()
    if story.reports:
        about = f" on {_join(names)}" if names else ""
        return f"{story.reports[0].reported_by} reports{about}{_topic(story, entities, keywords, frequency)}"
    return f"{_join(names) if names else 'News'}{_topic(story, entities, keywords, frequency)}"


def _companies(story: Story, entities: dict[str, Entity]) -> list[str]:
    """The story's two most-named companies, not counting its reporters ('X reports on X')."""
    reporters = {r.reported_by_key for r in story.reports} | {r.reported_by.lower() for r in story.reports}
    return [entities[k].name for k in story.entity_keys
            if k in entities and entities[k].type == EntityType.COMPANY
            and k not in reporters and entities[k].name.lower() not in reporters][:2]


def _topic(story: Story, entities: dict[str, Entity], keywords: Counter, frequency: Counter | None = None) -> str:
    """': <the content words found in the most articles>' (``keywords`` counts articles); at equal
    counts, the words used most often in all (``frequency``, when given), then alphabetical order."""
    names = [entities[k].name for k in story.entity_keys if k in entities] + [r.reported_by for r in story.reports]
    name_words = {w.lower() for n in names for w in n.split()}
    # most articles first, then alphabetical: a tie never falls to the order the words were counted
    # in (the caller counts each article's set of words, whose order changes with the hash seed)
    often = frequency or Counter()
    common = sorted(keywords.items(), key=lambda item: (-item[1], -often[item[0]], item[0]))[:TOPIC_CANDIDATES]
    ranked = [w for w, _ in common if w not in GENERIC and w not in name_words][:3]
    return f": {', '.join(ranked)}" if ranked else ""


def _clause(claim: str) -> str:
    """The claim as a clause after 'that': one line, no closing stop, a leading article in lower case."""
    text = " ".join(claim.split()).rstrip(" .")
    first, _, rest = text.partition(" ")
    return f"{first.lower()} {rest}" if first in ("The", "A", "An") and rest else text


def summary_for(story: Story, entities: dict[str, Entity], events: Sequence[Event] = ()) -> str:
    """Who reported what (or, with no report, the main event and its status), then who answered how."""
    parts = []
    for rep in story.reports[:1]:
        citing = f", citing {rep.citing}," if rep.citing else ""
        parts.append(f"{rep.reported_by} reported{citing} that {_clause(rep.claim)}.")
    event = titled_event(story, events, entities) if not story.reports else None
    if event:
        lead = list(event.parties[:1])
        subject = f"{lead[0]} {event.phrase(lead)}" if lead else event.phrase()
        outlets = len(story.article_ids)
        parts.append(f"{subject[0].upper()}{subject[1:]}, {STATUS_WORDS[event.status]}"
                     f" ({outlets} article{'s' if outlets != 1 else ''}).")
    answers = latest_answers(story)
    if answers:
        parts.append("; ".join(f"{p} {PAST[k]}" for p, k in answers.items()) + ".")
    return " ".join(parts)
