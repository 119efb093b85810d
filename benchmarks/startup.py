"""Start-up: the real `newsgraph analyze` CLI on a few articles, with and without the user cache.

Every process pays for what it loads once: the imports, the spaCy model, the gazetteer, the
embedding model, and the known-places tables (some 340,000 GeoNames names normalised), which the
first run writes to the user's cache (``newsgraph/cache.py``) and later processes read. This times
a fresh `newsgraph analyze FOLDER --db NEW.db --workers 1` on the first N PolNeAR texts, in turn:

1. cache: ``NEWSGRAPH_CACHE_DIR`` is a folder that an untimed run filled first;
2. no cache: ``NEWSGRAPH_CACHE_DIR`` lies under a file, so nothing can be written there and the
   tables are worked out in the process each time (as every process did before the cache).

Each side's fastest of the alternating rounds is kept: elapsed time and the CPU time of the child
(user + system, of the reaped child). Both sides store the same articles and stories.

    .venv/bin/python benchmarks/startup.py [--n 1] [--rounds 2] [--json]
"""
from __future__ import annotations

import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _common import BIN, cli_env, require_data, rounds_main, table


def run(n: int = 1, rounds: int = 2) -> dict:
    texts = sorted(require_data("polnear", "train", "text").glob("*.txt"))[:n]
    work = Path(tempfile.mkdtemp(prefix="newsgraph-startup-"))
    try:
        folder = work / "in"
        folder.mkdir()
        for path in texts:
            shutil.copy(path, folder / path.name)
        warm = work / "cache"
        blocker = work / "not-a-folder"
        blocker.write_text("the cache folder of the 'no cache' side lies under this file\n", encoding="utf-8")
        sides = {"cache": warm, "no cache": blocker / "cache"}
        analyze_once(folder, work / "fill.db", warm)  # fills the cache, untimed
        times: dict[str, list[tuple[float, float]]] = {side: [] for side in sides}
        lines = {}
        for r in range(rounds):
            for side, cache in sides.items():
                elapsed, cpu, line = analyze_once(folder, work / f"{side.replace(' ', '-')}-{r}.db", cache)
                times[side].append((round(elapsed, 2), round(cpu, 2)))
                lines[side] = line
        best = {side: min(t) for side, t in times.items()}
        return {"benchmark": "startup", "articles": len(texts), "rounds": rounds, "times": times,
                "best": {side: {"elapsed_s": e, "cpu_s": c} for side, (e, c) in best.items()},
                "saved_elapsed_s": round(best["no cache"][0] - best["cache"][0], 2),
                "same_summary": lines["cache"].split(" in ")[0] == lines["no cache"].split(" in ")[0],
                "summary": lines["cache"]}
    finally:
        shutil.rmtree(work, ignore_errors=True)


def analyze_once(folder: Path, db: Path, cache: Path) -> tuple[float, float, str]:
    """(elapsed s, CPU s, summary line) of one `newsgraph analyze` in a fresh process; the child's
    CPU time is the growth of this process's total for its reaped children."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    env = cli_env(NEWSGRAPH_CACHE_DIR=str(cache))
    start = time.perf_counter()
    done = subprocess.run([str(BIN), "analyze", str(folder), "--db", str(db), "--workers", "1"], env=env,
                          capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0, 2):
        raise SystemExit(f"`newsgraph analyze` failed ({done.returncode}): {done.stderr[-2000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return elapsed, cpu, done.stdout.strip()


def report(r: dict) -> str:
    rows = [[side, r["articles"], b["elapsed_s"], b["cpu_s"], ", ".join(f"{e}" for e, _ in r["times"][side])]
            for side, b in r["best"].items()]
    return "\n".join([
        table(["side", "articles", "elapsed s", "CPU s", "rounds (elapsed s)"], rows),
        f"the cache saves {r['saved_elapsed_s']} s per process; same result on both sides: {r['same_summary']}",
        f"({r['summary']})"])


def main(argv: list[str] | None = None) -> int:
    return rounds_main(__doc__, run, report, 1, argv)


if __name__ == "__main__":
    sys.exit(main())
