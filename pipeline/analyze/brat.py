"""Attributions annotated in brat standoff (the PolNeAR layout), read into plain records.

A folder in that layout holds `text/<article>.txt` and `attributions/<article>_<annotator>.ann`;
an article with two annotation files is read from the first by name. In an .ann file, `T` lines
are spans (label, `start end` pairs separated by `;` for a discontinuous span, covered text)
and each `E` line ties one attribution's Source, Cue and Content spans together.

`parse_attributions` is pure (text in, records out); `read_attribution_folder` is the I/O edge.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

Segments = tuple[tuple[int, int], ...]  # (start, end) character pairs, in order


@dataclass(frozen=True)
class GoldAttribution:
    """One attribution relation: its content (always present), cue and source (either may be
    missing). Each is a tuple of character segments."""

    content: Segments
    cue: Segments = ()
    source: Segments = ()

    @property
    def content_bounds(self) -> tuple[int, int]:
        return self.content[0][0], self.content[-1][1]


@dataclass(frozen=True)
class AnnotatedArticle:
    name: str
    text: str
    attributions: tuple[GoldAttribution, ...]


_ROLE = re.compile(r"^([A-Za-z]+)\d*$")  # "Content2" → "Content"


def parse_segments(offsets: str) -> Segments:
    """ "120 211" → ((120, 211),); "2103 2168;2170 2425" → ((2103, 2168), (2170, 2425))."""
    pairs = []
    for part in offsets.split(";"):
        start, end = part.split()
        pairs.append((int(start), int(end)))
    return tuple(sorted(pairs))


def parse_attributions(ann: str) -> list[GoldAttribution]:
    """Every attribution with a Content span, in the order of its content's start. Lines that
    are not well-formed (a covered text broken over two lines) are skipped."""
    spans: dict[str, Segments] = {}
    relations: list[list[str]] = []
    for line in ann.splitlines():
        fields = line.split("\t")
        if len(fields) < 2:
            continue
        if fields[0].startswith("T"):
            label, _, offsets = fields[1].partition(" ")
            try:
                spans[fields[0]] = parse_segments(offsets)
            except ValueError:
                continue
            del label  # the relation line says which role a span plays
        elif fields[0].startswith("E"):
            relations.append(fields[1].split())
    attributions = []
    for arguments in relations:
        roles: dict[str, list[tuple[int, int]]] = {"Content": [], "Cue": [], "Source": []}
        for argument in arguments:
            role, _, span_id = argument.partition(":")
            match = _ROLE.match(role)
            if match and match.group(1) in roles and span_id in spans:
                roles[match.group(1)].extend(spans[span_id])
        if roles["Content"]:
            attributions.append(
                GoldAttribution(
                    content=tuple(sorted(roles["Content"])),
                    cue=tuple(sorted(roles["Cue"])),
                    source=tuple(sorted(roles["Source"])),
                )
            )
    return sorted(attributions, key=lambda a: a.content_bounds)


def read_attribution_folder(folder: Path) -> Iterator[AnnotatedArticle]:
    """Articles of a folder in PolNeAR layout, sorted by name. Raises FileNotFoundError naming
    the folder when it has no text/ or attributions/ in it."""
    text_dir, ann_dir = folder / "text", folder / "attributions"
    if not text_dir.is_dir() or not ann_dir.is_dir():
        raise FileNotFoundError(
            f"{folder}: expected text/ and attributions/ folders (PolNeAR layout)"
        )
    ann_files: dict[str, Path] = {}
    for path in sorted(ann_dir.glob("*.ann")):
        article = path.stem.rsplit("_", 1)[0]
        ann_files.setdefault(article, path)
    texts = sorted(text_dir.glob("*.txt"))
    if not texts:
        raise FileNotFoundError(f"{text_dir}: no *.txt articles")
    for text_path in texts:
        ann = ann_files.get(text_path.stem)
        if ann is None:
            continue
        yield AnnotatedArticle(
            name=text_path.stem,
            text=text_path.read_text(encoding="utf-8"),
            attributions=tuple(parse_attributions(ann.read_text(encoding="utf-8"))),
        )
