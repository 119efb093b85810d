"""Copies: the same text seen again (another outlet's wire copy, the page read from a web archive,
the same words without an address) is recorded with its canonical article, never dropped, never
analysed, and counts once in its story. Articles written for these tests (fictional events)."""
from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsgraph.clean import near_duplicates as nd
from newsgraph.exports.document import export_store
from newsgraph.store.db import Store

BODY = ("Siemens is weighing a sale of its rail signalling business to Alstom, three people with knowledge of the "
        "talks said on Tuesday, in a deal that could value the unit at about 4 billion euros.\n\n"
        "The Munich group has been trimming its portfolio since last year and wants to put more money into "
        "factory software, where margins are wider and orders have grown for six quarters in a row.\n\n"
        "Alstom declined to comment. A Siemens spokesperson said the company does not comment on market "
        "rumours, and no decision had been taken.\n\n"
        "Signalling contracts are long and steady, which makes the unit attractive to a buyer that already "
        "builds trains and wants to sell whole systems to railway operators.\n")

OWN_ACCOUNT = ("Alstom has held early talks about buying the signalling arm of Siemens, a person close to the French "
               "train maker said on Wednesday, a day after the first reports of a possible sale.\n\n"
               "The person said any offer would hinge on how many of the unit's engineers would move to Alstom and "
               "on whether competition regulators in Brussels would object to the combination.\n\n"
               "Shares of Alstom rose 3 percent in Paris. Siemens repeated that it does not comment on rumours.\n")

OTHER_TOPIC = ("Lakeside Dairy will close its cheese plant near Tarnow next spring and move the work to a newer site "
               "in the south, the cooperative told its farmers in a letter on Monday.\n\n"
               "About 140 people work at the plant, which opened in 1978. The cooperative said most of them would be "
               "offered jobs at the new site or a payment if they chose to leave.\n")


def jsonl(path: Path, *records: dict) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def original(**extra) -> dict:
    return {"text": BODY, "title": "Siemens weighs sale of signalling unit to Alstom", "outlet": "Harbor Street Daily",
            "published_at": "2026-03-03T09:00:00+00:00", "url": "https://harbor.example/siemens-signalling", **extra}


def wire_copy(**extra) -> dict:
    """Another outlet running the same wire text under its own headline, dateline and credit line."""
    return {"text": "MUNICH, March 3 - " + BODY + "Reporting by Lena Vogt; editing by Tom Hale.\n",
            "title": "Siemens explores signalling unit sale - sources", "outlet": "Copper Valley Times",
            "published_at": "2026-03-03T11:30:00+00:00", "url": "https://cvt.example/wire/siemens", **extra}


# -- the signatures ---------------------------------------------------------------------------

@pytest.mark.parametrize("a, b, copy", [
    (BODY, BODY, True),
    (BODY, "  " + BODY.replace("\n\n", "\n").upper(), True),  # spacing and case do not matter
    (BODY, wire_copy()["text"], True),
    (BODY, OWN_ACCOUNT, False),  # the same event in other words is another article
    (BODY, OTHER_TOPIC, False),
])
def test_a_copy_is_told_from_another_article(a, b, copy):
    similarity = nd.signature(a).jaccard(nd.signature(b))
    assert (similarity >= 0.7) is copy, similarity


def test_a_stored_signature_reads_back_the_same():
    m = nd.signature(BODY)
    back = nd.from_bytes(nd.to_bytes(m))
    assert back.jaccard(m) == 1.0 and len(nd.to_bytes(m)) == 4 * nd.NUM_PERM
    assert nd.band_keys(back, 0.7) == nd.band_keys(m, 0.7)


def test_band_keys_bring_a_near_copy_and_not_another_text():
    keys = set(nd.band_keys(nd.signature(BODY), 0.7))
    assert keys & set(nd.band_keys(nd.signature(wire_copy()["text"]), 0.7))
    assert not keys & set(nd.band_keys(nd.signature(OTHER_TOPIC), 0.7))


# -- through analyze --------------------------------------------------------------------------

def test_a_run_lets_go_of_each_article_once_stored_and_still_finds_copies_of_it(tmp_path):
    """A long run keeps only the articles in flight in memory: a stored article is found through
    the store, so a copy arriving after it is still a copy."""
    from newsgraph.flow.copies import Arrivals, Kind
    from newsgraph.model import AnalyzeResult, Analysis, Article

    store = Store(str(tmp_path / "s.db"))
    arrivals = Arrivals(store)
    result = AnalyzeResult()
    texts = {"a1": BODY, "a2": OWN_ACCOUNT, "a3": OTHER_TOPIC}
    taken = [arrivals.take(Article(id=aid, source=f"{aid}.txt", text=text, outlet="Harbor Street Daily",
                                   title=f"Headline {aid}"), result) for aid, text in texts.items()]
    assert len(arrivals.run.signatures) == 3 and len(arrivals.pending_titles) == 3
    for article in taken:
        arrivals.store_analysis(article, Analysis(article_id=article.id))
    assert arrivals.run.signatures == {} and arrivals.pending_titles == {} and arrivals.pending == {}
    later = arrivals.classify(Article(id="c1", source="c1.txt", text=wire_copy()["text"], outlet="Copper Valley Times"))
    assert later.kind == Kind.COPY and later.same_as == "a1"


def test_an_article_another_writer_stored_meanwhile_is_left_as_it_is(tmp_path):
    """Two analyze runs on one store that both take the same new article: the one that stores it
    second finds it stored with the same text, and neither stores it again nor makes it a version."""
    from newsgraph.flow.copies import Arrivals, Kind
    from newsgraph.model import AnalyzeResult, Analysis, Article

    store = Store(str(tmp_path / "s.db"))
    article = Article(id="a1", source="a1.txt", text=BODY, outlet="Harbor Street Daily", title="Headline a1")
    first, second = Arrivals(store), Arrivals(Store(str(tmp_path / "s.db")))
    taken = [arrivals.take(article, AnalyzeResult()) for arrivals in (first, second)]
    assert taken == [article, article]  # both find it new: neither has stored it yet
    assert first.store_analysis(article, Analysis(article_id="a1")) == Kind.NEW
    assert second.store_analysis(article, Analysis(article_id="a1")) == Kind.UNCHANGED
    assert store.versions(["a1"]) == {} and [a.id for a in store.articles()] == ["a1"]
    edited = Article(id="a1", source="a1b.txt", text=BODY + " The company later added a statement.",
                     outlet="Harbor Street Daily", title="Headline a1")
    assert second.store_analysis(edited, Analysis(article_id="a1")) == Kind.VERSION
    assert first.store_analysis(edited, Analysis(article_id="a1")) == Kind.UNCHANGED
    assert [v.version for v in store.versions(["a1"])["a1"]] == [1, 2]


def test_a_wire_copy_is_recorded_as_a_copy_and_its_story_counts_it_once(tmp_path, analyze_with):
    db = tmp_path / "news.db"
    first = analyze_with([jsonl(tmp_path / "harbor.jsonl", original())], db)
    own = {"text": OWN_ACCOUNT, "title": "Alstom held talks on Siemens signalling arm", "outlet": "Pinecrest Wire",
           "published_at": "2026-03-04T08:00:00+00:00", "url": "https://pinecrest.example/alstom"}
    second = analyze_with([jsonl(tmp_path / "more.jsonl", wire_copy(), own)], db)
    assert len(first.added) == 1 and len(second.added) == 1 and len(second.copies) == 1, second
    store = Store(str(db))
    canonical = first.added[0]
    [copy] = store.copies()[canonical]
    assert (copy.outlet, copy.url, copy.source) == ("Copper Valley Times", "https://cvt.example/wire/siemens",
                                                     "more.jsonl#1")
    assert copy.published_at.hour == 11 and copy.similarity >= 0.7
    assert len(store.articles()) == 2  # the copy is no article of its own, and was not analysed
    export = export_store(store)
    [story] = [s for s in export["stories"] if canonical in s["article_ids"]]
    # every article read is in the export, the copy marked as such; the sources count it once
    assert sorted(story["article_ids"]) == sorted([canonical, second.added[0], copy.id])
    [copied] = [a for a in export["articles"] if a["id"] == copy.id]
    assert copied["copy_of"] == canonical and copied["outlet"] == "Copper Valley Times"
    echoed = [r for r in story["responses"] if r["article_id"] == copy.id]
    assert echoed and all(r["copy_of"] == canonical for r in echoed)
    assert len([r for r in story["responses"] if r["article_id"] == canonical]) == len(echoed)
    sources = [name for names in story["independent_sources"].values() for name in names]
    assert "Copper Valley Times" not in sources and len(sources) == 2
    [record] = [a for a in export["articles"] if a["id"] == canonical]
    assert [(c["outlet"], c["url"]) for c in record["copies"]] == [("Copper Valley Times",
                                                                    "https://cvt.example/wire/siemens")]
    # the same copy read again is nothing new
    again = analyze_with([tmp_path / "more.jsonl"], db)
    assert again.copies == [] and again.added == [] and len(again.unchanged) == 2
    assert len(Store(str(db)).copies()[canonical]) == 1


def test_the_same_text_from_two_outlets_without_addresses_is_kept_for_both(tmp_path, analyze_with):
    db = tmp_path / "news.db"
    a = {"text": BODY, "title": "Siemens weighs signalling sale", "outlet": "Harbor Street Daily"}
    b = {"text": BODY, "title": "Siemens weighs signalling sale", "outlet": "Copper Valley Times"}
    result = analyze_with([jsonl(tmp_path / "both.jsonl", a, b)], db)
    assert len(result.added) == 1 and len(result.copies) == 1 and not result.unchanged, result
    store = Store(str(db))
    [copy] = store.copies()[result.added[0]]
    assert copy.outlet == "Copper Valley Times" and copy.url is None and copy.similarity == 1.0
    # the second outlet's text on its own in a later run: still recorded once, not dropped or doubled
    later = analyze_with([jsonl(tmp_path / "b.jsonl", b)], db)
    assert later.unchanged == [result.added[0]] and later.copies == []


def _warc(path: Path, url: str, html: str) -> Path:
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=False)
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(html.encode("utf-8")),
                                                      http_headers=headers))
    return path


PAGE = f"""<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Siemens weighs sale of signalling unit to Alstom | Harbor Street Daily</title>
<meta property="og:site_name" content="Harbor Street Daily">
<meta property="og:title" content="Siemens weighs sale of signalling unit to Alstom">
<meta property="article:published_time" content="2026-03-03T09:00:00+00:00">
</head><body><nav><a href="/">Home</a> <a href="/markets">Markets</a></nav><article>
<h1>Siemens weighs sale of signalling unit to Alstom</h1>
{"".join(f"<p>{p}</p>" for p in BODY.split(chr(10) * 2) if p.strip())}
</article><footer>All rights reserved.</footer></body></html>"""


def test_a_page_saved_as_html_and_in_a_web_archive_is_stored_once(tmp_path, analyze_with):
    db = tmp_path / "news.db"
    (tmp_path / "in").mkdir()
    html = tmp_path / "in" / "siemens.html"
    html.write_text(PAGE, encoding="utf-8")
    warc = _warc(tmp_path / "in" / "crawl.warc", "https://harbor.example/siemens-signalling", PAGE)
    first = analyze_with([html], db)
    second = analyze_with([warc], db)
    assert len(first.added) == 1 and second.added == [] and len(second.copies) == 1, second
    store = Store(str(db))
    [article] = store.articles()
    [copy] = store.copies()[article.id]
    assert (article.source, article.url) == ("siemens.html", None)
    assert (copy.source, copy.url, copy.outlet) == ("crawl.warc#1", "https://harbor.example/siemens-signalling",
                                                    "Harbor Street Daily")
    assert copy.similarity == 1.0 and copy.published_at == article.published_at
    assert analyze_with([tmp_path / "in"], db).copies == []  # both again, in one run: nothing new


def test_the_html_and_the_archive_in_one_run_make_one_article_and_one_copy(tmp_path, analyze_with):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "siemens.html").write_text(PAGE, encoding="utf-8")
    _warc(tmp_path / "in" / "crawl.warc", "https://harbor.example/siemens-signalling", PAGE)
    result = analyze_with([tmp_path / "in"], tmp_path / "news.db")
    assert len(result.added) == 1 and len(result.copies) == 1 and not result.rejected, result


def test_the_story_page_says_where_else_the_article_ran(tmp_path, analyze_with):
    from fastapi.testclient import TestClient

    from newsgraph.settings import Settings
    from newsgraph.web.app import create_app

    db = tmp_path / "news.db"
    result = analyze_with([jsonl(tmp_path / "both.jsonl", original(), wire_copy())], db)
    client = TestClient(create_app(settings=Settings(db=str(db), progress=False)))
    story = Store(str(db)).stories()[0]
    page = client.get(f"/stories/{story.id}").text
    assert "also in" in page and "Copper Valley Times" in page and "https://cvt.example/wire/siemens" in page
    assert "1 articles (and 1 copy elsewhere)" in page
    data = client.get(f"/api/stories/{story.id}").json()
    assert [c["outlet"] for a in data["articles"] for c in a["copies"]] == ["Copper Valley Times"]
    assert result.copies


def test_the_stories_list_names_the_outlet_of_a_copy_and_counts_one_article(tmp_path, analyze_with):
    from fastapi.testclient import TestClient

    from newsgraph.settings import Settings
    from newsgraph.web.app import create_app

    db = tmp_path / "news.db"
    analyze_with([jsonl(tmp_path / "both.jsonl", original(), wire_copy())], db)
    client = TestClient(create_app(settings=Settings(db=str(db), progress=False)))
    [row] = client.get("/api/stories").json()["stories"]
    assert row["article_count"] == 1 and row["outlets"] == ["Copper Valley Times", "Harbor Street Daily"]
    assert client.get("/api/stories", params={"outlet": "Copper Valley Times"}).json()["count"] == 1


def test_the_cli_says_how_many_copies_it_recorded(tmp_path):
    from click.testing import CliRunner

    from newsgraph.cli import cli

    path = jsonl(tmp_path / "both.jsonl", original(), wire_copy())
    out = CliRunner().invoke(cli, ["analyze", str(path), "--db", str(tmp_path / "news.db")])
    assert out.exit_code == 0, out.output
    assert out.stdout.startswith("1 articles added, 0 already in the store, 0 rejected, 1 copies recorded;")


def test_a_store_made_before_copies_gains_the_tables_and_signs_its_articles(tmp_path, analyze_with):
    from sqlalchemy import delete, inspect, text

    from newsgraph.store import schema

    db = tmp_path / "old.db"
    first = analyze_with([jsonl(tmp_path / "a.jsonl", original())], db)
    with Store(str(db)).engine.begin() as conn:  # as a store from before migration 0008 looks
        for table in ("signature_bands", "article_signatures", "article_copies", "article_versions"):
            conn.execute(text(f"DROP TABLE {table}"))
        for table in ("mentions", "reports", "responses", "facts", "events"):
            conn.execute(text(f"ALTER TABLE {table} DROP COLUMN version"))
        conn.execute(delete(schema.migrations).where(schema.migrations.c.name == "0008_copies_versions"))
    with Store(str(db)).engine.connect() as conn:
        assert "version" in {c["name"] for c in inspect(conn).get_columns("responses")}
    later = analyze_with([jsonl(tmp_path / "b.jsonl", wire_copy())], db)  # the old article is signed first
    assert later.copies and Store(str(db)).copies()[first.added[0]][0].outlet == "Copper Valley Times"


def test_an_upload_that_is_a_copy_is_recorded_and_the_answer_says_so(tmp_path, pipeline):
    from fastapi.testclient import TestClient

    from newsgraph.settings import Settings
    from newsgraph.web.app import create_app

    client = TestClient(create_app(settings=Settings(db=str(tmp_path / "web.db"), progress=False), pipeline=pipeline))
    first = client.post("/api/articles", json=original())
    assert first.status_code == 201, first.text
    second = client.post("/api/articles", json=wire_copy())
    assert second.status_code == 200, second.text
    body = second.json()
    assert body["added"] == [] and len(body["copies"]) == 1 and body["revised"] == []
    [canonical] = first.json()["added"]
    assert "Copper Valley Times" in client.get(f"/articles/{canonical}").text
    assert [c["outlet"] for c in client.get(f"/api/articles/{canonical}").json()["copies"]] == ["Copper Valley Times"]


def test_the_cli_story_lists_the_copies_of_its_articles(tmp_path, analyze_with):
    from click.testing import CliRunner

    from newsgraph.cli import cli

    db = tmp_path / "news.db"
    analyze_with([jsonl(tmp_path / "both.jsonl", original(), wire_copy())], db)
    story = Store(str(db)).stories()[0]
    out = CliRunner().invoke(cli, ["show", story.id, "--db", str(db)])
    assert out.exit_code == 0, out.output
    assert "also in Copper Valley Times, 2026-03-03 11:30+00:00 https://cvt.example/wire/siemens" in out.stdout
