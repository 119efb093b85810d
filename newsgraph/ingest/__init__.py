"""Readers: files and folders in, raw documents (or rejections) out. One module per format."""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from newsgraph import errors
from newsgraph.ingest.feed import read_feed
from newsgraph.ingest.html import read_html
from newsgraph.ingest.jsonl import read_jsonl
from newsgraph.ingest.raw import RawDocument
from newsgraph.ingest.text import read_text
from newsgraph.ingest.warc import read_warc
from newsgraph.model import Rejection

Reader = Callable[[Path, str, int], Iterator["RawDocument | Rejection"]]

# A new format is a new module plus one line here.
READERS: dict[str, Reader] = {
    ".txt": read_text,
    ".text": read_text,
    ".html": read_html,
    ".htm": read_html,
    ".jsonl": read_jsonl,
    ".rss": read_feed,
    ".atom": read_feed,
    ".xml": read_feed,
    ".warc": read_warc,
}


def format_of(path: Path) -> str:
    """'.txt', '.html', ...: the suffix that names the format, under an optional '.gz'."""
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    return suffixes[-1] if suffixes else ""


def iter_files(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Files named, and files in folders named (recursively, sorted, hidden ones skipped)."""
    for p in map(Path, paths):
        if p.is_dir():
            for child in sorted(p.rglob("*")):
                rel = child.relative_to(p).parts
                if child.is_file() and not any(part.startswith(".") for part in rel):
                    yield child
        else:
            yield p


def read_paths(paths: Iterable[str | Path | RawDocument | Rejection], max_bytes: int) -> Iterator[RawDocument | Rejection]:
    """Every document in the given files and folders; a file that fails becomes a Rejection.
    Documents already read (pages and feed items from newsgraph.flow) and their rejections pass
    through as they are, so that live sources take the same path as files."""
    for given in paths:
        if isinstance(given, (RawDocument, Rejection)):
            yield given
        else:
            yield from _read_files(iter_files([given]), max_bytes)


def _read_files(files: Iterable[Path], max_bytes: int) -> Iterator[RawDocument | Rejection]:
    for path in files:
        source = path.name
        if not path.exists():
            yield Rejection(source=str(path), code="missing", reason="no such file or folder")
            continue
        reader = READERS.get(format_of(path))
        try:
            if reader is None:
                raise errors.unsupported(format_of(path) or path.name)
            yield from reader(path, source, max_bytes)
        except errors.InputRejected as exc:
            yield Rejection.of(source, exc)
