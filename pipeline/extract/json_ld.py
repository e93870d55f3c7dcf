"""JSON-LD on a page (pure helpers for metadata.py): every node of every
`application/ld+json` script, graphs and lists unpacked; a node's schema.org type names; the
names a person or organisation value gives (following `@id` references); plain text values."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from .page_index import PageIndex

_LD_JSON_TYPE = re.compile(r"ld\+json", re.IGNORECASE)


def json_ld_nodes(index: PageIndex) -> Iterator[dict[str, Any]]:
    scripts = (tag for tag in index.all("script") if _LD_JSON_TYPE.search(str(tag.get("type"))))
    for script in scripts:
        try:
            data = json.loads(script.string or script.get_text() or "null", strict=False)
        except (json.JSONDecodeError, RecursionError):
            continue
        pending = [data]
        while pending:
            item = pending.pop(0)
            if isinstance(item, list):
                pending.extend(item)
            elif isinstance(item, dict):
                yield item
                graph = item.get("@graph")
                if isinstance(graph, list):
                    pending.extend(graph)
                elif isinstance(graph, dict):
                    pending.append(graph)


def type_names(node: dict[str, Any]) -> set[str]:
    declared = node.get("@type")
    names = declared if isinstance(declared, list) else [declared]
    # "NewsArticle", "schema:NewsArticle" and "https://schema.org/NewsArticle" all name one type.
    return {re.split(r"[/:#]", name)[-1].lower() for name in names if isinstance(name, str)}


def ld_names(value: Any, nodes_by_id: dict[str, dict[str, Any]]) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [name for item in value for name in ld_names(item, nodes_by_id)]
    if isinstance(value, dict):
        if "name" not in value and isinstance(value.get("@id"), str):
            value = nodes_by_id.get(value["@id"], value)
        name = value.get("name")
        if isinstance(name, str):
            return [name]
        if isinstance(name, list):
            return [item for item in name if isinstance(item, str)]
    return []


def text_values(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [item for item in value if isinstance(item, str)]
    return []
