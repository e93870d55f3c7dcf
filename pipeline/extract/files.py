"""Reading saved pages from disk: the one place in the extraction stage that does I/O."""

from __future__ import annotations

import gzip
from pathlib import Path

_GZIP_MAGIC = b"\x1f\x8b"


def read_page(path: str | Path) -> bytes:
    """The raw bytes of a saved page, gunzipped when the file is gzip (.html.gz or by content).

    Bytes, not text: the page's own <meta charset> decides the decoding, in `extract_article`.
    Raises OSError when the file is missing, unreadable, or a broken gzip stream.
    """
    data = Path(path).read_bytes()
    if data.startswith(_GZIP_MAGIC):
        return gzip.decompress(data)
    return data
