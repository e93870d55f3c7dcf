"""Every script in benchmarks/ still runs, end to end, on a tiny input, and prints its figures.

One test per script, each the script's own command line in a child process (as the README gives
it) with the smallest sizes its options allow. No figure is judged: speed is the scripts' job,
on the 2-core machine, not the suite's. What is checked is that a benchmark has not rotted: it
exits 0 and prints the lines its readers look for, with numbers in them.
"""

from __future__ import annotations

import os
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
LAYOUTS = REPO / "tests" / "fixtures" / "extract" / "layouts"
NUMBER = r"\d+(?:\.\d+)?"

pytestmark = pytest.mark.slow


def run_benchmark(script: str, *arguments: str, tmp_path: Path, timeout: int = 300) -> str:
    """Run benchmarks/<script> with the test's interpreter; its temporary files go under
    tmp_path."""
    environment = dict(os.environ, TMPDIR=str(tmp_path), PYTHONUNBUFFERED="1")
    done = subprocess.run(
        [sys.executable, str(REPO / "benchmarks" / script), *arguments],
        cwd=REPO,
        env=environment,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert done.returncode == 0, f"{script} exited {done.returncode}:\n{done.stdout}\n{done.stderr}"
    print(done.stdout)  # the figures, for whoever reads the test log
    return done.stdout


def test_synthetic_writes_the_pages_asked_for(tmp_path: Path) -> None:
    warc = tmp_path / "synthetic.warc.gz"
    output = run_benchmark("synthetic.py", "5", str(warc), tmp_path=tmp_path)
    assert "5 synthetic article pages" in output
    assert warc.stat().st_size > 1000


def test_generate_large_db_writes_a_processed_database(tmp_path: Path) -> None:
    db_path = tmp_path / "bench.db"
    output = run_benchmark(
        "generate_large_db.py",
        str(db_path),
        "--articles",
        "120",
        "--quotes",
        "600",
        tmp_path=tmp_path,
    )
    assert re.search(r"generated .* 120 articles, \d+ article_versions, 600 quotes", output)
    with sqlite3.connect(db_path) as conn:
        counts = dict(
            conn.execute(
                "select 'changed', count(distinct article_id) from article_versions"
                " where diff is not null"
                " union all select 'clusters', count(*) from clusters"
                " union all select 'members', count(*) from article_clusters"
                " union all select 'events', count(*) from event_mentions"
                " where event_id is not null"
                " union all select 'runs', count(distinct run_id) from articles"
                " union all select 'orphans', count(*) from quotes q"
                " join articles a on a.id = q.article_id"
                "   where q.article_version != a.version"
            ).fetchall()
        )
    # A share of articles changed, some syndicated, some reporting an event, written over several
    # runs; every fact carries its article's current version.
    assert (
        counts["changed"] > 0 and counts["clusters"] > 0 and counts["members"] > counts["clusters"]
    )
    assert counts["events"] > 0 and counts["runs"] > 1 and counts["orphans"] == 0


def test_datasette_latency_times_every_page(tmp_path: Path) -> None:
    db_path = tmp_path / "fb-messaging-integration.db"
    output = run_benchmark(
        "datasette_latency.py",
        "--db",
        str(db_path),
        "--articles",
        "300",
        "--quotes",
        "1500",
        "--repeat",
        "1",
        tmp_path=tmp_path,
    )
    summary = re.search(r"(\d+)/(\d+) pages under 200 ms median", output)
    assert summary, output
    timed = re.findall(
        rf"^(.+?)\s+({NUMBER})\s+({NUMBER})\s+(?:{NUMBER}|n/a)\s+(?:ok|SLOW)\b",
        output,
        re.MULTILINE,
    )
    assert len(timed) == int(summary[2]) >= 20
    pages = {name.strip() for name, *_ in timed}
    assert {
        "FTS: articles, 1 common word",
        "what_changed",
        "syndicated_story_outlets (article)",
        "event_voices (event)",
        "article page",
    } <= pages


def test_derived_memory_runs_both_passes_twice(tmp_path: Path) -> None:
    output = run_benchmark("derived_memory.py", "40", tmp_path=tmp_path)
    assert re.search(rf"first run :\s+{NUMBER} s, peak RSS \+\s+{NUMBER} MiB", output)
    assert re.search(rf"second run:\s+{NUMBER} s", output)
    assert "unchanged re-run / first run time" in output


def test_extract_compare_scores_presswatch(tmp_path: Path) -> None:
    output = run_benchmark("extract_compare.py", str(LAYOUTS), tmp_path=tmp_path)
    assert re.search(rf"^presswatch\s+{NUMBER}\s+{NUMBER}\s+{NUMBER}", output, re.MULTILINE)
    # trafilatura and readability-lxml are optional: each is either scored or named as missing.
    for name in ("trafilatura", "readability-lxml"):
        assert re.search(rf"^{name}.*(?:not installed|{NUMBER})", output, re.MULTILINE)


def test_extract_speed_times_presswatch(tmp_path: Path) -> None:
    output = run_benchmark("extract_speed.py", "--rounds", "1", str(LAYOUTS), tmp_path=tmp_path)
    assert re.search(rf"presswatch \(as in process\)\s+{NUMBER} pages/s", output)


def test_crawl_speed_crawls_twice_and_finds_every_page_unchanged(tmp_path: Path) -> None:
    output = run_benchmark("crawl_speed.py", "--pages", "10", tmp_path=tmp_path)
    assert re.search(r"unchanged pages: (\d+) of \1\b", output)
    assert re.search(rf"re-crawl / first crawl: {NUMBER}", output)


def test_recrawl_speed_replays_and_crawls_live(tmp_path: Path) -> None:
    output = run_benchmark("recrawl_speed.py", "--pages", "5", tmp_path=tmp_path)
    assert re.search(rf"replay re-crawl / first crawl: {NUMBER}", output)
    assert re.search(rf"live   re-crawl / first crawl: {NUMBER}", output)


def test_scale_build_builds_and_rebuilds(tmp_path: Path) -> None:
    output = run_benchmark(
        "scale_build.py",
        "--sizes",
        "4",
        "--workers",
        "1",
        "--work",
        str(tmp_path / "work"),
        tmp_path=tmp_path,
    )
    assert re.search(rf"^\| 4 \| 4 \| {NUMBER} \({NUMBER}\) \| {NUMBER}", output, re.MULTILINE)


def test_process_speed_compares_the_stage_with_raw_spacy(tmp_path: Path) -> None:
    output = run_benchmark(
        "process_speed.py", "--articles", "3", "--rounds", "1", tmp_path=tmp_path
    )
    assert re.search(rf"^raw nlp.pipe, batch 4\s+{NUMBER}", output, re.MULTILINE)
    assert re.search(
        rf"^process stage \(process_pending\)\s+{NUMBER}.*3 articles written", output, re.MULTILINE
    )


def test_process_overhead_times_the_stage_without_the_nlp(tmp_path: Path) -> None:
    output = run_benchmark(
        "process_overhead.py", "--articles", "3", "--rounds", "1", tmp_path=tmp_path
    )
    assert re.search(r"^corpus: 3 synthetic articles, 3 written", output, re.MULTILINE)
    assert re.search(rf"^process stage without the NLP\s+{NUMBER}$", output, re.MULTILINE)
    assert re.search(rf"^  event mentions\s+{NUMBER}$", output, re.MULTILINE)


def test_write_speed_writes_in_both_journal_modes(tmp_path: Path) -> None:
    output = run_benchmark(
        "write_speed.py", "--articles", "5", "--analysed", "2", tmp_path=tmp_path
    )
    assert re.search(rf"^WAL, 16 articles a commit.*\s{NUMBER} rows/s", output, re.MULTILINE)
    assert re.search(rf"^WAL, synchronous=NORMAL, 1 a.*\s{NUMBER} rows/s", output, re.MULTILINE)
    assert re.search(rf"^rollback journal.*\s{NUMBER} rows/s", output, re.MULTILINE)
    written = re.findall(r"\((\d+) rows, ", output)
    assert len(written) == 3 and len(set(written)) == 1, output  # the same rows in each mode


def test_dask_speed_processes_with_one_process_and_with_two_dask_workers(tmp_path: Path) -> None:
    output = run_benchmark("dask_speed.py", "--articles", "2", tmp_path=tmp_path)
    line = r"^(one|dask2)\s+(\d+) articles\s+wall " + NUMBER + " s"
    written = dict(re.findall(line, output, re.MULTILINE))
    assert set(written) == {"one", "dask2"}, output
    assert written["one"] == written["dask2"] and int(written["one"]) >= 2  # the synthetic pages
    # the steady rate needs a few seconds of writing (nan on two pages); the wall ratio is there
    ratios = rf"^dask2 / one\s+steady rate (?:{NUMBER}|nan)x\s+wall {NUMBER}x"
    assert re.search(ratios, output, re.MULTILINE)


def test_quote_tracing_scores_clusters_against_known_reuse(tmp_path: Path) -> None:
    output = run_benchmark("quote_tracing.py", "300", tmp_path=tmp_path)
    row = re.search(
        rf"^\| 300 \| {NUMBER} \| {NUMBER} \| {NUMBER} \| {NUMBER} \| \d+ "
        rf"\| ({NUMBER}) \| ({NUMBER}) \| \d+ of \d+ \|$",
        output,
        re.MULTILINE,
    )
    assert row, output
    assert 0 <= float(row.group(1)) <= 1 and 0 <= float(row.group(2)) <= 1
