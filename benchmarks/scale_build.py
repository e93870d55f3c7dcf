"""End-to-end build of N synthetic articles: time and peak memory per stage, 1 vs 2 workers.

For each size, in one run on this machine: write N synthetic article pages to a WARC
(benchmarks/synthetic.py), replay it with the real CLI (`presswatch crawl DATASET --replay`),
then `presswatch process` the crawled copy with --workers 1 and, on a second copy, with
--workers 2. Each command runs in its own process; its peak RSS is that process tree's
(the largest of the parent and its spaCy workers, from getrusage). Prints a table and the
ratios (time per article across sizes, 2 workers vs 1, peak RSS growth). Asserts nothing.

    .venv/bin/python benchmarks/scale_build.py --sizes 1000 10000
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


def run_size(size: int, work: Path) -> dict[str, float]:
    crawled = work / f"crawl-{size}"
    shutil.copytree(REPO / "datasets" / DATASET, crawled / DATASET, ignore=shutil.ignore_patterns("build"))
    archive = work / f"synthetic-{size}.warc.gz"
    write_archive(size, archive)
    crawl_s, crawl_rss = timed(["crawl", DATASET, "--replay", str(archive)], crawled)
    row: dict[str, float] = {"size": size, "crawl_s": crawl_s, "crawl_rss": crawl_rss}
    for workers in (1, 2):
        copy = work / f"process-{size}-w{workers}"
        shutil.copytree(crawled, copy)
        seconds, rss = timed(["process", DATASET, "--workers", str(workers)], copy)
        row[f"process{workers}_s"], row[f"process{workers}_rss"] = seconds, rss
        row["articles"] = articles_in(copy / DATASET)
        shutil.rmtree(copy)
    shutil.rmtree(crawled)
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000])
    parser.add_argument("--work", type=Path, default=None, help="scratch folder (default: a temporary one)")
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="presswatch-scale-"))
    work.mkdir(parents=True, exist_ok=True)
    rows = []
    print("| pages | articles | crawl s | crawl pages/s | process s (1 worker) | articles/s | process s (2 workers) | 2 vs 1 | peak RSS MiB (crawl / process 1 / process 2) |")
    print("|---|---|---|---|---|---|---|---|---|")
    for size in args.sizes:
        row = run_size(size, work)
        rows.append(row)
        print(f"| {size} | {row['articles']:.0f} | {row['crawl_s']:.1f} | {size / row['crawl_s']:.1f} | "
              f"{row['process1_s']:.1f} | {row['articles'] / row['process1_s']:.1f} | {row['process2_s']:.1f} | "
              f"{row['process1_s'] / row['process2_s']:.2f}× | {row['crawl_rss']:.0f} / {row['process1_rss']:.0f} / {row['process2_rss']:.0f} |",
              flush=True)
    if len(rows) > 1:
        first, last = rows[0], rows[-1]
        print(f"time per article, {last['size']} vs {first['size']}: "
              f"{(last['process1_s'] / last['articles']) / (first['process1_s'] / first['articles']):.2f}× "
              f"(1.0 = linear); peak RSS (1 worker) {last['process1_rss'] / first['process1_rss']:.2f}×")
    print(json.dumps(rows))


if __name__ == "__main__":
    main()
