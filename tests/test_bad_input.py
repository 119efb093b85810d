"""Bad input: every bad file becomes a Rejection with a code and a reason, the rest of the batch is
analysed, `newsgraph analyze` exits 2 with one summary line, `newsgraph errors` lists the
rejections, and no traceback reaches the user."""
from __future__ import annotations

import gzip
import os
import random
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import newsgraph
from newsgraph import errors
from newsgraph.ingest.raw import decode
from newsgraph.model import Article, Rejection
from newsgraph.store.db import Store
from ng_support import PLAIN

MB = 1_000_000


def _junk() -> bytes:
    rng = random.Random(7)
    return bytes(rng.randrange(256) for _ in range(4000)) + b"\x00\x00\x01"


def _broken_gzip() -> bytes:
    whole = gzip.compress(PLAIN.encode() * 20)
    return whole[: len(whole) // 2]  # cut in the middle: a truncated download


# name -> (bytes written, expected rejection code)
BAD_FILES = {
    "empty.txt": (b"", "empty"),
    "blank.txt": (b" \n\n\t \r\n", "empty"),
    "junk.txt": (_junk(), "binary"),
    "undecodable.txt": (bytes(range(128, 256)) * 8, "encoding"),
    "nav-only.html": (b"<html><head><title>Home</title></head><body><nav><a href='/'>Home</a> "
                      b"<a href='/n'>News</a></nav><footer>Contact us</footer></body></html>", "no_article"),
    "tag-soup.html": (b"<html><body><div><p>Unclosed <b>markup<p>and <i>more<table><tr><td>", "no_article"),
    "short.txt": (b"Ferry fares rise.\n\nMore soon.", "no_article"),
    "notes.pdf": (b"%PDF-1.4 not really", "unsupported"),
    "scan.docx": (b"PK\x03\x04", "unsupported"),
    "not-gzip.txt.gz": (b"plain text pretending to be gzip", "unreadable"),
    "truncated.html.gz": (_broken_gzip(), "unreadable"),
    "empty.jsonl": (b"\n\n", "empty"),
}


@pytest.fixture(scope="module")
def bad_batch(tmp_path_factory) -> Path:
    """A folder of bad files, a 50 MB sparse file, a gzip bomb and two good articles."""
    folder = tmp_path_factory.mktemp("bad") / "inbox"
    folder.mkdir()
    for name, (data, _) in BAD_FILES.items():
        (folder / name).write_bytes(data)
    with open(folder / "sparse-50mb.txt", "wb") as fh:  # sparse: costs no disk and no time
        fh.truncate(50 * MB)
    # 20 MB of text that gzips to a few KB: over the 10 MB default only once decompressed
    (folder / "bomb.txt.gz").write_bytes(gzip.compress(b"the ferry is late again " * (20 * MB // 24)))
    (folder / "good-one.txt").write_text(PLAIN, encoding="utf-8")
    (folder / "good-two.txt").write_text(PLAIN.replace("six", "three").replace("Busan", "Ulsan"), encoding="utf-8")
    return folder


EXPECTED_CODES = {**{name: code for name, (_, code) in BAD_FILES.items()},
                  "sparse-50mb.txt": "too_large", "bomb.txt.gz": "too_large"}


@pytest.fixture(scope="module")
def extracted(bad_batch) -> dict[str, Article | Rejection]:
    return {item.source: item for item in newsgraph.extract([str(bad_batch)])}


@pytest.mark.parametrize("name, code", sorted(EXPECTED_CODES.items()))
def test_each_bad_file_becomes_a_rejection_with_a_code_and_a_reason(extracted, name, code):
    item = extracted[name]
    assert isinstance(item, Rejection), f"{name} was not rejected: {item}"
    assert item.code == code
    assert len(item.reason) > 15


def test_the_good_files_of_the_batch_still_come_through(extracted):
    good = sorted(s for s, item in extracted.items() if isinstance(item, Article))
    assert good == ["good-one.txt", "good-two.txt"]


@pytest.mark.parametrize("code, advice", [
    ("too_large", "--max-bytes"),
    ("unsupported", ".txt"),
    ("encoding", "UTF-8"),
    ("binary", ".txt"),
    ("no_article", "words"),
])
def test_reasons_say_what_to_do_next(extracted, code, advice):
    reasons = [i.reason for i in extracted.values() if isinstance(i, Rejection) and i.code == code]
    assert reasons
    assert all(advice in r for r in reasons), reasons


def test_a_real_50_mb_file_is_rejected_without_being_read(tmp_path):
    path = tmp_path / "huge.txt"
    line = b"The harbour authority published another long list of mooring fees.\n"
    with open(path, "wb") as fh:
        chunk = line * (MB // len(line) + 1)
        for _ in range(50):
            fh.write(chunk)
    assert path.stat().st_size >= 50 * MB
    items = list(newsgraph.extract([str(path)]))
    assert [(i.source, i.code) for i in items] == [("huge.txt", "too_large")]
    assert "50." in items[0].reason  # the size, in MB


@pytest.mark.parametrize("max_bytes, accepted", [(200, False), (len(PLAIN.encode()) - 1, False),
                                                 (len(PLAIN.encode()), True), (10 * MB, True)])
def test_the_size_limit_is_a_setting(tmp_path, max_bytes, accepted):
    path = tmp_path / "ferries.txt"
    path.write_text(PLAIN, encoding="utf-8")
    item, = newsgraph.extract([str(path)], max_bytes=max_bytes)
    assert isinstance(item, Article) is accepted
    if not accepted:
        assert item.code == "too_large"


def test_a_gzip_over_the_limit_once_decompressed_is_rejected(tmp_path):
    path = tmp_path / "ferries.txt.gz"
    path.write_bytes(gzip.compress((PLAIN * 10).encode()))
    assert path.stat().st_size < 1000
    item, = newsgraph.extract([str(path)], max_bytes=1000)
    assert isinstance(item, Rejection) and item.code == "too_large"


# --- encodings ---------------------------------------------------------------------------------

WESTERN = [
    ("cp1252", "Café owners in the old town said the new parking rules would hurt trade during the busy summer "
               "season, and the council promised a review."),
    ("latin-1", "Café owners in the old town said the new parking rules would hurt trade during the busy summer "
                "season, and the council promised a review."),
    ("cp1252", "Müller said the Straße outside the Bäckerei would stay closed for repairs until the end of the "
               "month, according to the city council."),
    pytest.param("cp1252", "The bakery on Rue Verte raised the price of a café crème to €3 on Monday, and the owner "
                           "said: “Costs have gone up everywhere, so we had no choice this spring.”"),
    pytest.param("latin-1", "Crème brûlée and café au lait were on the menu at the château, where the chef served a "
                            "déjeuner for forty guests on Sunday afternoon."),
    pytest.param("latin-1", "The résumé listed a naïve approach to the façade, but the committee approved the "
                            "plan on Tuesday after a short debate."),
    ("utf-16", "Crème brûlée and café au lait were on the menu at the château, where the chef served a "
               "déjeuner for forty guests on Sunday afternoon."),
]


@pytest.mark.parametrize("encoding, text", WESTERN)
def test_text_in_a_western_encoding_is_decoded_and_kept(encoding, text):
    decoded, _ = decode(text.encode(encoding))
    assert decoded == text


def test_a_cp1252_file_becomes_an_article_with_its_accents(tmp_path):
    text = ("Café owners in the old town said the new parking rules would hurt trade during the busy summer "
            "season, and the council promised to review the scheme before the end of the year.")
    path = tmp_path / "cafe.txt"
    path.write_bytes(text.encode("cp1252"))
    article, = newsgraph.extract([str(path)])
    assert isinstance(article, Article)
    assert "Café owners" in article.text
    assert article.encoding != "utf-8"


def test_utf8_with_a_byte_order_mark_loses_the_mark():
    text, encoding = decode("\ufeffHarbour fees rose again this week.".encode("utf-8"))
    assert text == "Harbour fees rose again this week."
    assert encoding == "utf-8"


@given(st.binary(max_size=3000))
def test_decoding_arbitrary_bytes_raises_nothing_but_input_rejected(data):
    try:
        text, encoding = decode(data)
    except errors.InputRejected as exc:
        assert exc.code in {"empty", "binary", "encoding"}
    else:
        assert isinstance(text, str)
        assert isinstance(encoding, str) and encoding


@pytest.mark.parametrize("data", [b"\xfe\xff", b"\xff\xfe", b"\xff\xfe \x00\n\x00"])
def test_a_byte_order_mark_alone_is_empty(data):
    with pytest.raises(errors.InputRejected) as exc:
        decode(data)
    assert exc.value.code == "empty"


@given(st.binary(max_size=2000), st.sampled_from([".txt", ".html", ".jsonl", ".txt.gz", ".htm"]))
def test_reading_arbitrary_bytes_never_raises(tmp_path_factory, data, suffix):
    path = tmp_path_factory.mktemp("fuzz") / f"x{suffix}"
    path.write_bytes(data)
    items = list(newsgraph.extract([str(path)]))
    assert items
    for item in items:
        assert isinstance(item, (Article, Rejection))
        if isinstance(item, Rejection):
            assert item.code != "clean_failed", item.reason  # a cleaner crash, caught by the runner


# --- the whole batch through analyze and the CLI -----------------------------------------------

def test_analyze_keeps_going_and_records_each_rejection(bad_batch, analyze_with, tmp_path):
    db = tmp_path / "bad.db"
    result = analyze_with([bad_batch], db)
    assert not result.ok
    assert len(result.added) == 2
    assert {r.source: r.code for r in result.rejected} == EXPECTED_CODES
    stored = {r.source: r.code for r in Store(str(db)).rejections()}
    assert stored == EXPECTED_CODES


def _newsgraph(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSGRAPH_")}
    env["HF_HUB_OFFLINE"] = "1"
    return subprocess.run([sys.executable, "-c", "from newsgraph.cli import main; main()", *args],
                          cwd=cwd, env=env, capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def cli_run(bad_batch, tmp_path_factory):
    """`newsgraph analyze` then `newsgraph errors`, as a user runs them (separate processes)."""
    work = tmp_path_factory.mktemp("cli")
    analyze = _newsgraph("analyze", str(bad_batch), "--db", "bad.db", cwd=work)
    listing = _newsgraph("errors", "--db", "bad.db", cwd=work)
    return analyze, listing


def test_cli_analyze_exits_2_with_one_summary_line(cli_run):
    analyze, _ = cli_run
    assert analyze.returncode == 2, analyze.stderr
    lines = analyze.stdout.strip().splitlines()
    assert len(lines) == 1, analyze.stdout
    assert re.fullmatch(r"2 articles added, 0 already in the store, 14 rejected; \d+ stories in bad\.db "
                        r"\(see `newsgraph errors`\)", lines[0]), lines[0]


def test_no_traceback_reaches_the_user(cli_run):
    for run in cli_run:
        assert "Traceback" not in run.stderr
        assert "internal error" not in run.stderr


def test_cli_errors_lists_every_rejection_with_code_and_reason(cli_run):
    _, listing = cli_run
    assert listing.returncode == 0
    rows = [line.split("\t") for line in listing.stdout.strip().splitlines()]
    assert all(len(row) == 3 and row[2] for row in rows), rows
    assert {row[0]: row[1] for row in rows} == EXPECTED_CODES
