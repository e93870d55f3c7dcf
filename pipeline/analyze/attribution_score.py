"""Scoring predicted quotes against attributions annotated in PolNeAR style (pure functions).

- Gold: every attribution with a Content span (brat.py).
- A predicted quote matches a gold attribution when its content covers at least half of the
  gold content's characters (a discontinuous content counts its segments' characters only).
  Matching is greedy and one-to-one per article: the pairs are taken best coverage first.
- Precision = matched / predicted, recall = matched / gold, F1 their harmonic mean.
- Speaker accuracy over matched pairs: the predicted speaker mention's characters overlap a
  gold Source segment, or neither has a speaker.
- Direct only: gold contents with a quotation mark within one character of their ends, against
  predicted contents passing the same test.
- By kind: recall and speaker accuracy per gold kind (from the gold cue's lemma), and how many
  quotes were predicted as each kind. Misses: the cue lemmas of the gold attributions nobody found.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from .brat import Segments
from .evaluate import Score

MIN_COVERAGE = 0.5
QUOTATION_MARKS = frozenset('"“”«»„')


@dataclass(frozen=True)
class GoldItem:
    content: Segments
    source: Segments = ()
    cue_lemma: str = ""
    kind: str = "speech"


@dataclass
class Tally(Score):
    """evaluate.Score (true positives = matched pairs) with the speaker right on how many."""

    speaker_right: int = 0

    @property
    def matched(self) -> int:
        return self.true_positives

    @property
    def speaker_accuracy(self) -> float:
        return self.speaker_right / self.matched if self.matched else 0.0

    def add(self, other: Score) -> None:
        super().add(other)
        if isinstance(other, Tally):
            self.speaker_right += other.speaker_right

    def as_dict(self) -> dict[str, Any]:
        return {
            "precision": round(self.precision, 3),
            "recall": round(self.recall, 3),
            "f1": round(self.f1, 3),
            "speaker_accuracy": round(self.speaker_accuracy, 3),
            "matched": self.matched,
            "predicted": self.predicted,
            "gold": self.gold,
            "speaker_right": self.speaker_right,
        }


@dataclass
class AttributionReport:
    articles: int = 0
    all: Tally = field(default_factory=Tally)
    direct: Tally = field(default_factory=Tally)
    by_kind: dict[str, Tally] = field(default_factory=dict)
    missed_cues: Counter[str] = field(default_factory=Counter)

    def add(self, other: AttributionReport) -> None:
        self.articles += other.articles
        self.all.add(other.all)
        self.direct.add(other.direct)
        for kind, tally in other.by_kind.items():
            self.by_kind.setdefault(kind, Tally()).add(tally)
        self.missed_cues.update(other.missed_cues)


def coverage(start: int, end: int, gold: Segments) -> float:
    """Share of the gold segments' characters inside [start, end)."""
    return segments_coverage(((start, end),), gold)


def segments_coverage(predicted: Segments, gold: Segments) -> float:
    """Share of the gold segments' characters inside the predicted segments (which do not
    overlap one another: the pieces of one statement)."""
    size = sum(e - s for s, e in gold)
    covered = sum(max(0, min(end, e) - max(start, s)) for start, end in predicted for s, e in gold)
    return covered / size if size else 0.0


def content_segments(quote: dict[str, Any]) -> Segments:
    """A predicted quote's content as segments: its pieces when it is a statement of several
    (attribution_eval.as_statements), else its one span."""
    content = quote["content"]
    return tuple(content.get("segments") or ((content["start"], content["end"]),))


def overlaps(start: int, end: int, segments: Segments) -> bool:
    return any(start < e and s < end for s, e in segments)


def is_direct(text: str, start: int, end: int) -> bool:
    """A quotation mark within one character of either end of the span."""
    edges = text[max(0, start - 1) : start + 2] + text[max(start, end - 2) : end + 1]
    return any(ch in QUOTATION_MARKS for ch in edges)


def match_pairs(
    predicted: Sequence[dict[str, Any]], gold: Sequence[GoldItem]
) -> list[tuple[int, int]]:
    """(predicted index, gold index) pairs, one-to-one, best coverage first."""
    candidates = []
    for i, p in enumerate(predicted):
        pieces = content_segments(p)
        for j, g in enumerate(gold):
            share = segments_coverage(pieces, g.content)
            if share >= MIN_COVERAGE:
                candidates.append((-share, i, j))
    used_p: set[int] = set()
    used_g: set[int] = set()
    pairs = []
    for _, i, j in sorted(candidates):
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            pairs.append((i, j))
    return sorted(pairs)


def speaker_right(p: dict[str, Any], g: GoldItem) -> bool:
    speaker = p.get("speaker")
    if speaker is None or not g.source:
        return speaker is None and not g.source
    return overlaps(speaker["start"], speaker["end"], g.source)


def _tally(
    predicted: Sequence[dict[str, Any]], gold: Sequence[GoldItem]
) -> tuple[Tally, list[tuple[int, int]]]:
    pairs = match_pairs(predicted, gold)
    right = sum(speaker_right(predicted[i], gold[j]) for i, j in pairs)
    return Tally(
        true_positives=len(pairs), predicted=len(predicted), gold=len(gold), speaker_right=right
    ), pairs


def score_attributions(
    text: str, predicted: Sequence[dict[str, Any]], gold: Sequence[GoldItem]
) -> AttributionReport:
    """One article's figures. `predicted`: quote records (content, speaker, kind)."""
    report = AttributionReport(articles=1)
    report.all, pairs = _tally(predicted, gold)
    direct_p = [p for p in predicted if is_direct(text, p["content"]["start"], p["content"]["end"])]
    direct_g = [g for g in gold if is_direct(text, g.content[0][0], g.content[-1][1])]
    report.direct, _ = _tally(direct_p, direct_g)
    gold_match = {j: i for i, j in pairs}
    for j, g in enumerate(gold):
        tally = report.by_kind.setdefault(g.kind, Tally())
        tally.gold += 1
        if j in gold_match:
            tally.true_positives += 1
            tally.speaker_right += speaker_right(predicted[gold_match[j]], g)
        else:
            report.missed_cues[g.cue_lemma or "(no cue)"] += 1
    for p in predicted:
        report.by_kind.setdefault(p.get("kind") or "speech", Tally()).predicted += 1
    return report


def total(reports: Iterable[AttributionReport]) -> AttributionReport:
    summed = AttributionReport()
    for report in reports:
        summed.add(report)
    return summed


def format_report(report: AttributionReport, top_misses: int = 15) -> list[str]:
    """The lines `presswatch evaluate --attribution` prints."""

    def row(name: str, t: Tally) -> str:
        return (
            f"{name:<14} {t.precision:>6.3f} {t.recall:>6.3f} {t.f1:>6.3f} "
            f"{t.speaker_accuracy:>8.3f}  {t.matched:>5} {t.predicted:>5} {t.gold:>5}"
        )

    lines = [
        f"{report.articles} article(s); content covered >= {MIN_COVERAGE}, one-to-one",
        f"{'':<14} {'P':>6} {'R':>6} {'F1':>6} {'speaker':>8}  {'match':>5} {'pred':>5} "
        f"{'gold':>5}",
        row("all", report.all),
        row("direct only", report.direct),
    ]
    lines.append(
        "by kind (recall and speaker accuracy on the gold attributions of that kind;"
        " pred = quotes predicted as that kind):"
    )
    for kind in sorted(report.by_kind):
        t = report.by_kind[kind]
        lines.append(
            f"  {kind:<12} {'':>6} {t.recall:>6.3f} {'':>6} {t.speaker_accuracy:>8.3f}"
            f"  {t.matched:>5} {t.predicted:>5} {t.gold:>5}"
        )
    misses = ", ".join(f"{lemma} {n}" for lemma, n in report.missed_cues.most_common(top_misses))
    lines.append(f"most frequent cues among the misses: {misses}")
    return lines
