"""Commands of the publish stage: serve."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from pipeline.cli import cli, load_or_fail
from pipeline.dataset import REPO_ROOT


@cli.command()
@click.argument("dataset")
@click.option("--port", default=8001, show_default=True, help="Port to listen on.")
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on.")
@click.option("--metadata", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=REPO_ROOT / "metadata.yml", show_default="metadata.yml", help="Datasette metadata file.")
def serve(dataset: str, port: int, host: str, metadata: Path) -> None:
    """Serve DATASET's built database with Datasette (read-only) and its metadata.yml."""
    from pipeline.publish import serve_database

    loaded = load_or_fail(dataset)
    if not loaded.db_path.is_file():
        raise click.ClickException(f"{loaded.db_path} does not exist yet: run `presswatch build {loaded.name}` first")
    click.echo(f"Datasette: http://{host}:{port}/{loaded.db_path.stem}", err=True)
    sys.exit(serve_database(loaded.db_path, metadata, host=host, port=port))


