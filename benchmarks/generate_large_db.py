"""Generate a presswatch database of synthetic coverage for the Datasette latency benchmark.

Default: 100,000 articles and 1,000,000 quotes (plus mentions, claims, topics, stances, roles),
deterministic (seeded), in the real schema (pipeline/store/schema.py) with its full-text indexes.
A few minutes on 2 cores:

    .venv/bin/python benchmarks/generate_large_db.py /tmp/bench/fb-messaging-integration.db
"""

from __future__ import annotations

import argparse
import random
import time
from pathlib import Path

import sqlite_utils

from pipeline.store import ensure_schema

OUTLETS = [f"Outlet {n:02d}" for n in range(40)]
SPEAKERS = [(f"speaker-{n:03d}", f"Speaker {n:03d}") for n in range(300)]
AFFILIATIONS = ["Eastbridge University", "Open Wire Foundation", "Brightline Research", "Westmarch Law School", "Facebook"]
TOPICS = ["encryption", "privacy", "data sharing", "antitrust"]
HEDGES = ["could", "may", "might", "will", "likely", "none"]
STANCES = ["support", "oppose", "mixed", "neutral", "unclear"]
WORDS = ["facebook", "whatsapp", "messenger", "instagram", "encryption", "metadata", "privacy", "regulators", "antitrust", "merger", "users", "data", "sharing", "security", "backdoor", "platform", "inbox", "company", "plan", "critics"]


# A long tail of ordinary words, so a search for a topical word matches a realistic few per
# cent of rows rather than all of them.
FILLER = [f"{a}{b}{c}" for a in "bdfgklmnprstvz" for b in "aeiou" for c in ("n", "r", "st", "nd", "ll", "m")]


def sentence(rng: random.Random, n: int) -> str:
    words = (rng.choice(WORDS) if rng.random() < 0.05 else rng.choice(FILLER) for _ in range(n))
    return " ".join(words).capitalize()


def generate(path: Path, articles: int, quotes: int, seed: int = 7) -> None:
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
    quotes_per_article = quotes // articles
    article_rows, quote_rows, mention_rows, claim_rows, topic_rows, stance_rows = [], [], [], [], [], []
    for a in range(articles):
        aid = f"a{a:06d}"
        outlet = rng.randrange(len(OUTLETS))
        day = 1 + a * 365 // articles
        published = time.strftime("%Y-%m-%dT%H:%M:00+00:00", time.gmtime(1546300800 + day * 86400 + rng.randrange(86400)))
        parts, offset = [], 0
        for q in range(quotes_per_article):
            text = sentence(rng, 8)
            lead = f"Paragraph {q}. "
            start = offset + len(lead) + 1
            parts.append(f"{lead}“{text}” said someone.")
            speaker, _ = rng.choice(SPEAKERS)
            quote_rows.append((f"{aid}-q{q}", aid, "v", speaker, "someone", text, start, start + len(text), "direct"))
            if "whatsapp" in text.lower():
                at = text.lower().index("whatsapp")
                mention_rows.append((f"{aid}-m{q}", aid, "v", "whatsapp", "WhatsApp", "PRODUCT", start + at, start + at + 8))
            offset += len(parts[-1]) + 2
        body = "\n\n".join(parts)
        article_rows.append((aid, "v", f"outlet-{outlet:02d}", f"https://outlet{outlet:02d}.example/{aid}",
                             sentence(rng, 7), published, OUTLETS[outlet], "en", body, len(body.split()), 1))
        if a % 2 == 0:
            cid = f"{aid}-c"
            claim_rows.append((cid, aid, "v", rng.choice(SPEAKERS)[0], sentence(rng, 10), 0, 10, rng.choice(HEDGES), "affirmed"))
            topic_rows.append((cid, rng.choice(TOPICS)))
        stance_rows.append((f"{aid}-s", aid, "v", rng.choice(SPEAKERS)[0], "integration", rng.choice(STANCES), round(rng.random(), 2)))
        if len(article_rows) >= 10_000:
            _flush(conn, article_rows, quote_rows, mention_rows, claim_rows, topic_rows, stance_rows)
    _flush(conn, article_rows, quote_rows, mention_rows, claim_rows, topic_rows, stance_rows)
    conn.executemany("INSERT INTO person_roles (id, entity_id, role, affiliation) VALUES (?,?,?,?)",
                     [(f"r-{sid}", sid, "expert", rng.choice(AFFILIATIONS)) for sid, _ in SPEAKERS])
    conn.commit()
    db.execute("ANALYZE")
    db.close()


def _flush(conn, articles, quotes, mentions, claims, topics, stances) -> None:
    conn.executemany("INSERT INTO articles (id, version, source_id, url, title, published, publisher, language, body, word_count, is_fixture) VALUES (?,?,?,?,?,?,?,?,?,?,?)", articles)
    conn.executemany("INSERT INTO quotes (id, article_id, article_version, speaker_entity_id, speaker_text, content, content_start, content_end, type) VALUES (?,?,?,?,?,?,?,?,?)", quotes)
    conn.executemany("INSERT INTO mentions (id, article_id, article_version, entity_id, text, label, start_char, end_char) VALUES (?,?,?,?,?,?,?,?)", mentions)
    conn.executemany("INSERT INTO claims (id, article_id, article_version, holder_entity_id, text, start_char, end_char, hedge, polarity) VALUES (?,?,?,?,?,?,?,?,?)", claims)
    conn.executemany("INSERT INTO claim_topics (claim_id, topic) VALUES (?,?)", topics)
    conn.executemany("INSERT INTO stances (id, article_id, article_version, entity_id, target, stance, confidence) VALUES (?,?,?,?,?,?,?)", stances)
    conn.commit()
    for rows in (articles, quotes, mentions, claims, topics, stances):
        rows.clear()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("path", type=Path)
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--quotes", type=int, default=1_000_000)
    args = parser.parse_args()
    started = time.monotonic()
    generate(args.path, args.articles, args.quotes)
    print(f"generated {args.path}: {args.articles:,} articles, {args.quotes:,} quotes in {time.monotonic() - started:.0f} s")


if __name__ == "__main__":
    main()
