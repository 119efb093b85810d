"""The web interface in a real headless Chromium (Debian's `chromium`, driven by Playwright).

Opens the demo store, searches, opens a story, clicks a ledger entry and checks that its sentence
is highlighted in the article (with JavaScript on and off), and draws a company's charts from the
bundled plotly.js without touching the network. Screenshots go to test-output/web/ (and to
$NEWSGRAPH_SCREENSHOTS, which `make screenshots` points at docs/screenshots/).
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from newsgraph.web import create_app
from web_support import live_server

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[1]
OUTPUT = REPO / "test-output" / "web"
HIGHLIGHT = "rgb(255, 179, 0)"  # mark.ev:target and mark.ev.active in static/style.css
VIEWPORT = {"width": 1440, "height": 900}


def chromium_path() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if not found:
        pytest.skip("Debian's chromium is not installed and `make setup` could not install it "
                    "(apt-get install chromium); the browser tests need it")
    return found


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is a test dependency: run `make setup`")
    path = chromium_path()
    with sync_api.sync_playwright() as p:
        # --no-sandbox: the tests may run as root (CI containers), where Chromium's sandbox refuses to start
        b = p.chromium.launch(executable_path=path, headless=True, args=["--no-sandbox"])
        yield b
        b.close()


@pytest.fixture(scope="module")
def base_url(demo_store, pipeline):
    with live_server(create_app(str(demo_store.db), pipeline=pipeline)) as url:
        yield url


@pytest.fixture(scope="module")
def story(demo_store) -> dict:
    """The demo story with the most responses, and a word to find it by."""
    best = max(demo_store.export["stories"], key=lambda s: (len(s["responses"]), s["id"]))
    return best


def shoot(page, name: str, full_page: bool = False, for_docs: bool = True) -> Path:
    OUTPUT.mkdir(parents=True, exist_ok=True)
    path = OUTPUT / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    extra = os.environ.get("NEWSGRAPH_SCREENSHOTS")
    if extra and for_docs:
        target = Path(extra) if Path(extra).is_absolute() else REPO / extra
        target.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target / path.name)
    print(f"screenshot: {path}")
    return path


def new_page(browser, base_url: str, **options):
    context = browser.new_context(viewport=VIEWPORT, **options)
    page = context.new_page()
    outside: list[str] = []
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith((base_url, "data:")) else None)
    return page, outside


def search_word(story: dict, demo_store) -> str:
    """A long word of the story's first article's title."""
    article = next(a for a in demo_store.export["articles"] if a["id"] == story["article_ids"][0])
    return max((w.strip(".,:;'\"()") for w in (article["title"] or article["text"]).split()), key=len)


def test_search_open_a_story_and_see_a_ledger_entry_highlighted(browser, base_url, story, demo_store):
    page, outside = new_page(browser, base_url)
    page.goto(base_url + "/")
    assert page.locator("table.stories tr.story-row").count() == len(demo_store.export["stories"])
    shoot(page, "stories-list")

    word = search_word(story, demo_store)
    page.fill("header input[name=q]", word)
    page.press("header input[name=q]", "Enter")
    page.wait_for_url(lambda url: "q=" in url)
    link = page.locator(f"a.story-link[href='/stories/{story['id']}']")
    assert link.count() == 1, f"searching for {word!r} did not list the story"
    assert page.locator("tr.story-row .snippet mark").count() >= 1

    link.click()
    page.wait_for_url(f"**/stories/{story['id']}")
    assert page.locator("h1").inner_text().strip() == story["title"]
    entries = page.locator("table.ledger a.ev-link")
    assert entries.count() == len(story["responses"])

    entry = entries.nth(min(2, entries.count() - 1))
    anchor = entry.get_attribute("href").lstrip("#")
    entry.click()
    mark = page.locator(f"mark#{anchor}")
    page.wait_for_function("id => document.getElementById(id).classList.contains('active')", arg=anchor)
    assert mark.evaluate("el => getComputedStyle(el).backgroundColor") == HIGHLIGHT
    words = entry.inner_text().strip("“”")
    assert words in mark.inner_text() or mark.inner_text() in words
    page.wait_for_timeout(600)  # the smooth scroll
    box, view = mark.bounding_box(), page.viewport_size
    assert box and 0 <= box["y"] < view["height"] and 0 <= box["x"] < view["width"], "the sentence is not in view"
    assert page.locator("table.ledger tbody.selected").count() == 1
    shoot(page, "story")
    assert not outside, f"the page fetched from outside the server: {outside[:3]}"
    page.context.close()


def test_with_javascript_off_the_link_still_highlights_its_sentence(browser, base_url, story):
    page, _ = new_page(browser, base_url, java_script_enabled=False)
    page.goto(f"{base_url}/stories/{story['id']}")
    entry = page.locator("table.ledger a.ev-link").first
    anchor = entry.get_attribute("href").lstrip("#")
    entry.click()
    page.wait_for_url(f"**#{anchor}")
    assert page.locator(f"mark#{anchor}").evaluate("el => el.matches(':target')")
    assert page.locator(f"mark#{anchor}").evaluate("el => getComputedStyle(el).backgroundColor") == HIGHLIGHT
    shoot(page, "story-no-js", for_docs=False)
    page.context.close()


def test_a_company_page_draws_its_charts_offline(browser, base_url, story, demo_store):
    from fastapi.testclient import TestClient

    page, outside = new_page(browser, base_url)
    companies = [e for e in demo_store.export["entities"] if e["type"] == "company" and e["id"] in story["entity_ids"]]
    api = TestClient(create_app(str(demo_store.db)))
    charted = next(e for e in companies if any(sum(1 for r in rows if r["published_at"]) >= 2
                                              for rows in api.get(f"/api/entities/{e['id']}").json()["facts"].values()))
    page.goto(f"{base_url}/entities/{charted['id']}")
    page.wait_for_selector(".plotly-graph-div .main-svg", timeout=20_000)
    assert page.locator(".plotly-graph-div .scatterlayer .point").count() >= 2
    assert page.locator("h1").inner_text().startswith(charted["name"])
    shoot(page, "company", full_page=True)
    assert not outside, f"the page fetched from outside the server: {outside[:3]}"
    page.context.close()


def test_choosing_a_filter_applies_it(browser, base_url, demo_store):
    page, _ = new_page(browser, base_url)
    page.goto(base_url + "/")
    outlet = page.locator("select[name=outlet] option").nth(1).inner_text()
    with page.expect_navigation():
        page.select_option("select[name=outlet]", label=outlet)
    assert "outlet=" in page.url
    rows = page.locator("tr.story-row td.outlets")
    assert rows.count() >= 1
    assert all(outlet in rows.nth(i).inner_text() for i in range(rows.count()))
    page.context.close()


# -- a story of many articles from outlets with long names, at 1,400 px -------------------------
# Written for this test (a fictional sale); the outlet names are long on purpose, one has no space.
CROWDED_OUTLETS = [
    "The Northern Provinces Evening Chronicle and Commercial Dispatch",
    "Consolidated Maritime & Industrial Review (Weekend Edition)",
    "Harbourside Business Journal International",
    "Greater Lakeland Regional Financial Observer",
    "Transcontinental Paper & Packaging Trade Bulletin",
    "TheVeryLongUnbrokenOutletNameWithoutAnySpacesAtAllDailyDigest",
    "Pacific Rim Markets and Manufacturing Monitor",
    "Independent Valley Courier-Gazette & Morning Telegraph",
]
CROWDED_TEXTS = [
    "Kestrel Mills is in talks to sell its Halden paper mill to Ferro Lane Holdings for about $310 million, according "
    "to people familiar with the matter. The mill employs 640 workers and produced 410,000 tonnes of paper last year. "
    "Kestrel Mills declined to comment on the talks. Ferro Lane Holdings did not respond to a request for comment.",
    "Ferro Lane Holdings is negotiating to buy the Halden paper mill from Kestrel Mills for roughly $310 million, "
    "people familiar with the talks said. The Halden mill has 640 workers. A Kestrel Mills spokeswoman said the "
    "company does not comment on market speculation. Ferro Lane Holdings did not reply to questions.",
    "Kestrel Mills and Ferro Lane Holdings are discussing a sale of the Halden paper mill, valued at about $310 "
    "million, according to two people with knowledge of the matter. Kestrel Mills declined to comment. The Halden "
    "mill produced 410,000 tonnes of paper last year.",
    "Shares of Kestrel Mills rose 4% after reports that the company is in talks to sell its Halden paper mill to "
    "Ferro Lane Holdings for about $310 million. Kestrel Mills declined to comment on the reports. The mill employs "
    "640 people.",
    "Kestrel Mills is weighing a sale of its Halden paper mill to Ferro Lane Holdings in a deal worth about $310 "
    "million, people familiar with the plan said. Ferro Lane Holdings declined to comment. The Halden paper mill "
    "employs 640 workers.",
    "Kestrel Mills confirmed on Tuesday that it is in talks with Ferro Lane Holdings about the sale of its Halden "
    "paper mill. The deal would value the mill at about $310 million. The Halden mill employs 640 workers and "
    "produced 410,000 tonnes of paper last year.",
    "Ferro Lane Holdings confirmed it is in talks to acquire the Halden paper mill from Kestrel Mills for about $310 "
    "million. Kestrel Mills declined to comment. The Halden mill has 640 employees and made 410,000 tonnes of paper "
    "last year.",
    "The sale of the Halden paper mill by Kestrel Mills to Ferro Lane Holdings, worth about $310 million, could "
    "close this summer, people familiar with the talks said. Kestrel Mills declined to comment. Ferro Lane Holdings "
    "did not respond to a request for comment.",
]

# Everything on the story page that could be cut off at the side: what overflows its own box, and
# what reaches past the box of its container or past the window.
OVERFLOWS = """() => {
  const out = [];
  const view = document.documentElement.clientWidth;
  const name = el => `${el.tagName.toLowerCase()}.${el.className || ''} "${(el.innerText || '').slice(0, 40)}"`;
  const boxes = document.querySelectorAll(
    'article.story table, article.story th, article.story td, .panels > *, .columns, .column, .col-head, .col-head > *');
  for (const el of boxes) {
    if (el.scrollWidth > el.clientWidth + 1) out.push(`${name(el)} overflows: ${el.scrollWidth} > ${el.clientWidth}`);
    const box = el.getBoundingClientRect(), outer = el.parentElement.getBoundingClientRect();
    if (box.right > outer.right + 1 || box.left < outer.left - 1) out.push(`${name(el)} sticks out of its container`);
    if (box.right > view + 1 || box.left < -1) out.push(`${name(el)} is past the window's side`);
  }
  if (document.documentElement.scrollWidth > view) out.push('the page scrolls sideways');
  return out;
}"""


@pytest.fixture(scope="module")
def crowded_url(tmp_path_factory, pipeline):
    import json

    from conftest import analysed_store

    folder = tmp_path_factory.mktemp("crowded")
    with open(folder / "crowded.jsonl", "w", encoding="utf-8") as fh:
        for n, (outlet, text) in enumerate(zip(CROWDED_OUTLETS, CROWDED_TEXTS)):
            title = " ".join(text.split()[:9])
            fh.write(json.dumps({"outlet": outlet, "title": title, "text": text,
                                 "published_at": f"2026-11-{10 + n // 3:02d}T{8 + n:02d}:15:00+00:00"}) + "\n")
    store = analysed_store(folder, folder / "crowded.db", pipeline)
    story = max(store.export["stories"], key=lambda s: len(s["article_ids"]))
    assert len(story["article_ids"]) == len(CROWDED_TEXTS), "the eight articles of one sale should be one story"
    with live_server(create_app(str(store.db), pipeline=pipeline)) as url:
        yield f"{url}/stories/{story['id']}"


def test_at_1400_px_the_story_page_shows_every_article_and_clips_no_column(browser, crowded_url):
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    page.goto(crowded_url)
    columns = page.locator(".columns .column")
    assert columns.count() == len(CROWDED_TEXTS)
    assert page.evaluate(OVERFLOWS) == []
    heads = page.locator(".column .col-head .outlet")
    assert sorted(heads.all_inner_texts()) == sorted(CROWDED_OUTLETS)  # every outlet's whole name, none cut
    for i in range(columns.count()):  # each article reachable by scrolling down, never off to the side
        box = columns.nth(i).bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= 1400 and box["width"] >= 280
    for table in ("ledger", "facts"):
        assert page.locator(f"table.{table}").count() == 1, f"the story should have a {table} table to check"
    shoot(page, "story-1400", full_page=True, for_docs=False)
    context.close()
