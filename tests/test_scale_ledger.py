"""benchmarks/scale_build.py: the ledger that lets a long build be killed and resumed, and the
rate through each tenth of a build read back from the process runs' logs."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.scale_build import Ledger, rate_by_tenth, timed


def _progress(clock: str, index: int, total: int) -> str:
    return f"2026-03-01 {clock},000 INFO presswatch: process: {index} of {total} pages, 1.0 pages/s"


def test_rate_by_tenth_follows_a_build_across_a_resumed_run(tmp_path: Path) -> None:
    # A 10,000-page build: the first run logs pages 1,000-3,000 (100 s per 1,000 pages), is
    # killed, and the second run, with 6,500 pages left, logs its 1,000th and 2,000th pages
    # (pages 4,500 and 5,500 of the build) 250 s apart.
    (tmp_path / "00002-process.log").write_text(
        "\n".join(
            [
                "2026-03-01 10:00:00,000 INFO presswatch: run 2: process fb {}",
                _progress("10:01:40", 1000, 10000),
                _progress("10:03:20", 2000, 10000),
                _progress("10:05:00", 3000, 10000),
            ]
        )
    )
    (tmp_path / "00003-process.log").write_text(
        "\n".join(
            [
                _progress("11:00:00", 1000, 6500),
                "2026-03-01 11:00:01,000 WARNING presswatch: a page failed",
                _progress("11:04:10", 2000, 6500),
            ]
        )
    )
    rates = rate_by_tenth(sorted(tmp_path.glob("*-process.log")), 10000)
    # 1,000-2,000 and 2,000-3,000 at 10 pages/s; 4,500-5,500 at 4 pages/s, counted in the
    # tenth it starts in; 3,000-4,500 spans the kill and is not counted anywhere.
    assert rates == [
        [1000, pytest.approx(10.0)],
        [2000, pytest.approx(10.0)],
        [4000, pytest.approx(4.0)],
    ]


def test_a_stage_cut_short_is_run_again_and_its_time_summed(tmp_path: Path) -> None:
    ledger = Ledger(tmp_path / "ledger-10.json")
    ledger.stages["help"] = {"seconds": 30.0, "rss": 500.0, "segments": 1, "done": False}
    ledger.save()
    seconds, rss = timed(["--help"], tmp_path, Ledger(tmp_path / "ledger-10.json"), "help")
    saved = Ledger(tmp_path / "ledger-10.json").stages["help"]
    assert saved["done"] and saved["segments"] == 2
    assert 30.0 < seconds == saved["seconds"] < 30.0 + 60
    assert rss == saved["rss"] == 500.0  # the first segment's peak was the larger


def test_a_finished_stage_is_not_run_again(tmp_path: Path) -> None:
    ledger = Ledger(tmp_path / "ledger-10.json")
    ledger.stages["crawl"] = {"seconds": 12.5, "rss": 99.0, "segments": 1, "done": True}
    # a command that would fail if it ran: no dataset of that name under tmp_path
    assert timed(["crawl", "no-such-dataset"], tmp_path, ledger, "crawl") == (12.5, 99.0)
    assert ledger.stages["crawl"]["segments"] == 1


def test_a_failed_stage_stops_the_build_and_stays_unfinished(tmp_path: Path) -> None:
    ledger = Ledger(tmp_path / "ledger-10.json")
    with pytest.raises(SystemExit, match="no-such-dataset"):
        timed(["crawl", "no-such-dataset"], tmp_path, ledger, "crawl")
    assert Ledger(tmp_path / "ledger-10.json").stages["crawl"]["done"] is False
