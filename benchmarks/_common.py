"""What every benchmark script shares: where the data is, how to skip without it, table printing."""
from __future__ import annotations

import json
import os
import platform
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
# The shared data sits next to the repo (../shared/data); NEWSGRAPH_SHARED_DATA points elsewhere.
DATA = Path(os.environ.get("NEWSGRAPH_SHARED_DATA", REPO.parent / "shared" / "data"))
SHARED = DATA.parent
BIN = REPO / ".venv" / "bin" / "newsgraph"


def cli_env(**extra: str) -> dict[str, str]:
    """The environment for a `newsgraph` child process: this checkout's code (PYTHONPATH), models
    offline, a fixed hash seed; ``extra`` adds or replaces variables."""
    return {**os.environ, "HF_HUB_OFFLINE": "1", "PYTHONHASHSEED": "0",
            "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")])), **extra}


def export_of(folder: Path, work: Path, name: str = "corpus") -> dict:
    """A folder through the real CLI path: `newsgraph analyze` into a fresh SQLite file in ``work``,
    then `newsgraph export --format json`; the export without ``generated_at``. This checkout's
    code runs (PYTHONPATH), with a fixed hash seed unless one is given."""
    db, out = work / f"{name}.db", work / f"{name}.json"
    env = cli_env(PYTHONHASHSEED=os.environ.get("PYTHONHASHSEED", "0"))
    for args in (["analyze", str(folder), "--db", str(db)],
                 ["export", "--db", str(db), "--format", "json", "--output", str(out)]):
        run = subprocess.run([str(BIN), *args], env=env, capture_output=True, text=True)
        if run.returncode not in (0, 2) or (args[0] == "export" and run.returncode):
            raise SystemExit(f"{name}: `newsgraph {args[0]}` failed ({run.returncode}): {run.stderr[-2000:]}")
    data = json.loads(out.read_text(encoding="utf-8"))
    data.pop("generated_at", None)
    return data


def shared_tool(name: str):
    """A scorer from ../shared/tools/, imported by path."""
    import importlib.util

    path = SHARED / "tools" / f"{name}.py"
    sys.path.insert(0, str(path.parent))
    spec = importlib.util.spec_from_file_location(f"shared_{name}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


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


def rounds_main(doc: str, run, report, default_n: int, argv: Sequence[str] | None = None) -> int:
    """The command line of a benchmark over the first N PolNeAR texts with alternating rounds:
    ``--n``, ``--rounds``, ``--json``; prints ``report(run(n, rounds))`` or the JSON."""
    import argparse

    ap = argparse.ArgumentParser(description=doc.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=default_n, help=f"number of PolNeAR texts (default {default_n})")
    ap.add_argument("--rounds", type=int, default=2, help="rounds of each measurement; the fastest is kept")
    ap.add_argument("--json", action="store_true", help="print the results as JSON")
    args = ap.parse_args(argv)
    result = run(args.n, args.rounds)
    print(json.dumps(result, indent=2) if args.json else report(result))
    return 0
