"""Correction and update notes: what an outlet says it changed in a story after publication.

They often sit outside the story's own container (under it, in a box of their own), so they are
collected from the whole page, before any furniture is removed, and kept apart from the body.
"""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, Tag

from .boilerplate import class_tokens
from .text import clean_inline_text

NOTE_CLASS_TOKENS = frozenset({"correction", "corrections", "clarification", "erratum", "errata"})
_NOTE_WORDING = re.compile(
    r"^(?:correction|clarification|editor[’']?s note|update[d]?)\s*[:—–-]"
    r"|^an earlier version of this (?:story|article|report|post)"
    r"|^this (?:story|article|report|post) (?:was|has been) (?:updated|corrected|amended)",
    re.IGNORECASE,
)
_OUTSIDE_STORY = frozenset({"nav", "footer", "script", "style"})
MIN_NOTE_CHARACTERS = 30  # a "Corrections" link in the footer is not a note
MAX_NOTE_CHARACTERS = 600


def _is_note_element(tag: Tag) -> bool:
    values = list(tag.get("class") or [])
    if isinstance(tag.get("id"), str):
        values.append(str(tag["id"]))
    return any(token in NOTE_CLASS_TOKENS for token in class_tokens(values))


_CANDIDATE_TAGS = frozenset({"p", "div", "aside", "section", "span", "em", "small", "li"})


def _candidates(soup: BeautifulSoup) -> list[Tag]:
    """Candidate elements in document order, none inside navigation or footers. (One plain walk:
    bs4's find_all and climbing each tag's parents cost several times more on big pages.)"""
    found: list[Tag] = []
    pending: list[Tag] = [soup]
    while pending:
        tag = pending.pop()
        if tag.name in _CANDIDATE_TAGS:
            found.append(tag)
        pending.extend(
            child
            for child in reversed(tag.contents)
            if isinstance(child, Tag) and child.name not in _OUTSIDE_STORY
        )
    return found


def find_correction_notes(soup: BeautifulSoup) -> list[str]:
    """Distinct correction or update notes on the page, in document order."""
    notes: list[str] = []
    for tag in _candidates(soup):
        classed = bool(tag.get("class") or tag.get("id")) and _is_note_element(tag)
        if not (classed or tag.name == "p"):
            continue
        text = clean_inline_text(tag.get_text(" "))
        if not MIN_NOTE_CHARACTERS <= len(text) <= MAX_NOTE_CHARACTERS:
            continue
        if not (classed or _NOTE_WORDING.match(text)):
            continue
        if any(text in note or note in text for note in notes):
            continue  # the same note found through a parent or child element
        notes.append(text)
    return notes


# A note about the story printed as one of its own paragraphs, atop it or at its foot: an
# editor's note, a dated correction or clarification ("Clarification, 2 January 2024, 12:45
# p.m.: …"), "A previous version of this article …", "This interview has been edited and
# condensed …", "Updated to add comment from …". It says what the outlet did to the text, so
# it goes with the corrections, not into the story. (An "UPDATE:" paragraph stays: it is
# usually more news, added to the story. So does a full sentence "This article was updated on
# … to add comment from …": the bundled dataset's NLP gold covers one such closing sentence,
# and the dev pages need only the labelled notes and the editing notes.)
_STORY_NOTE = re.compile(
    r"^(?:correction|clarification|editor[’']?s?[’']? note)\b(?:,[^:]{1,40})?\s*:"
    r"|^(?:an earlier|a previous|an older) version of this (?:story|article|report|post|piece)\b"
    r"|^this (?:interview|conversation|transcript|q&a) (?:was|has been) (?:\w+ )?"
    r"(?:edited|condensed)\b"
    r"|^updated (?:on [^.]{1,40} )?to (?:add|include|clarify|correct|reflect|remove|note)\b",
    re.IGNORECASE,
)
NOTE_HEAD_BLOCKS = 2  # where notes sit: the first paragraphs ...
NOTE_TAIL_BLOCKS = 3  # ... or the last ones


def is_story_note(text: str) -> bool:
    return len(text) <= MAX_NOTE_CHARACTERS and bool(_STORY_NOTE.match(text))


def story_note_indexes(texts: list[str]) -> set[int]:
    """Indexes of the paragraphs among the first and last few that are notes about the story.
    A label printed alone ("Correction: December 20, 2023:") takes the paragraph under it."""
    edges = [
        *range(min(NOTE_HEAD_BLOCKS, len(texts))),
        *range(max(NOTE_HEAD_BLOCKS, len(texts) - NOTE_TAIL_BLOCKS), len(texts)),
    ]
    notes: set[int] = set()
    for index in edges:
        if index in notes or not is_story_note(texts[index]):
            continue
        notes.add(index)
        if texts[index].rstrip().endswith(":") and index + 1 < len(texts):
            notes.add(index + 1)
    return notes
