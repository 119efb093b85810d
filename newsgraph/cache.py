"""Tables derived from installed data that are slow to work out, kept in the user's cache folder.

A table is stored as JSON under a key made of everything it is derived from (package versions, the
bytes of the code and word lists that compute it): when any of them changes, the key changes and the
table is worked out again. The cache is only a shortcut: a folder that cannot be written, or a file
that cannot be read, costs the time of working the table out, nothing else.
"""
from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

CACHE_ENV = "NEWSGRAPH_CACHE_DIR"

log = logging.getLogger(__name__)


def user_cache_dir() -> Path:
    """$NEWSGRAPH_CACHE_DIR, else the user cache folder ($XDG_CACHE_HOME or ~/.cache)/newsgraph."""
    if os.environ.get(CACHE_ENV):
        return Path(os.environ[CACHE_ENV])
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "newsgraph"


def cache_key(parts: Iterable[str | bytes]) -> str:
    digest = hashlib.sha256()
    for part in parts:
        data = part.encode() if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "big") + data)
    return digest.hexdigest()[:20]


def cached_json(name: str, derived_from: Iterable[str | bytes], build: Callable[[], Any]) -> Any:
    """``build()`` (a JSON value), read from the cache when a run before made it from the same inputs."""
    try:
        path = user_cache_dir() / f"{name}-{cache_key(derived_from)}.json"
    except RuntimeError as exc:  # no home folder to be found (no $HOME, a user without a passwd entry)
        log.info("no user cache folder (%s); set %s to keep derived tables", exc, CACHE_ENV)
        return build()
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        pass
    except (OSError, ValueError) as exc:  # unreadable or half written by a crash: work it out again
        log.info("cache file %s unusable (%s); computing it again", path, exc)
    value = build()
    temporary = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{name}-", suffix=".tmp")
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump(value, out, ensure_ascii=False, separators=(",", ":"))
        os.replace(temporary, path)  # whole or not at all, however many processes write it at once
    except OSError as exc:
        log.info("cannot write the cache file %s (%s); it will be computed again next time", path, exc)
        if temporary:
            Path(temporary).unlink(missing_ok=True)
    return value
