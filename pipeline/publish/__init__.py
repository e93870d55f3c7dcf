"""Publication: Datasette over a built database, with the repository's metadata.yml.

`serve` prepares the database (publication tables, pipeline/publish/prepare.py), writes the
metadata Datasette will read, then becomes Datasette: immutable file, no writes through the web,
an SQL time limit and a cap on returned rows, plus this package's plugin, templates and static
files (all served locally; nothing is fetched from a CDN).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from presswatch.publish.metadata import write_metadata
from presswatch.publish.prepare import prepare_database

PUBLISH_DIR = Path(__file__).resolve().parent
PLUGINS_DIR = PUBLISH_DIR / "plugins"
TEMPLATES_DIR = PUBLISH_DIR / "templates"
STATIC_DIR = PUBLISH_DIR / "static"
STATIC_MOUNT = "presswatch-static"  # the URL prefix the plugin's pages load static files from

# Read-only serving limits (a slow query is stopped, a huge result is truncated).
SETTINGS = {
    "sql_time_limit_ms": "3000",
    "max_returned_rows": "1000",
    "allow_download": "on",
    "facet_time_limit_ms": "500",
    # The facets a journalist needs are declared in metadata.yml; suggesting more costs one
    # query per column on every table page, seconds on a million rows.
    "suggest_facets": "off",
}


def datasette_arguments(
    db_path: str,
    metadata: str,
    plugins_dir: str,
    templates_dir: str,
    static_dir: str,
    inspect_file: str | None = None,
) -> list[str]:
    """`datasette serve` arguments (after `serve`), shared by `serve` and `publish`'s run
    command."""
    arguments = [
        "--immutable",
        db_path,
        "--metadata",
        metadata,
        "--plugins-dir",
        plugins_dir,
        "--template-dir",
        templates_dir,
        "--static",
        f"{STATIC_MOUNT}:{static_dir}",
    ]
    if inspect_file:
        arguments += ["--inspect-file", inspect_file]
    for name, value in SETTINGS.items():
        arguments += ["--setting", name, value]
    return arguments


def datasette_command(
    db_path: Path, metadata: Path, host: str = "127.0.0.1", port: int = 8001
) -> list[str]:
    """The Datasette command line: the database is served immutable (no writes through the web)."""
    return [
        sys.executable,
        "-m",
        "datasette",
        "serve",
        *datasette_arguments(
            str(db_path), str(metadata), str(PLUGINS_DIR), str(TEMPLATES_DIR), str(STATIC_DIR)
        ),
        "--host",
        host,
        "--port",
        str(port),
    ]


def prepare_for_serving(
    db_path: Path, metadata: Path, block_robots: bool = False, about: dict | None = None
) -> Path:
    """Publication tables into the database, and the served metadata beside it; returns the latter.

    `about`: what the dataset covers (metadata.dataset_about of its dataset.yml), for the start
    page.
    """
    prepare_database(db_path)
    served = db_path.parent / "publication" / "metadata.json"
    write_metadata(metadata, served, db_name=db_path.stem, block_robots=block_robots, about=about)
    return served


def serve_database(
    db_path: Path,
    metadata: Path,
    host: str = "127.0.0.1",
    port: int = 8001,
    block_robots: bool = False,
    about: dict | None = None,
) -> int:
    """Become Datasette (exec), so signals such as Ctrl-C or a supervisor's TERM reach it directly.

    Where exec is unavailable, run it as a child and return its exit status.
    """
    served_metadata = prepare_for_serving(db_path, metadata, block_robots, about)
    command = datasette_command(db_path, served_metadata, host, port)
    sys.stdout.flush()
    sys.stderr.flush()
    if hasattr(os, "execv"):
        os.execv(command[0], command)
    try:
        return subprocess.call(command)
    except KeyboardInterrupt:
        return 0
