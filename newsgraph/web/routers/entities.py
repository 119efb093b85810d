"""Entities: the list (in pages and orders; for people, the companies some story is about), and a
company's page (its stories, its responses over time, and its figures as one chart per metric)."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request

from newsgraph.exports.document import entity_json
from newsgraph.model import Entity, EntityType, Story
from newsgraph.web.deps import catalog, render
from newsgraph.web.catalog import Catalog
from newsgraph.web.charts import metric_chart
from newsgraph.web.errors import ERROR_RESPONSES, ApiError
from newsgraph.web.paging import Paging, ordered, paging
from newsgraph.web.views import entity_full_json, entity_page, story_summary

router = APIRouter(tags=["entities"])


def find_entity(cat: Catalog, entity_id: str):
    found = cat.entity(entity_id)
    if found is None:
        matches = cat.find_entities(entity_id)
        found = matches[0] if len(matches) == 1 else None
    if found is None:
        raise ApiError(404, "unknown_entity", f"no single entity '{entity_id}' in this store; give an id from "
                                              "/api/entities, a name or a ticker")
    return found


def page_of(cat: Catalog, entity_id: str):
    from newsgraph.workflow import facts_in

    entity = find_entity(cat, entity_id)
    return entity_page(cat, entity, facts_in(cat.articles, cat.analyses, entity))


# The entities list's orders; each ends on the id, so ties keep their place.
ENTITY_ORDERS = {
    "name": lambda row: (row[0].name.casefold(), row[0].id),
    "most_stories": lambda row: (-len(row[1]), row[0].name.casefold(), row[0].id),
}
EntityPaging = Annotated[Paging, Depends(paging(list(ENTITY_ORDERS), per_page=100))]


def entity_rows(cat: Catalog, type: EntityType | None) -> list[tuple[Entity, list[Story]]]:
    """Entities (of one type, or all) with the stories about each."""
    stories: dict[str, list[Story]] = {}
    for s in cat.stories:
        for k in s.entity_keys:
            stories.setdefault(k, []).append(s)
    return [(e, stories.get(e.key, [])) for e in cat.entities.values() if type is None or e.type == type]


@router.get("/api/entities", responses=ERROR_RESPONSES, summary="Entities, by name (or by their number of stories)")
def api_entities(request: Request, cat: Annotated[Catalog, Depends(catalog)], at: EntityPaging,
                 type: Annotated[EntityType | None, Query(description="Only entities of this type")] = None) -> dict:
    """`count` is the number of matching entities; `entities` the page of them, each with `story_count`."""
    rows = ordered(entity_rows(cat, type), at.sort, ENTITY_ORDERS)
    return {**at.json(request, len(rows)),
            "entities": [{**entity_json(e), "story_count": len(stories)} for e, stories in at.cut(rows)]}


@router.get("/api/entities/{entity_id}", responses=ERROR_RESPONSES,
            summary="One entity: its stories, responses over time and figures per metric")
def api_entity(entity_id: str, cat: Annotated[Catalog, Depends(catalog)]) -> dict:
    return entity_full_json(cat, page_of(cat, entity_id))


@router.get("/entities", include_in_schema=False)
def companies_page(request: Request, cat: Annotated[Catalog, Depends(catalog)], at: EntityPaging):
    rows = ordered([(e, stories) for e, stories in entity_rows(cat, EntityType.COMPANY) if stories],
                   at.sort, ENTITY_ORDERS)
    return render(request, "entities.html", rows=at.cut(rows), at=at, pages=at.json(request, len(rows)),
                  orders=list(ENTITY_ORDERS), total=len(cat.articles),
                  json_twin=request.url.replace(path="/api/entities").include_query_params(type="company"))


@router.get("/entities/{entity_id}", include_in_schema=False)
def entity_html(request: Request, entity_id: str, cat: Annotated[Catalog, Depends(catalog)]):
    page = page_of(cat, entity_id)
    charts = {m: metric_chart(rows, f"chart-{n}") for n, (m, rows) in enumerate(page.facts.items())
              if len({r["period_end"] or r["published_at"] for r in rows} - {None}) >= 2}  # a series, not one point
    return render(request, "entity.html", page=page, charts=charts, cat=cat,
                  stories=[story_summary(cat, s) for s in page.stories], json_twin=f"/api/entities/{page.entity.id}")
