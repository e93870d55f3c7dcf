"""The process stage's progress: a line in the run log every LOG_EVERY pages (for scheduled
runs)."""

from __future__ import annotations

import logging

import pytest
from presswatch.cli.processing import _ProcessProgress


def test_the_run_log_gets_a_line_every_log_every_pages(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(_ProcessProgress, "LOG_EVERY", 3)
    logger = logging.getLogger("presswatch.test-progress")
    progress = _ProcessProgress(logger)
    with caplog.at_level(logging.INFO, logger="presswatch.test-progress"):
        for index in range(1, 8):
            progress(index, 7, f"https://harbour-ledger.example/{index}")
    lines = [record.getMessage() for record in caplog.records]
    assert [line.split(",")[0] for line in lines] == [
        "process: 3 of 7 pages",
        "process: 6 of 7 pages",
    ]
    assert all("pages/s" in line and "min left" in line for line in lines)
