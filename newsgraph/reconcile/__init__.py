"""Build a story's record from its articles: reports, responses, merged facts, disagreements, events.

The record is built once per rebuild and stored (``Store.replace_stories``); every face reads it."""
from __future__ import annotations

from collections import Counter

from newsgraph.model import ACTOR_TYPES, Analysis, Article, Entity, EntityType, Response, Story, time_key
from newsgraph.nlp.attribution.publishers import outlet_key
from newsgraph.reconcile.abstain import confident
from newsgraph.reconcile.events import story_events
from newsgraph.reconcile.facts import reconcile_facts
from newsgraph.reconcile.reports import story_reports
from newsgraph.reconcile.responses import LEADING, media_names, reconcile_responses, telling_the_event, weighed
from newsgraph.reconcile.stance import story_stances
from newsgraph.reconcile.title import main_event, summary_for, title_for



def build_story(article_ids: list[str], articles: dict[str, Article], analyses: dict[str, Analysis],
                entities: dict[str, Entity], story_id: str | None = None) -> Story:
    ordered = sorted(article_ids, key=lambda a: (time_key(articles[a].published_at), a))
    parts = [analyses[a] for a in ordered if a in analyses]

    def outlet_of(article_id: str) -> str:
        art = articles[article_id]
        return art.outlet or art.source

    mention_articles = Counter(k for p in parts for k in {m.entity_key for m in p.mentions})
    mention_total = Counter(m.entity_key for p in parts for m in p.mentions)
    entity_keys = tuple(sorted((k for k in mention_articles if k in entities),
                               key=lambda k: (-mention_articles[k], -mention_total[k], k)))
    candidates = [r if r.as_of else _dated(r, articles) for p in parts for r in p.responses]
    reports = story_reports(parts, candidates, entity_keys, entities)
    actors = [k for k in entity_keys if entities[k].type in ACTOR_TYPES]
    bystanders = {k for k in actors if entities[k].type == EntityType.PERSON and mention_articles[k] < 2
                  and len(parts) > 1}
    reporters = {rep.reported_by_key for rep in reports if rep.reported_by_key} | {
        outlet_key(rep.reported_by) for rep in reports}
    # the story's outlets, but for one it is about (among its most named entities: 'Fox News says the account is fake')
    media = media_names([entities[k].name for k in entity_keys if entities[k].type == EntityType.OUTLET]) \
        - media_names([entities[k].name for k in entity_keys[:LEADING]])
    responses = confident(weighed(candidates, actors, bystanders, reporters, media), "response")
    events = [e for p in parts for e in p.events]
    lead = main_event(Story(id="", title="", article_ids=tuple(ordered), entity_keys=entity_keys,
                            reports=tuple(reports), responses=tuple(responses)), events, entities)
    if lead is not None and reports:  # a confirmation telling the event that was reported answers the claim
        candidates = telling_the_event(candidates, events, lead.type)
        responses = confident(weighed(candidates, actors, bystanders, reporters, media), "response")
    def sentence_of(ev) -> str:
        art = articles.get(ev.article_id)
        return art.text[ev.start:ev.end] if art else ""

    facts, fact_disagreements = reconcile_facts(confident((f for p in parts for f in p.facts), "fact"),
                                                outlet_of, sentence_of)
    disagreements = reconcile_responses(responses, lambda r: r.as_of, outlet_of) + fact_disagreements
    dates = [articles[a].published_at for a in ordered if articles[a].published_at]
    story = Story(id=story_id or Story.make_id(ordered), title="", article_ids=tuple(ordered), entity_keys=entity_keys,
                  reports=tuple(reports), responses=tuple(responses), facts=tuple(facts),
                  disagreements=tuple(disagreements),
                  first_published=min(dates, key=time_key) if dates else None,
                  last_published=max(dates, key=time_key) if dates else None)
    keywords = Counter(w for p in parts for w in set(p.keywords))
    title = title_for(story, entities, keywords, events, Counter(w for p in parts for w in p.keywords))
    # the companies among this story's event participants (not a pass over every entity of the store)
    companies = {k for e in events for k in e.participants if k in entities and entities[k].type == EntityType.COMPANY}
    merged = story_events({a: analyses[a].events for a in ordered if a in analyses}, ordered, companies)
    story = Story(**{**story.__dict__, "title": title, "summary": summary_for(story, entities, events),
                     "events": tuple(merged)})
    return Story(**{**story.__dict__, "stances": story_stances(story, articles, [r for p in parts for r in p.reports])})


def _dated(r: Response, articles: dict[str, Article]) -> Response:
    return Response(**{**r.__dict__, "as_of": articles[r.evidence.article_id].published_at})
