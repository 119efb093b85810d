"""Speed of the full ``analyze`` (ingest, clean, NLP, store, stories) against spaCy alone.

Both sides run in one process on the same input: the first N PolNeAR texts (sorted by name).
newsgraph: ``newsgraph.workflow.analyze`` on the files, into a fresh temporary SQLite database.
spaCy: ``nlp.pipe`` of the same model (``load_model()``, all its components, n_process=1, the
batch size of newsgraph's Settings) over the cleaned texts that ``newsgraph.extract`` gives for
those files, so both see the same words. Models are loaded and warmed up before any timing.
The rounds alternate spaCy, newsgraph, spaCy, ...; each side's fastest round is reported (the
least disturbed by other work on the machine; all rounds are in the JSON). Each side's CPU time
(``time.process_time``: this process only, all its threads) is reported next to it: on a shared
machine it moves far less with the other work than the elapsed time does.
newsgraph's time is split, within the same run, into ingest+clean (before the pipeline is first
called), NLP (time inside the pipeline), store (the rest of the time until the pipeline's last
article: analyze stores each analysis as it comes) and stories (after the last article: clustering,
reconcile). The story embeddings are made in a second thread while the pipeline runs, so they add to
the CPU time more than to the elapsed time. PASS when newsgraph_time / spacy_time <= 1.0.

    .venv/bin/python benchmarks/speed.py [--n 500] [--rounds 2] [--components] [--json]
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

from _common import require_data, table

MAX_RATIO = 1.0
WARMUP_DOCS = 8


class TimedPipeline:
    """Wraps newsgraph's Pipeline: when analyze first calls it, the time spent inside its ``pipe``,
    and when it gave its last article."""

    def __init__(self, pipeline) -> None:
        self.inner = pipeline
        self.seconds = 0.0
        self.first_call: float | None = None
        self.finished: float | None = None

    def pipe(self, articles: Iterable) -> Iterator:
        self.first_call = self.first_call or time.perf_counter()
        it = iter(self.inner.pipe(articles))
        while True:
            start = time.perf_counter()
            try:
                out = next(it)
            except StopIteration:
                self.finished = time.perf_counter()
                self.seconds += self.finished - start
                return
            self.seconds += time.perf_counter() - start
            yield out


def cleaned_texts(paths: list[Path]) -> tuple[list[str], int]:
    """(texts of distinct articles, rejections) from newsgraph.extract, as analyze sees them."""
    import newsgraph

    texts, seen, rejected = [], set(), 0
    for item in newsgraph.extract(paths):
        if isinstance(item, newsgraph.Rejection):
            rejected += 1
        elif item.id not in seen:
            seen.add(item.id)
            texts.append(item.text)
    return texts, rejected


def time_spacy(nlp, texts: list[str], batch_size: int) -> tuple[float, float]:
    """(elapsed, CPU) seconds of ``nlp.pipe`` over the texts."""
    start, cpu = time.perf_counter(), time.process_time()
    for _ in nlp.pipe(texts, batch_size=batch_size, n_process=1):
        pass
    return time.perf_counter() - start, time.process_time() - cpu


def time_newsgraph(pipeline, paths: list[Path], workdir: Path,
                   run: int) -> tuple[float, float, float, float, float, object]:
    """(total, before the NLP (ingest+clean), inside the NLP, after the NLP's last article (stories),
    total CPU, AnalyzeResult) of one analyze into a fresh DB.

    analyze reads and cleans every input before it calls the pipeline, stores each analysis as the
    pipeline yields it, and embeds, clusters and reconciles the stories after the last one; the
    total less the other three is the store's.
    """
    from newsgraph.settings import Settings
    from newsgraph.workflow import analyze

    timed = TimedPipeline(pipeline)
    settings = Settings(db=str(workdir / f"speed-{run}.db"), progress=False)
    start, cpu = time.perf_counter(), time.process_time()
    result = analyze(paths, settings, pipeline=timed)
    end, cpu = time.perf_counter(), time.process_time() - cpu
    return (end - start, (timed.first_call or start) - start, timed.seconds, end - (timed.finished or end), cpu,
            result)


def time_components(nlp, texts: list[str], batch_size: int) -> list[tuple[str, float, int]]:
    """(component, seconds, docs it failed on), one component at a time over all the docs.

    A doc a component fails on is left as it was and goes on to the next component.
    """
    from newsgraph.model import Article
    from newsgraph.pipeline import Pipeline

    pipeline = Pipeline(nlp=nlp, batch_size=batch_size)
    docs = [pipeline.make_doc(Article(id=f"a{i}", source=f"{i}.txt", text=t)) for i, t in enumerate(texts)]
    out = []
    for name, proc in nlp.pipeline:
        failed = 0
        start = time.perf_counter()
        try:
            docs = list(proc.pipe(docs, batch_size=batch_size)) if hasattr(proc, "pipe") else [proc(d) for d in docs]
        except Exception:  # noqa: BLE001 - time it doc by doc, counting the failures
            start = time.perf_counter()
            for i, doc in enumerate(docs):
                try:
                    docs[i] = proc(doc)
                except Exception:  # noqa: BLE001
                    failed += 1
        out.append((name, time.perf_counter() - start, failed))
    return out


def run(n: int = 500, rounds: int = 2, components: bool = False) -> dict:
    folder = require_data("polnear", "train", "text")
    paths = sorted(folder.glob("*.txt"))[:n]
    if len(paths) < n:
        print(f"note: only {len(paths)} texts in {folder}", file=sys.stderr)

    from newsgraph.nlp.loader import load_model
    from newsgraph.pipeline import Pipeline
    from newsgraph.settings import Settings

    batch_size = Settings().batch_size
    load_before = os.getloadavg()[0]
    start = time.perf_counter()
    nlp = load_model()
    spacy_load = time.perf_counter() - start
    start = time.perf_counter()
    pipeline = Pipeline(batch_size=batch_size)
    newsgraph_load = time.perf_counter() - start

    texts, rejected = cleaned_texts(paths)
    words = sum(len(t.split()) for t in texts)

    with tempfile.TemporaryDirectory(prefix="newsgraph-speed-") as tmp:
        workdir = Path(tmp)
        # warm-up (untimed): first calls allocate and fill caches on both sides
        time_spacy(nlp, texts[:WARMUP_DOCS], batch_size)
        time_newsgraph(pipeline, paths[:WARMUP_DOCS], workdir, -1)
        spacy_runs, spacy_cpu, ng_runs, ng_cpu = [], [], [], []
        for r in range(rounds):
            wall, cpu = time_spacy(nlp, texts, batch_size)
            spacy_runs.append(wall)
            spacy_cpu.append(cpu)
            total, clean_seconds, nlp_seconds, stories_seconds, cpu, result = time_newsgraph(pipeline, paths,
                                                                                             workdir, r)
            ng_runs.append((total, clean_seconds, nlp_seconds, stories_seconds))
            ng_cpu.append(cpu)
            print(f"round {r + 1}/{rounds}: spaCy {spacy_runs[-1]:.1f} s (CPU {spacy_cpu[-1]:.1f} s), "
                  f"newsgraph {total:.1f} s (CPU {cpu:.1f} s)", file=sys.stderr)
        per_component = time_components(pipeline.nlp, texts, batch_size) if components else None

    spacy_s = min(spacy_runs)
    ng_total, ng_clean, ng_nlp, ng_stories = min(ng_runs)
    articles = len(texts)
    ratio = ng_total / spacy_s
    cpu_ratio = min(ng_cpu) / min(spacy_cpu)
    return {
        "benchmark": "speed", "files": len(paths), "articles": articles, "rejected": rejected,
        "added": len(result.added), "stories": result.stories, "words": words, "rounds": rounds,
        "batch_size": batch_size, "model": f"{nlp.meta.get('lang')}_{nlp.meta.get('name')}",
        "model_version": nlp.meta.get("version"), "load_average_before": round(load_before, 2),
        "spacy_components": list(nlp.pipe_names), "newsgraph_components": list(pipeline.nlp.pipe_names),
        "load_seconds": {"spacy": round(spacy_load, 2), "newsgraph": round(newsgraph_load, 2)},
        "spacy": {"seconds": round(spacy_s, 2), "articles_per_s": round(articles / spacy_s, 2),
                  "words_per_s": round(words / spacy_s), "runs": [round(s, 2) for s in spacy_runs],
                  "cpu_seconds": round(min(spacy_cpu), 2), "cpu_runs": [round(s, 2) for s in spacy_cpu]},
        "newsgraph": {"seconds": round(ng_total, 2), "articles_per_s": round(articles / ng_total, 2),
                      "words_per_s": round(words / ng_total), "runs": [round(t[0], 2) for t in ng_runs],
                      "cpu_seconds": round(min(ng_cpu), 2), "cpu_runs": [round(s, 2) for s in ng_cpu],
                      "ingest_clean_seconds": round(ng_clean, 2), "nlp_seconds": round(ng_nlp, 2),
                      "store_seconds": round(ng_total - ng_nlp - ng_clean - ng_stories, 2),
                      "stories_seconds": round(ng_stories, 2),
                      "store_stories_seconds": round(ng_total - ng_nlp - ng_clean, 2)},
        "components": [{"name": name, "seconds": round(s, 2), "failed_docs": f} for name, s, f in per_component]
        if per_component else None,
        "pipeline_rejections": [{"source": x.source, "code": x.code, "reason": x.reason}
                                for x in result.rejected if x.code == "analysis_failed"],
        "ratio": round(ratio, 3), "cpu_ratio": round(cpu_ratio, 3), "max_ratio": MAX_RATIO, "pass": ratio <= MAX_RATIO,
    }


def report(r: dict) -> str:
    s, g = r["spacy"], r["newsgraph"]
    lines = [
        f"{r['articles']} articles ({r['files']} PolNeAR files, {r['rejected']} rejected when read; "
        f"{r['added']} analysed and stored), {r['words']:,} words, "
        f"model {r['model']} {r['model_version']}, batch size {r['batch_size']}, n_process 1, {r['rounds']} round(s)",
        "",
        table(["side", "words", "seconds", "articles/s", "words/s", "load s"],
              [["spaCy nlp.pipe", r["words"], s["seconds"], s["articles_per_s"], s["words_per_s"],
                r["load_seconds"]["spacy"]],
               ["newsgraph analyze", r["words"], g["seconds"], g["articles_per_s"], g["words_per_s"],
                r["load_seconds"]["newsgraph"]]]),
        "",
        f"newsgraph time: ingest+clean {g['ingest_clean_seconds']} s, NLP {g['nlp_seconds']} s, "
        f"store {g['store_seconds']} s, stories {g['stories_seconds']} s",
        f"ratio newsgraph/spaCy = {r['ratio']:.2f} (limit {r['max_ratio']}): {'PASS' if r['pass'] else 'FAIL'}",
        f"CPU time: spaCy {s['cpu_seconds']} s, newsgraph {g['cpu_seconds']} s, ratio {r['cpu_ratio']:.2f}",
    ]
    if r["pipeline_rejections"]:
        lines += ["", f"{len(r['pipeline_rejections'])} article(s) rejected by the language pipeline:"]
        lines += [f"  {x['source']}: {x['reason']}" for x in r["pipeline_rejections"]]
    if r["components"]:
        lines += ["", table(["component", "seconds", "failed docs"],
                            [[c["name"], c["seconds"], c["failed_docs"]] for c in r["components"]])]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=500, help="number of PolNeAR texts (default 500)")
    ap.add_argument("--rounds", type=int, default=2, help="alternating rounds per side; the fastest is reported")
    ap.add_argument("--components", action="store_true", help="also time each pipeline component on its own")
    ap.add_argument("--json", action="store_true", help="print the results as JSON")
    # the scale-out section (below): articles per second over several processes and a local Ray
    ap.add_argument("--workers", default=None, metavar="1,2",
                    help="scale-out only: time analyze with each of these --workers counts (see run_scale)")
    ap.add_argument("--ray", action="store_true", help="scale-out only: also time a local Ray of the largest --workers")
    args = ap.parse_args(argv)
    if args.workers or args.ray:
        result = run_scale(args.n, [int(w) for w in (args.workers or "1,2").split(",")], args.ray, args.rounds)
        print(json.dumps(result, indent=2) if args.json else report_scale(result))
        return 0 if result["pass"] else 1
    result = run(args.n, args.rounds, args.components)
    print(json.dumps(result, indent=2) if args.json else report(result))
    return 0 if result["pass"] else 1



# -- scale-out: articles per second with N processes and on a local Ray ---------------------------
# `speed.py --workers 1,2 --ray [--n 320] [--rounds 2]`: the first N PolNeAR texts analysed by
# `workflow.analyze` into a fresh SQLite store with each runner of newsgraph.batch: --workers 1
# (this process), --workers 2 (two spawned processes), a local Ray of 2 actors. The rate is the
# pipeline's steady state, seen by the writer: the articles stored after the first round of
# batches (one batch of 32 per worker, started together while the workers load) up to the last,
# over that time (model loading, process and Ray start-up and the story rebuild are outside it;
# the total wall time, with all of them, is reported too). N must be many batches per worker
# (320: 10 batches, 5 per worker with 2) for the window to be steady. The runs alternate round by round and
# each runner's best round is kept. The exports are compared (equal apart from the run's own times).
# PASS when 2 workers reach >= 1.7x the rate of one.

MIN_SCALE = 1.7


class ArrivalClock:
    """Wraps newsgraph.batch.analyse: the time each result reaches the writer."""

    def __init__(self, analyse) -> None:
        self.analyse, self.times = analyse, []

    def __call__(self, *args, **kwargs) -> Iterator:
        for item in self.analyse(*args, **kwargs):
            self.times.append(time.perf_counter())
            yield item


def time_runner(paths: list[Path], db: Path, workers: int, ray: bool) -> dict:
    """One analyze of ``paths`` with one runner: steady rate, wall time, the export."""
    from newsgraph import workflow
    from newsgraph.exports.document import export_store, without_run_times
    from newsgraph.settings import Settings
    from newsgraph.store.db import Store

    clock = ArrivalClock(workflow.batch.analyse)
    settings = Settings(db=str(db), progress=False, workers=workers, ray_address="local" if ray else None)
    workflow.batch.analyse, original = clock, workflow.batch.analyse
    try:
        start = time.perf_counter()
        result = workflow.analyze(paths, settings)
        wall = time.perf_counter() - start
    finally:
        workflow.batch.analyse = original
    # the steady window opens when the first round of batches (one per worker, all started
    # together while the workers load) has reached the writer
    first = min(len(clock.times) - 2, workers * settings.batch_size)
    steady = clock.times[-1] - clock.times[first]
    data = without_run_times(export_store(Store(str(db))))  # the alerts' created_at, copies' seen_at too
    return {"articles": len(result.added), "wall_s": round(wall, 1), "steady_s": round(steady, 1),
            "articles_per_s": round((len(clock.times) - 1 - first) / steady, 2), "export": data}


def run_scale(n: int, workers: list[int], ray: bool, rounds: int = 1) -> dict:
    folder = require_data("polnear", "train", "text")
    paths = sorted(folder.glob("*.txt"))[:n]
    runners = [(f"--workers {w}", w, False) for w in workers]
    if ray:
        runners.append((f"--ray (local, {max(workers)} actors)", max(workers), True))
    load_before = os.getloadavg()
    runs: dict[str, list[dict]] = {name: [] for name, _, _ in runners}
    with tempfile.TemporaryDirectory(prefix="newsgraph-scale-") as tmp:
        for r in range(rounds):
            for name, w, on_ray in runners:
                out = time_runner(paths, Path(tmp) / f"scale-{r}-{w}-{on_ray}.db", w, on_ray)
                runs[name].append(out)
                print(f"round {r + 1}/{rounds} {name}: {out['articles_per_s']} articles/s "
                      f"(wall {out['wall_s']} s)", file=sys.stderr)
    best = {name: max(rs, key=lambda x: x["articles_per_s"]) for name, rs in runs.items()}
    exports = [rs[0]["export"] for rs in runs.values()]
    base = best[runners[0][0]]["articles_per_s"]
    rows = [{"runner": name, "articles": b["articles"], "articles_per_s": b["articles_per_s"],
             "speedup": round(b["articles_per_s"] / base, 2), "steady_s": b["steady_s"], "wall_s": b["wall_s"],
             "rounds": [x["articles_per_s"] for x in runs[name]]} for name, b in best.items()]
    two = next((x["speedup"] for x in rows if x["runner"] == "--workers 2"), None)
    return {"benchmark": "speed-scale", "files": len(paths), "cpus": os.cpu_count(),
            "load_average_before": [round(x, 2) for x in load_before],
            "load_average_after": [round(x, 2) for x in os.getloadavg()], "rows": rows,
            "same_export": all(e == exports[0] for e in exports[1:]),
            "stories": len(exports[0]["stories"]), "min_speedup": MIN_SCALE,
            "pass": two is not None and two >= MIN_SCALE and all(e == exports[0] for e in exports[1:])}


def report_scale(r: dict) -> str:
    rows = [[x["runner"], x["articles"], x["articles_per_s"], x["speedup"], x["steady_s"], x["wall_s"],
             ", ".join(map(str, x["rounds"]))] for x in r["rows"]]
    two = next((x["speedup"] for x in r["rows"] if x["runner"] == "--workers 2"), None)
    return "\n".join([
        f"{r['files']} PolNeAR files on {r['cpus']} CPUs; load average (1, 5, 15 min) before "
        f"{r['load_average_before']}, after {r['load_average_after']}",
        "",
        table(["runner", "articles", "articles/s (steady)", "vs 1 worker", "steady s", "wall s", "rounds"], rows),
        "",
        f"exports equal across runners (apart from run times): {r['same_export']} ({r['stories']} stories)",
        f"2 workers / 1 worker = {two} (goal {r['min_speedup']}): {'PASS' if r['pass'] else 'FAIL'}",
    ])


if __name__ == "__main__":
    sys.exit(main())
