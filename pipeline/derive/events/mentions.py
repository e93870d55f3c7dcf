"""Sentences of an article that report an event, matched to the dataset's known events.

A sentence reports an event when it holds a trigger ("acquired", "sued", "fined", "cleared",
"opened an investigation", "ruled" …). Its actors are the knowledge-base entities named in it,
its date is resolved against the article's date (presswatch.derive.events.dates). It is linked to
the known event of a compatible kind that shares its actors and whose date agrees; otherwise it
is kept as a candidate event, with the sentence as evidence, for a researcher to review.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from presswatch.derive.events.dates import ResolvedDate, resolve_date

# (mention kind, trigger pattern). Order matters only for reading: the earliest trigger wins.
TRIGGERS: list[tuple[str, str]] = [
    (
        "investigation",
        (
            r"(?:opened|launched|began|started|opens|launches)\s+(?:an?\s+|its\s+)?(?:\w+\s+)?(?:investigation|inquiry|probe)"
            r"|(?:is|was|are|were|been)\s+investigating|investigation\s+into|probe\s+into"
        ),
    ),
    (
        "lawsuit",
        r"sued|sues|suing|filed\s+(?:an?\s+|its\s+)?(?:\w+\s+)?(?:lawsuit|complaint|suit)|lawsuit\s+against",
    ),
    (
        "settlement",
        r"fined|settled|agreed\s+to\s+pay|(?:\$[\d.]+\s*(?:billion|million)\s+)?(?:penalty|settlement)\s+(?:with|against|over)",
    ),
    ("ruling", r"ruled|cleared|approved|dismissed|threw\s+out|blocked"),
    (
        "acquisition",
        r"acquired|acquires|acquire|bought|buys|purchased|took\s+over|takeover\s+of|acquisitions?\s+of",
    ),
]
# One \b before and after the alternation, not around each kind: the same matches (a kind whose
# words are not followed by a boundary gives way to the next, as before), but the boundary is
# checked once per position instead of once per kind, which halved the search (tested against
# the per-kind form: tests/test_event_triggers.py).
_TRIGGER_RE = re.compile(
    "\\b(?:" + "|".join(f"(?P<{kind}>{pattern})" for kind, pattern in TRIGGERS) + ")\\b",
    re.IGNORECASE,
)

# Which known-event kinds a sentence of each kind can report.
COMPATIBLE = {
    "acquisition": {"acquisition"},
    "ruling": {"ruling", "investigation"},
    "lawsuit": {"lawsuit"},
    "settlement": {"settlement"},
    "investigation": {"investigation"},
}

# A sentence ends at . ! ? (optionally inside closing quotes) before a capital, or at a newline.
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)]?\s+(?=[\"“‘(]?[A-Z0-9])|\n+")


@dataclass(frozen=True)
class KnownEvent:
    id: str
    date: str
    kind: str
    actors: frozenset[str]


@dataclass(frozen=True)
class EventMention:
    sentence: str
    start: int
    end: int
    kind: str
    trigger: str
    trigger_start: int
    actors: tuple[str, ...]
    date: ResolvedDate | None
    event_id: str | None
    score: float | None


def known_events(events: Iterable[dict[str, Any]]) -> list[KnownEvent]:
    return [KnownEvent(e["id"], e["date"], e["kind"], frozenset(e["actors"])) for e in events]


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence, trimmed of surrounding space."""
    spans, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        spans.append(
            (
                start,
                match.start() + len(match.group(0).rstrip())
                if match.group(0).strip()
                else match.start(),
            )
        )
        start = match.end()
    spans.append((start, len(text)))
    trimmed = []
    for begin, end in spans:
        piece = text[begin:end]
        left = len(piece) - len(piece.lstrip())
        right = len(piece.rstrip())
        if right > left:
            trimmed.append((begin + left, begin + right))
    return trimmed


def alias_patterns(knowledge_base: Iterable[dict[str, Any]]) -> list[tuple[re.Pattern[str], str]]:
    """One case-sensitive whole-word pattern per KB entity, longest names first."""
    patterns = []
    for entity in knowledge_base:
        names = sorted({entity["name"], *entity.get("aliases", [])}, key=len, reverse=True)
        if entity.get("type") == "person":
            names = [n for n in names if " " in n] or names  # a bare surname alone is too loose
        body = "|".join(re.escape(name) for name in names if name)
        patterns.append((re.compile(rf"(?<![\w-])(?:{body})(?![\w-])"), entity["id"]))
    return patterns


def actors_in(sentence: str, patterns: list[tuple[re.Pattern[str], str]]) -> tuple[str, ...]:
    """Knowledge-base ids named in the sentence, in order of first appearance."""
    hits = []
    for pattern, entity_id in patterns:
        match = pattern.search(sentence)
        if match:
            hits.append((match.start(), entity_id))
    return tuple(dict.fromkeys(entity_id for _, entity_id in sorted(hits)))


def dates_agree(mention: str, event: str, mention_precision: str) -> bool:
    """True when the mention's date can be the event's: one contains the other."""
    if mention_precision == "week":
        from datetime import date, timedelta

        if len(event) < 10:
            return mention[: len(event)] == event
        monday, day = date.fromisoformat(mention), date.fromisoformat(event)
        return monday <= day < monday + timedelta(days=7)
    shorter = min(len(mention), len(event))
    return mention[:shorter] == event[:shorter]


def match_event(
    kind: str, actors: tuple[str, ...], when: ResolvedDate | None, known: list[KnownEvent]
) -> tuple[str | None, float | None]:
    """The best known event the sentence can report, with a score in (0, 1], or (None, None).

    Required: a compatible kind, at least one shared actor, and no disagreement on the date.
    Without a date the sentence must name two of the event's actors. A tie is no match.
    """
    scored: list[tuple[float, str]] = []
    for event in known:
        if event.kind not in COMPATIBLE[kind]:
            continue
        shared = len(event.actors & set(actors))
        if shared == 0:
            continue
        if when is not None and not dates_agree(when.value, event.date, when.precision):
            continue
        if when is None and shared < min(2, len(event.actors)):
            continue
        score = shared / len(event.actors | set(actors)) * (1.0 if when is not None else 0.5)
        score += 0.25 if event.kind == kind else 0.0
        scored.append((round(min(score, 1.0), 3), event.id))
    scored.sort(reverse=True)
    if not scored or (len(scored) > 1 and scored[0][0] == scored[1][0]):
        return None, None  # nothing fits, or two events fit equally well: a researcher decides
    return scored[0][1], scored[0][0]


_COORDINATION = re.compile(r",?\s+and\s+|,\s+")


def find_event_mentions(
    text: str,
    published: str | None,
    knowledge_base: Iterable[dict[str, Any]],
    known: list[KnownEvent],
    patterns: list[tuple[re.Pattern[str], str]] | None = None,
) -> list[EventMention]:
    """Every sentence of `text` that reports an event involving a knowledge-base entity.

    One mention per sentence (its first trigger), except a coordinated list of dated objects
    ("bought Instagram in 2012 and WhatsApp in 2014"), which gives one mention per object. A
    sentence that names no knowledge-base entity ("the council approved its budget") is not
    about this dataset's actors and is left out.
    """
    if patterns is None:  # a pass over many articles builds them once (derive/events/store.py)
        patterns = alias_patterns(knowledge_base)
    mentions = []
    for start, end in split_sentences(text):
        sentence = text[start:end]
        trigger = _TRIGGER_RE.search(sentence)
        if trigger is None:
            continue
        kind = trigger.lastgroup or ""
        for actors, when in _readings(sentence, trigger, published, patterns):
            if not actors:
                continue
            if when is not None:
                when = ResolvedDate(
                    when.value, when.precision, when.text, when.start + start, when.end + start
                )
            event_id, score = match_event(kind, actors, when, known)
            mentions.append(
                EventMention(
                    sentence=sentence,
                    start=start,
                    end=end,
                    kind=kind,
                    trigger=trigger.group(0),
                    trigger_start=start + trigger.start(),
                    actors=actors,
                    date=when,
                    event_id=event_id,
                    score=score,
                )
            )
    return mentions


def _readings(
    sentence: str,
    trigger: re.Match[str],
    published: str | None,
    patterns: list[tuple[re.Pattern[str], str]],
) -> list[tuple[tuple[str, ...], ResolvedDate | None]]:
    """(actors, date) for each event the sentence reports: one, or one per dated object."""
    whole = (actors_in(sentence, patterns), resolve_date(sentence, published, near=trigger.end()))
    tail_start = trigger.end()
    # The object list ends at the next clause boundary ("…in 2014, said in January …").
    parts, position = [], tail_start
    for match in _COORDINATION.finditer(sentence, tail_start):
        parts.append((position, match.start()))
        position = match.end()
    parts.append((position, len(sentence)))
    subject = actors_in(sentence[: trigger.start()], patterns)
    readings = []
    for begin, finish in parts:
        piece = sentence[begin:finish]
        objects = actors_in(piece, patterns)
        when = resolve_date(piece, published)
        if not objects or when is None:
            break
        shifted = ResolvedDate(
            when.value, when.precision, when.text, when.start + begin, when.end + begin
        )
        readings.append((tuple(dict.fromkeys(subject + objects)), shifted))
    return readings if len(readings) >= 2 else [whole]
