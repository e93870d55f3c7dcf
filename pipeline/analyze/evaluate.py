"""Scoring the NLP stage against hand-written gold annotations (pure: dicts in, scores out).

Gold files (datasets/<name>/fixtures/gold/*.json), one per article page:

    {"page": "pages/x.html", "body_sha256": "…",
     "entities": [{"text", "start", "end", "entity_id"}],          # PERSON, ORG, PRODUCT only
     "quotes":   [{"text", "start", "end", "speaker"}],            # speaker: entity id or null
     "claims":   [{"text", "start", "end", "holder"}],             # holder: entity id or null
     "stances":  [{"speaker", "allowed": ["support", …]}],        # labels a reader accepts
     "tasks":    ["stances", "claims"]}                            # optional: tasks annotated

"page" is relative to the gold folder's parent (fixtures/pages/x.html, or texts/x.txt for the
plain-text excerpts of benchmarks/data/<story>/); a .txt page is the body as it is.

Matching rules, per task:
* entities: a predicted PERSON/ORG/PRODUCT mention matches a gold one with the same entity id
  whose span it overlaps;
* quotes: a predicted quote matches a gold quote when its content overlaps at least half of the
  gold span and the speaker entity is the gold speaker; speaker accuracy is measured over the
  pairs that overlap enough, whatever their speaker. The gold lists what people said, so
  predicted quotes of kind "belief" (what somebody thinks, wants or plans) are left out of the
  score, as the journalists' views leave them out, and counted apart (`beliefs_left_out`);
* claims: overlap of at least half of the gold span (holder agreement reported separately);
* stances: one per gold speaker; correct when the predicted label is among the allowed ones;
  also the precision of the committed stances (support/oppose/mixed) and how many there were.
Each gold item is matched at most once.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ENTITY_LABELS = {"PERSON", "ORG", "PRODUCT"}
MIN_OVERLAP = 0.5
TASKS = ("entities", "quotes", "claims", "stances")


@dataclass
class Score:
    true_positives: int = 0
    predicted: int = 0
    gold: int = 0
    extra: dict[str, float] = field(default_factory=dict)

    @property
    def precision(self) -> float:
        return self.true_positives / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.true_positives / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: Score) -> None:
        self.true_positives += other.true_positives
        self.predicted += other.predicted
        self.gold += other.gold
        for key, value in other.extra.items():
            self.extra[key] = self.extra.get(key, 0) + value

    def as_dict(self) -> dict[str, Any]:
        return {
            "precision": round(self.precision, 3),
            "recall": round(self.recall, 3),
            "f1": round(self.f1, 3),
            "true_positives": self.true_positives,
            "predicted": self.predicted,
            "gold": self.gold,
            **{k: v for k, v in self.extra.items()},
        }


def overlap_share(start: int, end: int, gold_start: int, gold_end: int) -> float:
    """Share of the gold span covered by the predicted span."""
    covered = min(end, gold_end) - max(start, gold_start)
    return max(covered, 0) / max(gold_end - gold_start, 1)


def _greedy(predicted: Sequence[Any], gold: Sequence[Any], matches: Any) -> int:
    used: set[int] = set()
    hits = 0
    for p in predicted:
        for index, g in enumerate(gold):
            if index not in used and matches(p, g):
                used.add(index)
                hits += 1
                break
    return hits


def score_entities(predicted: Iterable[dict[str, Any]], gold: Sequence[dict[str, Any]]) -> Score:
    mentions = [e for e in predicted if e["label"] in ENTITY_LABELS]
    hits = _greedy(
        mentions,
        gold,
        lambda p, g: (
            p["entity_id"] == g["entity_id"] and p["start"] < g["end"] and g["start"] < p["end"]
        ),
    )
    return Score(hits, len(mentions), len(gold))


def score_quotes(predicted: Sequence[dict[str, Any]], gold: Sequence[dict[str, Any]]) -> Score:
    beliefs = sum(1 for p in predicted if p.get("kind") == "belief")
    predicted = [p for p in predicted if p.get("kind") != "belief"]

    def overlaps(p: dict[str, Any], g: dict[str, Any]) -> bool:
        c = p["content"]
        return overlap_share(c["start"], c["end"], g["start"], g["end"]) >= MIN_OVERLAP

    def speaker(p: dict[str, Any]) -> str | None:
        return (p.get("speaker_entity") or {}).get("id")

    hits = _greedy(predicted, gold, lambda p, g: overlaps(p, g) and speaker(p) == g["speaker"])
    span_pairs = 0
    right_speaker = 0
    for g in gold:
        candidates = [p for p in predicted if overlaps(p, g)]
        if candidates:
            span_pairs += 1
            right_speaker += any(speaker(p) == g["speaker"] for p in candidates)
    score = Score(hits, len(predicted), len(gold))
    score.extra = {
        "span_matches": span_pairs,
        "speaker_correct": right_speaker,
        "beliefs_left_out": beliefs,
    }
    return score


def score_claims(predicted: Sequence[dict[str, Any]], gold: Sequence[dict[str, Any]]) -> Score:
    hits = _greedy(
        predicted,
        gold,
        lambda p, g: overlap_share(p["start"], p["end"], g["start"], g["end"]) >= MIN_OVERLAP,
    )
    holder_right = _greedy(
        predicted,
        gold,
        lambda p, g: (
            overlap_share(p["start"], p["end"], g["start"], g["end"]) >= MIN_OVERLAP
            and ((p.get("holder") or {}).get("id") == g.get("holder"))
        ),
    )
    score = Score(hits, len(predicted), len(gold))
    score.extra = {"holder_correct": holder_right}
    return score


COMMITTED_STANCES = frozenset({"support", "oppose", "mixed"})


def score_stances(predicted: Sequence[dict[str, Any]], gold: Sequence[dict[str, Any]]) -> Score:
    """true_positives/gold is the stance accuracy over the gold speakers (a speaker with no
    predicted stance counts as wrong). extra: how many gold speakers got a committed stance
    (support, oppose, mixed) and how many of those were right — a wrong confident stance costs
    a researcher more than an honest neutral/unclear."""
    by_speaker = {p["speaker_entity"]["id"]: p["stance"] for p in predicted}
    hits = sum(1 for g in gold if by_speaker.get(g["speaker"]) in g["allowed"])
    judged = sum(1 for g in gold if g["speaker"] in by_speaker)
    committed = [g for g in gold if by_speaker.get(g["speaker"]) in COMMITTED_STANCES]
    score = Score(hits, judged, len(gold))
    score.extra = {
        "committed": len(committed),
        "committed_correct": sum(by_speaker[g["speaker"]] in g["allowed"] for g in committed),
    }
    return score


def stance_summary(score: Score) -> dict[str, Any]:
    """Accuracy, committed-stance precision and the committed count from a (summed) Score."""
    committed = int(score.extra.get("committed", 0))
    correct = int(score.extra.get("committed_correct", 0))
    return {
        "accuracy": round(score.true_positives / score.gold, 3) if score.gold else 0.0,
        "committed": committed,
        "committed_precision": round(correct / committed, 3) if committed else 0.0,
    }


SCORERS = {
    "entities": score_entities,
    "quotes": score_quotes,
    "claims": score_claims,
    "stances": score_stances,
}


def score_article(result: dict[str, Any], gold: dict[str, Any]) -> dict[str, Score]:
    """Scores for the tasks the gold file annotates: its "tasks" list (benchmark excerpts are
    annotated for stances and claims only), else all of TASKS."""
    tasks = [task for task in TASKS if task in gold.get("tasks", TASKS)]
    return {task: SCORERS[task](result.get(task, []), gold.get(task, [])) for task in tasks}


def body_sha256(body: str) -> str:
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def load_gold(folder: Path) -> list[dict[str, Any]]:
    """Every gold file in the folder, sorted by name; each checked for offsets that do not
    match its own text fields (a hand edit gone wrong)."""
    files = sorted(folder.glob("*.json"))
    if not files:
        raise FileNotFoundError(f"no gold annotations (*.json) in {folder}")
    return [json.loads(path.read_text(encoding="utf-8")) | {"file": str(path)} for path in files]


def check_offsets(gold: dict[str, Any], body: str) -> list[str]:
    """Problems with a gold file against the article body it annotates."""
    problems = []
    for task in ("entities", "quotes", "claims"):
        for item in gold.get(task, []):
            # Spaces may change kind (a no-break space kept or not) without moving offsets.
            if body[item["start"] : item["end"]].split() != item["text"].split():
                problems.append(
                    f"{gold['file']}: {task} offsets {item['start']}-{item['end']} "
                    f"do not hold {item['text'][:40]!r}"
                )
    if problems and gold.get("body_sha256") != body_sha256(body):
        problems.insert(
            0,
            f"{gold['file']}: the extracted body changed since the gold was "
            "written (body_sha256 differs); re-check the offsets",
        )
    return problems


def total(scores: Iterable[dict[str, Score]]) -> dict[str, Score]:
    summed = {task: Score() for task in TASKS}
    for article in scores:
        for task, score in article.items():
            summed[task].add(score)
    return summed
