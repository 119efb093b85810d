"""What every benchmark script shares: where the data is, how to skip without it, table printing."""
from __future__ import annotations

import os
import platform
import sys
from collections.abc import Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
# The shared data sits next to the repo (../shared/data); NEWSGRAPH_SHARED_DATA points elsewhere.
DATA = Path(os.environ.get("NEWSGRAPH_SHARED_DATA", REPO.parent / "shared" / "data"))


def f1(p: float, r: float) -> float:
    """The harmonic mean of precision and recall (0 when both are 0)."""
    return 2 * p * r / (p + r) if p + r else 0.0


def require_data(*parts: str) -> Path:
    """The path under the shared data folder, or exit 0 with a 'skipped' message when it is absent."""
    path = DATA.joinpath(*parts)
    if not path.exists():
        if "NEWSGRAPH_SHARED_DATA" in os.environ:
            print(f"skipped: {path} not found (NEWSGRAPH_SHARED_DATA points at {DATA})")
        else:
            print(f"skipped: ../shared/data/{'/'.join(parts)} not found (the shared data is not next to this repo)")
        sys.exit(0)
    return path


def machine() -> dict[str, str | int]:
    import spacy

    return {
        "nproc": os.cpu_count() or 0,
        "python": platform.python_version(),
        "spacy": spacy.__version__,
        "platform": platform.platform(terse=True),
        "load": round(os.getloadavg()[0], 2),  # other work on the machine slows the timings
    }


def table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """A markdown table (also readable as plain text); floats get 3 decimals."""
    def cell(v: object) -> str:
        if isinstance(v, float):
            return f"{v:.3f}" if abs(v) < 10 else f"{v:.1f}"
        return "–" if v is None else str(v)

    cells = [[cell(v) for v in row] for row in rows]
    widths = [max(len(h), *(len(r[i]) for r in cells)) if cells else len(h) for i, h in enumerate(headers)]
    def line(values: Sequence[str]) -> str:
        return "| " + " | ".join(v.ljust(w) for v, w in zip(values, widths)) + " |"
    sep = "|" + "|".join("-" * (w + 2) for w in widths) + "|"
    return "\n".join([line(list(headers)), sep, *(line(r) for r in cells)])
