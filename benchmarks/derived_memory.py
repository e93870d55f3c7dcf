"""Peak memory and time of the two whole-corpus passes that end every `presswatch process` run.

The passes are syndication clustering (pipeline/derive/syndication.py cluster_articles) and event
mentions with primary-document links (pipeline/derive/events/store.py extract_event_mentions). Issue 7
asks for flat memory (a 100k-article build within 1.5x the peak of a 1k build) and for an
unchanged re-run to cost close to nothing. For each N this script, in a fresh child process
(so one size's peak does not hide the next one's):

1. writes N synthetic articles straight into a new database (benchmarks/synthetic.py text, no
   crawl and no spaCy; one article in 20 is a trimmed reprint of an earlier one with a local
   intro, one in 100 an exact copy under another address, one in 50 quotes a PDF document),
2. runs both passes (first run), then runs them again on the unchanged database (second run),
3. prints seconds and peak RSS growth of each run, and the ratios the issue names.

Peak RSS is the process's high-water mark (resource.getrusage ru_maxrss) minus what the child
held before the first pass (with datasketch already loaded), so it measures the passes and not
the interpreter, the libraries or the database writing step. With --heap the Python-heap peak (tracemalloc) is printed too (0 without it).

    .venv/bin/python benchmarks/derived_memory.py                 # N = 1,000 and 10,000
    .venv/bin/python benchmarks/derived_memory.py 1000 10000 50000
"""

from __future__ import annotations

import argparse
import hashlib
import html
import json
import multiprocessing
import random
import re
import resource
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from presswatch.dataset import load_dataset
from presswatch.derive.events.store import save_events_and_relations
from presswatch.store import open_database, save_sources_and_entities

from benchmarks.synthetic import article

DATASET = "fb-messaging-integration"
BATCH = 500
_PARAGRAPH = re.compile(r"<p>(.*?)</p>")  # body paragraphs; the byline is <p class="byline">


def _body(page: str) -> str:
    return "\n\n".join(html.unescape(text) for text in _PARAGRAPH.findall(page))


def _rows(count: int, seed: int = 7):
    """Article rows (and for documents, fetch rows) in batches; a reprint/copy reuses an earlier body."""
    rng = random.Random(seed)
    recent: list[str] = []
    document = ("\n\n".join(f"{n}. The commission finds that the integration of the messaging services "
                            f"would require review under article {n} of the regulation." for n in range(1, 30)))
    for number in range(count):
        if number and number % 100 == 0:
            body = recent[rng.randrange(len(recent))]  # the same story at another address
        elif number and number % 20 == 0:
            source = recent[rng.randrange(len(recent))].split("\n\n")
            body = "\n\n".join(["Our local desk adds context to this wire report."] + source[: max(3, len(source) - 2)])
        else:
            _title, page = article(rng, number)
            body = _body(page)
            if number % 10 == 0:
                body += "\n\nFacebook acquired WhatsApp in February 2014, and bought Instagram in 2012."
            if number % 50 == 0:
                body += ('\n\nThe commission wrote: "The integration of the messaging services would require '
                         'review under article 3 of the regulation."')
        recent = (recent + [body])[-200:]
        day = 1 + number % 28
        yield {
            "id": f"art{number:07d}", "version": hashlib.sha256(body.encode()).hexdigest()[:16],
            "url": f"https://bench{number % 7}.example/news/{number:07d}.html",
            "canonical_url": f"https://bench{number % 7}.example/news/{number:07d}.html",
            "title": f"Story {number}", "authors": "[]", "published": f"2026-03-{day:02d}T08:00:00+00:00",
            "body": body, "word_count": len(body.split()),
        }
    # One primary document (a PDF) so the quote-to-paragraph links have something to find.
    yield {"id": "doc0000001", "version": hashlib.sha256(document.encode()).hexdigest()[:16],
           "url": "https://commission.example/decision.pdf", "canonical_url": "https://commission.example/decision.pdf",
           "title": "Decision", "authors": "[]", "published": "2026-02-01T00:00:00+00:00", "body": document,
           "word_count": len(document.split()), "fetch_id": "fetch-doc"}


def build(path: Path, count: int) -> None:
    db = open_database(path)
    dataset = load_dataset(DATASET)
    save_sources_and_entities(db, [], dataset.knowledge_base)
    save_events_and_relations(db, list(dataset.events), [])
    db["fetches"].insert({"id": "fetch-doc", "url": "https://commission.example/decision.pdf",
                          "fetched_at": "2026-02-01T00:00:00Z", "content_type": "application/pdf"})
    batch: list[dict[str, Any]] = []
    for row in _rows(count):
        batch.append(row)
        if len(batch) >= BATCH:
            db["articles"].insert_all(batch)
            batch = []
    db["articles"].insert_all(batch)
    # A few quotes per article, as the NLP stage would have written them (current version).
    quotes = []
    for row in db.query("select id, version, body from articles where body like '%\"%' and id like 'art%'"):
        for number, match in enumerate(re.finditer(r'"([^"]{20,})"', row["body"])):
            quotes.append({"id": f"{row['id']}-q{number}", "article_id": row["id"], "article_version": row["version"],
                           "content": match.group(1), "content_start": match.start(1), "content_end": match.end(1)})
            if len(quotes) >= BATCH:
                db["quotes"].insert_all(quotes)
                quotes = []
    db["quotes"].insert_all(quotes)
    db.close()


def _peak_kib() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux


def _one_run(path: Path, heap: bool) -> dict[str, Any]:
    from presswatch.derive.events.store import extract_event_mentions
    from presswatch.derive.syndication import cluster_articles

    dataset = load_dataset(DATASET)
    db = open_database(path)
    if heap:
        tracemalloc.start()
    started = time.perf_counter()
    counts = cluster_articles(db, None)
    counts.update(extract_event_mentions(db, dataset.knowledge_base, dataset.events))
    seconds = time.perf_counter() - started
    heap_peak = tracemalloc.get_traced_memory()[1] if heap else 0
    tracemalloc.stop()
    db.close()
    return {"seconds": seconds, "heap_mib": heap_peak / 2**20, "counts": counts}


def measure(count: int, heap: bool, queue: Any) -> None:
    """Child process: build, then first and second (unchanged) run; puts the figures on `queue`."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.db"
        started = time.perf_counter()
        build(path, count)
        build_seconds = time.perf_counter() - started
        before_imports = _peak_kib()
        # The libraries the passes load (datasketch pulls in scipy): a fixed cost, reported apart.
        from datasketch import MinHashLSH
        from presswatch.derive.syndication import LSH_THRESHOLD, NUM_PERMUTATIONS

        MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERMUTATIONS)  # its banding optimiser
        baseline = _peak_kib()
        first = _one_run(path, heap)
        first["rss_mib"] = (_peak_kib() - baseline) / 1024
        after_first = _peak_kib()
        second = _one_run(path, heap)
        # The high-water mark cannot go down: the second run's own peak is only visible if it
        # rose above the first's, so report the rise (0 = it stayed under the first run's peak).
        second["rss_rise_mib"] = (_peak_kib() - after_first) / 1024
        queue.put({"n": count, "build_seconds": build_seconds, "baseline_mib": baseline / 1024,
                   "imports_mib": (baseline - before_imports) / 1024,
                   "first": first, "second": second})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sizes", nargs="*", type=int, default=[1000, 10000])
    parser.add_argument("--heap", action="store_true",
                        help="also trace the Python heap peak (tracemalloc; makes the runs several times slower)")
    args = parser.parse_args()
    context = multiprocessing.get_context("spawn")
    results = []
    for count in args.sizes:
        queue = context.Queue()
        child = context.Process(target=measure, args=(count, args.heap, queue))
        child.start()
        result = queue.get()
        child.join()
        results.append(result)
        first, second = result["first"], result["second"]
        print(f"N={count:>7,}: database written in {result['build_seconds']:.1f} s "
              f"(process baseline {result['baseline_mib']:.0f} MiB RSS, of which "
              f"{result['imports_mib']:.0f} MiB for loading datasketch/scipy)")
        print(f"  first run : {first['seconds']:8.2f} s, peak RSS +{first['rss_mib']:7.1f} MiB, "
              f"Python heap peak {first['heap_mib']:7.1f} MiB  {json.dumps(first['counts'])}")
        print(f"  second run: {second['seconds']:8.2f} s, peak RSS rise +{second['rss_rise_mib']:5.1f} MiB, "
              f"Python heap peak {second['heap_mib']:7.1f} MiB  {json.dumps(second['counts'])}")
        print(f"  unchanged re-run / first run time: {second['seconds'] / first['seconds']:.1%}")
        sys.stdout.flush()
    if len(results) > 1:
        small, large = results[0], results[-1]
        def total(result: dict[str, Any]) -> float:
            return result["baseline_mib"] + result["first"]["rss_mib"]

        print(f"first run, N={large['n']:,} vs N={small['n']:,}: whole-process peak RSS "
              f"{total(large):.0f} / {total(small):.0f} MiB = {total(large) / total(small):.2f}x; "
              f"growth due to the passes {large['first']['rss_mib']:.1f} / {small['first']['rss_mib']:.1f} MiB")


if __name__ == "__main__":
    main()
