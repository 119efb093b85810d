"""One error shape for the whole HTTP interface, and the handlers that produce it.

Every error is ``{"error": {"status": 404, "code": "unknown_story", "message": "...what to do next"}}``
(plus ``details`` for invalid fields, ``source`` for a rejected upload). Pages get the same message
as an HTML page with the same status. No traceback ever reaches the client; unexpected errors are
logged on the server.
"""
from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match

from newsgraph import errors

log = logging.getLogger("newsgraph.web")


class ErrorBody(BaseModel):
    status: int
    code: str
    message: str
    details: list[dict] | None = None
    source: str | None = None


class ErrorOut(BaseModel):
    """The one JSON error shape."""

    error: ErrorBody


class ApiError(Exception):
    """An error the interface raises on purpose: status, stable code, message saying what to do."""

    def __init__(self, status: int, code: str, message: str, **extra: object):
        super().__init__(message)
        self.status, self.code, self.message, self.extra = status, code, message, extra


# Parameters of a list (``paging``): a value out of range is a bad request (400), not a bad field (422).
LIST_PARAMETERS = frozenset({"page", "per_page", "sort", "offset", "limit"})
DEEP_JSON = "the JSON body is nested too deep to read; send an object with fields, not lists inside lists"

METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE")
HTTP_CODES = {400: "bad_request", 404: "not_found", 405: "method_not_allowed", 406: "not_acceptable",
              413: "too_large", 415: "unsupported_media_type", 422: "invalid_request"}

# Errors of the library, as the interface reports them.
LIBRARY = {errors.UnknownStory: (404, "unknown_story"), errors.UnknownEntity: (404, "unknown_entity"),
           errors.StoreError: (503, "store_unavailable"), errors.ModelNotInstalled: (503, "model_not_installed")}

# Shown in the OpenAPI spec for every API route.
ERROR_RESPONSES = {code: {"model": ErrorOut, "description": HTTP_CODES.get(code, "error")} for code in (400, 404, 422)}


def wants_html(request: Request) -> bool:
    return not request.url.path.startswith("/api") and request.url.path != "/openapi.json"


def respond(request: Request, status: int, code: str, message: str, headers: dict | None = None, **extra: object):
    body = {"status": status, "code": code, "message": message, **{k: v for k, v in extra.items() if v is not None}}
    if wants_html(request):
        templates = request.app.state.templates
        return templates.TemplateResponse(request, "error.html", {"error": body}, status_code=status, headers=headers)
    return JSONResponse({"error": body}, status_code=status, headers=headers)


def allowed_methods(request: Request) -> list[str]:
    """Every method some route takes at this path: a path served by two routes (GET and POST
    /api/articles) must list both in a 405's ``Allow``, not only the first route's."""
    return [method for method in METHODS
            if any(route.matches({**request.scope, "method": method})[0] == Match.FULL
                   for route in request.app.router.routes)]


def install(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def api_error(request: Request, exc: ApiError):
        return respond(request, exc.status, exc.code, exc.message, **exc.extra)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        code = HTTP_CODES.get(exc.status_code, "error")
        message = exc.detail if isinstance(exc.detail, str) else code.replace("_", " ")
        if exc.status_code == 404 and message == "Not Found":
            message = f"nothing at {request.url.path}; the API is described at /docs and /openapi.json"
        headers = exc.headers
        if exc.status_code == 405:
            message = f"{request.method} is not allowed on {request.url.path}"
            headers = {**(headers or {}), "Allow": ", ".join(allowed_methods(request))}
        return respond(request, exc.status_code, code, message, headers=headers)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError):
        details = [{"where": ".".join(str(p) for p in e.get("loc", ())), "problem": e.get("msg", "")}
                   for e in exc.errors()]
        first = details[0] if details else {"where": "request", "problem": "invalid"}
        if details and all(tuple(e.get("loc", ()))[:1] == ("query",) and tuple(e["loc"])[1:2] and
                           e["loc"][1] in LIST_PARAMETERS for e in exc.errors()):
            return respond(request, 400, "bad_parameter", f"{first['where']}: {first['problem']}; a list takes "
                           "page (from 1), per_page and one of the sort orders that /docs gives", details=details)
        return respond(request, 422, "invalid_request",
                       f"{first['where']}: {first['problem']}; see /docs for what this route takes", details=details)

    @app.exception_handler(RecursionError)
    async def too_deep(request: Request, exc: RecursionError):
        # The JSON parser (FastAPI's, or the upload's own) recurses once per level of nesting.
        if request.headers.get("content-type", "").split(";")[0].strip().lower().endswith("json"):
            return respond(request, 400, "too_deep", DEEP_JSON)
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return respond(request, 500, "internal_error", "something went wrong on the server; the server log has the details")

    @app.exception_handler(errors.NewsgraphError)
    async def library_error(request: Request, exc: errors.NewsgraphError):
        status, code = next((v for k, v in LIBRARY.items() if isinstance(exc, k)), (500, "internal_error"))
        if isinstance(exc, errors.InputRejected):
            status, code = 422, exc.code
        return respond(request, status, code, str(exc))

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception):
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return respond(request, 500, "internal_error",
                       "something went wrong on the server; the server log has the details")
