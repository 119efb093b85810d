"""Alerts: what a change of the store changed in its stories, told once.

The rules compare the stories as the store holds them before a rebuild with the stories the rebuild
is about to store (both are reconciled records; nothing here reconciles):

- ``response_changed``: a party's response moved (the story now has an ``update`` or a
  ``contradiction`` for that party that it did not have);
- ``new_conflict``: outlets now give values (or answers) that cannot both be true;
- ``new_story``: a story none of whose articles was in a stored story names a watched company;
- ``new_report``: a new outlet breaks or re-reports the claim of a story that was stored before;
- ``revision``: a new version of an article added, removed or changed a response or a figure
  (``revision_alerts``, for the code that stores versions).

Each alert names its story, its party or subject, the value before and after, and the evidence span
of the change. Its id is a content hash of (kind, story, party or subject, before, after), so the
same change raised twice is stored once, and re-running the same input raises nothing.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from enum import Enum

from newsgraph.errors import StoreError
from newsgraph.model import (Analysis, Article, Disagreement, DisagreementKind, Entity, EntityType, Evidence, Fact,
                             Qualifier, Response, Story, StoryFact, content_id)
from newsgraph.reconcile.facts import describe
from newsgraph.reconcile.responses import said
from newsgraph.store.db import Store


class AlertKind(str, Enum):
    RESPONSE_CHANGED = "response_changed"
    NEW_CONFLICT = "new_conflict"
    NEW_STORY = "new_story"
    NEW_REPORT = "new_report"
    REVISION = "revision"


@dataclass(frozen=True)
class Alert:
    """One change worth telling: what moved (``before`` -> ``after``), for whom, and where it is said.

    ``change`` qualifies the kind: ``update`` or ``contradiction`` for a moved response, ``added``,
    ``removed`` or ``changed`` for a revision. ``evidence`` is the span that says the new state (for
    a removal: the span that said the old one)."""

    kind: AlertKind
    story_id: str
    about: str  # one line for people
    party: str | None = None
    party_key: str | None = None
    subject: str | None = None
    subject_key: str | None = None
    before: str | None = None
    after: str | None = None
    change: str | None = None
    evidence: Evidence | None = None
    created_at: datetime | None = None

    @property
    def id(self) -> str:
        # a revision is a change of one article: the same change in another article is another alert
        article = self.evidence.article_id if self.kind == AlertKind.REVISION and self.evidence else ""
        return content_id("alert", self.kind.value, self.story_id, self.party_key or self.party or "",
                          self.subject or "", self.before or "", self.after or "", article, prefix="al")

    @property
    def article_id(self) -> str | None:
        return self.evidence.article_id if self.evidence else None


@dataclass(frozen=True)
class AlertContext:
    """What the story rules need beyond the stories: outlets, watched companies, mentions, the time."""

    outlet_of: Callable[[str], str]
    watched: dict[str, str]  # entity key -> the company's name
    first_mention: Callable[[str, Sequence[str]], Evidence | None]  # (entity key, article ids) -> span
    now: datetime


# A rule gives each alert it finds with a signature that names the change without the story's id,
# so that a story which took another id (its articles regrouped) does not raise its alerts again.
Found = list[tuple[tuple, Alert]]


def response_changes(story: Story, ctx: AlertContext) -> Found:
    """The story's response updates and contradictions, one per party."""
    out: Found = []
    for d in story.disagreements:
        if d.kind not in (DisagreementKind.UPDATE, DisagreementKind.CONTRADICTION):
            continue
        pair = response_pair(d, story.responses)
        if pair is None:
            continue  # a disagreement over figures
        first, last = pair
        out.append(((first.party_key, first.kind.value, last.kind.value), Alert(
            kind=AlertKind.RESPONSE_CHANGED, story_id=story.id, about=d.about, party=last.party,
            party_key=last.party_key, before=first.kind.value, after=last.kind.value, change=d.kind.value,
            evidence=last.evidence, created_at=ctx.now)))
    return out


def response_pair(d: Disagreement, responses: Sequence[Response]) -> tuple[Response, Response] | None:
    """The two responses of one party that a disagreement names by their spans, or None (one
    sentence can hold the answers of several parties: 'X did not respond, while Y declined')."""
    def at(ev: Evidence) -> list[Response]:
        return [r for r in responses if r.evidence == ev]

    pairs = [(a, b) for a in at(d.evidence[0]) for b in at(d.evidence[-1])
             if a.party_key == b.party_key and a.kind != b.kind]
    named = [p for p in pairs if d.about.startswith(f"{p[0].party}'s ")] or pairs
    return named[0] if named else None


def conflicts(story: Story, ctx: AlertContext, known: frozenset[str] = frozenset()) -> Found:
    """The story's conflicts: answers with no order between them, or figures that cannot all be
    true. ``known``: the articles stored before; the values they gave are ``before``, the others
    ``after`` (with none known, the first value is ``before``)."""
    out: Found = []
    for d in story.disagreements:
        if d.kind != DisagreementKind.CONFLICT:
            continue
        pair = response_pair(d, story.responses)
        if pair:
            answers = list(pair)
            old, new = _split(answers, lambda r: {r.evidence.article_id}, known)
            out.append((("response", answers[0].party_key, frozenset(r.kind.value for r in answers)), Alert(
                kind=AlertKind.NEW_CONFLICT, story_id=story.id, about=d.about, party=answers[0].party,
                party_key=answers[0].party_key, before=", ".join(said(r.kind) for r in old),
                after=", ".join(said(r.kind) for r in new), evidence=new[0].evidence, created_at=ctx.now)))
            continue
        held = conflicting_facts(d, story.facts)
        if len(held) < 2:
            continue
        lead = held[0].fact
        subject = f"{lead.subject} {lead.metric}{' ' + lead.period if lead.period else ''}"
        old, new = _split(held, lambda f: set(f.article_ids), known)
        out.append((("fact", lead.subject_key or lead.subject, lead.metric, lead.period,
                     frozenset(describe(f.fact) for f in held)), Alert(
            kind=AlertKind.NEW_CONFLICT, story_id=story.id, about=d.about, subject=subject,
            subject_key=lead.subject_key, before="; ".join(describe(f.fact, ctx.outlet_of) for f in old),
            after="; ".join(describe(f.fact, ctx.outlet_of) for f in new), evidence=new[0].evidence[0],
            created_at=ctx.now)))
    return out


def conflicting_facts(d: Disagreement, facts: Sequence[StoryFact]) -> list[StoryFact]:
    """The story's figures that a conflict sets against each other: those at its spans whose value
    it states (one sentence can hold several figures: '$4.2 billion for about 10%')."""
    out: list[StoryFact] = []
    for ev in d.evidence:
        for f in facts:
            value = describe(replace(f.fact, qualifier=Qualifier.EXACT))
            if ev in f.evidence and f not in out and re.search(r"(?<![\d.,])" + re.escape(value), d.about):
                out.append(f)
    return out


def _split(items: list, articles_of: Callable[[object], set[str]], known: frozenset[str]) -> tuple[list, list]:
    """(what the known articles said, what the others say); never an empty side."""
    old = [x for x in items if articles_of(x) & known]
    new = [x for x in items if not articles_of(x) & known]
    if not old or not new:
        return items[:1], items[1:]
    return old, new


def new_reports(story: Story, ctx: AlertContext) -> Found:
    """The story's reports of its claim, one per (who put it out, the outlet that carries it)."""
    out: Found = []
    for r in story.reports:
        outlet = ctx.outlet_of(r.evidence.article_id)
        own = r.implicit or outlet.casefold() == r.reported_by.casefold()
        verb = "breaks" if own else f"re-reports {r.reported_by}'s"
        citing = f" (citing {r.citing})" if r.citing else ""
        out.append((((r.reported_by_key or r.reported_by).casefold(), outlet.casefold()), Alert(
            kind=AlertKind.NEW_REPORT, story_id=story.id, about=f"{outlet} {verb} claim{citing}: {r.claim}",
            party=r.reported_by, party_key=r.reported_by_key, subject=r.claim, before=None, after=outlet,
            evidence=r.evidence, created_at=ctx.now)))
    return out


def new_story(story: Story, ctx: AlertContext) -> list[Alert]:
    """A new story that names a watched company: one alert per watched company it names."""
    return [Alert(kind=AlertKind.NEW_STORY, story_id=story.id,
                  about=f"new story about {ctx.watched[key]}: {story.title}",
                  subject=ctx.watched[key], subject_key=key, before=None, after=story.title,
                  evidence=ctx.first_mention(key, story.article_ids), created_at=ctx.now)
            for key in story.entity_keys if key in ctx.watched]


def story_alerts(before: Iterable[Story], after: Iterable[Story], ctx: AlertContext) -> list[Alert]:
    """The alerts that going from the stories ``before`` to the stories ``after`` raises.

    A story of ``after`` is compared with every story of ``before`` that shares an article with it
    (its earlier self, or the stories it joined up); a change is new when none of them had it."""
    holding: dict[str, Story] = {}
    for s in before:
        for a in s.article_ids:
            holding[a] = s
    out: list[Alert] = []
    for story in after:
        previous = list({holding[a].id: holding[a] for a in story.article_ids if a in holding}.values())
        if previous == [story]:
            continue  # unchanged
        known = frozenset(a for p in previous for a in p.article_ids)
        seen = {sig for p in previous for sig, _ in response_changes(p, ctx)}
        out += [a for sig, a in response_changes(story, ctx) if sig not in seen]
        seen = {sig for p in previous for sig, _ in conflicts(p, ctx)}
        out += [a for sig, a in conflicts(story, ctx, known) if sig not in seen]
        if previous:  # a new story tells its reports as a new story, for the companies watched
            seen = {sig for p in previous for sig, _ in new_reports(p, ctx)}
            out += [a for sig, a in new_reports(story, ctx) if sig not in seen]
        else:
            out += new_story(story, ctx)
    return out


def revision_alerts(story_id: str, article_id: str, old: Analysis, new: Analysis,
                    now: datetime | None = None) -> list[Alert]:
    """What a new version of an article changed in its responses and figures.

    ``old`` and ``new`` are the analyses of the article's previous and new version; a response is
    one party's kind of answer, a figure one (subject, metric, period) and its value. Each added,
    removed or changed one is an alert of kind ``revision``; the evidence is the new version's span
    (the old version's for a removal)."""
    now = now or _now()
    out: list[Alert] = []

    def alert(about: str, before: Evidence | None, after: Evidence | None, old_value: str | None,
              new_value: str | None, **who: str | None) -> Alert:
        change = "changed" if old_value and new_value else ("added" if new_value else "removed")
        return Alert(kind=AlertKind.REVISION, story_id=story_id, about=f"revision of {article_id} {change} {about}",
                     before=old_value, after=new_value, change=change, evidence=after or before,
                     created_at=now, **who)

    parties = dict.fromkeys(r.party_key for r in (*old.responses, *new.responses))
    for key in parties:
        was = {r.kind.value: r for r in old.responses if r.party_key == key}
        now_ = {r.kind.value: r for r in new.responses if r.party_key == key}
        gone, came = sorted(set(was) - set(now_)), sorted(set(now_) - set(was))
        name = (now_ or was)[next(iter(now_ or was))].party
        for before, after in _pairs(gone, came):
            out.append(alert(f"{name}'s response: {_said(before)} -> {_said(after)}",
                             was[before].evidence if before else None, now_[after].evidence if after else None,
                             before, after, party=name, party_key=key))
    figures = dict.fromkeys(_figure(f) for f in (*old.facts, *new.facts))
    for fig in figures:
        was = {describe(f): f for f in old.facts if _figure(f) == fig}
        now_ = {describe(f): f for f in new.facts if _figure(f) == fig}
        gone, came = sorted(set(was) - set(now_)), sorted(set(now_) - set(was))
        lead = (now_ or was)[next(iter(now_ or was))]
        subject = f"{lead.subject} {lead.metric}{' ' + lead.period if lead.period else ''}"
        for before, after in _pairs(gone, came):
            out.append(alert(f"{subject}: {before or 'none'} -> {after or 'none'}",
                             was[before].evidence if before else None, now_[after].evidence if after else None,
                             before, after, subject=subject, subject_key=lead.subject_key))
    return out


def _figure(f: Fact) -> tuple:
    return (f.subject_key or f.subject, f.metric, f.period)


def _pairs(gone: list[str], came: list[str]) -> list[tuple[str | None, str | None]]:
    """One value replaced by one other is a change; otherwise each removal and addition on its own."""
    if len(gone) == 1 and len(came) == 1:
        return [(gone[0], came[0])]
    return [(g, None) for g in gone] + [(None, c) for c in came]


def _said(kind: str | None) -> str:
    return kind.replace("_", " ") if kind else "none"


def _now() -> datetime:
    return datetime.now(timezone.utc).replace(microsecond=0)


# -- the store side --------------------------------------------------------------------------------

def raise_alerts(store: Store, stories: list[Story], merges: dict[str, str] | None = None) -> list[Alert]:
    """Compare the stories a rebuild is about to store with those stored, and store the alerts the
    change raises (those not raised before); returns them. Call it before the stories are replaced:
    an alert stored before a crash is only stored again as the same id, never lost.

    ``merges``: the company merges the new stories were built with. When the stored stories were
    built by another version of newsgraph, what changed cannot be told and nothing is raised."""
    try:
        before = store.stories_of_articles({a for s in stories for a in s.article_ids})
    except StoreError:
        return []
    stored = {s.id: s for s in before}
    changed = [s for s in stories if stored.get(s.id) != s]
    if not changed:
        return []
    outlets = {a.id: a.outlet or a.source for a in articles_of(store, {a for s in changed for a in s.article_ids})}
    terms = store.watchlist()
    watched: dict[str, str] = {}
    if terms:
        from newsgraph.flow.watchlist import watched_entities  # the watchlist reads the store's entities

        watched = {e.key: e.name for e in watched_entities(terms, store.entities(merges))}
    ctx = AlertContext(outlet_of=lambda aid: outlets.get(aid, aid), watched=watched,
                       first_mention=_first_mention(store, merges), now=_now())
    alerts = story_alerts(before, changed, ctx)
    stored_rows = store.add_alerts([alert_row(a) for a in alerts])
    fresh = {r["id"] for r in stored_rows}
    return [a for a in alerts if a.id in fresh]


def raise_revision_alerts(store: Store, article_ids: Sequence[str]) -> list[Alert]:
    """Store the ``revision`` alerts of the articles a run revised (``AnalyzeResult.revised``): what
    each new version added to, removed from or changed in the responses and figures of the one
    before; returns those not raised before. Call it after the stories are stored."""
    if not article_ids:
        return []
    from newsgraph.flow.versions import revision_pairs  # the versions read the store's analyses

    story_of = {a: s.id for s in store.stories_of_articles(set(article_ids)) for a in s.article_ids}
    now = _now()
    alerts = [a for rev in revision_pairs(store, article_ids) if rev.article_id in story_of
              for a in revision_alerts(story_of[rev.article_id], rev.article_id, rev.previous, rev.current, now)]
    fresh = {r["id"] for r in store.add_alerts([alert_row(a) for a in alerts])}
    return [a for a in alerts if a.id in fresh]


def _first_mention(store: Store, merges: dict[str, str] | None) -> Callable[[str, Sequence[str]], Evidence | None]:
    def first(key: str, article_ids: Sequence[str]) -> Evidence | None:
        analyses = store.analyses(article_ids, merges=merges)
        for aid in article_ids:  # a story's articles are in time order
            spans = [m.evidence for m in analyses[aid].mentions if m.entity_key == key] if aid in analyses else []
            if spans:
                return min(spans, key=lambda ev: ev.start)
        return None
    return first


def alert_row(a: Alert) -> dict:
    """The ``alerts`` table row of an alert."""
    ev = a.evidence
    return dict(id=a.id, kind=a.kind.value, story_id=a.story_id, party=a.party, party_key=a.party_key,
                subject=a.subject, subject_key=a.subject_key, before=a.before, after=a.after, change=a.change,
                about=a.about, article_id=ev.article_id if ev else None, start=ev.start if ev else None,
                end=ev.end if ev else None, created_at=_iso(a.created_at or _now()))


def alert_of(row: dict) -> Alert:
    """An alert from its stored row."""
    ev = Evidence(row["article_id"], row["start"], row["end"]) if row["article_id"] and row["start"] is not None \
        else None
    return Alert(kind=AlertKind(row["kind"]), story_id=row["story_id"], about=row["about"], party=row["party"],
                 party_key=row["party_key"], subject=row["subject"], subject_key=row["subject_key"],
                 before=row["before"], after=row["after"], change=row["change"], evidence=ev,
                 created_at=datetime.fromisoformat(row["created_at"]))


def articles_of(store: Store, ids: Iterable[str], chunk: int = 500) -> list[Article]:
    """``store.articles(ids)`` a chunk at a time (a database takes only so many values in one query)."""
    ids = sorted(ids)
    return [a for i in range(0, len(ids), chunk) for a in store.articles(ids[i:i + chunk])]


def _iso(dt: datetime) -> str:
    """UTC, to the second: stored times compare as strings."""
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=timezone.utc)
    return dt.astimezone(timezone.utc).isoformat(timespec="seconds")


def list_alerts(store: Store, since: datetime | None = None, after_seq: int | None = None,
                limit: int | None = None, newest: bool = False) -> list[Alert]:
    """The stored alerts, oldest first: those raised at or after ``since`` (a naive time is UTC),
    or after the alert numbered ``after_seq``; at most ``limit`` of them, the oldest or (``newest``)
    the newest."""
    return [alert_of(r) for r in store.alert_rows(_since_key(since) if since else None, after_seq, limit, newest)]


def count_alerts(store: Store, since: datetime | None = None) -> int:
    """How many alerts were raised at or after ``since`` (all when None)."""
    return store.count_alerts(_since_key(since) if since else None)


def _since_key(since: datetime) -> str:
    """``since`` as the stored times compare; a time that has no UTC form (year 9999 at -23:59)
    sorts after (or before) every stored one."""
    try:
        return _iso(since)
    except OverflowError:
        return "9999" if since.year > 1 else "0000"


def _entity_id(key: str | None) -> str | None:
    return Entity(key=key, name="", type=EntityType.OTHER).id if key else None


def alert_json(a: Alert, texts: dict[str, str]) -> dict:
    """An alert as the export, ``--alerts-jsonl``, the webhook and the API give it; ``texts``:
    article id -> text, for the evidence's characters."""
    ev = a.evidence
    return {"id": a.id, "kind": a.kind.value, "story_id": a.story_id, "party": a.party,
            "party_id": _entity_id(a.party_key), "subject": a.subject, "subject_id": _entity_id(a.subject_key),
            "before": a.before, "after": a.after, "change": a.change, "about": a.about, "article_id": a.article_id,
            "evidence": {"article_id": ev.article_id, "start": ev.start, "end": ev.end,
                         "text": ev.text_in(texts[ev.article_id]) if ev.article_id in texts else None} if ev else None,
            "created_at": _iso(a.created_at) if a.created_at else None}


def alerts_json(store: Store, alerts: list[Alert]) -> list[dict]:
    """``alert_json`` for each alert, with the texts of their articles read from the store."""
    texts = {art.id: art.text for art in articles_of(store, {a.article_id for a in alerts if a.article_id})}
    return [alert_json(a, texts) for a in alerts]
