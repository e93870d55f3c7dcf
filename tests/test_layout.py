"""The layout the README draws: one folder per stage, imports running one way, no cycles.

Read with the standard library's ast, so the check sees every import, including the ones made
inside functions to keep start-up light.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
PACKAGES = ("pipeline", "spiders")

# What each part of pipeline/ may import besides itself. Data flows crawl → extract → analyze →
# store → derive → publish; the process stage runs extract, analyze, store and derive in turn;
# the CLI calls every stage; common and store import no stage.
ALLOWED = {
    "presswatch.common": set(),
    "presswatch.dataset": {"presswatch.common"},
    "presswatch.store": {"presswatch.common"},
    "presswatch.extract": {"presswatch.common"},
    "presswatch.analyze": {"presswatch.common", "presswatch.dataset"},
    "presswatch.crawl": {"presswatch.common", "presswatch.dataset", "presswatch.store"},
    "presswatch.derive": {"presswatch.common", "presswatch.store", "presswatch.extract"},
    "presswatch.process": {
        "presswatch.common", "presswatch.dataset", "presswatch.store", "presswatch.extract",
        "presswatch.analyze", "presswatch.derive",
    },
    "presswatch.publish": {"presswatch.common", "presswatch.store", "presswatch.dataset"},
    "presswatch.cli": {
        "presswatch.common", "presswatch.dataset", "presswatch.store", "presswatch.crawl", "presswatch.extract",
        "presswatch.analyze", "presswatch.process", "presswatch.derive", "presswatch.publish",
    },
    "presswatch.__main__": {"presswatch.cli"},
    # Scrapy plumbing hands pages to the crawl stage; the crawl stage names it only in settings.
    "spiders": {"presswatch.crawl", "presswatch.dataset", "presswatch.store", "presswatch.common"},
}


def modules(root: Path = REPO) -> dict[str, Path]:
    found = {}
    for package in PACKAGES:
        for path in sorted((root / package).rglob("*.py")):
            parts = list(path.relative_to(root).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            found[".".join(parts)] = path
    return found


def imported_names(module: str, path: Path) -> Iterator[str]:
    """Every dotted name the module imports, relative imports made absolute."""
    package = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            yield target
            yield from (f"{target}.{alias.name}" for alias in node.names)


def import_graph(found: dict[str, Path]) -> dict[str, set[str]]:
    def owner(name: str) -> str | None:
        while name and name not in found:
            name = name.rpartition(".")[0]
        return name or None

    graph: dict[str, set[str]] = defaultdict(set)
    for module, path in found.items():
        for name in imported_names(module, path):
            target = owner(name)
            if target and target != module and not module.startswith(target + "."):
                graph[module].add(target)
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def part_of(module: str) -> str:
    if module.startswith("spiders"):
        return "spiders"
    return ".".join(module.split(".")[:2])


@pytest.fixture(scope="module")
def graph() -> dict[str, set[str]]:
    return import_graph(modules())


def test_no_import_cycles(graph: dict[str, set[str]]) -> None:
    assert cycles(graph) == []


def test_imports_run_one_way(graph: dict[str, set[str]]) -> None:
    wrong = sorted(
        f"{module} imports {target}"
        for module, targets in graph.items()
        for target in targets
        if part_of(target) != part_of(module) and part_of(target) not in ALLOWED[part_of(module)]
    )
    assert wrong == []


def test_pipeline_root_holds_only_entry_points() -> None:
    loose = sorted(p.name for p in (REPO / "pipeline").iterdir() if p.is_file())
    assert loose == ["__init__.py", "__main__.py"]


def test_every_part_has_a_rule() -> None:
    assert {part_of(m) for m in modules()} - {"pipeline"} <= set(ALLOWED)


def test_the_checker_sees_a_cycle_and_a_backward_import(tmp_path: Path) -> None:
    """The checks above can fail: a two-module cycle and a store → crawl import are found."""
    (tmp_path / "pipeline" / "store").mkdir(parents=True)
    (tmp_path / "pipeline" / "crawl").mkdir(parents=True)
    (tmp_path / "spiders").mkdir()
    for folder in ("pipeline", "pipeline/store", "pipeline/crawl", "spiders"):
        (tmp_path / folder / "__init__.py").write_text("")
    (tmp_path / "pipeline/store/a.py").write_text("def f():\n    from presswatch.crawl import b\n")
    (tmp_path / "pipeline/crawl/b.py").write_text("from presswatch.store.a import f\n")
    found_graph = import_graph(modules(tmp_path))
    assert cycles(found_graph) == [["presswatch.crawl.b", "presswatch.store.a"]]
    assert "presswatch.crawl" not in ALLOWED[part_of("presswatch.store.a")]
