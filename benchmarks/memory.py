"""Peak memory (RSS) of the real `newsgraph analyze` CLI for 1,000, 10,000 and 100,000 articles.

The articles are synthetic variants of real ones, written to a temporary folder at run time
(nothing is kept): sentences of the PolNeAR train texts (../shared/data/polnear/train/text),
split at sentence ends, are recombined at random (fixed seed) into short articles of
``--sentences`` sentences (default 4: about 90 words, 600 characters; more while an article has
fewer than ``MIN_WORDS`` words, which analyze would reject as too short), each with its own title,
outlet (one of 40 invented names) and publication date (spread over a year), and every number in
the text replaced by a random one, so that no two articles are the same. Each article is checked
as analyze will see it, and drawn again when it would not be stored as an article of its own: when
newsgraph's cleaner finds no article in it (two sentences it takes for page furniture) or when it
is a copy of one drawn before (two articles sharing a long sentence pass the copy threshold of
word-shingle overlap; checked with newsgraph's own signatures in a ``MinHashLSH``). Random
sentences tell no common story, so nearly every article is a story of its own: the story
rebuild's worst case for the number of stories. They are written as JSON Lines files of 1,000
articles each (each under analyze's 10 MB file limit).

For each size, in a fresh temporary SQLite store:
1. `newsgraph analyze FOLDER --db DB --workers W` in a child process. Its peak RSS is the
   kernel's high-water mark for that process (``os.wait4``; with --workers 1 there is no other
   process, so it is the peak of the one process doing everything). With --workers > 1, psutil
   samples every process of the tree (every 0.2 s) to give the main process's peak, its peak while
   the pipeline processes run (the writer streaming articles to the store, before the story
   rebuild) and the largest worker's peak separately.
2. `newsgraph rebuild --db DB` on the store just filled: the peak of the story rebuild alone
   (clustering and reconciling every stored article), to show where the memory goes; not with
   --skip-rebuild.

    .venv/bin/python benchmarks/memory.py [--sizes 1000,10000,100000] [--workers 1] [--sentences 4] [--skip-rebuild] [--json]

PASS when every size's peak (the whole analyze, one process) is <= 1.5 GB and every article was
stored as an article of its own. With ``--sentences 1`` most draws would be copies: use 2 or more.
Each title carries its article's number: two articles of one outlet under the same title would be
versions of one article.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import re
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from _common import BIN, cli_env, require_data, table
from datasketch import MinHashLSH

from newsgraph.clean import clean
from newsgraph.clean.near_duplicates import NUM_PERM, signature
from newsgraph.errors import InputRejected
from newsgraph.ingest.raw import RawDocument
from newsgraph.settings import Settings

LIMIT_MB = 1536
PER_FILE = 1000
MIN_WORDS = Settings.min_words + 10  # analyze rejects shorter texts; a margin for what cleaning drops
MAX_DRAWS = 50  # draws per article before giving up on one that analyze would store as its own
PROGRESS_SECONDS = 60
SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])")
NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
OUTLET_PARTS = (["Northgate", "Copper Valley", "Harbor Street", "Pinecrest", "Lakeshore", "Granite",
                 "Riverside", "Summit"], ["Tribune", "Times", "Daily", "Wire", "Post"])


def sentences(folder: Path) -> list[str]:
    """The sentences of the texts in ``folder`` that read as sentences (8 to 60 words)."""
    out = []
    for path in sorted(folder.glob("*.txt")):
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
            out += [s.strip() for s in SENTENCE.split(line) if 8 <= len(s.split()) <= 60]
    return out


def write_corpus(pool: list[str], n: int, per_article: int, folder: Path, seed: int = 7) -> int:
    """``n`` synthetic articles as JSONL files of PER_FILE in ``folder``; returns the characters of text."""
    rng = random.Random(seed)
    settings = Settings()
    seen = MinHashLSH(threshold=settings.copy_threshold, num_perm=NUM_PERM)  # the articles drawn so far
    outlets = [f"{a} {b}" for a in OUTLET_PARTS[0] for b in OUTLET_PARTS[1]]
    folder.mkdir(parents=True, exist_ok=True)
    chars = 0
    for start in range(0, n, PER_FILE):
        with open(folder / f"synthetic-{start // PER_FILE:04d}.jsonl", "w", encoding="utf-8") as fh:
            for i in range(start, min(n, start + PER_FILE)):
                body = _draw(pool, per_article, rng, seen, f"syn-{i}", settings.min_words)
                text = "\n\n".join(body)
                chars += len(text)
                # the number in the title: one outlet's two articles of the same title would be versions of one
                title = f"{' '.join(body[0].split()[:10])} ({i})"
                record = {"id": f"syn-{i}", "title": title, "outlet": rng.choice(outlets),
                          "published_at": f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}T09:00:00Z",
                          "text": text}
                fh.write(json.dumps(record, ensure_ascii=False) + "\n")
    return chars


def _draw(pool: list[str], per_article: int, rng: random.Random, seen: MinHashLSH, key: str,
          min_words: int) -> list[str]:
    """The sentences of one article that analyze will store as its own: long enough, an article to
    the cleaner, and no copy of an article drawn before (then remembered in ``seen``)."""
    for _ in range(MAX_DRAWS):
        picked = rng.sample(pool, per_article)
        while sum(len(s.split()) for s in picked) < MIN_WORDS:  # else analyze rejects it as too short
            picked.append(rng.choice(pool))
        body = [NUMBER.sub(lambda m: str(rng.randint(2, 9999)), s) for s in picked]
        try:
            article = clean(RawDocument(source=key, kind="text", content="\n\n".join(body)), min_words)
        except InputRejected:
            continue
        sig = signature(article.text)
        if not seen.query(sig):
            seen.insert(key, sig)
            return body
    raise RuntimeError(f"no article of {per_article} sentences that analyze would store after {MAX_DRAWS} draws")


def measure(args: list[str], sample: bool, progress: Path | None = None) -> dict:
    """Run `newsgraph ARGS` as a child; its wall time, its peak RSS (kernel high-water mark, MB)
    and, when ``sample``, the sampled peaks of the main process and of its largest child (MB).
    ``progress``: the store the child fills; every PROGRESS_SECONDS, the articles stored so far and
    the sampled peaks go to stderr (a long run shows its curve before it ends)."""
    import psutil

    env = cli_env()
    logs = tempfile.TemporaryFile(), tempfile.TemporaryFile()  # files, not pipes: nothing can block the child
    start = time.perf_counter()
    child = subprocess.Popen([str(BIN), *args], env=env, stdout=logs[0], stderr=logs[1])
    peaks = {"main": 0, "child": 0, "streaming": 0}
    done = threading.Event()

    def poll() -> None:
        proc = psutil.Process(child.pid)
        shown = time.perf_counter()
        while not done.is_set():
            if progress is not None and time.perf_counter() - shown >= PROGRESS_SECONDS:
                shown = time.perf_counter()
                print(f"  {shown - start:7.0f} s: {stored(progress)} articles stored; peak MB so far: main process "
                      f"{peaks['main'] / 2**20:.0f}, largest worker {peaks['child'] / 2**20:.0f}", file=sys.stderr, flush=True)
            try:
                rss = proc.memory_info().rss
                peaks["main"] = max(peaks["main"], rss)
                workers = [c for c in proc.children(recursive=True) if "spawn_main" in " ".join(c.cmdline())]
                if workers:  # the pipeline processes run: the writer streams (the stories come after)
                    peaks["streaming"] = max(peaks["streaming"], rss)
                for c in workers:
                    peaks["child"] = max(peaks["child"], c.memory_info().rss)
            except psutil.Error:
                pass
            done.wait(0.2)

    sampler = threading.Thread(target=poll, daemon=True)
    if sample or progress is not None:
        sampler.start()
    _, status, usage = os.wait4(child.pid, 0)  # the kernel's rusage of this child: its peak RSS
    child.returncode = os.waitstatus_to_exitcode(status)
    done.set()
    seconds = time.perf_counter() - start
    out, err = (f.seek(0) or f.read() for f in logs)
    if child.returncode not in (0, 2):
        raise SystemExit(f"`newsgraph {' '.join(args)}` failed ({child.returncode}): {err.decode()[-2000:]}")
    result = {"seconds": round(seconds, 1), "peak_mb": round(usage.ru_maxrss / 1024), "output": out.decode().strip()}
    if sample:
        result.update(main_sampled_mb=round(peaks["main"] / 2**20), largest_child_sampled_mb=round(peaks["child"] / 2**20),
                      main_while_workers_mb=round(peaks["streaming"] / 2**20))
    return result


def stored(db: Path) -> int | str:
    """The articles in the store a running analyze fills (SQLite in WAL mode: readers do not block it)."""
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as conn:
            return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    except sqlite3.Error:
        return "?"


def outcomes(db: Path) -> dict:
    """What became of the articles not stored as their own: rejections by reason code, and copies."""
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as conn:
            rejected = dict(conn.execute("SELECT code, count(*) FROM rejections GROUP BY code ORDER BY code"))
            copies = conn.execute("SELECT count(*) FROM article_copies").fetchone()[0]
    except sqlite3.Error as exc:
        return {"error": str(exc)}
    return {"rejected": rejected, "copies": copies}


def run(sizes: list[int], workers: int = 1, per_article: int = 4, with_rebuild: bool = True) -> dict:
    pool = sentences(require_data("polnear", "train", "text"))
    rows = []
    load = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="newsgraph-memory-") as tmp:
        for n in sizes:
            folder = Path(tmp) / f"corpus-{n}"
            chars = write_corpus(pool, n, per_article, folder)
            db = Path(tmp) / f"memory-{n}.db"
            analyze = measure(["analyze", str(folder), "--db", str(db), "--workers", str(workers)], sample=workers > 1,
                              progress=db)
            rebuild = measure(["rebuild", "--db", str(db)], sample=False) if with_rebuild else \
                {"peak_mb": "-", "seconds": "-"}
            row = {"articles": n, "stored": stored(db), "not_stored": outcomes(db), "mean_chars": round(chars / n),
                   "workers": workers, "analyze": analyze, "rebuild_only": rebuild,
                   "db_mb": round(db.stat().st_size / 2**20)}
            rows.append(row)
            print(f"{n} articles: analyze {analyze['seconds']} s, peak {analyze['peak_mb']} MB; "
                  f"rebuild alone peak {rebuild['peak_mb']} MB", file=sys.stderr)
            db.unlink()
            for f in folder.iterdir():
                f.unlink()
    slope = None
    if len(rows) >= 2:
        a, b = rows[0], rows[-1]
        slope = round((b["analyze"]["peak_mb"] - a["analyze"]["peak_mb"]) / (b["articles"] - a["articles"]) * 1000, 2)
    peak = max(r["analyze"]["peak_mb"] for r in rows)
    return {"benchmark": "memory", "sentence_pool": len(pool), "sentences_per_article": per_article,
            "load_average_before": round(load, 2), "cpus": os.cpu_count(), "rows": rows,
            "mb_per_1000_articles": slope, "limit_mb": LIMIT_MB,
            "pass": workers == 1 and peak <= LIMIT_MB and max(sizes) >= 100_000
            and all(r["stored"] == r["articles"] for r in rows)}


def report(r: dict) -> str:
    rows = [[x["articles"], x["stored"], x["mean_chars"], x["workers"], x["analyze"]["seconds"], x["analyze"]["peak_mb"],
             x["analyze"].get("main_sampled_mb", "-"), x["analyze"].get("main_while_workers_mb", "-"),
             x["analyze"].get("largest_child_sampled_mb", "-"),
             x["rebuild_only"]["peak_mb"], x["rebuild_only"]["seconds"], x["db_mb"]] for x in r["rows"]]
    lines = [f"synthetic articles of {r['sentences_per_article']} sentences from a pool of {r['sentence_pool']:,} "
             f"PolNeAR sentences; load average before {r['load_average_before']} on {r['cpus']} CPUs", "",
             table(["articles", "stored as articles", "chars/article", "workers", "analyze s", "analyze peak MB",
                    "main sampled MB", "main while streaming MB", "worker sampled MB", "rebuild-only peak MB",
                    "rebuild s", "store MB"], rows), ""]
    if r["mb_per_1000_articles"] is not None:
        lines.append(f"slope of the analyze peak: {r['mb_per_1000_articles']} MB per 1,000 articles")
    top = max(x["analyze"]["peak_mb"] for x in r["rows"])
    short = [x for x in r["rows"] if x["stored"] != x["articles"]]
    if r["pass"]:
        verdict = "PASS"
    elif top > r["limit_mb"]:
        verdict = "FAIL"
    elif short:
        rest = short[0].get("not_stored", {})
        verdict = (f"NOT SHOWN ({short[0]['stored']} of {short[0]['articles']} stored as articles; rejected "
                   f"{rest.get('rejected', '?')}, copies {rest.get('copies', '?')})")
    else:
        verdict = "NOT SHOWN (100,000 not run with --workers 1)"
    lines.append(f"largest analyze peak {top} MB (limit {r['limit_mb']} MB at 100,000 articles, one process): {verdict}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="1000,10000,100000", help="article counts, comma-separated")
    ap.add_argument("--workers", type=int, default=1, help="analyze --workers (1: everything in one process)")
    ap.add_argument("--sentences", type=int, default=4, help="sentences per synthetic article")
    ap.add_argument("--skip-rebuild", action="store_true",
                    help="do not time a separate `newsgraph rebuild` (at 100,000 articles it takes about 20 minutes)")
    ap.add_argument("--json", action="store_true", help="print the results as JSON")
    args = ap.parse_args(argv)
    result = run([int(s) for s in args.sizes.split(",")], args.workers, args.sentences, not args.skip_rebuild)
    print(json.dumps(result, indent=2) if args.json else report(result))
    return 0 if result["pass"] else 1


if __name__ == "__main__":
    sys.exit(main())
