"""clean_inline_text (pipeline/extract/text.py): its fast path for text without a no-break space
gives what collapsing every whitespace run to one space and stripping gives."""

from __future__ import annotations

import random
import re
import sys

from presswatch.extract.text import clean_inline_text

WHITESPACE = [chr(code) for code in range(sys.maxunicode + 1) if re.fullmatch(r"\s", chr(code))]


def test_every_whitespace_character_collapses_as_the_regex_did() -> None:
    generator = random.Random(3)
    pieces = ["word", "Mr.", "“quoted”", "10", "x", *WHITESPACE]
    pieces.remove("\u00a0")  # the other path: a no-break space is kept
    for _ in range(3000):
        raw = "".join(generator.choice(pieces) for _ in range(generator.randint(0, 12)))
        assert clean_inline_text(raw) == re.sub(r"\s+", " ", raw).strip(), repr(raw)


def test_a_lone_no_break_space_is_kept_and_invisible_characters_go() -> None:
    assert clean_inline_text(" 10\u00a0km \t away\u200b ") == "10\u00a0km away"
    assert clean_inline_text("so\u00adft  hy\u00adphen\n") == "soft hyphen"


def test_each_invisible_character_goes_wherever_it_is() -> None:
    for character in "\u200b\u200c\u200d\u2060\ufeff\u00ad":
        assert clean_inline_text(f"{character}in{character}visible {character}") == "invisible"
        assert clean_inline_text(f"in{character}\u00a0visible") == "in\u00a0visible"
