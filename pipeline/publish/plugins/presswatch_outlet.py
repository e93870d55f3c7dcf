"""Datasette plugin: the outlet page (/DATABASE/outlet/NAME) and search across quotes and articles
(/DATABASE/-/search?q=WORDS).

The outlet page: its articles over time (a chart), the newest articles, who it quotes most, and the
stances of the people it quotes. The search page runs the full-text indexes of articles and
quotes (the same `_search` Datasette's table pages use) and shows both lists, each linking on.

Datasette loads each file of the plugins folder on its own (not as a package), so the small path
helpers below are repeated in the other page plugins rather than imported.
"""

from __future__ import annotations

import urllib.parse

from datasette import hookimpl
from datasette.utils import escape_fts
from datasette.utils.asgi import NotFound, Response

ARTICLE_LIMIT = 50
SPEAKER_LIMIT = 20
SEARCH_LIMIT = 30
MONTHLY_AFTER_DAYS = 400  # longer coverage is charted by month, not by day


def _q(value: str) -> str:
    return urllib.parse.quote(value, safe="")


def person_path(database: str, entity_id: str) -> str:
    return f"/{urllib.parse.quote(database)}/person/{_q(entity_id)}"


def article_path(database: str, article_id: str) -> str:
    return f"/{urllib.parse.quote(database)}/article/{_q(article_id)}"


def stance_table(rows: list[dict]) -> list[dict]:
    """(speaker, entity_id, stance, articles) rows → one row per speaker with a count per stance."""
    speakers: dict[str, dict] = {}
    for row in rows:
        entry = speakers.setdefault(
            row["entity_id"],
            {"entity_id": row["entity_id"], "speaker": row["speaker"], "stances": {}, "total": 0},
        )
        entry["stances"][row["stance"]] = entry["stances"].get(row["stance"], 0) + row["articles"]
        entry["total"] += row["articles"]
    return sorted(speakers.values(), key=lambda s: (-s["total"], s["speaker"] or ""))


async def _outlet_context(datasette, database: str, outlet: str) -> dict:
    if database not in datasette.databases:
        raise NotFound(f"No database named {database}")
    db = datasette.get_database(database)
    days = await db.execute(
        "SELECT published_day, articles FROM coverage_daily WHERE outlet = ?"
        " ORDER BY published_day",
        [outlet],
    )
    total = (
        await db.execute("SELECT count(*) FROM articles WHERE publisher = ?", [outlet])
    ).first()[0]
    if not days.rows and not total:
        raise NotFound(f"No outlet named {outlet}")
    newest = await db.execute(
        """SELECT id, title, published FROM articles WHERE publisher = ?
           ORDER BY published DESC LIMIT ?""",
        [outlet, ARTICLE_LIMIT],
    )
    speakers = await db.execute(
        # Counted on the (outlet, speaker_entity_id) index alone; names looked up for the top ones.
        """SELECT g.entity_id, coalesce(e.name, g.entity_id) AS speaker, g.quotes FROM (
               SELECT speaker_entity_id AS entity_id, count(*) AS quotes
               FROM quote_facts WHERE outlet = ? AND speaker_entity_id IS NOT NULL
               GROUP BY speaker_entity_id ORDER BY quotes DESC, speaker_entity_id LIMIT ?
           ) g LEFT JOIN entities e ON e.id = g.entity_id ORDER BY g.quotes DESC, g.entity_id""",
        [outlet, SPEAKER_LIMIT],
    )
    stances = await db.execute(
        """SELECT entity_id, max(speaker) AS speaker, stance, count(*) AS articles
           FROM stance_facts WHERE outlet = ? GROUP BY entity_id, stance""",
        [outlet],
    )
    monthly = (
        len(days.rows) > 1 and _span_days(days.rows[0][0], days.rows[-1][0]) > MONTHLY_AFTER_DAYS
    )
    base = f"/{urllib.parse.quote(database)}"
    return {
        "database": database,
        "outlet": outlet,
        "article_count": total,
        "first_day": days.rows[0][0] if days.rows else None,
        "last_day": days.rows[-1][0] if days.rows else None,
        "coverage_chart": {
            "rows": [
                {
                    "period": r[0][:7] + "-01" if monthly else r[0],
                    "outlet": outlet,
                    "articles": r[1],
                }
                for r in days.rows
            ],
            "time_unit": "month" if monthly else "day",
            "outlets": [outlet],
            "height": 200,
        },
        "articles": [dict(r, href=article_path(database, r["id"])) for r in newest.rows],
        "speakers": [dict(r, href=person_path(database, r["entity_id"])) for r in speakers.rows],
        "speaker_chart": {
            "rows": [
                {
                    "speaker": r["speaker"],
                    "quotes": r["quotes"],
                    "href": person_path(database, r["entity_id"]),
                }
                for r in speakers.rows
            ],
            "height": max(120, 22 * len(speakers.rows)),
        },
        "stances": [
            dict(s, href=person_path(database, s["entity_id"]))
            for s in stance_table([dict(r) for r in stances.rows])
        ],
        "stance_names": ["support", "oppose", "mixed", "neutral", "unclear"],
        "coverage_query_href": f"{base}/coverage_timeline?outlet={_q(outlet)}",
        "speakers_query_href": f"{base}/outlet_speakers?outlet={_q(outlet)}",
        "links": [
            ("Articles (articles table)", f"{base}/articles?publisher={_q(outlet)}"),
            ("Quotes (quote_facts)", f"{base}/quote_facts?outlet={_q(outlet)}"),
            ("Stances (stance_facts)", f"{base}/stance_facts?outlet={_q(outlet)}"),
            ("Claims (claim_facts)", f"{base}/claim_facts?outlet={_q(outlet)}"),
        ],
    }


def _span_days(first: str, last: str) -> int:
    from datetime import date

    try:
        return (date.fromisoformat(last[:10]) - date.fromisoformat(first[:10])).days
    except ValueError:
        return 0


async def outlet_page(datasette, request) -> Response:
    database = request.url_vars["database"]
    # Datasette routes on the raw path: the name arrives percent-encoded (Global%20News).
    outlet = urllib.parse.unquote(request.url_vars["outlet"])
    context = await _outlet_context(datasette, database, outlet)
    html = await datasette.render_template("presswatch_outlet.html", context, request=request)
    return Response.html(html)


async def search_results(db, database: str, words: str) -> dict:
    """Articles and quotes matching `words` in their full-text indexes, best match first."""
    match = escape_fts(words)
    articles = await db.execute(
        """SELECT a.id, a.title, a.publisher AS outlet, a.published,
               snippet(articles_fts, -1, '', '', '…', 24) AS snippet
           FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid
           WHERE articles_fts MATCH ? ORDER BY rank LIMIT ?""",
        [match, SEARCH_LIMIT],
    )
    quotes = await db.execute(
        """SELECT q.id, q.content, q.speaker_entity_id, coalesce(e.name, q.speaker_text) AS speaker,
               q.article_id, a.publisher AS outlet, a.published
           FROM quotes_fts JOIN quotes q ON q.rowid = quotes_fts.rowid
           JOIN articles a ON a.id = q.article_id
           LEFT JOIN entities e ON e.id = q.speaker_entity_id
           WHERE quotes_fts MATCH ? ORDER BY rank LIMIT ?""",
        [match, SEARCH_LIMIT],
    )
    base = f"/{urllib.parse.quote(database)}"
    return {
        "articles": [dict(r, href=article_path(database, r["id"])) for r in articles.rows],
        "quotes": [
            dict(
                r,
                article_href=article_path(database, r["article_id"]),
                person_href=person_path(database, r["speaker_entity_id"])
                if r["speaker_entity_id"]
                else None,
            )
            for r in quotes.rows
        ],
        "more_articles_href": f"{base}/articles?_search={urllib.parse.quote_plus(words)}",
        "more_quotes_href": f"{base}/quotes?_search={urllib.parse.quote_plus(words)}",
    }


async def search_page(datasette, request) -> Response:
    database = request.url_vars["database"]
    if database not in datasette.databases:
        raise NotFound(f"No database named {database}")
    words = (request.args.get("q") or "").strip()
    context = {"database": database, "q": words, "results": None}
    if words:
        context["results"] = await search_results(datasette.get_database(database), database, words)
    html = await datasette.render_template("presswatch_search.html", context, request=request)
    return Response.html(html)


@hookimpl
def register_routes():
    return [
        (r"^/(?P<database>[^/]+)/outlet/(?P<outlet>[^/]+)$", outlet_page),
        (r"^/(?P<database>[^/]+)/-/search$", search_page),
    ]
