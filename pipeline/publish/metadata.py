"""The metadata Datasette is given: the repository's metadata.yml, fitted to one database.

metadata.yml describes the bundled dataset's database by name. A database built under another
name (another dataset, the benchmark) gets the same table descriptions, facets and canned queries,
and what the dataset covers (from its dataset.yml, for the start page) becomes the plugin's
configuration; the robots option becomes datasette-block-robots' configuration.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import yaml

ALLOW_ALL_ROBOTS = "User-agent: *\nDisallow:"


def dataset_about(config: dict[str, Any]) -> dict[str, Any]:
    """What the start page says the dataset covers, from a dataset.yml mapping; pure."""
    target = config.get("stance_target") or {}
    return {
        "title": config.get("title") or config.get("name"),
        "description": config.get("description"),
        "stance_target": target.get("label") if isinstance(target, dict) else None,
        "topics": sorted(config.get("topics") or {}),
        "keywords": list(config.get("keywords") or []),
        "sources": len(config.get("sources") or []),
    }


def fitted_metadata(
    metadata: dict[str, Any],
    db_name: str,
    block_robots: bool = False,
    about: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """A copy of `metadata` whose database section is named `db_name`; pure."""
    fitted = copy.deepcopy(metadata)
    databases = fitted.setdefault("databases", {})
    if db_name not in databases and databases:
        template_name = next(iter(databases))
        databases[db_name] = databases.pop(template_name)
    # Only the served database's section: Datasette deep-copies the whole metadata on each
    # lookup, several per table on the database page, so every other section costs time.
    if db_name in databases:
        fitted["databases"] = {db_name: databases[db_name]}
    plugins = fitted.setdefault("plugins", {})
    plugins.setdefault("presswatch", {})["block_robots"] = bool(block_robots)
    # datasette-block-robots serves /robots.txt: "Disallow: /" by default, so a server that
    # welcomes crawlers says so literally.
    plugins["datasette-block-robots"] = {} if block_robots else {"literal": ALLOW_ALL_ROBOTS}
    if about:
        plugins["presswatch"].setdefault("about", {})[db_name] = about
    return fitted


def write_metadata(
    source: Path,
    target: Path,
    db_name: str,
    block_robots: bool = False,
    about: dict[str, Any] | None = None,
) -> Path:
    """Read metadata.yml (or .json), fit it to `db_name`, write it as JSON to `target`."""
    loaded = yaml.safe_load(source.read_text(encoding="utf-8")) or {}
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(
        json.dumps(
            fitted_metadata(loaded, db_name, block_robots, about), indent=2, ensure_ascii=False
        )
        + "\n",
        encoding="utf-8",
    )
    return target
