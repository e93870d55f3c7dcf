"""English month and weekday names, shared by the two date readers: extract/dates.py (a page's
publication date from metadata and date lines) and derive/events/dates.py (dates written in an
article's prose, resolved against its publication date). One table, so the two agree on what a
month is called."""

from __future__ import annotations

# Full names and the abbreviations news writes ("Sept." as well as "Sep.").
MONTHS: dict[str, int] = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}

WEEKDAYS: dict[str, int] = {
    name: index
    for index, name in enumerate(
        ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
    )
}


def month_pattern() -> str:
    """A regex alternation of every month name, longest first (so "sept" wins over "sep")."""
    return "|".join(sorted(MONTHS, key=len, reverse=True))
