"""Alerts: the page, the Atom feed that feed readers subscribe to, and the JSON list.

Alerts are read from the store as the rebuilds raised them (``flow.alerts``); nothing here raises one.
"""
from __future__ import annotations

import re
from datetime import datetime, timezone
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response
from pydantic import BeforeValidator

from newsgraph.flow.alerts import AlertKind, alerts_json, count_alerts, list_alerts
from newsgraph.web.deps import Context, context, render
from newsgraph.web.errors import ERROR_RESPONSES

router = APIRouter(tags=["alerts"])

FEED_ENTRIES = 100  # the newest alerts a feed reader is given
ISO_START = re.compile(r"\d{4}-\d{2}-\d{2}")


def iso_time(value: object) -> object:
    """Only an ISO 8601 time (or day) is a time here: no Unix seconds or other forms pydantic would take."""
    if value is None or isinstance(value, datetime):
        return value
    if isinstance(value, str) and ISO_START.match(value):
        return datetime.fromisoformat(value.upper())  # a ValueError for 2031-02-30 becomes a 422
    raise ValueError("give a time as ISO 8601, e.g. 2031-03-09T12:00:00Z")


Since = Annotated[datetime | None, BeforeValidator(iso_time),
                  Query(description="Only alerts raised at or after this time (ISO 8601; UTC when no zone is given)")]
Limit = Annotated[int, Query(ge=1, le=1000, description="At most this many alerts")]


def newest(ctx: Context, limit: int) -> list[dict]:
    """The newest ``limit`` alerts, newest first, as the API gives them."""
    return list(reversed(alerts_json(ctx.store, list_alerts(ctx.store, limit=limit, newest=True))))


@router.get("/api/alerts", responses=ERROR_RESPONSES, summary="Alerts, oldest first")
def api_alerts(ctx: Annotated[Context, Depends(context)], since: Since = None, limit: Limit = 200) -> dict:
    """The first `limit` alerts raised at or after `since` (all when not given), oldest first;
    `count` is how many there are in all. To follow them, ask again with `since` set to the
    `created_at` of the last one you have (alerts of the same second come again; their `id` tells
    them apart)."""
    alerts = list_alerts(ctx.store, since=since, limit=limit)
    return {"count": count_alerts(ctx.store, since), "limit": limit, "alerts": alerts_json(ctx.store, alerts)}


@router.get("/alerts", include_in_schema=False)
def alerts_page(request: Request, ctx: Annotated[Context, Depends(context)], limit: Limit = 200):
    return render(request, "alerts.html", alerts=newest(ctx, limit), kinds=[k.value for k in AlertKind],
                  json_twin="/api/alerts")


@router.get("/alerts.atom", include_in_schema=False)
def alerts_feed(request: Request, ctx: Annotated[Context, Depends(context)]) -> Response:
    """The newest alerts as an Atom feed (RFC 4287), each entry linking to its story."""
    from feedgen.feed import FeedGenerator

    base = str(request.base_url).rstrip("/")
    alerts = newest(ctx, FEED_ENTRIES)
    feed = FeedGenerator()
    feed.id(f"{base}/alerts.atom")
    feed.title("newsgraph alerts")
    feed.subtitle("Responses that changed, new conflicts, new reports and new stories about watched companies")
    feed.author({"name": "newsgraph"})
    feed.link(href=f"{base}/alerts.atom", rel="self", type="application/atom+xml")
    feed.link(href=f"{base}/alerts", rel="alternate", type="text/html")
    feed.updated(alerts[0]["created_at"] if alerts else datetime.now(timezone.utc))
    for a in reversed(alerts):  # feedgen puts each new entry first: the newest ends on top
        entry = feed.add_entry()
        entry.id(f"urn:newsgraph:alert:{a['id']}")
        who = a["party"] or a["subject"] or ""
        entry.title(f"{_words(a['kind'])}: {who}: {_words(a['before'])} → {_words(a['after'])}")
        entry.link(href=f"{base}/stories/{a['story_id']}", rel="alternate", type="text/html")
        entry.updated(a["created_at"])
        entry.published(a["created_at"])
        entry.category(term=a["kind"])
        quote = f"\n“{a['evidence']['text']}”" if a["evidence"] and a["evidence"]["text"] else ""
        entry.content(f"{a['about']}{quote}", type="text")
    return Response(feed.atom_str(pretty=True), media_type="application/atom+xml; charset=utf-8")


def _words(value: str | None) -> str:
    """'did_not_respond' -> 'did not respond'; nothing -> '–'."""
    return value.replace("_", " ") if value else "–"
