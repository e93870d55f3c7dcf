"""Embedded social-media posts: author, handle, text, address, position."""

from datetime import date

from bs4 import BeautifulSoup
from presswatch.extract import extract_article
from presswatch.extract.embeds import PLACEHOLDER_TAG, EmbeddedPost, detach_embeds

TWEET = """
<blockquote class="twitter-tweet" data-lang="en"><p lang="en" dir="ltr">Ask where the keys live
before asking anything else. <a href="https://t.co/abc">pic.twitter.com/abc</a></p>&mdash; Tomas
Lindqvist (@tlindqvist_br) <a href="https://twitter.com/tlindqvist_br/status/1089000000000000001?ref_src=twsrc%5Etfw">January 26, 2019</a></blockquote>
"""  # noqa: E501 - embed markup as a site serves it: its lines must stay byte-identical
INSTAGRAM = """
<blockquote class="instagram-media" data-instgrm-permalink="https://www.instagram.com/p/Bt0000000/?utm_source=ig_embed">
<div><p><a href="https://www.instagram.com/p/Bt0000000/">View this post on Instagram</a></p>
<p>Three apps, one inbox? Not so fast.</p>
<p>A post shared by Open Wire Foundation (@openwire.example) on Jan 28, 2019 at 9:02am PST</p></div>
</blockquote>
"""
BLUESKY = """
<blockquote class="bluesky-embed" data-bluesky-uri="at://did:plc:x/app.bsky.feed.post/3k"><p lang="en">Merging back ends is a one-way door.</p>&mdash; Rita Castellanos (<a href="https://bsky.app/profile/did:plc:x">@rita.example.social</a>) <a href="https://bsky.app/profile/did:plc:x/post/3k">January 29, 2024 at 10:00 AM</a></blockquote>
"""  # noqa: E501 - embed markup as a site serves it: its lines must stay byte-identical


def _only_post(html: str) -> EmbeddedPost:
    soup = BeautifulSoup(html, "lxml")
    posts = detach_embeds(soup)
    assert len(posts) == 1
    assert soup.find(PLACEHOLDER_TAG) is not None
    assert soup.find("blockquote") is None
    return posts[0]


def test_tweet() -> None:
    post = _only_post(TWEET)
    assert post.platform == "twitter"
    assert post.author_name == "Tomas Lindqvist"
    assert post.author_handle == "@tlindqvist_br"
    assert post.text == "Ask where the keys live before asking anything else. pic.twitter.com/abc"
    assert post.url == "https://twitter.com/tlindqvist_br/status/1089000000000000001"
    assert post.posted_on_text == "January 26, 2019"


def test_instagram_post_attribution_line() -> None:
    post = _only_post(INSTAGRAM)
    assert post.platform == "instagram"
    assert post.author_name == "Open Wire Foundation"
    assert post.author_handle == "@openwire.example"
    assert post.text == "Three apps, one inbox? Not so fast."
    assert post.url == "https://www.instagram.com/p/Bt0000000/"


def test_bluesky_post_handle_with_dots() -> None:
    post = _only_post(BLUESKY)
    assert post.platform == "bluesky"
    assert post.author_name == "Rita Castellanos"
    assert post.author_handle == "@rita.example.social"
    assert post.text == "Merging back ends is a one-way door."


def test_embed_position_and_exclusion_from_text() -> None:
    paragraphs = [
        "The first paragraph explains what the company announced on Friday and why it matters.",
        "The second paragraph introduces the analyst whose post is embedded right below it.",
        "The third paragraph comes after the embedded post and continues the reporting.",
    ]
    html = (
        "<html><body><article>"
        + f"<p>{paragraphs[0]}</p><p>{paragraphs[1]}</p>"
        + TWEET
        + f"<p>{paragraphs[2]}</p></article></body></html>"
    )
    article = extract_article(html, "https://example.org/news/1")
    assert [p.text for p in article.paragraphs] == paragraphs
    assert "keys live" not in article.body
    (embed,) = article.embeds
    assert embed.after_paragraph == 1
    assert embed.posted_on == date(2019, 1, 26)


def test_embed_in_removed_sidebar_is_dropped() -> None:
    prose = " ".join(["The story itself is long enough to be chosen as the body of the page."] * 4)
    html = (
        f"<html><body><article><p>{prose}</p><p>{prose}</p></article><aside>{TWEET}</aside>"
        "</body></html>"
    )
    assert extract_article(html, "https://example.org/news/2").embeds == []


def test_a_post_snippet_without_the_platform_class_is_told_by_its_shape() -> None:
    # A site's own no-script copy of the snippet: no "twitter-tweet" class, same shape.
    post = _only_post(TWEET.replace('class="twitter-tweet" data-lang="en"', 'class="plain-copy"'))
    assert post.platform == "twitter"
    assert post.author_handle == "@tlindqvist_br"
    assert post.url == "https://twitter.com/tlindqvist_br/status/1089000000000000001"


def test_a_quotation_in_a_blockquote_is_no_post() -> None:
    quote = (
        "<blockquote><p>We will reopen the bridge in spring.</p>— Mayor Ana Ruiz "
        "<a href='https://example.org/statement'>(statement)</a></blockquote>"
    )
    soup = BeautifulSoup(quote, "lxml")
    assert detach_embeds(soup) == []
    assert soup.find("blockquote") is not None
