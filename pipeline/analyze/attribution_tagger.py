"""presswatch_attribution_tagger: a trained tagger that marks the Source, Cue and Content of
attributions, written to `doc.spans["attribution"]` (labels SOURCE, CUE, CONTENT).

It reads the base model's own token vectors (a listener on its `tok2vec`, frozen) and adds a
small trained bidirectional LSTM and a softmax over BIO tags, so it costs a few per cent of the
base model's time instead of a second full CNN. (v1, three convolution layers on top, reached
71% tag accuracy on held-out train articles; the LSTM 79%: a content's extent depends on a cue
or quotation mark further away than a convolution sees.) At prediction time the listener reads
`doc.tensor`, which the base `tok2vec` sets, so the component only has to run after it.

Trained on PolNeAR (see attribution_training.py and the README); the weights ship as package
data (`attribution_tagger.bin`) and are loaded by the factory when `weights` names a file.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

import numpy
from spacy.attrs import LEMMA, ORTH
from spacy.language import Language
from spacy.ml.models.tok2vec import MaxoutWindowEncoder
from spacy.pipeline import Tagger
from spacy.pipeline.tagger import DEFAULT_TAGGER_MODEL
from spacy.pipeline.tok2vec import Tok2VecListener
from spacy.tokens import Doc, Span
from spacy.util import registry
from thinc.api import LSTM, Model, chain, with_array, with_padded

from .attribution_kinds import ATTRIBUTING_LEMMAS
from .tagger_lstm import bilstm, bilstm_weights

SPANS_KEY = "attribution"
ROLES = ("SOURCE", "CUE", "CONTENT")
OUTSIDE = "O"
TAGS = (OUTSIDE, *(f"{p}-{r}" for r in ROLES for p in ("B", "I")))
WEIGHTS_PATH = Path(__file__).with_name("attribution_tagger.bin")
READ_TOGETHER = 8  # docs whose pieces the LSTM reads in one pass (AttributionTagger.pipe)


@registry.architectures("presswatch.AttributionEncoder.v1")
def attribution_encoder(
    width: int, upstream: str, window_size: int, maxout_pieces: int, depth: int
) -> Model:
    """The base model's token vectors (frozen, through a listener) and `depth` trained
    convolution layers on top, which widen the context each token sees by window_size words on
    each side per layer."""
    listener = Tok2VecListener(upstream_name=upstream, width=width)
    encoder = MaxoutWindowEncoder(
        width=width, window_size=window_size, maxout_pieces=maxout_pieces, depth=depth
    )
    return chain(listener, with_array(encoder))


@registry.architectures("presswatch.AttributionEncoder.v2")
def attribution_encoder_lstm(width: int, upstream: str, hidden: int, depth: int) -> Model:
    """The base model's token vectors (frozen, through a listener) read by a trained
    bidirectional LSTM: whether a word is inside somebody's words depends on a cue or a
    quotation mark that can be a whole sentence away, beyond any convolution's window."""
    listener = Tok2VecListener(upstream_name=upstream, width=width)
    return chain(listener, with_padded(LSTM(nO=hidden, nI=width, bi=True, depth=depth)))


def tags_to_spans(tags: Sequence[str]) -> list[tuple[str, int, int]]:
    """BIO tags → (role, first token, end token exclusive). An I- tag without its B- opens a
    span (the tagger's slips should not drop a whole content)."""
    spans: list[tuple[str, int, int]] = []
    role, start = None, 0
    for i, tag in enumerate([*tags, OUTSIDE]):
        prefix, _, tag_role = tag.partition("-")
        if role is not None and (prefix != "I" or tag_role != role):
            spans.append((role, start, i))
            role = None
        if prefix in ("B", "I") and role is None:
            role, start = tag_role, i
    return spans


def attribution_tag_score(examples: Iterable[Any], **kwargs: Any) -> dict[str, float]:
    """Token accuracy of the BIO tags and exact-span F1 of CONTENT (for training logs)."""
    right = total = 0
    found = gold_n = hit = 0
    for example in examples:
        predicted = example.predicted.user_data.get("attribution_tags") or []
        gold = [t.tag_ for t in example.reference]
        total += len(gold)
        right += sum(p == g for p, g in zip(predicted, gold))
        p_spans = {s for s in tags_to_spans(predicted) if s[0] == "CONTENT"}
        g_spans = {s for s in tags_to_spans(gold) if s[0] == "CONTENT"}
        found, gold_n, hit = (
            found + len(p_spans),
            gold_n + len(g_spans),
            hit + len(p_spans & g_spans),
        )
    precision = hit / found if found else 0.0
    recall = hit / gold_n if gold_n else 0.0
    return {
        "attr_tag_acc": right / total if total else 0.0,
        "attr_content_f": 2 * precision * recall / (precision + recall) if hit else 0.0,
    }


@registry.scorers("presswatch.attribution_scorer.v1")
def make_attribution_scorer():
    return attribution_tag_score


_QUOTE_CHARACTERS = frozenset('"“”«»„')


# Which paragraphs the tagger reads (presswatch.cfg `paragraphs`): those holding a quotation
# mark; those too with a word that attributes ("said", "according", "argues"); or every one.
PARAGRAPH_CHOICES = ("quoted", "attributing", "all")


# What a token says about its paragraph, by its text's hash (ORTH) and its lemma's (LEMMA):
# hashes are the same for every Doc, so the answers are kept (reading Token objects one by one
# cost an eighth of the tagger's time on news where nearly every paragraph attributes).
_NEWLINE, _QUOTED, _ATTRIBUTING = 1, 2, 4
_ORTH_KINDS: dict[int, int] = {}
_LEMMA_KINDS: dict[int, int] = {}


def _orth_kind(strings: Any, orth: int) -> int:
    kind = _ORTH_KINDS.get(orth)
    if kind is None:
        text = strings[orth]
        kind = 0
        if "\n" in text:
            kind = _NEWLINE
        elif text == "''" or any(ch in _QUOTE_CHARACTERS for ch in text):
            kind = _QUOTED
        elif text.lower() == "according":
            kind = _ATTRIBUTING
        _ORTH_KINDS[orth] = kind
    return kind


def _lemma_kind(strings: Any, lemma: int) -> int:
    kind = _LEMMA_KINDS.get(lemma)
    if kind is None:
        kind = _ATTRIBUTING if strings[lemma].lower() in ATTRIBUTING_LEMMAS else 0
        _LEMMA_KINDS[lemma] = kind
    return kind


def quoted_line_ranges(doc: Doc, paragraphs: str = "quoted") -> list[tuple[int, int]]:
    """Token ranges (start, end) of the runs of lines (paragraphs) that hold a quotation mark
    (with `paragraphs="attributing"`, or an attributing word)."""
    strings = doc.vocab.strings
    marking = _QUOTED | (_ATTRIBUTING if paragraphs == "attributing" else 0)
    ranges: list[tuple[int, int]] = []
    start, quoted = 0, False
    for i, (orth, lemma) in enumerate(doc.to_array([ORTH, LEMMA]).tolist()):
        kind = _orth_kind(strings, orth)
        if kind == _NEWLINE:
            if quoted:
                ranges.append((start, i))
            start, quoted = i + 1, False
        elif kind & marking or (marking & _ATTRIBUTING and _lemma_kind(strings, lemma)):
            quoted = True
    if quoted:
        ranges.append((start, len(doc)))
    merged: list[tuple[int, int]] = []
    for first, end in ranges:  # quoted paragraphs in a row are read together, for context
        if merged and first - merged[-1][1] <= 1:
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((first, end))
    return merged


class AttributionTagger(Tagger):
    """spaCy's Tagger, trained on BIO attribution tags, that writes spans instead of
    token.tag_ (the base model's part-of-speech tags stay untouched).

    With `paragraphs` "quoted" or "attributing", it reads only the paragraphs that hold a
    quotation mark (or an attributing word: all that presswatch_quotes can take from it, since
    a tagged content needs a quotation or an attributing cue), each run of them as one piece
    with the base model's token vectors of those tokens, and tags every other token O: the
    LSTM then costs a fraction of what it costs over every word."""

    paragraphs: str = "all"

    def pipe(self, stream: Iterable[Doc], *, batch_size: int = 128) -> Iterator[Doc]:
        # The LSTM steps through the pieces of a batch together, so a step costs about the
        # same for one piece as for a dozen: reading the pieces of READ_TOGETHER docs at once
        # takes a fifth less time than nlp.pipe's batches of 4 (process.analyzers.NLP_BATCH).
        # 32 docs took a third less, but their arrays at once left the NLP thread ~50-150 MiB
        # more resident. A doc's tags do not depend on the docs read with it (tagger_lstm.py).
        return super().pipe(stream, batch_size=max(batch_size, READ_TOGETHER))

    def predict(self, docs: Any) -> list[Any]:
        docs = list(docs)
        if self.paragraphs == "all":
            owners = [(n, 0, len(doc)) for n, doc in enumerate(docs) if len(doc)]
        else:
            owners = [
                (n, start, end)
                for n, doc in enumerate(docs)
                for start, end in quoted_line_ranges(doc, self.paragraphs)
            ]
        outside = self.labels.index(OUTSIDE)
        guesses = [numpy.full(len(doc), outside, dtype="int32") for doc in docs]
        if owners:
            for (n, start, _), piece_guesses in zip(owners, self._predict_pieces(docs, owners)):
                guesses[n][start : start + len(piece_guesses)] = piece_guesses
        return guesses

    def _predict_pieces(self, docs: list[Doc], owners: list[tuple[int, int, int]]) -> list[Any]:
        """Tags of the token ranges `owners` (doc number, start, end). The listener only hands
        on each doc's tensor, so the layers after it read the ranges' rows of the base
        model's tensors directly: copying each range into a Doc of its own (Span.as_doc)
        took a sixth of the component's time."""
        encoder, output = self.model.layers
        listener, *after = encoder.layers
        if listener.name != "tok2vec-listener" or any(docs[n].tensor.size == 0 for n, *_ in owners):
            return super().predict([docs[n][start:end].as_doc() for n, start, end in owners])
        vectors = [docs[n].tensor[start:end] for n, start, end in owners]
        weights = bilstm_weights(after[0]) if len(after) == 1 else None
        if weights is not None:
            vectors = bilstm(vectors, weights)  # thinc's LSTM, in numpy (tagger_lstm.py)
        else:
            for layer in after:
                vectors = layer.predict(vectors)
        return self._scores2guesses(output.predict(vectors))

    def set_annotations(self, docs: Iterable[Doc], batch_tag_ids: Any) -> None:
        if isinstance(docs, Doc):
            docs = [docs]
        labels = self.labels
        for doc, tag_ids in zip(docs, batch_tag_ids):
            tags = [labels[int(i)] for i in tag_ids]
            doc.user_data["attribution_tags"] = tags
            doc.spans[SPANS_KEY] = [
                Span(doc, start, end, label=role) for role, start, end in tags_to_spans(tags)
            ]


_DEFAULT_MODEL = {
    **DEFAULT_TAGGER_MODEL,
    "tok2vec": {
        "@architectures": "presswatch.AttributionEncoder.v2",
        "width": 96,
        "upstream": "tok2vec",
        "hidden": 128,
        "depth": 1,
    },
}


@Language.factory(
    "presswatch_attribution_tagger",
    assigns=["doc.spans"],
    default_config={
        "model": _DEFAULT_MODEL,
        "weights": "",
        "paragraphs": "all",
        "scorer": {"@scorers": "presswatch.attribution_scorer.v1"},
    },
    default_score_weights={"attr_content_f": 1.0, "attr_tag_acc": 0.0},
)
def make_attribution_tagger(
    nlp: Language, name: str, model: Model, weights: str, paragraphs: str, scorer: Any
) -> AttributionTagger:
    """`weights`: "" for an untrained component (training), "package" for the weights shipped
    with presswatch, or a path to a file written by `AttributionTagger.to_bytes`.
    `paragraphs`: which paragraphs it reads, one of PARAGRAPH_CHOICES (see the class)."""
    if paragraphs not in PARAGRAPH_CHOICES:
        raise ValueError(
            f"attribution_tagger paragraphs = {paragraphs!r} in presswatch.cfg: choose one of "
            + ", ".join(PARAGRAPH_CHOICES)
        )
    tagger = AttributionTagger(nlp.vocab, model, name, scorer=scorer)
    tagger.paragraphs = paragraphs
    if weights:
        path = WEIGHTS_PATH if weights == "package" else Path(weights)
        if not path.is_file():
            raise FileNotFoundError(
                f"attribution tagger weights {path} not found: run `presswatch "
                "train-attribution` or remove attribution_tagger from presswatch.cfg"
            )
        tagger.from_bytes(path.read_bytes(), exclude=["vocab"])
    return tagger
