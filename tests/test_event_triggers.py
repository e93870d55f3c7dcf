"""The trigger search of event mentions (pipeline/derive/events/mentions.py) finds what one
word-bounded pattern per kind finds: the same span and the same kind, sentence by sentence."""

from __future__ import annotations

import re
from pathlib import Path

from presswatch.derive.events.mentions import _TRIGGER_RE, TRIGGERS, split_sentences
from presswatch.extract import extract_article

DATASET = Path(__file__).parent.parent / "datasets" / "fb-messaging-integration"
PAGES = DATASET / "fixtures" / "pages"
# The form the search had: each kind's pattern between its own word boundaries.
PER_KIND = re.compile(
    "|".join(f"(?P<{kind}>\\b(?:{pattern})\\b)" for kind, pattern in TRIGGERS), re.IGNORECASE
)
EDGES = [
    "Regulators opened an investigation into the deal.",
    "The firm was investigatingly slow; then it sued.",  # a trigger inside a longer word is not one
    "It bought shares, acquiredX none, and then acquired Instagram.",
    "Meta agreed to pay a $5.0 billion penalty with the FTC.",
    "The court ruled; the suit was dismissed and the buyer took over.",
    "A penalty over the merger.",
    "Suing-happy rivals fined",
    "acquisitions of small firms",
    "The $5 billion settlement against Meta",
    "No event here at all.",
]


def sentences() -> list[str]:
    found = list(EDGES)
    for page in sorted(PAGES.glob("*.html")):
        body = extract_article(page.read_bytes()).body
        found += [body[start:end] for start, end in split_sentences(body)]
    return found


def test_the_trigger_search_matches_the_per_kind_patterns() -> None:
    hits = 0
    for sentence in sentences():
        expected, got = PER_KIND.search(sentence), _TRIGGER_RE.search(sentence)
        assert (got is None) == (expected is None), sentence
        if got is not None:
            hits += 1
            assert (got.span(), got.lastgroup, got.group(0)) == (
                expected.span(),
                expected.lastgroup,
                expected.group(0),
            ), sentence
    assert hits >= 15  # the comparison saw triggers of the fixture pages, not only misses
