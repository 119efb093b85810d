"""newsgraph.ingest: formats, gzip, JSONL sources and bad lines, folders."""
from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

import newsgraph
from newsgraph.ingest import format_of, iter_files, read_paths
from newsgraph.model import Article, Rejection
from ng_support import GOOD_HTML, PLAIN


def _write(path: Path, text: str) -> Path:
    data = text.encode("utf-8")
    if path.suffix == ".gz":
        data = gzip.compress(data)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def _extract(*paths) -> list[Article | Rejection]:
    return list(newsgraph.extract([str(p) for p in paths]))


@pytest.mark.parametrize("name, expected", [
    ("a.txt", ".txt"),
    ("a.TXT", ".txt"),
    ("story.html.gz", ".html"),
    ("page.HTM", ".htm"),
    ("wire.jsonl.gz", ".jsonl"),
    ("v1.2.notes.txt", ".txt"),
    ("README", ""),
    ("archive.gz", ""),
])
def test_format_of(name, expected):
    assert format_of(Path(name)) == expected


JSONL_ONE = json.dumps({"id": "q1", "title": "Ferry order", "outlet": "Tidewater Post",
                        "published_at": "2026-05-12T08:30:00+08:00", "text": PLAIN})


@pytest.mark.parametrize("name, content", [
    ("ferries.txt", PLAIN),
    ("ferries.txt.gz", PLAIN),
    ("ferries.html", GOOD_HTML),
    ("ferries.htm", GOOD_HTML),
    ("ferries.html.gz", GOOD_HTML),
    ("ferries.htm.gz", GOOD_HTML),
    ("wire.jsonl", JSONL_ONE + "\n"),
    ("wire.jsonl.gz", JSONL_ONE + "\n"),
])
def test_each_format_and_its_gzipped_variant_gives_one_article(tmp_path, name, content):
    items = _extract(_write(tmp_path / name, content))
    assert len(items) == 1
    article = items[0]
    assert isinstance(article, Article), article
    assert "six hybrid passenger vessels" in article.text
    assert "<p>" not in article.text and "<nav>" not in article.text
    expected_source = f"{name}#q1" if ".jsonl" in name else name
    assert article.source == expected_source


def test_gzipped_and_plain_copies_have_the_same_content_id(tmp_path):
    plain, = _extract(_write(tmp_path / "a.txt", PLAIN))
    zipped, = _extract(_write(tmp_path / "b.txt.gz", PLAIN))
    assert plain.id == zipped.id
    assert plain.text == zipped.text


def test_jsonl_source_names_use_the_id_else_the_line_number(tmp_path):
    lines = [
        json.dumps({"id": "w7", "text": PLAIN}),
        "",  # a blank line still counts as a line
        json.dumps({"text": PLAIN.replace("six", "seven")}),
        json.dumps({"id": 42, "html": GOOD_HTML.replace("six", "eight")}),
    ]
    path = _write(tmp_path / "wire.jsonl", "\n".join(lines) + "\n")
    sources = [item.source for item in _extract(path)]
    assert sources == ["wire.jsonl#w7", "wire.jsonl#3", "wire.jsonl#42"]


def test_jsonl_metadata_wins_over_what_the_text_suggests(tmp_path):
    path = _write(tmp_path / "wire.jsonl", JSONL_ONE + "\n")
    article, = _extract(path)
    assert article.title == "Ferry order"
    assert article.outlet == "Tidewater Post"
    assert article.published_at is not None
    assert article.published_at.isoformat() == "2026-05-12T08:30:00+08:00"


def test_jsonl_url_gives_the_article_id(tmp_path):
    a = json.dumps({"url": "https://tidewater.example/ferries/", "text": PLAIN})
    b = json.dumps({"url": "https://TIDEWATER.example/ferries", "text": PLAIN.replace("six", "nine")})
    first, second = _extract(_write(tmp_path / "wire.jsonl", a + "\n" + b + "\n"))
    assert first.url == "https://tidewater.example/ferries/"
    assert first.id == second.id  # same canonical URL, same article


@pytest.mark.parametrize("bad_line, source_suffix", [
    ("{this is not json", "#2"),
    ("[1, 2, 3]", "#2"),
    ('"just a string"', "#2"),
    ('{"id": "x9", "title": "no body"}', "#x9"),
    ('{"text": "   "}', "#2"),
    ('{"text": 17}', "#2"),
])
def test_a_bad_jsonl_line_is_rejected_alone(tmp_path, bad_line, source_suffix):
    good_a = json.dumps({"id": "g1", "text": PLAIN})
    good_b = json.dumps({"id": "g2", "text": PLAIN.replace("six", "five")})
    path = _write(tmp_path / "feed.jsonl", "\n".join([good_a, bad_line, good_b]) + "\n")
    items = _extract(path)
    articles = [i for i in items if isinstance(i, Article)]
    rejections = [i for i in items if isinstance(i, Rejection)]
    assert [a.source for a in articles] == ["feed.jsonl#g1", "feed.jsonl#g2"]
    assert len(rejections) == 1
    assert rejections[0].source == "feed.jsonl" + source_suffix
    assert rejections[0].code == "bad_json"
    assert "JSONL" in rejections[0].reason or "JSON" in rejections[0].reason


def test_a_jsonl_line_in_another_encoding_is_rejected_alone(tmp_path):
    good = json.dumps({"id": "g1", "text": PLAIN}).encode()
    bad = '{"id": "b1", "text": "Caf\u00e9 prices rose"}'.encode("latin-1")
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(good + b"\n" + bad + b"\n")
    items = _extract(path)
    assert isinstance(items[0], Article)
    assert isinstance(items[1], Rejection) and items[1].code == "encoding"
    assert items[1].source == "mixed.jsonl#2"


def test_folders_are_read_recursively_sorted_and_hidden_entries_skipped(tmp_path):
    _write(tmp_path / "b.txt", PLAIN)
    _write(tmp_path / "a" / "deep" / "c.html", GOOD_HTML)
    _write(tmp_path / "a" / "d.txt.gz", PLAIN.replace("six", "four"))
    _write(tmp_path / ".cache" / "e.txt", PLAIN)
    _write(tmp_path / "a" / ".f.txt", PLAIN)
    found = [p.relative_to(tmp_path).as_posix() for p in iter_files([tmp_path])]
    assert found == ["a/d.txt.gz", "a/deep/c.html", "b.txt"]
    sources = sorted(item.source for item in _extract(tmp_path))
    assert sources == ["b.txt", "c.html", "d.txt.gz"]


def test_a_file_named_directly_is_read_even_next_to_folders(tmp_path):
    single = _write(tmp_path / "one.txt", PLAIN)
    folder = tmp_path / "more"
    _write(folder / "two.txt", PLAIN.replace("six", "two"))
    sources = [item.source for item in _extract(single, folder)]
    assert sources == ["one.txt", "two.txt"]


def test_a_missing_path_is_a_rejection_not_an_exception(tmp_path):
    items = list(read_paths([tmp_path / "nowhere.txt"], 10_000_000))
    assert len(items) == 1
    assert isinstance(items[0], Rejection)
    assert items[0].code == "missing"
