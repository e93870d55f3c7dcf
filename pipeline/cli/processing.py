"""Commands of the process stage: process (extract and analyse what the crawl fetched)."""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import click

from pipeline.cli.group import cli, load_or_fail
from pipeline.dataset import Dataset


@contextmanager
def locked(loaded: Dataset) -> Iterator[None]:
    """Two runs on one dataset never overlap: the second stops at once with who holds the lock."""
    from pipeline.crawl.schedule import LockHeld, dataset_lock

    try:
        with dataset_lock(loaded.build_dir):
            yield
    except LockHeld as exc:
        raise click.ClickException(str(exc)) from exc

workers_option = click.option(
    "--workers", type=click.IntRange(1, 64), default=1, show_default=True,
    help="Analyse with N processes (one spaCy pipeline each, ~300 MB of memory apiece); one writer "
         "keeps the database exactly as --workers 1 makes it. Use the number of cores.")


class _ProcessProgress:
    """A live line on a terminal (page, rate, time left) and a line in the run log every
    LOG_EVERY pages, so a scheduled run's log shows how far a long backlog got."""

    LOG_EVERY = 1000

    def __init__(self, logger: Any):
        self.logger, self.started, self.shown = logger, time.monotonic(), 0.0

    def __call__(self, index: int, total: int, url: str) -> None:
        elapsed = time.monotonic() - self.started
        rate = index / elapsed if elapsed > 0 else 0.0
        left = f", about {(total - index) / rate / 60:.0f} min left" if rate and index < total else ""
        if index % self.LOG_EVERY == 0:
            self.logger.info("process: %d of %d pages, %.1f pages/s%s", index, total, rate, left)
        # At most ten redraws a second: a terminal that cannot keep up slows the run.
        if sys.stderr.isatty() and (index == total or elapsed - self.shown >= 0.1):
            self.shown = elapsed
            click.echo(f"\r[{index}/{total}] {rate:.1f} pages/s{left} {url[:70]:<70}", err=True, nl=index == total)


def do_process(loaded: Dataset, command: str, shard: Any = None, workers: int = 1) -> dict[str, int]:
    from pipeline.analyze import ModelNotInstalled, resolve_model_name
    from pipeline.cli.runs import logged_run
    from pipeline.process.analyzers import InProcessAnalyzer, PoolAnalyzer, WorkerPoolBroken
    from pipeline.process.loop import pending_fetch_ids, process_pending

    try:  # before any worker starts: a missing model is one clear message, not a dead pool
        resolve_model_name(loaded.model_setting)
    except ModelNotInstalled as exc:
        raise click.ClickException(str(exc)) from exc
    started = time.monotonic()
    arguments = {"shard": str(shard), "workers": workers} if shard is not None or workers != 1 else {}
    with logged_run(loaded, command, arguments) as run:
        fetch_ids = pending_fetch_ids(run.db)
        pending = len(fetch_ids)
        click.echo(f"process {loaded.name}: {pending} page(s) to extract and analyse"
                   + (f" (shard {shard}: only its share)" if shard is not None else "")
                   + (f" with {workers} NLP worker processes" if workers > 1 and pending else ""), err=True)
        analyzer: Any = PoolAnalyzer(loaded, workers, pending) if workers > 1 else InProcessAnalyzer(loaded)
        try:
            counts = process_pending(run.db, loaded, analyzer, run.id, _ProcessProgress(run.logger), shard=shard,
                                     fetch_ids=fetch_ids)
        except WorkerPoolBroken as exc:
            raise click.ClickException(str(exc)) from exc
        finally:
            analyzer.close()
        if workers > 1:
            click.echo(f"process {loaded.name}: {analyzer.from_workers} text(s) analysed by "
                       f"{len(analyzer.worker_pids)} worker processes", err=True)
        timed: dict[str, Any] = {**counts, "duration_seconds": round(time.monotonic() - started, 3)}
        run.add(timed)
    click.echo(
        f"process {loaded.name}: {counts['articles']} article(s), {counts['mentions']} mention(s), "
        f"{counts['quotes']} quote(s), {counts['errors']} failure(s) recorded",
        err=True,
    )
    return counts

@cli.command()
@click.argument("dataset")
@workers_option
@click.option("--shard", "shard_text", metavar="K/N", default=None,
              help="Process only shard K of N (articles split by a hash of their id), for several machines; combine the shard databases with `presswatch merge`.")
def process(dataset: str, workers: int, shard_text: str | None) -> None:
    """Extract and analyse every page of DATASET crawled but not yet processed.

    Pages that are not HTML or yield no article are recorded in `failures` and skipped next
    time; an article already processed is not processed again.

    On several machines: copy the crawled dataset folder (build/ with its database and
    archive) to each, run `presswatch process DATASET --shard K/N` with K = 1..N, then
    `presswatch merge OUT.db` over the N build/<name>.db files.
    """
    from pipeline.process.shards import parse_shard

    try:
        shard = parse_shard(shard_text) if shard_text is not None else None
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--shard") from exc
    loaded = load_or_fail(dataset)
    with locked(loaded):
        do_process(loaded, "process", shard=shard, workers=workers)
