"""A real HTTP server on 127.0.0.1 for the live-source tests (`fetch`, `watch`): it serves what
the test writes (pages, feeds, robots.txt, redirects, errors), answers conditional GETs with 304
from an ETag or a Last-Modified date, and logs every request it saw."""
from __future__ import annotations

import socket
import threading
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from newsgraph.settings import Settings


@dataclass
class Route:
    body: bytes = b""
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    etag: str | None = None
    last_modified: str | None = None  # an HTTP date
    send_length: bool = True  # False: no Content-Length, the body ends when the connection closes
    stall: float = 0.0  # seconds to wait before answering (a slow server)


@dataclass(frozen=True)
class Seen:
    path: str
    headers: dict[str, str]
    status: int


class FlowServer:
    """``with FlowServer() as server: server.page("/a", html); server.url("/a")``."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.seen: list[Seen] = []
        self.release = threading.Event()  # set at the end: a stalled answer stops waiting
        self._lock = threading.Lock()
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> FlowServer:
        self.thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.release.set()
        self.httpd.shutdown()
        self.httpd.server_close()

    @property
    def base(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}"

    def url(self, path: str) -> str:
        return self.base + path

    # -- what it serves ----------------------------------------------------------------------
    def page(self, path: str, body: str | bytes, content_type: str = "text/html; charset=utf-8", **route) -> str:
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.routes[path] = Route(body=data, content_type=content_type, **route)
        return self.url(path)

    def redirect(self, path: str, to: str, status: int = 302) -> str:
        self.routes[path] = Route(status=status, headers={"Location": to}, content_type="text/plain")
        return self.url(path)

    def error(self, path: str, status: int) -> str:
        self.routes[path] = Route(body=f"error {status}".encode(), content_type="text/plain", status=status)
        return self.url(path)

    # -- what it saw -------------------------------------------------------------------------
    def count(self, path: str, status: int | None = None) -> int:
        with self._lock:
            return sum(1 for s in self.seen if s.path == path and (status is None or s.status == status))

    def paths(self) -> list[str]:
        with self._lock:
            return [s.path for s in self.seen]

    def _handler(self):
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *_args) -> None:  # keep the test output clean
                pass

            def do_GET(self) -> None:  # noqa: N802 - the http.server name
                route = server.routes.get(self.path)
                status = 404 if route is None else self._status(route)
                with server._lock:
                    server.seen.append(Seen(self.path, dict(self.headers.items()), status))
                if route is None:
                    self._answer(404, "text/plain", b"not found", {})
                    return
                if route.stall:
                    server.release.wait(route.stall)
                extra = dict(route.headers)
                if route.etag:
                    extra["ETag"] = route.etag
                if route.last_modified:
                    extra["Last-Modified"] = route.last_modified
                if status == 304:
                    self._answer(304, None, b"", extra)
                else:
                    self._answer(status, route.content_type, route.body, extra, route.send_length)

            def _status(self, route: Route) -> int:
                if route.status != 200:
                    return route.status
                if route.etag and self.headers.get("If-None-Match"):
                    return 304 if route.etag in [t.strip() for t in self.headers["If-None-Match"].split(",")] else 200
                since = self.headers.get("If-Modified-Since")
                if route.last_modified and since:
                    try:
                        return 304 if parsedate_to_datetime(route.last_modified) <= parsedate_to_datetime(since) \
                            else 200
                    except (TypeError, ValueError):
                        return 200
                return 200

            def _answer(self, status: int, content_type: str | None, body: bytes, headers: dict[str, str],
                        send_length: bool = True) -> None:
                try:
                    self.send_response(status)
                    if content_type:
                        self.send_header("Content-Type", content_type)
                    for name, value in headers.items():
                        self.send_header(name, value)
                    if send_length and status != 304:
                        self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    if status != 304:
                        self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client hung up (a size limit or a timeout): that is the point

        return Handler


def closed_port() -> int:
    """A port on 127.0.0.1 where nothing listens (bound, then closed)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def article_page(title: str, paragraphs: list[str], outlet: str = "Fernhill Courier",
                 published: str = "2026-11-03T09:30:00+00:00") -> str:
    """A news page as a site would serve it: navigation, the article, a footer."""
    from html import escape

    body = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{escape(title)} | {escape(outlet)}</title>"
            f"<meta property='og:site_name' content='{escape(outlet)}'>"
            f"<meta property='article:published_time' content='{published}'></head><body>"
            f"<nav><a href='/'>Home</a> <a href='/business'>Business</a></nav>"
            f"<article><h1>{escape(title)}</h1>{body}</article>"
            f"<footer>Copyright 2026 {escape(outlet)}. All rights reserved.</footer></body></html>")


def rss(title: str, items: list[dict]) -> str:
    """An RSS 2.0 feed; an item: guid, title, link, pubDate, and summary and/or content (HTML)."""
    from html import escape

    parts = []
    for item in items:
        fields = [f"<{tag}>{escape(item[tag])}</{tag}>" for tag in ("title", "link", "pubDate") if tag in item]
        if "guid" in item:  # an id, not an address (RSS takes a guid for the item's address unless told)
            fields.append(f"<guid isPermaLink='false'>{escape(item['guid'])}</guid>")
        if "summary" in item:
            fields.append(f"<description>{escape(item['summary'])}</description>")
        if "content" in item:
            fields.append(f"<content:encoded><![CDATA[{item['content']}]]></content:encoded>")
        parts.append("<item>" + "".join(fields) + "</item>")
    return ("<?xml version='1.0' encoding='utf-8'?><rss version='2.0' "
            "xmlns:content='http://purl.org/rss/1.0/modules/content/'><channel>"
            f"<title>{escape(title)}</title><link>https://example.invalid/</link>" + "".join(parts)
            + "</channel></rss>")


def flow_settings(db, **overrides) -> Settings:
    """Settings for a test store: no delay between requests (the delay has its own test), short
    timeouts, no progress bar."""
    values = dict(db=str(db), progress=False, fetch_delay=0.0, fetch_timeout=5.0)
    values.update(overrides)
    return Settings(**values)


@pytest.fixture
def server():
    """A running FlowServer whose robots.txt keeps robots out of /private/."""
    with FlowServer() as running:
        running.page("/robots.txt", "User-agent: *\nDisallow: /private/\n", content_type="text/plain")
        yield running
