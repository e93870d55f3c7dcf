"""`presswatch process` on Dask against one process and against the retired spawn pool (issue 20).

    .venv/bin/python benchmarks/dask_speed.py [--articles 300] [--old-checkout DIR]
        [--real-pages DIR]

One synthetic corpus (benchmarks/synthetic.py), or with --real-pages up to --articles saved real
pages, is replayed once into a copy of the bundled dataset by the real CLI; fresh copies of that
crawled folder are then processed, in one run, by:

  one     `process --workers 1` (the in-process analyzer)
  dask2   `process --workers 2` (a LocalCluster of 2 worker processes)
  old2    `process --workers 2` of an older checkout (DIR, e.g. from
          `git archive 784070c | tar -x -C DIR`: the own spawn pool Dask replaced; or 6dbde54:
          Dask workers sent texts the command read and extracted, before they read the pages
          themselves); skipped without --old-checkout

For each: the whole command's wall-clock time, and the steady rate: articles written per second
from the first article written to 90% of the articles `one` wrote (start-up, which loads spaCy
in every worker, left out; the database is polled each second). The steady rate depends on the
shape of the pipeline (a mode that writes its first article early spreads its writes), so
compare wall times too. While a run goes, the resident memory of each worker process is
sampled each second; the first and last quarter of the run are printed (flat means no growth
with the corpus). The CPU time the command and its workers used (from /proc, sampled each
second) is printed per article: on a loaded shared machine the rates depend on how many
runnable processes a mode has, the CPU per article much less. Prints figures and ratios;
asserts nothing. On a shared machine, say what the load average was (printed before and after).
"""

from __future__ import annotations

import argparse
import gzip
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

from presswatch.store.archive import write_response  # noqa: E402

from benchmarks.replayed import DATASET, crawled_copy  # noqa: E402
from benchmarks.scale_build import descendants  # noqa: E402
from benchmarks.synthetic import write_archive  # noqa: E402


def real_pages_archive(folder: Path, articles: int, out: Path) -> int:
    """A WARC of up to `articles` saved real pages (NAME.html.gz beside NAME.json with its "url",
    as in /work/shared/corpora/news-pages-dev), each answered at its own URL; how many."""
    pages = sorted(folder.glob("*.html.gz"))[:articles]
    with open(out, "wb") as stream:
        for number, page in enumerate(pages):
            described = page.with_name(page.name.replace(".html.gz", ".json"))
            url = json.loads(described.read_text())["url"]
            date = f"2026-03-{1 + number % 28:02d}T09:00:00Z"
            write_response(
                stream,
                url,
                200,
                [("Content-Type", "text/html; charset=utf-8")],
                gzip.decompress(page.read_bytes()),
                date,
            )
    return len(pages)


def crawled_corpus(articles: int, work: Path, real_pages: Path | None = None) -> Path:
    archive = work / "synthetic.warc.gz"
    if real_pages is not None:
        real_pages_archive(real_pages, articles, archive)
    else:
        write_archive(articles, archive)
    return crawled_copy(archive, work)


def rss_mib(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def is_worker(pid: int) -> bool:
    """A spawned analysis process (the old pool's or a Dask worker's: both are multiprocessing
    spawns)."""
    try:
        return b"spawn_main" in Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return False


def cpu_seconds(pid: int) -> float:
    """User + system CPU time a process has used so far (0 once it is gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def articles_in(db: Path) -> int:
    conn = None
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=0.2)
        return conn.execute("select count(*) from articles").fetchone()[0]
    except sqlite3.Error:
        return 0
    finally:
        if conn is not None:
            conn.close()  # at once: an open reader would stop the stage's final switch out of WAL


def run_mode(
    name: str, crawled: Path, work: Path, workers: str, checkout: Path | None, pages: int
) -> dict:
    root = work / name
    shutil.copytree(crawled, root)
    db = root / DATASET / "build" / f"{DATASET}.db"
    env = {**os.environ, "PRESSWATCH_DATASETS": str(root)}
    if checkout is not None:
        env["PYTHONPATH"] = str(checkout)  # ahead of the installed (editable) presswatch
    started = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-m", "presswatch", "process", DATASET, "--workers", workers],
        env=env,
        cwd=root,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    first: tuple[float, int] | None = None
    last: tuple[float, int] = (0.0, 0)
    memory: dict[int, list[float]] = {}
    cpu: dict[int, float] = {}  # the command's and each worker's CPU seconds, last sampled
    while child.poll() is None:
        time.sleep(1.0)
        now = time.perf_counter() - started
        cpu[child.pid] = max(cpu.get(child.pid, 0.0), cpu_seconds(child.pid))
        for pid in descendants(child.pid):
            if is_worker(pid) and (rss := rss_mib(pid)):
                memory.setdefault(pid, []).append(rss)
                cpu[pid] = max(cpu.get(pid, 0.0), cpu_seconds(pid))
        # The database is polled only up to 90% of the pages: a reader at the very end would
        # hold a lock while the stage switches the database out of WAL mode.
        count = articles_in(db) if last[1] < 0.9 * pages else last[1]
        if count and first is None:
            first = (now, count)
        if count != last[1]:
            last = (now, count)
    wall = time.perf_counter() - started
    if child.returncode != 0:
        raise SystemExit(f"{name} failed:\n{child.stderr.read() if child.stderr else ''}")
    total = articles_in(db)  # the run is over
    steady = (
        (last[1] - first[1]) / (last[0] - first[0])
        if first and last[0] > first[0]
        else float("nan")
    )
    quarters = {}
    for pid, samples in memory.items():
        if len(samples) >= 8:
            quarter = len(samples) // 4
            quarters[pid] = (max(samples[:quarter]), max(samples[-quarter:]))
    command_cpu = cpu.pop(child.pid, 0.0)
    return {
        "wall": wall,
        "articles": total,
        "steady": steady,
        "memory": quarters,
        "command_cpu": command_cpu / max(total, 1),
        "workers_cpu": sum(cpu.values()) / max(total, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--old-checkout", type=Path, default=None)
    parser.add_argument(
        "--real-pages",
        type=Path,
        default=None,
        metavar="DIR",
        help="saved real pages instead of synthetic ones (e.g. ../shared/corpora/news-pages-dev)",
    )
    args = parser.parse_args()
    print(f"load average before: {os.getloadavg()}  cores: {os.cpu_count()}")
    with tempfile.TemporaryDirectory(prefix="dask-speed-") as tmp:
        work = Path(tmp)
        crawled = crawled_corpus(args.articles, work, args.real_pages)
        conn = sqlite3.connect(crawled / DATASET / "build" / f"{DATASET}.db")
        pages = conn.execute("select count(*) from fetches where status = 200").fetchone()[0]
        conn.close()
        print(f"pages to process: {pages}")
        modes = [("one", "1", None), ("dask2", "2", None)]
        if args.old_checkout:
            modes.append(("old2", "2", args.old_checkout.resolve()))
        results: dict[str, dict] = {}
        for name, workers, checkout in modes:
            # Up to 90% of the articles the first mode wrote (not every page is an article).
            expected = results["one"]["articles"] if results else pages
            results[name] = run_mode(name, crawled, work, workers, checkout, expected)
    for name, result in results.items():
        print(
            f"{name:6} {result['articles']} articles  wall {result['wall']:.1f} s  "
            f"steady {result['steady']:.2f} articles/s  CPU per article: command "
            f"{1000 * result['command_cpu']:.0f} ms, "
            f"workers {1000 * result['workers_cpu']:.0f} ms"
        )
        for pid, (early, late) in result["memory"].items():
            print(
                f"       worker {pid}: RSS max first quarter {early:.0f} MiB, "
                f"last quarter {late:.0f} MiB"
            )
    one, dask2 = results["one"], results["dask2"]
    print(
        f"dask2 / one   steady rate {dask2['steady'] / one['steady']:.2f}x   "
        f"wall {one['wall'] / dask2['wall']:.2f}x"
    )
    if "old2" in results:
        old2 = results["old2"]
        print(
            f"dask2 / old2  steady rate {dask2['steady'] / old2['steady']:.2f}x   "
            f"wall {old2['wall'] / dask2['wall']:.2f}x"
        )
    print(f"load average after: {os.getloadavg()}")


if __name__ == "__main__":
    main()
