"""The shape of the package: imports follow the flow, nothing imports in a cycle, only the rebuild
reconciles, the public API stays callable and the README's Python example runs, and a store gives
the same export in any process."""
from __future__ import annotations

import ast
import importlib
import json
import os
import pkgutil
import re
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

import newsgraph

PACKAGE = Path(newsgraph.__file__).resolve().parent
REPO = PACKAGE.parent

# The flow: ingest -> clean -> nlp -> store / clustering -> reconcile -> workflow -> faces. A module
# may import its own stage and the stages before it, never one after. The first matching prefix wins.
STAGES = (
    ("newsgraph.model", 0), ("newsgraph.errors", 0), ("newsgraph.lexicon", 0), ("newsgraph.settings", 0),
    ("newsgraph.cache", 0),  # tables derived from installed data, in the user cache folder
    ("newsgraph.ingest", 1),
    ("newsgraph.clean", 2),
    ("newsgraph.nlp", 3), ("newsgraph.pipeline", 3), ("newsgraph.periods", 3), ("newsgraph.sec", 3),
    ("newsgraph.store", 4), ("newsgraph.clustering", 4), ("newsgraph.batch", 4),
    ("newsgraph.reconcile", 5),
    ("newsgraph.workflow", 6),
    ("newsgraph.flow", 6),  # live sources: they feed workflow.analyze, as files do
    ("newsgraph.exports", 7), ("newsgraph.web", 7), ("newsgraph.cli", 7),
    ("newsgraph", 8),  # the package's own __init__: the public API over everything
)


def modules() -> dict[str, Path]:
    out = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(REPO).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        out[name] = path
    return out


def stage(name: str) -> int:
    for prefix, level in STAGES:
        if name == prefix or name.startswith(prefix + "."):
            return level
    raise AssertionError(f"{name} has no stage in tests/test_architecture.py STAGES: place it in the flow")


def imports(path: Path, name: str, known: set[str]) -> set[str]:
    """The newsgraph modules that ``path`` imports (at any depth: local imports count too)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out |= {a.name for a in node.names if a.name.startswith("newsgraph")}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[:len(package.split(".")) - node.level + 1] + ([base] if base else []))
            if not base.startswith("newsgraph"):
                continue
            for alias in node.names:
                out.add(f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base)
    return {m for m in out if m in known and m != name}


@pytest.fixture(scope="module")
def graph() -> dict[str, set[str]]:
    found = modules()
    return {name: imports(path, name, set(found)) for name, path in found.items()}


def test_every_module_has_a_stage(graph):
    for name in graph:
        stage(name)


def test_no_import_against_the_flow(graph):
    against = sorted(f"{a} -> {b}" for a, targets in graph.items() for b in targets
                     if a != "newsgraph" and stage(b) > stage(a) and not a.startswith(b + "."))
    assert not against, "imports against ingest -> clean -> nlp -> store -> reconcile -> faces:\n" + "\n".join(against)


def test_no_import_cycle(graph):
    # strongly connected components (Tarjan); a package importing its own submodules is no cycle
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    cycles: list[list[str]] = []
    sys.setrecursionlimit(max(10000, sys.getrecursionlimit()))

    def edges(a: str) -> set[str]:
        return {b for b in graph[a] if not b.startswith(a + ".")}

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in edges(v):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                cycles.append(sorted(group))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    assert not cycles, f"import cycles: {cycles}"


def test_only_the_rebuild_reconciles():
    """Stories are reconciled once, when they are rebuilt, and stored; every face reads the record."""
    callers = sorted(str(p.relative_to(PACKAGE)) for p in PACKAGE.rglob("*.py")
                     if re.search(r"\bbuild_story\b", p.read_text(encoding="utf-8"))
                     and not p.is_relative_to(PACKAGE / "reconcile"))
    assert callers == ["workflow.py"], callers


def test_every_write_transaction_goes_through_the_writers_turn():
    """Writers take turns (``Store.writing``: BEGIN IMMEDIATE on SQLite, an advisory lock on
    PostgreSQL); a transaction begun on the engine itself would skip the turn on PostgreSQL.
    Only ``Store.writing`` and the read snapshot (``Store.open_snapshot``) begin transactions."""
    begun = []
    for path in PACKAGE.rglob("*.py"):
        for fn in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef)):
                begun += [f"{path.relative_to(PACKAGE)}:{fn.name}" for call in ast.walk(fn)
                          if isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute)
                          and call.func.attr == "begin"]
    assert sorted(set(begun)) == ["store/db.py:open_snapshot", "store/db.py:writing"], sorted(set(begun))


PUBLIC = ("analyze", "extract", "export", "stories", "story")


def test_public_functions_stay_callable_after_every_submodule_is_imported():
    for info in pkgutil.walk_packages(newsgraph.__path__, "newsgraph."):
        importlib.import_module(info.name)
    for name in PUBLIC:
        assert callable(getattr(newsgraph, name)) and not isinstance(getattr(newsgraph, name), type(newsgraph)), name


def readme_python() -> str:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", text, flags=re.S)
    assert blocks, "the README has no Python example"
    return blocks[0]


@pytest.mark.slow
def test_the_readme_python_example_runs_as_written(tmp_path, monkeypatch, pipeline):
    demo = REPO / "examples" / "demo"
    (tmp_path / "articles").mkdir()
    for name in ("autobeat_0507_samsung_intel_denial.txt", "mp-intel-stock-soars-samsung-report.txt"):
        shutil.copy(demo / name, tmp_path / "articles" / name)
    shutil.copy(demo / "skyward-cathay-a350-1000.html", tmp_path / "page.html")
    monkeypatch.chdir(tmp_path)
    # the shared pipeline, so that the example does not load spaCy again
    monkeypatch.setattr("newsgraph.pipeline.Pipeline", lambda *a, **k: pipeline)
    printed: list[str] = []
    scope = {"print": lambda *args: printed.append(" ".join(map(str, args)))}
    exec(compile(readme_python(), "README.md", "exec"), scope)  # noqa: S102 - the README's own example
    assert scope["result"].added and scope["story"].id == scope["row"]["id"]
    assert scope["data"]["stories"] and printed
    test_public_functions_stay_callable_after_every_submodule_is_imported()


REBUILD_AND_EXPORT = """
import json, sys
from newsgraph.exports.document import export_store
from newsgraph.settings import Settings
from newsgraph.store.db import Store
from newsgraph.workflow import rebuild_stories
settings = Settings(db=sys.argv[1], progress=False)
store = Store(settings.db)
rebuild_stories(store, settings)
data = export_store(store)
data.pop("generated_at")
print(json.dumps(data, sort_keys=True))
"""


@pytest.mark.slow
def test_a_store_gives_the_same_export_in_any_process(demo_store, tmp_path):
    outputs = []
    for seed in ("1", "2"):
        db = tmp_path / f"copy-{seed}.db"
        with sqlite3.connect(demo_store.db) as source, sqlite3.connect(db) as copy:
            source.backup(copy)  # a file copy would miss what is still in the write-ahead log
        env = {**os.environ, "PYTHONHASHSEED": seed, "HF_HUB_OFFLINE": "1",
               "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")]))}
        run = subprocess.run([sys.executable, "-c", REBUILD_AND_EXPORT, str(db)], env=env, capture_output=True,
                             text=True, timeout=600)
        assert run.returncode == 0, run.stderr[-3000:]
        outputs.append(json.loads(run.stdout))
    assert outputs[0] == outputs[1]
    assert outputs[0]["stories"] == json.loads(json.dumps(
        {k: v for k, v in demo_store.export.items() if k != "generated_at"}, sort_keys=True))["stories"]


def test_every_component_has_its_test_module():
    """Tests mirror the package: each component sub-package of nlp/ has tests/test_<name>.py."""
    components = sorted(p.parent.name for p in (PACKAGE / "nlp").glob("*/component.py"))
    assert components, "no component sub-packages found"
    missing = [c for c in components if not (REPO / "tests" / f"test_{c}.py").is_file()]
    assert not missing, f"component sub-packages without a test module: {missing}"


def test_nlp_modules_stay_small():
    """No module in nlp/ over 400 lines unless its docstring says why ('long because ...')."""
    long = [str(p.relative_to(PACKAGE)) for p in (PACKAGE / "nlp").rglob("*.py")
            if len(p.read_text(encoding="utf-8").splitlines()) > 400
            and "long because" not in (ast.get_docstring(ast.parse(p.read_text(encoding="utf-8"))) or "")]
    assert not long, f"modules over 400 lines without a reason at the top: {long}"
