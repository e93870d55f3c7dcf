"""A second topic is a folder, not code: ftc-v-meta-unwind builds and serves with the same commands.

Expected rows were worked out by reading the three fixture pages (fixtures/pages/*.html).
"""

from __future__ import annotations

import json
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlite_utils
import yaml
from presswatch.dataset import load_dataset
from presswatch.publish.metadata import fitted_metadata

from tests.conftest import (
    REPO_ROOT,
    copy_dataset,
    run_presswatch,
    serve_dataset,
)

NAME = "ftc-v-meta-unwind"
QUERIES = yaml.safe_load((REPO_ROOT / "metadata.yml").read_text(encoding="utf-8"))["databases"][NAME]["queries"]


@pytest.fixture(scope="module")
def second_built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("second")
    folder = copy_dataset(root, NAME)
    assert not (folder / "build").exists()
    run_presswatch("build", NAME, datasets_root=root)
    return folder


def test_folder_is_valid_and_its_outlets_are_fictional() -> None:
    dataset = load_dataset(REPO_ROOT / "datasets" / NAME)
    fixtures = [s for s in dataset.sources if s.get("fixture")]
    assert fixtures and all(".example" in s["url"] for s in fixtures)
    quoted = [e for e in dataset.knowledge_base if e["id"] in {"mara-ellison", "owen-adebayo"}]
    assert len(quoted) == 2 and all(e.get("fictional") for e in quoted)
    assert (dataset.folder / "fixtures" / "archive.warc.gz").is_file()


def test_builds_from_scratch_with_events_linked(second_built: Path) -> None:
    db = sqlite_utils.Database(second_built / "build" / f"{NAME}.db")
    assert db["articles"].count == 4  # three fictional outlets' pages and one PDF document
    assert db["failures"].count == 0
    linked = {row["event_id"]: row["n"] for row in db.query(
        "select event_id, count(*) as n from event_mentions where status = 'linked' group by event_id")}
    assert linked == {
        "ftc-antitrust-complaint": 2,          # "sued Facebook on Wednesday"; "began in December 2020"
        # "bought Instagram in 2012 …", and the PDF's paragraph 2 "… which Facebook bought in
        # 2012 and 2014" (the date nearest the verb is 2012).
        "instagram-acquisition-completed": 2,
        "whatsapp-acquisition-announced": 1,   # "… and WhatsApp in 2014"
        "ftc-complaint-dismissed": 1,          # "yesterday", in a story stamped 00:20 UTC+2 on 29 June
        "meta-wins-ftc-case": 1,               # "ruled on Tuesday" (19 Nov 2025 story): 18 Nov, in November 2025
        "eu-clears-whatsapp": 1,               # "cleared the WhatsApp deal in October 2014"
    }
    dismissed = next(db.query("select date, date_text from event_mentions where event_id = 'ftc-complaint-dismissed'"))
    assert dismissed == {"date": "2021-06-28", "date_text": "yesterday"}
    # "The ruling dismissed the complaint but not the case" matches no event: a candidate.
    candidates = list(db.query("select sentence from event_mentions where status = 'candidate'"))
    assert [c["sentence"][:46] for c in candidates] == ["The ruling dismissed the complaint but not the"]
    speakers = {row["speaker_entity_id"] for row in db.query("select speaker_entity_id from quotes")}
    assert {"mara-ellison", "owen-adebayo"} <= speakers
    assert db["entities"].get("dc-district-court")["type"] == "court"


def _window(db: sqlite_utils.Database, event_id: str, days: int) -> list[tuple[str, str, int, int]]:
    sql = QUERIES["coverage_around_event"]["sql"]
    return [(r["day"], r["outlet"], r["offset_days"], r["articles"])
            for r in db.query(sql, {"event_id": event_id, "days": days})]


def test_coverage_window_around_the_dismissal(second_built: Path) -> None:
    db = sqlite_utils.Database(second_built / "build" / f"{NAME}.db")
    # The complaint was dismissed on 28 June 2021 (the court's opinion). The Riverbend Courier
    # story is stamped 00:20 on 29 June in UTC+2: its own day is the 29th (the 28th in UTC,
    # which would put it at offset 0).
    assert _window(db, "ftc-complaint-dismissed", 0) == []
    assert _window(db, "ftc-complaint-dismissed", 1) == [("2021-06-29", "Riverbend Courier", 1, 1)]
    # The Larchmont comment (January 2021) is more than 30 days before: the widest window adds nothing.
    assert _window(db, "ftc-complaint-dismissed", 30) == [("2021-06-29", "Riverbend Courier", 1, 1)]
    # The ruling after trial is dated to the month by its record: no window, though a story follows it.
    assert _window(db, "meta-wins-ftc-case", 30) == []


def test_metadata_describes_the_second_database_with_the_shared_tables() -> None:
    metadata = yaml.safe_load((REPO_ROOT / "metadata.yml").read_text(encoding="utf-8"))
    first, second = metadata["databases"]["fb-messaging-integration"], metadata["databases"][NAME]
    assert "Federal Trade Commission" in second["description"]
    assert second["tables"] == first["tables"] and second["queries"] == first["queries"]
    fitted = fitted_metadata(metadata, NAME)
    assert fitted["databases"][NAME]["description"] == second["description"]


@pytest.fixture(scope="module")
def second_served(second_built: Path) -> Iterator[str]:
    with serve_dataset(NAME, second_built.parent) as base:
        yield base


def test_served_by_the_same_command(second_served: str) -> None:
    with urllib.request.urlopen(f"{second_served}/{NAME}/events.json?_shape=objects&_sort=date", timeout=10) as response:
        rows = json.load(response)["rows"]
    assert [row["id"] for row in rows][:2] == ["instagram-acquisition-completed", "whatsapp-acquisition-announced"]
    assert len(rows) == len(load_dataset(REPO_ROOT / "datasets" / NAME).events)
    with urllib.request.urlopen(f"{second_served}/-/metadata.json", timeout=10) as response:
        assert "Federal Trade Commission" in json.load(response)["databases"][NAME]["description"]


def test_canned_window_query_served_by_datasette(second_served: str) -> None:
    query = urllib.parse.urlencode({"event_id": "ftc-complaint-dismissed", "days": 3, "_shape": "objects"})
    with urllib.request.urlopen(f"{second_served}/{NAME}/coverage_around_event.json?{query}", timeout=10) as response:
        rows = json.load(response)["rows"]
    assert [(r["day"], r["offset_days"], r["outlet"], r["articles"]) for r in rows] == [
        ("2021-06-29", 1, "Riverbend Courier", 1)]


def test_pdf_document_is_processed_with_numbered_paragraphs_and_quoted(second_built: Path) -> None:
    db = sqlite_utils.Database(second_built / "build" / f"{NAME}.db")
    [document] = list(db.query("select * from articles where source_id = 'larchmont-documents'"))
    assert document["title"] == "Comment on remedies in FTC v. Facebook"
    paragraphs = list(db.query("select number, start_char, end_char, text from document_paragraphs"
                               " where article_id = ? order by number", [document["id"]]))
    assert [p["number"] for p in paragraphs] == [1, 2, 3, 4]
    assert paragraphs[2]["text"] == ("3. A divestiture ordered a decade after the fact must rebuild what years"
                                     " of integration took apart.")  # the hyphenated line break is rejoined
    assert all(document["body"][p["start_char"]:p["end_char"]] == p["text"] for p in paragraphs)
    # Entities were found in the document as in any article.
    entities = {r["entity_id"] for r in db.query("select entity_id from mentions where article_id = ?", [document["id"]])}
    assert {"ftc", "facebook", "instagram", "whatsapp"} <= entities
    # The Summit Tech Letter quotes paragraph 3: the quote links back to it.
    links = list(db.query("select q.content, d.paragraph_number from document_quotations d"
                          " join quotes q on q.id = d.quote_id where d.document_article_id = ?", [document["id"]]))
    assert [link["paragraph_number"] for link in links] == [3]
    assert links[0]["content"].startswith("a divestiture ordered a decade after the fact")
