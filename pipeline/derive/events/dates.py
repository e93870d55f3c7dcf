"""Resolve the date a sentence gives an event, against the article's own publication date.

Pure functions, no date-guessing library: a small set of rules for the phrases news copy uses
("on Friday", "last week", "in 2014", "on 25 January 2019", "two years ago"). The anchor is
the article's date *in its own time zone*: a story stamped 2019-01-25T23:30-05:00 was written
on the 25th even though it is already the 26th in UTC, so "yesterday" there is the 24th.
Results carry their precision (day, week, month, year) rather than inventing a day.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from presswatch.common.calendar import MONTHS, WEEKDAYS, month_pattern

NUMBER_WORDS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
}

# An abbreviation's dot belongs to the date only before a number ("Feb. 19"), not at a sentence end.
_MONTH = r"(?P<month>" + month_pattern() + r")(?:\.(?=\s*\d))?"
_YEAR = r"(?P<year>(?:19|20)\d{2})"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_WEEKDAY = r"(?P<weekday>" + "|".join(WEEKDAYS) + r")"
_COUNT = r"(?P<count>\d+|" + "|".join(NUMBER_WORDS) + r")"

# Most specific first: the first rule that matches at a position wins.
PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(r"\b(?P<year>(?:19|20)\d{2})-(?P<month>\d{2})-(?P<day>\d{2})\b")),
    ("day_month_year", re.compile(rf"\b{_DAY}\s+{_MONTH}\s*,?\s+{_YEAR}\b", re.IGNORECASE)),
    ("month_day_year", re.compile(rf"\b{_MONTH}\s+{_DAY}\s*,\s*{_YEAR}\b", re.IGNORECASE)),
    ("month_year", re.compile(rf"\b{_MONTH}\s+(?:of\s+)?{_YEAR}\b", re.IGNORECASE)),
    ("day_month", re.compile(rf"\b{_DAY}\s+{_MONTH}(?!\w)", re.IGNORECASE)),
    ("month_day", re.compile(rf"\b{_MONTH}\s+{_DAY}\b(?!\s*,?\s*(?:19|20)\d\d)", re.IGNORECASE)),
    ("ago", re.compile(rf"\b{_COUNT}\s+(?P<unit>day|week|month|year)s?\s+ago\b", re.IGNORECASE)),
    ("earlier_this", re.compile(r"\bearlier\s+this\s+(?P<unit>week|month|year)\b", re.IGNORECASE)),
    (
        "last_unit",
        re.compile(r"\b(?P<which>last|this|next)\s+(?P<unit>week|month|year)\b", re.IGNORECASE),
    ),
    ("weekday", re.compile(rf"\b(?:(?P<which>last|this|on)\s+)?{_WEEKDAY}\b", re.IGNORECASE)),
    ("yesterday", re.compile(r"\b(?P<word>yesterday|today|tomorrow)\b", re.IGNORECASE)),
    ("in_month", re.compile(rf"\b(?:in|since|by|last)\s+{_MONTH}(?!\w)", re.IGNORECASE)),
    ("year", re.compile(rf"\b(?:in|since|of|by|during)\s+{_YEAR}\b", re.IGNORECASE)),
]


@dataclass(frozen=True)
class ResolvedDate:
    value: str  # YYYY-MM-DD, YYYY-MM or YYYY (a week is given by its Monday)
    precision: str  # day, week, month or year
    text: str  # the words it was read from
    start: int  # offsets of those words in the text given
    end: int


def anchor_date(published: str | None) -> date | None:
    """The article's own calendar date: the date part as written in its own time zone."""
    if not published:
        return None
    try:
        return datetime.fromisoformat(published).date()
    except ValueError:
        match = re.match(r"(\d{4})-(\d{2})-(\d{2})", published)
        return date(*map(int, match.groups())) if match else None


def precision_of(value: str) -> str:
    return {4: "year", 7: "month", 10: "day"}[len(value)]


def find_dates(text: str, published: str | None) -> list[ResolvedDate]:
    """Every date expression in `text` resolved against the publication date, in text order."""
    anchor = anchor_date(published)
    found: list[ResolvedDate] = []
    taken: list[tuple[int, int]] = []
    for rule, pattern in PATTERNS:
        for match in pattern.finditer(text):
            if any(match.start() < end and start < match.end() for start, end in taken):
                continue
            resolved = _resolve(rule, match, anchor)
            if resolved is None:
                if rule not in {"weekday"}:
                    # "31 February 2019" is no date: its words must not be read as "February 2019".
                    taken.append((match.start(), match.end()))
                continue
            value, precision = resolved
            found.append(ResolvedDate(value, precision, match.group(0), match.start(), match.end()))
            taken.append((match.start(), match.end()))
    return sorted(found, key=lambda d: d.start)


def resolve_date(text: str, published: str | None, near: int = 0) -> ResolvedDate | None:
    """The date in `text` closest to offset `near` (the event's verb), or None.

    Closest, not most precise: in "which bought Instagram in 2012, said in January", the
    purchase is dated by "in 2012". On a tie the date after the verb wins.
    """
    dates = find_dates(text, published)
    return (
        min(dates, key=lambda d: d.start - near if d.start >= near else (near - d.end) + 0.5)
        if dates
        else None
    )


def _resolve(rule: str, match: re.Match[str], anchor: date | None) -> tuple[str, str] | None:
    groups = {k: v for k, v in match.groupdict().items() if v is not None}
    if rule == "iso":
        return _day(int(groups["year"]), int(groups["month"]), int(groups["day"]))
    if rule in {"day_month_year", "month_day_year"}:
        return _day(int(groups["year"]), MONTHS[groups["month"].lower()], int(groups["day"]))
    if rule == "month_year":
        return f"{int(groups['year']):04d}-{MONTHS[groups['month'].lower()]:02d}", "month"
    if rule == "year":
        return groups["year"], "year"
    if anchor is None:
        return None  # every rule below needs the article's date
    if rule in {"day_month", "month_day"}:
        month, day = MONTHS[groups["month"].lower()], int(groups["day"])
        # No year given: the latest such day not after the article (news reports the past).
        year = anchor.year if (month, day) <= (anchor.month, anchor.day) else anchor.year - 1
        return _day(year, month, day)
    if rule == "in_month":
        month = MONTHS[groups["month"].lower()]
        year = anchor.year if month <= anchor.month else anchor.year - 1
        return f"{year:04d}-{month:02d}", "month"
    if rule == "yesterday":
        offset = {"yesterday": -1, "today": 0, "tomorrow": 1}[groups["word"].lower()]
        return (anchor + timedelta(days=offset)).isoformat(), "day"
    if rule == "weekday":
        if not groups.get("which") and not match.group(0)[0].isupper():
            return None
        target = WEEKDAYS[groups["weekday"].lower()]
        back = (anchor.weekday() - target) % 7
        if (groups.get("which") or "").lower() == "last" and back == 0:
            back = 7
        # "on Friday" in a Friday story is that day; otherwise the latest one before it.
        return (anchor - timedelta(days=back)).isoformat(), "day"
    if rule in {"last_unit", "earlier_this"}:
        which = (groups.get("which") or "this").lower()
        step = {"last": -1, "this": 0, "next": 1}[which]
        return _shift(anchor, groups["unit"].lower(), step)
    if rule == "ago":
        count = groups["count"].lower()
        number = int(count) if count.isdigit() else NUMBER_WORDS[count]
        unit = groups["unit"].lower()
        if unit == "day":
            return (anchor - timedelta(days=number)).isoformat(), "day"
        return _shift(anchor, unit, -number)
    return None


def _day(year: int, month: int, day: int) -> tuple[str, str] | None:
    try:
        return date(year, month, day).isoformat(), "day"
    except ValueError:
        return None  # "31 February": not a date, so no date rather than a wrong one


def _shift(anchor: date, unit: str, step: int) -> tuple[str, str]:
    if unit == "week":
        monday = anchor - timedelta(days=anchor.weekday()) + timedelta(weeks=step)
        return monday.isoformat(), "week"
    if unit == "month":
        index = anchor.year * 12 + anchor.month - 1 + step
        return f"{index // 12:04d}-{index % 12 + 1:02d}", "month"
    return f"{anchor.year + step:04d}", "year"
