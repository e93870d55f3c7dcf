"""Publication dates as pages write them."""

from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from presswatch.extract.dates import is_date_line, parse_date

EST = timezone(timedelta(hours=-5))


@pytest.mark.parametrize(
    ("raw", "parsed"),
    [
        ("2019-01-27T11:30:00-05:00", datetime(2019, 1, 27, 11, 30, tzinfo=EST)),
        ("2019-01-26T15:11:22.000+0000", datetime(2019, 1, 26, 15, 11, 22, tzinfo=UTC)),
        ("2019-01-26T15:11:22Z", datetime(2019, 1, 26, 15, 11, 22, tzinfo=UTC)),
        ("2019-01-26 15:11", datetime(2019, 1, 26, 15, 11)),
        ("2019-01-26", date(2019, 1, 26)),
        ("20190131", date(2019, 1, 31)),
        ("Sat, 26 Jan 2019 20:11:22 GMT", datetime(2019, 1, 26, 20, 11, 22, tzinfo=UTC)),
        ("1548533482", datetime(2019, 1, 26, 20, 11, 22, tzinfo=UTC)),
        ("1548533482000", datetime(2019, 1, 26, 20, 11, 22, tzinfo=UTC)),
        ("January 26, 2019 3:11 pm EST", datetime(2019, 1, 26, 15, 11, tzinfo=EST)),
        ("Posted Jan. 26, 2019 12:05 am", datetime(2019, 1, 26, 0, 5)),
        ("26 January 2019", date(2019, 1, 26)),
        ("26th of January, 2019 at 10.30 GMT", datetime(2019, 1, 26, 10, 30, tzinfo=UTC)),
        # "ET" changes offset with daylight saving, so the time stays naive rather than wrong.
        ("Jan. 26, 2019 3:11 p.m. ET", datetime(2019, 1, 26, 15, 11)),
    ],
)
def test_parse_date(raw: str, parsed: date) -> None:
    assert parse_date(raw) == parsed


@pytest.mark.parametrize(
    "raw", ["", "nonsense", "2019-02-30", "March 2019", "1890-05-01", "3:11 pm"]
)
def test_parse_date_rejects(raw: str) -> None:
    assert parse_date(raw) is None


def test_dates_after_the_fetch_are_implausible() -> None:
    fetched = datetime(2019, 2, 1, tzinfo=UTC)
    assert parse_date("2019-01-31", now=fetched) == date(2019, 1, 31)
    assert parse_date("2019-03-01", now=fetched) is None


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Posted January 26, 2019 3:11 pm ET", True),
        ("Updated: Saturday, Jan. 26, 2019 at 10:00 a.m. EST", True),
        ("Published 3:11 p.m. ET Jan. 26, 2019", True),
        ("2019-01-26", True),
        ("On Jan. 25, 2019, the Times reported the plan.", False),
        ("January 2019 was a bad month for the company.", False),
        ("Jan. 26, 2019, 5:24 AM UTC / Updated Jan. 26, 2019, 2:01 PM UTC / Source: Ledger", True),
        ("Jan. 26, 2019 / Source: officials at the port said the ship sank.", False),
    ],
)
def test_is_date_line(line: str, expected: bool) -> None:
    assert is_date_line(line) is expected


def test_time_printed_before_the_date() -> None:
    from datetime import datetime, timedelta, timezone

    from presswatch.extract.dates import parse_date

    assert parse_date("Published 8:00 PM EST, Tue December 19, 2023") == datetime(
        2023, 12, 19, 20, 0, tzinfo=timezone(timedelta(hours=-5))
    )
    assert parse_date("2023-12-19 23:30 EST") == datetime(
        2023, 12, 19, 23, 30, tzinfo=timezone(timedelta(hours=-5))
    )
