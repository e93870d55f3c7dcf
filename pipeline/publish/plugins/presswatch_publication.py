"""Datasette plugin of a presswatch publication: article pages, links, facets.

The other pages are plugins of their own in this folder: the start page (presswatch_start), person
pages (presswatch_person), outlet pages and search (presswatch_outlet), charts (presswatch_charts).

Loaded with `datasette --plugins-dir pipeline/publish/plugins`; it imports nothing from presswatch
so that a folder written by `presswatch publish` can be served by plain Datasette elsewhere.

Scraped text is data. Every piece of it reaches the page through Jinja's autoescaping or
`Markup.format` or `escape`, which escape their arguments; no value from the database is marked
safe as is.
"""

from __future__ import annotations

import itertools
import re
import urllib.parse
from typing import NamedTuple

from datasette import hookimpl
from datasette.facets import ArrayFacet, ColumnFacet
from datasette.utils import tilde_encode
from datasette.utils.asgi import NotFound, Response
from markupsafe import Markup, escape

# Derived tables (pipeline/publish/prepare.py) whose id columns link to the matching pages.
PUBLICATION_TABLES = {
    "quote_facts",
    "claim_facts",
    "stance_facts",
    "quote_mentions",
    "coverage_daily",
    "syndicated_stories",
    "version_changes",
    "event_voices",
    "facet_counts",
}
# Views of the store whose names of people link to the person page.
VIEWS_WITH_NAMES = {"person_stances", "event_quotes", "co_mentions"}
ROW_LINK_COLUMNS = {"quote_id": "quotes", "claim_id": "claims", "stance_id": "stances"}
# A column naming a person or entity → the column of the same row holding its entity id; the name
# links to the person page. (table None: a canned query's result.)
PERSON_NAME_COLUMNS = {
    "speaker": ("speaker_entity_id", "entity_id"),
    "holder": ("holder_entity_id",),
    "name": ("entity_id",),
    "source_name": ("source_entity_id",),
    "target_name": ("target_entity_id",),
}
# Entity id columns whose value links to the person page (source tables keep their row links).
PERSON_ID_COLUMNS = {
    "speaker_entity_id",
    "entity_id",
    "holder_entity_id",
    "source_entity_id",
    "target_entity_id",
}
OUTLET_COLUMNS = {"outlet", "publisher"}


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
        h
        for h in highlights
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


def person_path(database: str, entity_id: str) -> str:
    return f"/{urllib.parse.quote(database)}/person/{urllib.parse.quote(entity_id, safe='')}"


def outlet_path(database: str, outlet: str) -> str:
    return f"/{urllib.parse.quote(database)}/outlet/{urllib.parse.quote(outlet, safe='')}"


def _row_value(row, column: str):
    try:
        return row[column]
    except (KeyError, IndexError, TypeError):
        return None


def person_link(row, column: str, value: str, database: str) -> Markup | None:
    """The name in `column` as a link to its person page, when the row holds the entity id."""
    for id_column in PERSON_NAME_COLUMNS.get(column, ()):
        entity_id = _row_value(row, id_column)
        if isinstance(entity_id, str) and entity_id:
            return _link(person_path(database, entity_id), value, ' class="pw-person-link"')
    return None


def article_path(database: str, article_id: str) -> str:
    return f"/{urllib.parse.quote(database)}/article/{urllib.parse.quote(article_id, safe='')}"


async def _article_context(
    datasette, database: str, article_id: str, with_beliefs: bool = False
) -> dict:
    try:
        db = datasette.get_database(database)
    except KeyError:
        raise NotFound(f"No database named {database}") from None
    found = await db.execute(
        "SELECT id, version, title, publisher, published, url, authors, body FROM articles"
        " WHERE id = ?",
        [article_id],
    )
    article = found.first()
    if article is None:
        raise NotFound(f"No article with id {article_id}")
    quotes = await db.execute(
        """SELECT q.id, q.content_start, q.content_end, q.article_version, q.speaker_entity_id,
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
    earlier = await _earlier_elsewhere(db, database, article_id)
    highlights = [
        Highlight(
            "quote",
            r["id"],
            r["content_start"],
            r["content_end"],
            f"Quote: {r['speaker']}"
            + (
                f" (appeared earlier in {earlier[r['id']]['first_outlet']})"
                if r["id"] in earlier
                else ""
            ),
        )
        for r in current
    ] + [
        Highlight(
            "claim",
            r["id"],
            r["start_char"],
            r["end_char"],
            f"Claim ({r['hedge'] or 'no hedge'}){': ' + r['holder'] if r['holder'] else ''}",
        )
        for r in current_claims
    ]
    segments = [
        {
            "text": s.text,
            "kinds": s.kinds
            + (["earlier"] if any(h.row_id in earlier for h in s.highlights) else []),
            "href": row_path(database, s.link.kind + "s", s.link.row_id) if s.link else None,
            "title": s.link.label if s.link else None,
            "row_id": s.link.row_id if s.link else None,
        }
        for s in segment_body(article["body"] or "", highlights)
    ]
    stale = (
        len(quotes.rows)
        - len(current)
        - (0 if with_beliefs else len(beliefs))
        + len(claims.rows)
        - len(current_claims)
    )
    speakers: dict[str, dict] = {}
    for r in current:
        if r["speaker_entity_id"]:
            entry = speakers.setdefault(
                r["speaker_entity_id"],
                {
                    "name": r["speaker"],
                    "href": person_path(database, r["speaker_entity_id"]),
                    "quotes": 0,
                },
            )
            entry["quotes"] += 1
    return {
        "database": database,
        "article": dict(article),
        "segments": segments,
        "quotes": [dict(r, href=row_path(database, "quotes", r["id"])) for r in current],
        "earlier": [dict(r, **earlier[r["id"]]) for r in current if r["id"] in earlier],
        "claims": [dict(r, href=row_path(database, "claims", r["id"])) for r in current_claims],
        "stale_facts": stale,
        "speakers": list(speakers.values()),
        "outlet_href": outlet_path(database, article["publisher"])
        if article["publisher"]
        else None,
        "beliefs": len(beliefs),
        "with_beliefs": with_beliefs,
        "row_href": row_path(database, "articles", article["id"]),
    }


async def _earlier_elsewhere(db, database: str, article_id: str) -> dict[str, dict]:
    """quote id → where the quotation first appeared, for this article's quotes that another
    article carried earlier (quote tracing: quote_clusters, quote_cluster_members)."""
    if "quote_cluster_members" not in await db.table_names():
        return {}  # a database built before quote tracing
    found = await db.execute(
        """SELECT m.quote_id, m.cluster_id, c.occurrences, c.disputed_attribution AS disputed,
               c.first_article_id, c.first_published, \
coalesce(s.name, c.first_source_id, '') AS first_outlet
           FROM quote_cluster_members m JOIN quote_clusters c ON c.id = m.cluster_id
           LEFT JOIN sources s ON s.id = c.first_source_id
           WHERE m.article_id = ? AND m.earlier_elsewhere = 1""",
        [article_id],
    )
    return {
        r["quote_id"]: dict(
            r,
            first_href=article_path(database, r["first_article_id"]),
            travel_href=f"/{urllib.parse.quote(database)}/quote_travel?"
            + urllib.parse.urlencode({"cluster": r["cluster_id"], "words": ""}),
        )
        for r in found.rows
    }


async def article_page(datasette, request) -> Response:
    database = request.url_vars["database"]
    context = await _article_context(
        datasette,
        database,
        request.url_vars["article_id"],
        with_beliefs=request.args.get("beliefs") == "1",
    )
    html = await datasette.render_template("presswatch_article.html", context, request=request)
    return Response.html(html)


@hookimpl
def register_routes():
    return [
        (r"^/(?P<database>[^/]+)/article/(?P<article_id>[^/]+)$", article_page),
    ]


@hookimpl
def render_cell(row, value, column, table, database, datasette):
    """Ids in query results and publication tables link to their page; titles to the article;
    names of people and entities to their person page, outlets to their outlet page."""
    if isinstance(value, dict) and column in PERSON_ID_COLUMNS | {"affiliation_entity_id"}:
        # A foreign key to entities that Datasette expanded to its label: the name opens the
        # person page, the id stays the link to the entities row.
        entity_id, label = value.get("value"), value.get("label")
        if isinstance(entity_id, str) and entity_id:
            return Markup(
                '<a href="{}" class="pw-person-link">{}</a> <a href="{}" class="pw-row-link">{}</a>'
            ).format(
                person_path(database, entity_id),
                label or entity_id,
                datasette.urls.row(database, "entities", tilde_encode(entity_id)),
                entity_id,
            )
    if not isinstance(value, str) or not value:
        return None
    if table == "articles" and column == "title":
        # The headline opens the article page (body with its quotes and claims highlighted).
        try:
            article_id = row["id"]
        except (KeyError, IndexError, TypeError):
            return None
        return _link(article_path(database, str(article_id)), value, ' class="pw-article-link"')
    if table == "entities" and column == "name":
        entity_id = _row_value(row, "id")
        if isinstance(entity_id, str) and entity_id:
            return _link(person_path(database, entity_id), value, ' class="pw-person-link"')
    if table == "articles" and column == "publisher":
        return _link(outlet_path(database, value), value, ' class="pw-outlet-link"')
    if table is not None and table not in PUBLICATION_TABLES and table not in VIEWS_WITH_NAMES:
        return None  # source tables keep Datasette's own foreign-key links and labels
    if column in PERSON_NAME_COLUMNS:
        link = person_link(row, column, value, database)
        if link is not None:
            return link
    if column in OUTLET_COLUMNS:
        return _link(outlet_path(database, value), value, ' class="pw-outlet-link"')
    if column in PERSON_ID_COLUMNS and table is None:
        return _link(person_path(database, value), value, ' class="pw-person-link"')
    if column == "article_id":
        return _link(article_path(database, value), value)
    if column in ROW_LINK_COLUMNS:
        return _link(row_path(database, ROW_LINK_COLUMNS[column], value), value)
    return None


def _link(href: str, text: str, attributes: str = "") -> Markup:
    """<a href>text</a> with both escaped (markupsafe.escape, as Markup.format does, at a fraction
    of its cost: a canned query page of 1,000 rows renders up to 2,000 of these)."""
    return Markup(f'<a href="{escape(href)}"{attributes}>{escape(text)}</a>')


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
                described.append(
                    {
                        "name": name,
                        "tables": tables,
                        "queries": [
                            {
                                "name": q,
                                "title": (v or {}).get("title", q) if isinstance(v, dict) else q,
                            }
                            for q, v in queries.items()
                        ],
                    }
                )
            extra["presswatch_databases"] = described
        return extra

    return inner


# --- precounted facets ------------------------------------------------------------------------

_FACET_SQL = re.compile(
    r"select\s+\[?(?P<column>[^\s\]]+)\]?\s+as value.*limit (?P<limit>\d+)\s*$",
    re.DOTALL | re.IGNORECASE,
)
# Datasette's array facet reads the list through json_each([inner].[column]).
_ARRAY_FACET_SQL = re.compile(
    r"json_each\(\[inner\]\.\[?(?P<column>[^\s\]]+)\]?\).*limit (?P<limit>\d+)\s*$",
    re.DOTALL | re.IGNORECASE,
)


class _PrecountedDatasette:
    """Stands in for Datasette inside a facet: the facet's counting query becomes a read of the
    publish step's facet_counts table; everything else goes to the real instance."""

    def __init__(self, datasette, table: str):
        self._datasette = datasette
        self._table = table

    def __getattr__(self, name):
        return getattr(self._datasette, name)

    async def execute(self, database, sql, params=None, **kwargs):
        match = _ARRAY_FACET_SQL.search(sql) or _FACET_SQL.search(sql)
        if match:
            db = self._datasette.get_database(database)
            if await db.table_exists("facet_counts"):
                found = await db.execute(
                    "SELECT value, count FROM facet_counts"
                    " WHERE table_name = ? AND column_name = ? "
                    "ORDER BY count DESC, value LIMIT ?",
                    [self._table, match["column"], int(match["limit"])],
                )
                if found.rows:
                    return found
        return await self._datasette.execute(database, sql, params, **kwargs)


# A bounded search (presswatch_search.py, a plugin file of its own: plugin files cannot import
# each other) keeps the rows whose rowids it passes in this parameter, all of them matches, so
# Datasette's own search clause only costs a pass over every match (195,000 at 1,000,000
# articles): a facet of a bounded page drops it.
_BOUNDED_PARAMETER = "presswatch_bounded_rowids"
_SEARCH_CLAUSE = re.compile(
    r"rowid in \(select rowid from (\[?\w+\]?) where \1 match (?:escape_fts\(:search\)|:search)\)"
)


class _Precounted:
    """Counts of an unfiltered table page read from the publish step's facet_counts table: one
    indexed read instead of counting a million rows. Filtered pages (a where clause or a
    search) are counted live, as usual."""

    async def facet_results(self):
        if self.params and _BOUNDED_PARAMETER in self.params:
            self.sql = _SEARCH_CLAUSE.sub("1", self.sql, count=1)
        if self.params or " where " in self.sql.lower() or not self.table:
            return await super().facet_results()
        real = self.ds
        self.ds = _PrecountedDatasette(real, self.table)
        try:
            return await super().facet_results()
        finally:
            self.ds = real


class PrecountedFacet(_Precounted, ColumnFacet):
    """A column facet declared `{precounted: column}` in metadata.yml."""

    type = "precounted"


class PrecountedArrayFacet(_Precounted, ArrayFacet):
    """An array facet (a JSON list such as bylines) declared `{precounted_array: column}`."""

    type = "precounted_array"


@hookimpl
def register_facet_classes():
    return [PrecountedFacet, PrecountedArrayFacet]
