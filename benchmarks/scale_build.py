"""End-to-end build of N synthetic articles: time and peak memory per stage, and a re-crawl.

For each size, in one run on this machine: write N synthetic article pages to a WARC
(benchmarks/synthetic.py), replay it with the real CLI (`presswatch crawl DATASET --replay`),
then `presswatch process` the crawled copy with each --workers count asked for (a fresh copy
each). After the last of them, the same archive is built again (`presswatch build --replay`):
every page is unchanged, which is what a scheduled re-crawl of a quiet news day costs. Each
command runs in its own process; its peak RSS is the largest single process of the command
(the parent or one of its spaCy workers: getrusage when it ends, VmHWM sampled while it runs).
Prints a table and the ratios (time per article across sizes, 2 workers vs 1, peak RSS growth,
re-crawl vs first build). Asserts nothing.

    .venv/bin/python benchmarks/scale_build.py --sizes 1000 10000 --workers 2

A build longer than one sitting (100,000 articles is hours of both cores) can be stopped and
resumed: with --work DIR, each size keeps a ledger (DIR/ledger-N.json, rewritten every few
seconds) of the stages done and of the seconds and peak RSS of the one under way. Killed and
started again with the same arguments, the run skips the finished stages and starts the
interrupted one again: `process` carries on with the pages still pending (its own restart,
model loading included, is counted), any other stage starts over from its input. A stage's
time is the sum of its segments; the table says how many there were.

    .venv/bin/python benchmarks/scale_build.py --sizes 100000 --workers 2 --work ~/scale-100k
"""

from __future__ import annotations

import argparse
import ctypes
import json
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from datetime import datetime
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
from benchmarks.synthetic import write_archive

DATASET = "fb-messaging-integration"
SAMPLE_EVERY = 5.0  # seconds; a kill loses at most this much of a segment's time


class Ledger:
    """One size's stages: {stage: {"seconds", "rss",
    "segments", "done"}}, saved after each change."""

    def __init__(self, path: Path):
        self.path = path
        self.stages: dict[str, dict] = json.loads(path.read_text()) if path.exists() else {}

    def done(self, stage: str) -> bool:
        return self.stages.get(stage, {}).get("done", False)

    def start(self, stage: str) -> dict:
        entry = self.stages.setdefault(
            stage, {"seconds": 0.0, "rss": 0.0, "segments": 0, "done": False}
        )
        entry["segments"] += 1
        return entry

    def save(self) -> None:
        partial = self.path.with_suffix(".partial")
        partial.write_text(json.dumps(self.stages, indent=1))
        os.replace(partial, self.path)


def die_with_parent() -> None:
    """In the child before exec: killed when the benchmark dies, so a killed run leaves no orphan
    writing on while the ledger stops counting its time."""
    ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # 1 = PR_SET_PDEATHSIG


def descendants(root: int) -> list[int]:
    """Every live process below `root`, from /proc's parent links."""
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                stat = Path(entry.path, "stat").read_text()
            except OSError:
                continue
            parent = int(stat.rsplit(")", 1)[1].split()[1])
            children.setdefault(parent, []).append(int(entry.name))
    found, todo = [], [root]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def peak_rss_mib(pids: list[int]) -> float:
    """The largest VmHWM (peak resident set) among `pids`, in MiB."""
    peak = 0
    for pid in pids:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    peak = max(peak, int(line.split()[1]))
        except OSError:
            continue
    return peak / 1024


def timed(args: list[str], root: Path, ledger: Ledger, stage: str) -> tuple[float, float]:
    """(seconds, peak RSS MiB) of `presswatch ARGS` in a fresh process, summed over its segments."""
    if ledger.done(stage):
        return ledger.stages[stage]["seconds"], ledger.stages[stage]["rss"]
    entry = ledger.start(stage)
    before, log = entry["seconds"], ledger.path.with_name(f"{ledger.path.stem}-{stage}.stderr")
    # PYTHONPATH: the checkout this script is in, even when another one is installed
    env = {**os.environ, "PRESSWATCH_DATASETS": str(root), "PYTHONPATH": str(REPO)}
    # The child is forked (preexec_fn) and starts with this process's pages counted in its
    # peak, so a wait4 peak no larger than ours says nothing about the child (the test suite
    # calls this from a process that has loaded spaCy pipelines).
    own_peak = peak_rss_mib([os.getpid()])
    started = time.monotonic()
    with open(log, "a") as stderr:
        child = subprocess.Popen(
            [sys.executable, "-m", "presswatch", *args],
            env=env,
            cwd=root,
            stdout=subprocess.DEVNULL,
            stderr=stderr,
            preexec_fn=die_with_parent,
        )
    ended: dict[str, object] = {}

    def wait() -> None:  # blocks in wait4 so the end is seen at once and its rusage kept
        _, ended["status"], ended["usage"] = os.wait4(child.pid, 0)
        ended["at"] = time.monotonic()

    waiter = threading.Thread(target=wait, daemon=True)
    waiter.start()
    while waiter.join(SAMPLE_EVERY) or waiter.is_alive():
        entry["rss"] = max(entry["rss"], peak_rss_mib([child.pid, *descendants(child.pid)]))
        entry["seconds"] = before + time.monotonic() - started
        ledger.save()
    entry["seconds"] = before + ended["at"] - started
    status, usage = ended["status"], ended["usage"]
    if os.waitstatus_to_exitcode(status) != 0:
        ledger.save()
        raise SystemExit(
            f"presswatch {' '.join(args)} failed:\n" + "\n".join(log.read_text().splitlines()[-40:])
        )
    # wait4's ru_maxrss: the largest of the command and the descendants it waited for (its workers)
    if usage.ru_maxrss / 1024 > own_peak:
        entry["rss"] = max(entry["rss"], usage.ru_maxrss / 1024)
    entry["done"] = True
    ledger.save()
    return entry["seconds"], entry["rss"]


PROGRESS_LINE = re.compile(r"^(\S+ \S+) INFO presswatch: process: (\d+) of (\d+) pages")


def rate_by_tenth(logs: list[Path], size: int) -> list[list[float]]:
    """[first page of the tenth, pages/s] through each tenth of the build, from the progress
    lines the process runs log every 1,000 pages (a span cut by a kill is left out: its time
    is not known)."""
    tenth, spans = max(1, size // 10), {}
    for log in sorted(logs):
        previous = None
        for line in log.read_text(encoding="utf-8").splitlines():
            if match := PROGRESS_LINE.match(line):
                at = datetime.strptime(match[1], "%Y-%m-%d %H:%M:%S,%f").timestamp()
                position = (
                    size - int(match[3]) + int(match[2])
                )  # a resumed run counts what was left
                if previous:
                    pages, seconds = spans.get(previous[0] // tenth, (0, 0.0))
                    spans[previous[0] // tenth] = (
                        pages + position - previous[0],
                        seconds + at - previous[1],
                    )
                previous = (position, at)
    return [
        [index * tenth, pages / seconds]
        for index, (pages, seconds) in sorted(spans.items())
        if seconds > 0
    ]


def articles_in(folder: Path) -> int:
    with sqlite3.connect(folder / "build" / f"{DATASET}.db") as conn:
        return conn.execute("select count(*) from articles").fetchone()[0]


def fresh_copy(source: Path, target: Path) -> None:
    """`source` copied to `target` whole, or not at all (a copy cut short is thrown away)."""
    partial = target.with_name(target.name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)
    shutil.copytree(
        source, partial, ignore=shutil.ignore_patterns("build") if source.name == DATASET else None
    )
    partial.rename(target)


def run_size(
    size: int, work: Path, worker_counts: list[int], keep: bool = False
) -> dict[str, float]:
    ledger = Ledger(work / f"ledger-{size}.json")
    crawled, archive = work / f"crawl-{size}", work / f"synthetic-{size}.warc.gz"
    if not ledger.done("archive"):
        write_archive(size, archive.with_suffix(".partial"))
        archive.with_suffix(".partial").rename(archive)
        ledger.stages["archive"] = {"done": True}
        ledger.save()
    if not ledger.done("crawl"):  # a crawl cut short starts over from an empty dataset
        shutil.rmtree(crawled, ignore_errors=True)
        fresh_copy(REPO / "datasets" / DATASET, crawled / DATASET)
    crawl_s, crawl_rss = timed(
        ["crawl", DATASET, "--replay", str(archive)], crawled, ledger, "crawl"
    )
    row: dict[str, float] = {
        "size": size,
        "crawl_s": crawl_s,
        "crawl_rss": crawl_rss,
        "segments": 1,
    }
    for workers in worker_counts:
        copy, stage = work / f"process-{size}-w{workers}", f"process{workers}"
        last = workers == worker_counts[-1]
        if not ledger.done(stage) and not copy.exists():
            fresh_copy(crawled, copy)
        seconds, rss = timed(["process", DATASET, "--workers", str(workers)], copy, ledger, stage)
        row[f"process{workers}_s"], row[f"process{workers}_rss"] = seconds, rss
        row["segments"] = max(row["segments"], ledger.stages[stage]["segments"])
        if "articles" not in ledger.stages[stage]:
            ledger.stages[stage]["articles"] = articles_in(copy / DATASET)
            ledger.save()
        row["articles"] = ledger.stages[stage]["articles"]
        if "rate_by_tenth" not in ledger.stages[stage]:
            logs = list((copy / DATASET / "build" / "logs").glob("*-process.log"))
            ledger.stages[stage]["rate_by_tenth"] = rate_by_tenth(logs, size)
            ledger.save()
        row[f"process{workers}_tenths"] = ledger.stages[stage]["rate_by_tenth"]
        if last:
            row["recrawl_s"], row["recrawl_rss"] = timed(
                ["build", DATASET, "--replay", str(archive), "--workers", str(workers)],
                copy,
                ledger,
                "recrawl",
            )
            row["recrawl_workers"] = workers
            if copy.exists() and articles_in(copy / DATASET) != row["articles"]:
                raise SystemExit("the unchanged re-crawl changed the number of articles")
        if not (last and keep):
            shutil.rmtree(copy, ignore_errors=True)
    shutil.rmtree(crawled, ignore_errors=True)
    archive.unlink(missing_ok=True)
    return row


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000])
    parser.add_argument(
        "--workers",
        type=int,
        nargs="+",
        default=[1, 2],
        help="--workers counts to process each size with (default: 1 2)",
    )
    parser.add_argument(
        "--work",
        type=Path,
        default=None,
        help=(
            "scratch folder, kept with a ledger per size so a killed run resumes (default: a "
            "temporary one)"
        ),
    )
    parser.add_argument(
        "--keep",
        action="store_true",
        help=(
            "keep each size's built dataset (WORK/process-N-wW/) for "
            "benchmarks/datasette_latency.py --db"
        ),
    )
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="presswatch-scale-"))
    work.mkdir(parents=True, exist_ok=True)
    rows = []
    print(
        "| pages | articles | crawl s (pages/s) | "
        + " | ".join(
            f"process s, {w} worker{'s' if w > 1 else ''} (articles/s)" for w in args.workers
        )
        + " | first build s | unchanged re-build s (% of first) | peak RSS MiB crawl / "
        + " / ".join(f"process {w}" for w in args.workers)
        + " / re-build |"
    )
    print("|---" * (6 + len(args.workers)) + "|")
    for size in args.sizes:
        row = run_size(size, work, args.workers, args.keep)
        rows.append(row)
        last = args.workers[-1]
        first_build = row["crawl_s"] + row[f"process{last}_s"]
        cells = [
            f"{size}",
            f"{row['articles']:.0f}",
            f"{row['crawl_s']:.1f} ({size / row['crawl_s']:.0f})",
        ]
        cells += [
            f"{row[f'process{w}_s']:.1f} ({row['articles'] / row[f'process{w}_s']:.1f})"
            for w in args.workers
        ]
        cells += [
            f"{first_build:.1f}",
            f"{row['recrawl_s']:.1f} ({100 * row['recrawl_s'] / first_build:.1f}%)",
        ]
        cells += [
            "{:.0f} / {} / {:.0f}".format(
                row["crawl_rss"],
                " / ".join(f"{row[f'process{w}_rss']:.0f}" for w in args.workers),
                row["recrawl_rss"],
            )
        ]
        print("| " + " | ".join(cells) + " |", flush=True)
        tenths = row[f"process{last}_tenths"]
        if len(tenths) >= 2:
            print(
                f"({size} articles, process with {last} worker(s), pages/s from page N on: "
                + ", ".join(f"{start:.0f}: {rate:.1f}" for start, rate in tenths)
                + f"; last tenth / first {tenths[-1][1] / tenths[0][1]:.2f})"
            )
        if row["segments"] > 1:
            print(
                f"({size} articles: the process stage ran in {row['segments']:.0f} segments, "
                "killed and resumed)"
            )
    if 1 in args.workers and 2 in args.workers:
        for row in rows:
            print(
                f"{row['size']} articles: 2 workers {row['process1_s'] / row['process2_s']:.2f}x "
                "one worker"
            )
    if len(rows) > 1:
        first, last_row, w = rows[0], rows[-1], args.workers[-1]
        per_article = (last_row[f"process{w}_s"] / last_row["articles"]) / (
            first[f"process{w}_s"] / first["articles"]
        )
        print(
            f"time per article, {last_row['size']} vs {first['size']} ({w} worker(s)): "
            f"{per_article:.2f}x "
            "(1.0 = linear); peak RSS "
            f"{last_row[f'process{w}_rss'] / first[f'process{w}_rss']:.2f}x"
        )
    print(json.dumps(rows))


if __name__ == "__main__":
    main()
