"""WARC archives: round trips, deterministic fixture builds, and the committed archive in sync."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
from presswatch.dataset import load_dataset
from presswatch.store.archive import (
    ArchiveIndex,
    build_archive_from_manifest,
    iter_responses,
    load_manifest,
    read_response_at,
    write_response,
)

from tests.conftest import DATASET_DIR


def test_response_round_trip_by_offset(tmp_path: Path) -> None:
    path = tmp_path / "a.warc.gz"
    body_one = "<p>caf\u00e9 \u201cquoted\u201d</p>".encode()
    with open(path, "wb") as stream:
        first = write_response(stream, "https://a.example/1", 200, [("Content-Type", "text/html; charset=utf-8"), ("Content-Encoding", "gzip")], body_one, "2019-01-28T00:00:00Z")
        second = write_response(stream, "https://a.example/2", 404, [], b"gone", "2019-01-29T00:00:00Z")
    assert first == 0 and second > first
    one = read_response_at(path, first)
    assert (one.url, one.status, one.body, one.date) == ("https://a.example/1", 200, body_one, "2019-01-28T00:00:00Z")
    # The stored body is decoded, so a transfer encoding header would lie about it.
    assert one.header("content-encoding") is None
    assert one.header("content-type") == "text/html; charset=utf-8"
    two = read_response_at(path, second)
    assert (two.status, two.body) == (404, b"gone")
    # Each record is its own gzip member: the file is a valid multi-member gzip stream.
    assert gzip.decompress(path.read_bytes()).count(b"WARC/1") == 2


def test_index_matches_canonical_form_and_last_capture_wins(tmp_path: Path) -> None:
    path = tmp_path / "b.warc.gz"
    with open(path, "wb") as stream:
        write_response(stream, "https://a.example/x?b=2&a=1", 200, [], b"old", "2019-01-01T00:00:00Z")
        write_response(stream, "https://a.example/x?b=2&a=1", 200, [], b"new", "2019-02-01T00:00:00Z")
    index = ArchiveIndex([path])
    found = index.get("https://a.example/x?a=1&b=2#top")
    assert found is not None and found.body == b"new"
    assert index.get("https://a.example/other") is None
    assert index.latest_date == "2019-02-01T00:00:00Z"


def test_fixture_archive_build_is_deterministic(tmp_path: Path) -> None:
    dataset = load_dataset(DATASET_DIR)
    one, two = tmp_path / "one.warc.gz", tmp_path / "two.warc.gz"
    count = build_archive_from_manifest(dataset.offline_manifest, one)
    build_archive_from_manifest(dataset.offline_manifest, two)
    assert count == len(load_manifest(dataset.offline_manifest)["records"])
    assert one.read_bytes() == two.read_bytes()


def test_committed_archive_matches_fixture_pages(tmp_path: Path) -> None:
    """The bundled archive must be rebuilt (`presswatch fixtures-archive`) when a page changes."""
    dataset = load_dataset(DATASET_DIR)
    rebuilt = tmp_path / "rebuilt.warc.gz"
    build_archive_from_manifest(dataset.offline_manifest, rebuilt)
    committed = {r.url: (r.status, r.body) for _, r in iter_responses(dataset.offline_archive)}
    fresh = {r.url: (r.status, r.body) for _, r in iter_responses(rebuilt)}
    assert committed == fresh, "run `presswatch fixtures-archive fb-messaging-integration`"


def test_manifest_record_without_status_is_an_error(tmp_path: Path) -> None:
    manifest = tmp_path / "pages.yml"
    manifest.write_text("records:\n  - url: https://a.example/\n    fetched_at: '2019-01-01T00:00:00Z'\n")
    with pytest.raises(ValueError, match=r"pages\.yml: records\[0\] lacks 'status'"):
        build_archive_from_manifest(manifest, tmp_path / "out.warc.gz")
    assert not (tmp_path / "out.warc.gz").exists()
