"""The journalist's way in, in a real browser (Debian's chromium, headless, through Playwright):
from the start page to everything one person said and to the coverage timeline, charts actually
drawn by Vega-Lite (an SVG with its axis titles), and hostile text inert on the new pages.

Two real Datasette servers on loopback: the bundled dataset built by the real CLI (conftest's
datasette_url), and the hand-made database with hostile rows (test_publish_pages' pages_url).
Set PRESSWATCH_UPDATE_SCREENSHOTS=1 to refresh docs/start-page.png from the start page test.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from tests.conftest import DATASET, REPO_ROOT
from tests.test_browser import browser, page  # noqa: F401  (fixtures)
from tests.test_publish_pages import DB as PAGES_DB
from tests.test_publish_pages import pages_url  # noqa: F401  (fixture)

DOCS_SCREENSHOT = REPO_ROOT / "docs" / "start-page.png"


def axis_titles(page, chart: str) -> set[str]:
    """The axis titles Vega drew in the chart's SVG."""
    page.wait_for_selector(f"{chart}[data-rendered='1'] svg")
    return set(page.locator(f"{chart} svg g.role-axis-title text").all_text_contents())


def test_start_page_to_everything_matthew_green_said(
    page, datasette_url: str, tmp_path: Path
) -> None:
    page.goto(f"{datasette_url}/{DATASET}")
    counts = {
        name: page.locator(f"[data-count='{name}']").inner_text()
        for name in ("articles", "outlets", "people_quoted", "quotes", "date_range")
    }
    assert counts["articles"] == "12"  # 10 articles, the Fenwick Herald re-quotes, the hostile page
    assert counts["date_range"].startswith("2019-01-26")
    groups = page.locator(".pw-table-group h3").all_inner_texts()
    assert groups[:4] == ["Coverage", "Who said what", "Derived views", "Crawl records"]
    page.screenshot(path=str(tmp_path / "start.png"), full_page=True)
    page.screenshot(path=str(tmp_path / "start-top.png"))  # what a visitor sees first
    if os.environ.get("PRESSWATCH_UPDATE_SCREENSHOTS") == "1":
        shutil.copy(tmp_path / "start-top.png", DOCS_SCREENSHOT)
    # One click: his name among the people on the start page.
    page.locator("#way-people a.pw-person-link", has_text="Matthew Green").click()
    page.wait_for_url(f"**/{DATASET}/person/matthew-green")
    assert page.locator("h1.pw-name").inner_text() == "Matthew Green"
    quotes = page.locator(".pw-quote blockquote").all_inner_texts()
    # The Global News article (the reconstructed real one) quotes him on the two possibilities.
    assert any("the integration could mean two things" in q for q in quotes)
    assert page.locator(".pw-quote-article").count() >= 2  # grouped under more than one article
    assert "Johns Hopkins" in page.locator("#roles").inner_text()
    assert {"Article published", "Stance"} <= axis_titles(page, "#person-stance-chart")
    page.screenshot(path=str(tmp_path / "person.png"), full_page=True)


def test_start_page_to_the_coverage_timeline(page, datasette_url: str, tmp_path: Path) -> None:
    outside = []
    page.on(
        "request", lambda r: outside.append(r.url) if not r.url.startswith(datasette_url) else None
    )
    page.goto(f"{datasette_url}/{DATASET}")
    page.locator("#way-timeline h3 a").click()
    page.wait_for_url(f"**/{DATASET}/-/charts")
    assert {"Day published", "Articles"} <= axis_titles(page, "#coverage-chart")
    assert (
        page.locator(
            "#coverage-chart svg path[role='graphics-symbol'], #coverage-chart svg .mark-rect path"
        ).count()
        >= 5
    )
    assert {"Month published", "Speaker"} <= axis_titles(page, "#stance-chart")
    assert {"Quotes", "Speaker"} <= axis_titles(page, "#people-chart")
    # The people chart's bars carry the values of quotes_per_person: Matthew Green's label is there.
    assert "Matthew Green" in page.locator("#people-chart svg.marks").text_content()
    page.screenshot(path=str(tmp_path / "charts.png"), full_page=True)
    assert outside == [], f"the charts page requested something outside the instance: {outside}"


def test_chart_hover_shows_the_value(page, datasette_url: str, tmp_path: Path) -> None:
    page.goto(f"{datasette_url}/{DATASET}/-/charts")
    page.wait_for_selector("#people-chart[data-rendered='1'] svg")
    bar = page.locator("#people-chart svg .mark-rect path").first
    bar.hover()
    tooltip = page.locator("#vg-tooltip-element")
    tooltip.wait_for(state="visible")
    text = tooltip.inner_text()
    assert "Speaker" in text and "Quotes" in text
    page.screenshot(path=str(tmp_path / "hover.png"))


def test_outlet_page_charts(page, datasette_url: str, tmp_path: Path) -> None:
    page.goto(f"{datasette_url}/{DATASET}")
    page.locator("#way-outlets a.pw-outlet-link", has_text="Global News").click()
    page.wait_for_url(f"**/{DATASET}/outlet/Global%20News")
    assert {"Day published", "Articles"} <= axis_titles(page, "#outlet-coverage-chart")
    assert {"Quotes", "Speaker"} <= axis_titles(page, "#outlet-speakers-chart")
    page.screenshot(path=str(tmp_path / "outlet.png"), full_page=True)


def _assert_inert(page) -> None:
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(300)  # time for any injected handler to fire
    assert page.dialogs == [], f"a dialog opened: {page.dialogs}"
    assert page.evaluate("() => typeof window.presswatchHostile") == "undefined"
    assert page.locator("img[onerror], [onload], [onclick]").count() == 0
    assert page.locator("#pw-injected, b:text('Bold'), i:text('chief')").count() == 0


def test_hostile_text_is_inert_on_the_new_pages(page, pages_url: str, tmp_path: Path) -> None:  # noqa: F811
    for name, path in {
        "start": "",
        "person": "/person/eve-hostile",
        "outlet": "/outlet/%3Cb%3EBold%3C%2Fb%3E%20Outlet",
        "search": "/-/search?q=typed",
        "charts": "/-/charts",
    }.items():
        page.goto(f"{pages_url}/{PAGES_DB}{path}")
        _assert_inert(page)
        page.screenshot(path=str(tmp_path / f"hostile-{name}.png"), full_page=True)
    page.goto(f"{pages_url}/{PAGES_DB}/person/eve-hostile")
    assert (
        page.locator("h1.pw-name").inner_text()
        == "Eve <script>window.presswatchHostile = 1</script> Hostile"
    )
    assert (
        "<script>window.presswatchHostile = 1</script> is what I typed"
        in page.locator("#quotes").inner_text()
    )
    # The chart draws the hostile title as text in its tooltip, not as markup.
    page.wait_for_selector("#person-stance-chart[data-rendered='1'] svg")
    page.locator("#person-stance-chart svg .mark-symbol path").first.hover()
    page.locator("#vg-tooltip-element").wait_for(state="visible")
    assert (
        "<script>window.presswatchHostile = 2</script>Typed"
        in page.locator("#vg-tooltip-element").inner_text()
    )
    _assert_inert(page)
