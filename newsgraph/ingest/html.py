"""HTML pages (.html, .htm): the file is one page holding one article."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from newsgraph.ingest.raw import RawDocument, decode, read_bytes


def read_html(path: Path, source: str, max_bytes: int) -> Iterator[RawDocument]:
    text, encoding = decode(read_bytes(path, max_bytes))
    yield RawDocument(source=source, kind="html", content=text, encoding=encoding)
