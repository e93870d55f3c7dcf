"""Bounded full-text search: a search page that matches many rows counts and facets only the newest.

A one-word search of a large coverage matches a large share of it ("antitrust": a fifth of the
synthetic benchmark's 100,000 articles). Datasette counts every match and computes each facet
over all of them, reading every matching row: the page's time grows with the number of matches
(over a second at 1,000,000 articles). Here, when a search on a table with a configured bound
matches more rows than the bound, the page is limited to the bound's newest matches (the table's
`sort_desc` column in metadata.yml, else the order rows were stored in): its count, its facets
and its pages cover those. The first page of results is what it would have been, as the page is
sorted newest first; the total number of matches is still counted (from the full-text index alone,
which is cheap) and the page says, in its description, that it shows the newest N of that total.
`_search_all=1` in the address lifts the bound for one page.

Configured in metadata.yml: plugins → presswatch → search_bound: {table: rows}.
"""

from __future__ import annotations

import json

from datasette import hookimpl
from datasette.filters import FilterArguments
from datasette.utils import escape_sqlite


def newest_matches_sql(
    table: str, fts_table: str, match: str, limit: int, newest_by: str | None
) -> str:
    """The query for the rowids of the `limit` newest rows that match; pure.

    With an order column the rows are read through its index, newest first, until `limit` of
    them are in the match set (the `+` keeps SQLite from looking every match up and sorting them
    all instead); without one, the full-text index gives its highest rowids directly.
    """
    fts = escape_sqlite(fts_table)
    matches = f"select rowid from {fts} where {fts} match {match}"
    if newest_by:
        return (
            f"select rowid from {escape_sqlite(table)} where +rowid in ({matches})"
            f" order by {escape_sqlite(newest_by)} desc limit {int(limit)}"
        )
    return f"{matches} order by rowid desc limit {int(limit)}"


# The page's queries (rows, count, each facet) read the bounded rows from one JSON parameter,
# found once per page, instead of each finding them again.
BOUND_CLAUSE = "rowid in (select value from json_each(:presswatch_bounded_rowids))"


def bound_description(limit: int, matches: int, newest_by: str | None) -> str:
    newest = f"newest by {newest_by}" if newest_by else "most recently stored"
    return (
        f"limited to the {limit:,} {newest} of its {matches:,} matches "
        f"(the count and the facets are of these {limit:,}; "
        "add _search_all=1 to the address to count all of them, more slowly)"
    )


@hookimpl
def filters_from_request(request, database, table, datasette):
    async def inner():
        search = request.args.get("_search")
        bounds = (datasette.plugin_config("presswatch") or {}).get("search_bound") or {}
        limit = bounds.get(table) if table else None
        if not search or not limit or request.args.get("_search_all"):
            return None
        metadata = datasette.table_metadata(database, table) or {}
        db = datasette.get_database(database)
        fts_table = (
            request.args.get("_fts_table") or metadata.get("fts_table") or await db.fts_table(table)
        )
        if not fts_table:
            return None
        match = "escape_fts(:search)" if request.args.get("_searchmode") != "raw" else ":search"
        found = await db.execute(
            f"select count(*) from {escape_sqlite(fts_table)}"
            f" where {escape_sqlite(fts_table)} match {match}",
            {"search": search},
        )
        matches = found.first()[0]
        if matches <= int(limit):
            return None
        newest_by = metadata.get("sort_desc")
        newest = await db.execute(
            newest_matches_sql(table, fts_table, match, int(limit), newest_by), {"search": search}
        )
        rowids = json.dumps([row[0] for row in newest.rows])
        return FilterArguments(
            [BOUND_CLAUSE],
            {"search": search, "presswatch_bounded_rowids": rowids},
            [bound_description(int(limit), matches, newest_by)],
            {"presswatch_search_bound": {"limit": int(limit), "matches": matches}},
        )

    return inner
