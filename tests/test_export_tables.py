"""newsgraph.exports.tables: the JSON export as a folder of CSV or Parquet tables.

The tables are read back (pyarrow for Parquet, the csv module for CSV) and checked against the JSON
export of the same store: one row per record, and every id that points at another table (story_id,
article_id, entity_id, fact_id, ...) is found there.
"""
from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsgraph.cli import cli
from newsgraph.errors import ExportError
from newsgraph.exports.tables import MANIFEST, singular, tables_of, write_tables

csv.field_size_limit(sys.maxsize)  # an article's text is one field

# A document of the export's shape, small enough to check by hand; 'alerts' stands for a section a
# later version adds: it must become tables without a change to the code.
DOC = {
    "schema_version": "1",
    "generated_at": "2026-12-06T02:00:00+00:00",
    "articles": [{"id": "a1", "outlet": "Harbour Wire", "text": "Line one.\nLine two, \"quoted\"."},
                 {"id": "a2", "outlet": "Pier Daily", "text": "Other text."}],
    "entities": [{"id": "e1", "key": "k1", "name": "Kestrel Mills", "tickers": ["NYSE:KML"], "former_tickers": []},
                 {"id": "e2", "key": "k2", "name": "Ferro Lane", "tickers": [], "former_tickers": []}],
    "stories": [{"id": "s1", "title": "Kestrel sells a mill", "article_ids": ["a1", "a2"], "entity_ids": ["e1"],
                 "reports": [{"reported_by": "Harbour Wire", "article_id": "a1",
                              "evidence": {"article_id": "a1", "start": 0, "end": 9, "text": "Line one."}}],
                 "facts": [{"metric": "price", "value": 12.5, "article_ids": ["a1"],
                            "evidence": [{"article_id": "a1", "start": 0, "end": 4, "text": "Line"}]},
                           {"metric": "staff", "value": 300, "article_ids": ["a1", "a2"], "evidence": []}],
                 "disagreements": [],
                 "independent_sources": {"reports": ["Harbour Wire"], "denies": []}}],
    "rejections": [],
    "alerts": [{"id": "al1", "kind": "new_story", "story_id": "s1", "before": None, "after": {"title": "x"},
                "evidence": [{"article_id": "a2", "start": 0, "end": 5, "text": "Other"}]}],
}


def rows(tables, name: str) -> list[dict]:
    return tables[name].rows


@pytest.mark.parametrize("name, one", [("stories", "story"), ("facts", "fact"), ("entities", "entity"),
                                       ("evidence", "evidence"), ("responses", "response"), ("copies", "copy")])
def test_singular(name, one):
    assert singular(name) == one


def test_every_list_of_records_is_a_table_and_children_carry_their_parents_id():
    tables = tables_of(DOC)
    assert set(tables) == {"export", "articles", "entities", "tickers", "former_tickers", "stories",
                           "stories_article_ids", "stories_entity_ids", "reports", "facts", "facts_article_ids",
                           "facts_evidence", "disagreements", "independent_sources_reports",
                           "independent_sources_denies", "rejections", "alerts", "evidence"}
    assert rows(tables, "export") == [{"schema_version": "1", "generated_at": "2026-12-06T02:00:00+00:00"}]
    assert [r["article_id"] for r in rows(tables, "stories_article_ids")] == ["a1", "a2"]
    assert {r["story_id"] for r in rows(tables, "stories_article_ids")} == {"s1"}
    report = rows(tables, "reports")[0]
    assert report["story_id"] == "s1" and report["evidence_article_id"] == "a1" and report["evidence_end"] == 9
    facts = rows(tables, "facts")
    assert [f["id"] for f in facts] == ["s1/0", "s1/1"]  # made up: facts have no id of their own
    assert [(r["fact_id"], r["article_id"]) for r in rows(tables, "facts_article_ids")] == \
        [("s1/0", "a1"), ("s1/1", "a1"), ("s1/1", "a2")]
    assert rows(tables, "facts_evidence")[0]["fact_id"] == "s1/0"
    assert rows(tables, "tickers") == [{"entity_id": "e1", "position": 0, "value": "NYSE:KML"}]
    alert = rows(tables, "alerts")[0]
    assert alert["story_id"] == "s1" and alert["after_title"] == "x" and alert["before"] is None
    assert rows(tables, "evidence")[0]["alert_id"] == "al1"


def test_an_empty_list_still_gives_its_table_with_the_parent_column():
    tables = tables_of(DOC)
    assert rows(tables, "disagreements") == [] and list(tables["disagreements"].columns) == ["story_id", "position"]
    assert rows(tables, "former_tickers") == []


def test_a_column_of_mixed_kinds_is_written_as_text(tmp_path):
    import pyarrow.parquet as pq

    doc = {"things": [{"id": "t1", "value": 3}, {"id": "t2", "value": "three"}, {"id": "t3", "value": None}]}
    write_tables(doc, tmp_path / "out", "parquet")
    table = pq.read_table(tmp_path / "out" / "things.parquet")
    assert table.column("value").to_pylist() == ["3", "three", None]


def test_numbers_keep_their_type_in_parquet(tmp_path):
    import pyarrow.parquet as pq

    write_tables(DOC, tmp_path / "out", "parquet")
    facts = pq.read_table(tmp_path / "out" / "facts.parquet")
    assert facts.column("value").to_pylist() == [12.5, 300.0]
    assert str(facts.schema.field("value").type) == "double"


def test_a_second_export_replaces_the_first_and_a_foreign_folder_is_refused(tmp_path):
    out = tmp_path / "out"
    write_tables(DOC, out, "csv")
    smaller = {k: v for k, v in DOC.items() if k != "alerts"}
    write_tables(smaller, out, "csv")
    assert not (out / "alerts.csv").exists(), "a table of the earlier export was left behind"
    assert (out / "stories.csv").exists()
    foreign = tmp_path / "mine"
    foreign.mkdir()
    (foreign / "notes.txt").write_text("keep me")
    with pytest.raises(ExportError, match="not empty"):
        write_tables(DOC, foreign, "csv")
    assert (foreign / "notes.txt").read_text() == "keep me"
    file = tmp_path / "file.csv"
    file.write_text("x")
    with pytest.raises(ExportError, match="is a file"):
        write_tables(DOC, file, "csv")


def test_csv_keeps_text_with_newlines_and_quotes(tmp_path):
    write_tables(DOC, tmp_path / "out", "csv")
    with open(tmp_path / "out" / "articles.csv", newline="", encoding="utf-8") as fh:
        texts = [r["text"] for r in csv.DictReader(fh)]
    assert texts == [a["text"] for a in DOC["articles"]]


def test_the_cli_wants_a_folder_for_tables(tmp_path):
    result = CliRunner().invoke(cli, ["export", "--db", str(tmp_path / "x.db"), "--format", "csv"])
    assert result.exit_code == 2
    assert "--output FOLDER" in result.stderr


# -- a real store, through the command -------------------------------------------------------------

def read_csv(folder: Path) -> dict[str, list[dict]]:
    out = {}
    for path in folder.glob("*.csv"):
        with open(path, newline="", encoding="utf-8") as fh:
            out[path.stem] = list(csv.DictReader(fh))
    return out


def read_parquet(folder: Path) -> dict[str, list[dict]]:
    import pyarrow.parquet as pq

    return {path.stem: pq.read_table(path).to_pylist() for path in folder.glob("*.parquet")}


@pytest.mark.slow
@pytest.mark.parametrize("fmt, reader", [("csv", read_csv), ("parquet", read_parquet)])
def test_the_tables_of_a_store_match_its_json_export(demo_store, tmp_path, fmt, reader):
    out = tmp_path / fmt
    result = CliRunner().invoke(cli, ["export", "--db", str(demo_store.db), "--format", fmt, "--output", str(out)])
    assert result.exit_code == 0, result.output
    tables = reader(out)
    doc = demo_store.export
    manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    assert {t["name"] for t in manifest["tables"]} == set(tables)
    assert {t["name"]: t["rows"] for t in manifest["tables"]} == {name: len(r) for name, r in tables.items()}

    # one row per record
    for name in ("articles", "entities", "stories", "rejections"):
        assert len(tables[name]) == len(doc[name]), name
    for name in ("reports", "responses", "facts", "disagreements", "events", "stances"):
        assert len(tables[name]) == sum(len(s[name]) for s in doc["stories"]), name
    assert len(tables["stories_article_ids"]) == sum(len(s["article_ids"]) for s in doc["stories"])
    assert len(tables["facts_evidence"]) == sum(len(f["evidence"]) for s in doc["stories"] for f in s["facts"])
    assert sum(len(s["responses"]) for s in doc["stories"]) > 0, "the demo store should have responses to check"

    # the ids join
    article_ids = {a["id"] for a in tables["articles"]}
    story_ids = {s["id"] for s in tables["stories"]}
    entity_ids = {e["id"] for e in tables["entities"]}
    assert article_ids == {a["id"] for a in doc["articles"]}
    for name in ("reports", "responses", "facts", "disagreements", "events", "stances", "stories_article_ids"):
        assert {r["story_id"] for r in tables[name]} <= story_ids, name
    for name in ("responses", "reports", "stances", "stories_article_ids", "facts_evidence", "facts_article_ids"):
        assert {r["article_id"] for r in tables[name]} <= article_ids, name
    assert {r["entity_id"] for r in tables["stories_entity_ids"]} <= entity_ids
    assert {r["party_id"] for r in tables["responses"] if r["party_id"]} <= entity_ids
    assert {r["fact_id"] for r in tables["facts_evidence"]} <= {f["id"] for f in tables["facts"]}
    assert {r["entity_id"] for r in tables["tickers"]} <= entity_ids

    # and say the same as the JSON: each story's articles, each response's words
    by_story: dict[str, list[str]] = {}
    for r in sorted(tables["stories_article_ids"], key=lambda r: int(r["position"])):
        by_story.setdefault(r["story_id"], []).append(r["article_id"])
    assert by_story == {s["id"]: s["article_ids"] for s in doc["stories"] if s["article_ids"]}
    texts = {a["id"]: a["text"] for a in tables["articles"]}
    for r in tables["responses"]:
        assert texts[r["evidence_article_id"]][int(r["evidence_start"]):int(r["evidence_end"])] == r["evidence_text"]


def test_a_refused_folder_is_one_line_without_a_traceback(tmp_path):
    import os
    import subprocess

    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "notes.txt").write_text("keep me")
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSGRAPH_")}
    result = subprocess.run([sys.executable, "-c", "from newsgraph.cli import main; main()", "export", "--db",
                             str(tmp_path / "x.db"), "--format", "parquet", "--output", str(tmp_path / "mine")],
                            cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    assert "error:" in result.stderr and "not empty" in result.stderr and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert (tmp_path / "mine" / "notes.txt").read_text() == "keep me"
