"""What a page shows, assembled from the catalog; the JSON twins reuse ``newsgraph.exports.document``.

No HTML here: the templates escape everything they print.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from newsgraph.exports.document import article_extras, article_json, entity_json, evidence, responses_json, story_json
from newsgraph.model import DisagreementKind, Entity, Evidence, Fact, Story, StoryFact, time_key
from newsgraph.periods import period_end
from newsgraph.store.db import Store
from newsgraph.store.search import Hit, plain_snippet, search_articles
from newsgraph.web.catalog import Catalog
from newsgraph.web.charts import period_kind
from newsgraph.web.highlight import Anchors, MarkedText, mark


@dataclass(frozen=True)
class Filters:
    q: str | None = None
    company: str | None = None
    event: str | None = None
    outlet: str | None = None
    since: date | None = None
    until: date | None = None

    def active(self) -> bool:
        return any(v not in (None, "") for v in self.__dict__.values())


def list_stories(cat: Catalog, store: Store, f: Filters) -> tuple[list[Story], dict[str, list[Hit]]]:
    """Stories matching every filter, newest first, and per story the search hits in its articles."""
    stories = cat.stories
    hits: dict[str, list[Hit]] = {}
    if f.q and f.q.strip():
        for hit in search_articles(store, f.q, limit=500):
            if hit.article_id in cat.story_of:
                hits.setdefault(cat.story_of[hit.article_id], []).append(hit)
        stories = [s for s in stories if s.id in hits]
    if f.company:
        keys = {e.key for e in cat.find_entities(f.company)}
        stories = [s for s in stories if keys & set(s.entity_keys)]
    if f.event:
        stories = [s for s in stories if any(e.type.value == f.event for e in s.events)]
    if f.outlet:
        wanted = f.outlet.strip().casefold()
        stories = [s for s in stories if wanted in {o.casefold() for o in cat.outlets(s)}]
    return cat.stories_between(stories, f.since, f.until), hits


def story_summary(cat: Catalog, s: Story, hits: list[Hit] | None = None) -> dict:
    """One row of the stories list (the list's JSON twin gives the same fields)."""
    companies = [cat.entities[k] for k in s.entity_keys if k in cat.entities
                 and cat.entities[k].type.value == "company"]
    kinds: dict[str, int] = {}
    for r in s.responses:
        kinds[r.kind.value] = kinds.get(r.kind.value, 0) + 1
    return {"id": s.id, "title": s.title, "summary": s.summary,
            "first_published": s.first_published.isoformat() if s.first_published else None,
            "last_published": s.last_published.isoformat() if s.last_published else None,
            "article_count": len(s.article_ids), "outlets": cat.outlets(s),
            "companies": [{"id": e.id, "name": e.name, "tickers": list(e.tickers)} for e in companies],
            "event_types": sorted({e.type.value for e in s.events}),
            "responses": kinds,
            "matches": [{"article_id": h.article_id, **snippet_json(h.snippet)} for h in hits or []]}


def snippet_json(snippet: str) -> dict:
    """A search snippet for JSON: plain text, and the [start, end) of each matched stretch in it."""
    text, spans = plain_snippet(snippet)
    return {"snippet": text, "highlights": [list(s) for s in spans]}


def story_full_json(cat: Catalog, s: Story) -> dict:
    """The story page's JSON twin: the export's story record plus its articles."""
    data = story_json(s, cat.entities, cat.texts)
    data["articles"] = [{**article_json(cat.articles[a]), **article_extras(a, cat.copies, cat.versions)}
                        for a in s.article_ids]
    return data


@dataclass(frozen=True)
class LedgerRow:
    party: str
    party_id: str | None
    response: str
    outlet: str
    as_of: datetime | None
    words: str
    anchor: str
    article_id: str
    confidence: float = 1.0


@dataclass(frozen=True)
class FactRow:
    fact: Fact
    mark: str  # 'agree' (several outlets say it alike), 'refine', 'conflict', or 'single'
    outlets: list[str]
    links: list[tuple[str, str]]  # (outlet, anchor) per piece of evidence


@dataclass(frozen=True)
class StoryPage:
    story: Story
    articles: list  # Article, earliest first
    marked: dict[str, MarkedText]
    anchor: Anchors
    ledger: list[LedgerRow]
    facts: list[FactRow]
    entities: list[Entity]


def story_page(cat: Catalog, s: Story) -> StoryPage:
    texts = cat.texts
    spans = [r.evidence for r in s.reports] + [r.evidence for r in s.responses] + \
        [e for f in s.facts for e in f.evidence] + [e for d in s.disagreements for e in d.evidence] + \
        [e for ev in s.events for e in ev.evidence]
    marked = {a: mark(a, texts[a], spans) for a in s.article_ids}
    anchor = Anchors(marked)
    ledger = sorted((LedgerRow(party=r.party, party_id=cat.entities[r.party_key].id if r.party_key in cat.entities
                               else None, response=r.kind.value, outlet=cat.outlet(r.evidence.article_id),
                               as_of=r.as_of or cat.articles[r.evidence.article_id].published_at,
                               words=r.evidence.text_in(texts[r.evidence.article_id]), anchor=anchor(r.evidence),
                               article_id=r.evidence.article_id, confidence=r.confidence) for r in s.responses),
                    key=lambda row: (row.party.casefold(), time_key(row.as_of)))
    facts = [FactRow(f.fact, fact_mark(f, s), sorted({cat.outlet(a) for a in f.article_ids}),
                     [(cat.outlet(e.article_id), anchor(e)) for e in f.evidence]) for f in s.facts]
    articles = [cat.articles[a] for a in s.article_ids]
    entities = [cat.entities[k] for k in s.entity_keys if k in cat.entities
                and cat.entities[k].type.value in {"company", "person", "government"}][:12]
    return StoryPage(s, articles, marked, anchor, ledger, facts, entities)


def _overlaps(a: Evidence, b: Evidence) -> bool:
    return a.article_id == b.article_id and a.start < b.end and b.start < a.end


def fact_mark(f: StoryFact, s: Story) -> str:
    for kind, name in ((DisagreementKind.CONFLICT, "conflict"), (DisagreementKind.REFINEMENT, "refine")):
        if any(d.kind == kind and any(_overlaps(e, x) for e in f.evidence for x in d.evidence)
               for d in s.disagreements):
            return name
    return "agree" if len(set(f.article_ids)) > 1 else "single"


@dataclass(frozen=True)
class EntityPage:
    entity: Entity
    stories: list[Story]
    responses: list[dict]  # the export's response records, oldest first, with outlet and story
    facts: dict[str, list[dict]]  # metric (and unit) -> figures oldest first, each with its period's kind


def entity_page(cat: Catalog, e: Entity, facts: list[tuple[Fact, object]]) -> EntityPage:
    stories = [s for s in cat.stories if e.key in s.entity_keys]
    responses = []
    for s in stories:
        for r in responses_json(s, cat.entities, cat.texts):
            if r["party_id"] == e.id:
                responses.append({**r, "story_id": s.id, "story_title": s.title, "outlet": cat.outlet(r["article_id"])})
    responses.sort(key=lambda r: r["as_of"] or "~")
    by_metric: dict[str, list[dict]] = {}
    for fact, article in facts:
        # one chart per metric and unit: a share and an amount of money do not share an axis
        key = f"{fact.metric} ({'%' if fact.unit == 'percent' else fact.unit})" if fact.unit else fact.metric
        by_metric.setdefault(key, []).append({
            "metric": fact.metric, "period": fact.period, "period_kind": period_kind(fact.period),
            "value": fact.value, "unit": fact.unit,
            "qualifier": fact.qualifier.value, "article_id": article.id, "outlet": article.outlet or article.source,
            "published_at": article.published_at.isoformat() if article.published_at else None,
            "period_end": end.isoformat() if (end := period_end(fact.period)) else None,
            "story_id": cat.story_of.get(article.id), "evidence": evidence(fact.evidence, {article.id: article.text}),
            "_fact": fact})
    by_metric = dict(sorted(by_metric.items(), key=lambda kv: -len(kv[1])))  # the most reported metrics first
    return EntityPage(e, stories, responses, by_metric)


def entity_full_json(cat: Catalog, page: EntityPage) -> dict:
    """The company page's JSON twin."""
    return {**entity_json(page.entity),
            "stories": [story_summary(cat, s) for s in page.stories],
            "responses": page.responses,
            "facts": {m: [{k: v for k, v in row.items() if not k.startswith("_")} for row in rows]
                      for m, rows in page.facts.items()}}
