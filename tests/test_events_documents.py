"""Primary documents: a PDF made here (with a text layer) read into numbered paragraphs."""

from __future__ import annotations

import pytest
from presswatch.derive.events.documents import (
    DocumentError,
    document_article,
    numbered_paragraphs,
    paragraph_spans,
    pdf_text,
    quotation_links,
)

from tests.pdf_maker import make_text_pdf

COMPLAINT = [
    "IN THE UNITED STATES DISTRICT COURT",
    "1. Plaintiff brings this action to restore competition in a market for",
    "personal social networking services.",
    "2. The defendant bought a rival photo app and a rival messaging app to neutral-",
    "ize threats to its position.",
    "3. Plaintiff asks the Court to order the divestiture of both apps.",
]


def test_pdf_text_layer_becomes_numbered_paragraphs() -> None:
    data = make_text_pdf(COMPLAINT, "Complaint for injunctive relief", created="D:20201209150000Z")
    article = document_article(data, "https://court.example/complaint.pdf")
    assert article.title == "Complaint for injunctive relief"
    assert article.published == "2020-12-09T15:00:00+00:00"
    assert article.body.split("\n\n") == [
        "IN THE UNITED STATES DISTRICT COURT",
        "1. Plaintiff brings this action to restore competition in a market for personal social "
        "networking services.",
        "2. The defendant bought a rival photo app and a rival messaging app to neutralize threats "
        "to its position.",
        "3. Plaintiff asks the Court to order the divestiture of both apps.",
    ]
    spans = paragraph_spans(article.body)
    assert [number for number, _, _ in spans] == [1, 2, 3]
    assert (
        article.body[spans[2][1] : spans[2][2]]
        == "3. Plaintiff asks the Court to order the divestiture of both apps."
    )
    assert [(p.start, p.end) for p in article.paragraphs][1:] == [
        (start, end) for _, start, end in spans
    ]


def test_unnumbered_text_is_numbered_in_order() -> None:
    text = "The Commission cleared the deal.\nIt found enough rivals remained.\n"
    assert numbered_paragraphs(text) == [
        (1, "The Commission cleared the deal."),
        (2, "It found enough rivals remained."),
    ]


def test_a_pdf_without_text_or_a_broken_file_is_refused_clearly() -> None:
    with pytest.raises(DocumentError, match="no text layer"):
        pdf_text(make_text_pdf([], "Scanned"))
    with pytest.raises(DocumentError, match="unreadable PDF"):
        pdf_text(b"%PDF-1.4\nnot really a pdf")


def test_quotes_link_to_the_paragraph_holding_their_words() -> None:
    body = document_article(make_text_pdf(COMPLAINT, "C"), "https://court.example/c.pdf").body
    documents = [{"id": "doc", "version": "v1", "body": body}]
    quotes = [
        # Curly quotes, different case and spacing: still paragraph 3's words.
        {
            "id": "q1",
            "article_id": "news",
            "content": "\u201cthe Court to order the  divestiture of both apps\u201d",
        },
        {
            "id": "q2",
            "article_id": "news",
            "content": "order the divestiture",
        },  # too short to trust
        {
            "id": "q3",
            "article_id": "news",
            "content": "a sentence that appears in no document at all",
        },
    ]
    assert quotation_links(quotes, documents) == [
        {
            "quote_id": "q1",
            "document_article_id": "doc",
            "document_version": "v1",
            "paragraph_number": 3,
        },
    ]


def test_the_bundled_fixture_pdf_is_what_pdf_maker_writes() -> None:
    from tests.conftest import REPO_ROOT
    from tests.pdf_maker import LARCHMONT_COMMENT

    path = (
        REPO_ROOT
        / "datasets"
        / "ftc-v-meta-unwind"
        / "fixtures"
        / "pages"
        / "larchmont-2021-01-15-remedies-comment.pdf"
    )
    assert path.read_bytes() == make_text_pdf(
        LARCHMONT_COMMENT, "Comment on remedies in FTC v. Facebook"
    )
