"""Body and metadata quality: presswatch's extractor vs trafilatura vs readability-lxml.

    .venv/bin/python benchmarks/extract_compare.py [DIR ...]

DIR is a benchmark folder (NAME.html + NAME.json ground truth, as for
`presswatch extract --benchmark`); the default is benchmarks/data/seen_pages, the pages we
can see: the bundled dataset's pages and the hand-written layouts of tests/fixtures/extract/
layouts, with truth written by reading them. Prints token P/R/F1, 4-token-shingle F1 and the
share of right titles/dates/authors per extractor, all measured in this one run. Pages per
second are of CPU time (time.process_time), so that other work on a shared machine does not
move the comparison; the last line gives presswatch's speed as a multiple of trafilatura's.

trafilatura and readability-lxml are not presswatch dependencies; install them beside it:

    .venv/bin/pip install trafilatura==2.3.1 lxml_html_clean==0.4.6 readability-lxml==0.9
    (if pip's resolver trips over lxml[html-clean], add --no-deps for the last two and
     install courlan justext htmldate chardet cssselect first)
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from presswatch.extract import Article
from presswatch.extract.benchmark import PageScore, load_cases, score_page
from presswatch.extract.charsets import decode_page
from presswatch.extract.files import read_page

DEFAULT_DIR = Path(__file__).parent / "data" / "seen_pages"


def _article(body: str, title: str | None, date: str | None, authors: list[str]) -> Article:
    return Article(
        source=None, url=None, title=title, authors=authors, published=date, publisher=None,
        canonical_url=None, language=None, body=body, paragraphs=[],
    )  # fmt: skip


def presswatch(raw: bytes, url: str | None) -> Article:
    from presswatch.extract import extract_article

    return extract_article(raw, url=url)


def presswatch_with_second_opinion(raw: bytes, url: str | None) -> Article:
    from presswatch.extract import extract_article

    return extract_article(raw, url=url, second_opinion=True)


def trafilatura_alone(raw: bytes, url: str | None) -> Article:
    import trafilatura

    document = trafilatura.bare_extraction(raw, url=url, with_metadata=True)
    if document is None:
        return _article("", None, None, [])
    authors = [name.strip() for name in (document.author or "").split(";") if name.strip()]
    return _article(document.text or "", document.title, document.date, authors)


def readability_lxml(raw: bytes, url: str | None) -> Article:
    import lxml.html
    from readability import Document

    document = Document(decode_page(raw).text, url=url)
    summary = lxml.html.fromstring(document.summary(html_partial=True))
    blocks = [
        " ".join(element.text_content().split())
        for element in summary.iter("p", "h1", "h2", "h3", "h4", "li", "blockquote", "pre")
    ]
    body = "\n\n".join(block for block in blocks if block)
    return _article(body, document.short_title(), None, [])  # readability gives no date/author


def presswatch_with_dek(raw: bytes, url: str | None) -> Article:
    from presswatch.extract import extract_article

    return extract_article(raw, url=url, dek_in_body=True)


EXTRACTORS = {
    "presswatch": presswatch,
    "pw+trafilatura": presswatch_with_second_opinion,
    "pw+dek in body": presswatch_with_dek,
    "trafilatura 2.3": trafilatura_alone,
    "readability-lxml": readability_lxml,
}


def mean(values: list[float]) -> float:
    return sum(values) / len(values) if values else 0.0


def share(scores: list[PageScore], attribute: str) -> str:
    judged = [getattr(s, attribute) for s in scores if getattr(s, attribute) is not None]
    return f"{sum(judged) / len(judged):6.1%}" if judged else "   n/a"


def main(folders: list[Path]) -> None:
    cases = [case for folder in folders for case in load_cases(folder)]
    pages = [(case, read_page(case.page)) for case in cases]
    print(f"{len(cases)} pages from {', '.join(str(folder) for folder in folders)}\n")
    header = (
        f"{'extractor':18} {'P':>6} {'R':>6} {'F1':>6} {'sh-F1':>6} {'title':>6} {'date':>6} "
        f"{'author':>6} {'pages/s':>8}"
    )
    print(header)
    speeds: dict[str, float] = {}
    for name, extractor in EXTRACTORS.items():
        try:
            started = time.process_time()
            articles = [extractor(raw, case.truth.get("url")) for case, raw in pages]
            speed = len(pages) / (time.process_time() - started)
        except ImportError as exc:
            print(f"{name:18} not installed ({exc.name}); see this script's docstring")
            continue
        scores = [score_page(case, article) for (case, _), article in zip(pages, articles)]
        print(
            f"{name:18} {mean([s.precision for s in scores]):6.3f} "
            f"{mean([s.recall for s in scores]):6.3f} "
            f"{mean([s.f1 for s in scores]):6.3f} {mean([s.shingle_f1 for s in scores]):6.3f} "
            f"{share(scores, 'title')} {share(scores, 'date')} {share(scores, 'author')} "
            f"{speed:8.2f}"
        )
        worst = sorted(scores, key=lambda s: s.f1)[:3]
        print("    lowest F1: " + ", ".join(f"{s.name} {s.f1:.3f}" for s in worst))
        speeds[name] = speed
    if "presswatch" in speeds and "trafilatura 2.3" in speeds:
        ratio = speeds["presswatch"] / speeds["trafilatura 2.3"]
        print(f"\npresswatch runs at {ratio:.2f}x trafilatura's pages per second (CPU time)")


if __name__ == "__main__":
    main([Path(argument) for argument in sys.argv[1:]] or [DEFAULT_DIR])
