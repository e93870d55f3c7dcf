"""Commands for growing past one process: merge (shard databases → one)."""

from __future__ import annotations

from pathlib import Path

import click
from presswatch.cli.group import cli


@cli.command()
@click.argument("out", type=click.Path(dir_okay=False, path_type=Path))
@click.argument(
    "shards", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
def merge(out: Path, shards: tuple[Path, ...]) -> None:
    """Combine shard databases into the new database OUT.

    Each SHARD is the build/<name>.db of a copy of one crawled dataset processed with
    `presswatch process DATASET --shard K/N`. The result has the articles and facts of every
    shard with the ids a single full build gives, each row once; the syndication clusters are
    recomputed over all articles; the merge is logged as a run. OUT must not exist yet.

    The same command combines the databases of the workers of a shared crawl
    (`presswatch crawl DATASET --redis URL` in several dataset folders): their fetch rows are
    united by id, and a page two workers fetched in one shared crawl (after one of them was
    killed) keeps its first fetch row only.

    \b
    Example (three machines, or three folders on one):
        presswatch process news --shard 1/3     # on machine 1, and 2/3, 3/3 elsewhere
        presswatch merge news.db m1/news.db m2/news.db m3/news.db
    """
    from presswatch.process.merge import MergeError, merge_shards

    try:
        counts = merge_shards(out, list(shards))
    except MergeError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(
        f"merged {len(shards)} shard(s) into {out}: {counts['articles']} article(s), "
        f"{counts['mentions']} mention(s), {counts['quotes']} quote(s), "
        f"{counts['entities']} entit(ies), {counts['clusters']} syndication cluster(s); "
        f"{counts['duplicate_fetches']} duplicate fetch row(s) of a shared crawl dropped",
        err=True,
    )
