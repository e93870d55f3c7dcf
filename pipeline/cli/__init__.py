"""presswatch's command line: thin Click commands, each calling one stage.

    presswatch build DATASET        crawl + process (offline replay of the bundled archive)
    presswatch serve DATASET        Datasette over the built database

The group and the helpers the commands share are in group.py; the commands live in one module
per stage (crawling, processing, texts, analysis, events, publishing, operations, scale) and
register themselves on the group when imported here. Every command that
touches a dataset's database is logged as a row of the `runs` table and a log file under
datasets/<name>/build/logs/.
"""

from presswatch.cli import (  # noqa: F401  (each module registers its commands)
    analysis,
    crawling,
    events,
    operations,
    processing,
    publishing,
    scale,
    texts,
)
from presswatch.cli.group import cli

__all__ = ["cli"]
