"""Realistic synthetic news articles for the scale benchmarks, as HTML pages in a WARC.

Length follows the shape of real news: log-normal around ~700 words, clipped to 300–2,000.
Each article has a headline, a byline, a date, paragraphs of 2–4 sentences, and direct quotes
from named (fictional) commentators at roughly one quote per 120 words, attributed the ways
newspapers do ("…," said Name. / Name, a role at Org, said: "…"), with the topic words of the
fb-messaging-integration dataset so the crawl's relevance filter keeps the pages. Everything
is seeded: the same --seed gives the same pages. All people and outlets are invented.

    .venv/bin/python benchmarks/synthetic.py 1000 /tmp/bench/synthetic.warc.gz
"""

from __future__ import annotations

import argparse
import html
import math
import random
from pathlib import Path

from spiders.archive import record_id, write_request, write_response

FIRST = ["Maren", "Tobias", "Ines", "Kofi", "Lena", "Rafael", "Yuki", "Aurelie", "Dmitri", "Priya",
         "Osman", "Clara", "Henrik", "Nadia", "Samir", "Greta", "Jonas", "Leila", "Marek", "Ondine"]
LAST = ["Vellacott", "Brannagh", "Okonkwo-Lisle", "Fairweather", "Castellane", "Moribund", "Quillon",
        "Ashgrove", "Tamsworth", "Delacroix-Hale", "Ruskvale", "Penhallow", "Iverholt", "Stromberg"]
ROLES = ["a privacy researcher", "an analyst", "a professor of law", "a policy director", "a security engineer"]
ORGS = ["Eastbridge University", "the Open Wire Foundation", "Brightline Research", "Westmarch Law School"]
TOPIC = ["Facebook", "WhatsApp", "Messenger", "Instagram", "end-to-end encryption", "the merger plan",
         "regulators", "user data", "metadata", "the messaging apps"]
FILLER = ["the company", "critics", "users", "the plan", "officials", "the platform", "advertisers",
          "engineers", "lawmakers", "the inbox", "security experts", "the announcement"]
VERBS = ["said", "argued", "warned", "noted", "added", "told reporters"]
CLAUSES = ["would change how {a} works", "raised questions about {a}", "could give {a} more reach",
           "might weaken {a}", "was announced without consulting {a}", "depends on {a}",
           "has worried {a} for months", "will take years to finish, according to {a}"]


def _sentence(rng: random.Random) -> str:
    subject = rng.choice(TOPIC + FILLER)
    clause = rng.choice(CLAUSES).format(a=rng.choice(TOPIC + FILLER))
    tail = rng.choice(["", f", while {rng.choice(FILLER)} {rng.choice(['disagreed', 'waited', 'objected'])}", ""])
    text = f"{subject} {clause}{tail}."
    return text[0].upper() + text[1:]


def _quote(rng: random.Random, people: list[tuple[str, str, str]], first_use: set[str]) -> str:
    name, role, org = rng.choice(people)
    said = " ".join(_sentence(rng) for _ in range(rng.randint(1, 2)))[:-1]
    surname = name.split()[-1]
    if name not in first_use:
        first_use.add(name)
        return f'{name}, {role} at {org}, said: "{said}."'
    return rng.choice([f'"{said}," {surname} {rng.choice(VERBS)}.', f'"{said}," said {surname}.'])


def article(rng: random.Random, number: int) -> tuple[str, str]:
    """(title, HTML page) of article `number`."""
    words = int(min(2000, max(300, math.exp(rng.gauss(math.log(700), 0.45)))))
    people = [(f"{rng.choice(FIRST)} {rng.choice(LAST)}", rng.choice(ROLES), rng.choice(ORGS))
              for _ in range(rng.randint(1, 4))]
    title = f"{rng.choice(TOPIC)} {rng.choice(['faces', 'draws', 'prompts'])} {rng.choice(['scrutiny', 'questions', 'pushback'])} ({number})"
    paragraphs, count, first_use = [], 0, set()
    while count < words:
        if rng.random() < 0.3:  # ~1 quote per 120 words at ~35 words per paragraph
            text = _quote(rng, people, first_use)
        else:
            text = " ".join(_sentence(rng) for _ in range(rng.randint(2, 4)))
        paragraphs.append(text)
        count += len(text.split())
    day = 1 + number % 28
    body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    page = (f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)}</title>'
            f'<meta property="article:published_time" content="2026-03-{day:02d}T08:00:00Z">'
            f'<meta name="author" content="Harbour Ledger staff"></head><body><article>'
            f'<h1>{html.escape(title)}</h1><p class="byline">By Harbour Ledger staff</p>{body}</article></body></html>')
    return title, page


def write_archive(count: int, out: Path, seed: int = 7, host: str = "harbour-ledger.example") -> list[str]:
    """A WARC of `count` synthetic article pages (request + response records); returns their URLs."""
    rng = random.Random(seed)
    urls = []
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out, "wb") as stream:
        for number in range(count):
            url = f"https://{host}/news/{number:06d}.html"
            _title, page = article(rng, number)
            date = f"2026-03-{1 + number % 28:02d}T09:00:00Z"
            write_request(stream, url, [("User-Agent", "presswatch-benchmark")], date, concurrent_to=record_id(url, date))
            write_response(stream, url, 200, [("Content-Type", "text/html; charset=utf-8")], page.encode("utf-8"), date)
            urls.append(url)
    return urls


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("count", type=int)
    parser.add_argument("out", type=Path)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    urls = write_archive(args.count, args.out, args.seed)
    print(f"{len(urls)} synthetic article pages → {args.out} ({args.out.stat().st_size / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
