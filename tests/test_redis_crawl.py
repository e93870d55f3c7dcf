"""Distributed crawling on a real redis-server (issue 7, item 1).

Two `presswatch crawl --redis` processes, each with its own dataset folder (as on two
machines), share one frontier in Redis and crawl a 500-page site on 127.0.0.1. Every page must
be recorded exactly once across the two databases (merged by `presswatch merge`), none lost,
including when one worker is killed with SIGKILL in the middle of the crawl.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import threading
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from werkzeug import Request, Response

from tests.conftest import PRESSWATCH, free_port, run_presswatch
from tests.fixtures.sites.loopback import answer, request_target, serve_site

PAGES = 500
PAGE_DELAY = 0.03  # seconds per page, so the crawl lasts long enough to kill a worker in it


class FictionalSite:
    """A sitemap of 500 pages of the fictional Harbour Ledger; each page links to the next two."""

    def __init__(self) -> None:
        self.hits: Counter[str] = Counter()
        self.lock = threading.Lock()

    def __call__(self, request: Request) -> Response:
        path = request_target(request)
        with self.lock:
            self.hits[path] += 1
        base = f"http://{request.host}"
        if path == "/sitemap.xml":
            urls = "".join(f"<url><loc>{base}/p/{i}.html</loc></url>" for i in range(PAGES))
            return answer(
                200,
                f'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'.encode(),
                "application/xml",
            )
        if path.startswith("/p/") and path.endswith(".html"):
            number = int(path[3:-5])
            time.sleep(PAGE_DELAY)
            links = "".join(
                f'<a href="/p/{n}.html">next</a>' for n in (number + 1, number + 2) if n < PAGES
            )
            page = (
                f"<html><head><title>Messaging story {number}</title></head><body><article>"
                f"<p>Facebook plans to merge Messenger and WhatsApp, story {number} of the "
                "Harbour Ledger.</p>"
                f"{links}</article></body></html>"
            )
            return answer(200, page.encode(), "text/html; charset=utf-8")
        return answer(404, b"not here", "text/plain")


SITE = FictionalSite()


@pytest.fixture
def site() -> Iterator[str]:
    SITE.hits.clear()
    with serve_site(SITE) as base:
        yield base


@pytest.fixture
def redis_url(tmp_path: Path) -> Iterator[str]:
    binary = shutil.which("redis-server")
    if binary is None:
        pytest.fail(
            "redis-server is not installed: `apt-get install -y redis-server` (Debian), as "
            ".ci/run does",
            pytrace=False,
        )
    port = free_port()
    server = subprocess.Popen(
        [
            binary,
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(tmp_path),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    import redis

    client = redis.Redis(port=port)
    for _ in range(100):
        try:
            client.ping()
            break
        except redis.ConnectionError:
            time.sleep(0.05)
    else:
        server.kill()
        pytest.fail(f"redis-server did not answer on 127.0.0.1:{port}", pytrace=False)
    try:
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        server.terminate()
        server.wait(timeout=10)


def _worker_folder(root: Path, site: str) -> Path:
    folder = root / "loopback"
    folder.mkdir(parents=True)
    config = {
        "name": "loopback",
        "title": "Loopback test",
        "description": "A fictional site on 127.0.0.1.",
        "license": {"name": "CC0"},
        "stance_target": {"id": "t", "label": "the plan"},
        "crawl": {"contact_url": "https://example.org/contact"},
        "sources": [
            {
                "id": "harbour-ledger",
                "name": "Harbour Ledger",
                "family": "news",
                "url": site + "/",
                "domains": ["127.0.0.1"],
            }
        ],
        "knowledge_base": [{"id": "facebook", "name": "Facebook", "type": "organization"}],
    }
    (folder / "dataset.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    return root


def _start_worker(root: Path, site: str, redis_url: str) -> subprocess.Popen[str]:
    env = {
        **os.environ,
        "PRESSWATCH_DATASETS": str(root),
        "PRESSWATCH_POLITENESS": "off",
        "PRESSWATCH_CRAWL_SETTINGS": json.dumps(
            {"PRESSWATCH_REDIS_HEARTBEAT": 5, "CONCURRENT_REQUESTS": 4}
        ),
    }
    return subprocess.Popen(
        [
            *PRESSWATCH,
            "crawl",
            "loopback",
            "--live",
            "--sitemap",
            site + "/sitemap.xml",
            "--allow-host",
            "127.0.0.1",
            "--redis",
            redis_url,
        ],
        env=env,
        cwd=root,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _fetch_count(db_path: Path, url: str | None = None) -> int:
    """Fetch rows committed so far (of `url` only, if given); 0 while the database is not there."""
    try:
        with sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=1) as conn:
            return conn.execute(
                "select count(*) from fetches where ? is null or url = ?", [url, url]
            ).fetchone()[0]
    except sqlite3.Error:
        return 0


def _merged_fetches(tmp_path: Path, roots: list[Path]) -> list[tuple[str, int]]:
    out = tmp_path / "merged.db"
    run_presswatch(
        "merge",
        str(out),
        *(str(r / "loopback" / "build" / "loopback.db") for r in roots),
        datasets_root=tmp_path,
    )
    with sqlite3.connect(out) as conn:
        return conn.execute("select url, status from fetches").fetchall()


def _expected(site: str) -> set[str]:
    return {f"{site}/p/{i}.html" for i in range(PAGES)} | {site + "/sitemap.xml"}


def _finish(worker: subprocess.Popen[str]) -> str:
    _stdout, stderr = worker.communicate(timeout=240)
    assert worker.returncode == 0, stderr
    return stderr


def test_two_workers_fetch_every_page_exactly_once(
    tmp_path: Path, site: str, redis_url: str
) -> None:
    roots = [_worker_folder(tmp_path / name, site) for name in ("machine-a", "machine-b")]
    workers = [_start_worker(root, site, redis_url) for root in roots]
    for worker in workers:
        _finish(worker)
    per_worker = [_fetch_count(r / "loopback" / "build" / "loopback.db") for r in roots]
    assert all(count > 0 for count in per_worker), (
        f"both workers should share the work: {per_worker}"
    )
    rows = _merged_fetches(tmp_path, roots)
    urls = Counter(url for url, _status in rows)
    assert set(urls) == _expected(site)
    assert [url for url, n in urls.items() if n > 1] == []
    assert all(status == 200 for _url, status in rows)
    # The server saw each page requested once: the shared dupefilter, not luck.
    assert {path: n for path, n in SITE.hits.items() if path.startswith("/p/") and n != 1} == {}
    warcs = sorted(
        p.name for r in roots for p in (r / "loopback" / "build" / "archive").glob("*.warc.gz")
    )
    assert len(warcs) == 2 and warcs[0] != warcs[1], warcs
    # A page this worker fetched is done in its own frontier, even when the sitemap that named
    # it was committed after its fetch (a shared crawl queues what a page names first).
    for root in roots:
        with sqlite3.connect(root / "loopback" / "build" / "loopback.db") as conn:
            misfiled = conn.execute(
                "select url, state from crawl_frontier where state != 'done'"
                " and url in (select url from fetches)"
            ).fetchall()
        assert misfiled == []


def test_a_killed_worker_loses_no_page(tmp_path: Path, site: str, redis_url: str) -> None:
    roots = [_worker_folder(tmp_path / name, site) for name in ("machine-a", "machine-b")]
    victim_db = roots[0] / "loopback" / "build" / "loopback.db"
    victim = _start_worker(roots[0], site, redis_url)
    survivor = _start_worker(roots[1], site, redis_url)
    deadline = time.monotonic() + 120
    while _fetch_count(victim_db) < 10:
        assert time.monotonic() < deadline, "the first worker never got going"
        assert victim.poll() is None, (
            "the crawl ended before the worker could be killed: slow the site down"
        )
        time.sleep(0.05)
    victim.send_signal(signal.SIGKILL)
    victim.wait(timeout=30)
    stderr = _finish(survivor)
    assert _fetch_count(victim_db) < PAGES, "the killed worker must have left work to the other"
    rows = _merged_fetches(tmp_path, roots)
    urls = Counter(url for url, _status in rows)
    assert set(urls) == _expected(site), (
        f"lost: {sorted(_expected(site) - set(urls))[:10]}; {stderr[-2000:]}"
    )
    assert [url for url, n in urls.items() if n > 1] == []
    assert all(SITE.hits[f"/p/{i}.html"] >= 1 for i in range(PAGES))
    # The pages the victim had in flight were put back on the queue by the survivor.
    log = "".join(p.read_text() for p in (roots[1] / "loopback" / "build" / "logs").glob("*.log"))
    assert "in flight at the dead worker" in log


def test_a_worker_killed_right_after_recording_the_sitemap_hands_over_every_url(
    tmp_path: Path, site: str, redis_url: str
) -> None:
    # The worker that fetches the sitemap must put its 500 URLs in the shared queue before the
    # sitemap counts as done; killed the moment its sitemap row is committed, it must not take
    # any of them with it.
    roots = [_worker_folder(tmp_path / name, site) for name in ("machine-a", "machine-b")]
    victim_db = roots[0] / "loopback" / "build" / "loopback.db"
    victim = _start_worker(roots[0], site, redis_url)
    deadline = time.monotonic() + 120
    while not _fetch_count(victim_db, site + "/sitemap.xml"):
        assert time.monotonic() < deadline, "the worker never recorded the sitemap"
        assert victim.poll() is None, "the worker ended before it could be killed"
        time.sleep(0.01)
    victim.send_signal(signal.SIGKILL)
    victim.wait(timeout=30)
    survivor = _start_worker(roots[1], site, redis_url)
    _finish(survivor)
    rows = _merged_fetches(tmp_path, roots)
    urls = Counter(url for url, _status in rows)
    assert set(urls) == _expected(site), f"lost: {sorted(_expected(site) - set(urls))[:10]}"
    assert [url for url, n in urls.items() if n > 1] == []


def test_a_dead_redis_is_a_clear_error(tmp_path: Path, site: str) -> None:
    root = _worker_folder(tmp_path / "machine-a", site)
    url = f"redis://127.0.0.1:{free_port()}/0"
    result = run_presswatch(
        "crawl",
        "loopback",
        "--live",
        "--sitemap",
        site + "/sitemap.xml",
        "--allow-host",
        "127.0.0.1",
        "--redis",
        url,
        datasets_root=root,
        check=False,
    )
    assert (
        result.returncode != 0
        and "no Redis server answers" in result.stderr
        and url in result.stderr
    )
