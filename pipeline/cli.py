"""presswatch's command line: thin Click commands, each calling one stage.

    presswatch build DATASET        crawl + process (offline replay of the bundled archive)
    presswatch serve DATASET        Datasette over the built database

Every command that touches a dataset's database is logged as a row of the `runs` table and a
log file under datasets/<name>/build/logs/.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from pipeline.dataset import REPO_ROOT, Dataset, DatasetError, load_dataset

DEFAULT_DATASET = "fb-messaging-integration"


def _load(name: str) -> Dataset:
    try:
        return load_dataset(name)
    except DatasetError as exc:
        raise click.ClickException(str(exc)) from exc


def _echo_json(record: dict[str, Any]) -> None:
    click.echo(json.dumps(record, ensure_ascii=False))


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="presswatch")
def cli() -> None:
    """presswatch builds research datasets of news coverage and expert commentary.

    Spiders collect articles, extraction cleans them, a spaCy pipeline finds who said what, and
    the result is a documented SQLite database published with Datasette. DATASET is a folder
    under datasets/ (or a path to one) holding a dataset.yml.

    Quick start: `presswatch build fb-messaging-integration` then
    `presswatch serve fb-messaging-integration`.
    """


@cli.command()
@click.argument("dataset")
def validate(dataset: str) -> None:
    """Check DATASET's dataset.yml against the schema and report every problem."""
    loaded = _load(dataset)
    click.echo(
        f"{loaded.file}: ok ({len(loaded.sources)} sources, "
        f"{len(loaded.knowledge_base)} knowledge-base entities)"
    )


def _crawl_options(command: Any) -> Any:
    options = [
        click.option("--live", is_flag=True, help="Crawl the web (the sources' seeds) instead of replaying the bundled archive."),
        click.option("--replay", "replay", multiple=True, type=click.Path(exists=True, dir_okay=False, path_type=Path), help="Replay this WARC/WARC.gz archive instead of the bundled one (repeatable)."),
        click.option("--seed", "seeds", multiple=True, metavar="URL", help="Also start from URL, for this run only (repeatable)."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def _do_crawl(loaded: Dataset, live: bool, replay: tuple[Path, ...], seeds: tuple[str, ...], command: str) -> dict[str, int]:
    from pipeline.crawl import plan_crawl, run_crawl
    from pipeline.runs import logged_run
    from spiders.archive import ArchiveError

    try:
        plan = plan_crawl(loaded, live=live, replay=list(replay), extra_seeds=list(seeds))
    except ArchiveError as exc:
        raise click.ClickException(str(exc)) from exc
    if not plan.seeds:
        raise click.ClickException("nothing to crawl: no seed URLs (give --seed URL, or add seeds to dataset.yml)")
    where = "the web" if plan.live else ", ".join(str(p) for p in plan.archives)
    click.echo(f"crawl {loaded.name}: {len(plan.seeds)} seed URL(s) from {where}", err=True)
    with logged_run(loaded, command, {"live": live, "replay": replay, "seeds": seeds}) as run:
        warc_out = loaded.archive_dir / f"run-{run.id:05d}.warc.gz"
        counts = run_crawl(loaded, plan, warc_out, run.id, run.log_file)
        run.add(counts)
    ok = counts["fetched"] - counts["failed"]
    click.echo(
        f"crawl {loaded.name}: {counts['fetched']} page(s) recorded, {ok} ok, "
        f"{counts['failed']} failed (log: {run.log_file})",
        err=True,
    )
    return counts


@cli.command()
@click.argument("dataset")
@_crawl_options
def crawl(dataset: str, live: bool, replay: tuple[Path, ...], seeds: tuple[str, ...]) -> None:
    """Fetch DATASET's pages and store the raw responses.

    By default nothing touches the network: the dataset's bundled web archive is replayed
    through the real Scrapy engine, and the database records the pages' real URLs. Each
    response becomes a `fetches` row (url, final url, status, headers, body hash, time) and a
    record in build/archive/run-NNNNN.warc.gz; failures become rows with the reason.
    """
    _do_crawl(_load(dataset), live, replay, seeds, "crawl")


def _progress(index: int, total: int, url: str) -> None:
    if sys.stderr.isatty():
        click.echo(f"\r[{index}/{total}] {url[:100]:<100}", err=True, nl=index == total)


def _do_process(loaded: Dataset, command: str) -> dict[str, int]:
    from pipeline.process import pending_fetches, process_pending
    from pipeline.runs import logged_run

    with logged_run(loaded, command, {}) as run:
        pending = len(pending_fetches(run.db))
        click.echo(f"process {loaded.name}: {pending} page(s) to extract and analyse", err=True)
        analyzer = _LazyAnalyzer(loaded)
        counts = process_pending(run.db, loaded, analyzer, run.id, _progress)
        run.add(counts)
    click.echo(
        f"process {loaded.name}: {counts['articles']} article(s), {counts['mentions']} mention(s), "
        f"{counts['quotes']} quote(s), {counts['errors']} failure(s) recorded",
        err=True,
    )
    return counts


class _LazyAnalyzer:
    """Load spaCy only when there is a text to analyse: an up-to-date dataset costs nothing."""

    def __init__(self, dataset: Dataset | None):
        self.dataset = dataset
        self._nlp: Any = None

    def __call__(self, text: str) -> dict[str, Any]:
        from pipeline.nlp import analyze_text

        if self._nlp is None:
            self._nlp = _load_nlp(self.dataset)
        return analyze_text(self._nlp, text)


def _load_nlp(dataset: Dataset | None) -> Any:
    from pipeline.nlp import ModelNotInstalled, load_pipeline, resolve_model_name

    try:
        model = resolve_model_name(dataset.model_setting if dataset else None)
        return load_pipeline(dataset.knowledge_base if dataset else [], model=model)
    except ModelNotInstalled as exc:
        raise click.ClickException(str(exc)) from exc


@cli.command()
@click.argument("dataset")
def process(dataset: str) -> None:
    """Extract and analyse every page of DATASET crawled but not yet processed.

    Pages that are not HTML or yield no article are recorded in `failures` and skipped next
    time; an article already processed is not processed again.
    """
    _do_process(_load(dataset), "process")


@cli.command()
@click.argument("dataset")
@_crawl_options
def build(dataset: str, live: bool, replay: tuple[Path, ...], seeds: tuple[str, ...]) -> None:
    """Crawl, then process: the whole dataset into build/<name>.db (offline by default)."""
    loaded = _load(dataset)
    _do_crawl(loaded, live, replay, seeds, "crawl")
    _do_process(loaded, "process")
    click.echo(f"built {loaded.db_path}", err=True)


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
            _echo_json(record)
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
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 - http(s) only
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

    nlp = _load_nlp(_load(dataset_name))
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
            _echo_json(record)
        else:
            click.echo(f"== {path}" + (f"  (error: {error})" if error else ""))
            for quote in result["quotes"]:
                speaker = (quote.get("speaker_entity") or {}).get("name") or (quote.get("speaker") or {}).get("text") or "?"
                click.echo(f"[{quote['type']}] {speaker}: {quote['content']['text']}")


@cli.command()
@click.argument("dataset")
@click.option("--port", default=8001, show_default=True, help="Port to listen on.")
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on.")
@click.option("--metadata", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=REPO_ROOT / "metadata.yml", show_default="metadata.yml", help="Datasette metadata file.")
def serve(dataset: str, port: int, host: str, metadata: Path) -> None:
    """Serve DATASET's built database with Datasette (read-only) and its metadata.yml."""
    from pipeline.publish import serve_database

    loaded = _load(dataset)
    if not loaded.db_path.is_file():
        raise click.ClickException(f"{loaded.db_path} does not exist yet: run `presswatch build {loaded.name}` first")
    click.echo(f"Datasette: http://{host}:{port}/{loaded.db_path.stem}", err=True)
    sys.exit(serve_database(loaded.db_path, metadata, host=host, port=port))


@cli.command("fixtures-archive")
@click.argument("dataset")
def fixtures_archive(dataset: str) -> None:
    """Rebuild DATASET's offline archive (WARC) from its fixture pages and manifest."""
    from spiders.archive import ArchiveError, build_archive_from_manifest

    loaded = _load(dataset)
    if loaded.offline_manifest is None or loaded.offline_archive is None:
        raise click.ClickException(f"{loaded.file}: no `offline:` section naming a manifest and archive")
    try:
        count = build_archive_from_manifest(loaded.offline_manifest, loaded.offline_archive)
    except (ArchiveError, OSError) as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"{loaded.offline_archive}: {count} records")
