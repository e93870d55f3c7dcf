"""The spine's CLI contracts: `extract --json` and `analyze --json` field names and offsets."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from click.testing import CliRunner
from presswatch.cli import cli

from tests.conftest import DATASET_DIR

SEED_PAGE = DATASET_DIR / "fixtures" / "pages" / "globalnews-4892985.html"
SPINE_EXTRACT_FIELDS = ["source", "url", "title", "authors", "published", "publisher",
                        "canonical_url", "language", "body", "error"]


def _json_lines(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines() if line.strip()]


def test_extract_json_has_the_spine_fields_for_html_and_gzip(tmp_path: Path) -> None:
    gz = tmp_path / "seed.html.gz"
    gz.write_bytes(gzip.compress(SEED_PAGE.read_bytes()))
    result = CliRunner().invoke(cli, ["extract", "--json", str(SEED_PAGE), str(gz)])
    assert result.exit_code == 0, result.output
    plain, gzipped = _json_lines(result.output)
    for record in (plain, gzipped):
        assert list(record)[: len(SPINE_EXTRACT_FIELDS)] == SPINE_EXTRACT_FIELDS
        assert record["error"] is None
        assert record["publisher"] == "Global News"
        assert record["published"].startswith("2019-01-26")
    assert plain["source"] == str(SEED_PAGE) and gzipped["source"] == str(gz)
    assert plain["body"] == gzipped["body"]


def test_extract_bad_input_gives_a_record_with_error_and_exit_1(tmp_path: Path) -> None:
    empty = tmp_path / "empty.html"
    empty.write_bytes(b"")
    result = CliRunner().invoke(cli, ["extract", "--json", str(empty), str(SEED_PAGE)])
    assert result.exit_code == 1
    bad, good = _json_lines(result.output)
    assert bad["source"] == str(empty) and bad["error"]
    assert good["error"] is None, "one bad page must not stop the others"


def test_extract_does_not_import_spacy(tmp_path: Path) -> None:
    import subprocess
    import sys

    code = (
        "import sys; from presswatch.cli import cli; "
        f"cli(['extract', '--json', {str(SEED_PAGE)!r}], standalone_mode=False); "
        "assert 'spacy' not in sys.modules, 'extract imported spaCy'"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr


def test_analyze_json_offsets_index_the_text_as_read(seed_text_path: Path) -> None:
    result = CliRunner().invoke(cli, ["analyze", "--json", str(seed_text_path)])
    assert result.exit_code == 0, result.output
    (record,) = _json_lines(result.output)
    assert list(record) == ["source", "entities", "quotes", "claims", "stances"]
    text = seed_text_path.read_text(encoding="utf-8")
    for entity in record["entities"]:
        assert set(entity) == {"text", "label", "start", "end", "entity_id", "canonical_name"}
        assert text[entity["start"]:entity["end"]] == entity["text"]
    for quote in record["quotes"]:
        assert {"speaker", "speaker_entity", "cue", "content", "type"} <= set(quote)
        for part in ("speaker", "cue", "content"):
            if quote[part]:
                assert text[quote[part]["start"]:quote[part]["end"]] == quote[part]["text"]
    stamos = [q for q in record["quotes"] if "cautiously optimistic" in q["content"]["text"]]
    assert stamos and stamos[0]["speaker_entity"]["id"] == "alex-stamos"


def test_analyze_page_offsets_index_its_extracted_body() -> None:
    runner = CliRunner()
    body = _json_lines(runner.invoke(cli, ["extract", "--json", str(SEED_PAGE)]).output)[0]["body"]
    (record,) = _json_lines(runner.invoke(cli, ["analyze", "--json", str(SEED_PAGE)]).output)
    assert record["entities"]
    for entity in record["entities"]:
        assert body[entity["start"]:entity["end"]] == entity["text"]
