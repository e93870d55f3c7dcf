"""dataset.yml: the bundled one is valid; a bad one is refused with file, field and expectation."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from presswatch.cli import cli
from presswatch.dataset import DatasetError, load_dataset

from tests.conftest import DATASET_DIR, copy_dataset


def test_bundled_dataset_is_valid() -> None:
    dataset = load_dataset(DATASET_DIR)
    kb_ids = {entity["id"] for entity in dataset.knowledge_base}
    assert {"facebook", "whatsapp", "instagram", "messenger", "mark-zuckerberg", "matthew-green",
            "alec-muffett", "alex-stamos", "sam-weinstein"} <= kb_ids
    assert dataset.config["stance_target"]["label"] == "Facebook's integration of Messenger, Instagram and WhatsApp"
    facebook = next(e for e in dataset.knowledge_base if e["id"] == "facebook")
    assert {"FB", "Meta"} <= set(facebook["aliases"])
    # Real sources carry real URLs for live crawls; fictional outlets are marked as fixtures.
    assert any(url.startswith("https://globalnews.ca/") for url in dataset.live_seeds())
    assert all(s.get("fixture") for s in dataset.sources if ".example" in s["url"])


def test_source_for_url_matches_domains_and_subdomains() -> None:
    dataset = load_dataset(DATASET_DIR)
    assert dataset.source_for_url("https://globalnews.ca/news/1/x/") == "global-news"
    assert dataset.source_for_url("https://www.harbourledger.example/2019/a") == "harbour-ledger"
    assert dataset.source_for_url("https://unknown.example/") is None


def _write_bad(tmp_path: Path, mutate) -> Path:
    folder = copy_dataset(tmp_path)
    config = yaml.safe_load((folder / "dataset.yml").read_text(encoding="utf-8"))
    mutate(config)
    (folder / "dataset.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return folder


def _drop_title(config: dict) -> None:
    del config["title"]


def _bad_family(config: dict) -> None:
    config["sources"][0]["family"] = "television"


def _bad_kb_type(config: dict) -> None:
    config["knowledge_base"][0]["type"] = "company-ish"


def _duplicate_source(config: dict) -> None:
    config["sources"].append(dict(config["sources"][0]))


def _alias_clash(config: dict) -> None:
    config["knowledge_base"][1]["aliases"].append("FB")


def _unknown_field(config: dict) -> None:
    config["sources"][1]["seed"] = ["https://example.org/"]


def _seed_not_url(config: dict) -> None:
    config["sources"][0]["seeds"] = ["globalnews.ca/news"]


@pytest.mark.parametrize(
    ("mutate", "field", "expected"),
    [
        (_drop_title, "(top level)", "missing required field 'title'"),
        (_bad_family, "sources[0].family", "expected one of news, blog"),
        (_bad_kb_type, "knowledge_base[0].type", "expected one of person, organization"),
        (_duplicate_source, "sources[", "expected a unique id"),
        (_alias_clash, "knowledge_base[1].aliases", "'FB' is also a name of 'facebook'"),
        (_unknown_field, "sources[1]", "unknown field(s): 'seed'"),
        (_seed_not_url, "sources[0].seeds[0]", "expected text matching"),
    ],
)
def test_bad_dataset_is_refused_naming_file_field_and_expectation(tmp_path: Path, mutate, field: str, expected: str) -> None:
    folder = _write_bad(tmp_path, mutate)
    with pytest.raises(DatasetError) as caught:
        load_dataset(folder)
    message = str(caught.value)
    assert str(folder / "dataset.yml") in message
    assert field in message
    assert expected in message


def test_invalid_yaml_names_the_file_and_line(tmp_path: Path) -> None:
    folder = copy_dataset(tmp_path)
    (folder / "dataset.yml").write_text("name: x\ntitle: [unclosed\n", encoding="utf-8")
    with pytest.raises(DatasetError, match=r"dataset\.yml: not valid YAML.*line"):
        load_dataset(folder)


def test_unknown_dataset_name_says_where_it_looked(tmp_path: Path) -> None:
    with pytest.raises(DatasetError, match="No dataset named 'nope'"):
        load_dataset("nope", root=tmp_path)


@pytest.mark.parametrize("command", ["validate", "build", "crawl", "process"])
def test_cli_refuses_bad_dataset_and_runs_nothing(tmp_path: Path, command: str) -> None:
    folder = _write_bad(tmp_path, _bad_family)
    result = CliRunner().invoke(cli, [command, str(folder)])
    assert result.exit_code == 1
    assert "sources[0].family" in result.output
    assert "expected one of" in result.output
    assert not (folder / "build").exists(), "nothing may run (no database, no logs) on a bad dataset.yml"


def test_cli_validate_accepts_bundled_dataset() -> None:
    result = CliRunner().invoke(cli, ["validate", str(DATASET_DIR)])
    assert result.exit_code == 0, result.output
    assert "ok" in result.output
