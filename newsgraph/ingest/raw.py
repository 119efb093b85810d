"""Read one input file into text safely: size limit, gzip, binary sniffing, encoding detection."""
from __future__ import annotations

import gzip
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from charset_normalizer import from_bytes

from newsgraph import errors


WESTERN = {"cp1250", "cp1252", "latin_1", "iso8859_15", "iso8859_2", "cp775", "cp850", "cp437", "mac_roman",
           "mac_latin2", "iso8859_9", "cp1254", "iso8859_4", "iso8859_13", "cp1257", "iso8859_10"}


@dataclass(frozen=True)
class RawDocument:
    """One input document before cleaning: text or HTML, plus whatever metadata came with it."""

    source: str
    kind: str  # 'text' or 'html'
    content: str
    meta: dict = field(default_factory=dict)  # id, url, title, outlet, published_at, byline
    encoding: str = "utf-8"


def read_bytes(path: Path, max_bytes: int) -> bytes:
    """The file's bytes, gunzipped when it ends in .gz; rejects oversize input before reading it."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise errors.unreadable(exc.strerror or str(exc)) from exc
    if size > max_bytes:
        raise errors.too_large(size, max_bytes)
    try:
        if path.suffix == ".gz":
            with gzip.open(path, "rb") as fh:
                data = fh.read(max_bytes + 1)
            if len(data) > max_bytes:
                raise errors.too_large(len(data), max_bytes)
            return data
        return path.read_bytes()
    except (OSError, EOFError, zlib.error) as exc:
        raise errors.unreadable(f"broken gzip or I/O error: {exc}") from exc


def looks_binary(data: bytes) -> bool:
    head = data[:4096]
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    controls = sum(1 for b in head if b < 9 or 13 < b < 32)
    return bool(head) and controls / len(head) > 0.05


def decode(data: bytes) -> tuple[str, str]:
    """(text, encoding). UTF-8 first (with or without BOM), then the best detected encoding."""
    if not data.strip():
        raise errors.empty()
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise errors.undecodable() from exc
        if not text.strip():
            raise errors.empty()
        return text, "utf-16"
    if looks_binary(data):
        raise errors.binary()
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    best = from_bytes(data).best()
    if best is None or best.chaos > 0.3:
        raise errors.undecodable()
    if best.encoding in WESTERN:  # the detector cannot tell these apart on short texts; Windows-1252 is by far the most common
        try:
            return data.decode("cp1252"), "cp1252"
        except UnicodeDecodeError:
            pass
    return str(best), best.encoding
