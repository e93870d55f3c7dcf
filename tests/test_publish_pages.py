"""The journalist's pages over a small hand-made database, served by a real Datasette on loopback:
the start page, person and outlet pages, search, charts data, links from names, hostile text.

The database is test_publish's hand-made one plus a hostile article whose speaker, quote, stance
evidence, role and outlet name are markup. Every expected value below was worked out by reading
those rows.
"""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlite_utils
from presswatch.publish import PUBLISH_DIR, datasette_command, prepare_for_serving
from presswatch.publish.metadata import dataset_about
from presswatch.publish.plugins.presswatch_charts import OTHER_OUTLETS, coverage_rows
from presswatch.publish.plugins.presswatch_person import evidence_sentences, group_quotes_by_article
from presswatch.publish.plugins.presswatch_start import first_sentence, group_tables

from tests.conftest import REPO_ROOT, serving
from tests.test_publish import build_handmade_db, span

DB = "pages"
HOSTILE_SPEAKER = "Eve <script>window.presswatchHostile = 1</script> Hostile"
HOSTILE_OUTLET = "<b>Bold</b> Outlet"
BODY_D = (
    "“<script>window.presswatchHostile = 1</script> is what I typed,” said Eve Hostile, "
    "the <i>chief</i> of nothing. “<img src=x onerror=alert(1)> is harmless,” Dana Reyes said."
)
# What the start page reads from dataset.yml (given here as `presswatch serve` gives it).
ABOUT = {
    "title": "Hand-made coverage <em>test</em>",
    "description": "Four articles written for the tests.",
    "stance_target": "The merger",
    "topics": ["antitrust", "privacy"],
    "keywords": [],
    "sources": 2,
}


def build_pages_db(path: Path) -> Path:
    build_handmade_db(path)
    db = sqlite_utils.Database(path)
    db["entities"].insert_all(
        [
            {"id": "eve-hostile", "name": HOSTILE_SPEAKER, "type": "person"},
            # An id as the NLP stage gives to a name found only in the text.
            {"id": "auto:org:bold-corp", "name": "Bold Corp", "type": "organization"},
        ]
    )
    db["articles"].insert(
        {
            "id": "art-d",
            "version": "vd",
            "source_id": "wire",
            "url": "https://bold.example/d",
            "title": "<script>window.presswatchHostile = 2</script>Typed",
            "published": "2019-02-02T12:00:00+00:00",
            "publisher": HOSTILE_OUTLET,
            "body": BODY_D,
            "is_fixture": 1,
        }
    )
    qe = span(BODY_D, "<script>window.presswatchHostile = 1</script> is what I typed")
    qd = span(BODY_D, "<img src=x onerror=alert(1)> is harmless")
    # quotes.kind: speech, writing, belief or according-to (pipeline/analyze/attribution_kinds.py).
    db["quotes"].insert_all(
        [
            {
                "id": "q-e",
                "article_id": "art-d",
                "article_version": "vd",
                "speaker_entity_id": "eve-hostile",
                "speaker_text": "Eve Hostile",
                "content": BODY_D[qe[0] : qe[1]],
                "content_start": qe[0],
                "content_end": qe[1],
                "type": "direct",
                "cue_text": "said",
                "kind": "writing",
            },
            {
                "id": "q-d",
                "article_id": "art-d",
                "article_version": "vd",
                "speaker_entity_id": "dana-reyes",
                "speaker_text": "Dana Reyes",
                "content": BODY_D[qd[0] : qd[1]],
                "content_start": qd[0],
                "content_end": qd[1],
                "type": "direct",
                "cue_text": "said",
                "kind": "speech",
            },
        ]
    )
    db["quotes"].update("q-a", {"kind": "speech"})
    db["stances"].insert(
        {
            "id": "s-e",
            "article_id": "art-d",
            "article_version": "vd",
            "entity_id": "eve-hostile",
            "target": "integration",
            "stance": "support",
            "confidence": 0.7,
            "evidence": json.dumps([{"text": BODY_D[qe[0] : qe[1]], "start": qe[0], "end": qe[1]}]),
        }
    )
    role = span(BODY_D, "Eve Hostile, the <i>chief</i> of nothing")
    db["person_roles"].insert(
        {
            "id": "r-e",
            "entity_id": "eve-hostile",
            "article_id": "art-d",
            "article_version": "vd",
            "role": "<i>chief</i>",
            "affiliation": "<script>alert(3)</script>",
            "sentence": BODY_D[role[0] : role[1]],
            "start_char": role[0],
            "end_char": role[1],
        }
    )
    db.conn.commit()
    return path


@pytest.fixture(scope="module")
def pages_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    path = build_pages_db(tmp_path_factory.mktemp("pages") / f"{DB}.db")
    metadata = prepare_for_serving(path, REPO_ROOT / "metadata.yml", about=ABOUT)
    with serving(datasette_command(path, metadata)) as base:
        yield base


def get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read().decode("utf-8")


def no_live_markup(html: str) -> None:
    """No scraped markup reached the page as markup (only its escaped text may be there)."""
    assert "<script>window.presswatchHostile" not in html
    assert "<img src=x" not in html and "<b>Bold</b>" not in html and "<i>chief</i>" not in html
    assert "<script>alert(3)" not in html


def chart_data(html: str, chart_id: str) -> dict:
    match = re.search(
        rf'id="{chart_id}"[^>]*>[^<]*</div><script type="application/json">(.*?)</script>',
        html,
        re.S,
    )
    assert match, f"no data for chart {chart_id}"
    return json.loads(match.group(1))


# --- pure parts -----------------------------------------------------------------------------


def test_first_sentence_of_a_description() -> None:
    assert (
        first_sentence("One row per article (identity = canonical URL). Bodies are clean.")
        == "One row per article (identity = canonical URL)."
    )
    assert first_sentence("No full stop here") == "No full stop here"
    assert first_sentence("") == ""


def test_tables_grouped_in_configured_order_rest_under_other() -> None:
    tables = [{"name": n} for n in ("runs", "quotes", "articles", "extra", "quote_facts")]
    grouped = group_tables(
        tables,
        {
            "Coverage": ["articles", "missing"],
            "Who said what": ["quotes"],
            "Derived views": ["quote_facts"],
            "Crawl records": ["runs"],
        },
    )
    assert [(g["heading"], [t["name"] for t in g["tables"]]) for g in grouped] == [
        ("Coverage", ["articles"]),
        ("Who said what", ["quotes"]),
        ("Derived views", ["quote_facts"]),
        ("Crawl records", ["runs"]),
        ("Other tables", ["extra"]),
    ]


def test_quotes_grouped_under_their_article_in_order() -> None:
    rows = [
        {"article_id": a, "article_title": a.upper(), "outlet": "O", "published": p, "quote_id": q}
        for a, p, q in (
            ("x", "2019-01-01", "1"),
            ("x", "2019-01-01", "2"),
            ("y", "2019-01-02", "3"),
        )
    ]
    grouped = group_quotes_by_article(rows)
    assert [(g["article_id"], [q["quote_id"] for q in g["quotes"]]) for g in grouped] == [
        ("x", ["1", "2"]),
        ("y", ["3"]),
    ]


def test_evidence_sentences_from_json() -> None:
    assert evidence_sentences('[{"text": " It is bad. ", "start": 0, "end": 9}, {"text": ""}]') == [
        "It is bad."
    ]
    assert evidence_sentences("[]") == [] and evidence_sentences(None) == []


def test_coverage_rows_keep_top_outlets_and_sum_the_rest() -> None:
    rows = [
        {"published_day": "2019-01-01", "outlet": "A", "articles": 5},
        {"published_day": "2019-01-01", "outlet": "B", "articles": 1},
        {"published_day": "2019-01-02", "outlet": "C", "articles": 2},
        {"published_day": "2019-01-02", "outlet": "B", "articles": 1},
    ]
    chart = coverage_rows(rows, top=1)
    assert chart["outlets"] == ["A", OTHER_OUTLETS] and chart["time_unit"] == "day"
    assert chart["rows"] == [
        {"period": "2019-01-01", "outlet": "A", "articles": 5},
        {"period": "2019-01-01", "outlet": OTHER_OUTLETS, "articles": 1},
        {"period": "2019-01-02", "outlet": OTHER_OUTLETS, "articles": 3},
    ]
    # Over a year and more, by month.
    long = coverage_rows(
        [
            {"published_day": "2019-01-05", "outlet": "A", "articles": 1},
            {"published_day": "2019-01-20", "outlet": "A", "articles": 2},
            {"published_day": "2020-06-01", "outlet": "A", "articles": 1},
        ]
    )
    assert long["time_unit"] == "month"
    assert long["rows"] == [
        {"period": "2019-01-01", "outlet": "A", "articles": 3},
        {"period": "2020-06-01", "outlet": "A", "articles": 1},
    ]


def test_dataset_about_from_dataset_yml() -> None:
    about = dataset_about(
        {
            "name": "x",
            "title": "X coverage",
            "description": "What X is.",
            "stance_target": {"id": "t", "label": "The deal"},
            "topics": {"b": [], "a": []},
            "sources": [{"id": "s"}],
        }
    )
    assert about == {
        "title": "X coverage",
        "description": "What X is.",
        "stance_target": "The deal",
        "topics": ["a", "b"],
        "keywords": [],
        "sources": 1,
    }


# --- the vendored chart libraries ------------------------------------------------------------


def test_chart_libraries_vendored_with_licences_at_pinned_versions() -> None:
    pinned = json.loads((PUBLISH_DIR / "js" / "package.json").read_text())["dependencies"]
    vendor = PUBLISH_DIR / "static" / "vendor"
    assert json.loads((vendor / "VERSIONS.json").read_text()) == pinned
    for package in pinned:
        build = (vendor / f"{package}.min.js").read_text(encoding="utf-8")
        assert len(build) > 10_000, package
        assert (
            "Redistribution and use in source and binary forms"
            in (vendor / f"{package}.LICENSE.txt").read_text()
        )
    assert not (PUBLISH_DIR / "static" / "presswatch-charts.js").exists(), (
        "the hand-written chart script is gone"
    )


def test_chart_libraries_are_served_by_the_instance(pages_url: str) -> None:
    for name in ("vega.min.js", "vega-lite.min.js", "vega-embed.min.js", "vega.LICENSE.txt"):
        with urllib.request.urlopen(
            f"{pages_url}/presswatch-static/vendor/{name}", timeout=10
        ) as response:
            assert response.status == 200 and len(response.read()) > 1000


# --- the start page ----------------------------------------------------------------------------


def test_start_page_says_what_the_dataset_covers_with_counts(pages_url: str) -> None:
    html = get(f"{pages_url}/{DB}")
    assert (
        "Hand-made coverage &lt;em&gt;test&lt;/em&gt;" in html
        and "Four articles written for the tests." in html
    )
    counts = dict(re.findall(r'data-count="(\w+)">([^<]+)<', html))
    # 4 articles (a, b, c, d) from 3 outlets; Dana Reyes, Tom Hale, Eve: 3 people; 5 quotes.
    assert counts == {
        "articles": "4",
        "outlets": "3",
        "people_quoted": "3",
        "quotes": "5",
        "date_range": "2019-01-26 – 2019-02-02",
    }
    no_live_markup(html)


def test_start_page_ways_in_come_before_the_grouped_tables(pages_url: str) -> None:
    html = get(f"{pages_url}/{DB}")
    ways = [
        f'href="/{DB}/who_said_what?speaker=&amp;stance="',
        f'href="/{DB}/person/tom-hale"',
        f'href="/{DB}/outlet/The%20Ledger"',
        f'href="/{DB}/-/charts"',
        f'href="/{DB}/events?_sort=date"',
        f'action="/{DB}/-/search"',
    ]
    positions = [html.find(w) for w in ways]
    assert all(p > 0 for p in positions), dict(zip(ways, positions))
    headings = [
        h
        for h in re.findall(r"<h3>([^<]+)</h3>", html)
        if h in ("Coverage", "Who said what", "Derived views", "Crawl records", "Other tables")
    ]
    assert headings[:4] == ["Coverage", "Who said what", "Derived views", "Crawl records"]
    assert max(positions) < html.find("<h3>Coverage</h3>")
    # Each table with the first sentence of its description.
    assert re.search(
        r'/quotes">quotes</a>.*?<dd>Who said what — direct and reported speech with the speaker, '
        r"the cue verb and the quoted content, with offsets into the article body\.</dd>",
        html,
        re.S,
    )


# --- person pages ------------------------------------------------------------------------------


def test_person_page_gathers_roles_stances_and_quotes_by_article(pages_url: str) -> None:
    html = get(f"{pages_url}/{DB}/person/tom-hale")
    assert '<h1 class="pw-name">Tom Hale</h1>' in html
    assert "analyst, Brightline" in html and "<q>Tom Hale of Brightline</q>" in html
    # Two articles, each with its quote: Wire Daily's (28 Jan, 09:00) before The Ledger's (15:00).
    groups = re.findall(r'<section class="pw-quote-article" data-article-id="([^"]+)">', html)
    assert groups == ["art-b", "art-c"]
    assert html.count("<blockquote>Regulators will act</blockquote>") == 2
    stances = re.findall(r'class="pw-stance pw-stance-(\w+)" href="/pages/stances/(s-\w)"', html)
    assert stances == [("oppose", "s-b"), ("mixed", "s-c")]
    assert chart_data(html, "person-stance-chart")["rows"][0]["stance"] == "oppose"
    for href in (
        f"/{DB}/entities/tom-hale",
        f"/{DB}/who_said_what?speaker=tom-hale&amp;stance=",
        f"/{DB}/quotes/q-b",
        f"/{DB}/article/art-c",
        f"/{DB}/stances_of_a_person?person=tom-hale",
    ):
        assert f'href="{href}"' in html, href
    assert "Nobody else is quoted in their articles." in html


def test_person_page_shows_a_quotes_kind_and_who_they_are_quoted_beside(pages_url: str) -> None:
    html = get(f"{pages_url}/{DB}/person/dana-reyes")
    kinds = re.findall(r'<span class="pw-kind">([^<·]+)', html)
    assert [k.strip() for k in kinds] == ["speech", "speech"]
    # Quoted in art-d beside Eve: one article in common.
    assert re.search(
        r'href="/pages/person/eve-hostile">Eve &lt;script&gt;window.presswatchHostile = 1'
        r'&lt;/script&gt; Hostile</a> <span class="pw-n">1</span>',
        html,
    )


def test_person_page_of_hostile_text_stays_text(pages_url: str) -> None:
    html = get(f"{pages_url}/{DB}/person/eve-hostile")
    no_live_markup(html)
    assert "&lt;script&gt;window.presswatchHostile = 1&lt;/script&gt; is what I typed" in html
    assert "&lt;i&gt;chief&lt;/i&gt;, &lt;script&gt;alert(3)&lt;/script&gt;" in html
    # The chart rows are JSON whose < and > are escaped, so they cannot close the script element.
    raw = re.search(
        r'id="person-stance-chart"[^>]*>[^<]*</div><script type="application/json">(.*?)</script>',
        html,
        re.S,
    )
    assert raw and "<" not in raw.group(1)
    assert chart_data(html, "person-stance-chart")["rows"][0]["article_title"].startswith(
        "<script>"
    )


def test_unknown_person_is_404(pages_url: str) -> None:
    with pytest.raises(urllib.error.HTTPError) as caught:
        get(f"{pages_url}/{DB}/person/nobody-here")
    assert caught.value.code == 404


def test_names_link_to_person_and_outlet_pages(pages_url: str) -> None:
    html = get(f"{pages_url}/{DB}/quote_facts")
    assert f'href="/{DB}/person/tom-hale" class="pw-person-link">Tom Hale</a>' in html
    assert f'href="/{DB}/outlet/Wire%20Daily" class="pw-outlet-link">Wire Daily</a>' in html
    rows = get(f"{pages_url}/{DB}/who_said_what?speaker=dana-reyes&stance=")
    assert f'href="/{DB}/person/dana-reyes" class="pw-person-link">Dana Reyes</a>' in rows
    entities = get(f"{pages_url}/{DB}/entities")
    assert f'href="/{DB}/person/whatsapp" class="pw-person-link">WhatsApp</a>' in entities
    # A source table's foreign key: the name opens the person page, the id the entities row.
    quotes = get(f"{pages_url}/{DB}/quotes?speaker_entity_id=tom-hale")
    assert (
        f'<a href="/{DB}/person/tom-hale" class="pw-person-link">Tom Hale</a> '
        f'<a href="/{DB}/entities/tom-hale" class="pw-row-link">tom-hale</a>'
    ) in quotes
    # The article page names the people it quotes.
    article = get(f"{pages_url}/{DB}/article/art-d")
    assert re.findall(r'class="pw-person-link" href="/pages/person/([^"]+)"', article) == [
        "eve-hostile",
        "dana-reyes",
    ]
    assert f'href="/{DB}/outlet/%3Cb%3EBold%3C%2Fb%3E%20Outlet"' in article
    no_live_markup(html + rows + entities + quotes + article)


def test_person_page_of_an_id_with_colons(pages_url: str) -> None:
    html = get(f"{pages_url}/{DB}/person/" + urllib.parse.quote("auto:org:bold-corp", safe=""))
    assert '<h1 class="pw-name">Bold Corp</h1>' in html and "No quotes attributed to them." in html
    assert f'href="/{DB}/entities/auto~3Aorg~3Abold-corp"' in html
    assert "Bold Corp" in get(f"{pages_url}/{DB}/entities/auto~3Aorg~3Abold-corp")


# --- outlet pages, search, charts --------------------------------------------------------------


def test_outlet_page_articles_speakers_and_stances(pages_url: str) -> None:
    html = get(f"{pages_url}/{DB}/outlet/The%20Ledger")
    assert "<strong>2</strong> articles, 2019-01-26 – 2019-01-28" in html
    assert [r["articles"] for r in chart_data(html, "outlet-coverage-chart")["rows"]] == [1, 1]
    assert {
        (r["speaker"], r["quotes"]) for r in chart_data(html, "outlet-speakers-chart")["rows"]
    } == {("Dana Reyes", 1), ("Tom Hale", 1)}
    # The Ledger gives Dana Reyes 'oppose' (art-a) and Tom Hale 'mixed' (art-c).
    table = html[html.index("pw-outlet-stances") :]
    assert re.search(r"Dana Reyes</a></td><td></td><td>1</td><td></td>", table)
    assert re.search(r"Tom Hale</a></td><td></td><td></td><td>1</td>", table)


def test_outlet_page_of_a_hostile_outlet_name(pages_url: str) -> None:
    html = get(f"{pages_url}/{DB}/outlet/" + urllib.parse.quote(HOSTILE_OUTLET, safe=""))
    no_live_markup(html)
    assert '<h1 class="pw-name">&lt;b&gt;Bold&lt;/b&gt; Outlet</h1>' in html


def test_search_finds_quotes_and_articles(pages_url: str) -> None:
    html = get(f"{pages_url}/{DB}/-/search?q=regulators")
    quotes = html[html.index('id="quote-results"') : html.index('id="article-results"')]
    assert quotes.count("<blockquote>Regulators will act</blockquote>") == 2
    articles = html[html.index('id="article-results"') :]
    assert {"/pages/article/art-a", "/pages/article/art-b", "/pages/article/art-c"} <= set(
        re.findall(r'href="(/pages/article/[^"]+)"', articles)
    )
    hostile = get(f"{pages_url}/{DB}/-/search?q=" + urllib.parse.quote("<script>typed"))
    no_live_markup(hostile)
    assert 'value="&lt;script&gt;typed"' in hostile


def test_charts_page_draws_the_canned_queries_rows(pages_url: str) -> None:
    html = get(f"{pages_url}/{DB}/-/charts")
    coverage = chart_data(html, "coverage-chart")
    assert sum(r["articles"] for r in coverage["rows"]) == 4
    assert {(r["period"], r["outlet"], r["articles"]) for r in coverage["rows"]} == {
        ("2019-01-26", "The Ledger", 1),
        ("2019-01-28", "The Ledger", 1),
        ("2019-01-28", "Wire Daily", 1),
        ("2019-02-02", HOSTILE_OUTLET, 1),
    }
    people = chart_data(html, "people-chart")["rows"]
    assert [(r["speaker"], r["quotes"]) for r in people][:2] == [("Dana Reyes", 2), ("Tom Hale", 2)]
    stances = chart_data(html, "stance-chart")["rows"]
    assert {(r["speaker"], r["published_month"], r["stance"]) for r in stances} == {
        ("Dana Reyes", "2019-01-01", "oppose"),
        ("Tom Hale", "2019-01-01", "oppose"),
        ("Tom Hale", "2019-01-01", "mixed"),
        (HOSTILE_SPEAKER, "2019-02-01", "support"),
    }
    for query in (
        "coverage_timeline?outlet=",
        "stance_over_time?speaker=",
        "quotes_per_person?top=25",
    ):
        assert f'href="/{DB}/{query}"' in html, query
    no_live_markup(html)
