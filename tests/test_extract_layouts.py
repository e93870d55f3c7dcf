"""Six publisher layouts written for presswatch (tests/fixtures/extract/layouts), each with its
ground truth beside it (NAME.json, the benchmark format) and the metadata below, all written by
reading the pages: live blog, AMP, microdata with a mis-declared charset, a print version in
undeclared windows-1252, a paywalled teaser, and a wire story with invalid JSON-LD.

Plus the dataset's own Global News page, whose body must equal the seed's article paragraphs.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from presswatch.extract import Article, extract_article

LAYOUTS = Path(__file__).parent / "fixtures" / "extract" / "layouts"
ROOT = Path(__file__).parent.parent
SEED_PARAGRAPHS = ROOT / "tests" / "fixtures" / "extract" / "globalnews_seed_paragraphs.txt"
NAMES = sorted(path.stem for path in LAYOUTS.glob("*.html"))

# Fields beyond the benchmark truth, read off each page (None: the page does not say).
GOLD: dict[str, dict[str, Any]] = {
    "liveblog_pinewood_gazette": {
        "publisher": "Pinewood Gazette",
        "modified": "2019-02-20T12:41:00-05:00",
        "section": "Business",
        "language": "en",
        "subtitle": "A Commons committee questions officials about what a merged messaging back end would mean for Canadians' data. Follow along for updates.",
        "agency": None,
        "paywall": None,
        "credits": [],
        "canonical_url": "https://www.pinewoodgazette.example/live/2019/02/20/messaging-merger-hearing-live/",
        "kinds": ["heading", "paragraph", "paragraph", "heading", "paragraph", "paragraph",
                  "heading", "paragraph", "blockquote", "paragraph", "heading", "paragraph",
                  "heading", "paragraph"],
        "provenance": {"published": "json-ld", "authors": "json-ld"},
    },
    "amp_harbourlight": {
        "publisher": "Harbourlight News",
        "modified": "2019-02-11T08:30:00+00:00",
        "section": "Business",
        "language": "en",
        "subtitle": "Shops that sell through chat apps say a single inbox would help, if the rules stay clear.",
        "agency": "Capital Wire",  # an Organization among the JSON-LD authors
        "paywall": False,
        "credits": ["Capital Wire"],
        "canonical_url": "https://harbourlight.example/business/2019/02/11/small-businesses-messaging-tie-up",
        "kinds": ["paragraph", "paragraph", "paragraph", "heading", "paragraph", "list-item",
                  "list-item", "paragraph"],
        "provenance": {"agency": "json-ld", "paywall": "json-ld", "canonical_url": "link-canonical"},
    },
    "microdata_valleyherald": {
        "publisher": None,
        "modified": None,
        "section": "Opinion",
        "language": None,
        "subtitle": "Merging messaging back ends should come with a public audit, not a blog post.",
        "agency": None,
        "paywall": None,
        "credits": [],
        "canonical_url": "https://www.valleyherald.example/opinion/2019/02/05/three-apps-one-pipe",
        "provenance": {"authors": "microdata", "subtitle": "dek-element"},
    },
    "print_northshore": {
        "publisher": None,
        "modified": None,
        "section": None,
        "language": None,
        "subtitle": None,
        "agency": None,
        "paywall": None,
        "credits": [],
        "published_exact": "2019-03-04T16:15:00-05:00",  # "4:15 p.m. EST" on the dateline
        # No canonical link on a print page: the address it was served from, normalised.
        "canonical_url": "https://www.northshoretribune.example/print/business/telecom-regulator-consultation-messaging-interoperability-1.9912",
        "provenance": {"published": "dateline", "authors": "byline", "title": "h1"},
    },
    "paywalled_ledgerpoint": {
        "publisher": "The Ledgerpoint",
        "modified": None,
        "section": None,
        "language": "en",
        "subtitle": "Engineers say the hardest part is not encryption but identity.",
        "agency": None,
        "paywall": True,
        "credits": [],
        "canonical_url": "https://www.ledgerpoint.example/technology/2019/02/18/engineering-bet-single-messaging-back-end",
        "provenance": {"paywall": "json-ld"},
    },
    "wire_rivertonpost": {
        "publisher": "Riverton Post",
        "modified": None,
        "section": "World",
        "language": "en",
        "subtitle": None,
        "agency": "Capital Wire",  # "By CAPITAL WIRE": an agency, not a person
        "paywall": None,
        "credits": ["Kasper Nyholm", "Ruth Adebayo"],
        "published_exact": "2019-02-07T09:20:00-05:00",  # printed "9:20 a.m. EST"
        "canonical_url": "https://www.rivertonpost.example/world/eu-lawmakers-messaging-merger-idUSKCN1PW1XY",
        "provenance": {"agency": "meta", "published": "meta"},
    },
}


def truth(name: str) -> dict[str, Any]:
    return json.loads((LAYOUTS / f"{name}.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def articles() -> dict[str, Article]:
    return {
        name: extract_article((LAYOUTS / f"{name}.html").read_bytes(), truth(name)["url"])
        for name in NAMES
    }


def test_six_layouts_have_gold() -> None:
    assert sorted(GOLD) == NAMES


@pytest.mark.parametrize("name", NAMES)
def test_body_is_exactly_the_article(articles: dict[str, Article], name: str) -> None:
    assert articles[name].body == truth(name)["articleBody"]
    assert articles[name].error is None


@pytest.mark.parametrize("name", NAMES)
def test_title_date_authors(articles: dict[str, Article], name: str) -> None:
    article, expected = articles[name], truth(name)
    assert article.title == expected["title"]
    authors = expected["author"]
    assert article.authors == ([authors] if isinstance(authors, str) else authors)
    assert article.published is not None
    assert article.published[:10] == expected["datePublished"][:10]
    if "published_exact" in GOLD[name]:
        assert article.published == GOLD[name]["published_exact"]


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize(
    "field",
    ["publisher", "modified", "section", "language", "subtitle", "agency", "paywall", "credits",
     "canonical_url"],
)
def test_metadata_field(articles: dict[str, Article], name: str, field: str) -> None:
    assert field in GOLD[name], f"gold for {name} lacks {field}"
    assert getattr(articles[name], field) == GOLD[name][field]


@pytest.mark.parametrize("name", NAMES)
def test_provenance_names_the_signal(articles: dict[str, Article], name: str) -> None:
    provenance = articles[name].provenance
    for field, signal in GOLD[name]["provenance"].items():
        assert provenance.get(field) == signal, field
    # Every field that has a value says where it came from.
    article = articles[name]
    for field in ("title", "published", "body"):
        assert field in provenance
    if article.authors:
        assert "authors" in provenance


@pytest.mark.parametrize("name", [n for n in NAMES if "kinds" in GOLD[n]])
def test_headings_quotes_and_list_items_are_marked(articles: dict[str, Article], name: str) -> None:
    assert [p.kind for p in articles[name].paragraphs] == GOLD[name]["kinds"]


def test_charset_mismatch_is_reported_not_garbled(articles: dict[str, Article]) -> None:
    valley = articles["microdata_valleyherald"]  # declares ISO-8859-1, is UTF-8
    assert valley.encoding == "utf-8"
    assert any("iso-8859-1" in warning for warning in valley.warnings)
    printed = articles["print_northshore"]  # no declaration, windows-1252 bytes
    assert printed.encoding == "windows-1252"
    assert "“This is the first time" in printed.body


def test_seed_paragraph_gold_is_whole_lines_of_the_seed(seed_text_path: Path) -> None:
    # Guards the gold itself: every paragraph is a line of the shared seed, in the seed's order,
    # so the gold was made by deleting lines only, never by rewriting one.
    gold = SEED_PARAGRAPHS.read_text("utf-8").strip().split("\n\n")
    seed_lines = [line.strip() for line in seed_text_path.read_text("utf-8").splitlines()]
    assert [paragraph for paragraph in gold if paragraph not in seed_lines] == []
    positions = [seed_lines.index(paragraph) for paragraph in gold]
    assert positions == sorted(positions)
    assert len(gold) == 31


def test_seed_page_body_equals_the_seed_article_paragraphs() -> None:
    # The gold is the seed text (/work/shared/seed) with its furniture lines deleted by hand:
    # headline, video teasers and their titles, "WATCH:", "Story continues below
    # advertisement", "READ MORE:", "Read next:", "Sponsored content".
    gold = SEED_PARAGRAPHS.read_text("utf-8")
    page = ROOT / "datasets/fb-messaging-integration/fixtures/pages/globalnews-4892985.html"
    article = extract_article(
        page.read_bytes(),
        "https://globalnews.ca/news/4892985/facebook-messenger-whatsapp-instagram-data-sharing/",
    )
    assert article.body == gold.strip()
    assert len(article.paragraphs) == 31
    assert article.credits == ["Reuters"]  # "— With files from Reuters."
    assert article.authors == []  # "By Global News Staff" names no person


def test_cli_json_keeps_the_spine_fields_and_adds_the_new_ones() -> None:
    from click.testing import CliRunner
    from presswatch.cli import cli

    result = CliRunner().invoke(cli, ["extract", "--json", str(LAYOUTS / "amp_harbourlight.html")])
    assert result.exit_code == 0, result.output
    record = json.loads(result.output)
    spine = ["source", "url", "title", "authors", "published", "publisher", "canonical_url",
             "language", "body", "error"]
    assert list(record)[: len(spine)] == spine
    assert record["agency"] == "Capital Wire"
    assert record["credits"] == ["Capital Wire"]
    assert record["paywall"] is False
    assert record["subtitle"].startswith("Shops that sell")
    assert record["provenance"]["published"] == "json-ld"
    assert record["word_count"] == len(record["body"].split())
    assert record["modified"] == "2019-02-11T08:30:00+00:00"
