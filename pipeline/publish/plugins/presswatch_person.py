"""Datasette plugin: the person page, /DATABASE/person/ENTITY_ID.

Everything the coverage says about one person: who they are (roles and affiliations with the
sentence each came from), where they stand in each article (with the evidence sentences), every
quote grouped by article, the people they are quoted beside most often, and links to the rows.
Each read goes through an index on the entity id (quote_facts, stance_facts, person_roles).

Datasette loads each file of the plugins folder on its own (not as a package), so the two small
path helpers below are repeated in the other page plugins rather than imported.
"""

from __future__ import annotations

import json
import urllib.parse
from itertools import groupby

from datasette import hookimpl
from datasette.utils import tilde_encode
from datasette.utils.asgi import NotFound, Response

QUOTE_LIMIT = 500  # quotes shown on the page; the full list is one click away (who_said_what)
ROLE_LIMIT = 200
STANCE_LIMIT = 500
BESIDE_LIMIT = 12
BESIDE_ARTICLES = 1000  # "quoted beside" looks at this many of their latest quotes' articles


def _q(value: str) -> str:
    return urllib.parse.quote(value, safe="")


def person_path(database: str, entity_id: str) -> str:
    return f"/{urllib.parse.quote(database)}/person/{_q(entity_id)}"


def outlet_path(database: str, outlet: str) -> str:
    return f"/{urllib.parse.quote(database)}/outlet/{_q(outlet)}"


def evidence_sentences(evidence) -> list[str]:
    """The sentences of a stance's evidence (a JSON list of {text, start, end}, or of strings)."""
    try:
        items = json.loads(evidence) if isinstance(evidence, str) else (evidence or [])
    except ValueError:
        return [evidence] if evidence else []
    sentences = []
    for item in items if isinstance(items, list) else []:
        text = item.get("text") if isinstance(item, dict) else item
        if isinstance(text, str) and text.strip():
            sentences.append(text.strip())
    return sentences


def group_roles(rows: list[dict]) -> list[dict]:
    """Roles grouped by (role, affiliation), most often given first, each with its sentences."""
    keyed = sorted(
        rows, key=lambda r: ((r["role"] or "").lower(), (r["affiliation"] or "").lower())
    )
    groups = []
    for (_role, _affiliation), members in groupby(
        keyed, key=lambda r: ((r["role"] or "").lower(), (r["affiliation"] or "").lower())
    ):
        members = list(members)
        groups.append(
            {
                "role": members[0]["role"],
                "affiliation": members[0]["affiliation"],
                "sources": members,
            }
        )
    return sorted(groups, key=lambda g: -len(g["sources"]))


def group_quotes_by_article(rows: list[dict]) -> list[dict]:
    """Quotes (already ordered by date, article, position) grouped under their article."""
    grouped = []
    for article_id, members in groupby(rows, key=lambda r: r["article_id"]):
        members = list(members)
        first = members[0]
        grouped.append(
            {
                "article_id": article_id,
                "title": first["article_title"],
                "outlet": first["outlet"],
                "published": first["published"],
                "quotes": members,
            }
        )
    return grouped


async def _person_context(datasette, database: str, entity_id: str) -> dict:
    if database not in datasette.databases:
        raise NotFound(f"No database named {database}")
    db = datasette.get_database(database)
    entity = (await db.execute("SELECT * FROM entities WHERE id = ?", [entity_id])).first()
    if entity is None:
        raise NotFound(f"No person or entity with id {entity_id}")
    quote_columns = set(await db.table_columns("quotes"))
    kind = "q.kind" if "kind" in quote_columns else "NULL"  # another stage may add quotes.kind
    quotes = await db.execute(
        # The earliest quotes by the (speaker_entity_id, published) index first, then only those
        # joined and put in reading order: a speaker with thousands of quotes is not sorted whole.
        f"""WITH chosen AS (
                SELECT quote_id FROM quote_facts WHERE speaker_entity_id = ? \
ORDER BY published LIMIT ?
            )
            SELECT qf.quote_id, qf.article_id, qf.quote, qf.type, qf.medium, {kind} AS kind,
               qf.outlet, qf.published, qf.article_title, qf.stance
            FROM chosen JOIN quote_facts qf ON qf.quote_id = chosen.quote_id \
JOIN quotes q ON q.id = qf.quote_id
            ORDER BY qf.published, qf.article_id, q.content_start""",
        [entity_id, QUOTE_LIMIT + 1],
    )
    quote_count = (
        await db.execute(
            "SELECT count(*) FROM quote_facts WHERE speaker_entity_id = ?", [entity_id]
        )
    ).first()[0]
    roles = await db.execute(
        """SELECT pr.id, pr.role, pr.affiliation, pr.sentence, pr.article_id, \
a.title AS article_title,
               a.publisher AS outlet, a.published
           FROM person_roles pr JOIN articles a ON a.id = pr.article_id
           WHERE pr.entity_id = ? ORDER BY a.published LIMIT ?""",
        [entity_id, ROLE_LIMIT],
    )
    stances = await db.execute(
        """SELECT sf.stance_id, sf.article_id, sf.stance, sf.confidence, sf.target, sf.outlet,
               sf.published, sf.article_title, s.evidence
           FROM stance_facts sf JOIN stances s ON s.id = sf.stance_id
           WHERE sf.entity_id = ? ORDER BY sf.published, sf.article_id LIMIT ?""",
        [entity_id, STANCE_LIMIT],
    )
    beside = await db.execute(
        # Over their latest BESIDE_ARTICLES articles: exact for nearly everyone, bounded for the
        # few quoted in thousands of articles.
        """WITH mine AS (
               SELECT DISTINCT article_id FROM (
                   SELECT article_id FROM quote_facts WHERE speaker_entity_id = :id
                   ORDER BY published DESC LIMIT :articles)
           )
           SELECT other.speaker_entity_id AS entity_id, max(other.speaker) AS name,
               count(DISTINCT other.article_id) AS articles
           FROM mine JOIN quote_facts other ON other.article_id = mine.article_id
           WHERE other.speaker_entity_id IS NOT NULL AND other.speaker_entity_id != :id
           GROUP BY other.speaker_entity_id ORDER BY articles DESC, name LIMIT :limit""",
        {"id": entity_id, "limit": BESIDE_LIMIT, "articles": BESIDE_ARTICLES},
    )
    quote_rows = [
        dict(
            r,
            article_href=f"/{urllib.parse.quote(database)}/article/{_q(r['article_id'])}",
            row_href=f"/{urllib.parse.quote(database)}/quotes/{tilde_encode(r['quote_id'])}",
            outlet_href=outlet_path(database, r["outlet"]) if r["outlet"] else None,
        )
        for r in quotes.rows[:QUOTE_LIMIT]
    ]
    stance_rows = [
        dict(
            r,
            evidence=evidence_sentences(r["evidence"]),
            article_href=f"/{urllib.parse.quote(database)}/article/{_q(r['article_id'])}",
            row_href=f"/{urllib.parse.quote(database)}/stances/{tilde_encode(r['stance_id'])}",
        )
        for r in stances.rows
    ]
    role_rows = [
        dict(r, article_href=f"/{urllib.parse.quote(database)}/article/{_q(r['article_id'])}")
        for r in roles.rows
    ]
    q = _q(entity_id)
    base = f"/{urllib.parse.quote(database)}"
    return {
        "database": database,
        "entity": dict(entity),
        "aliases": _aliases(entity["aliases"] if "aliases" in entity.keys() else None),
        "quote_count": quote_count,
        "quotes_shown": len(quote_rows),
        "quote_groups": group_quotes_by_article(quote_rows),
        "roles": group_roles(role_rows),
        "stances": stance_rows,
        "stance_chart": {
            "rows": [
                {
                    "published": r["published"],
                    "stance": r["stance"],
                    "outlet": r["outlet"],
                    "article_title": r["article_title"],
                    "confidence": r["confidence"],
                    "href": r["article_href"],
                }
                for r in stance_rows
                if r["published"]
            ],
            "height": 180,
        },
        "beside": [dict(r, href=person_path(database, r["entity_id"])) for r in beside.rows],
        "beside_capped": quote_count > BESIDE_ARTICLES,
        "beside_articles": BESIDE_ARTICLES,
        "links": [
            ("Entity row", f"{base}/entities/{tilde_encode(entity_id)}"),
            ("All quotes (who_said_what)", f"{base}/who_said_what?speaker={q}&stance="),
            ("Quotes, faceted (quote_facts)", f"{base}/quote_facts?speaker_entity_id={q}"),
            ("Stances (stance_facts)", f"{base}/stance_facts?entity_id={q}"),
            ("Stance per article (stances_of_a_person)", f"{base}/stances_of_a_person?person={q}"),
            ("Roles (person_roles)", f"{base}/person_roles?entity_id={q}"),
            (
                "Quotes that mention them (quotes_mentioning)",
                f"{base}/quotes_mentioning?entity={q}",
            ),
        ],
        "stance_query_href": f"{base}/stances_of_a_person?person={q}",
        "all_quotes_href": f"{base}/who_said_what?speaker={q}&stance=",
    }


def _aliases(raw) -> list[str]:
    try:
        aliases = json.loads(raw) if raw else []
    except ValueError:
        return []
    return [a for a in aliases if isinstance(a, str)] if isinstance(aliases, list) else []


async def person_page(datasette, request) -> Response:
    database = request.url_vars["database"]
    # Datasette routes on the raw path: the id arrives percent-encoded (auto:PERSON:Jane%20Doe).
    entity_id = urllib.parse.unquote(request.url_vars["entity_id"])
    context = await _person_context(datasette, database, entity_id)
    html = await datasette.render_template("presswatch_person.html", context, request=request)
    return Response.html(html)


@hookimpl
def register_routes():
    return [(r"^/(?P<database>[^/]+)/person/(?P<entity_id>[^/]+)$", person_page)]
