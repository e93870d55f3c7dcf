"""trafilatura as a second opinion: only paragraphs between two kept ones, at their place."""

from presswatch.extract import extract_article
from presswatch.extract.second_opinion import merge_second_opinion

KEPT = [
    ("The council voted on Tuesday to buy a second ferry for the island route.", "paragraph"),
    ("The new boat should enter service in the spring of next year.", "paragraph"),
]


def accept_all(text: str, kind: str) -> str:
    return kind


def test_paragraph_between_two_kept_ones_is_inserted_in_place() -> None:
    others = [
        "Subscribe to our newsletter for more island news every week",
        KEPT[0][0],
        "Islanders had waited eleven years for a second crossing.",
        KEPT[1][0],
        "Read more: the history of the island ferry in photos today",
    ]
    blocks, new_index = merge_second_opinion(KEPT, others, accept_all)
    assert [text for text, _ in blocks] == [
        KEPT[0][0],
        "Islanders had waited eleven years for a second crossing.",
        KEPT[1][0],
    ]
    assert new_index == [0, 2]


def test_rejected_or_too_short_paragraphs_stay_out() -> None:
    others = [KEPT[0][0], "Share this", "Advertisement text that the filter rejects", KEPT[1][0]]
    blocks, _ = merge_second_opinion(
        KEPT, others, lambda text, kind: None if text.startswith("Advertisement") else kind
    )
    assert blocks == KEPT


def test_the_filter_gives_the_paragraph_kind() -> None:
    others = [KEPT[0][0], "- A deck for forty cars and three hundred people", KEPT[1][0]]
    blocks, _ = merge_second_opinion(KEPT, others, lambda text, kind: "list-item")
    assert blocks[1] == ("A deck for forty cars and three hundred people", "list-item")


def test_second_opinion_keeps_offsets_consistent_on_a_real_page() -> None:
    prose = " ".join(["The harbour board met for three hours and argued about the budget."] * 3)
    page = f"""<html><head><title>Ferry prices</title></head><body><article>
    <h1>Ferry prices</h1><p>{prose}</p>
    <div class="product-box"><p>The island pass costs forty dollars a month for residents.</p></div>
    <p>{prose} The vote is next week.</p><p>{prose} Nobody expects a change.</p>
    </article></body></html>"""
    article = extract_article(page, url="https://example.org/a", second_opinion=True)
    for paragraph in article.paragraphs:
        assert article.body[paragraph.start : paragraph.end] == paragraph.text
    # The rules' paragraphs are all there, in their order, with their kinds.
    rules_only = extract_article(page, url="https://example.org/a").paragraphs
    combined = iter((p.text, p.kind) for p in article.paragraphs)
    assert all((p.text, p.kind) in combined for p in rules_only)
