"""Plain-text articles (.txt): the file is one article, often copied from a web page."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from newsgraph.ingest.raw import RawDocument, decode, read_bytes


def read_text(path: Path, source: str, max_bytes: int) -> Iterator[RawDocument]:
    text, encoding = decode(read_bytes(path, max_bytes))
    yield RawDocument(source=source, kind="text", content=text, encoding=encoding)
