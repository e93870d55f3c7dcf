"""Quote tracing on a real corpus with annotated attributions (PolNeAR's layout: text/*.txt,
attributions/*.ann in brat standoff, metadata.tsv with publisher and date).

Every gold attribution with a Content span becomes a quote (its Source span the speaker text,
no entity resolution; direct, mixed or indirect from its quotation marks) in a new database;
the quote-tracing pass runs over them, and the script prints the clusters found, how many are
cross-outlet and disputed, and a sample of pairs to read by eye (the corpus has no gold for
"the same quotation", so precision is read, not computed).
Nothing of the corpus is written outside the temporary database.

    .venv/bin/python benchmarks/quote_tracing_corpus.py ../shared/corpora/polnear --sample 40
"""

from __future__ import annotations

import argparse
import csv
import random
import re
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from presswatch.common.ids import stable_id  # noqa: E402
from presswatch.derive.quote_clusters import trace_quotes  # noqa: E402
from presswatch.store import open_database  # noqa: E402

# A quotation mark, not an apostrophe: a single quote touching a letter on both sides is one.
QUOTE_MARK = re.compile(r"[\"“”«»]|(?<!\w)['‘’]|['‘’](?!\w)")


def quote_type(content: str) -> str:
    """direct when a quotation mark is within one character of both ends (the corpus README's
    rule), mixed when the content holds one elsewhere, else indirect (not traced)."""
    stripped = content.strip()
    marks = [match.start() for match in QUOTE_MARK.finditer(stripped)]
    if marks and marks[0] <= 1 and marks[-1] >= len(stripped) - 2:
        return "direct"
    return "mixed" if marks else "indirect"


SPAN = re.compile(r"^(T\d+)\t(\w+) ([\d ;]+)\t(.*)$")


def attributions(ann: Path) -> list[tuple[int, int, str | None]]:
    """(content start, content end, source text) of each attribution with a Content span."""
    spans: dict[str, tuple[int, int, str]] = {}
    found = []
    for line in ann.read_text(encoding="utf-8").splitlines():
        if match := SPAN.match(line):
            offsets = [int(n) for n in re.split(r"[ ;]", match.group(3)) if n]
            spans[match.group(1)] = (min(offsets), max(offsets), match.group(4))
        elif line.startswith("E"):
            roles = dict(part.split(":") for part in line.split("\t")[1].split() if ":" in part)
            content = roles.get("Content")
            if content in spans:
                source = spans.get(roles.get("Source", ""))
                found.append((spans[content][0], spans[content][1], source[2] if source else None))
    return found


def load(corpus: Path, db_path: Path) -> int:
    db = open_database(db_path)
    rows = list(csv.DictReader((corpus / "metadata.tsv").open(encoding="utf-8"), delimiter="\t"))
    publishers = sorted({row["publisher"] for row in rows})
    db["sources"].insert_all([{"id": name, "name": name, "family": "news"} for name in publishers])
    count = 0
    for row in rows:
        folder = corpus / row["compartment"]
        text_path = folder / "text" / f"{row['filename']}.txt"
        anns = sorted((folder / "attributions").glob(f"{row['filename']}_*.ann"))
        if not text_path.exists() or not anns:
            continue
        body = text_path.read_text(encoding="utf-8")
        article_id = stable_id(row["filename"])
        with db.conn:
            db["articles"].insert(
                {
                    "id": article_id,
                    "version": "v1",
                    "source_id": row["publisher"],
                    "published": row["publication_date"],
                    "body": body,
                    "title": row["title"],
                }
            )
            for start, end, source in attributions(anns[0]):
                db["quotes"].insert(
                    {
                        "id": stable_id(article_id, start, end),
                        "article_id": article_id,
                        "article_version": "v1",
                        "speaker_text": source,
                        "content": body[start:end],
                        "content_start": start,
                        "content_end": end,
                        "type": quote_type(body[start:end]),
                    },
                    replace=True,
                )
                count += 1
    db.close()
    return count


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("corpus", type=Path)
    parser.add_argument(
        "--sample", type=int, default=30, help="pairs of occurrences to print for reading"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        path = Path(work) / "corpus.db"
        quotes = load(args.corpus, path)
        db = open_database(path)
        started = time.perf_counter()
        trace_quotes(db)
        seconds = time.perf_counter() - started
        clusters, members, cross, disputed = db.execute(
            "select count(*), sum(occurrences), sum(outlets > 1), sum(disputed_attribution)"
            " from quote_clusters"
        ).fetchone()
        relations = dict(
            db.execute(
                "select relation, count(*) from quote_cluster_members group by relation"
            ).fetchall()
        )
        print(
            f"quotes {quotes}; pass {seconds:.1f} s; clusters {clusters} holding {members} quotes; "
            f"{cross} across outlets; {disputed} disputed; relations {relations}"
        )
        pairs = db.execute(
            "select c.id, f.content, q.content, m.relation, fq.speaker_text, q.speaker_text,"
            " c.disputed_attribution"
            " from quote_cluster_members m join quote_clusters c on c.id = m.cluster_id"
            " join quotes q on q.id = m.quote_id join quotes fq on fq.id = c.first_quote_id"
            " join quotes f on f.id = c.first_quote_id where m.position > 1"
        ).fetchall()
        for row in random.Random(5).sample(pairs, min(args.sample, len(pairs))):
            print(
                f"\n[{row[3]}{', disputed' if row[6] else ''}] {row[4]!r} → {row[5]!r}"
                f"\n  first: {row[1][:160]!r}"
                f"\n  later: {row[2][:160]!r}"
            )


if __name__ == "__main__":
    main()
