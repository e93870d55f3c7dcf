"""The last filter both extractors apply to candidate paragraphs, in reading order."""

from __future__ import annotations

import re

from .authors import looks_like_byline
from .boilerplate import FurnitureRules, furniture_rules
from .dates import is_date_line
from .model import ParagraphKind

LEADING_METADATA_BLOCKS = 3
AUTHOR_BOX_BLOCKS = 3  # the last paragraphs, where an outlet prints its author box
MAX_AUTHOR_BOX_CHARACTERS = 400
LEADING_METADATA_MAX_CHARACTERS = 160
# Video players print "Click to play video: 'Title'" and then the title again on its own.
_VIDEO_TEASER = re.compile(r"^click to play video\s*:?\s*(?P<title>.*)$", re.IGNORECASE)
_QUOTE_MARKS = "'\"‘’“”"
# What follows the headline in a <title>: " - Outlet", " | Section | Outlet".
_TITLE_SUFFIX = re.compile(r"^\s+[|\-–—:·•»]\s+\S")


class ParagraphFilter:
    """Accepts or rejects candidate paragraphs one at a time, remembering what it kept.

    Rejected: filler lines (ads, share buttons, "Read more:" teasers), exact repeats (pull
    quotes), video teasers with the title they repeat, the headline printed again, and byline
    or date lines among the first few paragraphs.
    """

    def __init__(self, title: str | None, rules: FurnitureRules | None = None) -> None:
        self._rules = rules or furniture_rules()
        self._title_key = (title or "").casefold()
        self._seen: set[str] = set()
        self.kept: list[tuple[str, ParagraphKind]] = []
        self.bylines: list[str] = []  # byline lines dropped from the body: an author fallback
        self._video_title_key: str | None = None
        self.headline: str | None = None  # the headline as printed on the page, when seen

    def offer(self, text: str, kind: ParagraphKind, link_ratio: float = 0.0) -> bool:
        key = text.casefold()
        teaser = _VIDEO_TEASER.match(text)
        video_title_key, self._video_title_key = self._video_title_key, None
        if teaser:
            self._video_title_key = teaser.group("title").strip(_QUOTE_MARKS + " ").casefold()
            return False
        if key == video_title_key:
            return False
        if key in self._seen or self._rules.is_filler(text, link_ratio):
            return False
        if self._is_headline(key):
            self.headline = text
            return False
        if (
            len(self.kept) < LEADING_METADATA_BLOCKS
            and len(text) <= LEADING_METADATA_MAX_CHARACTERS
        ):
            if looks_like_byline(text):
                self.bylines.append(text)
                return False
            if is_date_line(text):
                return False
        self._seen.add(key)
        self.kept.append((text, kind))
        return True

    def _is_headline(self, key: str) -> bool:
        """The title, or (near the top) the title without an outlet suffix: a <title> of
        "Headline - Outlet" over a page that prints "Headline"."""
        if not self._title_key or not key:
            return False
        if key == self._title_key:
            return True
        return (
            len(self.kept) < LEADING_METADATA_BLOCKS
            and self._title_key.startswith(key)
            and bool(_TITLE_SUFFIX.match(self._title_key[len(key) :]))
        )

    def finish(self) -> list[tuple[str, ParagraphKind]]:
        """The kept paragraphs, without trailing headings (a heading followed by nothing
        labelled furniture that was removed)."""
        while self.kept and self.kept[-1][1] == "heading":
            self.kept.pop()
        return self.kept


_JOB = (
    r"(?:reporter|writer|editor|correspondent|journalist|columnist|analyst|contributor|critic"
    r"|producer|photographer|officer|director|professor|founder|president|fellow|researcher"
    r"|scientist|economist|strategist|attorney|lawyer|consultant|lecturer|host|anchor)s?"
)
# The job title printed on its own line above the box ("Senior Editor").
_JOB_LINE = re.compile(rf"(?:[\w.&-]+\s+){{0,3}}{_JOB}", re.IGNORECASE)
MAX_JOB_LINE_CHARACTERS = 40


def strip_author_box(
    blocks: list[tuple[str, ParagraphKind]], authors: list[str]
) -> list[tuple[str, ParagraphKind]]:
    """`blocks` without the closing paragraphs that introduce the story's own author by trade
    ("Jane Roe is a senior reporter for …", "Jane is the deputy chief technology officer at
    …"), with the job title printed alone above such a box: the outlet's author box, not the
    story. Only among the last few paragraphs, and only a name of this story's authors. A
    column's tagline ("Jane Roe writes about policy. Her column appears on Tuesdays.") stays:
    truths differ on it, and the hand-written one of tests/fixtures/extract/layouts keeps it."""
    names = {part for author in authors for part in (author, author.split()[0]) if part}
    if not names or not blocks:
        return blocks
    alternatives = "|".join(re.escape(name) for name in sorted(names, key=len, reverse=True))
    box = re.compile(
        rf"^(?:[—–-]\s*)?(?:{alternatives})\b[^.]{{0,40}}?\b"
        rf"(?:is|was) (?:an?|the)\b[^.]{{0,50}}?\b{_JOB}\b",
        re.IGNORECASE,
    )
    tail_start = max(0, len(blocks) - AUTHOR_BOX_BLOCKS)
    tail = blocks[tail_start:]
    boxes = {
        index
        for index, (text, _) in enumerate(tail)
        if len(text) <= MAX_AUTHOR_BOX_CHARACTERS and box.match(text)
    }
    titles = {
        index - 1
        for index in boxes
        if index > 0
        and len(tail[index - 1][0]) <= MAX_JOB_LINE_CHARACTERS
        and _JOB_LINE.fullmatch(tail[index - 1][0])
    }
    return blocks[:tail_start] + [
        block for index, block in enumerate(tail) if index not in boxes | titles
    ]
