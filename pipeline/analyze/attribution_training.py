"""Training the attribution tagger from a corpus in PolNeAR layout (`presswatch
train-attribution`).

1. Each article is tokenized by the base model's tokenizer (as at run time) and its Source, Cue
   and Content spans become BIO tags. Attributions are univocal in PolNeAR (139 of 22,525
   contents sit inside another's), so one tag per token: a content nested inside another is
   folded into the outer one, and a Source or Cue inside a content keeps its own tag.
2. One article in ten (by a hash of its name, so always the same ones) is held out of training
   to choose the best checkpoint; the corpus's own dev split is not used for that.
3. spaCy trains `attribution_tagger.cfg` (the base model's tok2vec frozen and shared) and the
   trained component is written to pipeline/analyze/attribution_tagger.bin.
"""

from __future__ import annotations

import hashlib
import tempfile
from collections.abc import Iterable
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc, DocBin

from .attribution_tagger import OUTSIDE, WEIGHTS_PATH
from .brat import AnnotatedArticle, GoldAttribution, Segments, read_attribution_folder

TRAINING_CONFIG = Path(__file__).with_name("attribution_tagger.cfg")
COMPONENT = "attribution_tagger"


def _tag_segments(doc: Doc, tags: list[str], segments: Segments, role: str) -> None:
    """Tag the tokens of each segment (edge whitespace left out); B- on the span's first."""
    first_of_span = True
    for start, end in segments:
        covered = [t.i for t in doc if t.idx < end and start < t.idx + len(t) and not t.is_space]
        if not covered:
            continue
        for i in range(covered[0], covered[-1] + 1):
            tags[i] = f"I-{role}"
        if first_of_span:
            tags[covered[0]] = f"B-{role}"
            first_of_span = False


def attribution_tags(doc: Doc, attributions: Iterable[GoldAttribution]) -> list[str]:
    """BIO tags of one tokenized article (pure: the doc's tokens and the gold spans in)."""
    tags = [OUTSIDE] * len(doc)
    attributions = list(attributions)
    outer = [
        a
        for a in attributions
        if not any(
            o is not a
            and o.content_bounds[0] <= a.content_bounds[0]
            and a.content_bounds[1] <= o.content_bounds[1]
            and o.content_bounds != a.content_bounds
            for o in attributions
        )
    ]
    for a in outer:
        _tag_segments(doc, tags, a.content, "CONTENT")
    for a in attributions:
        _tag_segments(doc, tags, a.source, "SOURCE")
        _tag_segments(doc, tags, a.cue, "CUE")
    return tags


def tagged_doc(nlp: Language, article: AnnotatedArticle) -> Doc:
    tokens = nlp.make_doc(article.text)
    tags = attribution_tags(tokens, article.attributions)
    return Doc(
        nlp.vocab,
        words=[t.text for t in tokens],
        spaces=[bool(t.whitespace_) for t in tokens],
        tags=tags,
    )


def is_held_out(name: str) -> bool:
    return hashlib.sha256(name.encode("utf-8")).digest()[0] % 10 == 0


def write_training_data(corpus: Path, base_model: str, out_dir: Path) -> tuple[Path, Path]:
    """train.spacy and heldout.spacy from the articles of `corpus` (PolNeAR layout)."""
    nlp = spacy.blank("en") if base_model == "blank" else spacy.load(base_model)
    train, held_out = DocBin(), DocBin()
    for article in read_attribution_folder(corpus):
        (held_out if is_held_out(article.name) else train).add(tagged_doc(nlp, article))
    paths = out_dir / "train.spacy", out_dir / "heldout.spacy"
    train.to_disk(paths[0])
    held_out.to_disk(paths[1])
    return paths


def train_attribution_tagger(
    corpus: Path,
    base_model: str,
    output: Path = WEIGHTS_PATH,
    max_steps: int | None = None,
    work_dir: Path | None = None,
) -> Path:
    """Convert, train, and write the trained component's weights to `output`."""
    from spacy.cli.train import train

    with tempfile.TemporaryDirectory(prefix="presswatch-attribution-") as tmp:
        work = work_dir or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        train_path, heldout_path = write_training_data(corpus, base_model, work)
        overrides = {
            "paths.train": str(train_path),
            "paths.dev": str(heldout_path),
            "paths.base_model": base_model,
        }
        if max_steps is not None:
            overrides["training.max_steps"] = max_steps
        train(TRAINING_CONFIG, work / "model", overrides=overrides)
        trained = spacy.load(work / "model" / "model-best")
        output.write_bytes(trained.get_pipe(COMPONENT).to_bytes(exclude=["vocab"]))
    return output
