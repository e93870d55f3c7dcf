"""Re-crawl speed: a first crawl of N synthetic articles, then an unchanged re-crawl, replayed
from a WARC and live on loopback (conditional GETs answered 304 Not Modified).

    .venv/bin/python benchmarks/recrawl_speed.py [--pages 1000] [--profile DIR]

In one run on this machine, each step being the real CLI in its own process:

1. replay: `presswatch crawl fb-messaging-integration --replay synthetic.warc.gz` of N
   synthetic articles (benchmarks/synthetic.py) in a copy of the dataset, then the same command
   again: every body is identical, so every page is `unchanged`;
2. live: a loopback server answers the same N pages (each with an ETag) and a sitemap listing
   them; `presswatch crawl --live` twice, the second answered 304 for every page.

Prints pages/s of each crawl (pages recorded / seconds the crawl stage took, and per wall second
from process start to exit) and the ratios re-crawl / first crawl. Checks that the re-crawls
really found every page unchanged, so a fast but wrong crawl cannot pass for a fast one. With
--profile, each crawl runs under cProfile and writes DIR/<step>.prof. Asserts nothing else.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
from presswatch.store.archive import iter_responses
from werkzeug import Request, Response

from benchmarks.synthetic import write_archive
from tests.fixtures.sites.loopback import answer, serve_site

DATASET = "fb-messaging-integration"
LIVE_DATASET = "recrawl-bench"


def crawl(root: Path, name: str, args: list[str], profile: Path | None) -> float:
    """Wall seconds of `presswatch crawl NAME ARGS` in a fresh process (politeness off)."""
    env = {**os.environ, "PRESSWATCH_DATASETS": str(root), "PRESSWATCH_POLITENESS": "off"}
    runner = [sys.executable]
    if profile is not None:
        runner += ["-m", "cProfile", "-o", str(profile)]
    started = time.perf_counter()
    result = subprocess.run([*runner, "-m", "presswatch", "crawl", name, *args],
                            env=env, cwd=REPO, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"presswatch crawl {name} {' '.join(args)} failed:\n{result.stderr[-3000:]}")
    return seconds


def last_runs(db_path: Path) -> list[dict[str, Any]]:
    with sqlite3.connect(db_path) as conn:
        conn.row_factory = sqlite3.Row
        rows = conn.execute(
            "select fetched, new, changed, unchanged, failed, skipped, duration_seconds from runs "
            "where command = 'crawl' order by id desc limit 2"
        ).fetchall()
    return [dict(row) for row in reversed(rows)]


def pages_by_path(archive: Path) -> dict[str, bytes]:
    """/news/NNNNNN.html → the synthetic page's HTML, to serve live."""
    from urllib.parse import urlsplit

    return {urlsplit(response.url).path: response.body for _offset, response in iter_responses(archive)}


def make_site(pages: dict[str, bytes]) -> Callable[[Request], Response]:
    etags = {path: '"' + hashlib.sha256(body).hexdigest()[:16] + '"' for path, body in pages.items()}

    def respond(request: Request) -> Response:
        base, path = f"http://{request.host}", request.path
        if path == "/robots.txt":
            return answer(200, b"User-agent: *\nAllow: /\n", "text/plain")
        if path == "/sitemap.xml":
            urls = "".join(f"<url><loc>{base}{page}</loc></url>" for page in pages)
            body = ("<?xml version='1.0'?><urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>"
                    f"{urls}</urlset>")
            return answer(200, body.encode(), "application/xml")
        if path in pages:
            etag = etags[path]
            if request.headers.get("If-None-Match") == etag:
                return answer(304, b"", None, {"ETag": etag})
            return answer(200, pages[path], "text/html; charset=utf-8", {"ETag": etag})
        return answer(404, b"", "text/plain")

    return respond


def live_dataset(root: Path, base: str) -> None:
    """The demo dataset's topic (keywords, knowledge base) with one loopback source and its sitemap."""
    config = yaml.safe_load((REPO / "datasets" / DATASET / "dataset.yml").read_text(encoding="utf-8"))
    config.pop("offline", None)
    config["name"] = LIVE_DATASET
    config["crawl"] = {**(config.get("crawl") or {}), "max_depth": 0}
    config["sources"] = [{"id": "harbour-ledger", "name": "Harbour Ledger (synthetic)", "family": "news",
                          "url": base + "/", "domains": ["127.0.0.1"], "sitemaps": [base + "/sitemap.xml"]}]
    folder = root / LIVE_DATASET
    folder.mkdir(parents=True)
    (folder / "dataset.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")


def report(label: str, walls: tuple[float, float], runs: list[dict[str, Any]]) -> dict[str, float]:
    first, again = runs
    if again["unchanged"] < again["fetched"] - again["failed"] - 1:  # the sitemap may change
        print(f"WARNING {label}: the re-crawl found only {again['unchanged']} of {again['fetched']} pages unchanged")
    figures: dict[str, float] = {}
    for name, run, wall in (("first crawl", first, walls[0]), ("unchanged re-crawl", again, walls[1])):
        rate = run["fetched"] / run["duration_seconds"]
        figures[name] = rate
        print(f"{label} {name:19s} {run['fetched']:6d} pages ({run['new']} new, {run['unchanged']} unchanged, "
              f"{run['failed']} failed): {run['duration_seconds']:7.2f} s crawling → {rate:7.1f} pages/s; "
              f"{wall:7.2f} s wall → {run['fetched'] / wall:7.1f} pages/s")
    print(f"{label} re-crawl / first crawl: {again['duration_seconds'] / first['duration_seconds']:.2f} (crawling), "
          f"{walls[1] / walls[0]:.2f} (wall)")
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--profile", type=Path, default=None, help="write a cProfile file per crawl into this folder")
    parser.add_argument("--skip-live", action="store_true", help="only the replay crawls")
    args = parser.parse_args()
    if args.profile:
        args.profile.mkdir(parents=True, exist_ok=True)

    def profile(step: str) -> Path | None:
        return args.profile / f"{step}.prof" if args.profile else None

    with tempfile.TemporaryDirectory(prefix="presswatch-recrawl-") as tmp:
        work = Path(tmp)
        archive = work / "synthetic.warc.gz"
        write_archive(args.pages, archive)
        replay_root = work / "replay"
        shutil.copytree(REPO / "datasets" / DATASET, replay_root / DATASET, ignore=shutil.ignore_patterns("build"))
        replay = ["--replay", str(archive)]
        walls = (crawl(replay_root, DATASET, replay, profile("replay-first")),
                 crawl(replay_root, DATASET, replay, profile("replay-again")))
        print(f"pages: {args.pages} synthetic articles (benchmarks/synthetic.py)")
        report("replay", walls, last_runs(replay_root / DATASET / "build" / f"{DATASET}.db"))
        if args.skip_live:
            return
        with serve_site(make_site(pages_by_path(archive))) as base:
            live_root = work / "live"
            live_dataset(live_root, base)
            live = ["--live", "--allow-host", "127.0.0.1"]
            walls = (crawl(live_root, LIVE_DATASET, live, profile("live-first")),
                     crawl(live_root, LIVE_DATASET, live, profile("live-again")))
        report("live  ", walls, last_runs(live_root / LIVE_DATASET / "build" / f"{LIVE_DATASET}.db"))


if __name__ == "__main__":
    main()
