"""Commands of the antitrust lens: the event timeline and the co-mention network."""

from __future__ import annotations

from pathlib import Path

import click
import sqlite_utils
from presswatch.cli.group import cli, load_or_fail


@cli.command()
@click.argument("dataset")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["gexf", "csv"]),
    default="gexf",
    show_default=True,
    help="gexf opens in Gephi and networkx.read_gexf; csv is one edge per line.",
)
@click.option(
    "--min-articles",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Keep only pairs named together in at least this many articles.",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    help="File to write (default: build/<dataset>-co-mentions.<format>).",
)
def network(dataset: str, fmt: str, min_articles: int, output: Path | None) -> None:
    """Export DATASET's co-mention network: which entities appear in the same articles.

    Nodes are people, organisations and products (knowledge-base ids or automatic ids); an
    edge joins two entities named in the same current article version, weighted by the number
    of such articles. Run after `presswatch build`. The same edges are the co_mentions view in
    Datasette (with its own CSV link).
    """
    from presswatch.derive.events.network import co_mention_edges, edges_to_csv, edges_to_gexf

    loaded = load_or_fail(dataset)
    if not loaded.db_path.is_file():
        raise click.ClickException(
            f"{loaded.db_path}: no database yet; run `presswatch build {loaded.name}` first."
        )
    edges = co_mention_edges(sqlite_utils.Database(loaded.db_path), min_articles)
    text = (
        edges_to_csv(edges)
        if fmt == "csv"
        else edges_to_gexf(edges, f"co-mentions in {loaded.name}")
    )
    target = output or loaded.build_dir / f"{loaded.name}-co-mentions.{fmt}"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    click.echo(f"{target}: {len(edges)} edge(s)")
