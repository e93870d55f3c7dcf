"""Publication: Datasette over a built database, with the repository's metadata.yml."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def datasette_command(db_path: Path, metadata: Path, host: str = "127.0.0.1", port: int = 8001) -> list[str]:
    """The Datasette command line: the database is served immutable (no writes through the web)."""
    return [
        sys.executable, "-m", "datasette", "serve",
        "--immutable", str(db_path),
        "--metadata", str(metadata),
        "--host", host, "--port", str(port),
        "--setting", "sql_time_limit_ms", "3000",
        "--setting", "max_returned_rows", "1000",
        "--setting", "allow_download", "on",
    ]


def serve_database(db_path: Path, metadata: Path, host: str = "127.0.0.1", port: int = 8001) -> int:
    """Become Datasette (exec), so signals such as Ctrl-C or a supervisor's TERM reach it directly.

    Where exec is unavailable, run it as a child and return its exit status.
    """
    command = datasette_command(db_path, metadata, host, port)
    sys.stdout.flush()
    sys.stderr.flush()
    if hasattr(os, "execv"):
        os.execv(command[0], command)
    try:
        return subprocess.call(command)
    except KeyboardInterrupt:
        return 0
