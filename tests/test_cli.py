"""newsgraph.cli: every command documented, `extract` prints JSONL, `stories`/`show`/`export` read the
store, and errors reach the user as one line, never a traceback."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from jsonschema import Draft202012Validator

from newsgraph.cli import cli
from ng_support import GOOD_HTML, PLAIN, SUBARU_STORY

REPO = Path(__file__).resolve().parents[1]
COMMANDS = sorted(cli.commands)
EXTRACT_KEYS = {"source", "outlet", "title", "byline", "published_at", "url", "text"}


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


def test_the_cli_has_the_commands_the_workflow_needs():
    assert {"analyze", "stories", "show", "export", "extract", "errors"} <= set(COMMANDS)


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_has_help_text(name):
    command = cli.commands[name]
    assert (command.help or "").strip(), f"`newsgraph {name}` has no docstring"
    result = run(name, "--help")
    assert result.exit_code == 0
    assert command.help.strip().split(".")[0] in " ".join(result.stdout.split())
    for param in command.params:
        if param.param_type_name == "option" and "--help" not in param.opts:
            assert (param.help or "").strip(), f"option {param.opts} of `newsgraph {name}` has no help"


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_appears_in_the_readme(name):
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert f"newsgraph {name}" in readme


def test_version():
    result = run("--version")
    assert result.exit_code == 0 and "0." in result.stdout


def test_extract_prints_one_json_record_per_article_with_the_documented_keys(tmp_path):
    (tmp_path / "ferries.txt").write_text(PLAIN, encoding="utf-8")
    (tmp_path / "ferries.html").write_text(GOOD_HTML, encoding="utf-8")
    result = run("extract", str(tmp_path))
    assert result.exit_code == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["source"] for r in records] == ["ferries.html", "ferries.txt"]
    for r in records:
        assert set(r) == EXTRACT_KEYS
        assert "six hybrid passenger vessels" in r["text"]
    html = records[0]
    assert (html["outlet"], html["title"], html["byline"]) == (
        "Tidewater Post", "Quarry Bay Ferries orders six hybrid vessels", "Mina Okafor")
    assert html["published_at"].startswith("2026-05-12")


def test_extract_sends_rejections_to_stderr_and_exits_2(tmp_path):
    (tmp_path / "ferries.txt").write_text(PLAIN, encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    result = run("extract", str(tmp_path))
    assert result.exit_code == 2
    assert len(result.stdout.splitlines()) == 1
    assert result.stderr.startswith("rejected empty.txt: the file is empty")


def test_extract_honours_max_bytes(tmp_path):
    (tmp_path / "ferries.txt").write_text(PLAIN, encoding="utf-8")
    result = run("extract", str(tmp_path), "--max-bytes", "100")
    assert result.exit_code == 2 and result.stdout == ""
    assert "over the" in result.stderr and "--max-bytes" in result.stderr


def test_stories_lists_each_story_with_its_outlets(mini_store):
    result = run("stories", "--db", str(mini_store.db))
    assert result.exit_code == 0
    rows = [line for line in result.stdout.splitlines() if not line.startswith(" ")]
    assert len(rows) == len(mini_store.export["stories"]) == 2
    assert "3 articles" in result.stdout and "Northgate Tribune" in result.stdout


def test_stories_on_an_empty_store_says_what_to_do(tmp_path):
    result = run("stories", "--db", str(tmp_path / "empty.db"))
    assert result.exit_code == 0
    assert "newsgraph analyze" in result.stdout


def test_show_prints_responses_facts_and_disagreements_with_evidence(mini_store):
    source = {a["id"]: a["source"] for a in mini_store.export["articles"]}
    story = next(s for s in mini_store.export["stories"] if source[s["article_ids"][0]] in SUBARU_STORY)
    result = run("show", story["id"][:10], "--db", str(mini_store.db))
    assert result.exit_code == 0, result.output
    out = result.stdout
    for heading in ("Articles", "Reported by", "Responses", "Facts", "Where the outlets differ"):
        assert heading in out
    assert "Nikkei, citing people familiar with the matter" in out
    assert "did_not_respond" in out and "denied" in out
    assert "update: Subaru" in out
    assert "“Subaru did not respond to a request for comment.”" in out


def test_export_writes_a_file_that_validates(mini_store, export_schema, tmp_path):
    out = tmp_path / "export.json"
    result = run("export", "--db", str(mini_store.db), "--format", "json", "--output", str(out))
    assert result.exit_code == 0
    assert "wrote 4 articles, 2 stories" in result.stderr
    data = json.loads(out.read_text(encoding="utf-8"))
    assert list(Draft202012Validator(export_schema).iter_errors(data)) == []


def _main(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSGRAPH_")}
    return subprocess.run([sys.executable, "-c", "from newsgraph.cli import main; main()", *args],
                          cwd=cwd, env=env, capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("args, code, message", [
    (["show", "nosuchstory", "--db", "x.db"], 1, "error: no story 'nosuchstory'"),
    (["stories", "--db", "nosuchdialect://x/y"], 1, "error: cannot open the store"),
])
def test_errors_are_one_line_without_a_traceback(tmp_path, args, code, message):
    result = _main(*args, cwd=tmp_path)
    assert result.returncode == code
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("args, message", [
    (["analyze", "--db", "x.db"], "Missing argument"),
    (["frobnicate"], "No such command"),
    (["export", "--format", "xml"], "Invalid value"),
])
def test_usage_errors_exit_2(args, message):
    result = run(*args)
    assert result.exit_code == 2
    assert message in result.stderr
