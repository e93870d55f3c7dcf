"""The crawl stage: run the presswatch spider for a dataset, live or replayed from archives.

Scrapy's reactor cannot be restarted, so `run_crawl` is meant to be called once per process
(the CLI does exactly that).
"""

from __future__ import annotations

import json
import logging
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import sqlite_utils
from presswatch.crawl.context import CrawlContext
from presswatch.crawl.frontier import Job, Start, close_job, open_job, url_key
from presswatch.crawl.relevance import DEFAULT_THRESHOLD, topic_terms
from presswatch.dataset import Dataset
from presswatch.store import Connector
from presswatch.store.archive import ArchiveError, ArchiveIndex, load_manifest, unpack_wacz
from presswatch.store.journal import StillBeingWritten, settle_journal
from scrapy.crawler import CrawlerProcess
from scrapy.settings import Settings

# The spider the crawl runs, by name: the crawl stage imports nothing of the Scrapy plumbing.
SPIDER_NAME = "presswatch"
OUTCOMES = ("new", "changed", "unchanged", "failed", "skipped")


@dataclass
class CrawlPlan:
    starts: list[Start]
    archives: list[Path]  # empty for a live crawl
    allowed_hosts: list[str] = field(default_factory=list)

    @property
    def live(self) -> bool:
        return not self.archives

    @property
    def seeds(self) -> list[str]:
        return [start.url for start in self.starts]


def plan_crawl(
    dataset: Dataset,
    live: bool = False,
    replay: list[Path] | None = None,
    extra_seeds: list[str] | None = None,
    extra_feeds: list[str] | None = None,
    extra_sitemaps: list[str] | None = None,
    allowed_hosts: list[str] | None = None,
) -> CrawlPlan:
    """Where to start and where answers come from.

    Offline (the default) replays the dataset's fixture archive from its manifest's seed list;
    `replay` replays other archives (WARC, WARC.gz or WACZ) from the command line's URLs, or
    when none is given, from the sources' seeds, feeds and sitemaps and every captured page;
    `live` goes to the web with the sources' seeds, feeds and sitemaps. URLs given on the
    command line are added for this run only.
    """
    extra = [Start(u) for u in extra_seeds or []]
    extra += [Start(u, "feed") for u in extra_feeds or []]
    extra += [Start(u, "sitemap") for u in extra_sitemaps or []]
    hosts = list(allowed_hosts or [])
    if live:
        return CrawlPlan(_unique(live_starts(dataset) + extra), [], hosts)
    if replay:
        missing = [str(path) for path in replay if not Path(path).is_file()]
        if missing:
            raise ArchiveError(f"archive(s) not found: {', '.join(missing)}")
        warcs = _warc_files(dataset, [Path(p) for p in replay])
        if not extra:
            # No start given: the dataset's own sources, then every page the capture holds,
            # each scored for relevance like a discovered page (someone else chose them).
            captured = [Start(url, given=False) for url in ArchiveIndex(warcs).answered_urls()]
            extra = live_starts(dataset) + captured
        return CrawlPlan(_unique(extra), warcs, hosts)
    archive, manifest = dataset.offline_archive, dataset.offline_manifest
    if archive is None or manifest is None:
        raise ArchiveError(
            f"{dataset.file}: no `offline:` section, so there is nothing to replay; "
            "crawl with --live, or --replay ARCHIVE"
        )
    if not archive.is_file():
        raise ArchiveError(
            f"{archive}: the fixture archive is missing; rebuild it with "
            f"`presswatch fixtures-archive {dataset.name}`"
        )
    seeds = [Start(str(url)) for url in load_manifest(manifest).get("seeds", [])]
    return CrawlPlan(_unique(seeds + extra), [archive], hosts)


def live_starts(dataset: Dataset) -> list[Start]:
    """The real (non-fixture) sources' seeds, feeds and sitemaps, in file order."""
    starts: list[Start] = []
    for source in dataset.sources:
        if source.get("fixture"):
            continue
        starts += [Start(u) for u in source.get("seeds", [])]
        starts += [Start(u, "feed") for u in source.get("feeds", [])]
        starts += [Start(u, "sitemap") for u in source.get("sitemaps", [])]
    return starts


def _warc_files(dataset: Dataset, archives: list[Path]) -> list[Path]:
    """WARCs as given; a WACZ's WARCs unpacked once under build/replay/."""
    files: list[Path] = []
    for path in archives:
        if path.suffix.lower() == ".wacz":
            files += unpack_wacz(path, dataset.build_dir / "replay")
        else:
            files.append(path)
    return files


def _unique(starts: list[Start]) -> list[Start]:
    seen: dict[str, Start] = {}
    for start in starts:
        seen.setdefault(url_key(start.url), start)
    return list(seen.values())


def allowed_domains(dataset: Dataset, plan: CrawlPlan) -> list[str]:
    """Where discovered URLs may lead: the sources' domains, crawl.allowed_domains, the starts' hosts."""
    domains = list((dataset.config.get("crawl") or {}).get("allowed_domains") or [])
    for source in dataset.sources:
        domains += source.get("domains") or [urlsplit(source["url"]).hostname or ""]
    domains += [urlsplit(start.url).hostname or "" for start in plan.starts]
    return sorted({d.lower() for d in domains if d})


def crawl_settings(dataset: Dataset, plan: CrawlPlan, log_file: Path | None, redis_url: str | None = None) -> Settings:
    """Scrapy settings for this crawl; what it writes and where comes with the CrawlContext."""
    settings = Settings()
    settings.setmodule("presswatch.spiders.settings", priority="project")
    overrides: dict[str, Any] = {
        "PRESSWATCH_REPLAY_ARCHIVES": [str(path) for path in plan.archives],
        "PRESSWATCH_ALLOWED_HOSTS": list(plan.allowed_hosts),
    }
    if dataset.contact_url:
        overrides["USER_AGENT"] = f"presswatch/0.1 (research crawler; +{dataset.contact_url})"
    if not plan.live or os.environ.get("PRESSWATCH_POLITENESS", "").lower() == "off":
        # Nothing goes over the network when replaying, so politeness delays only cost time.
        overrides.update(settings.getdict("POLITENESS_OFF"))
    if not plan.live:
        overrides.update(RETRY_ENABLED=False)
    if redis_url:
        from presswatch.crawl.distributed import redis_settings, worker_id

        overrides.update(redis_settings(redis_url, f"presswatch:{dataset.name}", worker_id()))
    overrides.update(environment_overrides())
    if log_file is not None:
        log_file.parent.mkdir(parents=True, exist_ok=True)
        # Scrapy's own log goes to the run's log file; the terminal gets presswatch's summary.
        overrides.update(LOG_FILE=str(log_file), LOG_FILE_APPEND=True, LOG_INSTALL_ROOT_HANDLER=True)
    settings.setdict(overrides, priority="cmdline")
    return settings


def environment_overrides() -> dict[str, Any]:
    """Single settings from PRESSWATCH_CRAWL_SETTINGS (a JSON object), e.g. short test timeouts."""
    raw = os.environ.get("PRESSWATCH_CRAWL_SETTINGS")
    if not raw:
        return {}
    try:
        values = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise ValueError(f"PRESSWATCH_CRAWL_SETTINGS is not a JSON object: {exc}") from exc
    if not isinstance(values, dict):
        raise ValueError(  # noqa: TRY004 - a bad setting value, reported like the JSON error above
            "PRESSWATCH_CRAWL_SETTINGS must be a JSON object of Scrapy settings"
        )
    return values


def prepare_job(db: sqlite_utils.Database, connector: Connector, plan: CrawlPlan, run_id: int) -> Job:
    """Open (or resume) the crawl job on the run's connection, before Scrapy starts."""
    return open_job(db, connector, run_id, plan.starts, live=plan.live)


class CrawlIncomplete(RuntimeError):
    """Scrapy stopped without finishing the job; what was fetched is kept and resumable."""


def run_crawl(context: CrawlContext, plan: CrawlPlan, log_file: Path | None = None, redis_url: str | None = None) -> dict[str, Any]:
    """Crawl the plan's job; returns counts per outcome, `fetched` and `duration_seconds`.

    With `redis_url`, the frontier is shared with every other crawler process on that Redis
    (spiders/redis_scheduler.py): this process fetches its share and records it here.
    """
    dataset, job, run_id = context.dataset, context.job, context.run_id
    settings = crawl_settings(dataset, plan, log_file, redis_url)
    crawl_config = dataset.config.get("crawl") or {}
    archive_keys = None
    if not plan.live:
        archive_keys = {url_key(url) for url in ArchiveIndex(plan.archives).urls()}
    started = time.monotonic()
    process = CrawlerProcess(settings)
    crawler = process.create_crawler(SPIDER_NAME)  # found through SPIDER_MODULES (spiders/settings.py)
    process.crawl(
        crawler, context=context, terms=topic_terms(dataset.config),
        threshold=float(crawl_config.get("relevance_threshold", DEFAULT_THRESHOLD)),
        max_depth=int(crawl_config.get("max_depth", settings.getint("PRESSWATCH_MAX_DEPTH"))),
        domains=allowed_domains(dataset, plan), archive_keys=archive_keys,
    )
    process.start()
    stats = crawler.stats.get_stats() if crawler.stats else {}
    finish_reason = stats.get("finish_reason")
    if finish_reason != "finished":
        # The engine never opened or stopped early (an error in a component, a shutdown):
        # the job stays open so the next crawl resumes it, and the run must not pass for ok.
        raise CrawlIncomplete(
            f"the crawl did not finish (Scrapy finish reason: {finish_reason or 'none, it never started'}); "
            f"see {log_file or 'the log'}; the next crawl resumes the queued URLs"
        )
    db = context.connector.open()
    try:
        if redis_url:
            with db.conn:
                # A shared crawl requests what a page names before the page's row (and with it
                # the row of each URL it names) is committed, so this worker may have fetched a
                # URL whose frontier row came in after its fetch row: done all the same.
                db.execute(
                    "update crawl_frontier set state = 'done', done_run_id = ? where job_id = ? and state = 'queued'"
                    " and url in (select url from fetches where run_id = ?)", [run_id, job.id, run_id])
                # The rest were answered by another worker of the shared crawl, not lost.
                db.execute("update crawl_frontier set state = 'other-worker' where job_id = ? and state = 'queued'", [job.id])
        close_job(db, job.id)
    finally:
        db.close()
    try:  # the recorder wrote in WAL mode; the file must be self-contained again (for Datasette)
        settle_journal(dataset.db_path)
    except StillBeingWritten as exc:  # another process is reading: the next writer or `serve` does it
        logging.getLogger(__name__).warning("the database stays in WAL mode for now: %s", exc)
    counts: dict[str, Any] = {outcome: int(stats.get(f"presswatch/{outcome}", 0)) for outcome in OUTCOMES}
    counts["fetched"] = int(stats.get("presswatch/fetched", 0))
    counts["duration_seconds"] = round(time.monotonic() - started, 3)
    return counts

