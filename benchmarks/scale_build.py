"""End-to-end build of N synthetic articles: time and peak memory per stage, and a re-crawl.

For each size, in one run on this machine: write N synthetic article pages to a WARC
(benchmarks/synthetic.py), replay it with the real CLI (`presswatch crawl DATASET --replay`),
then `presswatch process` the crawled copy with each --workers count asked for (a fresh copy
each). After the last of them, the same archive is built again (`presswatch build --replay`):
every page is unchanged, which is what a scheduled re-crawl of a quiet news day costs. Each
command runs in its own process; its peak RSS is the largest single process of the command
(the parent or one of its spaCy workers, from getrusage). Prints a table and the ratios (time
per article across sizes, 2 workers vs 1, peak RSS growth, re-crawl vs first build). Asserts
nothing.

    .venv/bin/python benchmarks/scale_build.py --sizes 1000 10000 --workers 2
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
from benchmarks.synthetic import write_archive

DATASET = "fb-messaging-integration"
MEASURE = ("import resource, subprocess, sys; code = subprocess.run(sys.argv[1:]).returncode; "
           "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr); sys.exit(code)")


def timed(args: list[str], root: Path) -> tuple[float, float]:
    """(seconds, peak RSS MiB) of `presswatch ARGS` in a fresh process."""
    env = {**os.environ, "PRESSWATCH_DATASETS": str(root)}
    started = time.monotonic()
    result = subprocess.run([sys.executable, "-c", MEASURE, sys.executable, "-m", "pipeline", *args],
                            env=env, cwd=root, capture_output=True, text=True, check=False)
    seconds = time.monotonic() - started
    if result.returncode != 0:
        raise SystemExit(f"presswatch {' '.join(args)} failed:\n{result.stderr[-3000:]}")
    return seconds, int(result.stderr.strip().splitlines()[-1]) / 1024


def articles_in(folder: Path) -> int:
    with sqlite3.connect(folder / "build" / f"{DATASET}.db") as conn:
        return conn.execute("select count(*) from articles").fetchone()[0]


def run_size(size: int, work: Path, worker_counts: list[int]) -> dict[str, float]:
    crawled = work / f"crawl-{size}"
    shutil.copytree(REPO / "datasets" / DATASET, crawled / DATASET, ignore=shutil.ignore_patterns("build"))
    archive = work / f"synthetic-{size}.warc.gz"
    write_archive(size, archive)
    crawl_s, crawl_rss = timed(["crawl", DATASET, "--replay", str(archive)], crawled)
    row: dict[str, float] = {"size": size, "crawl_s": crawl_s, "crawl_rss": crawl_rss}
    for workers in worker_counts:
        copy = work / f"process-{size}-w{workers}"
        shutil.copytree(crawled, copy)
        seconds, rss = timed(["process", DATASET, "--workers", str(workers)], copy)
        row[f"process{workers}_s"], row[f"process{workers}_rss"] = seconds, rss
        row["articles"] = articles_in(copy / DATASET)
        if workers == worker_counts[-1]:
            row["recrawl_s"], row["recrawl_rss"] = timed(
                ["build", DATASET, "--replay", str(archive), "--workers", str(workers)], copy)
            row["recrawl_workers"] = workers
            if articles_in(copy / DATASET) != row["articles"]:
                raise SystemExit("the unchanged re-crawl changed the number of articles")
        shutil.rmtree(copy)
    shutil.rmtree(crawled)
    archive.unlink()
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000])
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2],
                        help="--workers counts to process each size with (default: 1 2)")
    parser.add_argument("--work", type=Path, default=None, help="scratch folder (default: a temporary one)")
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="presswatch-scale-"))
    work.mkdir(parents=True, exist_ok=True)
    rows = []
    print("| pages | articles | crawl s (pages/s) | " + " | ".join(
        f"process s, {w} worker{'s' if w > 1 else ''} (articles/s)" for w in args.workers)
        + " | first build s | unchanged re-build s (% of first) | peak RSS MiB crawl / "
        + " / ".join(f"process {w}" for w in args.workers) + " / re-build |")
    print("|---" * (6 + len(args.workers)) + "|")
    for size in args.sizes:
        row = run_size(size, work, args.workers)
        rows.append(row)
        last = args.workers[-1]
        first_build = row["crawl_s"] + row[f"process{last}_s"]
        cells = [f"{size}", f"{row['articles']:.0f}", f"{row['crawl_s']:.1f} ({size / row['crawl_s']:.0f})"]
        cells += [f"{row[f'process{w}_s']:.1f} ({row['articles'] / row[f'process{w}_s']:.1f})" for w in args.workers]
        cells += [f"{first_build:.1f}", f"{row['recrawl_s']:.1f} ({100 * row['recrawl_s'] / first_build:.1f}%)"]
        cells += ["{:.0f} / {} / {:.0f}".format(row["crawl_rss"], " / ".join(f"{row[f'process{w}_rss']:.0f}" for w in args.workers), row["recrawl_rss"])]
        print("| " + " | ".join(cells) + " |", flush=True)
    if 1 in args.workers and 2 in args.workers:
        for row in rows:
            print(f"{row['size']} articles: 2 workers {row['process1_s'] / row['process2_s']:.2f}x one worker")
    if len(rows) > 1:
        first, last_row, w = rows[0], rows[-1], args.workers[-1]
        print(f"time per article, {last_row['size']} vs {first['size']} ({w} worker(s)): "
              f"{(last_row[f'process{w}_s'] / last_row['articles']) / (first[f'process{w}_s'] / first['articles']):.2f}x "
              f"(1.0 = linear); peak RSS {last_row[f'process{w}_rss'] / first[f'process{w}_rss']:.2f}x")
    print(json.dumps(rows))


if __name__ == "__main__":
    main()
