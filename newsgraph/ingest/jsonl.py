"""JSON Lines (.jsonl): one article per line, with `text` or `html` and optional metadata.

A line's source is ``FILE#id`` (``FILE#line`` when it has no id). A bad line is rejected on its
own; the other lines go on.
"""
from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from newsgraph import errors
from newsgraph.ingest.raw import RawDocument, read_bytes
from newsgraph.model import Rejection

META_KEYS = ("id", "url", "title", "outlet", "published_at", "byline")


def read_jsonl(path: Path, source: str, max_bytes: int) -> Iterator[RawDocument | Rejection]:
    data = read_bytes(path, max_bytes)
    if not data.strip():
        raise errors.empty()
    for number, line in enumerate(data.splitlines(), start=1):
        if line.strip():
            yield _document(line, source, number)


def _document(line: bytes, source: str, number: int) -> RawDocument | Rejection:
    where = f"{source}#{number}"
    try:
        record = json.loads(line.decode("utf-8"))
    except UnicodeDecodeError:
        return Rejection.of(where, errors.undecodable())
    except json.JSONDecodeError as err:
        return Rejection.of(where, errors.bad_json(f"line {number}: {err.msg}"))
    if not isinstance(record, dict):
        return Rejection.of(where, errors.bad_json(f"line {number} is a {type(record).__name__}"))
    if record.get("id") not in (None, ""):
        where = f"{source}#{record['id']}"
    meta = {k: str(record[k]) for k in META_KEYS if record.get(k) not in (None, "")}
    for kind in ("html", "text"):
        content = record.get(kind)
        if isinstance(content, str) and content.strip():
            return RawDocument(source=where, kind=kind, content=content, meta=meta)
    return Rejection.of(where, errors.bad_json(f"line {number} has no non-empty 'text' or 'html' field"))
