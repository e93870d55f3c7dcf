"""`presswatch extract URL`: a page served by a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline.cli import cli

PAGE = (Path(__file__).parent / "fixtures" / "extract" / "layouts" / "print_northshore.html").read_bytes()


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 - the http.server API
        if self.path == "/old":
            self.send_response(301)
            self.send_header("Location", "/print/story-1.9912")
            self.end_headers()
            return
        self.send_response(200)
        # The page itself declares no charset; the header says what its bytes are.
        self.send_header("Content-Type", "text/html; charset=windows-1252")
        self.end_headers()
        self.wfile.write(PAGE)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture()
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_port}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_extract_url_follows_redirects_and_uses_the_http_charset(server: str) -> None:
    result = CliRunner().invoke(cli, ["extract", "--json", f"{server}/old"])
    assert result.exit_code == 0, result.output
    record = json.loads(result.output)
    assert record["url"] == f"{server}/print/story-1.9912"
    assert record["encoding"] == "windows-1252"
    assert record["title"] == "Telecom regulator opens consultation on messaging interoperability"
    assert "“This is the first time anyone with authority" in record["body"]
    assert record["warnings"] == []
