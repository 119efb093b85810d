"""Web archives (.warc, .warc.gz), read by warcio: one article per archived HTML or text page.

Only successful (2xx) ``response`` records and ``resource`` records of HTML or plain text are
pages; requests, metadata, redirects, images and scripts are not articles and are passed over. The
size limit applies to each page, not to the archive, which may hold thousands. A page's source is
``FILE#n`` (the n-th record of the archive) and its address comes with it as the article's URL. A
page that is too large or undecodable is rejected on its own; a damaged archive is rejected from the
point where it breaks, and the pages before it go on (warcio reads a record cut short at the end of
the file as far as it goes).
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator

from newsgraph import errors
from newsgraph.ingest.raw import RawDocument, decode
from newsgraph.model import Rejection

PAGE_TYPES = {"text/html": "html", "application/xhtml+xml": "html", "text/plain": "text"}


def read_warc(path: Path, source: str, max_bytes: int) -> Iterator[RawDocument | Rejection]:
    number = pages = 0
    try:
        with path.open("rb") as stream:
            for number, record in enumerate(ArchiveIterator(stream), start=1):
                kind = _page_kind(record)
                if kind:
                    pages += 1
                    yield _document(record, kind, f"{source}#{number}", max_bytes)
    except Exception as exc:  # warcio fails on damaged archives in many ways (AttributeError too)
        yield Rejection.of(f"{source}#{number + 1}", errors.bad_archive(str(exc) or type(exc).__name__))
        return
    if not number:
        raise errors.empty("archive")
    if not pages:
        raise errors.no_pages(number)


def _page_kind(record) -> str | None:
    """'html' or 'text' when the record is a page worth reading, else None."""
    if record.rec_type == "response":
        if record.http_headers is None or not record.http_headers.get_statuscode().startswith("2"):
            return None
        content_type = record.http_headers.get_header("Content-Type") or ""
    elif record.rec_type == "resource":
        content_type = record.rec_headers.get_header("Content-Type") or ""
    else:
        return None
    return PAGE_TYPES.get(content_type.split(";")[0].strip().lower())


def _document(record, kind: str, where: str, max_bytes: int) -> RawDocument | Rejection:
    data = record.content_stream().read(max_bytes + 1)
    try:
        if len(data) > max_bytes:
            raise errors.too_large(max(len(data), int(record.rec_headers.get_header("Content-Length") or 0)), max_bytes)
        text, encoding = _decode(data, record)
    except errors.InputRejected as exc:
        return Rejection.of(where, exc)
    url = record.rec_headers.get_header("WARC-Target-URI") or ""
    return RawDocument(source=where, kind=kind, content=text, meta={"url": url} if url else {}, encoding=encoding)


def _decode(data: bytes, record) -> tuple[str, str]:
    """(text, encoding): by the charset the server declared when it fits the bytes, else as any file."""
    headers = record.http_headers or record.rec_headers
    declared = re.search(r"charset=[\"']?([\w.:-]+)", headers.get_header("Content-Type") or "", re.I)
    if declared and data.strip():
        try:
            return data.decode(declared.group(1)), declared.group(1).lower()
        except (LookupError, UnicodeDecodeError):
            pass
    return decode(data)
