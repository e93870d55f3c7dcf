"""metadata.yml documents every table and column the schema creates."""

from __future__ import annotations

import sqlite_utils
import yaml
from presswatch.store import TABLES, ensure_schema

from tests.conftest import DATASET, REPO_ROOT

METADATA = yaml.safe_load((REPO_ROOT / "metadata.yml").read_text(encoding="utf-8"))


def test_top_level_fields() -> None:
    for key in ("title", "license", "license_url", "source", "source_url"):
        assert METADATA.get(key), f"metadata.yml lacks {key}"
    assert METADATA["databases"][DATASET]["description"]


def test_every_table_and_column_is_described() -> None:
    db = ensure_schema(sqlite_utils.Database(memory=True))
    described = METADATA["databases"][DATASET]["tables"]
    missing = []
    for table in db.tables:
        if table.name.endswith("_fts") or "_fts_" in table.name:
            continue  # full-text index tables: Datasette hides them
        meta = described.get(table.name)
        if not meta or not meta.get("description"):
            missing.append(f"table {table.name}")
            continue
        for column in table.columns_dict:
            if not (meta.get("columns") or {}).get(column):
                missing.append(f"column {table.name}.{column}")
    assert not missing, "metadata.yml must describe: " + ", ".join(missing)


def test_no_description_of_something_that_does_not_exist(tmp_path) -> None:
    """Described tables and columns exist: the schema plus what the publish step derives."""
    from presswatch.publish.prepare import prepare_database

    path = tmp_path / "schema.db"
    ensure_schema(sqlite_utils.Database(path)).conn.commit()
    prepare_database(path)
    db = sqlite_utils.Database(path)
    declared = {name: set(db[name].columns_dict) for name in db.table_names() + db.view_names()}
    assert {table.name for table in TABLES} <= set(declared)
    described = METADATA["databases"][DATASET]["tables"]
    stale = [
        f"{table}.{column}"
        for table, meta in described.items()
        for column in (meta.get("columns") or {})
        if column not in declared.get(table, set())
    ]
    assert not stale, f"metadata.yml describes columns the schema does not have: {stale}"


def test_full_text_search_is_wired() -> None:
    described = METADATA["databases"][DATASET]["tables"]
    assert described["articles"]["fts_table"] == "articles_fts"
    assert described["quotes"]["fts_table"] == "quotes_fts"
