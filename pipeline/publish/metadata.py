"""The metadata Datasette is given: the repository's metadata.yml, fitted to one database.

metadata.yml describes the bundled dataset's database by name. A database built under another
name (another dataset, the benchmark) gets the same table descriptions, facets and canned queries,
and the robots option becomes datasette-block-robots' configuration.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import yaml

ALLOW_ALL_ROBOTS = "User-agent: *\nDisallow:"


def fitted_metadata(metadata: dict[str, Any], db_name: str, block_robots: bool = False) -> dict[str, Any]:
    """A copy of `metadata` whose database section is named `db_name`; pure."""
    fitted = copy.deepcopy(metadata)
    databases = fitted.setdefault("databases", {})
    if db_name not in databases and databases:
        template_name = next(iter(databases))
        databases[db_name] = databases.pop(template_name)
    plugins = fitted.setdefault("plugins", {})
    plugins.setdefault("presswatch", {})["block_robots"] = bool(block_robots)
    # datasette-block-robots serves /robots.txt: "Disallow: /" by default, so a server that
    # welcomes crawlers says so literally.
    plugins["datasette-block-robots"] = {} if block_robots else {"literal": ALLOW_ALL_ROBOTS}
    return fitted


def write_metadata(source: Path, target: Path, db_name: str, block_robots: bool = False) -> Path:
    """Read metadata.yml (or .json), fit it to `db_name`, write it as JSON to `target`."""
    loaded = yaml.safe_load(source.read_text(encoding="utf-8")) or {}
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(
        json.dumps(fitted_metadata(loaded, db_name, block_robots), indent=2, ensure_ascii=False) + "\n",
        encoding="utf-8",
    )
    return target
