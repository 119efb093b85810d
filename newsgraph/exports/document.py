"""The JSON export (schema version 1, `shared/contracts/export.schema.json`), extended with
extra fields that the schema allows (summary, per-article fields, roles, quantity spans, events,
per-article stances and the independent sources behind each side, each article's copies and
versions, the version each response and fact was read from, the alerts).

Schema version 1 closes the disagreement kinds (refinement, update, conflict): a `contradiction` (a
party that confirmed and denied, in turn) is written as `update`, which the schema defines as a
response that changed over time, and `kind_detail` gives newsgraph's own kind for every disagreement."""
from __future__ import annotations

from datetime import datetime, timezone

from newsgraph.flow.alerts import alert_json, list_alerts
from newsgraph.model import Article, DisagreementKind, Entity, Evidence, Story
from newsgraph.model.copies import ArticleVersion, Copy
from newsgraph.reconcile.stance import independent_sources
from newsgraph.store.db import Store

SCHEMA_VERSION = "1"
SCHEMA_KIND = {DisagreementKind.CONTRADICTION: DisagreementKind.UPDATE}  # kinds newer than the schema's enum


def _iso(dt: datetime | None) -> str | None:
    return dt.isoformat() if dt else None


def evidence(ev: Evidence, texts: dict[str, str]) -> dict:
    return {"article_id": ev.article_id, "start": ev.start, "end": ev.end, "text": ev.text_in(texts[ev.article_id])}


def article_json(a: Article) -> dict:
    return {"id": a.id, "outlet": a.outlet, "title": a.title, "byline": a.byline, "published_at": _iso(a.published_at),
            "url": a.url, "source": a.source, "encoding": a.encoding, "text": a.text}


def copy_json(c: Copy) -> dict:
    """One copy of an article (the same text elsewhere): where and when it ran."""
    return {"outlet": c.outlet, "url": c.url, "title": c.title, "published_at": _iso(c.published_at),
            "seen_at": _iso(c.seen_at), "source": c.source, "similarity": c.similarity}


def version_json(v: ArticleVersion) -> dict:
    """One kept version of an article: what changed and what it said (offsets into its own text)."""
    def spans(items) -> list[dict]:
        return [{"start": i.evidence.start, "end": i.evidence.end, "text": i.evidence.text_in(v.text)} for i in items]

    return {"version": v.version, "title": v.title, "published_at": _iso(v.published_at), "seen_at": _iso(v.seen_at),
            "source": v.source, "text_hash": v.text_hash, "added": list(v.added), "removed": list(v.removed),
            "responses": [{"party": r.party, "response": r.kind.value, "quote": r.quote, "evidence": e}
                          for r, e in zip(v.analysis.responses, spans(v.analysis.responses))],
            "facts": [{"subject": f.subject, "metric": f.metric, "period": f.period, "value": f.value, "unit": f.unit,
                       "qualifier": f.qualifier.value, "evidence": e}
                      for f, e in zip(v.analysis.facts, spans(v.analysis.facts))]}


def article_extras(article_id: str, copies: dict[str, list[Copy]], versions: dict[str, list[ArticleVersion]]) -> dict:
    """The fields an article record gains from its copies and versions (``flow.copies``)."""
    kept = versions.get(article_id, [])
    return {"version": kept[-1].version if kept else 1, "copies": [copy_json(c) for c in copies.get(article_id, [])],
            "versions": [version_json(v) for v in kept]}


def copy_article_json(c: Copy, canonical: Article) -> dict:
    """A copy as an article record of its own, so that every article read is in the export: where and
    when it ran, with its canonical's text, which its canonical's evidence offsets point into."""
    return {"id": c.id, "outlet": c.outlet, "title": c.title or canonical.title, "byline": None,
            "published_at": _iso(c.published_at), "url": c.url, "source": c.source, "encoding": None,
            "text": canonical.text, "copy_of": canonical.id, "similarity": c.similarity}


def with_copies(story: dict, copies: dict[str, list[Copy]]) -> dict:
    """A story's record with its articles' copies: their ids after the canonicals', and each response
    of a canonical again under each copy (the same words ran there; ``copy_of`` says whose they are).
    Counts of independent sources are the reconciled story's, where a copy counts once."""
    extra = [c for aid in story["article_ids"] for c in copies.get(aid, [])]
    if not extra:
        return story
    echoed = [{**r, "article_id": c.id, "copy_of": r["article_id"], "evidence": {**r["evidence"], "article_id": c.id}}
              for r in story["responses"] for c in copies.get(r["article_id"], [])]
    return {**story, "article_ids": story["article_ids"] + [c.id for c in extra],
            "responses": story["responses"] + echoed}


def entity_json(e: Entity) -> dict:
    return {"id": e.id, "key": e.key, "name": e.name, "type": e.type.value, "tickers": list(e.tickers),
            "former_tickers": list(e.former_tickers), "aliases": list(e.aliases)}


def _entity_id(entities: dict[str, Entity], key: str | None) -> str | None:
    return entities[key].id if key and key in entities else None


def responses_json(s: Story, entities: dict[str, Entity], texts: dict[str, str]) -> list[dict]:
    """The story's ledger entries as the export writes them."""
    return [{"party": r.party, "party_id": _entity_id(entities, r.party_key), "response": r.kind.value,
             "quote": r.quote, "article_id": r.evidence.article_id, "as_of": _iso(r.as_of),
             "confidence": round(r.confidence, 3), "version": r.version, "evidence": evidence(r.evidence, texts)}
            for r in s.responses]


def story_json(s: Story, entities: dict[str, Entity], texts: dict[str, str]) -> dict:
    def eid(key: str | None) -> str | None:
        return _entity_id(entities, key)

    return {
        "id": s.id,
        "title": s.title,
        "summary": s.summary,
        "article_ids": list(s.article_ids),
        "entity_ids": [entities[k].id for k in s.entity_keys if k in entities],
        "first_published": _iso(s.first_published),
        "last_published": _iso(s.last_published),
        "reports": [{"reported_by": r.reported_by, "reported_by_id": eid(r.reported_by_key), "citing": r.citing,
                     "claim": r.claim, "article_id": r.evidence.article_id,
                     "confidence": round(r.confidence, 3), "evidence": evidence(r.evidence, texts)}
                    for r in s.reports],
        "responses": responses_json(s, entities, texts),
        "facts": [{"subject": f.fact.subject, "subject_id": eid(f.fact.subject_key), "metric": f.fact.metric,
                   "period": f.fact.period, "value": f.fact.value, "unit": f.fact.unit,
                   "qualifier": f.fact.qualifier.value, "confidence": round(f.fact.confidence, 3),
                   "version": f.fact.version,
                   "article_ids": list(f.article_ids),
                   "evidence": [evidence(e, texts) for e in f.evidence]} for f in s.facts],
        "disagreements": [{"kind": SCHEMA_KIND.get(d.kind, d.kind).value, "kind_detail": d.kind.value,
                           "about": d.about, "article_ids": list(d.article_ids),
                           "evidence": [evidence(e, texts) for e in d.evidence]} for d in s.disagreements],
        "stances": [{"article_id": st.article_id, "stance": st.stance, "source": st.source,
                     "headline": st.headline} for st in s.stances],
        "independent_sources": independent_sources(s.stances),
        "events": [{"type": e.type.value, "status": e.status.value,
                    "participant_ids": [eid(k) for k in e.participants if eid(k)],
                    "participants": [entities[k].name for k in e.participants if k in entities],
                    "article_ids": list(e.article_ids), "evidence": [evidence(ev, texts) for ev in e.evidence]}
                   for e in s.events],
    }


RUN_TIMES = {"generated_at", "created_at", "seen_at"}  # when this run wrote or saw a record, not what it says


def without_run_times(document: dict | list) -> dict | list:
    """The export without the times of the run that made it (``generated_at``, the alerts'
    ``created_at``, the copies' and versions' ``seen_at``): what two runs on the same input must
    give alike, whatever the store, the machine or the number of workers."""
    if isinstance(document, dict):
        return {k: without_run_times(v) for k, v in document.items() if k not in RUN_TIMES}
    if isinstance(document, list):
        return [without_run_times(v) for v in document]
    return document


def export_store(store: Store) -> dict:
    """The whole store as the JSON export; stories as the last rebuild stored them."""
    articles = {a.id: a for a in store.articles()}
    entities = store.entities()
    texts = {a.id: a.text for a in articles.values()}
    stories = store.stories()
    copies, versions = store.copies(), store.versions()
    return {
        "schema_version": SCHEMA_VERSION,
        "generated_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "articles": [{**article_json(a), **article_extras(a.id, copies, versions)} for a in articles.values()]
                    + [copy_article_json(c, articles[aid]) for aid, kept in copies.items() if aid in articles for c in kept],
        "entities": [entity_json(e) for e in entities.values()],
        "stories": [with_copies(story_json(s, entities, texts), copies) for s in stories],
        "rejections": [{"source": r.source, "code": r.code, "reason": r.reason} for r in store.rejections()],
        "alerts": [alert_json(a, texts) for a in list_alerts(store)],
    }
