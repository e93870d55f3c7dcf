"""Finds quotations by their marks in raw text: curly “…”, straight "…", «…» and ''…'' (two
apostrophes, as the New York Times archive and other wire text write a double quotation mark).

Pure string work, one line (paragraph) at a time. News text puts a multi-paragraph quotation's
closing mark only at its very end, so a quotation still open at the end of a line is closed
there. Single marks (‘…’, '…') are not quotations here: they nest inside double ones, and ’ is
also the apostrophe.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any

_ALWAYS_OPEN = "“«„"
_ALWAYS_CLOSE = "”»"
_STRAIGHT = '"'
_DOUBLED_APOSTROPHE = "''"
_CANDIDATE = re.compile(
    re.escape(_DOUBLED_APOSTROPHE)
    + "|["
    + re.escape(_ALWAYS_OPEN + _ALWAYS_CLOSE + _STRAIGHT)
    + "]"
)
_BEFORE_OPENING = "([{—–-/:"
_AFTER_CLOSING = ",.;:!?)]}—–-…"
_CONTENT_TRAILING_STRIP = " \t\r,"


@dataclass(frozen=True)
class QuoteMarks:
    open: int  # offset of the opening mark
    close: int | None  # offset of the closing mark; None when the line ended first
    content_start: int  # the words inside, without the marks, edge spaces and a trailing comma
    content_end: int
    line: int  # index of the line (paragraph) the quotation is on
    width: int = 1  # characters of the closing mark: 2 for ''

    @property
    def end(self) -> int:
        """Offset just past the quotation, closing mark included."""
        return self.close + self.width if self.close is not None else self.content_end

    def contains(self, offset: int) -> bool:
        return self.open <= offset < self.end


def _role(line: str, i: int, is_open: bool, width: int = 1) -> str:
    mark = line[i]
    before = line[i - 1] if i > 0 else " "
    after = line[i + width] if i + width < len(line) else " "
    # invisible direction and joiner marks pasted from social media ("\u202a”Great news …") are no
    # letters: a mark after one opens as after a space
    before = " " if unicodedata.category(before) == "Cf" else before
    after = " " if unicodedata.category(after) == "Cf" else after
    opens_left = before.isspace() or before in _BEFORE_OPENING
    closes_right = after.isspace() or after in _AFTER_CLOSING
    if mark in _ALWAYS_OPEN:
        # A “ typed where ” belongs ("word“ ,") still closes.
        return "close" if is_open and not opens_left and closes_right else "open"
    if mark in _ALWAYS_CLOSE:
        return "open" if not is_open and opens_left and not after.isspace() else "close"
    if opens_left and not after.isspace() and not is_open:
        return "open"
    return "close" if is_open else "open"


def _content_bounds(line: str, start: int, end: int) -> tuple[int, int]:
    while start < end and line[start].isspace():
        start += 1
    while end > start and line[end - 1] in _CONTENT_TRAILING_STRIP:
        end -= 1
    return start, end


def doc_quote_marks(doc: Any, text: str) -> list[QuoteMarks]:
    """find_quote_marks over a Doc's text (`text`, which the caller has built), found once per
    Doc and kept on Doc._.quote_marks: the pronoun resolver and the quote finder both need it."""
    marks = doc._.quote_marks
    if marks is None:
        marks = find_quote_marks(text)
        doc._.quote_marks = marks
    return marks


def find_quote_marks(text: str) -> list[QuoteMarks]:
    found: list[QuoteMarks] = []
    offset = 0
    for line_index, line in enumerate(text.split("\n")):
        open_at: int | None = None
        open_width = 1
        i = 0
        while True:
            # jump to the next mark: a character-by-character walk cost more than the rest
            candidate = _CANDIDATE.search(line, i)
            if candidate is None:
                break
            i = candidate.start()
            width = 2 if line.startswith(_DOUBLED_APOSTROPHE, i) else 1
            role = _role(line, i, open_at is not None, width)
            if role == "open" and open_at is None:
                open_at, open_width = i, width
            elif role == "close" and open_at is not None:
                found.append(_make(line, line_index, offset, open_at, i, open_width, width))
                open_at = None
            i += width
        if open_at is not None:
            found.append(_make(line, line_index, offset, open_at, None, open_width, 1))
        offset += len(line) + 1
    return [q for q in found if any(c.isalnum() for c in text[q.content_start : q.content_end])]


def _make(
    line: str,
    line_index: int,
    offset: int,
    open_at: int,
    close_at: int | None,
    open_width: int = 1,
    close_width: int = 1,
) -> QuoteMarks:
    inner_end = close_at if close_at is not None else len(line)
    start, end = _content_bounds(line, open_at + open_width, inner_end)
    return QuoteMarks(
        open=offset + open_at,
        close=None if close_at is None else offset + close_at,
        content_start=offset + start,
        content_end=offset + end,
        line=line_index,
        width=close_width,
    )
