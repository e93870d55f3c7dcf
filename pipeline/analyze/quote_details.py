"""Medium and confidence of each quote record (pure: text and offsets in, fields out).

Medium — how the words reached the reporter — is read from the cue and its sentence: the verb
("tweeted"), then words naming a channel ("in a thread on Twitter", "in an op-ed", "in a
statement", "in an interview", "told Reuters"). A quotation with no cue of its own continues an
earlier quote and keeps that quote's medium. Anything else reported with a speech verb is
"spoken".

Confidence is a fixed score per way the speaker was found, so a researcher can filter on it and
know what it means: named speaker with its cue in the sentence (0.95), a signature line (0.9),
an organisation's voice such as "a spokesperson" (0.85), a pronoun resolved by salience or a
description such as "the minister" resolved to the person so described (0.8),
a speaker phrase with no known entity (0.7), a quotation continuing the previous speaker
(0.65), no speaker (0.2). Indirect quotes lose 0.1: their span is the parser's guess.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from .lexicon import ORGANIZATION_VOICE_NOUNS, PRONOUN_LABELS
from .quote_marks import find_quote_marks
from .spans import QuoteRecord, speaker_key

MEDIA = ("spoken", "tweet", "blog", "op-ed", "statement", "interview")

# Checked in this order: the most specific channel wins ("a statement posted on Twitter" is a
# statement only if nothing says tweet first — the verb is checked before these).
_CHANNEL_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("tweet", re.compile(r"\b(tweet\w*|twitter|thread|on x)\b", re.IGNORECASE)),
    ("op-ed", re.compile(r"\b(op-?eds?|opinion (piece|column)|column|essay)\b", re.IGNORECASE)),
    (
        "blog",
        re.compile(r"\b(blog(s|ged| post)?|newsletter|substack|medium post)\b", re.IGNORECASE),
    ),
    (
        "statement",
        re.compile(
            r"\b(statement|spokes(person|man|woman|people)|press release|news release|"
            r"emailed|e-mailed|a release)\b",
            re.IGNORECASE,
        ),
    ),
    (
        "interview",
        re.compile(
            r"\b(interview\w*|told (reporters|journalists|the [A-Z]\w+|[A-Z]\w+)|"
            r"in a (call|phone call)|on (a|the) podcast|on air)\b"
        ),
    ),
)
_SAME_CHANNEL_PARAGRAPHS = 2
_CUE_MEDIUM = {"tweet": "tweet", "blog": "blog", "post": "blog"}
_WRITTEN_CUES = {"write", "wrote", "written", "writes", "publish", "published", "pen", "penned"}


def medium_from_context(cue_text: str | None, context: str) -> str | None:
    """The medium named by the cue verb or by its sentence, or None when nothing names one."""
    cue = (cue_text or "").lower()
    for stem, medium in _CUE_MEDIUM.items():
        if cue.startswith(stem):
            return medium
    for medium, pattern in _CHANNEL_PATTERNS:
        if pattern.search(context):
            return medium
    if cue in _WRITTEN_CUES:
        return "statement"
    return None


def _sentence_around(text: str, start: int, end: int) -> str:
    """The line (paragraph) holding the span: quotes and cues never cross paragraphs."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    return text[line_start : len(text) if line_end == -1 else line_end]


@lru_cache(maxsize=64)
def _quote_marks_in(paragraph: str) -> tuple:
    """The quotations of a paragraph, found once for all the quotes whose cue sits in it."""
    return tuple(find_quote_marks(paragraph))


def _context_without_quoted_words(text: str, quote: QuoteRecord) -> str:
    """The cue's paragraph minus every quotation in it, so "a blog post" inside somebody's
    words names no channel."""
    anchor = quote["cue"] or quote["content"]
    paragraph = _sentence_around(text, anchor["start"], anchor["end"])
    kept, last = [], 0
    for marks in _quote_marks_in(paragraph):
        kept.append(paragraph[last : marks.open])
        last = marks.end
    kept.append(paragraph[last:])
    return " ".join(kept)


def speaker_confidence(quote: QuoteRecord, continued: bool) -> float:
    speaker, entity = quote["speaker"], quote["speaker_entity"]
    if speaker is None:
        score = 0.2
    elif continued:
        score = 0.65
    elif quote["cue"] is None:
        score = 0.9  # a signature line: "— Matthew Green, on Twitter"
    else:
        words = speaker["text"].lower().split()
        last = words[-1] if words else ""
        if last in PRONOUN_LABELS or last in {"i", "we"}:
            score = 0.8 if entity else 0.4
        elif last in ORGANIZATION_VOICE_NOUNS:
            score = 0.85 if entity else 0.6
        elif words[0] in ("the", "this", "that") and entity:
            score = 0.8  # "the minister": resolved through a description, like a pronoun
        else:
            score = 0.95 if entity else 0.7
    if quote["type"] == "indirect":
        score -= 0.1
    return round(score, 2)


def add_medium_and_confidence(
    text: str, quotes: Sequence[QuoteRecord], continued: set[int]
) -> None:
    """Fill `medium` and `confidence` in place. `continued` holds the content start offsets of
    quotations whose speaker was taken from an earlier quote."""
    latest_medium: dict[str, tuple[str, int]] = {}  # speaker -> (medium, end of that quote)
    for quote in sorted(quotes, key=lambda q: q["content"]["start"]):
        is_continued = quote["content"]["start"] in continued
        key = speaker_key(quote)
        medium = None
        if not is_continued:
            context = _context_without_quoted_words(text, quote)
            cue_text = quote["cue"]["text"] if quote["cue"] else None
            medium = medium_from_context(cue_text, context)
        if medium is None and key in latest_medium:
            # The same speaker a paragraph or two later is still in the same thread/interview.
            earlier, earlier_end = latest_medium[key]
            between = text[earlier_end : quote["content"]["start"]]
            if is_continued or between.count("\n\n") <= _SAME_CHANNEL_PARAGRAPHS:
                medium = earlier
        medium = medium or "spoken"
        if key is not None:
            latest_medium[key] = (medium, quote["content"]["end"])
        quote["medium"] = medium
        quote["confidence"] = speaker_confidence(quote, is_continued)
