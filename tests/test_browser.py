"""The publication in a real browser: Debian's chromium, headless, driven by Playwright, against
a real Datasette on a loopback port serving the bundled dataset (hostile fixture included).

Playwright drives the system chromium (executable_path); it never downloads a browser.
"""

from __future__ import annotations

import json
import shutil
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import DATASET

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
HOSTILE_TITLE = "When a chat message is code"


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).is_file() and not shutil.which("chromium"):
        pytest.fail(
            "Debian's chromium is not installed: run `apt-get install -y chromium` "
            "(.ci/run does this before `make test`).",
            pytrace=False,
        )
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail("playwright is not installed: run `make install-test`.", pytrace=False)
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
        )
        yield launched
        launched.close()


@pytest.fixture
def page(browser, tmp_path: Path) -> Iterator[object]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    opened = context.new_page()
    opened.dialogs = []  # every alert/confirm/prompt the page tries to open
    opened.on("dialog", lambda dialog: (opened.dialogs.append(dialog.message), dialog.dismiss()))
    yield opened
    opened.screenshot(path=str(tmp_path / "final.png"), full_page=True)
    context.close()


def hostile_article_id(base: str) -> str:
    url = f"{base}/{DATASET}/articles.json?_shape=array&_search={urllib.request.quote('injection')}"
    with urllib.request.urlopen(url, timeout=10) as response:
        rows = [r for r in json.load(response) if r["title"].startswith(HOSTILE_TITLE)]
    assert len(rows) == 1, "the hostile fixture article must be in the built dataset"
    return rows[0]["id"]


def test_home_page_lists_tables_with_descriptions(page, datasette_url: str, tmp_path: Path) -> None:
    page.goto(datasette_url + "/")
    names = page.locator("dl.pw-tables dt").all_inner_texts()
    assert {"articles", "quotes", "claims", "stances", "quote_facts"} <= set(names)
    assert not [n for n in names if n == "facet_counts" or n.startswith("sqlite_") or "_fts" in n]
    quotes_description = page.locator(
        "xpath=//dl[@class='pw-tables']/dt[normalize-space()='quotes']/following-sibling::dd[1]"
    ).inner_text()
    assert quotes_description.startswith("Who said what")
    page.screenshot(path=str(tmp_path / "home.png"), full_page=True)


def test_facet_click_filters_quotes_by_speaker(page, datasette_url: str, tmp_path: Path) -> None:
    page.goto(f"{datasette_url}/{DATASET}/quotes")
    facet = page.locator(
        ".facet-info[data-column='speaker_entity_id'] a", has_text="Alex Stamos"
    ).first
    facet.click()
    page.wait_for_url("**speaker_entity_id=alex-stamos**")
    speakers = page.locator("td.col-speaker_entity_id").all_inner_texts()
    assert speakers and all("Alex Stamos" in s for s in speakers)
    page.screenshot(path=str(tmp_path / "facet.png"), full_page=True)


def test_canned_query_with_parameter_returns_rows(page, datasette_url: str, tmp_path: Path) -> None:
    page.goto(f"{datasette_url}/{DATASET}/who_said_what")
    page.fill("input[name='speaker']", "alex-stamos")
    page.locator("form.sql input[type='submit']").click()
    page.wait_for_url("**speaker=alex-stamos**")
    speakers = page.locator("td.col-speaker").all_inner_texts()
    assert speakers and set(speakers) == {"Alex Stamos"}
    page.screenshot(path=str(tmp_path / "query.png"), full_page=True)


def test_article_page_highlights_a_quote(page, datasette_url: str, tmp_path: Path) -> None:
    page.goto(f"{datasette_url}/{DATASET}/article/{hostile_article_id(datasette_url)}")
    highlight = page.locator(".pw-body a.pw-hl.pw-quote", has_text="careless renderer").first
    assert highlight.is_visible()
    background = highlight.evaluate("node => getComputedStyle(node).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent")  # visibly highlighted
    highlight.click()
    page.wait_for_url(f"**/{DATASET}/quotes/**")
    assert "careless renderer" in page.content()
    page.screenshot(path=str(tmp_path / "quote-row.png"), full_page=True)


@pytest.mark.parametrize(
    "where", ["article", "articles_row", "articles_search", "quotes_search", "feed_query"]
)
def test_hostile_fixture_is_inert(page, datasette_url: str, tmp_path: Path, where: str) -> None:
    article_id = hostile_article_id(datasette_url)
    url = {
        "article": f"{datasette_url}/{DATASET}/article/{article_id}",
        "articles_row": f"{datasette_url}/{DATASET}/articles/{article_id}",
        "articles_search": f"{datasette_url}/{DATASET}/articles?_search=onerror",
        "quotes_search": f"{datasette_url}/{DATASET}/quotes?_search=onerror",
        "feed_query": f"{datasette_url}/{DATASET}/new_articles_feed",
    }[where]
    page.goto(url)
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(300)  # time for any onerror handler to fire
    assert "onerror" in page.inner_text("body"), "the hostile text must be shown, as text"
    assert page.dialogs == [], f"a dialog opened: {page.dialogs}"
    assert page.locator("#pw-injected").count() == 0
    assert page.locator("img[onerror], [onload], [onclick]").count() == 0
    assert page.locator("a[href^='javascript:']").count() == 0
    assert page.evaluate("() => typeof window.presswatchHostile") == "undefined"
    page.screenshot(path=str(tmp_path / f"hostile-{where}.png"), full_page=True)
