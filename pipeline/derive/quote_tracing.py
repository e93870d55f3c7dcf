"""Quote tracing: one quotation across the coverage, where it first appeared, who said it.

A quotation travels: an outlet quotes a person, others repeat the words — whole, trimmed, cut
with an ellipsis, with a word or two changed, in other quotation marks — and syndicated copies
carry it along. Quotebank (EPFL) merges quotations that are identical once lower-cased and
stripped of punctuation; here the same idea also catches altered forms, on a researcher's own
corpus, and compares who each occurrence was attributed to.

This module is the pure core (no database): the words a quote is compared on, whether two
quotes are one quotation, and the description of a cluster of occurrences — its first
appearance, its canonical (longest) form, each occurrence's relation to it, the words changed
since the first form and the speakers it was attributed to. The incremental pass that finds
candidate pairs with the syndication MinHash/LSH machinery is pipeline/derive/quote_clusters.py.
"""

from __future__ import annotations

import difflib
import json
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from presswatch.common.ids import stable_id
from presswatch.common.text import joined_shingles, tokens

SHINGLE_WORDS = 3  # quotes are short: 3-word shingles still tell two sentences apart
MIN_WORDS = 6  # "We got half." or "No comment" is said by many people: too short to trace
MIN_CONTAINMENT = 0.8  # of the shorter form's shingles: a trimmed or cut quote
MIN_EDIT_SIMILARITY = 0.8  # word-level similarity (difflib ratio): a few words changed
PRONOUNS = frozenset(
    {
        "he",
        "she",
        "they",
        "it",
        "we",
        "i",
        "you",
        "him",
        "her",
        "them",
        "who",
        "which",
        "that",
        "his",
        "their",
    }
)
HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "dr", "prof", "sir", "dame"})
# Quotations in the reporter's own words (indirect speech) are not traced: only direct or mixed
# quotes carry the speaker's words (null: a quote written before types existed).
TRACED_TYPES = frozenset({"direct", "mixed", None})
MIN_PARTIAL_WORDS = 8  # a shorter cut form is too often a common phrase ("a mass shooting in …")
_CLAUSE = re.compile(r",|\s(?:who|which|whose)\s", re.IGNORECASE)

IDENTICAL, PARTIAL, ALTERED, SYNDICATED = "identical", "partial", "altered", "syndicated copy"
_WORD = re.compile(r"\w+", re.UNICODE)


def quote_words(content: str) -> list[str]:
    """The words a quote is compared on: lower-cased, with punctuation, quotation marks,
    ellipses and typography gone (the shared tokenizer of syndication)."""
    return tokens(content)


def quote_shingles(words: Sequence[str]) -> frozenset[str]:
    return frozenset(joined_shingles(words, SHINGLE_WORDS))


def traceable(words: Sequence[str]) -> bool:
    return len(words) >= MIN_WORDS


def edit_similarity(first: Sequence[str], second: Sequence[str]) -> float:
    """Word-level similarity in [0, 1]: 2 × matched words / all words (1.0 = the same words)."""
    if list(first) == list(second):
        return 1.0  # most re-quotes: no need for difflib's quadratic matching
    return difflib.SequenceMatcher(None, first, second, autojunk=False).ratio()


def similarity_bound(first: Sequence[str], second: Sequence[str]) -> float:
    """An upper bound of edit_similarity, without difflib's matching: the words the two have in
    common, counted with repeats, in any order (difflib's quick_ratio). The matched words are
    among them and the ratio divides by the same total, so edit_similarity <= this, exactly."""
    total = len(first) + len(second)
    if not total:
        return 1.0
    common = Counter(first) & Counter(second)
    return 2.0 * sum(common.values()) / total


def same_quotation(containment: float, similarity: float, shorter_words: int) -> bool:
    """A candidate pair is one quotation when the shorter form, long enough to say something of
    its own, is (nearly) inside the longer, or when the two differ by a few words."""
    return (
        containment >= MIN_CONTAINMENT and shorter_words >= MIN_PARTIAL_WORDS
    ) or similarity >= MIN_EDIT_SIMILARITY


@dataclass(frozen=True, slots=True)
class Occurrence:
    """One quote as the cluster description needs it."""

    quote_id: str
    article_id: str
    source_id: str | None
    published: str | None
    content_start: int
    content: str
    speaker_entity_id: str | None
    speaker_name: str | None  # the entity's name, else the text that named the speaker
    syndication_cluster: str | None  # the article's syndication cluster, if any


@dataclass(frozen=True, slots=True)
class Member:
    quote_id: str
    position: int  # 1 = the first appearance
    relation: str
    earlier_elsewhere: bool  # an earlier occurrence is in another article
    similarity: float  # with the canonical form
    containment: float  # share of this form's words found, in order, in the canonical form
    changes: str | None  # the words changed since the first form


@dataclass(frozen=True, slots=True)
class QuoteCluster:
    id: str
    canonical: Occurrence
    first: Occurrence
    members: tuple[tuple[Occurrence, Member], ...]
    speakers: tuple[tuple[str, str | None, int], ...]  # (name, entity id, occurrences), most first
    disputed: bool

    @property
    def occurrences(self) -> int:
        return len(self.members)

    @property
    def independent(self) -> int:
        """Articles that picked the quote up themselves (syndicated copies do not count)."""
        return len({o.article_id for o, m in self.members if m.relation != SYNDICATED})

    @property
    def outlets(self) -> int:
        return len({o.source_id for o, _ in self.members if o.source_id})

    def speakers_json(self) -> str:
        return json.dumps(
            [
                {"speaker": name, "entity_id": entity, "occurrences": count}
                for name, entity, count in self.speakers
            ],
            ensure_ascii=False,
        )


def quote_cluster_id(first_quote_id: str) -> str:
    return stable_id("quote-cluster", first_quote_id)


def time_key(occurrence: Occurrence) -> tuple[bool, str, str, int]:
    """Earliest first, comparing instants (a story stamped -08:00 can be earlier than one in UTC
    with a later wall-clock time); undated occurrences come last; ties by article and offset."""
    return (
        occurrence.published is None,
        _utc(occurrence.published),
        occurrence.article_id,
        occurrence.content_start,
    )


def _utc(published: str | None) -> str:
    if not published:
        return ""
    try:
        moment = datetime.fromisoformat(published)
    except ValueError:
        return published
    if moment.tzinfo is None:
        return moment.isoformat()
    return moment.astimezone(UTC).replace(tzinfo=None).isoformat()


def describe(occurrences: Sequence[Occurrence]) -> QuoteCluster:
    """The cluster these occurrences of one quotation form (at least two)."""
    ordered = sorted(occurrences, key=time_key)
    first = ordered[0]
    words = {o.quote_id: quote_words(o.content) for o in ordered}
    # The canonical text is the longest form (Quotebank's rule); ties go to the earliest.
    canonical = max(ordered, key=lambda o: (len(words[o.quote_id]), -ordered.index(o)))
    members = []
    seen_articles: set[str] = set()
    seen_syndication: dict[str, str] = {}  # syndication cluster -> first article seen in it
    for position, occurrence in enumerate(ordered, start=1):
        own, full = words[occurrence.quote_id], words[canonical.quote_id]
        relation = form_relation(own, full)
        copied_from = seen_syndication.get(occurrence.syndication_cluster or "")
        if copied_from is not None and copied_from != occurrence.article_id:
            relation = SYNDICATED
        members.append(
            (
                occurrence,
                Member(
                    occurrence.quote_id,
                    position,
                    relation,
                    earlier_elsewhere=bool(seen_articles - {occurrence.article_id}),
                    similarity=round(edit_similarity(own, full), 4),
                    containment=round(ordered_containment(own, full), 4),
                    changes=None
                    if position == 1
                    else word_changes(first.content, occurrence.content),
                ),
            )
        )
        seen_articles.add(occurrence.article_id)
        if occurrence.syndication_cluster:
            seen_syndication.setdefault(occurrence.syndication_cluster, occurrence.article_id)
    speakers, disputed = speaker_agreement(ordered)
    return QuoteCluster(
        quote_cluster_id(first.quote_id), canonical, first, tuple(members), speakers, disputed
    )


def form_relation(words: Sequence[str], canonical: Sequence[str]) -> str:
    """identical (the canonical words), partial (only canonical words, in their order: trimmed or
    cut with an ellipsis) or altered (words changed)."""
    if list(words) == list(canonical):
        return IDENTICAL
    if ordered_containment(words, canonical) == 1.0:
        return PARTIAL
    return ALTERED


def ordered_containment(words: Sequence[str], longer: Sequence[str]) -> float:
    """Share of `words` matched, in order, in `longer` (1.0: every word, nothing reordered)."""
    if not words:
        return 0.0
    if list(words) == list(longer):
        return 1.0
    matched = sum(
        block.size
        for block in difflib.SequenceMatcher(
            None, words, longer, autojunk=False
        ).get_matching_blocks()
    )
    return matched / len(words)


def word_changes(first: str, later: str, shown: int = 6) -> str | None:
    """What changed from the first form to a later one, word by word, e.g.
    `connected → linked; −now; +again; cut 12 words at the end`. None when the words are the
    same."""
    before, after = _display_words(first), _display_words(later)
    low_before, low_after = [w.casefold() for w in before], [w.casefold() for w in after]
    if low_before == low_after:
        return None
    edits = []
    opcodes = difflib.SequenceMatcher(None, low_before, low_after, autojunk=False).get_opcodes()
    for index, (tag, i1, i2, j1, j2) in enumerate(opcodes):
        removed, added = before[i1:i2], after[j1:j2]
        at_edge = index in (0, len(opcodes) - 1)
        if tag == "equal":
            continue
        if tag == "delete" and at_edge and len(removed) > shown:
            where = "start" if index == 0 else "end"
            edits.append(f"cut {len(removed)} words at the {where}")
        elif tag == "delete":
            edits.append("−" + _clip(removed, shown))
        elif tag == "insert":
            edits.append("+" + _clip(added, shown))
        else:
            edits.append(f"{_clip(removed, shown)} → {_clip(added, shown)}")
    return "; ".join(edits) or None


def _display_words(text: str) -> list[str]:
    return _WORD.findall(unicodedata.normalize("NFKC", text))


def _clip(words: Sequence[str], shown: int) -> str:
    if len(words) <= shown:
        return " ".join(words)
    return " ".join(words[:shown]) + f" … (+{len(words) - shown} words)"


Speaker = tuple[str, frozenset[str], frozenset[str]]  # entity id or "", head words, all words


def speaker_key(occurrence: Occurrence) -> Speaker | None:
    """Who an occurrence was attributed to: the resolved entity's id, and the words naming the
    speaker — the head (cut at the first comma or relative clause) and all of them, accents and
    honorifics dropped ("Mr. Hedge, who teaches …" → head {hedge}); an unresolved pronoun or no
    speaker says nothing."""
    text = occurrence.speaker_name or ""
    head = _name_words(_CLAUSE.split(text, maxsplit=1)[0])
    if occurrence.speaker_entity_id:
        return (occurrence.speaker_entity_id, head, _name_words(text))
    if not head or head <= PRONOUNS:
        return None
    return ("", head, _name_words(text))


def _name_words(text: str) -> frozenset[str]:
    plain = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return frozenset(quote_words(plain)) - HONORIFICS


def _same_speaker(first: Speaker, second: Speaker) -> bool:
    if first[0] and second[0]:
        return first[0] == second[0]  # two resolved entities: their ids decide
    # One name given in full in one place and in part in another ("Natarajan", "Priya
    # Natarajan"; "Trump", "the presumptive nominee, Donald Trump").
    return bool(first[1] and second[1]) and (first[1] <= second[2] or second[1] <= first[2])


def speaker_agreement(
    occurrences: Sequence[Occurrence],
) -> tuple[tuple[tuple[str, str | None, int], ...], bool]:
    """The speakers a quotation was attributed to, with how often, and whether they disagree
    (two different people, or a person in one place and "a spokesperson" in another)."""
    groups: list[list[tuple[Speaker, Occurrence]]] = []
    for occurrence in occurrences:
        key = speaker_key(occurrence)
        if key is None:
            continue
        group = next((g for g in groups if any(_same_speaker(key, other) for other, _ in g)), None)
        if group is None:
            groups.append([(key, occurrence)])
        else:
            group.append((key, occurrence))
    speakers = []
    for group in groups:
        # Shown by the resolved entity if any, else the fullest name given.
        entity = next((key[0] for key, _ in group if key[0]), None)
        named = max(group, key=lambda item: (bool(item[0][0]), len(item[0][1])))[1]
        speakers.append((named.speaker_name or "", entity, len(group)))
    speakers.sort(key=lambda item: (-item[2], item[0]))
    return tuple(speakers), len(speakers) > 1
