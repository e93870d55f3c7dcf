"""Wire services kept out of authors, credits read from sign-offs, furniture rules from data."""

from __future__ import annotations

import pytest
from presswatch.extract import extract_article
from presswatch.extract.agencies import agency_name, credit_lines, dateline_agency
from presswatch.extract.boilerplate import family_for_url, furniture_rules, rules_for_url

STORY = "".join(
    f"<p>{text}</p>"
    for text in [
        "Officials on Tuesday opened a review of the plan to join the three messaging systems, "
        "according to two people briefed on it.",
        "The review is expected to take several months and to include hearings at which outside "
        "experts will be invited to testify.",
    ]
)


@pytest.mark.parametrize(
    ("value", "agency"),
    [
        ("Reuters", "Reuters"),
        ("AP", "The Associated Press"),
        ("the associated press", "The Associated Press"),
        ("AFP.", "Agence France-Presse"),
        ("Reuters Staff", "Reuters"),
        ("Jane Roe", None),
        ("APA", None),
    ],
)
def test_agency_names(value: str, agency: str | None) -> None:
    assert agency_name(value) == agency


@pytest.mark.parametrize(
    ("byline", "authors", "agency"),
    [
        ("Jane Roe, Reuters", ["Jane Roe"], "Reuters"),
        ("By The Associated Press", [], "The Associated Press"),
        ("Jane Roe and John Doe | AFP", ["Jane Roe", "John Doe"], "Agence France-Presse"),
        ("Reuters Staff", [], "Reuters"),
    ],
)
def test_author_meta_splits_people_from_agencies(
    byline: str, authors: list[str], agency: str
) -> None:
    html = (
        f'<html><head><meta name="author" content="{byline}"></head><body><article>'
        f"{STORY}</article></body></html>"
    )
    article = extract_article(html, "https://www.paper.example/2019/01/29/review")
    assert (article.authors, article.agency) == (authors, agency)
    assert article.provenance["agency"] == "meta"


def test_json_ld_organization_author_is_the_agency() -> None:
    ld = (
        '{"@type": "NewsArticle", "headline": "Review opens", "author": [{"@type": "Person", '
        '"name": "Jane Roe"}, {"@type": "Organization", "name": "Bloomberg News"}]}'
    )
    html = (
        '<html><head><script type="application/ld+json">'
        f"{ld}</script></head><body><article>{STORY}</article></body></html>"
    )
    article = extract_article(html, "https://www.paper.example/a")
    assert (article.authors, article.agency) == (["Jane Roe"], "Bloomberg")


@pytest.mark.parametrize(
    ("first_paragraph", "agency"),
    [
        ("WASHINGTON (Reuters) - Officials said on Tuesday…", "Reuters"),
        ("SAN FRANCISCO, Jan 28 (AP) — The company said…", "The Associated Press"),
        ("TORONTO (Northern Wire Service) — A new agency…", "Northern Wire Service"),
        ("Officials (in Washington) said on Tuesday…", None),
        (None, None),
    ],
)
def test_dateline_agency(first_paragraph: str | None, agency: str | None) -> None:
    assert dateline_agency(first_paragraph) == agency


def test_dateline_agency_on_a_page_without_byline() -> None:
    story = STORY.replace("<p>Officials", "<p>OTTAWA (The Canadian Press) — Officials", 1)
    article = extract_article(
        f"<html><body><article>{story}</article></body></html>", "https://x.example/a"
    )
    assert (article.agency, article.provenance["agency"]) == ("The Canadian Press", "dateline")
    assert article.authors == []


@pytest.mark.parametrize(
    ("lines", "credits"),
    [
        (["— With files from Reuters and The Canadian Press"], ["Reuters", "The Canadian Press"]),
        (
            ["Additional reporting by Jane Roe in Ottawa; Editing by John Doe"],
            ["Jane Roe", "John Doe"],
        ),
        (["With files from the AP."], ["The Associated Press"]),
        (
            [
                "He said he was working with files from the archive for years, which is not a "
                "credit line at all but a very long sentence that goes on and on well past the "
                "length any sign-off has, describing the archive in detail and then some more to "
                "be sure."
            ],
            [],
        ),
        (["Nothing to see here."], []),
        (["Contributing: Associated Press; Jane Roe"], ["The Associated Press", "Jane Roe"]),
        (["Includes information from The Associated Press"], ["The Associated Press"]),
        (["Example News' Jane Roe contributed to this report."], ["Jane Roe"]),
        (["—The Associated Press"], ["The Associated Press"]),
    ],
)
def test_credit_lines(lines: list[str], credits: list[str]) -> None:
    assert credit_lines(lines) == credits


def test_family_rules_come_from_the_data_file() -> None:
    assert family_for_url("https://globalnews.ca/news/1/x/") == "globalnews"
    assert family_for_url("https://www.capitalwire.example/article/x") == "wire"
    assert family_for_url("https://elsewhere.example/") is None
    # Global News' in-story newsletter box is furniture for that family's pages only.
    assert rules_for_url("https://globalnews.ca/news/1/x/").is_filler("Get daily National news")
    assert not furniture_rules().is_filler("Get daily National news")
    # The generic rules every page gets, also from data.
    generic = furniture_rules()
    assert generic.is_filler("Story continues below advertisement")
    assert generic.is_filler("READ MORE: Another story entirely")
    assert generic.is_filler("12:41 p.m. ET")
    assert not generic.is_filler("At 12:41 p.m. the committee adjourned and members left the room.")
    assert generic.is_furniture_class(("c", "newsletter", "box"))
    assert generic.is_furniture_class(("read", "more", "link"))
    assert not generic.is_furniture_class(("story", "body"))


def test_no_furniture_list_is_left_in_the_code() -> None:
    from presswatch.extract import boilerplate

    assert not hasattr(boilerplate, "NEGATIVE_CLASS_TOKENS")
    assert not hasattr(boilerplate, "_WHOLE_LINE")


@pytest.mark.parametrize(
    ("line", "filler"),
    [
        ("Copyright 2019 Daily Example. All rights reserved.", True),
        ("© 2019 The Meridian Post", True),
        ("All rights reserved.", True),
        ("Copyright law experts said the merger was lawful.", False),
        ("9:20 a.m.", True),
        ("Updated 17 minutes ago", True),
    ],
)
def test_generic_filler_lines(line: str, filler: bool) -> None:
    assert furniture_rules().is_filler(line) is filler


def test_link_to_an_author_page_names_the_author() -> None:
    html = (
        '<html><body><div class="entry-meta">Posted on March 1, 2019 by '
        '<a href="/author/kendra-liu/">Kendra Liu</a></div>'
        f"<article>{STORY}</article></body></html>"
    )
    article = extract_article(html, "https://dailyexample.example/2019/03/01/review/")
    assert article.authors == ["Kendra Liu"]
    assert article.provenance["authors"] == "author-link"


@pytest.mark.parametrize(
    ("date_markup", "signal"),
    [
        ("<footer><p>Page last modified: 12 February 2019</p></footer>", "htmldate"),
        # A date printed after a "Published:" label is read before htmldate is asked.
        ("<div>Published: February 12, 2019</div>", "labelled"),
    ],
)
def test_htmldate_is_the_last_resort_for_the_date(date_markup: str, signal: str) -> None:
    html = f"<html><body><article>{STORY}</article>{date_markup}</body></html>"
    article = extract_article(html, "https://x.example/story")
    assert (article.published, article.provenance["published"]) == ("2019-02-12", signal)


def test_htmldate_is_not_asked_when_the_page_declares_a_date() -> None:
    html = (
        '<html><head><meta property="article:published_time" content="2019-01-30T08:00:00+01:00">'
        f"</head><body><article>{STORY}</article><div>Published: February 12, 2019</div></body>"
        "</html>"
    )
    article = extract_article(html, "https://x.example/story")
    assert (article.published, article.provenance["published"]) == (
        "2019-01-30T08:00:00+01:00",
        "meta",
    )


@pytest.mark.parametrize(
    ("head", "box", "paywall", "signal"),
    [
        ('<meta property="article:content_tier" content="metered">', "", True, "meta"),
        ('<meta property="article:content_tier" content="free">', "", False, "meta"),
        ("", '<div class="c-paywall__prompt">Subscribe to keep reading</div>', True, "markup"),
        ("", "", None, None),
    ],
)
def test_paywall_signals(head: str, box: str, paywall: bool | None, signal: str | None) -> None:
    html = f"<html><head>{head}</head><body><article>{STORY}{box}</article></body></html>"
    article = extract_article(html, "https://x.example/story")
    assert (article.paywall, article.provenance.get("paywall")) == (paywall, signal)
    assert "Subscribe to keep reading" not in article.body


def test_locked_paragraphs_in_a_paywall_wrapper_stay_in_the_body() -> None:
    locked = (
        "<p>A third paragraph the site ships to subscribers inside its paywall wrapper, which "
        "is still the story.</p>"
    )
    html = (
        f'<html><body><article>{STORY}<div class="paywall">{locked}</div></article></body></html>'
    )
    article = extract_article(html, "https://x.example/story")
    assert article.body.endswith("which is still the story.")
    assert article.paywall is True


def test_closing_contributor_credits_leave_the_body_for_credits() -> None:
    closing = [
        "Contributing: Associated Press; Jane Roe and John Doe",
        "Example News' Robin Roe contributed to this report.",
    ]
    story = STORY + "".join(f"<p>{line}</p>" for line in closing)
    article = extract_article(f"<html><body><article>{story}</article></body></html>")
    assert not any("ontribut" in paragraph.text for paragraph in article.paragraphs)
    assert article.credits == ["The Associated Press", "Jane Roe", "John Doe", "Robin Roe"]
    # A wire sign-off naming reporter and editor is read too, and stays in the body.
    sign_off = "Reporting by Jane Roe; Editing by John Doe"
    story = f"{STORY}<p>{sign_off}</p>"
    article = extract_article(f"<html><body><article>{story}</article></body></html>")
    assert article.paragraphs[-1].text == sign_off
    assert article.credits == ["Jane Roe", "John Doe"]
