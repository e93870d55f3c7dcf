"""Datasette plugin: the start page of a presswatch database (the page at /DATABASE).

templates/database.html shows what the dataset covers, its counts and the ways in (who said what,
people, outlets, timeline, events, search) before the table list, grouped as metadata.yml's
`plugins.presswatch.table_groups` says, each table with the first sentence of its description.

Every count is read from an index or a small publication table, so the page stays fast on a
database of a million quotes. Scraped text reaches the page only through Jinja autoescaping.
"""

from __future__ import annotations

import re
import urllib.parse

from datasette import hookimpl

OTHER_GROUP = "Other tables"
# The most quoted people and the outlets with most articles shown on the start page.
TOP_PEOPLE = 12
TOP_OUTLETS = 12


def first_sentence(description: str) -> str:
    """The one-line summary of a table description: up to its first full stop (or colon after
    'View')."""
    text = " ".join((description or "").split())
    match = re.match(r"(.+?[.!?])(\s|$)", text)
    sentence = match.group(1) if match else text
    return sentence if len(sentence) <= 220 else sentence[:217].rstrip() + "…"


def group_tables(tables: list[dict], groups: dict[str, list[str]]) -> list[dict]:
    """Tables (name, description, count) in the configured groups' order, the rest under
    'Other tables'.

    Pure: `groups` maps a heading to table names; a name not in the database is skipped.
    """
    by_name = {t["name"]: t for t in tables}
    placed: set[str] = set()
    grouped = []
    for heading, names in (groups or {}).items():
        members = [by_name[n] for n in names or [] if n in by_name and n not in placed]
        placed.update(t["name"] for t in members)
        if members:
            grouped.append({"heading": heading, "tables": members})
    rest = [t for t in tables if t["name"] not in placed]
    if rest:
        grouped.append({"heading": OTHER_GROUP, "tables": rest})
    return grouped


def person_path(database: str, entity_id: str) -> str:
    return f"/{urllib.parse.quote(database)}/person/{urllib.parse.quote(entity_id, safe='')}"


def outlet_path(database: str, outlet: str) -> str:
    return f"/{urllib.parse.quote(database)}/outlet/{urllib.parse.quote(outlet, safe='')}"


async def _scalar(db, sql: str, params=None):
    try:
        row = (await db.execute(sql, params or [])).first()
    except Exception:  # a table of an older schema may be missing: the count is left out
        return None
    return row[0] if row else None


# Row counts Datasette gave up on (its database page counts each table within 5 ms and keeps the
# result, None for a large table, for an immutable file), counted here once per server.
_FULL_COUNTS: dict[tuple, int | None] = {}


async def row_count(db, table: str, counts: dict) -> int | None:
    if counts.get(table) is not None:
        return counts[table]
    key = (id(db), table)
    if key not in _FULL_COUNTS:
        found = await _scalar(db, f"SELECT count(*) FROM [{table}]")
        if db.is_mutable:
            return found
        _FULL_COUNTS[key] = found
    return _FULL_COUNTS[key]


async def dataset_counts(db) -> dict:
    """Articles, outlets, people quoted, quotes and the date range, each from an index or small
    table."""
    counts = await db.table_counts(limit=1000)  # immutable file: counted once, then cached
    return {
        "articles": await row_count(db, "articles", counts),
        "quotes": await row_count(db, "quotes", counts),
        "outlets": await _scalar(db, "SELECT count(DISTINCT outlet) FROM coverage_daily"),
        "people_quoted": await _scalar(db, f"SELECT count(*) FROM ({_QUOTED_PEOPLE})"),
        "first_day": await _scalar(db, "SELECT min(published_day) FROM coverage_daily"),
        "last_day": await _scalar(db, "SELECT max(published_day) FROM coverage_daily"),
    }


# People (not organisations) quoted, with their number of quotes: the publish step's precounted
# speaker facet of quotes, so no pass over the quotes table.
_QUOTED_PEOPLE = """
    SELECT fc.value AS entity_id, coalesce(e.name, fc.value) AS name, fc.count AS quotes
    FROM facet_counts fc LEFT JOIN entities e ON e.id = fc.value
    WHERE fc.table_name = 'quotes' AND fc.column_name = 'speaker_entity_id'
      AND coalesce(e.type, 'person') = 'person'"""


async def top_people(db, database: str) -> list[dict]:
    try:
        found = await db.execute(
            f"{_QUOTED_PEOPLE} ORDER BY fc.count DESC, fc.value LIMIT ?", [TOP_PEOPLE]
        )
    except Exception:
        return []
    return [dict(r, href=person_path(database, r["entity_id"])) for r in found.rows]


async def top_outlets(db, database: str) -> list[dict]:
    try:
        found = await db.execute(
            """SELECT value AS outlet, count AS articles FROM facet_counts
               WHERE table_name = 'articles' AND column_name = 'publisher'
               ORDER BY count DESC, value LIMIT ?""",
            [TOP_OUTLETS],
        )
    except Exception:
        return []
    return [dict(r, href=outlet_path(database, r["outlet"])) for r in found.rows]


async def start_page_vars(datasette, database: str) -> dict:
    db = datasette.get_database(database)
    config = datasette.plugin_config("presswatch") or {}
    hidden = set(await db.hidden_table_names())
    tables = []
    counts = await db.table_counts(limit=1000)
    names = await db.table_names() + await db.view_names()
    for name in names:
        if name in hidden or name.startswith("sqlite_"):
            continue
        meta = datasette.table_metadata(database, name) or {}
        tables.append(
            {
                "name": name,
                "summary": first_sentence(meta.get("description", "")),
                "count": counts.get(name),
            }
        )
    about = (config.get("about") or {}).get(database) or {}
    return {
        "presswatch_about": about,
        "presswatch_counts": await dataset_counts(db),
        "presswatch_people": await top_people(db, database),
        "presswatch_outlets": await top_outlets(db, database),
        "presswatch_table_groups": group_tables(tables, config.get("table_groups") or {}),
        "presswatch_has_events": "events" in names,
    }


@hookimpl
def extra_template_vars(template, database, datasette):
    async def inner():
        if template != "database.html" or not database or database not in datasette.databases:
            return {}
        return await start_page_vars(datasette, database)

    return inner
