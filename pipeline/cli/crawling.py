"""Commands of the crawl stage: crawl, build (crawl then process), fixtures-archive."""

from __future__ import annotations

import dataclasses
import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click
from presswatch.cli.group import cli, load_or_fail
from presswatch.cli.processing import do_process, locked, workers_option
from presswatch.dataset import Dataset


@dataclass(frozen=True)
class CrawlRequest:
    """What the crawl options of `crawl` and `build` ask for, in one value."""

    live: bool
    replay: tuple[Path, ...]
    seeds: tuple[str, ...]
    feeds: tuple[str, ...]
    sitemaps: tuple[str, ...]
    allow_hosts: tuple[str, ...]
    scheduled: bool


def _crawl_options(command: Any) -> Any:
    """The crawl options, handed to `command` as one `request: CrawlRequest`."""
    fields = [field.name for field in dataclasses.fields(CrawlRequest)]

    @functools.wraps(command)
    def with_request(*args: Any, **kwargs: Any) -> Any:
        request = CrawlRequest(**{name: kwargs.pop(name) for name in fields})
        return command(*args, request=request, **kwargs)

    options = [
        click.option(
            "--live",
            is_flag=True,
            help="Crawl the web (the sources' seeds, feeds and sitemaps) instead of replaying the "
            "bundled archive.",
        ),
        click.option(
            "--replay",
            "replay",
            multiple=True,
            type=click.Path(exists=True, dir_okay=False, path_type=Path),
            help="Replay this WARC, WARC.gz or WACZ archive instead of the bundled one, through "
            "the same spider, without touching the network (repeatable). Starts from "
            "--seed/--feed/--sitemap if given, else from the sources' URLs and every page the "
            "archive captured.",
        ),
        click.option(
            "--seed",
            "seeds",
            multiple=True,
            metavar="URL",
            help="Also fetch the page URL, for this run only (repeatable).",
        ),
        click.option(
            "--feed",
            "feeds",
            multiple=True,
            metavar="URL",
            help="Also read the RSS/Atom feed URL and fetch its items, for this run only "
            "(repeatable).",
        ),
        click.option(
            "--sitemap",
            "sitemaps",
            multiple=True,
            metavar="URL",
            help="Also read the sitemap (or sitemap index) URL and fetch its pages, for this run "
            "only (repeatable).",
        ),
        click.option(
            "--allow-host",
            "allow_hosts",
            multiple=True,
            metavar="HOST[:PORT]",
            help="Let the crawl reach HOST (any port, or only PORT) although it is a loopback, "
            "private or link-local address; refused otherwise (repeatable).",
        ),
        click.option(
            "--scheduled",
            is_flag=True,
            help="Mark the run as a scheduled one in the runs table (the schedule installed by "
            "`presswatch schedule` passes it).",
        ),
    ]
    for option in reversed(options):
        with_request = option(with_request)
    return with_request


def _do_crawl(
    loaded: Dataset, request: CrawlRequest, command: str, redis_url: str | None = None
) -> dict[str, Any]:
    from presswatch.cli.runs import logged_run
    from presswatch.crawl.context import CrawlContext
    from presswatch.crawl.job import (
        CrawlIncomplete,
        environment_overrides,
        plan_crawl,
        prepare_job,
        run_crawl,
    )
    from presswatch.store.archive import ArchiveError

    try:
        plan = plan_crawl(
            loaded,
            live=request.live,
            replay=list(request.replay),
            extra_seeds=list(request.seeds),
            extra_feeds=list(request.feeds),
            extra_sitemaps=list(request.sitemaps),
            allowed_hosts=list(request.allow_hosts),
        )
        environment_overrides()  # a bad PRESSWATCH_CRAWL_SETTINGS stops here, before any run
        if redis_url:
            from presswatch.crawl.distributed import check_redis

            check_redis(redis_url)  # a wrong URL or a server that is down stops here too
    except (ArchiveError, ValueError) as exc:
        raise click.ClickException(str(exc)) from exc
    arguments = {
        "live": request.live,
        "replay": request.replay,
        "seeds": request.seeds,
        "feeds": request.feeds,
        "sitemaps": request.sitemaps,
        "allow_hosts": request.allow_hosts,
    }
    if redis_url:
        from presswatch.crawl.distributed import shared_crawl_id

        arguments["redis"] = redis_url
        arguments["shared_crawl"] = shared_crawl_id(redis_url, f"presswatch:{loaded.name}")
    with logged_run(loaded, command, arguments) as run:
        job = prepare_job(run.db, run.connector, plan, run.id)
        if not job.queue and not job.resumed:
            raise click.ClickException(
                "nothing to crawl: no seed, feed or sitemap URL (give --seed/--feed/--sitemap URL, "
                "or add them to dataset.yml)"
            )
        where = "the web" if plan.live else ", ".join(str(p) for p in plan.archives)
        if job.resumed:
            click.echo(
                f"crawl {loaded.name}: resuming the interrupted crawl {job.id}: "
                f"{len(job.queue)} URL(s) still queued, from {where}",
                err=True,
            )
        else:
            click.echo(
                f"crawl {loaded.name}: {len(plan.starts)} start URL(s) from {where}", err=True
            )
        warc_out = loaded.archive_dir / f"run-{run.id:05d}.warc.gz"
        if redis_url:
            from presswatch.crawl.distributed import worker_id

            # Each worker of a shared crawl writes its own WARC, named so they never collide.
            warc_out = loaded.archive_dir / f"run-{run.id:05d}-{worker_id()}.warc.gz"
        try:
            context = CrawlContext(loaded, run.connector, job, run.id, warc_out)
            counts = run_crawl(context, plan, run.log_file, redis_url=redis_url)
        except CrawlIncomplete as exc:
            raise click.ClickException(f"crawl {loaded.name}: {exc}") from exc
        run.add({**counts, "scheduled": int(request.scheduled)})
    ok = counts["fetched"] - counts["failed"]
    click.echo(
        f"crawl {loaded.name}: {counts['fetched']} page(s) recorded, {ok} ok, "
        f"{counts['failed']} failed "
        f"({counts['new']} new, {counts['changed']} changed, {counts['unchanged']} unchanged, "
        f"{counts['skipped']} skipped as off-topic or not needed) "
        f"in {counts['duration_seconds']:.1f}s "
        f"(log: {run.log_file})",
        err=True,
    )
    return counts


@cli.command()
@click.argument("dataset")
@_crawl_options
@click.option(
    "--redis",
    "redis_url",
    metavar="redis://HOST:PORT/N",
    default=None,
    help="Share the frontier with every crawler process using this Redis database (scrapy-redis "
    "scheduler and dupefilter): each URL is fetched once by one of them, and a killed worker's "
    "pages go back to the queue. Run one process per dataset folder (machine); each records its "
    "own fetches and WARC; combine the databases with `presswatch merge`.",
)
def crawl(dataset: str, request: CrawlRequest, redis_url: str | None) -> None:
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
    with locked(loaded):
        _do_crawl(loaded, request, "crawl", redis_url)


@cli.command()
@click.argument("dataset")
@_crawl_options
@workers_option
def build(
    dataset: str,
    request: CrawlRequest,
    workers: int,
    cluster: str | None,
    archive_url: str | None,
) -> None:
    """Crawl, then process: the whole dataset into build/<name>.db (offline by default).

    Incremental: pages unchanged since the last build cost neither extraction nor NLP. This is
    what `presswatch schedule` runs (with --live).
    """
    loaded = load_or_fail(dataset)
    with locked(loaded):
        _do_crawl(loaded, request, "crawl")
        do_process(loaded, "process", workers=workers, cluster=cluster, archive_url=archive_url)
    click.echo(f"built {loaded.db_path}", err=True)


@cli.command("fixtures-archive")
@click.argument("dataset")
def fixtures_archive(dataset: str) -> None:
    """Rebuild DATASET's offline archive (WARC) from its fixture pages and manifest."""
    from presswatch.store.archive import ArchiveError, build_archive_from_manifest

    loaded = load_or_fail(dataset)
    if loaded.offline_manifest is None or loaded.offline_archive is None:
        raise click.ClickException(
            f"{loaded.file}: no `offline:` section naming a manifest and archive"
        )
    try:
        count = build_archive_from_manifest(loaded.offline_manifest, loaded.offline_archive)
    except (ArchiveError, OSError) as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"{loaded.offline_archive}: {count} records")
