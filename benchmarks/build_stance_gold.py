"""Write the stance/claim benchmark's texts and gold files from their hand-written annotations.

    python -m benchmarks.build_stance_gold            # every benchmarks/data/*/annotations.yml

Each annotations.yml (written by reading the excerpts, never from program output) lists
documents with their excerpt text, source URL and date, the stance a reader accepts per
speaker, and — when the document's claims were annotated — every checkable claim with its
holder. This script only turns that into the files `presswatch evaluate` reads:
texts/<id>.txt (the excerpt, exactly) and gold/<id>.json (offsets found by exact search in the
text). It fails, naming the document, when a claim is not in its text, a speaker or holder is
not in the dataset's knowledge base, or a stance label is unknown.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import yaml

DATA = Path(__file__).resolve().parent / "data"
LABELS = {"support", "oppose", "mixed", "neutral", "unclear"}


def _kb_ids(folder: Path) -> set[str]:
    config = yaml.safe_load((folder / "dataset.yml").read_text(encoding="utf-8"))
    return {entity["id"] for entity in config["knowledge_base"]}


def gold_for(document: dict[str, Any], kb_ids: set[str]) -> tuple[str, dict[str, Any]]:
    """(text, gold record) of one annotated document; ValueError names what does not fit."""
    from presswatch.analyze.evaluate import body_sha256

    doc_id = document["id"]
    text = document["text"].rstrip("\n") + "\n"
    stances = []
    for speaker, allowed in document["stances"].items():
        if speaker not in kb_ids:
            raise ValueError(f"{doc_id}: stance speaker {speaker!r} is not in the knowledge base")
        if not allowed or set(allowed) - LABELS:
            raise ValueError(f"{doc_id}: stance labels {allowed!r} for {speaker}")
        stances.append({"speaker": speaker, "allowed": list(allowed)})
    claims = []
    for claim in document.get("claims") or []:
        start = text.find(claim["text"])
        if start < 0:
            raise ValueError(f"{doc_id}: claim not found in the text: {claim['text'][:60]!r}")
        holder = claim.get("holder")
        if holder is not None and holder not in kb_ids:
            raise ValueError(f"{doc_id}: claim holder {holder!r} is not in the knowledge base")
        claims.append({"text": claim["text"], "start": start, "end": start + len(claim["text"]),
                       "holder": holder})
    tasks = ["stances", "claims"] if "claims" in document else ["stances"]
    return text, {
        "page": f"texts/{doc_id}.txt", "url": document["url"], "date": document["date"],
        "body_sha256": body_sha256(text), "tasks": tasks,
        "entities": [], "quotes": [], "claims": claims, "stances": stances,
    }


def build(folder: Path) -> int:
    annotations = yaml.safe_load((folder / "annotations.yml").read_text(encoding="utf-8"))
    kb_ids = _kb_ids(folder)
    (folder / "texts").mkdir(exist_ok=True)
    (folder / "gold").mkdir(exist_ok=True)
    for document in annotations["documents"]:
        text, gold = gold_for(document, kb_ids)
        (folder / "texts" / f"{document['id']}.txt").write_text(text, encoding="utf-8")
        (folder / "gold" / f"{document['id']}.json").write_text(
            json.dumps(gold, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return len(annotations["documents"])


def main() -> None:
    for folder in sorted(p.parent for p in DATA.glob("*/annotations.yml")):
        try:
            count = build(folder)
        except ValueError as exc:
            sys.exit(f"{folder.name}: {exc}")
        print(f"{folder.name}: {count} documents")


if __name__ == "__main__":
    main()
