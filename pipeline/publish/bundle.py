"""`presswatch publish`: a self-contained folder another machine can serve with plain Datasette.

The folder holds the database (with its publication tables), the fitted metadata, Datasette's
inspect file (row counts precomputed, so pages of an immutable file open fast), the plugin,
templates and static files, a pinned requirements.txt and `run.sh`, the one-line run command.
"""

from __future__ import annotations

import shlex
import shutil
import subprocess
import sys
from importlib import metadata as package_metadata
from pathlib import Path

from presswatch.publish import PLUGINS_DIR, STATIC_DIR, TEMPLATES_DIR, datasette_arguments
from presswatch.publish.metadata import write_metadata
from presswatch.publish.prepare import prepare_database
from presswatch.store.journal import settle_journal

# What the folder needs from PyPI to be served: Datasette (stable 0.65) and the Atom feeds.
SERVING_PACKAGES = ("datasette", "datasette-atom")


class PublishError(Exception):
    """The output folder cannot be written as asked (it names the folder and what to do)."""


def requirements_text() -> str:
    """Pinned to the versions this machine serves with, so the copy behaves the same."""
    lines = []
    for name in SERVING_PACKAGES:
        try:
            lines.append(f"{name}=={package_metadata.version(name)}")
        except package_metadata.PackageNotFoundError as exc:
            raise PublishError(
                f"{name} is not installed here; install presswatch first (`make install`)"
            ) from exc
    return "\n".join(lines) + "\n"


def run_arguments(db_name: str) -> list[str]:
    """The folder's `datasette serve` command, with paths relative to the folder."""
    return [
        "datasette",
        "serve",
        *datasette_arguments(
            f"{db_name}.db",
            "metadata.json",
            "plugins",
            "templates",
            "static",
            inspect_file="inspect.json",
        ),
    ]


def publish_folder(
    db_path: Path,
    metadata: Path,
    out: Path,
    block_robots: bool = False,
    force: bool = False,
    about: dict | None = None,
) -> Path:
    if out.exists() and any(out.iterdir()):
        if not force:
            raise PublishError(
                f"{out} is not empty: choose another folder or pass --force to replace it"
            )
        shutil.rmtree(out)
    out.mkdir(parents=True, exist_ok=True)
    name = db_path.stem
    target_db = out / f"{name}.db"
    settle_journal(db_path)  # the main file alone must hold every commit before it is copied
    shutil.copyfile(db_path, target_db)
    prepare_database(target_db)
    write_metadata(
        metadata, out / "metadata.json", db_name=name, block_robots=block_robots, about=about
    )
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "__init__.py")
    shutil.copytree(PLUGINS_DIR, out / "plugins", ignore=ignore)
    shutil.copytree(TEMPLATES_DIR, out / "templates", ignore=ignore)
    shutil.copytree(STATIC_DIR, out / "static", ignore=ignore)
    subprocess.run(
        [
            sys.executable,
            "-m",
            "datasette",
            "inspect",
            str(target_db),
            "--inspect-file",
            str(out / "inspect.json"),
        ],
        check=True,
        capture_output=True,
    )
    (out / "requirements.txt").write_text(requirements_text(), encoding="utf-8")
    command = shlex.join(run_arguments(name))
    (out / "run.sh").write_text(
        "#!/bin/sh\n"
        "# Serve this folder read-only: pip install -r requirements.txt, then ./run.sh [--port N]\n"
        f'cd "$(dirname "$0")" && exec {command} "$@"\n',
        encoding="utf-8",
    )
    (out / "run.sh").chmod(0o755)
    (out / "README.txt").write_text(_readme(name, command), encoding="utf-8")
    return out


def _readme(name: str, command: str) -> str:
    return f"""presswatch publication: {name}

Serve it (Python 3.11):
    pip install -r requirements.txt
    ./run.sh --port 8001          # or: {command}

Publish it where Docker or a cloud CLI is available (run inside this folder), for example:
    datasette publish cloudrun {name}.db --service {name} --metadata metadata.json \\
        --plugins-dir plugins --template-dir templates --static presswatch-static:static \\
        --install datasette-atom
    datasette publish fly {name}.db --app {name} --metadata metadata.json --plugins-dir plugins \\
        --template-dir templates --static presswatch-static:static --install datasette-atom
    (datasette publish needs the datasette-publish-fly plugin for fly; cloudrun needs gcloud.)
"""
