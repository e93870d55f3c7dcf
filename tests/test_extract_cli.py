"""`presswatch extract URL`: a page served by a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from presswatch.cli import cli

from tests.fixtures.sites.loopback import answer, loopback_server

PAGE = (Path(__file__).parent / "fixtures" / "extract" / "layouts" / "print_northshore.html").read_bytes()


@pytest.fixture()
def server() -> Iterator[str]:
    """An old address that redirects to a print page whose charset only the HTTP header names."""
    with loopback_server() as site:
        site.expect_request("/old").respond_with_response(
            answer(301, headers={"Location": "/print/story-1.9912"}))
        # The page itself declares no charset; the header says what its bytes are.
        site.expect_request("/print/story-1.9912").respond_with_data(
            PAGE, content_type="text/html; charset=windows-1252")
        yield f"http://127.0.0.1:{site.port}"


def test_extract_url_follows_redirects_and_uses_the_http_charset(server: str) -> None:
    result = CliRunner().invoke(cli, ["extract", "--json", f"{server}/old"])
    assert result.exit_code == 0, result.output
    record = json.loads(result.output)
    assert record["url"] == f"{server}/print/story-1.9912"
    assert record["encoding"] == "windows-1252"
    assert record["title"] == "Telecom regulator opens consultation on messaging interoperability"
    assert "“This is the first time anyone with authority" in record["body"]
    assert record["warnings"] == []
