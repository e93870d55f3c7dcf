"""pronouns.quote_lookup: whether an offset is inside a quotation, by bisection, against the
plain pass over every quotation it replaced."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from presswatch.analyze.pronouns import quote_lookup
from presswatch.analyze.quote_marks import QuoteMarks, find_quote_marks

TEXT = (
    '“We will not merge,” she said. He called it "a plan" and, later, “an open question\n'
    "Nobody replied. ''Never,'' wrote the board “at once”."
)


def test_quote_lookup_agrees_with_every_quotation_tested_in_turn() -> None:
    quotes = find_quote_marks(TEXT)
    assert len(quotes) >= 4  # closed, straight, unclosed at the line's end, doubled apostrophe
    inside = quote_lookup(quotes)
    for offset in range(-1, len(TEXT) + 2):
        assert inside(offset) == any(q.contains(offset) for q in quotes), offset


@given(
    st.lists(
        st.tuples(st.integers(0, 60), st.integers(1, 12), st.booleans()),
        max_size=8,
    ),
    st.integers(-2, 80),
)
def test_quote_lookup_on_any_quotations_even_overlapping_or_unordered(spans, offset) -> None:
    quotes = [
        QuoteMarks(
            open=start,
            close=start + length if closed else None,
            content_start=start + 1,
            content_end=start + length,
            line=0,
        )
        for start, length, closed in spans
    ]
    assert quote_lookup(quotes)(offset) == any(q.contains(offset) for q in quotes)
