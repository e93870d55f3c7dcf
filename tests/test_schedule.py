"""Scheduled re-crawls: the cron line and systemd timer, the lock, progress on a terminal only."""

from __future__ import annotations

import os
import pty
import select
import subprocess
from pathlib import Path

import pytest
import sqlite_utils
from presswatch.crawl.schedule import (
    BadInterval,
    Interval,
    cron_times,
    dataset_lock,
    parse_interval,
    replace_cron_entry,
    systemd_calendar,
)

from tests.conftest import PRESSWATCH, copy_dataset, run_presswatch
from tests.fixtures.sites.newsroom import NewsroomState, newsroom_dataset, serve
from tests.test_crawl_discovery import write_dataset


@pytest.mark.parametrize(
    ("text", "cron", "calendar"),
    [
        ("6h", "17 */6 * * *", "*-*-* 00/6:17:00"),
        ("1h", "17 * * * *", "*-*-* 00/1:17:00"),
        ("30m", "*/30 * * * *", "*-*-* *:00/30:00"),
        ("1d", "17 3 * * *", "*-*-01/1 03:17:00"),
    ],
)
def test_intervals(text: str, cron: str, calendar: str) -> None:
    interval = parse_interval(text)
    assert cron_times(interval) == cron and systemd_calendar(interval) == calendar


@pytest.mark.parametrize("text", ["5h", "6", "every day", "0h", "2m", "45m"])
def test_intervals_cron_cannot_keep_are_refused(text: str) -> None:
    with pytest.raises(BadInterval, match="--every"):
        parse_interval(text)


def test_replacing_the_cron_line_keeps_other_lines() -> None:
    current = "0 1 * * * backup  # mine\n17 */6 * * * old  # presswatch:fb\n"
    table = replace_cron_entry(current, "17 */2 * * * new  # presswatch:fb", "fb")
    assert table == "0 1 * * * backup  # mine\n17 */2 * * * new  # presswatch:fb\n"
    assert Interval(6, "h").seconds == 21600


def test_schedule_prints_a_locked_incremental_build(tmp_path: Path) -> None:
    folder = copy_dataset(tmp_path)
    out = run_presswatch("schedule", folder.name, "--every", "6h", datasets_root=tmp_path).stdout
    assert out.startswith("17 */6 * * * cd ")
    assert f"build {folder.resolve()} --live --scheduled >> {folder.resolve()}/build/logs/scheduled.log 2>&1" in out
    assert out.rstrip().endswith(f"# presswatch:{folder.name}")


def test_schedule_installs_a_systemd_user_timer(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = copy_dataset(tmp_path)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("PATH", str(Path(PRESSWATCH[0]).parent))  # no systemctl: files only
    result = run_presswatch("schedule", folder.name, "--every", "6h", "--systemd", "--install", datasets_root=tmp_path)
    units = tmp_path / "config" / "systemd" / "user"
    timer = (units / f"presswatch-{folder.name}.timer").read_text()
    service = (units / f"presswatch-{folder.name}.service").read_text()
    assert "OnCalendar=*-*-* 00/6:17:00" in timer and "Persistent=true" in timer
    assert "--live --scheduled" in service and "Type=oneshot" in service
    assert "systemctl --user enable --now" in result.stderr


def test_a_second_run_stops_while_the_first_holds_the_lock(tmp_path: Path) -> None:
    folder = copy_dataset(tmp_path)
    with dataset_lock(folder / "build"):
        result = run_presswatch("build", folder.name, datasets_root=tmp_path, check=False)
        status = run_presswatch("status", folder.name, datasets_root=tmp_path, check=False)
    assert result.returncode == 1
    assert "another presswatch run holds" in result.stderr and f"pid {os.getpid()}" in result.stderr
    assert not (folder / "build" / f"{folder.name}.db").exists()
    # Once released, the run goes ahead.
    run_presswatch("crawl", folder.name, datasets_root=tmp_path)
    assert sqlite_utils.Database(folder / "build" / f"{folder.name}.db").table("fetches").count > 0
    assert "no database yet" in status.stderr


def _crawl_on_a_terminal(root: Path, base: str) -> str:
    primary, secondary = pty.openpty()
    env = {**os.environ, "PRESSWATCH_DATASETS": str(root), "PRESSWATCH_POLITENESS": "off"}
    process = subprocess.Popen(
        [*PRESSWATCH, "crawl", "gazette", "--live", "--allow-host", "127.0.0.1", "--seed", base + "/news/merger.html"],
        env=env, cwd=root, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=secondary,
    )
    os.close(secondary)
    output = b""
    while True:
        ready, _, _ = select.select([primary], [], [], 30)
        if not ready:
            break
        try:
            chunk = os.read(primary, 4096)
        except OSError:
            break
        if not chunk:
            break
        output += chunk
    process.wait(timeout=30)
    os.close(primary)
    return output.decode("utf-8", errors="replace")


def test_progress_line_on_a_terminal_and_quiet_otherwise(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PRESSWATCH_POLITENESS", "off")
    with serve(NewsroomState()) as base:
        write_dataset(tmp_path / "tty", newsroom_dataset(base))
        on_terminal = _crawl_on_a_terminal(tmp_path / "tty", base)
        write_dataset(tmp_path / "cron", newsroom_dataset(base))
        under_cron = run_presswatch("crawl", "gazette", "--live", "--allow-host", "127.0.0.1", "--seed", base + "/news/merger.html", datasets_root=tmp_path / "cron")
    # merger.html and the two pages it links to (one of them off-topic, recorded as skipped).
    assert "\rcrawl: 3 fetched, 0 queued, 0 failed," in on_terminal and "pages/s" in on_terminal
    assert "pages/s" not in under_cron.stderr and "\r" not in under_cron.stderr
