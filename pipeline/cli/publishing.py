"""Commands of the publish stage: serve, publish, schema-doc."""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

import click
from presswatch.cli.group import cli, load_or_fail
from presswatch.dataset import REPO_ROOT, Dataset


def built_database_or_fail(loaded: Dataset) -> None:
    """The dataset's database exists and is one whole file (a killed run's -wal folded in)."""
    from presswatch.store.journal import StillBeingWritten, settle_journal

    if not loaded.db_path.is_file():
        raise click.ClickException(
            f"{loaded.db_path} does not exist yet: run `presswatch build {loaded.name}` first"
        )
    try:
        settle_journal(loaded.db_path)
    except StillBeingWritten as exc:
        raise click.ClickException(str(exc)) from exc


def metadata_option(help_text: str) -> Any:
    """--metadata: the metadata.yml a command reads (each command says what it reads it for)."""
    return click.option(
        "--metadata",
        type=click.Path(exists=True, dir_okay=False, path_type=Path),
        default=REPO_ROOT / "metadata.yml",
        show_default="metadata.yml",
        help=help_text,
    )


@cli.command()
@click.argument("dataset")
@click.option("--port", default=8001, show_default=True, help="Port to listen on.")
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on.")
@metadata_option("Datasette metadata file.")
@click.option(
    "--block-robots", is_flag=True, help="Serve a robots.txt that asks every crawler to stay away."
)
def serve(dataset: str, port: int, host: str, metadata: Path, block_robots: bool) -> None:
    """Serve DATASET's built database with Datasette, read-only.

    First rebuilds the publication tables (quote_facts, claim_facts, stance_facts,
    coverage_daily, syndicated_stories, version_changes) in the database, then runs Datasette
    with the file immutable (no writes through the web), a 3-second SQL time limit, at most
    1,000 rows per page, the canned queries, Atom feeds, charts and article pages.
    """
    from presswatch.publish import serve_database
    from presswatch.publish.metadata import dataset_about

    loaded = load_or_fail(dataset)
    built_database_or_fail(loaded)
    click.echo(f"Datasette: http://{host}:{port}/{loaded.db_path.stem}", err=True)
    sys.exit(
        serve_database(
            loaded.db_path,
            metadata,
            host=host,
            port=port,
            block_robots=block_robots,
            about=dataset_about(loaded.config),
        )
    )


@cli.command()
@click.argument("dataset")
@click.argument("out", type=click.Path(file_okay=False, path_type=Path))
@metadata_option("Datasette metadata file.")
@click.option(
    "--block-robots", is_flag=True, help="The published robots.txt asks every crawler to stay away."
)
@click.option("--force", is_flag=True, help="Replace OUT if it is not empty.")
def publish(dataset: str, out: Path, metadata: Path, block_robots: bool, force: bool) -> None:
    """Write DATASET's publication to the folder OUT, ready to serve on another machine.

    OUT receives the database (with its publication tables), metadata.json, Datasette's
    inspect.json, the plugin, templates and static files, a pinned requirements.txt, and
    run.sh, the one-line command that serves it read-only:

        pip install -r OUT/requirements.txt && OUT/run.sh --port 8001
    """
    from presswatch.publish.bundle import PublishError, publish_folder
    from presswatch.publish.metadata import dataset_about

    loaded = load_or_fail(dataset)
    built_database_or_fail(loaded)
    try:
        folder = publish_folder(
            loaded.db_path,
            metadata,
            out,
            block_robots=block_robots,
            force=force,
            about=dataset_about(loaded.config),
        )
    except PublishError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"published {loaded.name} to {folder}: serve it with {folder / 'run.sh'}")


@cli.command("schema-doc")
@click.argument("dataset")
@click.option(
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=REPO_ROOT / "docs" / "schema.md",
    show_default="docs/schema.md",
    help="Markdown file to write ('-' for standard output).",
)
@metadata_option("Where column descriptions come from.")
def schema_doc(dataset: str, output: Path, metadata: Path) -> None:
    """Write docs/schema.md from DATASET's built database: tables, columns, keys, row counts and
    a Mermaid entity-relationship diagram (publication tables included)."""
    from presswatch.publish.prepare import prepare_database
    from presswatch.publish.schema_doc import schema_markdown

    loaded = load_or_fail(dataset)
    built_database_or_fail(loaded)
    # On a copy: the built file may be being served immutable right now and must not change.
    with tempfile.TemporaryDirectory() as scratch:
        copy = Path(scratch) / loaded.db_path.name
        shutil.copyfile(loaded.db_path, copy)
        prepare_database(copy)
        text = schema_markdown(copy, metadata)
    if str(output) == "-":
        click.echo(text, nl=False)
        return
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(text, encoding="utf-8")
    click.echo(f"wrote {output}")
