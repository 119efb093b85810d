"""Articles: the list (pages, orders), one article's page and JSON, and ingest (POST /api/articles, the /ingest form).

Uploads run the same path as `newsgraph analyze` (``workflow.analyze_bytes``): the same readers,
size limit, cleaning and rejection codes, one writer at a time.
"""
from __future__ import annotations

import hashlib
import json
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator
from starlette.datastructures import UploadFile

from newsgraph.exports.document import article_extras, article_json
from newsgraph.model import AnalyzeResult, time_key
from newsgraph.web.deps import Context, catalog, context, render
from newsgraph.web.catalog import Catalog, recency_seconds
from newsgraph.web.errors import ERROR_RESPONSES, ApiError, ErrorOut
from newsgraph.web.highlight import mark
from newsgraph.web.limits import read_json
from newsgraph.web.paging import Paging, ordered, paging

router = APIRouter(tags=["articles"])

SUFFIX = {"text/plain": ".txt", "text/html": ".html"}


class ArticleIn(BaseModel):
    """One article as JSON: its `text` (as copied from a page) or its `html`, and optional metadata."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"anyOf": [
        {"required": ["text"], "properties": {"text": {"type": "string", "pattern": r"\S"}}},
        {"required": ["html"], "properties": {"html": {"type": "string", "pattern": r"\S"}}}]})
    text: str | None = Field(None, description="Plain text; header lines may give title, byline, outlet, date")
    html: str | None = Field(None, description="A whole HTML page; the main text is extracted")
    title: str | None = None
    outlet: str | None = None
    byline: str | None = None
    published_at: str | None = Field(None, description="ISO 8601 date or time")
    url: str | None = Field(None, description="Kept as metadata only: nothing is fetched")

    @model_validator(mode="after")
    def has_content(self) -> "ArticleIn":
        if not (self.text or "").strip() and not (self.html or "").strip():
            raise ValueError("give a non-empty 'text' or 'html'")
        return self


class IngestOut(BaseModel):
    added: list[str]
    unchanged: list[str]
    rejected: list[dict]
    stories: int
    articles: list[dict]
    copies: list[str] = Field(default_factory=list, description="Copies recorded (the same text as a stored article)")
    revised: list[str] = Field(default_factory=list, description="Articles stored in a new version")


INGEST_BODY = {"requestBody": {"required": True, "content": {
    "application/json": {"schema": ArticleIn.model_json_schema()},
    "text/plain": {"schema": {"type": "string"}},
    "text/html": {"schema": {"type": "string"}},
    "multipart/form-data": {"schema": {"type": "object", "required": ["file"], "properties": {
        "file": {"type": "string", "format": "binary",
                 "description": "A .txt, .html, .htm or .jsonl file, optionally gzipped (.gz)"}}}},
}}}
INGEST_ERRORS = {**ERROR_RESPONSES, 413: {"model": ErrorOut, "description": "too large"},
                 415: {"model": ErrorOut, "description": "unsupported media type"}}


def ingest(ctx: Context, name: str, data: bytes) -> AnalyzeResult:
    from newsgraph.workflow import analyze_bytes

    with ctx.write_lock:
        return analyze_bytes(name, data, ctx.settings, ctx.pipeline())


def outcome(result: AnalyzeResult, cat: Catalog) -> dict:
    """The ingest answer; nothing taken at all is an error carrying the (first) rejection's code."""
    if not result.added and not result.unchanged and not result.copies and not result.revised:
        first = result.rejected[0] if result.rejected else None
        if first is None:
            raise ApiError(422, "empty", "nothing to analyse in the upload")
        raise ApiError(422, first.code, first.reason, source=first.source)
    taken = [*result.added, *result.revised, *result.unchanged]
    return {"added": result.added, "unchanged": result.unchanged,
            "rejected": [{"source": r.source, "code": r.code, "reason": r.reason} for r in result.rejected],
            "stories": result.stories, "copies": result.copies, "revised": result.revised,
            "articles": [{"id": a, "title": cat.articles[a].title, "outlet": cat.outlet(a),
                          "story_id": cat.story_of.get(a)} for a in taken if a in cat.articles]}


def upload_name(data: bytes, suffix: str, name: str | None) -> str:
    """The source name of an upload: the one given (with the suffix its type needs), else a content hash."""
    if name and name.lower().endswith(suffix):
        return name
    return f"{name}{suffix}" if name else f"upload-{hashlib.sha256(data).hexdigest()[:12]}{suffix}"


async def read_upload(request: Request, name: str | None) -> tuple[str, bytes]:
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind == "application/json":
        raw = await request.body()
        data = read_json(raw, "one object with 'text' or 'html'")
        try:
            article = ArticleIn.model_validate(data)
        except ValidationError as exc:
            raise RequestValidationError([{**e, "loc": ("body", *e["loc"])} for e in exc.errors()]) from exc
        # ASCII with escapes: a lone surrogate in the JSON ('\ud800') passes through to the clean stage
        line = json.dumps(article.model_dump(exclude_none=True)).encode()
        return upload_name(line, ".jsonl", name), line
    if kind in SUFFIX:
        raw = await request.body()
        return upload_name(raw, SUFFIX[kind], name), raw
    if kind == "multipart/form-data":
        form = await request.form(max_files=1, max_fields=8)
        file = form.get("file")
        if not isinstance(file, UploadFile):
            raise ApiError(422, "invalid_request", "the form has no 'file' field with a file in it")
        return file.filename or "upload", await file.read()
    raise ApiError(415, "unsupported_media_type",
                   f"'{kind or 'no content type'}' is not taken; send application/json, text/plain, text/html "
                   "or multipart/form-data with a 'file'")


@router.post("/api/articles", status_code=201, responses={**INGEST_ERRORS, 200: {"model": IngestOut}},
             openapi_extra=INGEST_BODY, summary="Analyse one article (JSON, text, HTML or a file upload)")
async def api_ingest(request: Request, ctx: Annotated[Context, Depends(context)],
                     name: Annotated[str | None, Query(max_length=120, pattern=r"^[\w.\-]+$",
                                                       description="File name to record as the source")] = None
                     ) -> IngestOut:
    filename, data = await read_upload(request, name)
    result = await run_in_threadpool(ingest, ctx, filename, data)
    body = outcome(result, ctx.cache.get())
    return JSONResponse(body, status_code=201 if result.added else 200)


# The articles list's orders; each ends on the id, so ties keep their place.
ARTICLE_ORDERS = {
    "newest": lambda a: (-recency_seconds(a.published_at), a.id),
    "oldest": lambda a: (time_key(a.published_at), a.id),
    "outlet": lambda a: ((a.outlet or a.source).casefold(), -recency_seconds(a.published_at), a.id),
    "title": lambda a: ((a.title or a.source).casefold(), a.id),
}
ArticlePaging = Annotated[Paging, Depends(paging(list(ARTICLE_ORDERS)))]
Outlet = Annotated[str | None, Query(max_length=200, description="Only articles of this outlet (any case)")]


def article_rows(cat: Catalog, at: Paging, outlet: str | None) -> tuple[int, list[dict]]:
    """The matching articles' count, and the page of them as list rows (no text: it can be long)."""
    wanted = (outlet or "").strip().casefold()
    found = [a for a in cat.articles.values() if not wanted or cat.outlet(a.id).casefold() == wanted]
    return len(found), [{k: v for k, v in article_json(a).items() if k != "text"} |
                        {"words": len(a.text.split()), "story_id": cat.story_of.get(a.id)}
                        for a in at.cut(ordered(found, at.sort, ARTICLE_ORDERS))]


@router.get("/api/articles", responses=ERROR_RESPONSES, summary="Articles, newest first (or another order)")
def api_articles(request: Request, cat: Annotated[Catalog, Depends(catalog)], at: ArticlePaging,
                 outlet: Outlet = None) -> dict:
    """`count` is the number of matching articles; `articles` the page of them, without their text
    (`/api/articles/{id}` gives it)."""
    count, rows = article_rows(cat, at, outlet)
    return {**at.json(request, count), "articles": rows}


@router.get("/articles", include_in_schema=False)
def articles_page(request: Request, cat: Annotated[Catalog, Depends(catalog)], at: ArticlePaging,
                  outlet: Outlet = None):
    count, rows = article_rows(cat, at, outlet)
    return render(request, "articles.html", rows=rows, at=at, pages=at.json(request, count), outlet=outlet or "",
                  outlets=cat.all_outlets, orders=list(ARTICLE_ORDERS), total=len(cat.articles),
                  json_twin=request.url.replace(path="/api/articles"))


@router.get("/api/articles/{article_id}", responses=ERROR_RESPONSES, summary="One article with its cleaned text")
def api_article(article_id: str, cat: Annotated[Catalog, Depends(catalog)]) -> dict:
    return {**article_json(find_article(cat, article_id)), "story_id": cat.story_of.get(article_id),
            **article_extras(article_id, cat.copies, cat.versions)}


@router.get("/api/rejections", summary="The inputs that were not taken, with the reason")
def api_rejections(ctx: Annotated[Context, Depends(context)]) -> dict:
    return {"rejections": [{"source": r.source, "code": r.code, "reason": r.reason}
                           for r in ctx.store.rejections()]}


def find_article(cat: Catalog, article_id: str):
    if article_id not in cat.articles:
        raise ApiError(404, "unknown_article", f"no article '{article_id}' in this store")
    return cat.articles[article_id]


@router.get("/articles/{article_id}", include_in_schema=False)
def article_page(request: Request, article_id: str, cat: Annotated[Catalog, Depends(catalog)]):
    article = find_article(cat, article_id)
    analysis = cat.analyses.get(article_id)
    spans = [x.evidence for x in (*analysis.reports, *analysis.responses, *analysis.facts)] if analysis else []
    story = cat.story(cat.story_of[article_id]) if article_id in cat.story_of else None
    return render(request, "article.html", article=article, marked=mark(article_id, article.text, spans),
                  analysis=analysis, story=story, json_twin=f"/api/articles/{article_id}",
                  copies=cat.copies.get(article_id, []), versions=cat.versions.get(article_id, []))


@router.get("/ingest", include_in_schema=False)
def ingest_form(request: Request):
    return render(request, "ingest.html", result=None, error=None, json_twin=None)


@router.post("/ingest", include_in_schema=False)
async def ingest_submit(request: Request, ctx: Annotated[Context, Depends(context)]):
    form = await request.form(max_files=1, max_fields=8)
    file, text = form.get("file"), str(form.get("text") or "")
    if isinstance(file, UploadFile) and file.filename:
        name, data = file.filename, await file.read()
    else:
        suffix = ".html" if form.get("kind") == "html" else ".txt"
        name, data = upload_name(text.encode(), suffix, None), text.encode()
    try:
        result = await run_in_threadpool(ingest, ctx, name, data)
        body = outcome(result, ctx.cache.get())
    except ApiError as exc:
        return render(request, "ingest.html", status=exc.status, result=None, json_twin=None,
                      error={"code": exc.code, "message": exc.message, "source": exc.extra.get("source")})
    return render(request, "ingest.html", status=201 if result.added else 200, result=body, error=None,
                  json_twin=None)
