"""Wire services: telling an agency from a person, and reading credits such as "With files
from Reuters" or a dateline's "(AP) —".

A researcher counting who wrote what must not count "Reuters" as a journalist: agencies named
where authors go become the article's `agency`; credits naming them are kept as `credits`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import cache
from importlib import resources

import yaml

from .text import clean_inline_text

AGENCIES_FILE = "agencies.yml"
# "WASHINGTON (Reuters) -", "SAN FRANCISCO, Jan 28 (Capital Wire) —": a dateline at the start of
# the first paragraph, with the agency in brackets.
_DATELINE_AGENCY = re.compile(
    r"^[A-Z][A-Z "
    r".,'’-]{1,60}(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})?\s*\((?P<agency>[^()]{2,40})\)\s*[-–—:]"
)
# Credit lines, anywhere in a short paragraph: "— With files from Reuters and The Canadian
# Press", "Additional reporting by Jane Roe", "Reporting by A; Editing by B".
_CREDIT = re.compile(
    r"(?:with (?:files|reporting|additional reporting) from|additional reporting by|reporting "
    r"by|writing by|editing by|edited by|compiled by|contributed by|this "
    r"(?:story|article|report) (?:includes|contains) (?:material|reporting) "
    r"from)\s+(?P<names>[^.;]+)",
    re.IGNORECASE,
)
_CREDIT_PLACE = re.compile(r"\s+in\s+[A-Z][\w .'-]*$")
_CREDIT_SPLIT = re.compile(r"\s*(?:,|\band\b|&)\s*", re.IGNORECASE)
MAX_CREDIT_LINE_CHARACTERS = 200


@cache
def _aliases() -> dict[str, str]:
    text = resources.files(__package__).joinpath("data", AGENCIES_FILE).read_text("utf-8")
    data = yaml.safe_load(text)["agencies"]
    return {alias.casefold(): name for name, aliases in data.items() for alias in [name, *aliases]}


def agency_name(value: str) -> str | None:
    """The recorded agency name when `value` names one ("AP", "Reuters Staff"), else None."""
    return _aliases().get(clean_inline_text(value).strip(" .,:-–—").casefold())


def split_people_and_agencies(names: Iterable[str]) -> tuple[list[str], list[str]]:
    people: list[str] = []
    agencies: list[str] = []
    for name in names:
        agency = agency_name(name)
        if agency is None:
            people.append(name)
        elif agency not in agencies:
            agencies.append(agency)
    return people, agencies


def dateline_agency(first_paragraph: str | None) -> str | None:
    """The agency in a dateline opening the story, as the page spells it when unknown."""
    if not first_paragraph:
        return None
    match = _DATELINE_AGENCY.match(first_paragraph)
    if not match:
        return None
    named = match.group("agency").strip()
    return agency_name(named) or named


def credit_lines(paragraphs: Sequence[str]) -> list[str]:
    """Whom short credit paragraphs name ("With files from Reuters" → "Reuters")."""
    credits: list[str] = []
    for text in paragraphs:
        if len(text) > MAX_CREDIT_LINE_CHARACTERS:
            continue
        for match in _CREDIT.finditer(text):
            for part in _CREDIT_SPLIT.split(match.group("names")):
                # "Nora Whitfield in San Francisco": the credit names a person, not a place.
                name = _CREDIT_PLACE.sub("", part).strip(" .:-–—")
                name = agency_name(name) or name
                if name and name[0].isupper() and name not in credits:
                    credits.append(name)
    return credits
