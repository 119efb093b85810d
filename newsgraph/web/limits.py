"""Limits on request bodies: their size, checked before a byte is parsed (ASGI middleware), and the
depth of a JSON body (``read_json``).

A declared ``Content-Length`` over the limit is refused at once; a body sent without one (chunked)
is counted as it arrives and refused when it passes the limit. Either way the client gets a 413 in
the one error shape.
"""
from __future__ import annotations

import json
from html import escape

from newsgraph.web.errors import DEEP_JSON, ApiError

# Room for multipart boundaries and form fields around an upload of the largest allowed size.
ENVELOPE_BYTES = 64 * 1024


def read_json(raw: bytes, wanted: str) -> object:
    """A request body parsed as JSON; a body that is not JSON, or is nested deeper than the parser
    can follow (``RecursionError``), is a 400 in the one error shape. ``wanted`` says what to send."""
    try:
        return json.loads(raw)
    except RecursionError as exc:
        raise ApiError(400, "too_deep", DEEP_JSON) from exc
    except (ValueError, UnicodeDecodeError) as exc:
        raise ApiError(400, "bad_json", f"the body is not valid JSON ({exc}); send {wanted}") from exc


def too_large(limit: int) -> ApiError:
    return ApiError(413, "too_large", f"the request body is over the {limit:,} byte limit; "
                                      "split the input or raise the server's --max-bytes")


class BodyLimit:
    def __init__(self, app, max_bytes: int):
        self.app = app
        self.limit = max_bytes + ENVELOPE_BYTES

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.limit):
            return await self._refuse(scope, send)
        seen = 0

        async def counted():
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    raise too_large(self.limit)
            return message

        await self.app(scope, counted, send)

    async def _refuse(self, scope, send) -> None:
        exc = too_large(self.limit)
        path = scope.get("path", "")
        body = {"error": {"status": 413, "code": exc.code, "message": exc.message}}
        if path.startswith("/api"):
            payload, kind = json.dumps(body).encode(), b"application/json"
        else:
            payload = f"<!doctype html><title>Too large</title><p>{escape(exc.message)}</p>".encode()
            kind = b"text/html; charset=utf-8"
        await send({"type": "http.response.start", "status": 413,
                    "headers": [(b"content-type", kind), (b"content-length", str(len(payload)).encode()),
                                (b"connection", b"close")]})
        await send({"type": "http.response.body", "body": payload})
