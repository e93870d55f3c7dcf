"""Commands that work on files or URLs without a database: extract, analyze."""

from __future__ import annotations

import sys

import click

from pipeline.cli import DEFAULT_DATASET, cli, echo_json, load_or_fail
from pipeline.cli.crawling import load_nlp


@cli.command()
@click.argument("inputs", nargs=-1, required=True, metavar="PATH_OR_URL...")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per page (source, url, title, authors, published, publisher, canonical_url, language, body, error).")
def extract(inputs: tuple[str, ...], as_json: bool) -> None:
    """Extract the article from pages: .html or .html.gz files, or http(s) URLs.

    A page that cannot be read or holds no article still gives a record, with `error` saying
    why; the exit status is 1 when any page failed.
    """
    from pipeline.extract import Article, extract_article, read_page

    failed = 0
    for source in inputs:
        try:
            if source.startswith(("http://", "https://")):
                raw, url = _fetch_url(source)
            else:
                raw, url = read_page(source), None
            article = extract_article(raw, url=url, source=source)
        except (OSError, ValueError) as exc:
            article = Article(source=source, url=None, title=None, authors=[], published=None, publisher=None, canonical_url=None, language=None, body="", paragraphs=[], error=f"{exc}")
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
            for key in ("title", "authors", "published", "publisher", "canonical_url", "language"):
                click.echo(f"{key}: {record[key]}")
            click.echo("")
            click.echo(article.body)
    if failed:
        sys.exit(1)


def _fetch_url(url: str) -> tuple[bytes, str]:
    import urllib.request

    request = urllib.request.Request(url, headers={"User-Agent": "presswatch/0.1 (research crawler)"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.read(20 * 1024 * 1024), response.geturl()


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@click.option("--dataset", "dataset_name", default=DEFAULT_DATASET, show_default=True, help="Dataset whose knowledge base links the entities.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per input: source, entities, quotes, claims, stances.")
def analyze(paths: tuple[str, ...], dataset_name: str, as_json: bool) -> None:
    """Find entities and quotes (with speakers) in plain text or pages.

    A .txt file is analysed as read (UTF-8); offsets are character offsets into that text.
    An .html/.html.gz page is extracted first; offsets are into its extracted body.
    """
    from pipeline.extract import extract_article, read_page
    from pipeline.nlp import analyze_text

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
        result = analyze_text(nlp, text) if text else {"entities": [], "quotes": [], "claims": [], "stances": []}
        record = {"source": path, **result}
        if error:
            record["error"] = error
        if as_json:
            echo_json(record)
        else:
            click.echo(f"== {path}" + (f"  (error: {error})" if error else ""))
            for quote in result["quotes"]:
                speaker = (quote.get("speaker_entity") or {}).get("name") or (quote.get("speaker") or {}).get("text") or "?"
                click.echo(f"[{quote['type']}] {speaker}: {quote['content']['text']}")


