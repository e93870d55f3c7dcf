"""Encodings and hostile pages: each gives a correct article or a recorded error, never an
exception that would stop a run over many outlets."""

from __future__ import annotations

import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from presswatch.extract import Article, extract_article
from presswatch.extract.charsets import decode_page, normalise_label

URL = "https://www.example-outlet.example/news/2019/01/30/story"
PARAGRAPHS = [
    "Competition officials said on Wednesday that they would examine the plan closely before any systems were joined.",
    "“We will want to know where the data goes,” said Ilse Brandvold, a fictional adviser quoted in this test page.",
    "The company said the apps would remain separate for users and that encryption would be extended to all three.",
]
STORY = "".join(f"<p>{text}</p>" for text in PARAGRAPHS)
BODY = "\n\n".join(PARAGRAPHS)


def page(head: str = "", story: str = STORY) -> str:
    return f"<html><head>{head}<title>Officials to examine plan</title></head><body><nav><a href='/'>Home</a></nav><article>{story}</article></body></html>"


@pytest.mark.parametrize(
    ("declaration", "codec"),
    [
        ('<meta charset="windows-1252">', "cp1252"),
        ('<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">', "cp1252"),
        ("", "cp1252"),  # undeclared: windows-1252 is the browsers' fallback
        ('<meta charset="utf-8">', "utf-8"),
    ],
)
def test_declared_and_undeclared_charsets(declaration: str, codec: str) -> None:
    article = extract_article(page(declaration).encode(codec), URL)
    assert article.body == BODY  # curly quotes survive: no mojibake
    assert article.error is None


def test_utf8_with_bom() -> None:
    article = extract_article(b"\xef\xbb\xbf" + page().encode("utf-8"), URL)
    assert article.body == BODY
    assert article.encoding == "utf-8"


def test_utf8_declared_as_latin1_is_read_as_utf8_with_a_warning() -> None:
    article = extract_article(page('<meta charset="iso-8859-1">').encode("utf-8"), URL)
    assert article.body == BODY
    assert any("declared as 'iso-8859-1'" in warning for warning in article.warnings)


def test_windows_1252_declared_as_utf8_falls_back() -> None:
    article = extract_article(page('<meta charset="utf-8">').encode("cp1252"), URL)
    assert article.body == BODY
    assert article.encoding == "windows-1252"


def test_http_charset_beats_the_meta_declaration_for_non_utf8_bytes() -> None:
    raw = page('<meta charset="koi8-r">').encode("cp1252")
    assert decode_page(raw, http_charset="windows-1252").evidence == "http"
    assert extract_article(raw, URL, encoding="windows-1252").body == BODY


@pytest.mark.parametrize(("label", "codec"), [("latin1", "windows-1252"), ("cp1252", "windows-1252"), ("UTF8", "utf-8"), ("no-such", None)])
def test_charset_labels_map_like_browsers(label: str, codec: str | None) -> None:
    assert normalise_label(label) == codec


def test_page_without_body_element() -> None:
    article = extract_article(f"<html><head><title>x</title></head>{STORY}</html>", URL)
    assert article.body == BODY


def test_ten_thousand_levels_of_nesting() -> None:
    html = "<html><body>" + "<div>" * 10_000 + STORY + "</div>" * 10_000 + "</body></html>"
    article = extract_article(html, URL)
    assert article.body == BODY
    assert "elements nested too deep were flattened" in article.warnings


def test_deeply_nested_blockquotes_keep_their_text() -> None:
    html = "<html><body>" + "<blockquote>" * 5_000 + PARAGRAPHS[0] + "</blockquote>" * 5_000 + "</body></html>"
    article = extract_article(html, URL)
    assert article.body == PARAGRAPHS[0]


def test_fifty_megabyte_page_gives_the_article_quickly() -> None:
    bulk = "<script>var state = '" + "x" * 25_000_000 + "';</script>"
    image = '<img src="data:image/png;base64,' + "A" * 25_000_000 + '">'
    html = page(bulk, STORY + image)
    assert len(html) > 50_000_000
    started = time.monotonic()
    article = extract_article(html.encode("utf-8"), URL)
    assert article.body == BODY
    assert any("scripts, styles and inline data removed" in warning for warning in article.warnings)
    assert time.monotonic() - started < 60  # a guard against hangs, not a speed target


def test_fifty_megabytes_of_text_is_cut_and_says_so() -> None:
    filler = "<p>" + "word " * 40 + "</p>"
    html = page(story=STORY + filler * (50_000_000 // len(filler)))
    article = extract_article(html, URL)
    assert article.body.startswith(BODY)
    assert any("the rest was not read" in warning for warning in article.warnings)


@pytest.mark.parametrize(
    "payload",
    [b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40, b"%PDF-1.7\n" + bytes(200), bytes(range(256)) * 100],
)
def test_binary_served_as_html_is_a_recorded_error(payload: bytes) -> None:
    article = extract_article(payload, URL)
    assert article.error == "not an HTML page: the body is binary data"
    assert article.body == ""


def test_invalid_json_ld_is_ignored_and_the_page_still_extracted() -> None:
    head = '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Broken,, }</script>'
    head += '<meta property="og:title" content="Officials to examine plan">'
    article = extract_article(page(head), URL)
    assert article.body == BODY
    assert article.title == "Officials to examine plan"


def test_json_ld_nested_too_deep_for_the_parser() -> None:
    head = '<script type="application/ld+json">' + "[" * 100_000 + "]" * 100_000 + "</script>"
    assert extract_article(page(head), URL).body == BODY


def test_empty_and_whitespace_pages_are_errors_not_exceptions() -> None:
    for raw in (b"", "   ", "<html></html>", "<<<>>>", "\x00"):
        article = extract_article(raw, URL)
        assert isinstance(article, Article)
        assert article.error


# Generated markup: tags, attributes, entities, comments, scripts, broken nesting and text.
_TAGS = st.sampled_from(
    ["div", "p", "article", "span", "a", "li", "ul", "h1", "h2", "blockquote", "script",
     "style", "table", "td", "tr", "br", "nav", "footer", "figure", "time", "meta", "svg"]
)
_TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=80)
_ATTRIBUTE = st.sampled_from(
    ['', ' class="ad"', ' class="story-body"', ' itemprop="articleBody"', ' hidden',
     ' style="display:none"', ' class="byline"', ' datetime="2019-01-28T10:00:00Z"',
     ' type="application/ld+json"', ' charset="utf-16"']
)
_PIECE = st.one_of(
    _TEXT,
    st.builds(lambda tag, attribute: f"<{tag}{attribute}>", _TAGS, _ATTRIBUTE),
    st.builds(lambda tag: f"</{tag}>", _TAGS),
    st.sampled_from(["<!--", "-->", "&amp;", "&#0;", "&#x110000;", "<![CDATA[", "]]>", "<", ">", '"', "\ufeff"]),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_PIECE, max_size=60), st.sampled_from([None, URL, "not a url", "http://[::1"]))
def test_generated_html_never_raises(pieces: list[str], url: str | None) -> None:
    html = "".join(pieces)
    for raw in (html, html.encode("utf-8", "surrogatepass")):
        article = extract_article(raw, url)
        assert isinstance(article, Article)
        # Offsets always point into the body, whatever came in.
        for paragraph in article.paragraphs:
            assert article.body[paragraph.start : paragraph.end] == paragraph.text
        assert (article.error is None) == bool(article.paragraphs)


@settings(max_examples=50, deadline=None)
@given(st.binary(max_size=2000))
def test_generated_bytes_never_raise(raw: bytes) -> None:
    article = extract_article(raw, URL)
    assert isinstance(article, Article)
