"""HTML page → Article. Pure: the caller fetches or reads the page; nothing here does I/O."""

from __future__ import annotations

import dataclasses
import re
from datetime import date, datetime

from bs4 import BeautifulSoup
from presswatch.common.urls import canonicalize_url, resolve_declared_canonical

from .agencies import (
    credit_lines,
    dateline_agency,
    is_contributor_credit,
    split_people_and_agencies,
)
from .authors import looks_like_byline, normalize_authors
from .boilerplate import FurnitureRules, rules_for_url
from .charsets import decode_page
from .cleanup import (
    LEADING_METADATA_BLOCKS,
    lead_with_dek,
    opening_label_indexes,
    strip_author_box,
    strip_leading_byline,
    strip_references,
)
from .content import BodyResult, extract_body
from .dates import is_date_line
from .embeds import EmbeddedPost, detach_embeds, posted_on
from .fallback_dates import htmldate_published
from .metadata import PageMetadata, read_page_metadata
from .model import Article, BodySource, Embed, ParagraphKind, assemble_paragraphs
from .notes import find_correction_notes, story_note_indexes
from .page_limits import flatten_deep_nesting, shrink_oversized
from .second_opinion import key as paragraph_key
from .second_opinion import merge_second_opinion, trafilatura_paragraphs
from .text import clean_inline_text, word_count

# Publishers' JSON-LD articleBody replaces the HTML body only when the HTML gave less than half
# of it: articleBody often lacks paragraph breaks and sometimes holds only a teaser.
JSON_LD_BODY_MIN_WORDS = 80
JSON_LD_BODY_PREFERRED_RATIO = 0.5
PARTIAL_BODY_COVERAGE = 0.6
SHORT_BODY_WORDS = 100
CREDIT_BLOCKS = 4  # the last paragraphs, where credit lines are printed
NO_ARTICLE = "no article text found on the page"
# File signatures of what crawls most often get instead of a page (images, PDFs).
_BINARY_SIGNATURES = (b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"%PDF", b"PK\x03\x04", b"RIFF")


def _binary_reason(html: str | bytes) -> str | None:
    head = html[:1024] if isinstance(html, bytes) else html[:1024].encode("utf-8", "replace")
    if head.startswith(_BINARY_SIGNATURES) or b"\x00" in head:
        return "not an HTML page: the body is binary data"
    return None


def _json_ld_paragraphs(article_body: str | None) -> list[tuple[str, ParagraphKind]]:
    if not article_body:
        return []
    # articleBody is meant to be plain text, but some CMSs put HTML in it.
    plain = (
        BeautifulSoup(article_body, "lxml").get_text("\n") if "<" in article_body else article_body
    )
    pieces = (clean_inline_text(piece) for piece in re.split(r"\n+", plain))
    return [(piece, "paragraph") for piece in pieces if piece]


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _canonical(url: str | None, declared: str | None) -> str | None:
    try:
        return _canonical_or_raise(url, declared)
    except ValueError:  # an address urllib cannot parse ("http://[::1"): no canonical form
        return None


def _canonical_or_raise(url: str | None, declared: str | None) -> str | None:
    if url:
        return resolve_declared_canonical(url, declared)
    # Without the page's own address only an absolute declaration can be trusted.
    if declared and declared.strip().startswith(("http://", "https://")):
        return canonicalize_url(declared)
    return None


def _choose_body(
    metadata: PageMetadata, body: BodyResult
) -> tuple[list[tuple[str, ParagraphKind]], BodySource, dict[int, int], list[str]]:
    blocks = list(body.blocks)
    source: BodySource = "html"
    embed_positions = dict(body.embed_positions)
    warnings: list[str] = []
    json_ld_blocks = _json_ld_paragraphs(metadata.json_ld_body)
    json_ld_words = sum(word_count(text) for text, _ in json_ld_blocks)
    html_words = sum(word_count(text) for text, _ in blocks)
    if (
        json_ld_words >= JSON_LD_BODY_MIN_WORDS
        and html_words < JSON_LD_BODY_PREFERRED_RATIO * json_ld_words
    ):
        blocks, source = json_ld_blocks, "json-ld"
        embed_positions = {index: -1 for index in embed_positions}
        warnings.append("body taken from JSON-LD articleBody: the HTML body was much shorter")
    elif body.coverage < PARTIAL_BODY_COVERAGE and blocks:
        warnings.append(
            f"body may be incomplete: it holds {body.coverage:.0%} of the prose around it"
        )
    if not blocks:
        source = "none"
    elif sum(word_count(text) for text, _ in blocks) < SHORT_BODY_WORDS:
        warnings.append(f"short body: under {SHORT_BODY_WORDS} words (not an article page?)")
    return blocks, source, embed_positions, warnings


def _with_second_opinion(
    body: BodyResult, markup: str, url: str | None, rules: FurnitureRules, title: str | None
) -> BodyResult:
    """The rules' body with the paragraphs trafilatura keeps between two of its paragraphs."""
    if not body.blocks:
        return body
    headline_keys = {(title or "").casefold(), (body.headline or "").casefold()}
    # Only text still on the page after furniture removal (embedded posts are detached, so
    # their text is not), with the kind and link share the rules saw for it.
    on_page = {paragraph_key(text): (kind, links) for text, kind, links in body.page_blocks}

    def accept(text: str, kind: ParagraphKind) -> ParagraphKind | None:
        seen = on_page.get(paragraph_key(text))
        if seen is None or seen[0] == "heading":
            return None
        if (
            rules.is_filler(text, seen[1])
            or text.casefold() in headline_keys
            or looks_like_byline(text)
            or is_date_line(text)
        ):
            return None
        return seen[0]

    blocks, new_index = merge_second_opinion(
        body.blocks, trafilatura_paragraphs(markup, url), accept
    )
    if len(blocks) == len(body.blocks):
        return body
    embed_positions = tuple(
        (embed, new_index[position] if position >= 0 else position)
        for embed, position in body.embed_positions
    )
    return dataclasses.replace(body, blocks=tuple(blocks), embed_positions=embed_positions)


def _without(
    blocks: list[tuple[str, ParagraphKind]], embed_positions: dict[int, int], dropped: set[int]
) -> tuple[list[tuple[str, ParagraphKind]], dict[int, int]]:
    """`blocks` without the `dropped` indexes; an embed stays after the paragraph it followed
    (or the nearest one kept before it)."""
    kept = [block for index, block in enumerate(blocks) if index not in dropped]
    positions = {
        embed: position - sum(1 for gone in dropped if gone <= position)
        for embed, position in embed_positions.items()
    }
    return kept, positions


def _embeds(posts: list[EmbeddedPost], positions: dict[int, int]) -> list[Embed]:
    return [
        Embed(
            platform=posts[index].platform,
            text=posts[index].text,
            author_name=posts[index].author_name,
            author_handle=posts[index].author_handle,
            url=posts[index].url,
            posted_on=posted_on(posts[index]),
            after_paragraph=position,
        )
        for index, position in sorted(positions.items())
        if 0 <= index < len(posts)
    ]


def _failed(source: str | None, url: str | None, error: str, **extra: object) -> Article:
    return Article(
        source=source, url=url, title=None, authors=[], published=None, publisher=None,
        canonical_url=_canonical(url, None), language=None, body="", paragraphs=[],
        error=error, body_source="none", **extra,  # type: ignore[arg-type]
    )  # fmt: skip


def extract_article(
    html: str | bytes,
    url: str | None = None,
    *,
    source: str | None = None,
    encoding: str | None = None,
    fetched_at: datetime | None = None,
    second_opinion: bool = False,
    dek_in_body: bool = False,
) -> Article:
    """Extract the article on one page.

    `url` is the address the page was served from (None for a file of unknown origin); `source` is
    where it came from for the record (a path, or the address asked for), and defaults to `url`.
    `encoding` is the HTTP charset for bytes; `fetched_at` bounds plausible dates for archived
    pages; `second_opinion` adds the paragraphs trafilatura (when installed) finds between two of
    the rules' paragraphs (off by default: on the dev pages it moved body F1 by +0.001 at about half
    the speed, see README); `dek_in_body` opens the body with the dek printed under the headline,
    as a "standfirst" block (off by default: +0.0014 body F1 on the dev pages, but it moves the
    bundled dataset's bodies and so the offsets of its NLP gold, see README). Never raises on odd
    content: an `Article` whose `error` says why there is no article comes back instead, so a
    crawl of many outlets never stops on one page.
    """
    source = source if source is not None else url
    try:
        return _extract(html, url, source, encoding, fetched_at, second_opinion, dek_in_body)
    except Exception as exc:  # noqa: BLE001 - recorded as the page's error, by design
        # A page no rule foresaw: recorded as this page's failure, the run goes on.
        return _failed(source, url, f"extraction failed: {type(exc).__name__}: {exc}")


def _extract(
    html: str | bytes,
    url: str | None,
    source: str | None,
    encoding: str | None,
    fetched_at: datetime | None,
    second_opinion: bool = False,
    dek_in_body: bool = False,
) -> Article:
    binary = _binary_reason(html)
    if binary:
        return _failed(source, url, binary)
    warnings: list[str] = []
    codec = None
    if isinstance(html, bytes):
        decoded = decode_page(html, encoding)
        markup, codec = decoded.text, decoded.encoding
        if decoded.declared:
            warnings.append(
                f"charset declared as {decoded.declared!r} but read as {decoded.encoding}"
            )
    else:
        markup = html
    markup, size_warnings = shrink_oversized(markup)
    warnings += size_warnings
    soup = BeautifulSoup(markup, "lxml")
    if flatten_deep_nesting(soup):
        warnings.append("elements nested too deep were flattened")
    metadata = read_page_metadata(soup, url=url or "", now=fetched_at)
    corrections = find_correction_notes(soup)
    posts = detach_embeds(soup)
    rules = rules_for_url(url or metadata.declared_canonical)
    body = extract_body(soup.body or soup, title=metadata.title, rules=rules)
    if second_opinion:
        body = _with_second_opinion(body, markup, url, rules, metadata.title)
    blocks, body_source, embed_positions, body_warnings = _choose_body(metadata, body)
    warnings += body_warnings
    provenance = dict(metadata.provenance)
    provenance["body"] = body_source if rules.family is None else f"{body_source}+{rules.family}"

    authors = list(metadata.authors)
    agencies = list(metadata.agencies)
    if not authors and body.bylines:
        people, byline_agencies = split_people_and_agencies(
            normalize_authors(body.bylines, exclude=[metadata.site_name])
        )
        authors = people
        if people:
            provenance["authors"] = "body-byline"
        agencies = agencies or byline_agencies
    if authors and (headless := strip_leading_byline(blocks, authors)) != blocks:
        # Embeds after a dropped line move up with the paragraphs they follow.
        dropped = [
            index
            for index, block in enumerate(blocks[:LEADING_METADATA_BLOCKS])
            if block not in headless
        ]
        embed_positions = {
            index: position - sum(1 for gone in dropped if gone <= position)
            for index, position in embed_positions.items()
        }
        blocks = headless
    trimmed = strip_references(strip_author_box(blocks, authors) if authors else blocks)
    if trimmed != blocks:
        blocks = trimmed
        embed_positions = {
            index: min(position, len(blocks) - 1) for index, position in embed_positions.items()
        }
    notes = story_note_indexes([text for text, _ in blocks])
    if notes and len(notes) < len(blocks):
        # Notes about the story are the outlet's record of its changes: kept with the
        # correction notes found on the page, not in the story's text.
        corrections += [
            blocks[index][0]
            for index in sorted(notes)
            if not any(blocks[index][0] in note for note in corrections)
        ]
        blocks, embed_positions = _without(blocks, embed_positions, notes)
    if labels := opening_label_indexes(blocks):
        blocks, embed_positions = _without(blocks, embed_positions, labels)
    credits = credit_lines([block for block, _ in blocks[-CREDIT_BLOCKS:]])
    contributors = {
        index
        for index in range(max(0, len(blocks) - CREDIT_BLOCKS), len(blocks))
        if is_contributor_credit(blocks[index][0])
    }
    if contributors and len(contributors) < len(blocks):
        # Credited in `credits`; the line itself is no part of the story.
        blocks, embed_positions = _without(blocks, embed_positions, contributors)
    first_paragraph = blocks[0][0] if blocks else None
    if dek_in_body and metadata.provenance.get("subtitle") == "dek-element":
        led = lead_with_dek(blocks, metadata.subtitle)
        if led is not blocks:
            blocks = led
            embed_positions = {
                index: position + 1 if position >= 0 else position
                for index, position in embed_positions.items()
            }
    text, paragraphs = assemble_paragraphs(blocks)
    if not agencies and (from_dateline := dateline_agency(first_paragraph)):
        agencies, provenance["agency"] = [from_dateline], "dateline"
    if agencies and metadata.site_name and agencies[0].casefold() == metadata.site_name.casefold():
        agencies = []  # the outlet naming itself in its own dateline is no wire credit
        provenance.pop("agency", None)
    if credits:
        provenance["credits"] = "body"

    published = _iso(metadata.published)
    if published is None and paragraphs:
        published = htmldate_published(markup, url, fetched_at)
        if published:
            provenance["published"] = "htmldate"
    return Article(
        source=source,
        url=url,
        # The headline as printed beats a <title> that still carries the outlet's name.
        title=body.headline or metadata.title,
        authors=authors,
        published=published,
        publisher=metadata.site_name,
        canonical_url=_canonical(url, metadata.declared_canonical),
        language=metadata.language,
        body=text,
        paragraphs=paragraphs,
        error=None if paragraphs else NO_ARTICLE,
        description=metadata.description,
        modified=_iso(metadata.modified),
        date_source=provenance.get("published"),
        section=metadata.section,
        keywords=list(metadata.keywords),
        page_type=metadata.page_type,
        embeds=_embeds(posts, embed_positions),
        body_source=body_source,
        warnings=warnings,
        corrections=corrections,
        subtitle=metadata.subtitle,
        agency=agencies[0] if agencies else None,
        credits=credits,
        paywall=metadata.paywalled,
        provenance=provenance,
        encoding=codec,
    )
