"""Shared fixtures: real files, real processes, nothing mocked.

`built_dataset` runs the real `presswatch build` once per test session on a copy of the bundled
dataset (so the repository's datasets/ folder is never written to by tests), and
`datasette_url` starts a real Datasette on a free loopback port over the result.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
DATASET = "fb-messaging-integration"
DATASET_DIR = REPO_ROOT / "datasets" / DATASET
SEED_TEXT = REPO_ROOT.parent / "shared" / "seed" / "000_84badcba1a34c0a1.txt"
PRESSWATCH = [sys.executable, "-m", "presswatch"]


@pytest.fixture(scope="session")
def seed_text_path() -> Path:
    if not SEED_TEXT.is_file():
        pytest.fail(
            f"The seed article is missing: expected {SEED_TEXT} (the product's shared/ folder "
            "must sit beside the repository clone). These tests cannot run without it.",
            pytrace=False,
        )
    return SEED_TEXT


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def copy_dataset(root: Path, name: str = DATASET) -> Path:
    """A copy of a bundled dataset folder (without any build output) under `root`."""
    target = root / name
    shutil.copytree(REPO_ROOT / "datasets" / name, target, ignore=shutil.ignore_patterns("build"))
    return target


def run_presswatch(
    *args: str, datasets_root: Path, timeout: float = 300, check: bool = True
) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PRESSWATCH_DATASETS": str(datasets_root)}
    result = subprocess.run(
        [*PRESSWATCH, *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=timeout,
        cwd=datasets_root,
        check=False,  # the exit status is checked below, with the output
    )
    if check and result.returncode != 0:
        raise AssertionError(
            f"presswatch {' '.join(args)} exited {result.returncode}\n"
            f"stdout:\n{result.stdout}\nstderr:\n{result.stderr}"
        )
    return result


def crawled_copy(root: Path) -> Path:
    """The bundled dataset copied under `root` and crawled (offline replay) by the real CLI."""
    folder = copy_dataset(root)
    run_presswatch("crawl", DATASET, datasets_root=root)
    return folder


@pytest.fixture(scope="session")
def nlp() -> Any:
    """The default analysis pipeline (presswatch.cfg, no knowledge base), loaded once for the
    NLP test modules that read invented sentences with it; a module that needs another
    pipeline (a knowledge base, another config) defines its own `nlp`, which takes precedence.
    Imported here, not at the top, so that tests without the model do not load spaCy."""
    from presswatch.analyze import load_pipeline

    return load_pipeline([])


def parsed_doc(
    words: list[str],
    heads: list[int],
    deps: list[str],
    pos: list[str],
    tags: list[str] | None = None,
) -> Any:
    """A Doc with the parse given, as the small model sometimes reads such a sentence (English
    lexical attributes, so punctuation is punctuation)."""
    import spacy
    from spacy.tokens import Doc

    vocab = spacy.blank("en").vocab
    return Doc(vocab, words=words, heads=heads, deps=deps, pos=pos, tags=tags)


def speaker_cue_content(nlp: Any, text: str) -> list[tuple[str | None, str | None, str]]:
    """(speaker as written, cue, content) of every quote the pipeline finds in `text`."""
    from presswatch.analyze import analyze_text

    return [
        ((q["speaker"] or {}).get("text"), (q["cue"] or {}).get("text"), q["content"]["text"])
        for q in analyze_text(nlp, text)["quotes"]
    ]


@pytest.fixture(scope="session")
def built_dataset(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled dataset built offline by the real CLI; returns the dataset folder copy."""
    root = tmp_path_factory.mktemp("datasets")
    folder = copy_dataset(root)
    run_presswatch("build", DATASET, datasets_root=root)
    return folder


@pytest.fixture(scope="session")
def built_db_path(built_dataset: Path) -> Path:
    return built_dataset / "build" / f"{DATASET}.db"


def wait_for_http(
    url: str, process: subprocess.Popen[bytes], timeout: float = 30, log: IO[bytes] | None = None
) -> None:
    """Wait until `url` answers; `log` is the file the process writes its output to, if any."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            if log is not None:
                log.seek(0)
                output = log.read().decode(errors="replace")
            else:
                output = process.stdout.read().decode() if process.stdout else ""
            raise AssertionError(
                f"server exited with {process.returncode} before answering:\n{output}"
            )
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"no answer from {url} within {timeout}s")


@contextmanager
def serving(
    command: list[str], env: dict[str, str] | None = None, cwd: Path | None = None
) -> Iterator[str]:
    """Start a real Datasette (or `presswatch serve`) command; yield its base URL; stop it.

    Its output (an access-log line per request, tracebacks) goes to a temporary file: into a pipe
    nobody reads, the server blocked once the pipe's 64 KB were full and stopped answering.
    """
    port = free_port()
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen(
            [*command, "--port", str(port)],
            env=env,
            cwd=cwd,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            wait_for_http(base + "/-/versions.json", process, log=log)
            yield base
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()


def serve_dataset(name: str, datasets_root: Path) -> Any:
    """`presswatch serve NAME` on a free loopback port, over the datasets under datasets_root."""
    env = {**os.environ, "PRESSWATCH_DATASETS": str(datasets_root)}
    return serving([*PRESSWATCH, "serve", name], env=env, cwd=datasets_root)


@pytest.fixture(scope="session")
def datasette_url(built_dataset: Path) -> Iterator[str]:
    with serve_dataset(DATASET, built_dataset.parent) as base:
        yield base
