"""Commands for teams that leave presswatch running: schedule and status."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import click
from presswatch.cli.group import cli, load_or_fail


@cli.command()
@click.argument("dataset")
@click.option(
    "--every",
    "every",
    required=True,
    metavar="INTERVAL",
    help="How often: minutes that divide 60 (30m), hours that divide 24 (6h), or days (1d).",
)
@click.option(
    "--install",
    is_flag=True,
    help="Install the schedule (crontab, or systemd user timer with --systemd) instead of only "
    "printing it.",
)
@click.option(
    "--systemd",
    is_flag=True,
    help="Use a systemd user timer (~/.config/systemd/user) instead of a crontab line.",
)
def schedule(dataset: str, every: str, install: bool, systemd: bool) -> None:
    """Re-crawl DATASET every INTERVAL: print (or --install) a crontab line or systemd timer.

    The scheduled command is `presswatch build DATASET --live --scheduled`: an incremental
    crawl (conditional GETs; unchanged articles cost no extraction or NLP) then processing.
    Runs take the dataset's lock (build/.presswatch.lock), so a run that is still going when
    the next one is due makes the next one stop at once instead of overlapping. Output goes to
    build/logs/scheduled.log and each run's own log; `presswatch status DATASET` summarises.
    """
    from presswatch.crawl.schedule import (
        BadInterval,
        cron_entry,
        parse_interval,
        replace_cron_entry,
        scheduled_command,
        systemd_units,
    )

    loaded = load_or_fail(dataset)
    try:
        interval = parse_interval(every)
    except BadInterval as exc:
        raise click.BadParameter(str(exc), param_hint="--every") from exc
    presswatch = shutil.which("presswatch") or str(Path(sys.executable).with_name("presswatch"))
    command = scheduled_command(presswatch, loaded.folder.resolve(), Path.cwd().resolve())
    if systemd:
        units = systemd_units(interval, command, loaded.name)
        unit_dir = _systemd_user_dir()
        for name, text in units.items():
            click.echo(f"# {unit_dir / name}\n{text}")
        if install:
            unit_dir.mkdir(parents=True, exist_ok=True)
            for name, text in units.items():
                (unit_dir / name).write_text(text, encoding="utf-8")
            timer = next(name for name in units if name.endswith(".timer"))
            if shutil.which("systemctl"):
                subprocess.run(["systemctl", "--user", "daemon-reload"], check=False)
                done = subprocess.run(
                    ["systemctl", "--user", "enable", "--now", timer], check=False
                )
                if done.returncode != 0:
                    raise click.ClickException(
                        f"wrote {unit_dir}, but `systemctl --user enable --now {timer}` failed"
                    )
                click.echo(f"installed and started {timer}", err=True)
            else:
                click.echo(
                    f"wrote {unit_dir}; no systemctl here: "
                    f"run `systemctl --user enable --now {timer}` where systemd runs",
                    err=True,
                )
        return
    entry = cron_entry(interval, command, loaded.name)
    click.echo(entry)
    if install:
        if not shutil.which("crontab"):
            raise click.ClickException(
                "no `crontab` command on this machine: install cron, or use --systemd"
            )
        current = subprocess.run(["crontab", "-l"], capture_output=True, text=True, check=False)
        table = replace_cron_entry(
            current.stdout if current.returncode == 0 else "", entry, loaded.name
        )
        subprocess.run(["crontab", "-"], input=table, text=True, check=True)
        click.echo(
            "installed in your crontab (an earlier presswatch line for this dataset was replaced)",
            err=True,
        )


def _systemd_user_dir() -> Path:
    import os

    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "systemd" / "user"


@cli.command()
@click.argument("dataset")
@click.option(
    "--runs", "limit", default=10, show_default=True, help="How many recent runs to list."
)
def status(dataset: str, limit: int) -> None:
    """Print DATASET's last runs (counts, durations) and what is failing now.

    Read-only; safe while a crawl is running. "Failing" lists the last crawl's failed fetches
    grouped by reason, the URLs that failed in each of the last three crawls, and the
    extraction/analysis failures of the last processing run.
    """
    from presswatch.crawl.status import status_report

    loaded = load_or_fail(dataset)
    if not loaded.db_path.is_file():
        raise click.ClickException(
            f"{loaded.db_path}: no database yet; run `presswatch build {loaded.name}` first"
        )
    click.echo(status_report(loaded, limit))
