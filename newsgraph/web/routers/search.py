"""Full-text search over the articles (``store.search``): matching articles with a snippet each."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request

from newsgraph.store.search import search_articles
from newsgraph.web.views import snippet_json
from newsgraph.web.deps import Context, catalog, context, render
from newsgraph.web.catalog import Catalog
from newsgraph.web.errors import ERROR_RESPONSES

router = APIRouter(tags=["search"])

Words = Annotated[str, Query(min_length=1, max_length=200, description="Words that must all occur (the last "
                                                                         "may be the start of a word)")]


def hits_json(cat: Catalog, ctx: Context, q: str, limit: int) -> list[dict]:
    return [{"article_id": h.article_id, "title": cat.articles[h.article_id].title,
             "outlet": cat.outlet(h.article_id), "story_id": cat.story_of.get(h.article_id), **snippet_json(h.snippet)}
            for h in search_articles(ctx.store, q, limit) if h.article_id in cat.articles]


@router.get("/api/search", responses=ERROR_RESPONSES, summary="Articles containing the words, best first")
def api_search(q: Words, cat: Annotated[Catalog, Depends(catalog)], ctx: Annotated[Context, Depends(context)],
               limit: Annotated[int, Query(ge=1, le=200)] = 50) -> dict:
    hits = hits_json(cat, ctx, q, limit)
    return {"query": q, "count": len(hits), "hits": hits}


@router.get("/search", include_in_schema=False)
def search_page(request: Request, q: Words, cat: Annotated[Catalog, Depends(catalog)],
                ctx: Annotated[Context, Depends(context)]):
    return render(request, "search.html", q=q, hits=hits_json(cat, ctx, q, 100),
                  json_twin=request.url.replace(path="/api/search"))
