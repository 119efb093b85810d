"""A bounded loopback load test: web reads at concurrency 16 while `analyze` and uploads write.

For each store (SQLite, and PostgreSQL on a private server from tests/pg_server.py):
1. the demo corpus (examples/demo) is analysed into a fresh store with `newsgraph analyze`;
2. `newsgraph serve` (uvicorn) is started on a free port of 127.0.0.1 over that store;
3. at once: 16 readers (httpx, asyncio) request pages and API routes in turn, while one
   `newsgraph analyze` process adds the first N ECB+ documents (../shared/data/ecbplus) and the
   API takes K uploads (POST /api/articles, JSON, the next K ECB+ documents) one after the other;
4. the readers stop when both writers are done (or after --max-seconds).
Reported per store: read requests, requests per second, p50 and p99 latency, and the count of
non-2xx answers among the reads and the uploads. PASS when that count is 0 on every store and both
writers finished (`analyze` exits 0, or 2 when it rejected some inputs).

    .venv/bin/python benchmarks/load_test.py [--analyze 40] [--uploads 5] [--concurrency 16]
        [--stores sqlite,postgresql] [--max-seconds 900] [--json]
"""
from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _common import BIN, REPO, cli_env, machine, require_data, table

sys.path.insert(0, str(REPO / "tests"))
from pg_server import PostgresServer, free_port  # noqa: E402 - the one server starter, shared with the tests

READS = ["/", "/api/stories", "/api/entities", "/entities", "/api/search?q=police", "/search?q=earthquake",
         "/?q=fire", "/api/rejections", "/api/stories?limit=5&offset=5"]


def newsgraph(*args: str, wait: bool = True) -> subprocess.Popen | subprocess.CompletedProcess:
    command = [str(BIN), *args]
    if not wait:
        return subprocess.Popen(command, env=cli_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    run = subprocess.run(command, env=cli_env(), capture_output=True, text=True)
    if run.returncode not in (0, 2):
        raise SystemExit(f"`newsgraph {args[0]}` failed ({run.returncode}): {run.stderr[-2000:]}")
    return run


async def wait_for(base: str, server: subprocess.Popen, seconds: float = 120) -> None:
    import httpx

    deadline = time.monotonic() + seconds
    async with httpx.AsyncClient(base_url=base, timeout=5) as client:
        while time.monotonic() < deadline:
            if server.poll() is not None:
                raise SystemExit(f"`newsgraph serve` exited: {server.stderr.read()[-2000:]}")
            try:
                if (await client.get("/api/stories")).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            await asyncio.sleep(0.2)
    raise SystemExit("`newsgraph serve` did not answer in time")


async def load(base: str, db: str, corpus: Path, uploads: list[dict], concurrency: int, max_seconds: float) -> dict:
    """Readers at ``concurrency`` while an analyze process and the uploads write; the figures."""
    import httpx

    latencies: list[float] = []
    read_status: dict[int, int] = {}
    upload_status: dict[int, int] = {}
    stop = asyncio.Event()

    async def reader(k: int, client: httpx.AsyncClient) -> None:
        i = k
        while not stop.is_set():
            path = READS[i % len(READS)]
            start = time.perf_counter()
            status = (await client.get(path)).status_code
            latencies.append(time.perf_counter() - start)
            read_status[status] = read_status.get(status, 0) + 1
            i += 1

    async def upload(client: httpx.AsyncClient) -> None:
        for doc in uploads:
            status = (await client.post("/api/articles", json=doc)).status_code
            upload_status[status] = upload_status.get(status, 0) + 1

    limits = httpx.Limits(max_connections=concurrency + 2)
    async with httpx.AsyncClient(base_url=base, timeout=300, limits=limits) as client:
        started = time.perf_counter()
        writer = newsgraph("analyze", str(corpus), "--db", db, wait=False)
        readers = [asyncio.create_task(reader(k, client)) for k in range(concurrency)]
        uploading = asyncio.create_task(upload(client))
        while (writer.poll() is None or not uploading.done()) and time.perf_counter() - started < max_seconds:
            await asyncio.sleep(0.2)
        stop.set()
        await asyncio.gather(*readers)
        seconds = time.perf_counter() - started
        if not uploading.done():
            uploading.cancel()
        if writer.poll() is None:
            writer.kill()
        _, err = writer.communicate()
    latencies.sort()
    reads = len(latencies)
    return {"reads": reads, "seconds": round(seconds, 1), "rps": round(reads / seconds, 1),
            "p50_ms": round(statistics.median(latencies) * 1000, 1),
            "p99_ms": round(latencies[min(reads - 1, int(reads * 0.99))] * 1000, 1),
            "read_status": read_status, "upload_status": upload_status,
            "non_2xx": sum(n for s, n in [*read_status.items(), *upload_status.items()] if not 200 <= s < 300),
            "analyze_exit": writer.returncode, "analyze_stderr": err.strip()[-500:]}


def run_store(name: str, db: str, corpus: Path, uploads: list[dict], args: argparse.Namespace) -> dict:
    newsgraph("analyze", str(REPO / "examples" / "demo"), "--db", db)
    port = free_port()
    server = newsgraph("serve", "--db", db, "--port", str(port), wait=False)
    base = f"http://127.0.0.1:{port}"
    try:
        asyncio.run(wait_for(base, server))
        return asyncio.run(load(base, db, corpus, uploads, args.concurrency, args.max_seconds))
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--analyze", type=int, default=40, help="ECB+ documents the analyze process adds")
    parser.add_argument("--uploads", type=int, default=5, help="ECB+ documents uploaded through the API")
    parser.add_argument("--concurrency", type=int, default=16, help="readers at once")
    parser.add_argument("--stores", default="sqlite,postgresql", help="which stores, comma-separated")
    parser.add_argument("--max-seconds", type=float, default=900, help="stop the readers after this long")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON too")
    args = parser.parse_args()
    source = require_data("ecbplus", "ecbplus_documents.jsonl")
    docs = sorted((json.loads(line) for line in source.read_text(encoding="utf-8").splitlines() if line.strip()),
                  key=lambda d: d["doc_id"])
    docs = docs[::max(1, len(docs) // (args.analyze + args.uploads))]  # topics spread over the set
    written, uploads = docs[:args.analyze], [{"text": d["text_tokenized"]} for d in
                                             docs[args.analyze:args.analyze + args.uploads]]
    results: dict[str, dict] = {}
    with tempfile.TemporaryDirectory(prefix="ng-load-") as tmp:
        corpus = Path(tmp) / "ecbplus.jsonl"
        corpus.write_text("".join(json.dumps({"text": d["text_tokenized"]}) + "\n" for d in written), encoding="utf-8")
        for name in args.stores.split(","):
            if name == "sqlite":
                results[name] = run_store(name, str(Path(tmp) / "load.db"), corpus, uploads, args)
            else:
                with PostgresServer.started() as server:
                    results[name] = run_store(name, server.new_database("load"), corpus, uploads, args)
    print(f"{args.concurrency} readers; analyze adds {len(written)} ECB+ documents, {len(uploads)} uploads; "
          f"machine {machine()}")
    print(table(["store", "reads", "seconds", "requests/s", "p50 (ms)", "p99 (ms)", "non-2xx", "analyze exit"],
                [[n, r["reads"], r["seconds"], r["rps"], r["p50_ms"], r["p99_ms"], r["non_2xx"], r["analyze_exit"]]
                 for n, r in results.items()]))
    for n, r in results.items():
        print(f"{n}: reads {r['read_status']}, uploads {r['upload_status']}")
    if args.json:
        print(json.dumps(results))
    # analyze exits 2 when some inputs were rejected (a few ECB+ documents are too short): it finished
    ok = all(r["non_2xx"] == 0 and r["analyze_exit"] in (0, 2) and sum(r["upload_status"].values()) == len(uploads)
             for r in results.values())
    print("PASS: 0 non-2xx, both writers done" if ok else "FAIL: see the counts above")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
