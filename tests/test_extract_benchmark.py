"""Scoring against ground truth, and `presswatch extract --benchmark DIR`."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from presswatch.cli import cli
from presswatch.extract.benchmark import BenchmarkError, load_cases, run_benchmark
from presswatch.extract.scoring import (
    same_authors,
    same_day,
    same_title,
    shingle_overlap,
    token_overlap,
)

LAYOUTS = Path(__file__).parent / "fixtures" / "extract" / "layouts"


def test_token_overlap_counts_repeated_words_once_each() -> None:
    # truth: 4 tokens; prediction: 6 tokens, 3 of them right ("the" only once in the truth).
    score = token_overlap("the the cat sat on mat", "The cat sat down")
    assert (score.precision, score.recall) == (pytest.approx(3 / 6), pytest.approx(3 / 4))
    assert score.f1 == pytest.approx(2 * 0.5 * 0.75 / 1.25)


def test_shingles_punish_reordering_that_tokens_ignore() -> None:
    truth = "one two three four five six seven eight"
    shuffled = "five six seven eight one two three four"
    assert token_overlap(shuffled, truth).f1 == 1.0
    assert shingle_overlap(shuffled, truth).f1 < 0.8


def test_empty_prediction_scores_zero_and_empty_pair_scores_one() -> None:
    assert token_overlap("", "some words").f1 == 0.0
    assert token_overlap("", "").f1 == 1.0


def test_metadata_comparisons() -> None:
    assert same_title("Officials  to examine plan", "officials to examine plan")
    assert not same_title(None, "x")
    assert same_day("2019-01-28T18:45:00-08:00", "2019-01-28")
    assert not same_day("2019-01-29", "2019-01-28T23:00:00Z")
    assert same_authors(["Jane Roe", "John Doe"], "John Doe and Jane Roe")
    assert same_authors([], [])
    assert not same_authors(["Jane Roe"], ["Jane Roe", "John Doe"])


def test_benchmark_on_the_shipped_layouts() -> None:
    report = run_benchmark(LAYOUTS)
    summary = report.summary()
    assert summary["pages"] == 6
    assert summary["f1"] == pytest.approx(1.0)
    assert (summary["title_right"], summary["date_right"], summary["author_right"]) == (1.0, 1.0, 1.0)


def test_wrong_truth_lowers_the_score(tmp_path: Path) -> None:
    shutil.copy(LAYOUTS / "print_northshore.html", tmp_path / "page.html")
    truth = json.loads((LAYOUTS / "print_northshore.json").read_text("utf-8"))
    truth["articleBody"] += "\n\nA paragraph the page does not have at all, so recall must drop."
    truth["title"] = "Another headline"
    (tmp_path / "page.json").write_text(json.dumps(truth), "utf-8")
    page = run_benchmark(tmp_path).pages[0]
    assert page.precision == 1.0 and page.recall < 1.0
    assert page.title is False and page.date is True


def test_cli_prints_scores_and_means() -> None:
    result = CliRunner().invoke(cli, ["extract", "--benchmark", str(LAYOUTS)])
    assert result.exit_code == 0, result.output
    assert "amp_harbourlight" in result.output
    assert "6 pages: precision 1.000, recall 1.000, F1 1.000" in result.output


def test_cli_json_output() -> None:
    result = CliRunner().invoke(cli, ["extract", "--benchmark", str(LAYOUTS), "--json"])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.output.splitlines() if line.strip()]
    assert len(records) == 7
    assert records[-1]["summary"]["pages"] == 6
    assert {"name", "precision", "recall", "f1", "title", "date", "author"} <= set(records[0])


@pytest.mark.parametrize(
    ("files", "message"),
    [
        ({"a.json": '{"articleBody": "x"}'}, "no page a.html"),
        ({"a.html": "<p>x</p>", "a.json": "{not json"}, "not readable JSON"),
        ({"a.html": "<p>x</p>", "a.json": '{"body": "x"}'}, 'needs {"articleBody"'),
        ({"a.html": "<p>x</p>"}, "no NAME.json truth files"),
    ],
)
def test_unusable_folders_get_a_clear_error(tmp_path: Path, files: dict[str, str], message: str) -> None:
    for name, text in files.items():
        (tmp_path / name).write_text(text, "utf-8")
    with pytest.raises(BenchmarkError, match=message):
        load_cases(tmp_path)
    result = CliRunner().invoke(cli, ["extract", "--benchmark", str(tmp_path)])
    assert result.exit_code != 0 and message in result.output


def test_cli_needs_pages_or_a_benchmark() -> None:
    assert CliRunner().invoke(cli, ["extract"]).exit_code == 2
    both = CliRunner().invoke(cli, ["extract", "x.html", "--benchmark", str(LAYOUTS)])
    assert both.exit_code == 2 and "not both" in both.output
