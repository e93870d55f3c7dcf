"""Quote tracing: one quotation across articles, its first appearance, its speakers.

Gold facts below were written by reading the fixture pages (fixtures/README.md, "Quote
tracing"): the Fenwick Herald (20 Feb 2019) re-quotes Priya Natarajan's Capital Wire question
(28 Jan) but attributes it to Helena Marsh, cuts Tomas Lindqvist's Harbour Ledger quote (26 Jan)
with an ellipsis, and changes two words of Rita Castellanos's (26 Jan).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import sqlite_utils
from presswatch.derive import quote_tracing as tracing
from presswatch.derive.quote_clusters import trace_quotes
from presswatch.store.schema import open_database


def occurrence(
    quote_id: str,
    article: str,
    published: str | None,
    content: str,
    speaker: str | None = None,
    entity: str | None = None,
    source: str | None = None,
    syndication: str | None = None,
) -> tracing.Occurrence:
    return tracing.Occurrence(
        quote_id, article, source or article, published, 0, content, entity, speaker, syndication
    )


FULL = (
    "Unwinding a deal five or seven years on is always hard. "
    "Unwinding it once the systems share one set of pipes is harder still."
)


def test_words_ignore_case_punctuation_quotation_marks_and_ellipses() -> None:
    assert tracing.quote_words("“We’re  working… on IT,” she") == tracing.quote_words(
        '"we\'re working ... on it" she'
    )


@pytest.mark.parametrize(
    ("form", "relation"),
    [
        (FULL, "identical"),
        (
            "\u201cunwinding a deal five or seven years on is always hard\u201d",
            "partial",
        ),  # trimmed
        (
            "Unwinding a deal five or seven years on is always hard … harder still.",
            "partial",
        ),  # ellipsis
        (
            "Unwinding a deal six or seven years on is always hard. "
            "Unwinding it once the systems share one set of pipes is harder still.",
            "altered",
        ),
    ],
)
def test_relation_to_the_longest_form(form: str, relation: str) -> None:
    assert tracing.form_relation(tracing.quote_words(form), tracing.quote_words(FULL)) == relation


def test_pairs_are_confirmed_by_containment_or_a_few_changed_words() -> None:
    full, cut = (
        tracing.quote_words(FULL),
        tracing.quote_words("always hard. Unwinding it once the systems share"),
    )
    assert tracing.ordered_containment(cut, full) == 1.0
    changed = tracing.quote_words(FULL.replace("five", "six").replace("harder", "tougher"))
    assert tracing.same_quotation(0.0, tracing.edit_similarity(full, changed), len(full))
    other = tracing.quote_words(
        "Regulators will read this as a company making itself harder to take apart"
    )
    assert not tracing.same_quotation(0.0, tracing.edit_similarity(full, other), len(other))
    # A short cut form is too often a common phrase shared by different quotes.
    assert tracing.same_quotation(1.0, 0.3, 8) and not tracing.same_quotation(1.0, 0.3, 7)


def test_first_appearance_compares_instants_not_wall_clock() -> None:
    # 18:45 at -08:00 is 02:45 UTC on the 29th: after 01:00 UTC on the 29th.
    west = occurrence("q1", "a-west", "2019-01-28T18:45:00-08:00", FULL, "Priya Natarajan", "priya")
    east = occurrence("q2", "a-east", "2019-01-29T01:00:00+00:00", FULL, "Priya Natarajan", "priya")
    cluster = tracing.describe([west, east])
    assert cluster.first.quote_id == "q2"
    assert [m.earlier_elsewhere for _, m in cluster.members] == [False, True]


def test_syndicated_copy_is_not_an_independent_pick_up() -> None:
    wire = occurrence("q1", "wire", "2019-01-28T10:00:00+00:00", FULL, syndication="s1")
    copy = occurrence("q2", "copy", "2019-01-29T10:00:00+00:00", FULL, syndication="s1")
    other = occurrence("q3", "letter", "2019-02-12T10:00:00+00:00", FULL)
    cluster = tracing.describe([copy, other, wire])
    assert [(o.quote_id, m.relation) for o, m in cluster.members] == [
        ("q1", "identical"),
        ("q2", "syndicated copy"),
        ("q3", "identical"),
    ]
    assert (cluster.occurrences, cluster.independent, cluster.outlets) == (3, 2, 3)


def test_a_person_and_a_spokesperson_disagree_pronouns_do_not() -> None:
    person = occurrence("q1", "a", "2019-01-26", FULL, "Priya Natarajan", "priya")
    pronoun = occurrence("q2", "b", "2019-01-27", FULL, "she")
    assert not tracing.describe([person, pronoun]).disputed
    spokesperson = occurrence("q3", "c", "2019-01-28", FULL, "a spokesperson")
    cluster = tracing.describe([person, pronoun, spokesperson])
    assert cluster.disputed
    assert cluster.speakers == (("Priya Natarajan", "priya", 1), ("a spokesperson", None, 1))


@pytest.mark.parametrize(
    ("first", "second", "same"),
    [
        ("Axelrod", "David Axelrod, who was senior adviser to Obama in the White House,", True),
        ("Mr. Hedge", "Hedge", True),
        ("Elmendorf", "Elmendorf, who supports Clinton but is not working for her", True),
        ("Calderon", "Calderón", True),
        ("Trump", "the presumptive GOP presidential nominee, Donald Trump,", True),
        ("BuzzFeed", "Mr. Lewandowski", False),
        ("Trump", "FBI Director James Comey", False),
        ("a spokesperson", "Priya Natarajan", False),
    ],
)
def test_one_person_named_in_full_and_in_part_agrees(first: str, second: str, same: bool) -> None:
    cluster = tracing.describe(
        [
            occurrence("q1", "a", "2019-01-26", FULL, first),
            occurrence("q2", "b", "2019-01-27", FULL, second),
        ]
    )
    assert cluster.disputed is not same


def test_an_entity_and_its_surname_agree_two_entities_do_not() -> None:
    resolved = occurrence("q1", "a", "2019-01-26", FULL, "Priya Natarajan", "priya-natarajan")
    surname = occurrence("q2", "b", "2019-01-27", FULL, "Natarajan")
    other = occurrence("q3", "c", "2019-01-28", FULL, "Helena Marsh", "helena-marsh")
    assert not tracing.describe([resolved, surname]).disputed
    cluster = tracing.describe([resolved, surname, other])
    assert cluster.disputed
    assert cluster.speakers == (
        ("Priya Natarajan", "priya-natarajan", 2),
        ("Helena Marsh", "helena-marsh", 1),
    )


def test_word_changes_since_the_first_form() -> None:
    first = "Once those identifiers are connected, you can’t disconnect them again"
    later = "Once these identifiers are linked, you can’t disconnect them again"
    assert tracing.word_changes(first, later) == "those → these; connected → linked"
    assert tracing.word_changes(first, first) is None
    cut = tracing.word_changes(FULL, "Unwinding a deal five or seven years on is always hard.")
    assert cut == "cut 13 words at the end"


# --- the bundled dataset -----------------------------------------------------------------------


def cluster_of(db: sqlite_utils.Database, source: str, words: str) -> dict:
    row = next(
        db.query(
            "select c.* from quote_clusters c join quote_cluster_members m on m.cluster_id = c.id"
            " join quotes q on q.id = m.quote_id where m.source_id = ? and q.content like ?",
            [source, f"%{words}%"],
        )
    )
    row["members"] = list(
        db.query(
            "select m.*, q.content from quote_cluster_members m join quotes q on q.id = m.quote_id"
            " where m.cluster_id = ? order by m.position",
            [row["id"]],
        )
    )
    return row


def test_misattributed_quote_is_flagged(built_db_path: Path) -> None:
    db = sqlite_utils.Database(built_db_path)
    cluster = cluster_of(db, "fenwick-herald", "whose data ends up where")
    assert cluster["disputed_attribution"] == 1
    assert cluster["first_source_id"] == "capital-wire"
    assert cluster["first_published"].startswith("2019-01-28")
    assert [(m["source_id"], m["speaker"], m["relation"]) for m in cluster["members"]] == [
        ("capital-wire", "Priya Natarajan", "identical"),
        ("lakeshore-courier", "Priya Natarajan", "syndicated copy"),
        ("fenwick-herald", "Helena Marsh", "identical"),
    ]
    speakers = {s["speaker"]: s["occurrences"] for s in json.loads(cluster["speakers"])}
    assert speakers == {"Priya Natarajan": 2, "Helena Marsh": 1}
    assert (cluster["occurrences"], cluster["independent_occurrences"], cluster["outlets"]) == (
        3,
        2,
        3,
    )


def test_trimmed_and_reworded_quotes_join_their_first_appearance(built_db_path: Path) -> None:
    db = sqlite_utils.Database(built_db_path)
    trimmed = cluster_of(db, "fenwick-herald", "cheaper to run than three")
    assert [(m["source_id"], m["relation"]) for m in trimmed["members"]] == [
        ("harbour-ledger", "identical"),
        ("fenwick-herald", "partial"),
    ]
    assert trimmed["canonical_text"].startswith(
        "One system is cheaper to run than three, and it is much easier"
    )
    assert trimmed["disputed_attribution"] == 0
    reworded = cluster_of(db, "fenwick-herald", "identifiers are linked")
    assert [(m["source_id"], m["relation"]) for m in reworded["members"]] == [
        ("harbour-ledger", "identical"),
        ("fenwick-herald", "altered"),
    ]
    assert reworded["members"][1]["changes"] == "those → these; connected → linked"
    # Re-quoted from Capital Wire by the newsletter: first at the wire, the copy marked.
    natarajan = cluster_of(db, "open-markets-letter", "Unwinding a deal five or seven years")
    assert [(m["source_id"], m["relation"]) for m in natarajan["members"]] == [
        ("capital-wire", "identical"),
        ("lakeshore-courier", "syndicated copy"),
        ("open-markets-letter", "identical"),
    ]


def test_short_and_unrelated_quotes_are_not_clustered(built_db_path: Path) -> None:
    db = sqlite_utils.Database(built_db_path)
    clustered = {
        row[0]
        for row in db.execute(
            "select q.content from quote_cluster_members m join quotes q on q.id = m.quote_id"
        )
    }
    assert "We got half." not in clustered  # three words: too short to trace
    # Indirect speech is the reporter's wording: Natarajan's paraphrase is on pages 4 and 5
    # (a syndicated copy), but it is not a quotation.
    assert not any("expected European authorities to move first" in text for text in clustered)
    assert not any("potholes" in text for text in clustered)  # Bayview council: said once


# --- incremental -------------------------------------------------------------------------------


def snapshot(db: sqlite_utils.Database) -> tuple[list, list]:
    clusters = [
        tuple(r)
        for r in db.execute(
            "select id, canonical_quote_id, first_quote_id, occurrences, independent_occurrences,"
            " outlets, speakers, disputed_attribution from quote_clusters order by id"
        )
    ]
    members = [
        tuple(r)
        for r in db.execute(
            "select quote_id, cluster_id, position, speaker, relation, earlier_elsewhere, changes"
            " from quote_cluster_members order by quote_id"
        )
    ]
    return clusters, members


def test_a_run_pays_only_for_new_or_changed_quotes(built_db_path: Path, tmp_path: Path) -> None:
    path = tmp_path / "copy.db"
    path.write_bytes(built_db_path.read_bytes())
    db = open_database(path)
    with db.conn:  # the runs these passes belong to
        db["runs"].insert_all(
            [{"id": 999, "command": "process"}, {"id": 1000, "command": "process"}]
        )
    before = snapshot(db)
    stamps = dict(db.execute("select id, run_id from quote_clusters").fetchall())
    trace_quotes(db, run_id=999)
    assert snapshot(db) == before
    assert (
        dict(db.execute("select id, run_id from quote_clusters").fetchall()) == stamps
    )  # none rewritten
    # The newsletter's re-quote now names someone else: only that cluster is rewritten.
    quote_id = next(
        db.query(
            "select q.id from quotes q join articles a on a.id = q.article_id"
            " where a.source_id = 'open-markets-letter' and q.content like 'Unwinding%'"
        )
    )["id"]
    with db.conn:
        db.execute(
            "update quotes set speaker_entity_id = 'daniel-okafor', speaker_text = 'Okafor'"
            " where id = ?",
            [quote_id],
        )
    trace_quotes(db, run_id=1000)
    rewritten = {row[0] for row in db.execute("select id from quote_clusters where run_id = 1000")}
    assert rewritten == {
        db.execute(
            "select cluster_id from quote_cluster_members where quote_id = ?", [quote_id]
        ).fetchone()[0]
    }
    assert (
        db.execute(
            "select disputed_attribution from quote_clusters where id in"
            " (select cluster_id from quote_cluster_members where quote_id = ?)",
            [quote_id],
        ).fetchone()[0]
        == 1
    )
    # The same state as a pass over everything at once.
    incremental = snapshot(db)
    with db.conn:
        for table in (
            "quote_cluster_members",
            "quote_clusters",
            "quote_signatures",
            "quote_lsh_bands",
            "quote_pairs",
            "derived_state",
        ):
            db.execute(f"delete from {table}")
    trace_quotes(db)
    assert snapshot(db) == incremental
    # A quote that is gone leaves its cluster (a two-quote cluster then disappears).
    gone = next(
        db.query(
            "select quote_id, cluster_id from quote_cluster_members m where"
            " (select count(*) from quote_cluster_members where cluster_id = m.cluster_id) = 2"
        )
    )
    with db.conn:
        db.execute("delete from quotes where id = ?", [gone["quote_id"]])
    trace_quotes(db)
    assert (
        db.execute(
            "select count(*) from quote_clusters where id = ?", [gone["cluster_id"]]
        ).fetchone()[0]
        == 0
    )
