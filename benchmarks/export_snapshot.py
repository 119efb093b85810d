"""Exports of fixed corpora, written to a folder, and compared with an earlier folder.

A refactor that must not change behaviour is checked by taking a snapshot before and after and
comparing them: each corpus goes through the real CLI path (`newsgraph analyze` into a fresh
SQLite file, then `newsgraph export --format json`), `generated_at` is dropped and the JSON is
written with sorted keys. Corpora: the seeds, the demo, the layouts, the four unseen sets, the
first 300 ECB+ documents (one text file each), the FNC-1 dev bodies and the SENTiVENT facts-dev
articles; a corpus whose files are absent is skipped with a message.

    .venv/bin/python benchmarks/export_snapshot.py --out /tmp/before [--only demo,seeds]
    .venv/bin/python benchmarks/export_snapshot.py --out /tmp/after --compare /tmp/before
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from _common import DATA, REPO

BIN = REPO / ".venv" / "bin" / "newsgraph"
ECB_DOCS = 300


def corpora() -> dict[str, Path | None]:
    shared = DATA.parent
    return {
        "seeds": shared / "seeds",
        "demo": REPO / "examples" / "demo",
        "layouts": REPO / "examples" / "layouts",
        **{f"unseen-{k}": REPO / "examples" / "unseen" / k for k in "abcd"},
        "ecbplus-300": None,  # written from the JSONL on demand
        "fnc1-dev": DATA / "fnc1" / "dev",
        "sentivent-facts-dev": DATA / "sentivent" / "facts-dev",
    }


def ecb_folder(work: Path) -> Path | None:
    source = DATA / "ecbplus" / "ecbplus_documents.jsonl"
    if not source.exists():
        return None
    folder = work / "ecbplus"
    folder.mkdir()
    with source.open(encoding="utf-8") as lines:
        for n, line in enumerate(lines):
            if n >= ECB_DOCS:
                break
            doc = json.loads(line)
            (folder / f"{doc['doc_id']}.txt").write_text(doc["text_tokenized"], encoding="utf-8")
    return folder


def snapshot(name: str, folder: Path, work: Path) -> dict:
    db = work / f"{name}.db"
    out = work / f"{name}.json"
    # this checkout's code, whichever venv runs it; a fixed hash seed unless one is given
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "PYTHONHASHSEED": os.environ.get("PYTHONHASHSEED", "0"),
           "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")]))}
    run = subprocess.run([str(BIN), "analyze", str(folder), "--db", str(db)], env=env,
                         capture_output=True, text=True)
    if run.returncode not in (0, 2):
        raise SystemExit(f"{name}: analyze failed ({run.returncode}): {run.stderr[-2000:]}")
    run = subprocess.run([str(BIN), "export", "--db", str(db), "--format", "json", "--output", str(out)],
                         env=env, capture_output=True, text=True)
    if run.returncode:
        raise SystemExit(f"{name}: export failed ({run.returncode}): {run.stderr[-2000:]}")
    data = json.loads(out.read_text(encoding="utf-8"))
    data.pop("generated_at", None)
    return data


def differences(before: dict, after: dict, path: str = "") -> list[str]:
    """Where two exports differ, as short paths (at most a few per list)."""
    if isinstance(before, dict) and isinstance(after, dict):
        out = []
        for key in sorted(set(before) | set(after)):
            if key not in before or key not in after:
                out.append(f"{path}.{key}: only in {'after' if key in after else 'before'}")
            else:
                out.extend(differences(before[key], after[key], f"{path}.{key}"))
        return out
    if isinstance(before, list) and isinstance(after, list):
        if len(before) != len(after):
            return [f"{path}: {len(before)} items before, {len(after)} after"]
        out = []
        for i, (b, a) in enumerate(zip(before, after)):
            out.extend(differences(b, a, f"{path}[{i}]"))
        return out
    return [] if before == after else [f"{path}: {str(before)[:120]!r} -> {str(after)[:120]!r}"]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", required=True, help="folder for the snapshot (one JSON per corpus)")
    ap.add_argument("--compare", help="an earlier snapshot folder to compare with")
    ap.add_argument("--only", help="comma-separated corpus names")
    args = ap.parse_args()
    wanted = set(args.only.split(",")) if args.only else None
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    changed = 0
    with tempfile.TemporaryDirectory(prefix="ng-snapshot-") as tmp:
        work = Path(tmp)
        for name, folder in corpora().items():
            if wanted and name not in wanted:
                continue
            if name == "ecbplus-300":
                folder = ecb_folder(work)
            if folder is None or not folder.exists():
                print(f"{name}: skipped (its files are not here)")
                continue
            data = snapshot(name, folder, work)
            (out / f"{name}.json").write_text(json.dumps(data, sort_keys=True, indent=1, ensure_ascii=False),
                                             encoding="utf-8")
            line = f"{name}: {len(data.get('articles', []))} articles, {len(data.get('stories', []))} stories"
            if args.compare:
                earlier = Path(args.compare) / f"{name}.json"
                if earlier.exists():
                    diff = differences(json.loads(earlier.read_text(encoding="utf-8")), data)
                    changed += bool(diff)
                    line += ", identical" if not diff else f", {len(diff)} differences:\n  " + "\n  ".join(diff[:25])
            print(line, flush=True)
    return 1 if changed else 0


if __name__ == "__main__":
    sys.exit(main())
