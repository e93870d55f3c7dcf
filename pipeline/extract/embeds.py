"""Embedded social-media posts (tweets and their like) found in article markup.

Platforms publish embed snippets as a <blockquote> holding the post text and an attribution
line, "— Name (@handle) Date". Each one found is replaced in the tree by a placeholder element,
so the body walk can tell where it sat among the paragraphs without reading it as prose.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from urllib.parse import urlsplit, urlunsplit

from bs4 import BeautifulSoup, Tag
from bs4.element import NavigableString

from .dates import parse_date
from .model import EmbedPlatform
from .text import clean_inline_text

PLACEHOLDER_TAG = "presswatch-embed"
PLACEHOLDER_INDEX_ATTRIBUTE = "data-embed-index"

# Class names platforms put on their embed snippet's outer element.
_PLATFORM_BY_CLASS: dict[str, EmbedPlatform] = {
    "twitter-tweet": "twitter",
    "twitter-video": "twitter",
    "instagram-media": "instagram",
    "bluesky-embed": "bluesky",
    "mastodon-embed": "mastodon",
    "text-post-media": "threads",
    "tiktok-embed": "tiktok",
    "fb-post": "facebook",
}
# Where each platform's snippet keeps the post's address, besides links inside it.
_URL_ATTRIBUTES = ("data-instgrm-permalink", "data-href", "cite", "data-text-post-permalink")
_POST_LINK = re.compile(r"/status(?:es)?/\d+|/p/[\w-]+|/post/\w+|/video/\d+|/posts/|/@[\w.]+/\d+")
_ATTRIBUTION = re.compile(
    r"^[—–-]\s*(?P<name>[^()]*?)\s*\(\s*(?P<handle>@?[\w.\-:]+)\s*\)\s*(?P<when>.*)$"
)
_SHARED_BY = re.compile(
    r"^(?:a (?:post|video|photo) shared by|posted "
    r"by)\s+(?P<name>.*?)\s*(?:\((?P<handle>@?[\w.\-]+)\))?(?:\s+on\s+(?P<when>.*))?$",
    re.IGNORECASE,
)
# Call-to-action lines inside snippets; the post text is what remains.
_SNIPPET_CHROME = re.compile(
    r"^(?:view this (?:post|video|profile) on \w+|view (?:more )?on \w+|see more on \w+|"
    r"watch on \w+|\[?embedded content\]?)$",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class EmbeddedPost:
    platform: EmbedPlatform
    text: str
    author_name: str | None
    author_handle: str | None
    url: str | None
    posted_on_text: str | None


# Hosts of the posts whose snippet a page may print without the platform's class (a site's own
# no-script copy, "nojs-tweet"): the snippet is then told by its shape, below.
_PLATFORM_BY_HOST: dict[str, EmbedPlatform] = {
    "twitter.com": "twitter",
    "x.com": "twitter",
    "instagram.com": "instagram",
    "bsky.app": "bluesky",
    "threads.net": "threads",
    "tiktok.com": "tiktok",
    "facebook.com": "facebook",
}


def _platform_of(tag: Tag) -> EmbedPlatform | None:
    for class_name in tag.get("class") or []:
        platform = _PLATFORM_BY_CLASS.get(class_name.lower())
        if platform:
            return platform
    if tag.name == "blockquote":
        return _platform_by_shape(tag)
    return None


def _platform_by_shape(tag: Tag) -> EmbedPlatform | None:
    """The platform of a <blockquote> that is a post's snippet by its shape: the post's text,
    then the "— Name (@handle) Date" line, with a link to the post on the platform's host. A
    quotation the story prints in a <blockquote> has no such line."""
    if not _ATTRIBUTION.match(_trailing_text(tag)):
        return None
    url = _post_url(tag)
    if url is None:
        return None
    host = (urlsplit(url).hostname or "").lower().removeprefix("www.").removeprefix("mobile.")
    return _PLATFORM_BY_HOST.get(host)


def _post_url(tag: Tag) -> str | None:
    for attribute in _URL_ATTRIBUTES:
        value = tag.get(attribute)
        if isinstance(value, str) and value.startswith("http"):
            return _without_query(value)
    for anchor in reversed(tag.find_all("a", href=True)):
        href = str(anchor["href"])
        if href.startswith("http") and _POST_LINK.search(urlsplit(href).path):
            return _without_query(href)
    return None


def _without_query(url: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, parts.path, "", ""))


def _trailing_text(tag: Tag) -> str:
    """Text of the snippet after its last paragraph: where the "— Name (@handle) Date" line is."""
    paragraphs = tag.find_all("p")
    if not paragraphs:
        return ""
    pieces: list[str] = []
    for node in paragraphs[-1].next_siblings:
        pieces.append(str(node) if isinstance(node, NavigableString) else node.get_text(" "))
    return clean_inline_text(" ".join(pieces))


def parse_embedded_post(tag: Tag, platform: EmbedPlatform) -> EmbeddedPost:
    lines = [clean_inline_text(p.get_text(" ")) for p in tag.find_all("p")]
    if not lines:
        lines = [clean_inline_text(tag.get_text(" "))]
    name = handle = when = None
    attribution = _ATTRIBUTION.match(_trailing_text(tag))
    if attribution:
        name, handle, when = (
            attribution.group("name"),
            attribution.group("handle"),
            attribution.group("when"),
        )
    text_lines: list[str] = []
    for line in lines:
        shared_by = _SHARED_BY.match(line)
        if shared_by and name is None:
            name, handle, when = (
                shared_by.group("name"),
                shared_by.group("handle"),
                shared_by.group("when"),
            )
        elif (
            line and not _SNIPPET_CHROME.match(line) and not (shared_by or _ATTRIBUTION.match(line))
        ):
            text_lines.append(line)
    return EmbeddedPost(
        platform=platform,
        text="\n".join(text_lines),
        author_name=(clean_inline_text(name) or None) if name else None,
        author_handle=("@" + handle.lstrip("@")) if handle else None,
        url=_post_url(tag),
        posted_on_text=(clean_inline_text(when) or None) if when else None,
    )


def detach_embeds(soup: BeautifulSoup) -> list[EmbeddedPost]:
    """Parse every embed snippet and leave a numbered placeholder where each one was."""
    posts: list[EmbeddedPost] = []
    for tag in soup.find_all(["blockquote", "div"]):
        platform = _platform_of(tag)
        if platform is None or _detached(tag, soup):
            continue
        post = parse_embedded_post(tag, platform)
        placeholder = soup.new_tag(
            PLACEHOLDER_TAG, attrs={PLACEHOLDER_INDEX_ATTRIBUTE: str(len(posts))}
        )
        tag.replace_with(placeholder)
        posts.append(post)
    return posts


def _detached(tag: Tag, soup: BeautifulSoup) -> bool:
    """True inside a snippet already replaced. (Cheaper than `Tag.decomposed`, which bs4
    resolves by searching the subtree, and only asked of the rare embed-classed elements.)"""
    root: Tag = tag
    while root.parent is not None:
        root = root.parent
    return root is not soup


def posted_on(post: EmbeddedPost) -> date | None:
    parsed = parse_date(post.posted_on_text)
    return parsed.date() if isinstance(parsed, datetime) else parsed
