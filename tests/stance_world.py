"""The made-up world the stance rule tests are written in: a company, its merger target, a
regulator, a parliament and its law, three people. Shared by tests/test_stance_arguments.py and
tests/test_stance_holders.py so the two read the same knowledge base and targets."""

from __future__ import annotations

from presswatch.analyze import analyze_text

KB = [
    {"id": "acme", "name": "Acme", "type": "company", "aliases": ["Acme Corp"]},
    {"id": "northwind", "name": "Northwind", "type": "company", "aliases": []},
    {
        "id": "watchdog",
        "name": "Competition Watchdog",
        "type": "regulator",
        "aliases": ["the Watchdog"],
    },
    {"id": "parliament", "name": "Parliament", "type": "organization", "aliases": []},
    {"id": "jane-doe", "name": "Jane Doe", "type": "person", "aliases": []},
    {"id": "sam-roe", "name": "Sam Roe", "type": "person", "aliases": []},
    {"id": "ann-poe", "name": "Ann Poe", "type": "person", "aliases": []},
]
TOPICS = {"competition": ["competition", "merger", "rivals"], "privacy": ["privacy"]}
# A conduct target: Acme's merger; the regulator and its rulings are the other side.
MERGER = {
    "id": "acme-merger",
    "label": "Acme's merger with Northwind",
    "aliases": ["the merger", "the deal"],
    "actors": ["acme"],
    "kind": "conduct",
}
# A measure target: a law; harms said of it oppose it.
LAW = {
    "id": "data-law",
    "label": "The Data Act",
    "aliases": ["the Data Act", "the law"],
    "actors": ["parliament"],
    "kind": "measure",
}


def stance_records(nlp, text: str) -> dict[str, dict]:
    """Each speaker entity's stance record in `text`."""
    return {s["speaker_entity"]["id"]: s for s in analyze_text(nlp, text)["stances"]}


def stances(nlp, text: str) -> dict[str, str]:
    """Each speaker entity's stance label in `text`."""
    return {key: record["stance"] for key, record in stance_records(nlp, text).items()}
