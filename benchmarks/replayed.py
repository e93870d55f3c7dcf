"""A crawled copy of the bundled dataset: the starting point of the benchmarks that time the
stages after the crawl (benchmarks/process_speed.py, benchmarks/dask_speed.py).

The copy lives under the benchmark's work folder, never in datasets/, so a benchmark never
touches the repository's own build.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DATASET = "fb-messaging-integration"


def crawled_copy(archive: Path, work: Path) -> Path:
    """work/crawled: a copy of datasets/DATASET (without its build) into which `archive` was
    crawled with `presswatch crawl --replay`; returns it, the root for PRESSWATCH_DATASETS."""
    root = work / "crawled"
    shutil.copytree(
        REPO / "datasets" / DATASET, root / DATASET, ignore=shutil.ignore_patterns("build")
    )
    subprocess.run(
        [sys.executable, "-m", "presswatch", "crawl", DATASET, "--replay", str(archive)],
        env={**os.environ, "PRESSWATCH_DATASETS": str(root)},
        cwd=root,
        check=True,
        capture_output=True,
    )
    return root
