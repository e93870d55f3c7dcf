"""The `presswatch` Click group and the helpers its command modules share."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click
from presswatch.dataset import Dataset, DatasetError, load_dataset

DEFAULT_DATASET = "fb-messaging-integration"


def load_or_fail(name: str) -> Dataset:
    """The dataset, or a ClickException carrying the validation message (exit status 1)."""
    try:
        return load_dataset(name)
    except DatasetError as exc:
        raise click.ClickException(str(exc)) from exc


def echo_json(record: dict[str, Any]) -> None:
    click.echo(json.dumps(record, ensure_ascii=False))


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="presswatch")
def cli() -> None:
    """presswatch builds research datasets of news coverage and expert commentary.

    Spiders collect articles, extraction cleans them, a spaCy pipeline finds who said what, and
    the result is a documented SQLite database published with Datasette. DATASET is a folder
    under datasets/ (or a path to one) holding a dataset.yml.

    Quick start: `presswatch build fb-messaging-integration` then
    `presswatch serve fb-messaging-integration`.
    """


@cli.command()
@click.argument("dataset")
def validate(dataset: str) -> None:
    """Check DATASET's dataset.yml against the schema and report every problem."""
    loaded = load_or_fail(dataset)
    click.echo(
        f"{loaded.file}: ok ({len(loaded.sources)} sources, "
        f"{len(loaded.knowledge_base)} knowledge-base entities)"
    )


def load_nlp(dataset: Dataset | None, config_path: Path | None = None) -> Any:
    from presswatch.analyze import ModelNotInstalled, load_dataset_nlp

    try:
        return load_dataset_nlp(dataset, config_path)
    except ModelNotInstalled as exc:
        raise click.ClickException(str(exc)) from exc
