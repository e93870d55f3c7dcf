"""Commands that work on files or URLs without a database: extract, analyze."""

from __future__ import annotations

import sys
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING

import click
from presswatch.cli.group import DEFAULT_DATASET, cli, echo_json, load_nlp, load_or_fail

if TYPE_CHECKING:
    from presswatch.extract import Article


EXTRACT_JSON_HELP = (
    "One JSON object per page: source, url, title, authors, published, publisher, "
    "canonical_url, language, body, error, and the fields described in the README "
    "(subtitle, agency, credits, modified, section, paywall, word_count, provenance, …)."
)


@cli.command()
@click.argument("inputs", nargs=-1, metavar="PATH_OR_URL...")
@click.option("--json", "as_json", is_flag=True, help=EXTRACT_JSON_HELP)
@click.option(
    "--benchmark",
    "benchmark_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Score the extractor on a folder of NAME.html pages with NAME.json ground truth "
    '({"articleBody": …, optional "title", "datePublished", "author", "url"}) instead of '
    "printing articles.",
)
def extract(inputs: tuple[str, ...], as_json: bool, benchmark_dir: Path | None) -> None:
    """Extract the article from pages: .html or .html.gz files, or http(s) URLs.

    A page that cannot be read or holds no article still gives a record, with `error` saying
    why; the exit status is 1 when any page failed.

    With --benchmark DIR, prints for every page with a truth file the token-level precision,
    recall and F1 of the body (and the 4-token-shingle F1), whether title, date (the day) and
    authors are right, then the means; --json prints the same as JSON.
    """
    if benchmark_dir is not None:
        if inputs:
            raise click.UsageError("give either pages to extract or --benchmark DIR, not both")
        _benchmark(benchmark_dir, as_json)
        return
    if not inputs:
        raise click.UsageError("give at least one PATH_OR_URL, or --benchmark DIR")
    from presswatch.extract import extract_article, read_page

    failed = 0
    for source in inputs:
        try:
            charset = None
            if source.startswith(("http://", "https://")):
                raw, url, charset = _fetch_url(source)
            else:
                raw, url = read_page(source), None
            article = extract_article(raw, url=url, source=source, encoding=charset)
        except (OSError, ValueError) as exc:
            article = _unreadable(source, f"{exc}")
        failed += bool(article.error)
        record = article.to_dict()
        record.pop("paragraphs", None)
        if as_json:
            echo_json(record)
        else:
            click.echo(f"== {source}")
            if article.error:
                click.echo(f"error: {article.error}")
                continue
            for key in (
                "title", "subtitle", "authors", "agency", "published", "modified", "publisher",
                "section", "canonical_url", "language", "paywall", "credits", "word_count",
            ):  # fmt: skip
                click.echo(f"{key}: {record[key]}")
            click.echo("")
            click.echo(article.body)
    if failed:
        sys.exit(1)


def _unreadable(source: str, error: str) -> Article:
    from presswatch.extract import Article

    return Article(
        source=source, url=None, title=None, authors=[], published=None, publisher=None,
        canonical_url=None, language=None, body="", paragraphs=[], error=error,
    )  # fmt: skip


def _benchmark(folder: Path, as_json: bool) -> None:
    from presswatch.extract.benchmark import BenchmarkError, run_benchmark

    try:
        report = run_benchmark(folder)
    except BenchmarkError as exc:
        raise click.ClickException(str(exc)) from exc
    summary = report.summary()
    if as_json:
        for page in report.pages:
            echo_json(asdict(page))
        echo_json({"summary": summary})
        return

    def mark(value: bool | None) -> str:
        return "-" if value is None else ("yes" if value else "NO")

    click.echo(f"{'page':40} {'P':>6} {'R':>6} {'F1':>6} {'sh-F1':>6} title date author")
    for page in report.pages:
        click.echo(
            f"{page.name[:40]:40} {page.precision:6.3f} {page.recall:6.3f} {page.f1:6.3f} "
            f"{page.shingle_f1:6.3f} {mark(page.title):5} {mark(page.date):4} {mark(page.author)}"
        )

    def share(value: float | None) -> str:
        return "n/a" if value is None else f"{value:.1%}"

    click.echo(
        f"\n{summary['pages']} pages: precision {summary['precision']:.3f}, recall "
        f"{summary['recall']:.3f}, F1 {summary['f1']:.3f} "
        f"(shingle F1 {summary['shingle_f1']:.3f}); "
        f"title right {share(summary['title_right'])}, date right {share(summary['date_right'])}, "
        f"authors right {share(summary['author_right'])}"
    )


def _fetch_url(url: str) -> tuple[bytes, str, str | None]:
    """The page's bytes, the address it came from after redirects, and its HTTP charset."""
    import urllib.request

    request = urllib.request.Request(
        url, headers={"User-Agent": "presswatch/0.1 (research crawler)"}
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        charset = response.headers.get_content_charset()
        return response.read(20 * 1024 * 1024), response.geturl(), charset


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@click.option(
    "--dataset",
    "dataset_name",
    default=DEFAULT_DATASET,
    show_default=True,
    help="Dataset whose knowledge base links the entities.",
)
@click.option(
    "--json",
    "as_json",
    is_flag=True,
    help="One JSON object per input: source, entities, quotes, claims, stances.",
)
def analyze(paths: tuple[str, ...], dataset_name: str, as_json: bool) -> None:
    """Find entities, quotes (with speakers), claims and stances in plain text or pages.

    A .txt file is analysed as read (UTF-8); offsets are character offsets into that text.
    An .html/.html.gz page is extracted first; offsets are into its extracted body.

    With --json, one object per input: source; entities [{text, label, start, end, entity_id,
    canonical_name}]; quotes [{speaker, speaker_entity, cue, content, type, medium,
    confidence}] where speaker/cue/content are {text, start, end} and type is direct, indirect
    or mixed; claims [{text, start, end, holder, hedge, polarity, topics}]; stances
    [{speaker_entity, stance, confidence, evidence: [{text, start, end}]}].
    """
    from presswatch.analyze import analyze_text, public_result
    from presswatch.extract import extract_article, read_page

    nlp = load_nlp(load_or_fail(dataset_name))
    for path in paths:
        error = None
        if path.endswith((".html", ".htm", ".html.gz", ".htm.gz")):
            article = extract_article(read_page(path), url=None, source=path)
            text, error = article.body, article.error
        else:
            try:
                with open(path, encoding="utf-8", newline="") as handle:
                    text = handle.read()
            except UnicodeDecodeError as exc:
                text, error = "", f"{path}: not UTF-8 text ({exc})"
        result = public_result(analyze_text(nlp, text) if text else {})
        record = {"source": path, **result}
        if error:
            record["error"] = error
        if as_json:
            echo_json(record)
        else:
            click.echo(f"== {path}" + (f"  (error: {error})" if error else ""))
            for quote in result["quotes"]:
                speaker = (
                    (quote.get("speaker_entity") or {}).get("name")
                    or (quote.get("speaker") or {}).get("text")
                    or "?"
                )
                click.echo(
                    f"[{quote['type']}/{quote['medium']}] {speaker}: {quote['content']['text']}"
                )
            for stance in result["stances"]:
                click.echo(
                    f"stance {stance['speaker_entity']['name']}: {stance['stance']} "
                    f"({stance['confidence']})"
                )
