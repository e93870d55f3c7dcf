"""Primary documents (complaints, decisions, press releases as PDF): text with numbered paragraphs.

A PDF's text layer is read with pypdf. Court and regulatory documents number their paragraphs
("12. Facebook's acquisition of …"); those numbers are what a researcher cites, so they are
kept: the document becomes an article whose body is one numbered paragraph per block, and
`document_paragraphs` maps each number to its offsets. Quotations in the coverage whose text
is found in a paragraph are linked back to it (`document_quotations`).
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from presswatch.extract.model import PARAGRAPH_SEPARATOR, Article, Paragraph

PDF_TYPE = "application/pdf"
_NUMBERED = re.compile(r"^\s*(\d{1,4})\.\s+(?=\S)", re.MULTILINE)
_BODY_NUMBER = re.compile(r"(\d{1,4})\. ")


class DocumentError(ValueError):
    """The PDF could not be read or has no text layer."""


def pdf_text(data: bytes) -> tuple[str, dict[str, Any]]:
    """The text of every page (in order) and the document's title/creation date, if any."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        text = "\n".join((page.extract_text() or "") for page in reader.pages)
        meta = reader.metadata
    except (PdfReadError, ValueError, KeyError, TypeError) as exc:
        raise DocumentError(f"unreadable PDF: {exc}") from exc
    info: dict[str, Any] = {}
    if meta is not None:
        info["title"] = (meta.title or "").strip() or None
        created = meta.creation_date
        info["created"] = created.isoformat() if isinstance(created, datetime) else None
    if not text.strip():
        raise DocumentError("the PDF has no text layer (a scan?): nothing to extract")
    return text, info


def numbered_paragraphs(text: str) -> list[tuple[int, str]]:
    """(number, text) per paragraph: the document's own numbers when it has them, else 1, 2, 3…

    Lines inside a paragraph are joined (a hyphen at a line end joins the word halves).
    """
    starts = list(_NUMBERED.finditer(text))
    if len(starts) >= 2:
        blocks = [
            (
                int(m.group(1)),
                text[m.end() : starts[i + 1].start() if i + 1 < len(starts) else len(text)],
            )
            for i, m in enumerate(starts)
        ]
        preamble = text[: starts[0].start()].strip()
        result = [(0, _unwrap(preamble))] if preamble else []
        return result + [(number, _unwrap(block)) for number, block in blocks if block.strip()]
    pieces = [p for p in re.split(r"\n\s*\n", text) if p.strip()]
    if len(pieces) == 1:
        # No blank lines: a line ending a sentence ends a paragraph.
        pieces = [p for p in re.split(r"(?<=[.!?:])\s*\n", text) if p.strip()]
    return [(index, _unwrap(piece)) for index, piece in enumerate(pieces, start=1)]


def _unwrap(block: str) -> str:
    block = re.sub(r"(\w)-\n(\w)", r"\1\2", block.strip())
    return re.sub(r"\s+", " ", block)


def document_article(data: bytes, url: str) -> Article:
    """The PDF as an Article: body = numbered paragraphs ("12. …"), so NLP runs on it as on news."""
    text, info = pdf_text(data)
    numbered = numbered_paragraphs(text)
    body, paragraphs, position = [], [], 0
    for number, paragraph in numbered:
        piece = f"{number}. {paragraph}" if number else paragraph
        paragraphs.append(
            Paragraph(text=piece, kind="paragraph", start=position, end=position + len(piece))
        )
        body.append(piece)
        position += len(piece) + len(PARAGRAPH_SEPARATOR)
    title = info.get("title") or (numbered[0][1][:120] if numbered else None)
    return Article(
        source=url,
        url=url,
        title=title,
        authors=[],
        published=info.get("created"),
        publisher=None,
        canonical_url=url,
        language=None,
        body=PARAGRAPH_SEPARATOR.join(body),
        paragraphs=paragraphs,
        body_source="plain-text",
        page_type="document",
    )


def paragraph_spans(body: str) -> list[tuple[int, int, int]]:
    """(number, start, end) of each numbered paragraph of a document article's body."""
    spans, position = [], 0
    for piece in body.split(PARAGRAPH_SEPARATOR):
        match = _BODY_NUMBER.match(piece)
        if match:
            spans.append((int(match.group(1)), position, position + len(piece)))
        position += len(piece) + len(PARAGRAPH_SEPARATOR)
    return spans


def _normal(text: str) -> str:
    text = text.translate(
        str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "—": "-", "–": "-"})
    )
    return re.sub(r"\s+", " ", text).strip().lower()


def quotation_links(
    quotes: Iterable[dict[str, Any]], documents: Iterable[dict[str, Any]], min_chars: int = 25
) -> list[dict[str, Any]]:
    """Quotes whose words appear in a document paragraph: (quote, document, paragraph) rows.

    `quotes`: rows with id, article_id, content; `documents`: rows with id, version, body.
    Matching ignores case, spacing and curly-vs-straight quotes; short quotes are skipped
    because a few words match by chance.
    """
    paragraphs = [
        (doc["id"], doc["version"], number, _normal(doc["body"][start:end]))
        for doc in documents
        for number, start, end in paragraph_spans(doc["body"])
    ]
    links = []
    for quote in quotes:
        needle = _normal(quote["content"]).strip("\"' .,")
        if len(needle) < min_chars:
            continue
        for doc_id, version, number, text in paragraphs:
            if doc_id != quote["article_id"] and needle in text:
                links.append(
                    {
                        "quote_id": quote["id"],
                        "document_article_id": doc_id,
                        "document_version": version,
                        "paragraph_number": number,
                    }
                )
                break
    return links
