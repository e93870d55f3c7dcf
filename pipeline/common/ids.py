"""Natural-key ids and timestamps shared by every stage (imports nothing of the stages)."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def stable_id(*parts: object, length: int = 16) -> str:
    """A short deterministic id from natural-key parts (same parts → same id on every rebuild)."""
    text = "\x1f".join("" if part is None else str(part) for part in parts)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:length]
