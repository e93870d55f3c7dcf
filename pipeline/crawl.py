"""The crawl stage: run the Scrapy spiders for a dataset, live or replayed from archives.

Scrapy's reactor cannot be restarted, so `run_crawl` is meant to be called once per process
(the CLI does exactly that).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scrapy.crawler import CrawlerProcess
from scrapy.settings import Settings

from pipeline.dataset import Dataset
from spiders.archive import ArchiveError, load_manifest
from spiders.families.seeds import SeedSpider


@dataclass
class CrawlPlan:
    seeds: list[str]
    archives: list[Path]  # empty for a live crawl

    @property
    def live(self) -> bool:
        return not self.archives


def plan_crawl(dataset: Dataset, live: bool = False, replay: list[Path] | None = None, extra_seeds: list[str] | None = None) -> CrawlPlan:
    """Which URLs to start from and where answers come from.

    Offline (the default) replays the dataset's fixture archive from its manifest's seed list;
    `replay` replays other archives; `live` goes to the web with the sources' seeds.
    """
    extra = list(extra_seeds or [])
    if live:
        return CrawlPlan(_unique(dataset.live_seeds() + extra), [])
    if replay:
        missing = [str(path) for path in replay if not Path(path).is_file()]
        if missing:
            raise ArchiveError(f"archive(s) not found: {', '.join(missing)}")
        return CrawlPlan(_unique(extra), [Path(path) for path in replay])
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
    seeds = [str(url) for url in load_manifest(manifest).get("seeds", [])]
    return CrawlPlan(_unique(seeds + extra), [archive])


def _unique(urls: list[str]) -> list[str]:
    return list(dict.fromkeys(urls))


def crawl_settings(dataset: Dataset, plan: CrawlPlan, warc_out: Path, run_id: int | None, log_file: Path | None) -> Settings:
    settings = Settings()
    settings.setmodule("spiders.settings", priority="project")
    overrides: dict[str, Any] = {
        "PRESSWATCH_DB": str(dataset.db_path),
        "PRESSWATCH_WARC_OUT": str(warc_out),
        "PRESSWATCH_DATASET_FOLDER": str(dataset.folder),
        "PRESSWATCH_RUN_ID": run_id or 0,
        "PRESSWATCH_REPLAY_ARCHIVES": [str(path) for path in plan.archives],
    }
    if dataset.contact_url:
        overrides["USER_AGENT"] = f"presswatch/0.1 (research crawler; +{dataset.contact_url})"
    if not plan.live:
        # Nothing goes over the network when replaying, so politeness delays only cost time.
        overrides.update(
            AUTOTHROTTLE_ENABLED=False, DOWNLOAD_DELAY=0, CONCURRENT_REQUESTS_PER_DOMAIN=8,
            RETRY_ENABLED=False,
        )
    if log_file is not None:
        log_file.parent.mkdir(parents=True, exist_ok=True)
        # Scrapy's own log goes to the run's log file; the terminal gets presswatch's summary.
        overrides.update(LOG_FILE=str(log_file), LOG_FILE_APPEND=True, LOG_INSTALL_ROOT_HANDLER=True)
    settings.setdict(overrides, priority="cmdline")
    return settings


def run_crawl(dataset: Dataset, plan: CrawlPlan, warc_out: Path, run_id: int | None = None, log_file: Path | None = None) -> dict[str, int]:
    """Crawl `plan.seeds`; returns counts {"fetched": n, "failed": n}."""
    settings = crawl_settings(dataset, plan, warc_out, run_id, log_file)
    process = CrawlerProcess(settings)
    crawler = process.create_crawler(SeedSpider)
    process.crawl(crawler, seeds=plan.seeds)
    process.start()
    stats = crawler.stats.get_stats() if crawler.stats else {}
    return {
        "fetched": int(stats.get("presswatch/fetched", 0)),
        "failed": int(stats.get("presswatch/failed", 0)),
    }
