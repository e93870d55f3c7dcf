"""Time, memory and cluster quality of the quote-tracing pass on N synthetic quotes.

For each N, in a fresh child process (so one size's peak does not hide the next one's):

1. writes N quotes straight into a new database (no crawl, no spaCy), 10 per article, articles
   one minute apart. A share of them (--reuse, default 0.3) re-quote an earlier quotation:
   identical (40%), trimmed at either end (20%), cut with an ellipsis (15%), one or two words
   changed (15%) or in other quotation marks and case (10%); one re-quote in 20 names another
   speaker. The rest are new quotations, 8-35 words drawn from a Zipf-like vocabulary with
   common English function words, so unrelated quotes share words and some 3-word shingles;
2. runs the pass (pipeline/derive/quote_clusters.py trace_quotes), then again unchanged;
3. prints seconds, peak RSS growth (ru_maxrss of the process running the pass — a process of its
   own, not the one that wrote the database — minus what it held before, datasketch loaded) and
   pairwise precision/recall of the clusters against the known reuse (a pair of quotes is right
   when both come from the same quotation), and how many clusters holding a known
   misattribution were flagged disputed_attribution.

    .venv/bin/python benchmarks/quote_tracing.py                  # N = 10,000 and 100,000
    .venv/bin/python benchmarks/quote_tracing.py 1000000 --keep DIR
"""

from __future__ import annotations

import argparse
import multiprocessing
import random
import resource
import sys
import tempfile
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from presswatch.derive.quote_clusters import trace_quotes  # noqa: E402
from presswatch.derive.syndication import minhash_signature  # noqa: E402
from presswatch.store import open_database  # noqa: E402

FUNCTION_WORDS = (
    "the a of to and in is it that we this for on are be not with as was but have they "
    "will what can if at there about more people would so do i our you from by one all "
    "very think just an or has been who which their said going out".split()
)
QUOTES_PER_ARTICLE = 10
START = datetime(2019, 1, 1, tzinfo=UTC)
VARIANTS = (
    ("identical", 0.40),
    ("trimmed", 0.20),
    ("ellipsis", 0.15),
    ("altered", 0.15),
    ("typography", 0.10),
)


def _vocabulary(rng: random.Random, size: int = 30000) -> list[str]:
    letters = "abcdefghiklmnoprstuvwy"
    return ["".join(rng.choice(letters) for _ in range(rng.randint(3, 9))) for _ in range(size)]


def _new_quote(rng: random.Random, words: list[str]) -> list[str]:
    out = []
    for _ in range(rng.randint(8, 35)):
        if rng.random() < 0.45:
            out.append(rng.choice(FUNCTION_WORDS))
        else:  # Zipf-like: a few content words are common, most are rare
            out.append(
                words[
                    min(int(rng.paretovariate(1.1)) - 1, len(words) - 1)
                    if rng.random() < 0.3
                    else rng.randrange(len(words))
                ]
            )
    return out


def _variant(rng: random.Random, original: list[str], words: list[str]) -> str:
    kind = rng.choices([k for k, _ in VARIANTS], [w for _, w in VARIANTS])[0]
    form = list(original)
    if kind == "trimmed" and len(form) > 8:
        keep = rng.randint(max(6, len(form) // 2), len(form) - 1)
        start = rng.randint(0, len(form) - keep)
        form = form[start : start + keep]
    elif kind == "ellipsis" and len(form) > 10:
        cut = rng.randint(2, max(2, len(form) // 3))
        start = rng.randint(3, len(form) - cut - 1)
        form = form[:start] + ["…"] + form[start + cut :]
    elif kind == "altered":
        for _ in range(rng.randint(1, 2)):
            form[rng.randrange(len(form))] = rng.choice(words)
    text = " ".join(form)
    if kind == "typography":
        return '"' + text.upper()[:1] + text[1:] + '"'
    return "“" + text + ".”"


def write_quotes(path: Path, count: int, reuse: float, seed: int = 11) -> None:
    """The synthetic database; gold labels go to the `gold` table (quote → quotation,
    misattributed)."""
    rng = random.Random(seed)
    words = _vocabulary(rng)
    db = open_database(path)
    db.execute(
        "create table gold (quote_id text primary key, quotation integer, misattributed integer)"
    )
    db["sources"].insert_all(
        [{"id": f"outlet-{n}", "name": f"Outlet {n}", "family": "news"} for n in range(50)]
    )
    originals: list[tuple[list[str], str]] = []
    articles, quotes, gold = [], [], []
    for number in range(count):
        article_number = number // QUOTES_PER_ARTICLE
        article_id = f"a{article_number:08d}"
        if number % QUOTES_PER_ARTICLE == 0:
            published = (START + timedelta(minutes=article_number)).isoformat()
            articles.append((article_id, "v1", f"outlet-{rng.randrange(50)}", published, ""))
        misattributed = 0
        if originals and rng.random() < reuse:
            quotation = (
                rng.randrange(len(originals))
                if rng.random() < 0.5
                else max(0, len(originals) - 1 - int(rng.expovariate(1 / 200)))
            )
            original, speaker = originals[quotation]
            content = _variant(rng, original, words)
            if rng.random() < 0.05:
                speaker, misattributed = f"Person {rng.randrange(100000)}", 1
        else:
            quotation = len(originals)
            original = _new_quote(rng, words)
            speaker = f"Person {rng.randrange(100000)}"
            originals.append((original, speaker))
            content = "“" + " ".join(original) + ".”"
        quote_id = f"q{number:09d}"
        quotes.append(
            (
                quote_id,
                article_id,
                "v1",
                speaker,
                content,
                number % QUOTES_PER_ARTICLE * 100,
                number % QUOTES_PER_ARTICLE * 100 + len(content),
                "direct",
            )
        )
        gold.append((quote_id, quotation, misattributed))
        if len(quotes) >= 20000 or number == count - 1:
            with db.conn:
                db.conn.executemany(
                    "insert into articles (id, version, source_id, published, body)"
                    " values (?, ?, ?, ?, ?)",
                    articles,
                )
                db.conn.executemany(
                    "insert into quotes (id, article_id, article_version, speaker_text,"
                    " content, content_start, content_end, type) values (?, ?, ?, ?, ?, ?, ?, ?)",
                    quotes,
                )
                db.conn.executemany("insert into gold values (?, ?, ?)", gold)
            articles, quotes, gold = [], [], []
    db.close()


def _pairs(sizes: Counter) -> int:
    return sum(n * (n - 1) // 2 for n in sizes.values())


def score(path: Path) -> dict[str, float]:
    """Pairwise precision and recall of the clusters against the gold quotations."""
    db = open_database(path)
    rows = db.execute(
        "select g.quote_id, g.quotation, m.cluster_id, g.misattributed from gold g"
        " left join quote_cluster_members m on m.quote_id = g.quote_id"
    ).fetchall()
    predicted = Counter(cluster or quote_id for quote_id, _, cluster, _ in rows)
    truth = Counter(quotation for _, quotation, _, _ in rows)
    both = Counter((cluster or quote_id, quotation) for quote_id, quotation, cluster, _ in rows)
    right = _pairs(both)
    misattributed = {cluster for _, _, cluster, wrong in rows if wrong and cluster}
    flagged = {
        row[0] for row in db.execute("select id from quote_clusters where disputed_attribution = 1")
    }
    db.close()
    return {
        "precision": right / max(1, _pairs(predicted)),
        "recall": right / max(1, _pairs(truth)),
        "misattributed_clusters": len(misattributed),
        "misattributed_flagged": len(misattributed & flagged),
    }


def _peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _write(count: int, reuse: float, path: Path, queue: multiprocessing.Queue) -> None:
    started = time.perf_counter()
    write_quotes(path, count, reuse)
    queue.put(time.perf_counter() - started)


def measure(count: int, path: Path, queue: multiprocessing.Queue) -> None:
    """The pass in a process of its own: the writing step's memory is not in its peak."""
    minhash_signature(frozenset({"warm up"}), 64)  # datasketch loaded before the baseline
    db = open_database(path)
    baseline = _peak_mib()
    started = time.perf_counter()
    counts = trace_quotes(db)
    first = time.perf_counter() - started
    peak = _peak_mib()
    started = time.perf_counter()
    trace_quotes(db)
    second = time.perf_counter() - started
    db.close()
    queue.put(
        {
            "count": count,
            "first": first,
            "second": second,
            "peak": peak - baseline,
            "clusters": counts["quote_clusters"],
            **score(path),
        }
    )


def _in_child(target, *args):  # type: ignore[no-untyped-def]
    queue: multiprocessing.Queue = multiprocessing.Queue()
    child = multiprocessing.Process(target=target, args=(*args, queue))
    child.start()
    result = queue.get()
    child.join()
    return result


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "sizes", nargs="*", type=int, default=[10000, 100000], help="quotes per run"
    )
    parser.add_argument(
        "--reuse", type=float, default=0.3, help="share of quotes that re-quote an earlier one"
    )
    parser.add_argument("--keep", type=Path, help="write the databases here and keep them")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temporary:
        work = args.keep or Path(temporary)
        work.mkdir(parents=True, exist_ok=True)
        print(
            "| quotes | first run s | quotes/s | unchanged re-run s | peak RSS growth MiB "
            "| clusters | precision | recall | misattributed clusters flagged |"
        )
        print("|---|---|---|---|---|---|---|---|---|")
        for count in args.sizes:
            path = work / f"quotes-{count}.db"
            path.unlink(missing_ok=True)
            _in_child(_write, count, args.reuse, path)
            result = _in_child(measure, count, path)
            print(
                f"| {count} | {result['first']:.1f} | {count / result['first']:.0f} "
                f"| {result['second']:.2f} | {result['peak']:.1f} | {result['clusters']} "
                f"| {result['precision']:.4f} "
                f"| {result['recall']:.4f} | {result['misattributed_flagged']} of "
                f"{result['misattributed_clusters']} |",
                flush=True,
            )


if __name__ == "__main__":
    main()
