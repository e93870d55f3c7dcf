"""The last filter both extractors apply to candidate paragraphs, in reading order."""

from __future__ import annotations

import re

from presswatch.common.text import tokens

from .authors import looks_like_byline
from .boilerplate import SENTENCE_END, FurnitureRules, furniture_rules
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
        """The kept paragraphs, without trailing headings or lead-ins ("Next read this:"):
        what they introduced was furniture, and was removed."""
        while self.kept and (
            self.kept[-1][1] == "heading" or self.kept[-1][0].rstrip().endswith(":")
        ):
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
        rf"^(?:[—–•-]\s*)?(?:{alternatives})\b[^.]{{0,100}}?\b"
        rf"(?:is|was) (?:(?:an?|the)\b)?[^.]{{0,50}}?\b{_JOB}\b",
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


_BYLINE_FILLER = re.compile(r"^(?:by\b)?[\s|·•,–—-]*|[\s|·•,–—-]+$", re.IGNORECASE)


def strip_leading_byline(
    blocks: list[tuple[str, ParagraphKind]], authors: list[str]
) -> list[tuple[str, ParagraphKind]]:
    """`blocks` without a line near the top that is only the story's author, or the author and
    a date ("Jane Roe - January 24, 2020"): the byline printed over the body."""
    names = sorted((author for author in authors if author), key=len, reverse=True)
    if not names:
        return blocks

    def is_byline(text: str) -> bool:
        if len(text) > LEADING_METADATA_MAX_CHARACTERS or not any(n in text for n in names):
            return False
        rest = text
        for name in names:
            rest = rest.replace(name, " ")
        rest = _BYLINE_FILLER.sub("", rest.strip())
        return not rest or is_date_line(rest)

    head = blocks[:LEADING_METADATA_BLOCKS]
    return [block for block in head if not is_byline(block[0])] + blocks[LEADING_METADATA_BLOCKS:]


# Headings of a list under the story: its sources, or other stories. What follows them is not
# the story when it looks like such a list: citations (short, or numbered "[1] …"), or
# headlines and labels (mostly lines that do not end as sentences do).
_SOURCES_HEADING = re.compile(
    r"references|footnotes|end ?notes|notes|sources|bibliography|works cited|citations"
    r"|further reading",
    re.IGNORECASE,
)
_STORIES_HEADING = re.compile(
    r"see also|read next|more stories|most read|most popular"
    r"|related(?: stories| articles| links| content| coverage| reading)?"
    r"|editors?['’]?s?['’]? picks?|recommended(?: for you| reading| stories)?"
    r"|you (?:might|may) (?:also )?like",
    re.IGNORECASE,
)
_NUMBERED = re.compile(r"^(?:\[\d{1,3}\]|\d{1,3}[.)]\s|\^)")
# A citation closing a science story: "More information: J. Roe et al, Title, Journal (2023).
# DOI: …", "Journal information: …", "J. Roe et al. 2023. Title. Journal 12: 1-9".
_CITATION = re.compile(
    r"^(?:for )?(?:more|journal) information:"
    r"|\bet al\b[.,]?\s*(?:(?:19|20)\d\d\.|.{0,400}\((?:19|20)\d\d\))"
    r"|\bdoi\b\s*:?\s*10\.",
    re.IGNORECASE,
)
MAX_CITATION_CHARACTERS = 600
REFERENCE_TAIL_SHARE = 0.5  # the heading sits in the story's second half
MAX_REFERENCE_LINE_CHARACTERS = 300  # a citation or a headline; longer is prose


def _is_citation(text: str) -> bool:
    return len(text) <= MAX_REFERENCE_LINE_CHARACTERS or bool(_NUMBERED.match(text))


def _is_list_below(heading: str, below: list[str]) -> bool:
    label = heading.strip(" :.-–—|")
    if _SOURCES_HEADING.fullmatch(label):
        return all(_is_citation(text) for text in below)
    if _STORIES_HEADING.fullmatch(label):
        sentences = sum(1 for text in below if SENTENCE_END.search(text))
        return all(len(text) <= MAX_REFERENCE_LINE_CHARACTERS for text in below) and (
            2 * sentences <= len(below)
        )
    return False


def strip_references(blocks: list[tuple[str, ParagraphKind]]) -> list[tuple[str, ParagraphKind]]:
    """`blocks` without a closing list of sources or other stories ("Footnotes", "[1] …";
    "RELATED STORIES", headlines) that begins in the story's second half, and without the
    citations that close science stories ("More information: … et al … DOI: …") or the
    outlet's contact line with an e-mail address, its pointer to more elsewhere or its
    affiliate disclosure, which close many stories. Also drops
    separator lines ("_____", "***") that hold no word."""
    kept = [(text, kind) for text, kind in blocks if any(char.isalnum() for char in text)]
    for index in range(max(int(len(kept) * REFERENCE_TAIL_SHARE), 1), len(kept)):
        if _is_list_below(kept[index][0], [text for text, _ in kept[index + 1 :]]):
            kept = kept[:index]
            break
    while len(kept) > 1 and _is_closing_line(kept[-1][0]):
        kept.pop()
    return kept


def _is_closing_line(text: str) -> bool:
    return (
        _is_closing_citation(text)
        or _is_closing_contact(text)
        or (len(text) <= MAX_CLOSING_LINE_CHARACTERS and bool(_CLOSING_NOTICE.search(text)))
    )


# Notices that close a story and belong to the outlet, not the story: a pointer to where more
# is to be read ("The U.S. National Institute of Health has more on asthma.": the stop after
# an initial is no sentence end), the affiliate disclosure ("If you buy through our links, we
# may earn an affiliate fee.").
_CLOSING_NOTICE = re.compile(
    r"^(?:[^.]|(?<=\b(?-i:[A-Z]))\.){3,150}"
    r"\bhas more (?:information |details )?(?:on|about)\b[^.]{1,150}\.?$"
    r"|\bwe (?:may |might |could )?(?:earn|receive|get)\b[^.]{0,60}"
    r"\b(?:commission|affiliate|share of (?:the )?(?:sales?|revenue))",
    re.IGNORECASE,
)


# An e-mail address: "letters@example.org", "jane.roe@example.co.uk".
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}", re.IGNORECASE)
MAX_CLOSING_LINE_CHARACTERS = 400


def _is_closing_contact(text: str) -> bool:
    """The outlet's contact line closing a story: how to reach the writer or the desk ("Contact
    Jane with tips via email, jane@…", "Send us your letters: letters@…", the writer's box
    ending "If you have a story she should tell, email jroe@…"). Only at the story's end:
    an address inside the story (where to send an application) is reporting."""
    return len(text) <= MAX_CLOSING_LINE_CHARACTERS and _EMAIL.search(text) is not None


def _is_closing_citation(text: str) -> bool:
    return len(text) <= MAX_CITATION_CHARACTERS and bool(_CITATION.search(text))


def lead_with_dek(
    blocks: list[tuple[str, ParagraphKind]], dek: str | None
) -> list[tuple[str, ParagraphKind]]:
    """The standfirst printed under the headline, as the body's first block ("standfirst").

    It is the story's own opening sentence, written for it, and sits in the header block with
    the headline and byline, outside the container the body is taken from. Not added when the
    body already holds it (a dek printed inside the story's container)."""
    if not dek or not blocks:
        return blocks
    wanted = " ".join(tokens(dek))
    if not wanted or wanted in " ".join(tokens(" ".join(text for text, _ in blocks[:3]))):
        return blocks
    return [(dek, "standfirst"), *blocks]


OPENING_PROSE_MIN_CHARACTERS = 60  # the story's first real paragraph
MAX_LABEL_CHARACTERS = 40
# Prose ends with a stop or a closing mark; a dateline ("CNN —") runs on into the first sentence.
_ENDS_AS_PROSE = re.compile(r"[.!?…\"'’”)\]—–-]$")


def opening_label_indexes(blocks: list[tuple[str, ParagraphKind]]) -> set[int]:
    """Indexes of the short lines above the story's first real paragraph that do not end as
    prose does: labels printed over the story (a kicker "OPINION:", a section, "8.6/10 SCORE",
    a recipe's "Prep Time: 20 mins"), not its text."""
    labels: set[int] = set()
    for index, (text, kind) in enumerate(blocks):
        if kind == "paragraph" and len(text) >= OPENING_PROSE_MIN_CHARACTERS:
            return labels
        if (
            kind == "paragraph"
            and len(text) <= MAX_LABEL_CHARACTERS
            and not _ENDS_AS_PROSE.search(text)
        ):
            labels.add(index)
    return set()  # no prose below: the lines may be all the page has
