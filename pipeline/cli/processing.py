"""Commands of the process stage: process (extract and analyse what the crawl fetched)."""

from __future__ import annotations

import dataclasses
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import click
from presswatch.cli.group import cli, load_or_fail
from presswatch.dataset import Dataset


@contextmanager
def locked(loaded: Dataset) -> Iterator[None]:
    """Two runs on one dataset never overlap: the second stops at once with who holds the lock."""
    from presswatch.crawl.schedule import LockHeld, dataset_lock

    try:
        with dataset_lock(loaded.build_dir):
            yield
    except LockHeld as exc:
        raise click.ClickException(str(exc)) from exc


def workers_option(command: Any) -> Any:
    """--workers, --cluster and --archive: where the NLP runs and where pages are read from (the
    database is the same either way)."""
    command = click.option(
        "--archive",
        "archive_url",
        metavar="URL",
        default=None,
        help="Read the archived pages from this copy of the dataset folder on shared storage "
        "(a path every machine mounts, file://..., s3://...) instead of the dataset folder; "
        "overrides archive_url in dataset.yml.",
    )(command)
    command = click.option(
        "--cluster",
        metavar="tcp://HOST:8786",
        default=None,
        help="Analyse on the workers of a running Dask scheduler (`dask scheduler` and "
        "`dask worker` on other machines, each with presswatch and the spaCy model installed). "
        "This command stays the one database writer.",
    )(command)
    return click.option(
        "--workers",
        type=click.IntRange(1, 64),
        default=1,
        show_default=True,
        help="Analyse with a local Dask cluster of N worker processes (one spaCy pipeline each, "
        "~300 MB of memory apiece); one writer keeps the database exactly as --workers 1 "
        "makes it. Use the number of cores.",
    )(command)


class _ProcessProgress:
    """A live line on a terminal (page, rate, time left) and a line in the run log every
    LOG_EVERY pages, so a scheduled run's log shows how far a long backlog got."""

    LOG_EVERY = 1000

    def __init__(self, logger: Any):
        self.logger, self.started, self.shown = logger, time.monotonic(), 0.0

    def __call__(self, index: int, total: int, url: str) -> None:
        elapsed = time.monotonic() - self.started
        rate = index / elapsed if elapsed > 0 else 0.0
        left = (
            f", about {(total - index) / rate / 60:.0f} min left" if rate and index < total else ""
        )
        if index % self.LOG_EVERY == 0:
            self.logger.info("process: %d of %d pages, %.1f pages/s%s", index, total, rate, left)
        # At most ten redraws a second: a terminal that cannot keep up slows the run.
        if sys.stderr.isatty() and (index == total or elapsed - self.shown >= 0.1):
            self.shown = elapsed
            click.echo(
                f"\r[{index}/{total}] {rate:.1f} pages/s{left} {url[:70]:<70}",
                err=True,
                nl=index == total,
            )


def do_process(
    loaded: Dataset,
    command: str,
    shard: Any = None,
    workers: int = 1,
    cluster: str | None = None,
    archive_url: str | None = None,
) -> dict[str, int]:
    from presswatch.analyze import ModelNotInstalled, resolve_model_name
    from presswatch.cli.runs import logged_run
    from presswatch.process.analyzers import ClusterBroken, InProcessAnalyzer
    from presswatch.process.loop import pending_fetch_ids, process_pending

    try:  # before any worker starts: a missing model is one clear message, not a dead pool
        resolve_model_name(loaded.model_setting)
    except ModelNotInstalled as exc:
        raise click.ClickException(str(exc)) from exc
    if archive_url:
        loaded = dataclasses.replace(loaded, config={**loaded.config, "archive_url": archive_url})
    started = time.monotonic()
    arguments: dict[str, Any] = (
        {"shard": str(shard), "workers": workers} if shard is not None or workers != 1 else {}
    )
    if cluster:
        arguments["cluster"] = cluster
    parallel = workers > 1 or cluster is not None
    with logged_run(loaded, command, arguments) as run:
        fetch_ids = pending_fetch_ids(run.db)
        pending = len(fetch_ids)
        click.echo(
            f"process {loaded.name}: {pending} page(s) to extract and analyse"
            + (f" (shard {shard}: only its share)" if shard is not None else "")
            + (f" on the Dask cluster at {cluster}" if cluster and pending else "")
            + (
                f" with {workers} NLP worker processes"
                if workers > 1 and not cluster and pending
                else ""
            ),
            err=True,
        )
        analyzer: Any = InProcessAnalyzer(loaded)
        if parallel and pending:
            from presswatch.process.cluster import DaskAnalyzer

            analyzer = DaskAnalyzer(
                loaded, workers, cluster, pending, echo=lambda line: click.echo(line, err=True)
            )
        try:
            if parallel and pending:
                # before the batches are cut: their size depends on the workers found
                analyzer.start()
            counts = process_pending(
                run.db,
                loaded,
                analyzer,
                run.id,
                _ProcessProgress(run.logger),
                shard=shard,
                fetch_ids=fetch_ids,
            )
        except ClusterBroken as exc:
            raise click.ClickException(str(exc)) from exc
        finally:
            analyzer.close()
        if parallel and pending:
            click.echo(
                f"process {loaded.name}: {analyzer.from_workers} text(s) analysed by "
                f"{len(analyzer.worker_addresses)} worker processes, which read "
                f"{analyzer.read_by_workers} page(s) from the archive at "
                f"{loaded.archive_url or loaded.folder.resolve()}",
                err=True,
            )
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
@click.option(
    "--shard",
    "shard_text",
    metavar="K/N",
    default=None,
    help="Process only shard K of N (articles split by a hash of their id), for several "
    "machines; combine the shard databases with `presswatch merge`.",
)
def process(
    dataset: str, workers: int, cluster: str | None, archive_url: str | None, shard_text: str | None
) -> None:
    """Extract and analyse every page of DATASET crawled but not yet processed.

    Pages that are not HTML or yield no article are recorded in `failures` and skipped next
    time (pages whose archive could not be read are tried again); an article already processed
    is not processed again.

    On several machines: start `dask scheduler` and `dask worker tcp://HOST:8786` and run
    `presswatch process DATASET --cluster tcp://HOST:8786` (README, Scaling). Machines that
    cannot reach one scheduler: copy the crawled dataset folder (build/ with its database and
    archive) to each, run `presswatch process DATASET --shard K/N` with K = 1..N, then
    `presswatch merge OUT.db` over the N build/<name>.db files.
    """
    from presswatch.process.shards import parse_shard

    try:
        shard = parse_shard(shard_text) if shard_text is not None else None
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--shard") from exc
    loaded = load_or_fail(dataset)
    with locked(loaded):
        do_process(
            loaded,
            "process",
            shard=shard,
            workers=workers,
            cluster=cluster,
            archive_url=archive_url,
        )
