"""Stories: the list (filters, full-text search, pages and orders) and one story's page."""
from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query, Request
from pydantic import BeforeValidator

from newsgraph.model import EventType, time_key
from newsgraph.web.deps import Context, catalog, context, render
from newsgraph.web.catalog import Catalog, recency_seconds
from newsgraph.web.errors import ERROR_RESPONSES, ApiError
from newsgraph.web.paging import Paging, ordered, paging
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


# The stories list's orders; each ends on the id, so ties keep their place.
STORY_ORDERS = {
    "newest": lambda s: (-recency_seconds(s.last_published), s.id),
    "oldest": lambda s: (time_key(s.first_published), s.id),
    "most_articles": lambda s: (-len(s.article_ids), -recency_seconds(s.last_published), s.id),
    "title": lambda s: (s.title.casefold(), s.id),
}
StoryPaging = Annotated[Paging, Depends(paging(list(STORY_ORDERS)))]
ApiStoryPaging = Annotated[Paging, Depends(paging(list(STORY_ORDERS), per_page=100))]  # as the API gave before pages


@router.get("/api/stories", responses=ERROR_RESPONSES, summary="Stories, newest first (or another order), filtered")
def api_stories(request: Request, f: Annotated[Filters, Depends(filters)], cat: Annotated[Catalog, Depends(catalog)],
                ctx: Annotated[Context, Depends(context)], at: ApiStoryPaging) -> dict:
    """`count` is the number of matching stories; `stories` the page of them; `next` and `previous` the
    addresses of the pages around it."""
    stories, hits = list_stories(cat, ctx.store, f)
    stories = ordered(stories, at.sort, STORY_ORDERS)
    return {**at.json(request, len(stories)),
            "stories": [story_summary(cat, s, hits.get(s.id)) for s in at.cut(stories)]}


@router.get("/api/stories/{story_id}", responses=ERROR_RESPONSES, summary="One story, as in the JSON export")
def api_story(story_id: str, cat: Annotated[Catalog, Depends(catalog)]) -> dict:
    return story_full_json(cat, find_story(cat, story_id))


@router.get("/", include_in_schema=False)
def stories_page(request: Request, f: Annotated[Filters, Depends(filters)], cat: Annotated[Catalog, Depends(catalog)],
                 ctx: Annotated[Context, Depends(context)], at: StoryPaging):
    stories, hits = list_stories(cat, ctx.store, f)
    stories = ordered(stories, at.sort, STORY_ORDERS)
    return render(request, "stories.html", rows=[story_summary(cat, s, hits.get(s.id)) for s in at.cut(stories)],
                  matching=len(stories), at=at, pages=at.json(request, len(stories)), orders=list(STORY_ORDERS),
                  filters=f, companies=cat.companies, outlets=cat.all_outlets,
                  event_types=[e.value for e in EventType], total=len(cat.stories),
                  json_twin=request.url.replace(path="/api/stories").include_query_params(per_page=at.size))


@router.get("/stories/{story_id}", include_in_schema=False)
def story_html(request: Request, story_id: str, cat: Annotated[Catalog, Depends(catalog)]):
    story = find_story(cat, story_id)
    return render(request, "story.html", page=story_page(cat, story), events=story.events, cat=cat,
                  json_twin=f"/api/stories/{story.id}")
