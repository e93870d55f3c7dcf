"""`presswatch status`: the last runs of a dataset and what is failing, as plain text."""

from __future__ import annotations

import fcntl
import sqlite3
from pathlib import Path

from presswatch.crawl.schedule import LOCK_NAME
from presswatch.dataset import Dataset
from presswatch.store.batches import marks

COUNT_COLUMNS = ("fetched", "new", "changed", "unchanged", "skipped", "failed", "articles", "errors")


def lock_holder(build_dir: Path) -> str | None:
    """Who holds the dataset's run lock right now, if anyone (without taking it for long)."""
    path = build_dir / LOCK_NAME
    if not path.is_file():
        return None
    with open(path, "a+", encoding="utf-8") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            return handle.read().strip() or "unknown"
        fcntl.flock(handle, fcntl.LOCK_UN)
    return None


def status_report(dataset: Dataset, limit: int = 10) -> str:
    # Read-only, so a crawl writing the database at the same time is never disturbed.
    db = sqlite3.connect(f"file:{dataset.db_path}?mode=ro", uri=True)
    db.row_factory = sqlite3.Row
    try:
        lines = [f"{dataset.name}: {dataset.db_path}"]
        holder = lock_holder(dataset.build_dir)
        lines.append(f"now running: {holder}" if holder else "now running: nothing")
        lines.append("")
        lines.append(f"last {limit} runs:")
        lines.append(
            f"{'id':>5} {'command':<8} {'status':<11} {'started':<20} {'secs':>7} "
            + " ".join(f"{c:>9}" for c in COUNT_COLUMNS) + "  sched"
        )
        for run in db.execute("select * from runs order by id desc limit ?", [limit]):
            duration = run["duration_seconds"]
            lines.append(
                f"{run['id']:>5} {run['command']:<8} {run['status']:<11} {(run['started_at'] or '')[:19]:<20} "
                f"{'' if duration is None else f'{duration:.1f}':>7} "
                + " ".join(f"{'' if run[c] is None else run[c]:>9}" for c in COUNT_COLUMNS)
                + f"  {'yes' if run['scheduled'] else ''}"
            )
        lines.append("")
        last_crawl = db.execute(
            "select max(run_id) from fetches where run_id in (select id from runs where command = 'crawl')"
        ).fetchone()[0]
        lines.append(f"failing in the last crawl (run {last_crawl}):" if last_crawl else "no crawl yet")
        if last_crawl:
            reasons = list(db.execute(
                "select error, count(*) as n, min(url) as example from fetches "
                "where run_id = ? and outcome = 'failed' group by error order by n desc, error", [last_crawl],
            ))
            if not reasons:
                lines.append("  nothing")
            for row in reasons:
                lines.append(f"  {row['n']:>4} × {row['error']}  (e.g. {row['example']})")
        recent = [row[0] for row in db.execute(
            "select distinct run_id from fetches where run_id is not null order by run_id desc limit 3"
        )]
        if len(recent) == 3:
            repeated = list(db.execute(
                f"select url, count(distinct run_id) as n from fetches where outcome = 'failed' "
                f"and run_id in ({marks(len(recent))}) group by url having n = 3 order by url", recent,
            ))
            lines.append("failing in each of the last 3 crawls:" if repeated else "nothing failed in each of the last 3 crawls")
            lines += [f"  {row['url']}" for row in repeated]
        last_process = db.execute("select max(id) from runs where command = 'process'").fetchone()[0]
        if last_process:
            failures = list(db.execute(
                "select stage, subject, error from failures where run_id = ? order by subject", [last_process]
            ))
            lines.append(f"extraction/analysis failures of the last processing run (run {last_process}): {len(failures) or 'none'}")
            lines += [f"  {row['stage']}: {row['subject']}: {row['error']}" for row in failures]
        return "\n".join(lines)
    finally:
        db.close()
