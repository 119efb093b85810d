"""Run every benchmark (each in its own process) and write the figures to docs/benchmarks.md.

    .venv/bin/python benchmarks/run_all.py [--n 500] [--rounds 2] [--output docs/benchmarks.md]
    .venv/bin/python benchmarks/run_all.py --only events_sentivent.py   # one section again, in place

Exits non-zero when a benchmark fails its own check (speed ratio above its limit, F1 floor).
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

import extraction_aeb
import speed
from _common import REPO, machine, table

HERE = Path(__file__).resolve().parent
MAX_LOSSES_SHOWN = 10
# The other benchmarks, each reported as the table it prints: (heading, script and arguments).
OTHERS = [
    ("Real text: responses on FNC-1 dev (rumour articles)", ["real_responses.py", "--thresholds"]),
    ("Real text: responses on FNC-1 train claims (our own annotation)", ["real_responses.py", "--set", "train",
                                                                         "--thresholds"]),
    ("Real text: responses on 15 more FNC-1 train claims (annotated blind, held out)",
     ["real_responses.py", "--set", "train-b", "--thresholds"]),
    ("Real text: responses on a third set of 15 FNC-1 train claims (annotated blind)",
     ["real_responses.py", "--set", "train-c", "--thresholds"]),
    ("Real text: responses on a fourth set of 15 FNC-1 train claims (annotated blind)",
     ["real_responses.py", "--set", "train-d", "--thresholds"]),
    ("Real text: facts on SENTiVENT facts-dev (business articles)", ["real_facts.py", "--thresholds"]),
    ("Real text: facts on 12 more SENTiVENT articles (annotated blind)", ["real_facts.py", "--set", "b", "--thresholds"]),
    ("Real text: entity types and merges on 20 AEB news pages", ["real_entities.py"]),
    ("Who said what: PolNeAR dev attribution spans", ["attribution_polnear.py", "--split", "dev"]),
    ("Tickers: SENTiVENT top company of each article", ["tickers_sentivent.py"]),
    ("Events: SENTiVENT sentence-level event types (held-out split)", ["events_sentivent.py", "--split", "test"]),
    ("Stories: ECB+ sub-topic clustering against a TF-IDF baseline", ["stories_ecbplus.py"]),
    ("Stories: cost of adding an article as the store grows", ["stories_growth.py"]),
    ("Stance: Emergent headlines, cross-validated over claims", ["stance_emergent.py"]),
    ("Stories: incremental against rebuild", ["stories_incremental.py"]),
    ("Stories: adding 50 articles to stores of 1,000 to 100,000 articles", ["store_growth.py"]),
]


def run_script(args: list[str]) -> tuple[dict | None, str, int]:
    """(parsed JSON or None when skipped, stdout, exit code) of one benchmark script run with --json."""
    print(f"$ {shown(args)}", file=sys.stderr, flush=True)
    proc = subprocess.run([sys.executable, str(HERE / args[0]), *args[1:], "--json"], cwd=REPO,
                          stdout=subprocess.PIPE, text=True)
    out = proc.stdout.strip()
    if out.startswith("skipped:"):
        print(out)
        return None, out, proc.returncode
    try:  # a failed check still prints its results; a crash prints none
        return json.loads(out), out, proc.returncode
    except json.JSONDecodeError:
        raise SystemExit(f"{args[0]} crashed (exit code {proc.returncode}; its error is above); "
                         "docs/benchmarks.md left as it is") from None


def shown(args: list[str]) -> str:
    return " ".join([".venv/bin/python", f"benchmarks/{args[0]}", *args[1:]])


def extraction_md(r: dict, command: str) -> list[str]:
    ng, base = r["newsgraph"], r["trafilatura_direct"]
    cols = ["system", "F1", "± std", "precision", "recall", "accuracy", "empty", "rejected"]
    rows = [[s["system"], s["f1"], s["f1_std"], s["precision"], s["recall"], s["accuracy"], s["empty"], s["rejected"]]
            for s in (ng, base)]
    losses = r["losses_vs_trafilatura"]
    lines = [
        f"## Main-text extraction: Zyte article-extraction benchmark ({ng['docs']} pages)", "",
        f"`{command}` ({ng['seconds']} s inside `newsgraph.extract`)", "",
        "Word 4-gram shingle precision and recall per page, averaged; F1 of the averages (± bootstrap std); "
        "accuracy = token sequence equal to the truth. A rejected page is an empty prediction "
        "(precision 1, recall 0, as in the published scorer).", "",
        table(cols, rows), "",
        "Scorer check and anchors: the published system outputs in `../shared/data/scrapinghub-aeb/system_outputs/`"
        " scored by the same script, next to the published F1.", "",
        table(["system output", "F1 (this scorer)", "published F1", "published as"],
              [[s["system"], s["f1"], s["published_f1"], s["published_as"]] for s in r["system_outputs"]]),
        "",
        f"{len(losses)} pages score more than 0.05 F1 below trafilatura alone"
        + (f"; the worst {MAX_LOSSES_SHOWN}:" if len(losses) > MAX_LOSSES_SHOWN else ":"), "",
        table(["page id", "newsgraph", "F1", "trafilatura F1", "reason"],
              [[x["id"][:12], x["status"], x["f1"], x["trafilatura_f1"], x["reason"]]
               for x in losses[:MAX_LOSSES_SHOWN]]),
    ]
    return lines


def speed_md(r: dict, command: str) -> list[str]:
    s, g = r["spacy"], r["newsgraph"]
    lines = [
        f"## Speed: full `analyze` against spaCy alone ({r['articles']} PolNeAR articles)", "",
        f"`{command}`", "",
        f"{r['articles']} articles ({r['rejected']} of {r['files']} files rejected), {r['words']:,} words; "
        f"model {r['model']} {r['model_version']}, batch size {r['batch_size']}, n_process 1; "
        f"fastest of {r['rounds']} alternating round(s) (all: spaCy {s['runs']} s, newsgraph {g['runs']} s).", "",
        table(["side", "seconds", "articles/s", "words/s", "model load s"],
              [["spaCy `nlp.pipe` (cleaned texts)", s["seconds"], s["articles_per_s"], s["words_per_s"],
                r["load_seconds"]["spacy"]],
               ["newsgraph `analyze` (files to stories)", g["seconds"], g["articles_per_s"], g["words_per_s"],
                r["load_seconds"]["newsgraph"]]]), "",
        f"Ratio newsgraph / spaCy: **{r['ratio']:.2f}** (limit {r['max_ratio']}: {'PASS' if r['pass'] else 'FAIL'}). "
        f"newsgraph's time: ingest+clean {g['ingest_clean_seconds']} s, NLP {g['nlp_seconds']} s, "
        f"store+stories {g['store_stories_seconds']} s (store {g['store_seconds']} s, "
        f"stories {g['stories_seconds']} s).", "",
        f"CPU time (this process, all its threads): spaCy {s['cpu_seconds']} s, newsgraph {g['cpu_seconds']} s, "
        f"ratio **{r['cpu_ratio']:.2f}** (the story embeddings run in a second thread, so newsgraph's CPU time "
        "exceeds its elapsed time on a machine with a free core).",
    ]
    if r["pipeline_rejections"]:
        lines += ["", f"Rejected by the language pipeline ({len(r['pipeline_rejections'])}; each failure also "
                  f"makes its batch of {r['batch_size']} rerun one article at a time):", ""]
        lines += [f"- `{x['source']}`: {x['reason']}" for x in r["pipeline_rejections"]]
    if r.get("components"):
        lines += ["", "Each component of newsgraph's pipeline run alone over all the docs "
                  "(indicative: spaCy's listeners share work with tok2vec):", "",
                  table(["component", "seconds", "failed docs"],
                        [[c["name"], c["seconds"], c["failed_docs"]] for c in r["components"]])]
    return lines


def run_plain(args: list[str]) -> tuple[str, int]:
    """(printed report, exit code) of one benchmark script run as a person would run it."""
    print(f"$ {shown(args)}", file=sys.stderr, flush=True)
    proc = subprocess.run([sys.executable, str(HERE / args[0]), *args[1:]], cwd=REPO, stdout=subprocess.PIPE,
                          text=True)
    return proc.stdout.strip(), proc.returncode


def others_md(only: set[str] | None = None) -> tuple[list[str], int]:
    lines: list[str] = []
    worst = 0
    for heading, args in OTHERS:
        if only is not None and args[0] not in only:
            continue
        out, rc = run_plain(args)
        print(out, "\n")
        worst = max(worst, rc)
        lines += ["", f"## {heading}", "", f"`{shown(args)}`" + ("" if rc == 0 else f" (exit code {rc})"), "",
                  "```", out or "(no output)", "```"]
    return lines, worst


def rerun_sections(output: Path, only: set[str], speed_args: list[str], aeb_args: list[str]) -> int:
    """Re-run some benchmarks and put their sections in place of the old ones."""
    text = output.read_text(encoding="utf-8")
    fresh, rc = others_md(only - {"speed.py", "extraction_aeb.py"})
    for args, module, to_md in ((speed_args, speed, speed_md), (aeb_args, extraction_aeb, extraction_md)):
        if args[0] in only:  # the two benchmarks with sections of their own, extraction first
            result, _, script_rc = run_script(args)
            if result:
                print(module.report(result), "\n")
                fresh = ["", *to_md(result, shown(args)), *fresh]
            rc = max(rc, script_rc)
    when = f"{datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC"
    for section in "\n".join(fresh).split("\n## ")[1:]:
        heading = section.split("\n", 1)[0].split(" (")[0]  # '... (498 PolNeAR articles)' may change
        start = text.find(f"\n## {heading}")
        if start < 0:  # a benchmark new to the file: its section goes at the end
            text, start = text.rstrip("\n") + "\n", len(text.rstrip("\n")) + 1
        end = text.find("\n## ", start + 1)
        end = len(text) if end < 0 else end
        body = section.replace("\n\n", f"\n\nRe-run alone by `run_all.py --only` on {when}.\n\n", 1)
        text = text[:start] + f"\n## {body.rstrip()}\n" + text[end:]
    output.write_text(text, encoding="utf-8")
    print(f"updated {', '.join(sorted(only))} in {output}")
    return rc


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=500, help="PolNeAR texts for the speed benchmark")
    ap.add_argument("--rounds", type=int, default=2, help="alternating rounds in the speed benchmark")
    ap.add_argument("--output", type=Path, default=REPO / "docs" / "benchmarks.md")
    ap.add_argument("--only", action="append", metavar="SCRIPT",
                    help="re-run only this benchmark (speed.py, extraction_aeb.py or another, e.g. events_sentivent.py) and "
                         "replace its section in the existing output; may be repeated")
    args = ap.parse_args(argv)
    aeb_args = ["extraction_aeb.py"]
    speed_args = ["speed.py", "--n", str(args.n), "--rounds", str(args.rounds), "--components"]
    if args.only:
        unknown = set(args.only) - {a[0] for _, a in OTHERS} - {"speed.py", "extraction_aeb.py"}
        if unknown:
            ap.error(f"not a benchmark of this list: {', '.join(sorted(unknown))}")
        return rerun_sections(args.output, set(args.only), speed_args, aeb_args)

    aeb, _, aeb_rc = run_script(aeb_args)
    if aeb:
        print(extraction_aeb.report(aeb), "\n")
    spd, _, speed_rc = run_script(speed_args)
    if spd:
        print(speed.report(spd), "\n")
    if aeb is None and spd is None:
        print(f"nothing measured; {args.output} left as it is")
        return 0

    import trafilatura

    m = machine()
    md = ["# Benchmarks", "",
          f"Written by `make bench` (`.venv/bin/python benchmarks/run_all.py`) on "
          f"{datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC; do not edit by hand.", "",
          f"Machine: {m['nproc']} CPUs, {m['platform']}, Python {m['python']}, spaCy {m['spacy']}, "
          f"trafilatura {trafilatura.__version__}; 1-minute load average {m['load']} when written"
          + (f", {spd['load_average_before']} before the speed run" if spd else "") + ".", ""]
    md += extraction_md(aeb, shown(aeb_args)) if aeb else ["## Main-text extraction", "", "skipped: data not found"]
    md += [""]
    md += speed_md(spd, shown(speed_args)) if spd else ["## Speed", "", "skipped: data not found"]
    others, others_rc = others_md()
    md += others
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text("\n".join(md) + "\n", encoding="utf-8")
    print(f"wrote {args.output}")
    return 1 if aeb_rc or speed_rc or others_rc else 0


if __name__ == "__main__":
    sys.exit(main())
