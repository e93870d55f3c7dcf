"""Which of the attribution tagger's contents become quotes: a learned gate.

The tagger (attribution_tagger.py) marks far more contents than the rules find, but about four
in ten of those no rule holds are not attributions at all ("acquired a company", "in combat")
or get the wrong speaker. Hand filters ("clauses": a finite clause cued by a speech verb)
kept the precision but left most of the recall behind. The gate is a logistic regression over
a few things the parse and the rules already know about a candidate — its cue, its grammatical
relation to the cue, its length, its share of the sentence, whether a speaker was found and of
what kind — fitted on articles the tagger never trained on (`presswatch train-attribution-gate`,
attribution_gate_training.py) to predict "this content is an attribution *and* its speaker is
right". A candidate becomes a quote when the predicted probability reaches the threshold.

Pure: features from a parsed Doc and the candidate's pieces; weights from a small JSON file
(attribution_gate.json, package data).
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Span, Token

from .attribution_kinds import ATTRIBUTING_LEMMAS, BELIEF_LEMMAS

GATE_PATH = Path(__file__).with_name("attribution_gate.json")

_QUOTE_MARKS = '"“”«»„'
_FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
_PRONOUNS = frozenset("he she they i we it you who that which".split())
# Grammatical relations of the content's root that the gate tells apart (the rest share one
# weight: zero). ccomp ('said that …') is the reported clause; pobj and prep are mostly the
# tagger's slips ('in combat'); dobj is both ('called the plan …' and 'acquired a company').
_ROOT_RELATIONS = ("ccomp", "dobj", "xcomp", "pobj", "ROOT", "pcomp", "prep", "advcl", "acl")

FEATURES: tuple[str, ...] = (
    "cue_is_attributing",
    "cue_is_belief",
    "cue_lemma_listed",
    "has_finite_verb",
    "quotation_3_words",
    "has_quotation_mark",
    "governed_by_cue",
    "cue_before_content",
    "tokens_cue_to_content",
    "words",
    "has_speaker",
    "speaker_is_entity",
    "speaker_is_pronoun",
    "share_of_sentence",
    "starts_with_that",
    *(f"root_{relation}" for relation in _ROOT_RELATIONS),
)


@dataclass(frozen=True)
class Speaker:
    """The speaker the rules found for a tagged content: its head word (None: nobody) and
    whether it resolved to an entity."""

    head: Token | None
    is_entity: bool


@dataclass(frozen=True)
class Gate:
    """Logistic regression weights, one per FEATURES name, and the decision threshold."""

    bias: float
    weights: dict[str, float]
    threshold: float = 0.5

    def probability(self, features: dict[str, float]) -> float:
        z = self.bias + sum(self.weights.get(name, 0.0) * v for name, v in features.items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def admits(self, features: dict[str, float]) -> bool:
        return self.probability(features) >= self.threshold


def load_gate(path: Path | str = GATE_PATH, threshold: float | None = None) -> Gate:
    """The gate stored at `path` (JSON: bias, weights, threshold); `threshold` overrides."""
    try:
        stored = json.loads(Path(path).read_text(encoding="utf-8"))
        gate = Gate(
            float(stored["bias"]),
            {name: float(stored["weights"].get(name, 0.0)) for name in FEATURES},
            float(stored.get("threshold", 0.5)),
        )
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as error:
        raise ValueError(
            f"attribution gate {path}: cannot read it ({error}); "
            "write one with `presswatch train-attribution-gate`"
        ) from error
    if threshold is not None:
        gate = Gate(gate.bias, gate.weights, threshold)
    return gate


def has_finite_verb(span: Span | None) -> bool:
    """A clause of its own ('the council would raise the rates'), not a noun phrase the tagger
    marked ('a great deal', 'those deals'): a finite verb or a modal among its words."""
    return span is not None and any(t.tag_ in _FINITE_TAGS for t in span)


def _cue_verb(cue: Span | None) -> Token | None:
    if cue is None:
        return None
    return next((t for t in cue if t.pos_ in ("VERB", "AUX")), None)


def candidate_features(
    span: Span | None,
    text: str,
    sentence_tokens: int,
    cue: Span | None,
    cue_is_attributing: bool,
    quoted_words: int,
    speaker: Speaker,
) -> dict[str, float]:
    """What the gate reads about one tagged content (its tokens, its characters, the length
    of its sentence in tokens), its nearest tagged cue, the words inside its quotation marks,
    and the speaker the rules found for it. Counts are scaled to 0..1. Pure: the caller
    passes what it already computed (Doc.text and Token.sent cost a pass over the Doc)."""
    verb = _cue_verb(cue)
    lemma = verb.lemma_.lower() if verb is not None else ""
    root = span.root if span is not None else None
    features = {name: 0.0 for name in FEATURES}
    features["cue_is_attributing"] = float(cue_is_attributing)
    features["cue_is_belief"] = float(lemma in BELIEF_LEMMAS)
    features["cue_lemma_listed"] = float(lemma in ATTRIBUTING_LEMMAS)
    features["quotation_3_words"] = float(quoted_words >= 3)
    features["has_quotation_mark"] = float(any(ch in _QUOTE_MARKS for ch in text))
    features["words"] = min(len(text.split()), 40) / 40
    head = speaker.head
    features["has_speaker"] = float(head is not None)
    features["speaker_is_entity"] = float(speaker.is_entity)
    features["speaker_is_pronoun"] = float(head is not None and head.lower_ in _PRONOUNS)

    if span is not None:
        features["has_finite_verb"] = float(has_finite_verb(span))
        # above 1 when the content runs past its first sentence
        features["share_of_sentence"] = len(span) / max(1, sentence_tokens)
        features["starts_with_that"] = float(span[0].lower_ == "that")
        if root is not None and root.dep_ in _ROOT_RELATIONS:
            features[f"root_{root.dep_}"] = 1.0
    if span is not None and cue is not None:
        features["governed_by_cue"] = float(cue.start <= root.head.i < cue.end)
        before = cue.end <= span.start
        features["cue_before_content"] = float(before)
        gap = span.start - cue.end if before else cue.start - span.end
        features["tokens_cue_to_content"] = min(max(gap, 0), 15) / 15
    return features


def fit_gate(
    rows: Sequence[dict[str, float]], labels: Sequence[bool], l2: float = 1.0, steps: int = 25
) -> Gate:
    """Logistic regression by Newton's method (iteratively reweighted least squares) with an
    L2 penalty on the weights (not the bias): a few dozen features, a thousand rows."""
    import numpy as np

    x = np.array([[1.0] + [row[name] for name in FEATURES] for row in rows])
    y = np.array([1.0 if label else 0.0 for label in labels])
    w = np.zeros(x.shape[1])
    penalty = np.eye(x.shape[1]) * l2
    penalty[0, 0] = 0.0
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-np.clip(x @ w, -30, 30)))
        gradient = x.T @ (p - y) + penalty @ w
        hessian = (x * (p * (1 - p))[:, None]).T @ x + penalty
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if float(np.abs(step).max()) < 1e-8:
            break
    return Gate(float(w[0]), {name: float(v) for name, v in zip(FEATURES, w[1:])})


def gate_json(gate: Gate, about: dict[str, object]) -> str:
    """The stored form: weights rounded for a readable diff, with how they were made."""
    return json.dumps(
        {
            "about": about,
            "bias": round(gate.bias, 6),
            "weights": {name: round(gate.weights[name], 6) for name in FEATURES},
            "threshold": gate.threshold,
        },
        indent=2,
    )
