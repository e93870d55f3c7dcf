"""`presswatch evaluate --attribution DIR`: the product's analysis (nlp.pipe + analyze_doc, as
the process stage runs it) over a folder in PolNeAR layout, scored by attribution_score.py."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from .attribution_kinds import kind_of
from .attribution_score import AttributionReport, GoldItem, score_attributions, total
from .brat import AnnotatedArticle, GoldAttribution, read_attribution_folder
from .output import analyze_doc


def cue_lemma(doc: Doc, cue: tuple[tuple[int, int], ...]) -> str:
    """The lemma naming a gold cue: its first verb ("has said" → say), else its words' lemmas
    ("according to", ":")."""
    if not cue:
        return ""
    span = doc.char_span(cue[0][0], cue[-1][1], alignment_mode="expand")
    if span is None:
        return ""
    verbs = [t for t in span if t.pos_ == "VERB"]
    if verbs:
        return verbs[0].lemma_.lower()
    return " ".join(t.lemma_.lower() for t in span if not t.is_space)[:40]


def gold_items(doc: Doc, attributions: tuple[GoldAttribution, ...]) -> list[GoldItem]:
    items = []
    for a in attributions:
        lemma = cue_lemma(doc, a.cue)
        items.append(
            GoldItem(content=a.content, source=a.source, cue_lemma=lemma, kind=kind_of(lemma))
        )
    return items


def evaluate_attribution(
    nlp: Language, folder: Path, batch_size: int = 4, progress: Callable[[str], None] | None = None
) -> AttributionReport:
    articles: list[AnnotatedArticle] = list(read_attribution_folder(folder))
    reports = []
    for start in range(0, len(articles), 32):
        chunk = articles[start : start + 32]
        with nlp.memory_zone():
            docs = nlp.pipe([a.text for a in chunk], batch_size=batch_size)
            for article, doc in zip(chunk, docs):
                result = analyze_doc(doc)
                reports.append(
                    score_attributions(
                        article.text,
                        as_statements(article.text, result["quotes"]),
                        gold_items(doc, article.attributions),
                    )
                )
        if progress:
            progress(f"{min(start + 32, len(articles))}/{len(articles)} articles")
    return total(reports)


def as_statements(text: str, quotes: list[dict]) -> list[dict]:
    """One predicted attribution per statement, as PolNeAR annotates one: the pieces of a split
    quotation (quotes sharing `statement`, statements.py) read as one content, from the first
    piece's start to the last one's end, with the first piece's speaker, cue and kind. Its
    `segments` are the pieces themselves: what lies between them (the attribution clause, a
    reporter's aside, another attribution inside it) is not the statement's content."""
    firsts: dict[int, dict] = {}
    for quote in quotes:
        start = quote.get("statement", quote["content"]["start"])
        piece = (quote["content"]["start"], quote["content"]["end"])
        first = firsts.get(start)
        if first is None:
            firsts[start] = {**quote, "content": {**quote["content"], "segments": [piece]}}
        else:
            content = first["content"]
            begin, end = content["start"], max(content["end"], piece[1])
            segments = [*content["segments"], piece]
            first["content"] = {
                "start": begin,
                "end": end,
                "text": text[begin:end],
                "segments": segments,
            }
    return list(firsts.values())
