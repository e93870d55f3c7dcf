"""Commands of the fetch and process stages: crawl, process, build, fixtures-archive."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from pipeline.cli import cli, load_or_fail
from pipeline.dataset import Dataset


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
    _do_crawl(load_or_fail(dataset), live, replay, seeds, "crawl")


def _progress(index: int, total: int, url: str) -> None:
    if sys.stderr.isatty():
        click.echo(f"\r[{index}/{total}] {url[:100]:<100}", err=True, nl=index == total)


def _do_process(loaded: Dataset, command: str) -> dict[str, int]:
    from pipeline.process import pending_fetches, process_pending
    from pipeline.runs import logged_run

    with logged_run(loaded, command, {}) as run:
        pending = len(pending_fetches(run.db))
        click.echo(f"process {loaded.name}: {pending} page(s) to extract and analyse", err=True)
        analyzer = LazyAnalyzer(loaded)
        counts = process_pending(run.db, loaded, analyzer, run.id, _progress)
        run.add(counts)
    click.echo(
        f"process {loaded.name}: {counts['articles']} article(s), {counts['mentions']} mention(s), "
        f"{counts['quotes']} quote(s), {counts['errors']} failure(s) recorded",
        err=True,
    )
    return counts


class LazyAnalyzer:
    """Load spaCy only when there is a text to analyse: an up-to-date dataset costs nothing."""

    def __init__(self, dataset: Dataset | None):
        self.dataset = dataset
        self._nlp: Any = None

    def __call__(self, text: str) -> dict[str, Any]:
        from pipeline.nlp import analyze_text

        if self._nlp is None:
            self._nlp = load_nlp(self.dataset)
        return analyze_text(self._nlp, text)


def load_nlp(dataset: Dataset | None) -> Any:
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
    _do_process(load_or_fail(dataset), "process")


@cli.command()
@click.argument("dataset")
@_crawl_options
def build(dataset: str, live: bool, replay: tuple[Path, ...], seeds: tuple[str, ...]) -> None:
    """Crawl, then process: the whole dataset into build/<name>.db (offline by default)."""
    loaded = load_or_fail(dataset)
    _do_crawl(loaded, live, replay, seeds, "crawl")
    _do_process(loaded, "process")
    click.echo(f"built {loaded.db_path}", err=True)


@cli.command("fixtures-archive")
@click.argument("dataset")
def fixtures_archive(dataset: str) -> None:
    """Rebuild DATASET's offline archive (WARC) from its fixture pages and manifest."""
    from spiders.archive import ArchiveError, build_archive_from_manifest

    loaded = load_or_fail(dataset)
    if loaded.offline_manifest is None or loaded.offline_archive is None:
        raise click.ClickException(f"{loaded.file}: no `offline:` section naming a manifest and archive")
    try:
        count = build_archive_from_manifest(loaded.offline_manifest, loaded.offline_archive)
    except (ArchiveError, OSError) as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"{loaded.offline_archive}: {count} records")
