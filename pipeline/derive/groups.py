"""Connected groups of confirmed pairs: what syndication and quote tracing call a cluster.

Both passes confirm pairs (two articles telling one story, two occurrences of one quotation) and
join them transitively: a ~ b and b ~ c put a, b and c in one group even when a and c were never
compared. Pure and deterministic, so the same pairs always give the same clusters and ids.
"""

from __future__ import annotations

from collections.abc import Iterable


def connected_groups(pairs: Iterable[tuple[str, str]]) -> list[list[str]]:
    """The groups joined by `pairs`: each group's members sorted, groups in order of their first
    member. Only keys that appear in a pair are grouped (a group has two members or more)."""
    parent: dict[str, str] = {}

    def root(key: str) -> str:
        parent.setdefault(key, key)
        while parent[key] != key:
            parent[key] = parent[parent[key]]  # path halving keeps long chains cheap
            key = parent[key]
        return key

    for first, second in pairs:
        low, high = sorted((root(first), root(second)))
        parent[high] = low
    groups: dict[str, list[str]] = {}
    for key in sorted(parent):
        groups.setdefault(root(key), []).append(key)
    return list(groups.values())
