"""newsgraph.batch: the pipeline in several processes and on a real local Ray gives the same store
as one process; batches stream with a bounded number in flight; failures are clear errors."""
from __future__ import annotations

from pathlib import Path

import pytest

from ng_support import FILES, NINTENDO, write_files
from newsgraph import batch, errors
from newsgraph.model import Article
from newsgraph.settings import Settings

pytestmark = pytest.mark.slow

# the test corpus, plus one article given twice and one empty file (rejected when read)
CORPUS = {**FILES, "harbor-nintendo-copy.txt": NINTENDO, "empty.txt": ""}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    return write_files(tmp_path_factory.mktemp("batch") / "corpus", CORPUS)


@pytest.fixture(scope="module")
def single(corpus: Path, analyze_with, tmp_path_factory) -> tuple:
    """The corpus analysed in this process (the reference): (AnalyzeResult, export)."""
    db = tmp_path_factory.mktemp("single") / "single.db"
    return analyze_with([corpus], db, batch_size=1), export_of(db)


def export_of(db: Path) -> dict:
    from newsgraph.exports.document import export_store, without_run_times
    from newsgraph.store.db import Store

    return without_run_times(export_store(Store(str(db))))


def run_batch(corpus: Path, db: Path, **overrides):
    from newsgraph.workflow import analyze

    # batch_size 1: every article is a batch of its own, so several batches are in flight at once
    return analyze([corpus], Settings(db=str(db), progress=False, batch_size=1, **overrides))


def same_run(result, data: dict, single: tuple) -> None:
    ref_result, ref_data = single
    assert result.added == ref_result.added  # same articles, in the same order
    assert sorted(result.unchanged) == sorted(ref_result.unchanged)
    assert [(r.source, r.code) for r in result.rejected] == [(r.source, r.code) for r in ref_result.rejected]
    assert result.stories == ref_result.stories
    assert data == ref_data


def test_reference_run_has_all_cases(single: tuple) -> None:
    result, data = single
    assert len(result.added) == 4 and len(result.unchanged) == 1 and [r.code for r in result.rejected] == ["empty"]
    assert len(data["stories"]) == 2


def test_two_processes_give_the_single_process_store(corpus: Path, tmp_path: Path, single: tuple) -> None:
    db = tmp_path / "workers.db"
    result = run_batch(corpus, db, workers=2)
    same_run(result, export_of(db), single)


def test_local_ray_gives_the_single_process_store(corpus: Path, tmp_path: Path, single: tuple) -> None:
    pytest.importorskip("ray", reason="Ray is not installed: `pip install -e '.[ray]'` (make setup does)")
    db = tmp_path / "ray.db"
    result = run_batch(corpus, db, workers=2, ray_address="local")
    same_run(result, export_of(db), single)
    import ray

    assert not ray.is_initialized()  # the Ray started for the run is shut down after it


def test_a_second_run_adds_nothing(corpus: Path, tmp_path: Path) -> None:
    db = tmp_path / "again.db"
    run_batch(corpus, db, workers=2)
    again = run_batch(corpus, db, workers=2)
    assert again.added == [] and len(again.unchanged) == 5


def test_a_worker_that_cannot_load_the_pipeline_is_a_clear_error(corpus: Path, tmp_path: Path) -> None:
    with pytest.raises(errors.WorkerFailed, match="run the same command again"):
        run_batch(corpus, tmp_path / "broken.db", workers=2, spacy_model="no_such_model_here")


class CountingPipeline:
    """Stands in for the language pipeline in the streaming test: counts what it is given."""

    def __init__(self) -> None:
        self.seen = 0

    def pipe(self, articles):
        for a in articles:
            self.seen += 1
            yield a.id


class RejectingPipeline:
    """Stands in for the language pipeline: rejects the articles whose text says so."""

    def pipe(self, articles):
        from newsgraph.model import Rejection

        for a in articles:
            yield Rejection(a.source, "test", "rejected") if "reject" in a.text else a.id


@pytest.mark.parametrize("in_a_thread", [True, False])
def test_a_rejected_article_leaves_the_others_the_vectors_they_get_alone(in_a_thread: bool) -> None:
    from concurrent.futures import ThreadPoolExecutor

    texts = ["The port reopened after the storm passed on Tuesday.", "reject this one",
             "Two lenders agreed to merge in an all-share deal."]
    chunk = [Article(id=f"a{i}", source=f"{i}.txt", text=t) for i, t in enumerate(texts)]
    settings = Settings(story_method="incremental")
    with ThreadPoolExecutor(1) as thread:
        outs = batch.analyse_batch(RejectingPipeline(), chunk, settings, thread if in_a_thread else None)
    assert [o for o, _ in outs][::2] == ["a0", "a2"] and outs[1][1] is None
    assert [v for _, v in outs][::2] == [batch._embed([chunk[0]])[0], batch._embed([chunk[2]])[0]]


def articles(n: int, read: list[int]):
    for i in range(n):
        read[0] += 1
        yield Article(id=f"a{i}", source=f"{i}.txt", text=f"text {i}")


def test_ordered_keeps_order_and_reads_only_the_batches_in_flight() -> None:
    read = [0]
    handles: list[list[Article]] = []

    def submit(chunk: list[Article]) -> list[Article]:
        handles.append(chunk)
        return chunk

    out = batch.ordered(articles(100, read), size=4, limit=3, submit=submit,
                        collect=lambda chunk: [(a.id.upper(), None) for a in chunk])
    first = next(out)
    assert first[0].id == "a0" and first[1:] == ("A0", None)
    assert read[0] == 12  # three batches of four read, no more
    rest = list(out)
    assert [a.id for a, _, _ in [first, *rest]] == [f"a{i}" for i in range(100)]
    assert all(res == a.id.upper() for a, res, _ in rest)


def test_inprocess_streams_the_input() -> None:
    read = [0]
    pipe = CountingPipeline()
    settings = Settings(batch_size=4, story_method="agglomerative")  # no embeddings: the pipeline only
    out = batch.inprocess(articles(1000, read), pipe, settings)
    assert next(out)[1:] == ("a0", None)
    assert read[0] == 4 and pipe.seen == 4  # one batch read and analysed, no more
    assert [r for _, r, _ in out] == [f"a{i}" for i in range(1, 1000)]


@pytest.mark.parametrize(("env", "overrides", "workers"), [
    ({}, {}, None),
    ({"NEWSGRAPH_WORKERS": "3"}, {}, 3),
    ({"NEWSGRAPH_WORKERS": "3"}, {"workers": 1}, 1),
])
def test_workers_setting(monkeypatch, env: dict, overrides: dict, workers: int | None) -> None:
    monkeypatch.delenv("NEWSGRAPH_WORKERS", raising=False)
    for k, v in env.items():
        monkeypatch.setenv(k, v)
    settings = Settings.from_env(**overrides)
    assert settings.workers == workers
    assert batch.worker_count(settings) == (workers or __import__("os").cpu_count())


def test_cli_ray_option_refuses_a_path_taken_as_its_address(corpus: Path) -> None:
    from click.testing import CliRunner

    from newsgraph.cli import cli

    run = CliRunner().invoke(cli, ["analyze", "--ray", str(corpus)])
    assert run.exit_code == 2 and "put --ray after the paths" in run.output


def ferry_articles(folder: Path, n: int) -> Path:
    """``n`` short articles (more than one batch of 32, so that `analyze` starts its processes)."""
    import json

    path = folder / "ferries.jsonl"
    with open(path, "w", encoding="utf-8") as fh:
        for i in range(n):
            text = (f"Harbor Lights Ferries said on Monday that it would add {i + 3} evening sailings to its island "
                    f"routes from next month. The operator expects about {1000 + i * 17} more passengers a week "
                    f"and will hire {i + 5} deckhands for the new services, its chief executive said.")
            fh.write(json.dumps({"id": f"n{i}", "title": f"Ferry operator adds {i + 3} sailings", "text": text}) + "\n")
    return path


def test_sigterm_stops_the_worker_processes_too(tmp_path: Path) -> None:
    import os
    import signal
    import subprocess
    import sys
    import time

    psutil = pytest.importorskip("psutil")
    repo = Path(__file__).resolve().parents[1]
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "PYTHONPATH": str(repo)}
    cmd = [sys.executable, "-m", "newsgraph.cli", "analyze", str(ferry_articles(tmp_path, 40)),
           "--db", str(tmp_path / "t.db"), "--workers", "2"]
    main = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc = psutil.Process(main.pid)
    workers: list = []
    while main.poll() is None and len(workers) < 2:  # wait for the two pipeline processes
        time.sleep(0.2)
        workers = [c for c in proc.children() if "spawn_main" in " ".join(c.cmdline())]
    assert len(workers) == 2, main.communicate()
    main.send_signal(signal.SIGTERM)
    assert main.wait(timeout=600) == 128 + signal.SIGTERM
    gone, alive = psutil.wait_procs(workers, timeout=60)
    assert not alive  # no orphan left waiting for a reader
