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
# "Includes information from The Associated Press": a line that opens so only credits.
_INCLUDES_FROM = r"includes (?:information|reporting|material) from"
# Credit lines, anywhere in a short paragraph: "— With files from Reuters and The Canadian
# Press", "Additional reporting by Jane Roe", "Reporting by A; Editing by B".
_CREDIT = re.compile(
    r"(?:with (?:files|reporting|additional reporting) from|additional reporting by|reporting "
    r"by|writing by|editing by|edited by|compiled by|contributed by|this "
    r"(?:story|article|report) (?:includes|contains) (?:material|reporting) "
    r"from|^" + _INCLUDES_FROM + r")"
    r"\s+(?P<names>[^.;]+)",
    re.IGNORECASE,
)
# A list of contributors, in groups split by semicolons: "Contributing: AP; Jane Roe, John Doe".
_CONTRIBUTING = re.compile(r"^contributing:\s*(?P<names>.+)$", re.IGNORECASE)
# The same credit with the names first: "Jane Roe contributed to this report."
_CONTRIBUTED = re.compile(
    r"^(?P<names>[^.;]{2,80}?) contributed (?:to )?this (?:report|story|article)\b",
    re.IGNORECASE,
)
# An outlet named before its contributor: "FOX News' Jane Roe" credits Jane Roe.
_OUTLET_POSSESSIVE = re.compile(r"^[^'’]{2,40}['’]s?\s+(?=[A-Z])")
# A sign-off line that is only a wire service's name: "—The Associated Press".
_SIGN_OFF = re.compile(r"^[—–-]\s*(?P<name>[^.;]{2,40}?)\.?$")
# Credit lines that only credit contributors, as the story's last lines ("Contributing:
# Associated Press; …", "Includes information from The Associated Press", "Jane Roe
# contributed to this report.", is_contributor_credit): read into `credits` and not kept in the
# body. Wire sign-offs ("Reporting by …; Editing by …", "With files from …") are read too but
# stay in the body: the bundled dataset's NLP gold covers them.
_CONTRIBUTOR_OPENING = re.compile(r"^(?:contributing:|" + _INCLUDES_FROM + r")\s", re.IGNORECASE)
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
        if (sign_off := _sign_off_agency(text)) and sign_off not in credits:
            credits.append(sign_off)
        named = [match.group("names") for match in _CREDIT.finditer(text)]
        named += [_OUTLET_POSSESSIVE.sub("", m.group("names")) for m in _CONTRIBUTED.finditer(text)]
        named += [m.group("names").replace(";", ",") for m in _CONTRIBUTING.finditer(text)]
        for names in named:
            for part in _CREDIT_SPLIT.split(names):
                # "Nora Whitfield in San Francisco": the credit names a person, not a place.
                name = _CREDIT_PLACE.sub("", part).strip(" .:-–—")
                name = agency_name(name) or name
                if name and name[0].isupper() and name not in credits:
                    credits.append(name)
    return credits


def _sign_off_agency(text: str) -> str | None:
    match = _SIGN_OFF.match(text.strip())
    return agency_name(match.group("name")) if match else None


def is_contributor_credit(text: str) -> bool:
    """A line that only credits contributors or a wire service ("Contributing: …", "Jane Roe
    contributed to this report.", "—The Associated Press"), not the story's text."""
    if len(text) > MAX_CREDIT_LINE_CHARACTERS:
        return False
    line = text.strip()
    if _CONTRIBUTOR_OPENING.match(line) or _sign_off_agency(text) is not None:
        return True
    # "Jane Roe contributed to this report." alone, not before a "; Editing by …"
    named_first = _CONTRIBUTED.match(line)
    return named_first is not None and ";" not in line[named_first.end() :]
