"""`newsgraph fetch`: pages fetched from the web and analysed through the same path as files.

A page becomes a raw document whose source and canonical URL are the address asked for, so its
article id (a hash of that URL) is the same at every fetch and the same as the article a feed item
linking to it gives. Each failure is a recorded rejection with its reason; the other pages go on.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator

from urllib.parse import urldefrag

import feedparser

from newsgraph import errors
from newsgraph.flow.http import Fetched, FetchPolicy, PoliteFetcher
from newsgraph.ingest.raw import RawDocument, decode, looks_binary
from newsgraph.model import AnalyzeResult, Rejection
from newsgraph.settings import Settings

PAGE_TYPES = {"text/html": "html", "application/xhtml+xml": "html", "text/plain": "text"}
FEED_TYPES = {"application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml", "text/xml"}


def fetch(urls: Iterable[str], settings: Settings | None = None, pipeline=None,
          fetcher: PoliteFetcher | None = None) -> AnalyzeResult:
    """Fetch the pages and analyse them into the store (``workflow.analyze``, as for files)."""
    from newsgraph.workflow import analyze  # heavy imports only where needed

    settings = settings or Settings()
    own = fetcher is None
    fetcher = fetcher or PoliteFetcher(FetchPolicy.from_settings(settings))
    try:
        documents = list(fetch_pages(urls, fetcher))
    finally:
        if own:
            fetcher.close()
    return analyze(documents, settings, pipeline)


def fetch_pages(urls: Iterable[str], fetcher: PoliteFetcher) -> Iterator[RawDocument | Rejection]:
    """A raw document per address, or its rejection."""
    for url in urls:
        try:
            yield fetch_page(url, fetcher)
        except errors.InputRejected as exc:
            yield Rejection.of(url, exc)


def fetch_page(url: str, fetcher: PoliteFetcher, meta: dict | None = None) -> RawDocument:
    """The page at ``url`` as a raw document (``meta``: what a feed item already says about it);
    raises InputRejected (FetchFailed) when it cannot be fetched or is no page. A fragment
    (``#part``) is no part of the page's address: it is dropped."""
    url = urldefrag(url).url
    answer = fetcher.get(url)
    return page_document(url, answer, meta)


def page_document(url: str, answer: Fetched, meta: dict | None = None) -> RawDocument:
    """An answer as a raw document: HTML, XHTML or plain text only; a feed is refused with a
    hint to watch it, anything else as no page."""
    kind = PAGE_TYPES.get(answer.media_type)
    if kind is None:
        if answer.media_type in FEED_TYPES and feedparser.parse(answer.content).version:
            raise errors.feed_not_page(url)
        raise errors.not_a_page(answer.media_type)
    text, encoding = _text_of(answer)
    return RawDocument(source=url, kind=kind, content=text, meta={**(meta or {}), "url": url}, encoding=encoding)


def _text_of(answer: Fetched) -> tuple[str, str]:
    """The body as text: in the charset the server names when it decodes cleanly, else as a file
    would be read (UTF-8, else the detected encoding; binary data refused)."""
    if answer.charset and answer.content.strip() and not looks_binary(answer.content):
        try:
            text = answer.content.decode(answer.charset)
            if text.strip():
                return text, answer.charset.lower()
        except (LookupError, UnicodeDecodeError):
            pass
    return decode(answer.content)
