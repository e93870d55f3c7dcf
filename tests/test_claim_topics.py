"""claim_topics.topics_of rules a topic out by its words before running its pattern; the
answers must stay the patterns' own."""

from __future__ import annotations

import re

from presswatch.analyze.claim_topics import _folded, topic_patterns, topics_of


def test_topics_of_answers_as_the_patterns_do() -> None:
    patterns = topic_patterns(
        {"privacy": ["encryption", "data protection"], "competition": ["rival", "antitrust"]}
    )
    texts = [
        "Rivals said the ANTITRUST case was weak.",
        "End-to-end Encryption stays, the firm said.",
        "Data-protection rules",  # the words, not the phrase
        "the rivalry",  # the word inside another word
        "İnstagram and ſome PRIVACY advocates",  # characters IGNORECASE folds
        "Nothing about either.",
        "",
    ]
    for text in texts:
        expected = [t for t, p in patterns.items() if p.search(text)]
        assert topics_of(text, patterns) == expected, text
    # and what the texts say, read by hand
    assert topics_of("Rivals said the ANTITRUST case was weak.", patterns) == ["competition"]
    assert topics_of("End-to-end Encryption stays, the firm said.", patterns) == ["privacy"]
    assert topics_of("Nothing about either.", patterns) == []


def test_folding_keeps_every_ignorecase_match_of_an_ascii_letter() -> None:
    # The quick test must never rule out a text the pattern matches: every character that
    # re.IGNORECASE takes for an ASCII letter folds to that letter (Latin, Greek, Cyrillic,
    # letterlike symbols such as the Kelvin sign).
    for letter in "abcdefghijklmnopqrstuvwxyz":
        pattern = re.compile(letter, re.IGNORECASE)
        for code in range(0x2200):
            character = chr(code)
            if pattern.fullmatch(character):
                assert _folded(character) == letter, hex(code)
