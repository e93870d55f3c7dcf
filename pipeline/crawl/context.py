"""What one crawl hands to its Scrapy side, made once by the crawl stage.

The spider receives it as an argument and the item pipeline takes it from the spider when it
opens (`crawler.spider.context`): the dataset as loaded once, the run's connector to its
database, and where this run's archive goes. Nothing on the Scrapy side reloads dataset.yml or
rebuilds a database path from a setting.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from presswatch.crawl.frontier import Job
from presswatch.dataset import Dataset
from presswatch.store.schema import Connector


@dataclass(frozen=True)
class CrawlContext:
    dataset: Dataset
    connector: Connector
    job: Job
    run_id: int | None
    warc_out: Path

    @property
    def warc_name(self) -> str:
        """The archive's path as the fetches table records it: relative to the dataset folder."""
        try:
            return str(self.warc_out.resolve().relative_to(self.dataset.folder.resolve()))
        except ValueError:
            return str(self.warc_out)
