"""The extraction stage's output type: an `Article` with paragraph offsets into its body.

The NLP stage reads `Article.body`; every `Paragraph` records where it sits in that text, so
entities and quotes found later keep character offsets that map back to a paragraph.

The first eleven fields are the stage's contract with `presswatch process`, `extract` and
`analyze`; the ones after them add what a journalist checking the record may want to see.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

# "standfirst": the dek printed under the headline, kept as the body's first block.
ParagraphKind = Literal[
    "standfirst", "paragraph", "heading", "blockquote", "list-item", "preformatted"
]
EmbedPlatform = Literal[
    "twitter", "instagram", "facebook", "bluesky", "mastodon", "threads", "tiktok"
]
BodySource = Literal["html", "json-ld", "plain-text", "none"]

PARAGRAPH_SEPARATOR = "\n\n"


@dataclass(frozen=True, slots=True)
class Paragraph:
    text: str
    kind: ParagraphKind
    start: int  # offset of the first character in Article.body
    end: int  # offset one past the last character

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "kind": self.kind, "start": self.start, "end": self.end}


@dataclass(frozen=True, slots=True)
class Embed:
    """A social-media post shown inside the article (an embedded tweet, say).

    Kept out of `Article.body` because its author is known from the markup: the NLP stage can
    record it as a quote with a certain speaker instead of guessing one from the prose around it.
    """

    platform: EmbedPlatform
    text: str
    author_name: str | None
    author_handle: str | None
    url: str | None
    posted_on: date | None
    after_paragraph: int  # index of the paragraph it follows; -1 when it comes first

    def to_dict(self) -> dict[str, Any]:
        return {
            "platform": self.platform,
            "text": self.text,
            "author_name": self.author_name,
            "author_handle": self.author_handle,
            "url": self.url,
            "posted_on": self.posted_on.isoformat() if self.posted_on else None,
            "after_paragraph": self.after_paragraph,
        }


@dataclass(frozen=True)
class Article:
    source: str | None  # where the page came from: a file path, or the address asked for
    url: str | None  # the address the page was served from (after redirects)
    title: str | None
    authors: list[str]
    # ISO 8601: a date-time with its offset when the page gave a time, else just the day.
    published: str | None
    publisher: str | None  # the outlet's own name for itself
    canonical_url: str | None  # normalised: no tracking parameters, no fragment
    language: str | None  # primary language subtag, e.g. "en"
    body: str
    paragraphs: list[Paragraph]
    error: str | None = None  # why no article came out of the page; None when one did
    description: str | None = None
    modified: str | None = None  # ISO 8601, like `published`
    date_source: str | None = None  # where `published` came from: "json-ld", "meta", "url", …
    section: str | None = None
    keywords: list[str] = field(default_factory=list)
    page_type: str | None = None  # og:type or schema.org @type as the page declares it
    embeds: list[Embed] = field(default_factory=list)
    body_source: BodySource = "html"
    warnings: list[str] = field(default_factory=list)  # doubts that do not amount to an error
    corrections: list[str] = field(default_factory=list)  # the outlet's correction/update notes
    subtitle: str | None = None  # the dek/standfirst under the headline
    agency: str | None = None  # the wire service the story came from ("Reuters"), not a person
    credits: list[str] = field(default_factory=list)  # "With files from Reuters" → ["Reuters"]
    paywall: bool | None = None  # True: behind a paywall; False: declared free; None: no signal
    # Which signal gave each field ("json-ld", "meta", "h1", "byline", "url", "htmldate", …).
    provenance: dict[str, str] = field(default_factory=dict)
    encoding: str | None = None  # the codec the page's bytes were read with

    @property
    def word_count(self) -> int:
        return len(self.body.split())

    @property
    def published_day(self) -> date | None:
        return date.fromisoformat(self.published[:10]) if self.published else None

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict of every field (paragraphs and embeds as dicts)."""
        return {
            "source": self.source,
            "url": self.url,
            "title": self.title,
            "authors": list(self.authors),
            "published": self.published,
            "publisher": self.publisher,
            "canonical_url": self.canonical_url,
            "language": self.language,
            "body": self.body,
            "paragraphs": [paragraph.to_dict() for paragraph in self.paragraphs],
            "error": self.error,
            "description": self.description,
            "modified": self.modified,
            "date_source": self.date_source,
            "section": self.section,
            "keywords": list(self.keywords),
            "page_type": self.page_type,
            "embeds": [embed.to_dict() for embed in self.embeds],
            "body_source": self.body_source,
            "warnings": list(self.warnings),
            "corrections": list(self.corrections),
            "word_count": self.word_count,
            "subtitle": self.subtitle,
            "agency": self.agency,
            "credits": list(self.credits),
            "paywall": self.paywall,
            "provenance": dict(self.provenance),
            "encoding": self.encoding,
        }


def assemble_paragraphs(
    blocks: list[tuple[str, ParagraphKind]],
) -> tuple[str, list[Paragraph]]:
    """Join cleaned blocks into the article body and record each one's offsets."""
    paragraphs: list[Paragraph] = []
    cursor = 0
    for text, kind in blocks:
        if paragraphs:
            cursor += len(PARAGRAPH_SEPARATOR)
        paragraphs.append(Paragraph(text=text, kind=kind, start=cursor, end=cursor + len(text)))
        cursor += len(text)
    return PARAGRAPH_SEPARATOR.join(text for text, _ in blocks), paragraphs
