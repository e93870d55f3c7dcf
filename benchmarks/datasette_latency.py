"""Datasette latency on a large presswatch database: median and worst of each page, on loopback.

Generates (if missing) 100,000 articles / 1,000,000 quotes with benchmarks/generate_large_db.py,
runs the publish step (publication tables, indexes), serves it exactly as `presswatch serve` does
(immutable, with an inspect file for row counts), then times the quotes table page with facets,
full-text searches and every canned query. Target: every page under 200 ms median.

    .venv/bin/python benchmarks/datasette_latency.py [--db PATH] [--repeat 7]
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from benchmarks.generate_large_db import generate
from pipeline.publish import (
    PLUGINS_DIR,
    STATIC_DIR,
    TEMPLATES_DIR,
    datasette_arguments,
    prepare_for_serving,
)
from tests.conftest import free_port, wait_for_http

DB = "fb-messaging-integration"


def page_parameters(db_path: Path) -> dict[str, str]:
    """What the pages ask for, taken from the served database, so that every page times rows that
    exist whether the database was generated (ids like a000123) or built by `presswatch` (hashes):
    the most-quoted speaker, the entity most named inside quotes, the article with the most
    versions, the middle article by id. Read after the publish step (quote_facts, quote_mentions)."""
    queries = {
        "speaker": "select speaker_entity_id from quote_facts where speaker_entity_id is not null"
                   " group by 1 order by count(*) desc, 1 limit 1",
        "entity": "select entity_id from quote_mentions group by 1 order by count(*) desc, 1 limit 1",
        "changed": "select article_id from article_versions group by 1 order by count(*) desc, 1 limit 1",
        "article": "select id from articles order by id limit 1 offset (select count(*) / 2 from articles)",
        "outlet": "select publisher from articles where publisher is not null group by 1 order by count(*) desc, 1 limit 1",
    }
    with sqlite3.connect(db_path) as conn:
        found = {name: conn.execute(sql).fetchone() for name, sql in queries.items()}
    if not found["changed"] or not found["changed"][0]:
        # The generated database has no article_versions: what_changed is timed on an article
        # without versions (an index lookup that finds nothing).
        found["changed"] = found["article"]
    missing = [name for name, row in found.items() if not row or not row[0]]
    if missing:
        raise SystemExit(f"{db_path}: no {', '.join(missing)} to ask for; is it a processed presswatch database?")
    return {name: urllib.parse.quote(row[0], safe="") for name, row in found.items()}


def pages(ask: dict[str, str]) -> dict[str, str]:
    return {
        "quotes table, metadata facets": f"/{DB}/quotes",
        "quotes table, + live facet on medium": f"/{DB}/quotes?_facet=medium",
        "quote_facts table, 5 facets": f"/{DB}/quote_facts",
        "articles table, default facets": f"/{DB}/articles",
        "FTS: quotes search": f"/{DB}/quotes?_search=backdoor+regulators",
        "FTS: articles, 1 common word": f"/{DB}/articles?_search=antitrust",
        "FTS: articles, 2 words": f"/{DB}/articles?_search=antitrust+backdoor",
        "who_said_what (speaker)": f"/{DB}/who_said_what?speaker={ask['speaker']}&stance=",
        "who_said_what (all)": f"/{DB}/who_said_what?speaker=&stance=",
        "stance_over_time": f"/{DB}/stance_over_time?speaker={ask['speaker']}",
        "stance_counts": f"/{DB}/stance_counts",
        "quotes_mentioning": f"/{DB}/quotes_mentioning?entity={ask['entity']}",
        "claims_by_topic": f"/{DB}/claims_by_topic?topic=antitrust&hedge=",
        "coverage_timeline": f"/{DB}/coverage_timeline?outlet=",
        "syndicated_story_outlets": f"/{DB}/syndicated_story_outlets?article=",
        "what_changed": f"/{DB}/what_changed?article={ask['changed']}",
        "new_articles_feed (.atom)": f"/{DB}/new_articles_feed.atom",
        "new_quotes_feed (.atom)": f"/{DB}/new_quotes_feed.atom",
        "article page": f"/{DB}/article/{ask['article']}",
        "start page": f"/{DB}",
        "person page (most quoted)": f"/{DB}/person/{ask['speaker']}",
        "outlet page (most articles)": f"/{DB}/outlet/{ask['outlet']}",
        "charts page": f"/{DB}/-/charts",
        "search quotes and articles": f"/{DB}/-/search?q=antitrust",
    }


def timed_get(url: str) -> float:
    started = time.perf_counter()
    with urllib.request.urlopen(url, timeout=60) as response:
        response.read()
        if response.status != 200:
            raise RuntimeError(f"{url}: HTTP {response.status}")
    return (time.perf_counter() - started) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", type=Path, default=Path("/tmp/presswatch-bench") / f"{DB}.db")
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    if not args.db.exists():
        started = time.monotonic()
        generate(args.db, 100_000, 1_000_000)
        print(f"generated {args.db} in {time.monotonic() - started:.0f} s")
    started = time.monotonic()
    metadata = prepare_for_serving(args.db, REPO / "metadata.yml")
    inspect = args.db.parent / "inspect.json"
    subprocess.run([sys.executable, "-m", "datasette", "inspect", str(args.db), "--inspect-file", str(inspect)], check=True)
    print(f"publish step (publication tables, indexes, inspect): {time.monotonic() - started:.1f} s")
    ask = page_parameters(args.db)
    print("asking for: " + ", ".join(f"{name} {value}" for name, value in ask.items()))
    timed_pages = pages(ask)
    port = free_port()
    command = [sys.executable, "-m", "datasette", "serve", *datasette_arguments(
        str(args.db), str(metadata), str(PLUGINS_DIR), str(TEMPLATES_DIR), str(STATIC_DIR), inspect_file=str(inspect),
    ), "--port", str(port)]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for_http(base + "/-/versions.json", server, timeout=60)
        print(f"{'page':40} {'median ms':>10} {'worst ms':>10}  target < 200 ms median")
        slow = 0
        for name, path in timed_pages.items():
            timed_get(base + path)  # warm-up: first use of each index/page
            samples = [timed_get(base + path) for _ in range(args.repeat)]
            median = statistics.median(samples)
            slow += median >= 200
            print(f"{name:40} {median:10.1f} {max(samples):10.1f}  {'ok' if median < 200 else 'SLOW'}")
        print(f"{len(timed_pages) - slow}/{len(timed_pages)} pages under 200 ms median ({args.repeat} requests each after a warm-up)")
    finally:
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    main()
