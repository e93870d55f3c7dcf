"""The co-mention network (view co_mentions) as GEXF for Gephi/NetworkX, or as CSV. Pure writers."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from typing import Any
from xml.etree import ElementTree

import sqlite_utils

GEXF_NS = "http://gexf.net/1.3"


def co_mention_edges(db: sqlite_utils.Database, min_articles: int = 1) -> list[dict[str, Any]]:
    """Rows of the co_mentions view with at least `min_articles`, heaviest first, ties by id."""
    return list(
        db.query(
            "select * from co_mentions where articles >= ? "
            "order by articles desc, source_entity_id, target_entity_id",
            [min_articles],
        )
    )


def edges_to_csv(edges: Iterable[dict[str, Any]]) -> str:
    columns = [
        "source_entity_id",
        "source_name",
        "source_type",
        "target_entity_id",
        "target_name",
        "target_type",
        "articles",
    ]
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    writer.writerows(edges)
    return out.getvalue()


def edges_to_gexf(edges: Iterable[dict[str, Any]], title: str) -> str:
    """A GEXF 1.3 undirected graph: nodes are entities (label, type), edge weight = articles."""
    ElementTree.register_namespace("", GEXF_NS)
    root = ElementTree.Element(f"{{{GEXF_NS}}}gexf", {"version": "1.3"})
    meta = ElementTree.SubElement(root, f"{{{GEXF_NS}}}meta")
    ElementTree.SubElement(meta, f"{{{GEXF_NS}}}creator").text = "presswatch"
    ElementTree.SubElement(meta, f"{{{GEXF_NS}}}description").text = title
    graph = ElementTree.SubElement(
        root, f"{{{GEXF_NS}}}graph", {"defaultedgetype": "undirected", "mode": "static"}
    )
    attributes = ElementTree.SubElement(graph, f"{{{GEXF_NS}}}attributes", {"class": "node"})
    ElementTree.SubElement(
        attributes, f"{{{GEXF_NS}}}attribute", {"id": "type", "title": "type", "type": "string"}
    )
    nodes_el = ElementTree.SubElement(graph, f"{{{GEXF_NS}}}nodes")
    edges_el = ElementTree.SubElement(graph, f"{{{GEXF_NS}}}edges")
    nodes: dict[str, tuple[str, str]] = {}
    edge_list = list(edges)
    for edge in edge_list:
        for end in ("source", "target"):
            nodes.setdefault(
                edge[f"{end}_entity_id"],
                (edge[f"{end}_name"] or edge[f"{end}_entity_id"], edge[f"{end}_type"] or ""),
            )
    for node_id, (label, kind) in sorted(nodes.items()):
        node = ElementTree.SubElement(
            nodes_el, f"{{{GEXF_NS}}}node", {"id": node_id, "label": label}
        )
        values = ElementTree.SubElement(node, f"{{{GEXF_NS}}}attvalues")
        ElementTree.SubElement(values, f"{{{GEXF_NS}}}attvalue", {"for": "type", "value": kind})
    for index, edge in enumerate(edge_list):
        ElementTree.SubElement(
            edges_el,
            f"{{{GEXF_NS}}}edge",
            {
                "id": str(index),
                "source": edge["source_entity_id"],
                "target": edge["target_entity_id"],
                "weight": str(edge["articles"]),
            },
        )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        + ElementTree.tostring(root, encoding="unicode")
        + "\n"
    )
