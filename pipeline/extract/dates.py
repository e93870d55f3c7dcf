"""Publication dates as pages write them: ISO 8601, RFC 2822, epoch numbers, English prose.

Returns a `datetime` when the value has a time of day (aware when it names an offset or an
unambiguous zone) and a `date` when it has only a day; anything implausible for a news page
(before 1995, or in the future) is rejected rather than guessed.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta, timezone
from email.utils import parsedate_to_datetime

from presswatch.common.calendar import MONTHS, month_pattern

EARLIEST_PLAUSIBLE_YEAR = 1995

# Only abbreviations that name one offset; "ET" or "PT" would need the date's DST rules.
# fmt: off
_ZONE_OFFSETS_HOURS = {
    "utc": 0, "gmt": 0, "z": 0, "est": -5, "edt": -4, "cst": -6, "cdt": -5, "mst": -7,
    "mdt": -6, "pst": -8, "pdt": -7, "bst": 1, "cet": 1, "cest": 2, "ist": 5.5, "aest": 10,
}
# fmt: on
_MONTH_NAME = r"(?P<month>" + month_pattern() + r")\.?"
_TIME = (
    r"(?:\s*(?:,|at|-|–|—|\|)?\s*(?P<hour>\d{1,2})[:.](?P<minute>\d{2})(?::(?P<second>\d{2}))?"
    r"\s*(?P<meridiem>a\.?m\.?|p\.?m\.?)?(?:\s*(?P<zone>[A-Za-z]{1,4})\b)?)?"
)
_MONTH_DAY_YEAR = re.compile(
    _MONTH_NAME + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>\d{4})" + _TIME,
    re.IGNORECASE,
)
_DAY_MONTH_YEAR = re.compile(
    r"(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?"
    + _MONTH_NAME
    + r",?\s+(?P<year>\d{4})"
    + _TIME,
    re.IGNORECASE,
)
_ISO_LIKE = re.compile(
    r"(?P<value>(?:19|20)\d{2}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?"
    r"(?:Z|[+-]\d{2}:?\d{2})?)?)"
)
_EPOCH = re.compile(r"^\d{10}(?:\d{3})?$")
_COMPACT_DAY = re.compile(r"^(?P<year>(?:19|20)\d{2})(?P<month>\d{2})(?P<day>\d{2})$")
# email.utils accepts almost anything, so only strings shaped like RFC 2822 are handed to it.
_RFC2822_SHAPE = re.compile(r"^(?:[A-Za-z]{3},\s*)?\d{1,2}\s+[A-Za-z]{3}\s+\d{4}\s+\d{1,2}:\d{2}")


def _plausible(value: date, now: datetime) -> bool:
    day = value.date() if isinstance(value, datetime) else value
    return EARLIEST_PLAUSIBLE_YEAR <= day.year and day <= (now + timedelta(days=1)).date()


def _from_iso(raw: str) -> date | None:
    match = _ISO_LIKE.search(raw)
    if not match:
        return None
    value = match.group("value")
    try:
        parsed = datetime.fromisoformat(value.replace(" ", "T", 1))
    except ValueError:
        return None
    if len(value) <= 10:
        return parsed.date()
    if parsed.tzinfo is None:
        # "2023-12-19 23:30 EST": a zone name after the ISO time.
        zone = re.match(r"\s*([A-Za-z]{1,4})\b", raw[match.end() :])
        offset = _ZONE_OFFSETS_HOURS.get(zone.group(1).lower()) if zone else None
        if offset is not None:
            parsed = parsed.replace(tzinfo=timezone(timedelta(hours=offset)))
    return parsed


# The time before the date: "8:00 PM EST, Tue December 19, 2023".
_TIME_BEFORE_DATE = re.compile(
    r"(?P<hour>\d{1,2})[:.](?P<minute>\d{2})(?P<second>)\s*(?P<meridiem>a\.?m\.?|p\.?m\.?)?"
    r"(?:\s*(?P<zone>[A-Za-z]{1,4})\b)?[\s,]*(?:[A-Za-z]{3,9}\.?,?\s*)?$",
    re.IGNORECASE,
)


def _from_month_name(raw: str) -> date | None:
    match = _MONTH_DAY_YEAR.search(raw) or _DAY_MONTH_YEAR.search(raw)
    if not match:
        return None
    if match.group("hour") is None:
        before = _TIME_BEFORE_DATE.search(raw[: match.start()])
        if (
            before is not None
            and before.group("zone") is not None
            and (before.group("zone").lower() not in _ZONE_OFFSETS_HOURS)
        ):
            before = None  # "10:00 Tuesday" is no zone
        if before is not None:
            return _at_time(match, before)
    return _at_time(match, match)


def _at_time(match: re.Match[str], clock: re.Match[str]) -> date | None:
    try:
        day = date(
            int(match.group("year")), MONTHS[match.group("month").lower()], int(match.group("day"))
        )
    except ValueError:
        return None
    if clock.group("hour") is None:
        return day
    hour, minute = int(clock.group("hour")), int(clock.group("minute"))
    meridiem = (clock.group("meridiem") or "").replace(".", "").lower()
    if meridiem == "pm" and hour < 12:
        hour += 12
    elif meridiem == "am" and hour == 12:
        hour = 0
    if hour > 23 or minute > 59:
        return day
    zone_name = (clock.group("zone") or "").lower()
    offset = _ZONE_OFFSETS_HOURS.get(zone_name)
    tzinfo = timezone(timedelta(hours=offset)) if offset is not None else None
    return datetime(
        day.year, day.month, day.day, hour, minute, int(clock.group("second") or 0), tzinfo=tzinfo
    )


def _from_rfc2822(raw: str) -> date | None:
    if not _RFC2822_SHAPE.match(raw):
        return None
    try:
        return parsedate_to_datetime(raw)
    except (TypeError, ValueError, IndexError):
        return None


def _from_compact_day(raw: str) -> date | None:
    match = _COMPACT_DAY.match(raw)
    if not match:
        return None
    try:
        return date(int(match.group("year")), int(match.group("month")), int(match.group("day")))
    except ValueError:
        return None


def _from_epoch(raw: str) -> date | None:
    if not _EPOCH.match(raw):
        return None
    seconds = int(raw) / (1000 if len(raw) == 13 else 1)
    return datetime.fromtimestamp(seconds, tz=UTC)


def parse_date(raw: str | None, *, now: datetime | None = None) -> date | None:
    """The first plausible date or date-time found in `raw`, or None.

    `now` bounds what counts as plausible (defaults to the current time); pass the fetch time
    to judge archived pages by when they were collected.
    """
    if not raw:
        return None
    text = raw.strip()
    reference = now or datetime.now(UTC)
    for parser in (_from_compact_day, _from_epoch, _from_iso, _from_rfc2822, _from_month_name):
        parsed = parser(text)
        if parsed is not None and _plausible(parsed, reference):
            return parsed
    return None


_DATE_LINE_FILLER = re.compile(
    r"[ap]\.m\.|\b(?:posted|updated|published|last|modified|on|at|am|pm|et|pt|ct|"
    + "|".join(_ZONE_OFFSETS_HOURS)
    + r"|(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?|"
    + "|".join(MONTHS)
    + r")\b\.?|\d+|[,:|./\-–—()]",
    re.IGNORECASE,
)


# A stamp's closing credit: "Dec. 22, 2023, 5:24 AM UTC / Source: TODAY".
_SOURCE_TAIL = re.compile(r"\s*[/|•]\s*source\s*:\s*[^/|•]{1,40}$", re.IGNORECASE)


def is_date_line(text: str) -> bool:
    """True for a line that is only a date stamp: "Posted January 26, 2019 3:11 pm ET"."""
    if parse_date(text) is None:
        return False
    return not _DATE_LINE_FILLER.sub(" ", _SOURCE_TAIL.sub("", text)).strip()
