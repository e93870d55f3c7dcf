"""Datasette plugin: the charts page, /DATABASE/-/charts.

Three charts drawn in the browser by Vega-Lite (vendored in static/vendor, served by this
instance): coverage per day by outlet, stance over time per speaker, quotes per person. Each is
the result of a canned query of metadata.yml, run here with the parameters the chart's link
carries, so "the query behind this chart" is exactly what was drawn. The rows reach the page as
JSON inside <script type="application/json"> (Jinja's tojson escapes <, > and &).
"""

from __future__ import annotations

import urllib.parse
from datetime import date

from datasette import hookimpl
from datasette.utils.asgi import NotFound, Response

TOP_OUTLETS = 8  # the other outlets are summed as one series, so the colours stay readable
TOP_SPEAKERS = 15
MONTHLY_AFTER_DAYS = 400  # coverage longer than this is charted by month
OTHER_OUTLETS = "Other outlets"


def _q(value: str) -> str:
    return urllib.parse.quote(value, safe="")


def person_path(database: str, entity_id: str) -> str:
    return f"/{urllib.parse.quote(database)}/person/{_q(entity_id)}"


def span_days(days: list[str]) -> int:
    dated = sorted(d[:10] for d in days if d)
    try:
        return (date.fromisoformat(dated[-1]) - date.fromisoformat(dated[0])).days if dated else 0
    except ValueError:
        return 0


def coverage_rows(rows: list[dict], top: int = TOP_OUTLETS) -> dict:
    """coverage_timeline rows (published_day, outlet, articles) → the chart's rows.

    Pure. The `top` outlets by articles keep their name, the rest become 'Other outlets'; a span
    of more than MONTHLY_AFTER_DAYS days is summed by month.
    """
    totals: dict[str, int] = {}
    for row in rows:
        totals[row["outlet"] or "(no outlet)"] = totals.get(row["outlet"] or "(no outlet)", 0) + (
            row["articles"] or 0
        )
    ranked = sorted(totals, key=lambda o: (-totals[o], o))
    kept = set(ranked[:top])
    monthly = span_days([r["published_day"] for r in rows]) > MONTHLY_AFTER_DAYS
    summed: dict[tuple[str, str], int] = {}
    for row in rows:
        if not row["published_day"]:
            continue
        outlet = row["outlet"] or "(no outlet)"
        outlet = outlet if outlet in kept else OTHER_OUTLETS
        period = row["published_day"][:7] + "-01" if monthly else row["published_day"][:10]
        summed[(period, outlet)] = summed.get((period, outlet), 0) + (row["articles"] or 0)
    order = [o for o in ranked if o in kept] + ([OTHER_OUTLETS] if len(ranked) > top else [])
    return {
        "rows": [{"period": p, "outlet": o, "articles": n} for (p, o), n in sorted(summed.items())],
        "outlets": order,
        "time_unit": "month" if monthly else "day",
    }


def stance_rows(rows: list[dict], database: str, top: int = TOP_SPEAKERS) -> list[dict]:
    """stance_over_time rows → the rows of the `top` speakers with most stances, each linking to
    the speaker's page. Pure."""
    totals: dict[str, int] = {}
    for row in rows:
        totals[row["speaker"]] = totals.get(row["speaker"], 0) + row["articles"]
    kept = set(sorted(totals, key=lambda s: (-totals[s], s or ""))[:top])
    return [
        {
            "published_month": r["published_month"] + "-01" if r["published_month"] else None,
            "speaker": r["speaker"],
            "stance": r["stance"],
            "articles": r["articles"],
            "href": person_path(database, r["entity_id"]) if r.get("entity_id") else None,
        }
        for r in rows
        if r["speaker"] in kept and r["published_month"]
    ]


# Rows of the charts' queries per (database, query, parameters), kept only for a database served
# immutable (as `presswatch serve` does): its rows cannot change while the server runs, and
# stance_over_time over every speaker reads a whole table (0.4 s on 100,000 articles).
_ROWS_CACHE: dict[tuple, list[dict]] = {}


async def run_canned_query(datasette, database: str, name: str, params: dict) -> list[dict]:
    """The rows of a canned query of metadata.yml, all of them (charts need every row)."""
    query = await datasette.get_canned_query(database, name, None)
    if query is None:
        raise NotFound(f"The canned query {name} is not in the metadata")
    db = datasette.get_database(database)
    key = (database, id(db), query["sql"], tuple(sorted(params.items())))
    if key in _ROWS_CACHE:
        return _ROWS_CACHE[key]
    found = await db.execute(query["sql"], params)
    rows = [dict(r) for r in found.rows]
    if not db.is_mutable:
        _ROWS_CACHE[key] = rows
    return rows


async def charts_page(datasette, request) -> Response:
    database = request.url_vars["database"]
    if database not in datasette.databases:
        raise NotFound(f"No database named {database}")
    base = f"/{urllib.parse.quote(database)}"
    coverage = coverage_rows(
        await run_canned_query(datasette, database, "coverage_timeline", {"outlet": ""})
    )
    stances = stance_rows(
        await run_canned_query(datasette, database, "stance_over_time", {"speaker": ""}), database
    )
    people = await run_canned_query(datasette, database, "quotes_per_person", {"top": "25"})
    speakers = len({r["speaker"] for r in stances})
    context = {
        "database": database,
        "coverage_chart": dict(coverage, height=280),
        "stance_chart": {"rows": stances, "height": max(160, 48 * speakers)},
        "people_chart": {
            "rows": [dict(r, href=person_path(database, r["entity_id"])) for r in people],
            "height": max(120, 20 * len(people)),
        },
        "coverage_query_href": f"{base}/coverage_timeline?outlet=",
        "stance_query_href": f"{base}/stance_over_time?speaker=",
        "people_query_href": f"{base}/quotes_per_person?top=25",
    }
    html = await datasette.render_template("presswatch_charts.html", context, request=request)
    return Response.html(html)


@hookimpl
def register_routes():
    return [(r"^/(?P<database>[^/]+)/-/charts$", charts_page)]
