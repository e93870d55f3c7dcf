"""What an "according to X" phrase reports (pure: reads the parse).

"According to X, …" reports the sentence after the phrase, "…, according to X." the words
before it, and "Since last spring, according to X, nurses have treated …" — the phrase set off
inside the clause — the whole sentence, as a parenthetical "A, he said, B" does (PolNeAR's
annotators mark it so; the words before the phrase alone were a fragment such as "Since last
spring").
"""

from __future__ import annotations

from spacy.tokens import Token

from .token_trim import trim_tokens


def according_to_content(according: Token, phrase_last: int) -> tuple[int, int] | None:
    """Character offsets of the content of the phrase from `according` to token `phrase_last`
    (the end of its source)."""
    doc, sent = according.doc, according.sent
    if according.i - sent.start <= 1:  # at the start: content follows
        return trim_tokens(doc, phrase_last + 1, sent.end - 1)
    if interrupts_clause(according, phrase_last):
        return trim_tokens(doc, sent.start, sent.end - 1)
    return trim_tokens(doc, sent.start, according.i - 1)  # at the end: content precedes


def interrupts_clause(according: Token, phrase_last: int) -> bool:
    """The phrase is set off by commas and the sentence's main verb comes after it."""
    doc, sent = according.doc, according.sent
    before, after = according.i - 1, phrase_last + 1
    if before <= sent.start or after >= sent.end - 1:
        return False
    return doc[before].text == "," and doc[after].text == "," and sent.root.i > after
