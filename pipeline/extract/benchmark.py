"""`presswatch extract --benchmark DIR`: score the extractor on a folder of pages with truth.

A benchmark folder holds pages (NAME.html or NAME.html.gz) and, beside each, NAME.json with the
ground truth: {"articleBody": "…"} and optionally "title", "datePublished" (or "date"),
"author" (a string or a list) and "url" (the address the page was served from). Pages without a
truth file are ignored; a truth file without a page is an error.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .extractor import extract_article
from .files import read_page
from .model import Article
from .scoring import (
    mean,
    same_authors,
    same_day,
    same_title,
    shingle_overlap,
    token_overlap,
)

PAGE_SUFFIXES = (".html.gz", ".htm.gz", ".html", ".htm")


class BenchmarkError(ValueError):
    """The benchmark folder is unusable; the message names the file and the fix."""


@dataclass(frozen=True)
class BenchmarkCase:
    name: str
    page: Path
    truth: dict[str, Any]


@dataclass
class PageScore:
    name: str
    precision: float
    recall: float
    f1: float
    shingle_f1: float
    title: bool | None  # None: the truth gives no title
    date: bool | None
    author: bool | None
    error: str | None = None


@dataclass
class BenchmarkReport:
    pages: list[PageScore] = field(default_factory=list)

    def summary(self) -> dict[str, Any]:
        def share(name: str) -> float | None:
            judged = [getattr(page, name) for page in self.pages if getattr(page, name) is not None]
            return sum(judged) / len(judged) if judged else None

        return {
            "pages": len(self.pages),
            "precision": mean([page.precision for page in self.pages]),
            "recall": mean([page.recall for page in self.pages]),
            "f1": mean([page.f1 for page in self.pages]),
            "shingle_f1": mean([page.shingle_f1 for page in self.pages]),
            "title_right": share("title"),
            "date_right": share("date"),
            "author_right": share("author"),
            "errors": sum(1 for page in self.pages if page.error),
        }


def _page_stem(path: Path) -> str | None:
    for suffix in PAGE_SUFFIXES:
        if path.name.endswith(suffix):
            return path.name[: -len(suffix)]
    return None


def load_cases(folder: Path) -> list[BenchmarkCase]:
    if not folder.is_dir():
        raise BenchmarkError(f"{folder}: not a folder of pages and truth files")
    pages = {stem: path for path in folder.iterdir() if (stem := _page_stem(path))}
    cases: list[BenchmarkCase] = []
    for truth_path in sorted(folder.glob("*.json")):
        stem = truth_path.name.removesuffix(".json")
        if stem not in pages:
            raise BenchmarkError(f"{truth_path}: no page {stem}.html beside it")
        try:
            truth = json.loads(truth_path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise BenchmarkError(f"{truth_path}: not readable JSON ({exc})") from exc
        if not isinstance(truth, dict) or not isinstance(truth.get("articleBody"), str):
            raise BenchmarkError(f'{truth_path}: needs {{"articleBody": "…"}} (a string)')
        cases.append(BenchmarkCase(stem, pages[stem], truth))
    if not cases:
        raise BenchmarkError(f"{folder}: no NAME.json truth files beside NAME.html pages")
    return cases


def score_page(case: BenchmarkCase, article: Article) -> PageScore:
    truth = case.truth
    body = token_overlap(article.body, truth["articleBody"])
    date_truth = truth.get("datePublished") or truth.get("date")
    author_truth = truth.get("author") if "author" in truth else truth.get("authors")
    return PageScore(
        name=case.name,
        precision=body.precision,
        recall=body.recall,
        f1=body.f1,
        shingle_f1=shingle_overlap(article.body, truth["articleBody"]).f1,
        title=same_title(article.title, truth["title"]) if truth.get("title") else None,
        date=same_day(article.published, date_truth) if date_truth else None,
        author=same_authors(article.authors, author_truth) if author_truth is not None else None,
        error=article.error,
    )


Extractor = Callable[[bytes, str | None], Article]


def _presswatch(raw: bytes, url: str | None) -> Article:
    return extract_article(raw, url=url)


def iter_scores(
    cases: list[BenchmarkCase], extractor: Extractor = _presswatch
) -> Iterator[PageScore]:
    for case in cases:
        try:
            raw = read_page(case.page)
        except OSError as exc:
            raise BenchmarkError(f"{case.page}: unreadable ({exc})") from exc
        yield score_page(case, extractor(raw, case.truth.get("url")))


def run_benchmark(folder: Path, extractor: Extractor = _presswatch) -> BenchmarkReport:
    return BenchmarkReport(pages=list(iter_scores(load_cases(folder), extractor)))
