"""docs/schema.md is generated from the live database and must be up to date."""

from __future__ import annotations

import shutil

import pytest
from presswatch.publish.prepare import prepare_database
from presswatch.publish.schema_doc import schema_markdown

from tests.conftest import DATASET, REPO_ROOT, copy_dataset, run_presswatch

SCHEMA_DOC = REPO_ROOT / "docs" / "schema.md"


@pytest.fixture(scope="module")
def fresh_schema_doc(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The document of a fresh build: the session's shared build gains runs as other tests use
    it."""
    root = tmp_path_factory.mktemp("schema-doc")
    copy_dataset(root)
    run_presswatch("build", DATASET, datasets_root=root)
    built = root / DATASET / "build" / f"{DATASET}.db"
    copy = root / built.name
    shutil.copyfile(built, copy)
    prepare_database(copy)
    return schema_markdown(copy, REPO_ROOT / "metadata.yml")


def test_schema_doc_is_up_to_date(fresh_schema_doc: str) -> None:
    assert SCHEMA_DOC.is_file(), f"run `presswatch schema-doc {DATASET}` to write docs/schema.md"
    assert SCHEMA_DOC.read_text(encoding="utf-8") == fresh_schema_doc, (
        "docs/schema.md is out of date: run "
        f"`rm -rf datasets/{DATASET}/build && presswatch build {DATASET} "
        f"&& presswatch schema-doc {DATASET}`"
    )


def test_schema_doc_has_every_table_keys_counts_and_diagram(fresh_schema_doc: str) -> None:
    text = fresh_schema_doc
    for table in ("articles", "quotes", "claims", "stances", "quote_facts", "coverage_daily"):
        assert f"\n## {table}\n" in text
    assert "```mermaid\nerDiagram" in text
    assert 'articles ||--o{ quotes : "article_id"' in text
    assert "Foreign keys: `article_id` → `articles.id`" in text
    assert (
        "| [`articles`](#articles) | 12 |" in text
    )  # 11 fixture and seed articles + the hostile page
