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
import sys
import tempfile
from pathlib import Path

from _common import DATA, REPO, export_of

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
            data = export_of(folder, work, name)
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
