"""Datasette plugin of a presswatch publication: article pages, charts, links, robots.txt.

Loaded with `datasette --plugins-dir pipeline/publish/plugins`; it imports nothing from presswatch
so that a folder written by `presswatch publish` can be served by plain Datasette elsewhere.

Scraped text is data. Every piece of it reaches the page through Jinja's autoescaping or
`Markup.format`, which escapes its arguments; no value from the database is marked safe as is.
"""

from __future__ import annotations

import itertools
import re
import urllib.parse
from typing import NamedTuple

from datasette import hookimpl
from datasette.facets import ColumnFacet
from datasette.utils.asgi import NotFound, Response
from markupsafe import Markup

# Derived tables (pipeline/publish/prepare.py) whose id columns link to the matching pages.
PUBLICATION_TABLES = {
    "quote_facts", "claim_facts", "stance_facts", "quote_mentions", "coverage_daily",
    "syndicated_stories", "version_changes", "facet_counts",
}
ROW_LINK_COLUMNS = {"quote_id": "quotes", "claim_id": "claims", "stance_id": "stances"}


# NamedTuples, not dataclasses: Datasette loads this file without registering it in sys.modules,
# which dataclasses need.
class Highlight(NamedTuple):
    kind: str  # "quote" or "claim"
    row_id: str
    start: int
    end: int
    label: str  # shown as the link's title: who said it, or the hedge


class Segment(NamedTuple):
    text: str
    highlights: tuple[Highlight, ...]  # innermost (shortest) first

    @property
    def link(self) -> Highlight | None:
        return self.highlights[0] if self.highlights else None

    @property
    def kinds(self) -> list[str]:
        return sorted({h.kind for h in self.highlights})


def segment_body(body: str, highlights: list[Highlight]) -> list[Segment]:
    """Cut `body` at every highlight boundary; each piece knows the highlights covering it.

    Missing offsets, offsets outside the body and empty spans are ignored.
    Overlaps are allowed: a claim inside a quote gives pieces covered by both.
    """
    valid = [
        h for h in highlights
        if isinstance(h.start, int) and isinstance(h.end, int) and 0 <= h.start < h.end <= len(body)
    ]
    cuts = sorted({0, len(body), *(h.start for h in valid), *(h.end for h in valid)})
    segments = []
    for start, end in itertools.pairwise(cuts):
        covering = sorted(
            (h for h in valid if h.start <= start and end <= h.end),
            key=lambda h: (h.end - h.start, h.kind, h.row_id),
        )
        segments.append(Segment(body[start:end], tuple(covering)))
    return segments


def row_path(database: str, table: str, row_id: str) -> str:
    return f"/{urllib.parse.quote(database)}/{table}/{urllib.parse.quote(row_id, safe='')}"


def article_path(database: str, article_id: str) -> str:
    return f"/{urllib.parse.quote(database)}/article/{urllib.parse.quote(article_id, safe='')}"


async def _article_context(datasette, database: str, article_id: str,
                           with_beliefs: bool = False) -> dict:
    try:
        db = datasette.get_database(database)
    except KeyError:
        raise NotFound(f"No database named {database}")
    found = await db.execute(
        "SELECT id, version, title, publisher, published, url, authors, body FROM articles WHERE id = ?",
        [article_id],
    )
    article = found.first()
    if article is None:
        raise NotFound(f"No article with id {article_id}")
    quotes = await db.execute(
        """SELECT q.id, q.content_start, q.content_end, q.article_version,
               coalesce(e.name, q.speaker_text, 'unknown speaker') AS speaker, q.content,
               coalesce(q.kind, 'speech') AS kind
           FROM quotes q LEFT JOIN entities e ON e.id = q.speaker_entity_id
           WHERE q.article_id = ? ORDER BY q.content_start""",
        [article_id],
    )
    claims = await db.execute(
        """SELECT c.id, c.start_char, c.end_char, c.article_version, c.hedge, c.text,
               coalesce(e.name, c.holder_text, '') AS holder
           FROM claims c LEFT JOIN entities e ON e.id = c.holder_entity_id
           WHERE c.article_id = ? ORDER BY c.start_char""",
        [article_id],
    )
    current = [r for r in quotes.rows if r["article_version"] == article["version"]]
    # Beliefs ("she thinks …", "he wants …") are what someone thinks, not what they said: off
    # by default, as in the who_said_what query; ?beliefs=1 shows them.
    beliefs = [r for r in current if r["kind"] == "belief"]
    if not with_beliefs:
        current = [r for r in current if r["kind"] != "belief"]
    current_claims = [r for r in claims.rows if r["article_version"] == article["version"]]
    highlights = [
        Highlight("quote", r["id"], r["content_start"], r["content_end"], f"Quote: {r['speaker']}")
        for r in current
    ] + [
        Highlight("claim", r["id"], r["start_char"], r["end_char"],
                  f"Claim ({r['hedge'] or 'no hedge'}){': ' + r['holder'] if r['holder'] else ''}")
        for r in current_claims
    ]
    segments = [
        {
            "text": s.text,
            "kinds": s.kinds,
            "href": row_path(database, s.link.kind + "s", s.link.row_id) if s.link else None,
            "title": s.link.label if s.link else None,
            "row_id": s.link.row_id if s.link else None,
        }
        for s in segment_body(article["body"] or "", highlights)
    ]
    stale = (len(quotes.rows) - len(current) - (0 if with_beliefs else len(beliefs))
             + len(claims.rows) - len(current_claims))
    return {
        "database": database,
        "article": dict(article),
        "segments": segments,
        "quotes": [dict(r, href=row_path(database, "quotes", r["id"])) for r in current],
        "claims": [dict(r, href=row_path(database, "claims", r["id"])) for r in current_claims],
        "stale_facts": stale,
        "beliefs": len(beliefs),
        "with_beliefs": with_beliefs,
        "row_href": row_path(database, "articles", article["id"]),
    }


async def article_page(datasette, request) -> Response:
    database = request.url_vars["database"]
    context = await _article_context(datasette, database, request.url_vars["article_id"],
                                     with_beliefs=request.args.get("beliefs") == "1")
    html = await datasette.render_template("presswatch_article.html", context, request=request)
    return Response.html(html)


async def charts_page(datasette, request) -> Response:
    database = request.url_vars["database"]
    if database not in datasette.databases:
        raise NotFound(f"No database named {database}")
    html = await datasette.render_template(
        "presswatch_charts.html", {"database": database}, request=request
    )
    return Response.html(html)


def robots_lines(block: bool) -> list[str]:
    """robots.txt: everything disallowed when the operator asked to block crawlers."""
    return ["User-agent: *", "Disallow: /" if block else "Disallow:"]


async def robots_txt(datasette) -> Response:
    config = datasette.plugin_config("presswatch") or {}
    return Response.text("\n".join(robots_lines(bool(config.get("block_robots")))) + "\n")


@hookimpl
def register_routes():
    return [
        (r"^/robots\.txt$", robots_txt),
        (r"^/(?P<database>[^/]+)/article/(?P<article_id>[^/]+)$", article_page),
        (r"^/(?P<database>[^/]+)/-/charts$", charts_page),
    ]


@hookimpl
def render_cell(row, value, column, table, database, datasette):
    """Ids in query results and publication tables link to their page; titles to the article."""
    if not isinstance(value, str) or not value:
        return None
    if table == "articles" and column == "title":
        # The headline opens the article page (body with its quotes and claims highlighted).
        try:
            article_id = row["id"]
        except (KeyError, IndexError, TypeError):
            return None
        return Markup('<a href="{}" class="pw-article-link">{}</a>').format(
            article_path(database, str(article_id)), value
        )
    if table is not None and table not in PUBLICATION_TABLES:
        return None  # source tables keep Datasette's own foreign-key links and labels
    if column == "article_id":
        return Markup('<a href="{}">{}</a>').format(article_path(database, value), value)
    if column in ROW_LINK_COLUMNS:
        return Markup('<a href="{}">{}</a>').format(
            row_path(database, ROW_LINK_COLUMNS[column], value), value
        )
    return None


STATIC_MOUNT = "presswatch-static"  # `datasette --static presswatch-static:pipeline/publish/static`


@hookimpl
def extra_css_urls():
    return [f"/{STATIC_MOUNT}/presswatch.css"]


@hookimpl
def extra_template_vars(template, database, table, datasette, request):
    """Table descriptions and canned queries for the home page."""

    async def inner():
        extra: dict = {}
        if template == "index.html":
            described = []
            for name, db in datasette.databases.items():
                if name == "_internal":
                    continue
                tables = []
                hidden = set(await db.hidden_table_names())
                for table_name in await db.table_names():
                    if table_name in hidden or table_name.startswith("sqlite_"):
                        continue  # full-text indexes, SQLite statistics, tables marked hidden
                    meta = datasette.table_metadata(name, table_name) or {}
                    tables.append({"name": table_name, "description": meta.get("description", "")})
                queries = datasette.metadata("queries", database=name) or {}
                described.append({
                    "name": name, "tables": tables,
                    "queries": [{"name": q, "title": (v or {}).get("title", q) if isinstance(v, dict) else q}
                                for q, v in queries.items()],
                })
            extra["presswatch_databases"] = described
        return extra

    return inner


# --- precounted facets ------------------------------------------------------------------------

_FACET_SQL = re.compile(r"select\s+\[?(?P<column>[^\s\]]+)\]?\s+as value.*limit (?P<limit>\d+)\s*$", re.DOTALL | re.IGNORECASE)


class _PrecountedDatasette:
    """Stands in for Datasette inside a facet: the facet's counting query becomes a read of the
    publish step's facet_counts table; everything else goes to the real instance."""

    def __init__(self, datasette, table: str):
        self._datasette = datasette
        self._table = table

    def __getattr__(self, name):
        return getattr(self._datasette, name)

    async def execute(self, database, sql, params=None, **kwargs):
        match = _FACET_SQL.search(sql)
        if match:
            db = self._datasette.get_database(database)
            if await db.table_exists("facet_counts"):
                found = await db.execute(
                    "SELECT value, count FROM facet_counts WHERE table_name = ? AND column_name = ? "
                    "ORDER BY count DESC, value LIMIT ?",
                    [self._table, match["column"], int(match["limit"])],
                )
                if found.rows:
                    return found
        return await self._datasette.execute(database, sql, params, **kwargs)


class PrecountedFacet(ColumnFacet):
    """A column facet (`{precounted: column}` in metadata.yml) whose counts on an unfiltered
    table page are precomputed by the publish step: one indexed read instead of counting a
    million rows. Filtered pages (a where clause or a search) are counted live, as usual."""

    type = "precounted"

    async def facet_results(self):
        if self.params or " where " in self.sql.lower() or not self.table:
            return await super().facet_results()
        real = self.ds
        self.ds = _PrecountedDatasette(real, self.table)
        try:
            return await super().facet_results()
        finally:
            self.ds = real


@hookimpl
def register_facet_classes():
    return [PrecountedFacet]
