"""Generate a processed presswatch database of synthetic coverage for the Datasette latency benchmark.

Default: 100,000 articles and 1,000,000 quotes, deterministic (seeded), in the real schema
(pipeline/store/schema.py) with its full-text indexes, and with what a processed database holds
besides the facts (quotes, mentions, claims and topics, stances, roles):
- runs: one process run per tenth of the articles (the Atom feeds order by run);
- articles with bylines (JSON list of authors), a section and the run that wrote them;
- article_versions: every article's first version, and for one article in ten one to three
  earlier texts (a paragraph rewritten, one added) with the unified diff the pipeline writes
  (pipeline/process/versions.py text_diff); the facts carry the current version;
- clusters and article_clusters: one article in 25 is reprinted by one to five other outlets;
- events, event_actors and event_mentions: a dozen dated events, each reported by a sentence
  in one article in 20.
A few minutes on 2 cores at the default size:

    .venv/bin/python benchmarks/generate_large_db.py /work/bench-data/fb-messaging-integration.db
    .venv/bin/python benchmarks/generate_large_db.py /tmp/tiny.db --articles 200 --quotes 2000
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import time
from pathlib import Path

import sqlite_utils
from presswatch.process.versions import text_diff
from presswatch.store import ensure_schema

OUTLETS = [f"Outlet {n:02d}" for n in range(40)]
SECTIONS = ["Technology", "Business", "Politics", "World", "Opinion", "Media"]
SPEAKERS = [(f"speaker-{n:03d}", f"Speaker {n:03d}") for n in range(300)]
REPORTERS = [f"Reporter {n:03d}" for n in range(400)]
AFFILIATIONS = ["Eastbridge University", "Open Wire Foundation", "Brightline Research", "Westmarch Law School", "Facebook"]
TOPICS = ["encryption", "privacy", "data sharing", "antitrust"]
HEDGES = ["could", "may", "might", "will", "likely", "none"]
STANCES = ["support", "oppose", "mixed", "neutral", "unclear"]
MEDIA = ["spoken", "spoken", "spoken", "tweet", "blog", "statement", "interview"]
QUOTE_TYPES = ["direct", "direct", "direct", "indirect", "mixed"]
WORDS = ["facebook", "whatsapp", "messenger", "instagram", "encryption", "metadata", "privacy", "regulators", "antitrust", "merger", "users", "data", "sharing", "security", "backdoor", "platform", "inbox", "company", "plan", "critics"]
# (id, day of the year, kind, trigger): the events the coverage reports.
EVENTS = [(f"event-{n:02d}", 10 + n * 29, kind, trigger) for n, (kind, trigger) in enumerate(
    [("acquisition", "bought"), ("lawsuit", "sued"), ("investigation", "opened an investigation"),
     ("ruling", "ruled"), ("settlement", "settled")] * 3)][:12]
START = 1546300800  # 2019-01-01T00:00:00Z
RUNS = 10

# A long tail of ordinary words, so a search for a topical word matches a realistic few per
# cent of rows rather than all of them.
FILLER = [f"{a}{b}{c}" for a in "bdfgklmnprstvz" for b in "aeiou" for c in ("n", "r", "st", "nd", "ll", "m")]

TABLE_COLUMNS = {
    "articles": ("id", "version", "source_id", "url", "title", "authors", "published", "publisher",
                 "language", "body", "word_count", "is_fixture", "run_id", "section"),
    "article_versions": ("id", "article_id", "version", "previous_version", "run_id", "title", "body",
                         "diff", "created_at"),
    "quotes": ("id", "article_id", "article_version", "speaker_entity_id", "speaker_text", "cue_text",
               "content", "content_start", "content_end", "type", "medium", "confidence"),
    "mentions": ("id", "article_id", "article_version", "entity_id", "text", "label", "start_char", "end_char"),
    "claims": ("id", "article_id", "article_version", "holder_entity_id", "text", "start_char", "end_char",
               "hedge", "polarity"),
    "claim_topics": ("claim_id", "topic"),
    "stances": ("id", "article_id", "article_version", "entity_id", "target", "stance", "confidence"),
    "person_roles": ("id", "entity_id", "article_id", "article_version", "role", "affiliation", "sentence"),
    "clusters": ("id", "origin_article_id", "size", "method", "run_id"),
    "article_clusters": ("article_id", "cluster_id", "relation", "jaccard", "containment"),
    "event_mentions": ("id", "article_id", "article_version", "event_id", "kind", "trigger", "sentence",
                       "start_char", "end_char", "date", "date_precision", "actors", "match_score", "status"),
}


def sentence(rng: random.Random, n: int) -> str:
    words = (rng.choice(WORDS) if rng.random() < 0.05 else rng.choice(FILLER) for _ in range(n))
    return " ".join(words).capitalize()


def version_hash(body: str) -> str:
    return hashlib.sha256(body.encode()).hexdigest()[:16]


def iso(seconds: float) -> str:
    return time.strftime("%Y-%m-%dT%H:%M:00+00:00", time.gmtime(seconds))


class Rows:
    """Rows waiting to be written, per table; flushed every few thousand articles."""

    def __init__(self, conn) -> None:
        self.conn = conn
        self.pending: dict[str, list[tuple]] = {name: [] for name in TABLE_COLUMNS}

    def add(self, table: str, row: tuple) -> None:
        self.pending[table].append(row)

    def flush(self) -> None:
        for table, rows in self.pending.items():
            if rows:
                columns = TABLE_COLUMNS[table]
                self.conn.executemany(
                    f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})", rows)
                rows.clear()
        self.conn.commit()


def article_facts(rng: random.Random, rows: Rows, aid: str, quotes: int, facts: bool = True) -> tuple[list[str], str]:
    """The paragraphs of one article's current text, writing its quotes and mentions (offsets
    into the body the paragraphs make, joined by blank lines) unless `facts` is false."""
    paragraphs, offset = [], 0
    for q in range(quotes):
        text = sentence(rng, 8)
        lead = f"Paragraph {q}. "
        start = offset + len(lead) + 1
        paragraphs.append(f"{lead}“{text}” said someone.")
        speaker, name = rng.choice(SPEAKERS)
        if not facts:
            offset += len(paragraphs[-1]) + 2
            continue
        rows.add("quotes", (f"{aid}-q{q}", aid, None, speaker, name, "said", text, start, start + len(text),
                            rng.choice(QUOTE_TYPES), rng.choice(MEDIA), round(rng.uniform(0.6, 0.95), 2)))
        if "whatsapp" in text.lower():
            at = text.lower().index("whatsapp")
            rows.add("mentions", (f"{aid}-m{q}", aid, None, "whatsapp", "WhatsApp", "PRODUCT", start + at, start + at + 8))
        offset += len(paragraphs[-1]) + 2
    return paragraphs, speaker


def write_versions(rng: random.Random, rows: Rows, aid: str, title: str, body: str, version: str,
                   published: float, run_id: int) -> None:
    """article_versions: the current text, and for one article in ten 1-3 earlier texts before it."""
    earlier = rng.choice((1, 2, 3)) if rng.random() < 0.1 else 0
    texts = [body]
    for _ in range(earlier):  # walk back: each earlier text lacks the last paragraph or had another one
        paragraphs = texts[0].split("\n\n")
        if len(paragraphs) > 1 and rng.random() < 0.5:
            paragraphs = paragraphs[:-1]
        else:
            paragraphs[rng.randrange(len(paragraphs))] = sentence(rng, 12) + "."
        texts.insert(0, "\n\n".join(paragraphs))
    previous = None
    for n, text in enumerate(texts):
        this = version if n == len(texts) - 1 else version_hash(text)
        created = iso(published + n * 3 * 3600)
        rows.add("article_versions", (f"{aid}-v{n}", aid, this, previous and previous[0], run_id, title, text,
                                      text_diff(previous[1], text) if previous else None, created))
        previous = (this, text)


def generate(path: Path, articles: int, quotes: int, seed: int = 7, facts: bool = True) -> dict[str, int]:
    """Write the database at `path` (replacing it); returns the row count of each table written.

    facts=False writes the same articles (bodies of quotes // articles paragraphs), versions,
    clusters and events without quotes, mentions, claims, stances or roles: enough to time the
    article pages and searches at a size whose facts would take an hour to generate."""
    rng = random.Random(seed)
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists():
        path.unlink()
    db = ensure_schema(sqlite_utils.Database(path))
    db.execute("PRAGMA synchronous=OFF")
    db.execute("PRAGMA journal_mode=MEMORY")
    conn = db.conn
    conn.executemany("INSERT INTO sources (id, name, family, url, is_fixture) VALUES (?,?,?,?,0)",
                     [(f"outlet-{i:02d}", name, "news", f"https://outlet{i:02d}.example/") for i, name in enumerate(OUTLETS)])
    conn.executemany("INSERT INTO entities (id, name, type, label, in_knowledge_base) VALUES (?,?,?,?,1)",
                     [(sid, name, "person", "PERSON") for sid, name in SPEAKERS]
                     + [("facebook", "Facebook", "organization", "ORG"), ("whatsapp", "WhatsApp", "product", "PRODUCT")])
    conn.executemany("INSERT INTO runs (id, command, dataset, started_at, finished_at, status, articles) VALUES (?,?,?,?,?,?,?)",
                     [(r + 1, "process", "fb-messaging-integration", iso(START + (r + 1) * 36.5 * 86400),
                       iso(START + (r + 1) * 36.5 * 86400 + 3600), "ok", articles // RUNS) for r in range(RUNS)])
    conn.executemany("INSERT INTO events (id, date, date_precision, kind, description) VALUES (?,?,?,?,?)",
                     [(eid, iso(START + day * 86400)[:10], "day", kind, f"Synthetic {kind} {eid}") for eid, day, kind, _ in EVENTS])
    conn.executemany("INSERT INTO event_actors (event_id, entity_id) VALUES (?,?)", [(eid, "facebook") for eid, *_ in EVENTS])
    rows = Rows(conn)
    quotes_per_article = max(1, quotes // articles)
    for a in range(articles):
        aid = f"a{a:06d}"
        outlet = rng.randrange(len(OUTLETS))
        day = 1 + a * 365 // articles
        published = START + day * 86400 + rng.randrange(86400)
        run_id = 1 + a * RUNS // articles
        paragraphs, last_speaker = article_facts(rng, rows, aid, quotes_per_article, facts)
        event = rng.choice(EVENTS) if rng.random() < 0.05 else None
        if event:
            eid, event_day, kind, trigger = event
            text = f"Facebook {trigger} on {iso(START + event_day * 86400)[:10]}."
            start = sum(len(p) + 2 for p in paragraphs)
            paragraphs.append(text)
            rows.add("event_mentions", (f"{aid}-e", aid, None, eid, kind, trigger, text, start, start + len(text),
                                        iso(START + event_day * 86400)[:10], "day", json.dumps(["facebook"]), 0.9, "linked"))
        body = "\n\n".join(paragraphs)
        version = version_hash(body)
        title = sentence(rng, 7)
        authors = json.dumps(rng.sample(REPORTERS, rng.choice((1, 1, 1, 2, 3))))
        rows.add("articles", (aid, version, f"outlet-{outlet:02d}", f"https://outlet{outlet:02d}.example/{aid}", title,
                              authors, iso(published), OUTLETS[outlet], "en", body, len(body.split()), 1, run_id,
                              rng.choice(SECTIONS)))
        write_versions(rng, rows, aid, title, body, version, published, run_id)
        if facts and a % 2 == 0:
            cid = f"{aid}-c"
            rows.add("claims", (cid, aid, None, rng.choice(SPEAKERS)[0], sentence(rng, 10), 0, 10, rng.choice(HEDGES), "affirmed"))
            rows.add("claim_topics", (cid, rng.choice(TOPICS)))
        if facts:
            rows.add("stances", (f"{aid}-s", aid, None, last_speaker, "integration", rng.choice(STANCES), round(rng.random(), 2)))
        if facts and a % 10 == 0:
            speaker = rng.choice(SPEAKERS)[0]
            rows.add("person_roles", (f"{aid}-r", speaker, aid, None, "expert", rng.choice(AFFILIATIONS),
                                      f"{speaker}, an expert at a university."))
        if a % 25 == 0 and a + 6 < articles:  # reprinted below under the same story; later ids join it
            copies = rng.randint(1, 5)
            rows.add("clusters", (f"cluster-{aid}", aid, copies + 1, "minhash", run_id))
            rows.add("article_clusters", (aid, f"cluster-{aid}", "origin", 1.0, 1.0))
            for k in range(1, copies + 1):
                rows.add("article_clusters", (f"a{a + k:06d}", f"cluster-{aid}", "near_duplicate", 0.9, 0.95))
        if len(rows.pending["articles"]) >= 5_000:
            _fill_versions(rows)
            rows.flush()
    _fill_versions(rows)
    rows.flush()
    conn.commit()
    db.execute("ANALYZE")
    counts = {name: db[name].count for name in TABLE_COLUMNS}
    db.close()
    return counts


def _fill_versions(rows: Rows) -> None:
    """Facts carry their article's current version (known once the article's body is)."""
    current = {row[0]: row[1] for row in rows.pending["articles"]}
    for table in ("quotes", "mentions", "claims", "stances", "person_roles", "event_mentions"):
        rows.pending[table] = [(row[0], row[1], current.get(row[1], row[2]), *row[3:])
                               if table != "person_roles" else (*row[:2], row[2], current.get(row[2]), *row[4:])
                               for row in rows.pending[table]]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("path", type=Path)
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--quotes", type=int, default=1_000_000,
                        help="quotes in all (each article gets quotes // articles paragraphs, one quote each)")
    parser.add_argument("--articles-only", action="store_true",
                        help="no quotes, mentions, claims, stances or roles (the articles keep their paragraphs)")
    args = parser.parse_args()
    started = time.monotonic()
    counts = generate(args.path, args.articles, args.quotes, facts=not args.articles_only)
    print(f"generated {args.path} in {time.monotonic() - started:.0f} s: "
          + ", ".join(f"{count:,} {name}" for name, count in counts.items()))


if __name__ == "__main__":
    main()
