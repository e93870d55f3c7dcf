"""`presswatch serve` starts a real Datasette on a loopback port over the built database."""

from __future__ import annotations

import json
import urllib.error
import urllib.request

import pytest

from tests.conftest import DATASET


def _get(url: str) -> tuple[int, str]:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.status, response.read().decode("utf-8")


def test_json_api_lists_articles(datasette_url: str) -> None:
    status, body = _get(f"{datasette_url}/{DATASET}/articles.json?_shape=objects&_size=100")
    assert status == 200
    rows = json.loads(body)["rows"]
    assert len(rows) == 12  # 11 articles + the hostile fixture page
    assert any(row["publisher"] == "Global News" for row in rows)


def test_quotes_api_filters_by_speaker(datasette_url: str) -> None:
    _, body = _get(
        f"{datasette_url}/{DATASET}/quotes.json?_shape=objects&speaker_entity_id=alex-stamos"
    )
    rows = json.loads(body)["rows"]
    assert rows and all(row["speaker_entity_id"] == "alex-stamos" for row in rows)


def test_html_table_page_shows_descriptions_and_labels(datasette_url: str) -> None:
    status, html = _get(f"{datasette_url}/{DATASET}/quotes")
    assert status == 200
    assert "Who said what" in html  # the table description from metadata.yml
    # Foreign keys are shown by their label column: the speaker's name, not only the id.
    assert "Alex Stamos" in html


def test_database_is_served_read_only(datasette_url: str) -> None:
    request = urllib.request.Request(
        f"{datasette_url}/{DATASET}.json?sql=" + urllib.request.quote("delete from articles"),
    )
    with pytest.raises(urllib.error.HTTPError) as caught:
        urllib.request.urlopen(request, timeout=10)
    assert caught.value.code == 400
    _, body = _get(f"{datasette_url}/{DATASET}/articles.json?_shape=objects")
    assert json.loads(body)["rows"], "articles must still be there"


def test_metadata_is_served(datasette_url: str) -> None:
    _, body = _get(f"{datasette_url}/-/metadata.json")
    metadata = json.loads(body)
    assert metadata["license"].startswith("CC BY 4.0")
    assert "quotes" in metadata["databases"][DATASET]["tables"]


def test_full_text_search_finds_articles_and_quotes(datasette_url: str) -> None:
    _, body = _get(f"{datasette_url}/{DATASET}/articles.json?_shape=array&_search=unscramble")
    assert [row["publisher"] for row in json.loads(body)] == ["Open Markets Letter"]
    _, body = _get(f"{datasette_url}/{DATASET}/quotes.json?_shape=array&_search=lunch")
    assert json.loads(body) and all("lunch" in row["content"].lower() for row in json.loads(body))


def test_canned_query_on_the_built_dataset(datasette_url: str) -> None:
    _, body = _get(
        f"{datasette_url}/{DATASET}/who_said_what.json?_shape=array&speaker=alex-stamos&stance="
    )
    rows = json.loads(body)
    assert rows and {row["speaker"] for row in rows} == {"Alex Stamos"}
    _, body = _get(f"{datasette_url}/{DATASET}/coverage_timeline.json?_shape=array&outlet=")
    assert sum(row["articles"] for row in json.loads(body)) == 12


def test_robots_txt_allows_by_default(datasette_url: str) -> None:
    _, body = _get(f"{datasette_url}/robots.txt")
    assert body.splitlines() == ["User-agent: *", "Disallow:"]


def test_syndicated_story_outlets_on_the_built_dataset(datasette_url: str) -> None:
    # The bundled archive holds one wire story run twice: Capital Wire's and The Lakeshore
    # Courier's copy.
    _, body = _get(f"{datasette_url}/{DATASET}/syndicated_story_outlets.json?_shape=array&article=")
    rows = json.loads(body)
    assert sorted((row["outlet"], row["is_origin"]) for row in rows) == [
        ("Capital Wire", 1),
        ("The Lakeshore Courier", 0),
    ]
