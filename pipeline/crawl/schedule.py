"""Scheduled re-crawls: a lock so runs never overlap, and the cron line or systemd timer for them.

Pure functions build the schedule's text (so `presswatch schedule` can print exactly what it
would install); `dataset_lock` is the one piece of I/O, an advisory lock on a file in the
dataset's build folder that every crawl, process and build takes.
"""

from __future__ import annotations

import fcntl
import os
import re
import shlex
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

LOCK_NAME = ".presswatch.lock"
_INTERVAL = re.compile(r"^\s*(\d+)\s*([mhd])\s*$")


class LockHeld(RuntimeError):
    """Another presswatch run is working on the dataset."""


class BadInterval(ValueError):
    """An --every value presswatch cannot schedule."""


@contextmanager
def dataset_lock(build_dir: Path) -> Iterator[Path]:
    """Hold the dataset's run lock, or raise LockHeld naming who holds it. Never waits."""
    build_dir.mkdir(parents=True, exist_ok=True)
    path = build_dir / LOCK_NAME
    handle = open(path, "a+", encoding="utf-8")  # noqa: SIM115 - held for the whole block
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            handle.seek(0)
            holder = handle.read().strip() or "unknown"
            raise LockHeld(
                f"another presswatch run holds {path} ({holder}); it was not started again. "
                "Wait for it to finish, or check `presswatch status`."
            ) from exc
        handle.seek(0)
        handle.truncate()
        started = datetime.now(UTC).isoformat(timespec="seconds")
        handle.write(f"pid {os.getpid()} since {started}")
        handle.flush()
        yield path
    finally:
        handle.close()  # closing releases the lock; the kernel also releases it if we die


@dataclass(frozen=True)
class Interval:
    count: int
    unit: str  # m, h or d

    @property
    def seconds(self) -> int:
        return self.count * {"m": 60, "h": 3600, "d": 86400}[self.unit]

    def __str__(self) -> str:
        return f"{self.count}{self.unit}"


def parse_interval(text: str) -> Interval:
    """'30m', '6h', '1d' → Interval; cron can only express divisors of an hour or a day."""
    match = _INTERVAL.match(text or "")
    if not match:
        raise BadInterval(
            f"--every {text!r}: expected a number and a unit, m, h or d (e.g. 30m, 6h, 1d)"
        )
    count, unit = int(match.group(1)), match.group(2)
    limits = {"m": 60, "h": 24, "d": 31}
    if count < 1 or count > limits[unit] or (unit != "d" and limits[unit] % count):
        raise BadInterval(
            f"--every {text!r}: use minutes that divide 60, hours that divide 24, or 1-31 days"
        )
    if unit == "m" and count < 5:
        raise BadInterval(f"--every {text!r}: less than 5 minutes between crawls is not polite")
    return Interval(count, unit)


def cron_times(interval: Interval) -> str:
    if interval.unit == "m":
        return f"*/{interval.count} * * * *"
    if interval.unit == "h":
        return "17 * * * *" if interval.count == 1 else f"17 */{interval.count} * * *"
    return "17 3 * * *" if interval.count == 1 else f"17 3 */{interval.count} * *"


def systemd_calendar(interval: Interval) -> str:
    if interval.unit == "m":
        return f"*-*-* *:00/{interval.count}:00"
    if interval.unit == "h":
        return f"*-*-* 00/{interval.count}:17:00"
    return f"*-*-01/{interval.count} 03:17:00"


def scheduled_command(presswatch: str, dataset_folder: Path, workdir: Path) -> str:
    """The shell command a schedule runs: an incremental live build, logged to build/logs/."""
    log = dataset_folder / "build" / "logs" / "scheduled.log"
    return (
        f"cd {shlex.quote(str(workdir))} && mkdir -p {shlex.quote(str(log.parent))} && "
        f"{shlex.quote(presswatch)} build {shlex.quote(str(dataset_folder))} --live --scheduled "
        f">> {shlex.quote(str(log))} 2>&1"
    )


def cron_entry(interval: Interval, command: str, dataset_name: str) -> str:
    return f"{cron_times(interval)} {command}  # presswatch:{dataset_name}"


def systemd_units(interval: Interval, command: str, dataset_name: str) -> dict[str, str]:
    """{file name: content} of a systemd user service and timer."""
    unit = f"presswatch-{dataset_name}"
    service = (
        "[Unit]\n"
        f"Description=presswatch incremental crawl of {dataset_name}\n\n"
        "[Service]\n"
        "Type=oneshot\n"
        f"ExecStart=/bin/sh -c {shlex.quote(command)}\n"
    )
    timer = (
        "[Unit]\n"
        f"Description=presswatch crawl of {dataset_name} every {interval}\n\n"
        "[Timer]\n"
        f"OnCalendar={systemd_calendar(interval)}\n"
        "Persistent=true\n"
        "RandomizedDelaySec=300\n\n"
        "[Install]\n"
        "WantedBy=timers.target\n"
    )
    return {f"{unit}.service": service, f"{unit}.timer": timer}


def replace_cron_entry(current: str, entry: str, dataset_name: str) -> str:
    """The crontab with this dataset's presswatch line replaced (or added), others untouched."""
    marker = f"# presswatch:{dataset_name}"
    lines = [line for line in current.splitlines() if not line.rstrip().endswith(marker)]
    lines.append(entry)
    return "\n".join(lines) + "\n"
