"""Bounded full-text search and precounted byline facets, on a real Datasette over a hand-made database.

Eight articles written by hand; six contain "antitrust". With the bound at three, a search for
it covers the three newest matches by publication date (not the last written: the rows are stored
out of date order) and says so; `_search_all=1` covers all six; a word with fewer matches than the
bound is untouched. Every expected count below was worked out by reading the rows.
"""

from __future__ import annotations

import json
import urllib.parse
import urllib.request
from collections.abc import Iterator

import pytest
import sqlite_utils
import yaml
from presswatch.publish import datasette_command, prepare_for_serving
from presswatch.store import ensure_schema

from tests.conftest import REPO_ROOT, serving

DB_NAME = "bounded"

# (id, published, publisher, authors, body), stored in this (not date) order.
ARTICLES = [
    ("a8", "2019-08-01T09:00:00+00:00", "Outlet C", '["Ann"]', "The antitrust hearing ends."),
    ("a1", "2019-01-01T09:00:00+00:00", "Outlet A", '["Ann"]', "The antitrust case opens."),
    ("a5", "2019-05-01T09:00:00+00:00", "Outlet A", "[]", "Antitrust lawyers disagree."),
    ("a3", "2019-03-01T09:00:00+00:00", "Outlet A", None, "No mention of the case here."),
    ("a2", "2019-02-01T09:00:00+00:00", "Outlet B", '["Ann", "Bo"]', "Antitrust regulators met."),
    ("a7", "2019-07-01T09:00:00+00:00", "Outlet A", '["Bo"]', "A quiet day, nothing happened."),
    ("a6", "2019-06-01T09:00:00+00:00", "Outlet C", '["Cy"]', "Antitrust is the word of the week."),
    ("a4", "2019-04-01T09:00:00+00:00", "Outlet B", '["Bo"]', "An antitrust complaint was filed."),
]
# Stored in this order; four say "regulators".
QUOTES = [("q1", "a2", "Regulators met."), ("q2", "a2", "Regulators will act."), ("q3", "a4", "Nothing to add."),
          ("q4", "a4", "The regulators are late."), ("q5", "a6", "Regulators again.")]


@pytest.fixture(scope="module")
def bounded_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("bounded")
    db = ensure_schema(sqlite_utils.Database(folder / f"{DB_NAME}.db"))
    db["articles"].insert_all(
        [{"id": aid, "version": "v1", "title": body[:20], "published": published, "publisher": publisher,
          "authors": authors, "body": body} for aid, published, publisher, authors, body in ARTICLES])
    db["quotes"].insert_all([{"id": qid, "article_id": aid, "article_version": "v1", "content": content}
                             for qid, aid, content in QUOTES])
    db.close()
    metadata = yaml.safe_load((REPO_ROOT / "metadata.yml").read_text(encoding="utf-8"))
    metadata["plugins"]["presswatch"]["search_bound"] = {"articles": 3, "quotes": 2}
    (folder / "metadata.yml").write_text(yaml.safe_dump(metadata), encoding="utf-8")
    served = prepare_for_serving(folder / f"{DB_NAME}.db", folder / "metadata.yml")
    with serving(datasette_command(folder / f"{DB_NAME}.db", served)) as base:
        yield base


def page(base: str, table: str, **params: str) -> dict:
    url = f"{base}/{DB_NAME}/{table}.json?_shape=objects&" + urllib.parse.urlencode(params)
    with urllib.request.urlopen(url, timeout=10) as response:
        return json.loads(response.read())


def facet(found: dict, name: str) -> dict[str, int]:
    return {v["value"]: v["count"] for v in found["facet_results"][name]["results"]}


def test_a_common_word_covers_the_newest_matches_and_says_so(bounded_url: str) -> None:
    found = page(bounded_url, "articles", _search="antitrust")
    assert [row["id"] for row in found["rows"]] == ["a8", "a6", "a5"]
    assert found["filtered_table_rows_count"] == 3
    assert "3 newest by published of its 6 matches" in found["human_description_en"]
    assert "_search_all=1" in found["human_description_en"]
    assert facet(found, "publisher") == {"Outlet C": 2, "Outlet A": 1}


def test_search_all_lifts_the_bound(bounded_url: str) -> None:
    found = page(bounded_url, "articles", _search="antitrust", _search_all="1")
    assert [row["id"] for row in found["rows"]] == ["a8", "a6", "a5", "a4", "a2", "a1"]
    assert found["filtered_table_rows_count"] == 6
    assert "newest" not in found["human_description_en"]
    assert facet(found, "publisher") == {"Outlet A": 2, "Outlet B": 2, "Outlet C": 2}


def test_a_word_within_the_bound_is_untouched(bounded_url: str) -> None:
    found = page(bounded_url, "articles", _search="case")
    assert sorted(row["id"] for row in found["rows"]) == ["a1", "a3"]
    assert found["filtered_table_rows_count"] == 2
    assert "newest" not in found["human_description_en"]


def test_a_table_without_a_date_keeps_the_last_stored_matches(bounded_url: str) -> None:
    found = page(bounded_url, "quotes", _search="regulators")
    assert sorted(row["id"] for row in found["rows"]) == ["q4", "q5"]
    assert "2 most recently stored of its 4 matches" in found["human_description_en"]


def test_bylines_are_precounted_unfiltered_and_counted_live_filtered(bounded_url: str) -> None:
    found = page(bounded_url, "articles")
    assert found["facet_results"]["authors"]["type"] == "precounted_array"
    assert facet(found, "authors") == {"Ann": 3, "Bo": 3, "Cy": 1}
    filtered = page(bounded_url, "articles", publisher="Outlet A")
    assert facet(filtered, "authors") == {"Ann": 1, "Bo": 1}
