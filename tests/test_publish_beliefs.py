"""Attributions of belief in the publication: the who_said_what query and the article page
leave them out by default and say so; they come back on request. The hand-made database of
test_publish.py plus one belief, written by hand ("Reyes warned" stays speech)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import sqlite_utils
from presswatch.publish import datasette_command, prepare_for_serving
from presswatch.publish.prepare import prepare_database

from tests.conftest import REPO_ROOT, serving
from tests.test_publish import BODY_A, DB_NAME, build_handmade_db, get, query, span


@pytest.fixture(scope="module")
def with_belief_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    path = build_handmade_db(tmp_path_factory.mktemp("beliefs") / f"{DB_NAME}.db")
    db = sqlite_utils.Database(path)
    db["quotes"].update("q-a", {"kind": "speech"})
    start, end = span(BODY_A, "users may lose privacy")
    db["quotes"].insert(
        {
            "id": "q-d",
            "article_id": "art-a",
            "article_version": "va",
            "speaker_entity_id": "dana-reyes",
            "speaker_text": "Reyes",
            "content": BODY_A[start:end],
            "content_start": start,
            "content_end": end,
            "type": "indirect",
            "cue_text": "warned",
            "kind": "belief",  # labelled belief by hand, to exercise the filter
        }
    )
    prepare_database(path)
    metadata = prepare_for_serving(path, REPO_ROOT / "metadata.yml", block_robots=True)
    with serving(datasette_command(path, metadata)) as base:
        yield base


def test_who_said_what_leaves_beliefs_out_unless_asked(with_belief_url: str) -> None:
    default = query(with_belief_url, "who_said_what", speaker="dana-reyes", stance="")
    assert [r["quote_id"] for r in default] == ["q-a"]
    asked = query(
        with_belief_url, "who_said_what", speaker="dana-reyes", stance="", include_beliefs="yes"
    )
    assert sorted(r["quote_id"] for r in asked) == ["q-a", "q-d"]
    assert {r["quote_id"]: r["kind"] for r in asked}["q-d"] == "belief"


def test_article_page_leaves_beliefs_out_and_says_so(with_belief_url: str) -> None:
    page = get(f"{with_belief_url}/{DB_NAME}/article/art-a")
    assert "1 quote, 2 claims highlighted" in page
    assert f'/{DB_NAME}/quotes/q-d"' not in page
    assert "1 attribution of belief or intention" in page and 'href="?beliefs=1"' in page
    shown = get(f"{with_belief_url}/{DB_NAME}/article/art-a?beliefs=1")
    assert f'/{DB_NAME}/quotes/q-d"' in shown and "2 quotes, 2 claims highlighted" in shown
