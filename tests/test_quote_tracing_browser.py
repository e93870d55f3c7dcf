"""Quote tracing in a real browser (Debian's chromium, headless, through Playwright): the article
page marks the quotes that appeared earlier elsewhere and leads to "How a quotation travelled";
the disputed-attribution facet; quote text made of markup stays text on every one of these pages.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from presswatch.derive.quote_clusters import trace_quotes
from presswatch.publish import datasette_command, prepare_for_serving
from presswatch.store.schema import open_database

from tests.conftest import DATASET, REPO_ROOT, serving
from tests.test_browser import browser, page  # noqa: F401  (fixtures)
from tests.test_browser_pages import _assert_inert
from tests.test_publish_pages import ABOUT, BODY_D, build_pages_db, no_live_markup

HERALD = "https://www.fenwickherald.example/technology/2019/02/20/facebook-messaging-merger-what-experts-said"


def test_article_page_marks_quotes_seen_earlier_and_leads_to_their_travels(
    page,
    datasette_url: str,  # noqa: F811
    built_db_path: Path,
    tmp_path: Path,
) -> None:
    import sqlite_utils

    article_id = next(
        sqlite_utils.Database(built_db_path).query(
            "select id from articles where url = ?", [HERALD]
        )
    )["id"]
    page.goto(f"{datasette_url}/{DATASET}/article/{article_id}")
    earlier = page.locator(".pw-earlier-quotes li")
    assert earlier.count() == 3  # Natarajan's question, Castellanos's and Lindqvist's words
    question = page.locator(".pw-earlier-quotes li", has_text="whose data ends up where")
    assert "first in Capital Wire" in question.inner_text()
    assert "attributed to different speakers" in question.inner_text()
    assert page.locator(".pw-body a.pw-earlier").count() == 3
    page.screenshot(path=str(tmp_path / "article.png"), full_page=True)
    question.locator("a.pw-travel-link").click()
    page.wait_for_url("**/quote_travel?cluster=*")
    rows = page.locator("table.rows-and-columns tbody tr")
    assert rows.count() == 3
    outlets = [rows.nth(n).locator("td.col-outlet").inner_text() for n in range(3)]
    assert outlets == ["Capital Wire", "The Lakeshore Courier", "The Fenwick Herald"]
    speakers = [rows.nth(n).locator("td.col-speaker").inner_text() for n in range(3)]
    assert speakers == ["Priya Natarajan", "Priya Natarajan", "Helena Marsh"]
    relations = [rows.nth(n).locator("td.col-relation").inner_text() for n in range(3)]
    assert relations == ["identical", "syndicated copy", "identical"]
    page.screenshot(path=str(tmp_path / "travel.png"), full_page=True)
    # By words instead of a cluster id, and the facet of disputed attributions.
    page.goto(f"{datasette_url}/{DATASET}/quote_travel?cluster=&words=cheaper+to+run")
    assert page.locator("table.rows-and-columns tbody tr").count() == 2
    page.goto(f"{datasette_url}/{DATASET}/quote_clusters?disputed_attribution=1")
    assert page.locator("table.rows-and-columns tbody tr").count() == 1
    assert page.locator(".facet-info[data-column='disputed_attribution']").count() == 1


@pytest.fixture(scope="module")
def hostile_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """test_publish_pages' hostile database plus a later article repeating Eve's markup quote,
    attributed to a speaker whose name is markup too, and the quote-tracing pass run over it."""
    path = build_pages_db(tmp_path_factory.mktemp("trace") / "trace.db")
    db = open_database(path)
    quote = "<script>window.presswatchHostile = 1</script> is what I typed"
    body = f"Repeated: “{quote},” wrote <b>Bold</b> Bob."
    start = body.index(quote)
    with db.conn:
        db["articles"].insert(
            {
                "id": "art-e",
                "version": "ve",
                "source_id": "wire",
                "url": "https://bold.example/e",
                "title": "Repeated",
                "published": "2019-03-01T12:00:00+00:00",
                "publisher": "Wire Daily",
                "body": body,
                "is_fixture": 1,
            }
        )
        db["quotes"].insert(
            {
                "id": "q-e2",
                "article_id": "art-e",
                "article_version": "ve",
                "speaker_text": "<b>Bold</b> Bob",
                "content": quote,
                "content_start": start,
                "content_end": start + len(quote),
                "type": "direct",
                "kind": "writing",
            }
        )
    assert quote in BODY_D
    trace_quotes(db)
    assert db.execute("select disputed_attribution from quote_clusters").fetchall() == [(1,)]
    db.close()
    metadata = prepare_for_serving(path, REPO_ROOT / "metadata.yml", about=ABOUT)
    with serving(datasette_command(path, metadata)) as base:
        yield base


def test_quote_text_made_of_markup_stays_text(page, hostile_url: str, tmp_path: Path) -> None:  # noqa: F811
    for name, path in {
        "article": "/trace/article/art-e",
        "travel": "/trace/quote_travel?cluster=&words=typed",
        "disputed": "/trace/disputed_attributions?speaker=",
        "clusters": "/trace/quote_clusters",
        "members": "/trace/quote_cluster_members",
    }.items():
        page.goto(f"{hostile_url}{path}")
        _assert_inert(page)
        no_live_markup(page.content())
        page.screenshot(path=str(tmp_path / f"hostile-{name}.png"), full_page=True)
    page.goto(f"{hostile_url}/trace/article/art-e")
    assert (
        "<script>window.presswatchHostile = 1</script> is what I typed"
        in page.locator(".pw-earlier-quotes").inner_text()
    )
    page.goto(f"{hostile_url}/trace/quote_travel?cluster=&words=typed")
    assert "<b>Bold</b> Bob" in page.locator("table.rows-and-columns").inner_text()
