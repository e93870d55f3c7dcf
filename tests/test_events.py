"""Event mentions: dates resolved against the article's own date, and matching to known events.

Every sentence here was written for the test; expected dates were worked out with a calendar.
"""

from __future__ import annotations

import pytest
from presswatch.derive.events.dates import anchor_date, find_dates, resolve_date
from presswatch.derive.events.mentions import (
    find_event_mentions,
    known_events,
    match_event,
    split_sentences,
)

KB = [
    {"id": "facebook", "name": "Facebook", "type": "organization", "aliases": ["Meta"]},
    {"id": "instagram", "name": "Instagram", "type": "product"},
    {"id": "whatsapp", "name": "WhatsApp", "type": "product"},
    {"id": "ftc", "name": "Federal Trade Commission", "type": "organization", "aliases": ["FTC"]},
    {"id": "european-commission", "name": "European Commission", "type": "organization"},
    {
        "id": "mark-zuckerberg",
        "name": "Mark Zuckerberg",
        "type": "person",
        "aliases": ["Zuckerberg"],
    },
]
EVENTS = known_events(
    [
        {
            "id": "ig",
            "date": "2012-04-09",
            "kind": "acquisition",
            "actors": ["facebook", "instagram"],
        },
        {
            "id": "wa",
            "date": "2014-02-19",
            "kind": "acquisition",
            "actors": ["facebook", "whatsapp"],
        },
        {
            "id": "eu-wa",
            "date": "2014-10-03",
            "kind": "ruling",
            "actors": ["european-commission", "facebook", "whatsapp"],
        },
        {
            "id": "suit",
            "date": "2020-12-09",
            "kind": "lawsuit",
            "actors": ["ftc", "facebook", "instagram", "whatsapp"],
        },
        {"id": "fine", "date": "2019-07-24", "kind": "settlement", "actors": ["ftc", "facebook"]},
    ]
)


# --- dates -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "published", "value", "precision", "words"),
    [
        # Friday 11 Dec 2020 story: "on Wednesday" is the 9th.
        (
            "The agency sued the company on Wednesday.",
            "2020-12-11T08:00:00-05:00",
            "2020-12-09",
            "day",
            "on Wednesday",
        ),
        # A story written on a Friday about "Friday" means that same day.
        (
            "Regulators in Brussels cleared the deal on Friday.",
            "2014-10-03T17:00:00+02:00",
            "2014-10-03",
            "day",
            "on Friday",
        ),
        # "last Friday" in a Friday story is the week before.
        (
            "It was announced last Friday.",
            "2014-10-03T17:00:00+02:00",
            "2014-09-26",
            "day",
            "last Friday",
        ),
        # Week of the Monday before the story's week (story: Wednesday 30 Jan 2019).
        ("The plan leaked last week.", "2019-01-30T12:00:00Z", "2019-01-21", "week", "last week"),
        ("The company bought the app in 2014.", "2019-01-26T09:00:00Z", "2014", "year", "in 2014"),
        ("The report appeared on 25 January 2019.", None, "2019-01-25", "day", "25 January 2019"),
        ("The report appeared on January 25, 2019.", None, "2019-01-25", "day", "January 25, 2019"),
        ("The deal was announced in February 2014.", None, "2014-02", "month", "February 2014"),
        # No year: the latest 19 February not after a March 2014 story.
        ("The deal was struck on Feb. 19.", "2014-03-02T10:00:00Z", "2014-02-19", "day", "Feb. 19"),
        # No year, but a later month than the story's: it was last year.
        ("Talks began in November.", "2019-01-28T10:00:00Z", "2018-11", "month", "in November"),
        (
            "The settlement came two years ago.",
            "2021-06-30T10:00:00Z",
            "2019",
            "year",
            "two years ago",
        ),
        (
            "The complaint was filed 3 days ago.",
            "2020-12-12T10:00:00Z",
            "2020-12-09",
            "day",
            "3 days ago",
        ),
        (
            "Judges ruled earlier this month.",
            "2021-06-30T10:00:00Z",
            "2021-06",
            "month",
            "earlier this month",
        ),
    ],
)
def test_dates_resolve_against_the_article_date(
    sentence: str, published: str | None, value: str, precision: str, words: str
) -> None:
    resolved = resolve_date(sentence, published)
    assert resolved is not None
    assert (resolved.value, resolved.precision, resolved.text) == (value, precision, words)
    assert sentence[resolved.start : resolved.end] == words


@pytest.mark.parametrize(
    ("published", "yesterday"),
    [
        # 23:30 in New York on the 25th is already the 26th in UTC: the story's day is the 25th.
        ("2019-01-25T23:30:00-05:00", "2019-01-24"),
        # 00:15 in Paris on the 26th is still the 25th in UTC: the story's day is the 26th.
        ("2019-01-26T00:15:00+01:00", "2019-01-25"),
        # Exactly midnight UTC belongs to the day that starts.
        ("2019-01-26T00:00:00Z", "2019-01-25"),
        ("2019-01-26", "2019-01-25"),
    ],
)
def test_midnight_time_zones_use_the_articles_own_calendar_day(
    published: str, yesterday: str
) -> None:
    resolved = resolve_date("The report appeared yesterday.", published)
    assert resolved is not None and resolved.value == yesterday


def test_relative_dates_need_the_article_date_and_impossible_dates_are_dropped() -> None:
    assert resolve_date("It happened last week.", None) is None
    assert find_dates("They met on 31 February 2019.", "2019-03-01") == []
    assert anchor_date("not a date") is None


def test_the_date_nearest_the_verb_wins() -> None:
    sentence = "Facebook, which bought Instagram in 2012, said in January that work had begun."
    resolved = resolve_date(sentence, "2019-03-07T10:00:00Z", near=sentence.index("bought") + 6)
    assert resolved is not None and resolved.value == "2012"


# --- sentences and mentions ------------------------------------------------------------------


def test_sentences_keep_offsets() -> None:
    text = 'The FTC sued. "It is over," he said.\nA new paragraph starts here.'
    spans = split_sentences(text)
    assert [text[a:b] for a, b in spans] == [
        "The FTC sued.",
        '"It is over," he said.',
        "A new paragraph starts here.",
    ]


def test_acquisitions_in_one_sentence_link_to_each_known_event() -> None:
    text = "Analysts were unsurprised. Facebook bought Instagram in 2012 and WhatsApp in 2014."
    mentions = find_event_mentions(text, "2019-01-26T09:00:00Z", KB, EVENTS)
    assert [(m.event_id, m.date.value, m.actors) for m in mentions] == [
        ("ig", "2012", ("facebook", "instagram")),
        ("wa", "2014", ("facebook", "whatsapp")),
    ]
    first = mentions[0]
    assert (
        text[first.start : first.end] == "Facebook bought Instagram in 2012 and WhatsApp in 2014."
    )
    assert text[first.date.start : first.date.end] == "in 2012"
    assert text[first.trigger_start : first.trigger_start + len(first.trigger)] == "bought"


def test_relative_dates_link_lawsuit_ruling_and_settlement() -> None:
    text = (
        "The Federal Trade Commission sued Facebook on Wednesday, "
        "seeking to unwind Instagram and WhatsApp. "
        "Separately, the FTC fined Facebook $5 billion in July 2019."
    )
    mentions = find_event_mentions(text, "2020-12-11T08:00:00-05:00", KB, EVENTS)
    assert [(m.kind, m.event_id, m.date.value) for m in mentions] == [
        ("lawsuit", "suit", "2020-12-09"),
        ("settlement", "fine", "2019-07"),
    ]


def test_unknown_event_is_a_candidate_with_its_evidence() -> None:
    text = "The European Commission opened an investigation into Meta last week."
    [mention] = find_event_mentions(text, "2021-06-04T10:00:00+02:00", KB, EVENTS)
    assert mention.event_id is None and mention.score is None
    assert mention.kind == "investigation"
    assert mention.sentence == text
    assert mention.date.value == "2021-05-24" and mention.date.precision == "week"
    assert mention.actors == ("european-commission", "facebook")


def test_a_date_that_disagrees_prevents_the_link() -> None:
    # Right actors and kind, wrong year: not the 2014 clearance.
    text = "The European Commission cleared Facebook's purchase of WhatsApp in 2016."
    [mention] = find_event_mentions(text, "2016-05-01", KB, EVENTS)
    assert mention.kind == "ruling" and mention.event_id is None


def test_sentences_without_known_actors_or_triggers_are_not_events() -> None:
    text = "The city council approved its budget on Friday. Facebook said little about Instagram."
    assert find_event_mentions(text, "2019-02-15", KB, EVENTS) == []


def test_two_equally_good_events_leave_the_choice_to_a_researcher() -> None:
    event_id, score = match_event(
        "acquisition", ("facebook", "instagram", "whatsapp"), None, EVENTS
    )
    assert (event_id, score) == (None, None)
    event_id, score = match_event("acquisition", ("facebook", "whatsapp"), None, EVENTS)
    assert event_id == "wa" and 0 < score <= 1
