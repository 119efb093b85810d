"""Stories: the list (newest first, with filters and full-text search) and one story's page."""
from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query, Request
from pydantic import BeforeValidator

from newsgraph.model import EventType
from newsgraph.web.deps import Context, catalog, context, render
from newsgraph.web.catalog import Catalog
from newsgraph.web.errors import ERROR_RESPONSES, ApiError
from newsgraph.web.views import Filters, list_stories, story_full_json, story_page, story_summary

router = APIRouter(tags=["stories"])

# An empty field of the filter form ("any") means no filter; the spec says so.
Blank = Literal[""]


def calendar_day(value: object) -> object:
    """Only YYYY-MM-DD (or blank) is a day here: no timestamps or other forms pydantic would take."""
    if value == "" or isinstance(value, date):
        return value
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return date.fromisoformat(value)  # a ValueError for 2026-02-30 becomes a 422
    raise ValueError("give a day as YYYY-MM-DD")


Day = Annotated[date | Blank | None, BeforeValidator(calendar_day)]


def filters(q: Annotated[str | None, Query(max_length=200, description="Words in the articles (full text)")] = None,
            company: Annotated[str | None, Query(max_length=200, description="Entity id, name or ticker")] = None,
            event: Annotated[EventType | Blank | None, Query(description="Event type")] = None,
            outlet: Annotated[str | None, Query(max_length=200)] = None,
            since: Annotated[Day, Query(description="An article on or after this day")] = None,
            until: Annotated[Day, Query(description="An article on or before this day")] = None) -> Filters:
    return Filters(q=q, company=company, event=event.value if event else None, outlet=outlet, since=since or None,
                   until=until or None)


def find_story(cat: Catalog, story_id: str):
    story = cat.story(story_id)
    if story is None:
        raise ApiError(404, "unknown_story", f"no story '{story_id}' in this store; /api/stories lists them")
    return story


Limit = Annotated[int, Query(ge=1, le=500, description="At most this many stories")]
Offset = Annotated[int, Query(ge=0, description="Skip this many (newest) stories first")]


@router.get("/api/stories", responses=ERROR_RESPONSES, summary="Stories, newest first, filtered")
def api_stories(f: Annotated[Filters, Depends(filters)], cat: Annotated[Catalog, Depends(catalog)],
                ctx: Annotated[Context, Depends(context)], limit: Limit = 100, offset: Offset = 0) -> dict:
    """`count` is the number of matching stories; `stories` the `limit` of them from `offset` on."""
    stories, hits = list_stories(cat, ctx.store, f)
    return {"count": len(stories), "offset": offset, "limit": limit,
            "stories": [story_summary(cat, s, hits.get(s.id)) for s in stories[offset:offset + limit]]}


@router.get("/api/stories/{story_id}", responses=ERROR_RESPONSES, summary="One story, as in the JSON export")
def api_story(story_id: str, cat: Annotated[Catalog, Depends(catalog)]) -> dict:
    return story_full_json(cat, find_story(cat, story_id))


@router.get("/", include_in_schema=False)
def stories_page(request: Request, f: Annotated[Filters, Depends(filters)], cat: Annotated[Catalog, Depends(catalog)],
                 ctx: Annotated[Context, Depends(context)], limit: Limit = 50, offset: Offset = 0):
    stories, hits = list_stories(cat, ctx.store, f)

    def page_at(start: int) -> str | None:
        if start == offset or not 0 <= start < len(stories):
            return None
        return str(request.url.include_query_params(offset=start, limit=limit))

    return render(request, "stories.html", rows=[story_summary(cat, s, hits.get(s.id))
                                                 for s in stories[offset:offset + limit]],
                  matching=len(stories), offset=offset, newer=page_at(max(0, offset - limit)),
                  older=page_at(offset + limit), filters=f, companies=cat.companies, outlets=cat.all_outlets,
                  event_types=[e.value for e in EventType], total=len(cat.stories),
                  json_twin=request.url.replace(path="/api/stories"))


@router.get("/stories/{story_id}", include_in_schema=False)
def story_html(request: Request, story_id: str, cat: Annotated[Catalog, Depends(catalog)]):
    story = find_story(cat, story_id)
    return render(request, "story.html", page=story_page(cat, story), events=story.events, cat=cat,
                  json_twin=f"/api/stories/{story.id}")
