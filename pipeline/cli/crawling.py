"""Commands of the fetch and process stages: crawl, process, build, fixtures-archive."""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click

from pipeline.cli import cli, load_or_fail
from pipeline.dataset import Dataset


def _crawl_options(command: Any) -> Any:
    options = [
        click.option("--live", is_flag=True, help="Crawl the web (the sources' seeds, feeds and sitemaps) instead of replaying the bundled archive."),
        click.option("--replay", "replay", multiple=True, type=click.Path(exists=True, dir_okay=False, path_type=Path), help="Replay this WARC, WARC.gz or WACZ archive instead of the bundled one, through the same spider, without touching the network (repeatable). Starts from --seed/--feed/--sitemap if given, else from the sources' URLs and every page the archive captured."),
        click.option("--seed", "seeds", multiple=True, metavar="URL", help="Also fetch the page URL, for this run only (repeatable)."),
        click.option("--feed", "feeds", multiple=True, metavar="URL", help="Also read the RSS/Atom feed URL and fetch its items, for this run only (repeatable)."),
        click.option("--sitemap", "sitemaps", multiple=True, metavar="URL", help="Also read the sitemap (or sitemap index) URL and fetch its pages, for this run only (repeatable)."),
        click.option("--allow-host", "allow_hosts", multiple=True, metavar="HOST[:PORT]", help="Let the crawl reach HOST (any port, or only PORT) although it is a loopback, private or link-local address; refused otherwise (repeatable)."),
        click.option("--scheduled", is_flag=True, help="Mark the run as a scheduled one in the runs table (the schedule installed by `presswatch schedule` passes it)."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


@contextmanager
def _locked(loaded: Dataset) -> Iterator[None]:
    """Two runs on one dataset never overlap: the second stops at once with who holds the lock."""
    from pipeline.schedule import LockHeld, dataset_lock

    try:
        with dataset_lock(loaded.build_dir):
            yield
    except LockHeld as exc:
        raise click.ClickException(str(exc)) from exc


def _do_crawl(loaded: Dataset, live: bool, replay: tuple[Path, ...], seeds: tuple[str, ...], command: str, feeds: tuple[str, ...] = (), sitemaps: tuple[str, ...] = (), allow_hosts: tuple[str, ...] = (), scheduled: bool = False, redis_url: str | None = None) -> dict[str, Any]:
    from pipeline.crawl import (
        CrawlIncomplete,
        environment_overrides,
        plan_crawl,
        prepare_job,
        run_crawl,
    )
    from pipeline.runs import logged_run
    from spiders.archive import ArchiveError

    try:
        plan = plan_crawl(
            loaded, live=live, replay=list(replay), extra_seeds=list(seeds),
            extra_feeds=list(feeds), extra_sitemaps=list(sitemaps), allowed_hosts=list(allow_hosts),
        )
        environment_overrides()  # a bad PRESSWATCH_CRAWL_SETTINGS stops here, before any run
        if redis_url:
            from spiders.redis_scheduler import check_redis

            check_redis(redis_url)  # a wrong URL or a server that is down stops here too
    except (ArchiveError, ValueError) as exc:
        raise click.ClickException(str(exc)) from exc
    arguments = {"live": live, "replay": replay, "seeds": seeds, "feeds": feeds, "sitemaps": sitemaps, "allow_hosts": allow_hosts}
    if redis_url:
        from spiders.redis_scheduler import shared_crawl_id

        arguments["redis"] = redis_url
        arguments["shared_crawl"] = shared_crawl_id(redis_url, f"presswatch:{loaded.name}")
    with logged_run(loaded, command, arguments) as run:
        job = prepare_job(loaded, plan, run.id)
        if not job.queue and not job.resumed:
            raise click.ClickException("nothing to crawl: no seed, feed or sitemap URL (give --seed/--feed/--sitemap URL, or add them to dataset.yml)")
        where = "the web" if plan.live else ", ".join(str(p) for p in plan.archives)
        if job.resumed:
            click.echo(f"crawl {loaded.name}: resuming the interrupted crawl {job.id}: {len(job.queue)} URL(s) still queued, from {where}", err=True)
        else:
            click.echo(f"crawl {loaded.name}: {len(plan.starts)} start URL(s) from {where}", err=True)
        warc_out = loaded.archive_dir / f"run-{run.id:05d}.warc.gz"
        if redis_url:
            from spiders.redis_scheduler import worker_id

            # Each worker of a shared crawl writes its own WARC, named so they never collide.
            warc_out = loaded.archive_dir / f"run-{run.id:05d}-{worker_id()}.warc.gz"
        try:
            counts = run_crawl(loaded, plan, warc_out, run.id, run.log_file, job=job, redis_url=redis_url)
        except CrawlIncomplete as exc:
            raise click.ClickException(f"crawl {loaded.name}: {exc}") from exc
        run.add({**counts, "scheduled": int(scheduled)})
    ok = counts["fetched"] - counts["failed"]
    click.echo(
        f"crawl {loaded.name}: {counts['fetched']} page(s) recorded, {ok} ok, {counts['failed']} failed "
        f"({counts['new']} new, {counts['changed']} changed, {counts['unchanged']} unchanged, "
        f"{counts['skipped']} skipped as off-topic or not needed) in {counts['duration_seconds']:.1f}s "
        f"(log: {run.log_file})",
        err=True,
    )
    return counts


@cli.command()
@click.argument("dataset")
@_crawl_options
@click.option("--redis", "redis_url", metavar="redis://HOST:PORT/N", default=None,
              help="Share the frontier with every crawler process using this Redis database (scrapy-redis scheduler and dupefilter): each URL is fetched once by one of them, and a killed worker's pages go back to the queue. Run one process per dataset folder (machine); each records its own fetches and WARC; combine the databases with `presswatch merge`.")
def crawl(dataset: str, live: bool, replay: tuple[Path, ...], seeds: tuple[str, ...], feeds: tuple[str, ...], sitemaps: tuple[str, ...], allow_hosts: tuple[str, ...], scheduled: bool, redis_url: str | None) -> None:
    """Fetch DATASET's pages and store the raw responses.

    By default nothing touches the network: the dataset's bundled web archive is replayed
    through the real Scrapy engine, and the database records the pages' real URLs. With --live
    the spider starts from the sources' seeds, feeds (RSS/Atom) and sitemaps (index → sitemaps
    → pages, with <news:news> dates), follows same-site links up to crawl.max_depth, and keeps
    pages it discovered only when they are on topic (keywords and knowledge-base names); the
    others are recorded as skipped with the score and reason.

    Each request and response becomes a pair of records in build/archive/run-NNNNN.warc.gz and
    a `fetches` row pointing at them; failures (HTTP errors, timeouts, redirect loops, oversize
    bodies, refused addresses) become rows with the reason. A re-crawl sends conditional GETs,
    so unchanged pages cost a 304. A crawl that was killed resumes where it stopped when it is
    started again. Only one run per dataset at a time: a second one stops with a message.
    """
    loaded = load_or_fail(dataset)
    with _locked(loaded):
        _do_crawl(loaded, live, replay, seeds, "crawl", feeds, sitemaps, allow_hosts, scheduled, redis_url)


_workers_option = click.option(
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


def _do_process(loaded: Dataset, command: str, shard: Any = None, workers: int = 1) -> dict[str, int]:
    from pipeline.analyzers import InProcessAnalyzer, PoolAnalyzer, WorkerPoolBroken
    from pipeline.nlp import ModelNotInstalled, resolve_model_name
    from pipeline.process import pending_fetch_ids, process_pending
    from pipeline.runs import logged_run

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


def load_nlp(dataset: Dataset | None, config_path: Path | None = None) -> Any:
    from pipeline.analyzers import load_dataset_nlp
    from pipeline.nlp import ModelNotInstalled

    try:
        return load_dataset_nlp(dataset, config_path)
    except ModelNotInstalled as exc:
        raise click.ClickException(str(exc)) from exc


@cli.command()
@click.argument("dataset")
@_workers_option
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
    from pipeline.shards import parse_shard

    try:
        shard = parse_shard(shard_text) if shard_text is not None else None
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--shard") from exc
    loaded = load_or_fail(dataset)
    with _locked(loaded):
        _do_process(loaded, "process", shard=shard, workers=workers)


@cli.command()
@click.argument("dataset")
@_crawl_options
@_workers_option
def build(dataset: str, live: bool, replay: tuple[Path, ...], seeds: tuple[str, ...], feeds: tuple[str, ...], sitemaps: tuple[str, ...], allow_hosts: tuple[str, ...], scheduled: bool, workers: int) -> None:
    """Crawl, then process: the whole dataset into build/<name>.db (offline by default).

    Incremental: pages unchanged since the last build cost neither extraction nor NLP. This is
    what `presswatch schedule` runs (with --live).
    """
    loaded = load_or_fail(dataset)
    with _locked(loaded):
        _do_crawl(loaded, live, replay, seeds, "crawl", feeds, sitemaps, allow_hosts, scheduled)
        _do_process(loaded, "process", workers=workers)
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
