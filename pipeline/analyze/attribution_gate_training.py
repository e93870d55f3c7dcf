"""Fitting the attribution gate (attribution_gate.py) on a PolNeAR-layout corpus (`presswatch
train-attribution-gate`).

The gate must learn from the tagger's behaviour on text it did not train on, so it reads only
the articles the tagger held out (`is_held_out`, one in ten of the train split). Each article
runs through the product's pipeline with every tagged candidate admitted (threshold 0); a
candidate is a positive when its content covers at least half of a gold content that no rule
quote already holds, *and* the speaker the rules gave it is the gold source (the scorer's own
tests, attribution_score.py). A candidate with the right words and the wrong speaker is a
negative: a journalist would rather miss it than read it under the wrong name.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable
from pathlib import Path

from spacy.language import Language

from .attribution_eval import gold_items
from .attribution_gate import Gate, fit_gate
from .attribution_score import coverage, speaker_right
from .attribution_training import is_held_out
from .brat import read_attribution_folder
from .loading import read_pipeline_config

QUOTES = "presswatch_quotes"
TAGGER = "presswatch_attribution_tagger"


def training_config(config_path: Path | None, out: Path) -> Path:
    """A copy of the pipeline config (default presswatch.cfg) that does not load the stored
    gate, so a gate can be trained where none exists yet; admit_every_candidate does the rest."""
    config = read_pipeline_config(config_path)
    config["components"]["quotes"]["settings"]["tagged_contents"] = "all"
    config.to_disk(out)
    return out


def admit_every_candidate(nlp: Language) -> None:
    """Make the pipeline judge every tagged content and keep them all (what training sees)."""
    quotes = nlp.get_pipe(QUOTES)
    quotes.settings = dataclasses.replace(
        quotes.settings, tagged_contents="gated", gate=Gate(0.0, {}, 0.0)
    )
    if TAGGER in nlp.pipe_names:
        nlp.get_pipe(TAGGER).paragraphs = "all"
    else:
        raise ValueError("the gate is trained on the attribution tagger's contents: add it")


def labelled_candidates(
    nlp: Language, texts_and_gold: Iterable[tuple[str, tuple]]
) -> tuple[list[dict[str, float]], list[bool]]:
    """Features and labels of every candidate in the given articles (nlp prepared by
    admit_every_candidate)."""
    rows: list[dict[str, float]] = []
    labels: list[bool] = []
    for text, attributions in texts_and_gold:
        doc = nlp(text)
        gold = gold_items(doc, attributions)
        candidates = doc._.attribution_candidates or []
        tagged = {(c["start"], c["end"]) for c in candidates}
        rule_quotes = [
            q for q in doc._.quotes if (q["content"]["start"], q["content"]["end"]) not in tagged
        ]
        by_bounds = {(q["content"]["start"], q["content"]["end"]): q for q in doc._.quotes}
        for candidate in candidates:
            rows.append(candidate["features"])
            labels.append(_is_right(candidate, by_bounds, gold, rule_quotes))
    return rows, labels


def _is_right(candidate: dict, by_bounds: dict, gold: list, rule_quotes: list) -> bool:
    start, end = candidate["start"], candidate["end"]
    best, match = 0.0, None
    for item in gold:
        covered = coverage(start, end, item.content)
        if covered > best:
            best, match = covered, item
    if match is None or best < 0.5:
        return False
    if any(
        coverage(q["content"]["start"], q["content"]["end"], match.content) >= 0.5
        for q in rule_quotes
    ):
        return False  # a rule quote has it already: adding this one is a duplicate
    return speaker_right(by_bounds.get((start, end)) or {}, match)


def train_gate(
    nlp: Language,
    corpus: Path,
    threshold: float = 0.5,
    progress: Callable[[str], None] | None = None,
) -> tuple[Gate, dict[str, object]]:
    """The gate fitted on the held-out articles of `corpus`, and what it was fitted on."""
    articles = [a for a in read_attribution_folder(corpus) if is_held_out(a.name)]
    if not articles:
        raise ValueError(
            f"{corpus}: no held-out articles (one in ten of the train split, by a hash of the "
            "name); give the PolNeAR train folder"
        )
    admit_every_candidate(nlp)
    rows: list[dict[str, float]] = []
    labels: list[bool] = []
    for number, article in enumerate(articles, 1):
        more_rows, more_labels = labelled_candidates(nlp, [(article.text, article.attributions)])
        rows += more_rows
        labels += more_labels
        if progress and (number % 10 == 0 or number == len(articles)):
            progress(f"{number}/{len(articles)} held-out articles, {len(rows)} candidates")
    if not any(labels) or all(labels):
        raise ValueError(f"{corpus}: candidates are all of one class; nothing to learn")
    fitted = fit_gate(rows, labels)
    gate = Gate(fitted.bias, fitted.weights, threshold)
    about = {
        "corpus": corpus.name,
        "articles": len(articles),
        "candidates": len(rows),
        "positives": sum(labels),
        "label": "content covers >= 0.5 of a gold content no rule quote holds, speaker right",
    }
    return gate, about
