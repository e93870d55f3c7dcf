"""Crawl speed on loopback: pages/s over 2,000 fixture pages (politeness off), and the time of an
unchanged re-crawl (conditional GETs answered 304) against the first crawl.

    .venv/bin/python benchmarks/crawl_speed.py [--pages 2000]

Starts its own HTTP server on 127.0.0.1 (pages made on request, each with an ETag), a sitemap
listing them all, and runs the real `presswatch crawl --live` twice in a temporary datasets
folder. Prints figures measured in this one run (speed, and each crawl's peak resident memory,
which should hardly grow with --pages); asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import sqlite_utils
import yaml

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))  # run as a script: make the repository's tests/ importable

from werkzeug import Request, Response

from tests.fixtures.sites.loopback import answer, serve_site

BODY = (
    "<!doctype html><html><head><meta charset='utf-8'><title>Messenger story {n}</title></head>"
    "<body><article><h1>Messenger story {n}</h1><p>The Loopback Gazette reports that Facebook "
    "will merge Messenger and WhatsApp; end-to-end encryption is the question.</p>"
    + "<p>Filler paragraph to give the page a realistic size.</p>" * 40
    + "</article></body></html>"
)


def make_site(pages: int) -> Callable[[Request], Response]:
    def respond(request: Request) -> Response:
        base, path = f"http://{request.host}", request.path
        if path == "/robots.txt":
            return answer(200, b"User-agent: *\nAllow: /\n", "text/plain")
        if path == "/sitemap.xml":
            urls = "".join(f"<url><loc>{base}/story/{n}.html</loc></url>" for n in range(pages))
            body = f"<?xml version='1.0'?><urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>{urls}</urlset>"
            return answer(200, body.encode(), "application/xml")
        if path.startswith("/story/"):
            n = path.split("/")[-1].split(".")[0]
            etag = f'"story-{n}"'
            if request.headers.get("If-None-Match") == etag:
                return answer(304, b"", None, {"ETag": etag})
            return answer(200, BODY.format(n=n).encode(), "text/html; charset=utf-8", {"ETag": etag})
        return answer(404, b"", "text/plain")

    return respond


def crawl(root: Path, base: str) -> tuple[float, float]:
    """Wall seconds and peak resident memory (MiB) of one `presswatch crawl` in its own process."""
    env = {**os.environ, "PRESSWATCH_DATASETS": str(root), "PRESSWATCH_POLITENESS": "off"}
    started = time.perf_counter()
    with tempfile.TemporaryFile() as errors:
        process = subprocess.Popen(
            [sys.executable, "-m", "presswatch", "crawl", "bench", "--live", "--allow-host", "127.0.0.1"],
            env=env, cwd=root, stdout=subprocess.DEVNULL, stderr=errors,
        )
        # wait4 gives this child's own peak RSS (getrusage(RUSAGE_CHILDREN) is the max of all).
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode:
            errors.seek(0)
            raise SystemExit(f"the crawl failed ({process.returncode}):\n{errors.read().decode(errors='replace')}")
    return elapsed, usage.ru_maxrss / 1024  # KiB on Linux


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=2000, help="story pages the loopback site serves (default: 2000)")
    pages = parser.parse_args().pages
    with serve_site(make_site(pages)) as base, tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        folder = root / "bench"
        folder.mkdir()
        config = {
            "name": "bench", "title": "Crawl benchmark", "description": "Loopback pages.",
            "license": {"name": "CC0"}, "stance_target": {"id": "t", "label": "the plan"},
            "crawl": {"max_depth": 0}, "keywords": ["Messenger", "WhatsApp"],
            "sources": [{"id": "bench", "name": "Bench", "family": "news", "url": base + "/",
                         "domains": ["127.0.0.1"], "sitemaps": [base + "/sitemap.xml"]}],
            "knowledge_base": [],
        }
        (folder / "dataset.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
        first, first_rss = crawl(root, base)
        second, second_rss = crawl(root, base)
        db = sqlite_utils.Database(folder / "build" / "bench.db")
        runs = list(db.query("select id, fetched, new, unchanged, duration_seconds from runs order by id"))
    fetched = runs[0]["fetched"]
    print(f"pages: {pages} (+ 1 sitemap); fetched in the first crawl: {fetched}, new: {runs[0]['new']}")
    print(f"first crawl:     {first:6.2f} s wall (process start to exit), {runs[0]['duration_seconds']:6.2f} s crawling"
          f" → {fetched / runs[0]['duration_seconds']:7.1f} pages/s crawling, {fetched / first:7.1f} pages/s overall")
    print(f"unchanged crawl: {second:6.2f} s wall, {runs[1]['duration_seconds']:6.2f} s crawling; "
          f"unchanged pages: {runs[1]['unchanged']} of {runs[1]['fetched']}")
    print(f"peak RSS:        first crawl {first_rss:6.1f} MiB, unchanged crawl {second_rss:6.1f} MiB")
    print(f"re-crawl / first crawl: {second / first:.2f} (wall), "
          f"{runs[1]['duration_seconds'] / runs[0]['duration_seconds']:.2f} (crawling)")


if __name__ == "__main__":
    main()
