"""PostgreSQL against SQLite: the same articles through the real CLI into each store.

The first N ECB+ documents (../shared/data/ecbplus, sorted by doc_id, as one JSONL file) go through
`newsgraph analyze` into a fresh SQLite file and into a fresh database on a private PostgreSQL
server (tests/pg_server.py: Debian's binaries, a throwaway data folder on 127.0.0.1, fsync off, as
the tests use it), then `newsgraph export --format json`. Reported: the wall time of each command
on each store (each a fresh process: the spaCy load is inside `analyze`), and whether the two
exports are equal apart from the times of the run (`exports.document.without_run_times`: `generated_at`, the
alerts' `created_at`, copies' and versions' `seen_at`). PASS when they are. The two stores run one after the
other, SQLite first, in the same run; with --rounds R they alternate R times, each round into
fresh stores, and the fastest round of each is reported (all rounds are in the JSON).

    .venv/bin/python benchmarks/postgres_sqlite.py [--n 200] [--rounds 1] [--json]
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _common import BIN, REPO, cli_env, machine, require_data, table

sys.path.insert(0, str(REPO / "tests"))
from pg_server import PostgresServer  # noqa: E402 - the one server starter, shared with the tests
from newsgraph.exports.document import without_run_times  # noqa: E402


def newsgraph(*args: str) -> float:
    """Run one CLI command (this checkout's code); its wall time in seconds."""
    env = cli_env()
    start = time.perf_counter()
    run = subprocess.run([str(BIN), *args], env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if run.returncode not in (0, 2):
        raise SystemExit(f"`newsgraph {' '.join(args[:1])}` failed ({run.returncode}): {run.stderr[-2000:]}")
    return seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=200, help="how many ECB+ documents (default 200; the issue asks 500)")
    parser.add_argument("--rounds", type=int, default=1, help="rounds, the stores alternating (fastest kept)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON too")
    args = parser.parse_args()
    source = require_data("ecbplus", "ecbplus_documents.jsonl")
    docs = sorted((json.loads(line) for line in source.read_text(encoding="utf-8").splitlines() if line.strip()),
                  key=lambda d: d["doc_id"])[:args.n]
    with tempfile.TemporaryDirectory(prefix="ng-pg-bench-") as tmp, PostgresServer.started() as server:
        work = Path(tmp)
        corpus = work / "ecbplus.jsonl"
        corpus.write_text("".join(json.dumps({"text": d["text_tokenized"], "url": f"ecbplus:{d['doc_id']}"}) + "\n"
                                  for d in docs), encoding="utf-8")
        exports, figures, times = {}, {}, {"sqlite": [], "postgresql": []}
        for round_ in range(args.rounds):  # the stores alternate, each round into fresh ones
            stores = {"sqlite": str(work / f"bench-{round_}.db"), "postgresql": server.new_database("bench")}
            for name, db in stores.items():
                out = work / f"{name}.json"
                analyze = newsgraph("analyze", str(corpus), "--db", db)
                export = newsgraph("export", "--db", db, "--format", "json", "--output", str(out))
                exports[name] = without_run_times(json.loads(out.read_text(encoding="utf-8")))
                times[name].append((round(analyze, 2), round(export, 2)))
        rows = []
        for name, data in exports.items():  # the fastest round of each: the least disturbed by other work
            analyze, export = min(a for a, _ in times[name]), min(e for _, e in times[name])
            figures[name] = {"analyze_s": analyze, "export_s": export, "rounds": times[name],
                             "articles": len(data["articles"]), "stories": len(data["stories"])}
            rows.append([name, len(data["articles"]), len(data["stories"]), analyze, export])
    equal = exports["sqlite"] == exports["postgresql"]
    differing = sorted(k for k in exports["sqlite"] if exports["sqlite"][k] != exports["postgresql"].get(k))
    ratio = figures["postgresql"]["analyze_s"] / figures["sqlite"]["analyze_s"]
    print(f"ECB+: first {len(docs)} documents; machine {machine()}")
    print(table(["store", "articles", "stories", "analyze (s)", "export (s)"], rows))
    print(f"analyze time PostgreSQL / SQLite: {ratio:.2f}")
    print(f"exports equal apart from generated_at: {equal}" + ("" if equal else f" (differ in: {differing})"))
    if args.json:
        print(json.dumps({"n": len(docs), "stores": figures, "exports_equal": equal, "differing": differing}))
    print("PASS" if equal else "FAIL: the two stores give different exports")
    return 0 if equal else 1


if __name__ == "__main__":
    sys.exit(main())
