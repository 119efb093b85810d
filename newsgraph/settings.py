"""One settings object: defaults, overridden by environment variables, overridden by CLI flags."""
from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path

GAZETTEER_ENV = "NEWSGRAPH_GAZETTEER"


@dataclass(frozen=True)
class Settings:
    db: str = "newsgraph.db"  # a file path (SQLite) or a SQLAlchemy URL (postgresql://...)
    max_bytes: int = 10_000_000  # inputs larger than this are rejected, not read
    min_words: int = 25  # cleaned texts shorter than this are not articles
    batch_size: int = 32  # documents per spaCy batch
    spacy_model: str | None = None  # None: try the official name, then the packaged copy
    story_threshold: float = 0.35  # agglomerative only: similarity above which two articles share a story
    story_method: str = "incremental"  # MiniLM embeddings, clustering/incremental.py; or "agglomerative"
    story_window_days: int = 10  # articles further apart than this never share a story
    progress: bool | None = None  # None: show a progress bar on an interactive terminal only
    # the companies file `newsgraph gazetteer update` writes, added to the built-in gazetteer when it
    # exists; None: the built-in gazetteer only (from_env gives $NEWSGRAPH_GAZETTEER or the user data folder)
    gazetteer_path: str | None = None
    # live sources (`fetch`, `watch`): seconds to wait for a whole answer, seconds between two
    # requests to one host (robots.txt may ask for more), redirects followed per request
    fetch_timeout: float = 20.0
    fetch_delay: float = 1.0
    fetch_redirects: int = 5
    copy_threshold: float = 0.7  # estimated word-shingle Jaccard at which a text is a copy (flow/copies.py)
    # processes running the language pipeline on this machine (newsgraph.batch); None: this process
    # (`newsgraph analyze` makes it one per core); with ray_address, the Ray actors (None: one per CPU)
    workers: int | None = None
    # run the pipeline on Ray: "local" starts a small Ray here, "ray://HEAD:10001" joins a cluster
    ray_address: str | None = None

    @classmethod
    def from_env(cls, **overrides: object) -> "Settings":
        env = {
            "db": os.environ.get("NEWSGRAPH_DB"),
            "max_bytes": os.environ.get("NEWSGRAPH_MAX_BYTES"),
            "spacy_model": os.environ.get("NEWSGRAPH_SPACY_MODEL"),
            "story_method": os.environ.get("NEWSGRAPH_STORY_METHOD"),
            "gazetteer_path": str(user_gazetteer_path()),
            "ray_address": os.environ.get("NEWSGRAPH_RAY_ADDRESS"),
        }
        base = cls()
        values = {k: type(getattr(base, k))(v) if getattr(base, k) is not None else v
                  for k, v in env.items() if v}
        if os.environ.get("NEWSGRAPH_WORKERS"):
            values["workers"] = int(os.environ["NEWSGRAPH_WORKERS"])
        values.update({k: v for k, v in overrides.items() if v is not None})
        return replace(base, **values)


def user_gazetteer_path() -> Path:
    """Where `newsgraph gazetteer update` writes and analyses read: $NEWSGRAPH_GAZETTEER, else the
    user data folder ($XDG_DATA_HOME or ~/.local/share)/newsgraph/sec_companies.json."""
    if os.environ.get(GAZETTEER_ENV):
        return Path(os.environ[GAZETTEER_ENV])
    base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "newsgraph" / "sec_companies.json"
