"""`presswatch publish` and `presswatch schema-doc` through the real command line."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import DATASET, run_presswatch


def test_publish_writes_a_servable_folder(built_dataset: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    result = run_presswatch(
        "publish", DATASET, str(out), "--block-robots", datasets_root=built_dataset.parent
    )
    assert "run.sh" in result.stdout
    metadata = json.loads((out / "metadata.json").read_text())
    assert metadata["plugins"]["presswatch"]["block_robots"] is True
    assert "who_said_what" in metadata["databases"][DATASET]["queries"]
    run_line = (out / "run.sh").read_text().splitlines()[-1]
    assert "--immutable" in run_line and "--inspect-file inspect.json" in run_line
    inspect = json.loads((out / "inspect.json").read_text())
    assert inspect[DATASET]["tables"]["articles"]["count"] == 12


def test_publish_refuses_non_empty_folder_with_a_clear_message(
    built_dataset: Path, tmp_path: Path
) -> None:
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "notes.txt").write_text("keep me")
    result = run_presswatch(
        "publish", DATASET, str(tmp_path / "site"), datasets_root=built_dataset.parent, check=False
    )
    assert result.returncode == 1
    assert "not empty" in result.stderr and "--force" in result.stderr
    assert (tmp_path / "site" / "notes.txt").read_text() == "keep me"


def test_schema_doc_to_stdout(built_dataset: Path) -> None:
    result = run_presswatch(
        "schema-doc", DATASET, "--output", "-", datasets_root=built_dataset.parent
    )
    assert result.stdout.startswith("# The presswatch database")
    assert "erDiagram" in result.stdout
