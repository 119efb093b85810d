"""The polite fetcher: one HTTP GET at a time, within limits, as a well-behaved robot.

Every request names itself (``newsgraph/VERSION``), asks the site's robots.txt first (cached per
host for a day), waits between two requests to one host (the configured delay, or the site's
``Crawl-delay`` when longer), follows redirects itself (so each hop is checked against robots.txt
and counted: a loop or too many hops is refused), stops reading at the size limit and gives up at
the time limit. Each failure raises a :class:`newsgraph.errors.FetchFailed` with a stable code.
"""
from __future__ import annotations

import socket
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit, urlunsplit
from urllib.robotparser import RobotFileParser

import httpx

import newsgraph
from newsgraph import errors
from newsgraph.settings import Settings

USER_AGENT = f"newsgraph/{newsgraph.__version__}"
ROBOTS_MAX_BYTES = 500_000  # Google reads the first 500 KiB of a robots.txt; so do we
ROBOTS_TTL = 24 * 3600.0  # RFC 9309: a cached robots.txt should not be used for more than a day
REDIRECTS = {301, 302, 303, 307, 308}


@dataclass(frozen=True)
class FetchPolicy:
    """The limits every request keeps."""

    max_bytes: int = Settings.max_bytes
    timeout: float = Settings.fetch_timeout  # seconds for the whole answer, body included
    delay: float = Settings.fetch_delay  # seconds between two requests to one host
    max_redirects: int = Settings.fetch_redirects
    user_agent: str = USER_AGENT

    @classmethod
    def from_settings(cls, settings: Settings) -> FetchPolicy:
        return cls(max_bytes=settings.max_bytes, timeout=settings.fetch_timeout, delay=settings.fetch_delay,
                   max_redirects=settings.fetch_redirects)


@dataclass(frozen=True)
class Fetched:
    """A complete answer: ``url`` is the address that answered (after redirects), ``status`` 200 or
    304 (not modified: ``content`` is empty), ``media_type`` the content type without parameters."""

    url: str
    status: int
    headers: httpx.Headers
    content: bytes

    @property
    def media_type(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip().lower()

    @property
    def charset(self) -> str | None:
        for part in self.headers.get("content-type", "").split(";")[1:]:
            name, _, value = part.partition("=")
            if name.strip().lower() == "charset" and value.strip():
                return value.strip().strip("\"'")
        return None


class PoliteFetcher:
    """GET pages and feeds under a :class:`FetchPolicy`. ``clock`` and ``sleep`` are the time
    functions the per-host delay uses (a test may pass its own to see the waits)."""

    def __init__(self, policy: FetchPolicy | None = None, clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep):
        self.policy = policy or FetchPolicy()
        self.clock = clock
        self.sleep = sleep
        self.client = httpx.Client(headers={"User-Agent": self.policy.user_agent}, follow_redirects=False,
                                   timeout=httpx.Timeout(self.policy.timeout))
        self._robots: dict[str, tuple[float, RobotFileParser]] = {}
        self._last: dict[str, float] = {}  # host -> when its last request ended

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> PoliteFetcher:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def get(self, url: str, headers: Mapping[str, str] | None = None) -> Fetched:
        """The answer to GET ``url`` (200, or 304 when ``headers`` make it conditional);
        raises FetchFailed for anything else."""
        seen: list[str] = []
        current = url
        while True:
            _check_address(current)
            if current in seen:
                raise errors.redirect_loop(current)
            if len(seen) > self.policy.max_redirects:
                raise errors.too_many_redirects(self.policy.max_redirects, url)
            seen.append(current)
            robots = self._robots_for(current)
            if not robots.can_fetch(self.policy.user_agent, current):
                raise errors.robots_disallowed(current, self.policy.user_agent)
            answer = self._request(current, headers, robots)
            if answer.status in REDIRECTS and answer.headers.get("location"):
                current = urljoin(current, answer.headers["location"])
                continue
            if answer.status in (200, 304):
                return answer
            raise errors.http_status(answer.status, current)

    # -- one request -------------------------------------------------------------------------
    def _request(self, url: str, headers: Mapping[str, str] | None, robots: RobotFileParser | None,
                 limit: int | None = None) -> Fetched:
        """One GET, after the host's delay; the body read up to the size limit within the time limit."""
        limit = self.policy.max_bytes if limit is None else limit
        host = _host_key(url)
        self._wait_for(host, robots)
        deadline = time.monotonic() + self.policy.timeout
        try:
            with self.client.stream("GET", url, headers=dict(headers or {})) as response:
                declared = response.headers.get("content-length", "")
                if response.status_code == 200 and declared.isdigit() and int(declared) > limit:
                    raise errors.too_large(int(declared), limit)
                body = bytearray()
                if response.status_code == 200:
                    for chunk in response.iter_bytes():
                        body.extend(chunk)
                        if len(body) > limit:
                            raise errors.too_large(len(body), limit)
                        if time.monotonic() > deadline:  # a server that drips bytes forever
                            raise errors.timed_out(self.policy.timeout)
                return Fetched(url=str(response.url), status=response.status_code,
                               headers=response.headers, content=bytes(body))
        except httpx.TimeoutException as exc:
            raise errors.timed_out(self.policy.timeout) from exc
        except httpx.ConnectError as exc:
            if _caused_by(exc, socket.gaierror):
                raise errors.dns_failure(urlsplit(url).hostname or url) from exc
            raise errors.unreachable(urlsplit(url).netloc, str(exc) or exc.__class__.__name__) from exc
        except (httpx.TransportError, httpx.InvalidURL) as exc:
            raise errors.unreachable(urlsplit(url).netloc, f"{exc.__class__.__name__}: {exc}") from exc
        finally:
            self._last[host] = self.clock()

    def _wait_for(self, host: str, robots: RobotFileParser | None) -> None:
        delay = self.policy.delay
        crawl_delay = robots.crawl_delay(self.policy.user_agent) if robots is not None else None
        if crawl_delay:
            delay = max(delay, float(crawl_delay))
        last = self._last.get(host)
        if last is not None:
            pause = last + delay - self.clock()
            if pause > 0:
                self.sleep(pause)

    # -- robots.txt --------------------------------------------------------------------------
    def _robots_for(self, url: str) -> RobotFileParser:
        """The host's robots.txt rules, fetched once a day. A missing file (4xx) allows everything,
        401/403 allow nothing; a server error refuses for now without caching (RFC 9309)."""
        host = _host_key(url)
        now = self.clock()
        cached = self._robots.get(host)
        if cached is not None and now - cached[0] < ROBOTS_TTL:
            return cached[1]
        parts = urlsplit(url)
        address = urlunsplit((parts.scheme, parts.netloc, "/robots.txt", "", ""))
        rules = RobotFileParser(address)
        answer = self._robots_answer(address)
        if answer.status >= 500:
            raise errors.robots_unavailable(answer.status, url)
        if answer.status in (401, 403):
            rules.disallow_all = True
        elif answer.status == 200:
            rules.parse(answer.content.decode("utf-8", "replace").splitlines())
        else:
            rules.allow_all = True
        rules.modified()
        self._robots[host] = (now, rules)
        return rules

    def _robots_answer(self, address: str) -> Fetched:
        """robots.txt, following up to five redirects (RFC 9309)."""
        current = address
        for _ in range(6):
            try:
                answer = self._request(current, None, None, limit=ROBOTS_MAX_BYTES)
            except errors.InputRejected as exc:
                if exc.code == "too_large":  # no site needs that much: read as no robots.txt at all
                    return Fetched(url=current, status=404, headers=httpx.Headers(), content=b"")
                raise
            if answer.status in REDIRECTS and answer.headers.get("location"):
                current = urljoin(current, answer.headers["location"])
                continue
            return answer
        return Fetched(url=current, status=404, headers=httpx.Headers(), content=b"")  # too many: as if none


def _check_address(url: str) -> None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise errors.bad_url(url)


def _host_key(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc.lower()}"


def _caused_by(exc: BaseException, kind: type[BaseException]) -> bool:
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        if isinstance(current, kind):
            return True
        seen.add(id(current))
        current = current.__cause__ or current.__context__
    return False
