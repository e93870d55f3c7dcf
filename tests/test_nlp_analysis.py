"""NLP stage, issue 5: person roles, quote medium/confidence, claims, stances, storage and
evaluation against the hand-written gold. Expectations are written from reading the texts."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import sqlite_utils
from click.testing import CliRunner
from presswatch.analyze import analyze_text, load_pipeline, public_result
from presswatch.analyze.evaluate import overlap_share, score_quotes
from presswatch.cli import cli
from presswatch.dataset import load_dataset
from presswatch.extract import extract_article, read_page
from presswatch.store import ensure_schema
from presswatch.store.writers import save_analysis

REPO_ROOT = Path(__file__).resolve().parents[1]
DATASET = load_dataset(REPO_ROOT / "datasets" / "fb-messaging-integration")
PAGES = DATASET.folder / "fixtures" / "pages"

# Scores the suite holds (raise them as the work improves; measured: entities 0.97, quotes 0.98
# with speaker accuracy 1.0, claims 0.47, stances 0.94).
FLOORS = {"entities": 0.95, "quotes": 0.95, "claims": 0.44, "stances": 0.90}
SPEAKER_ACCURACY_FLOOR = 0.97


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline(
        DATASET.knowledge_base,
        topics=DATASET.config["topics"],
        stance_target=DATASET.config["stance_target"],
    )


def body_of(page: str) -> str:
    path = PAGES / page
    return extract_article(read_page(str(path)), url=None, source=str(path)).body


@pytest.fixture(scope="module")
def seed_body() -> str:
    return body_of("globalnews-4892985.html")


@pytest.fixture(scope="module")
def seed(nlp, seed_body) -> dict[str, Any]:
    return analyze_text(nlp, seed_body)


def quote_with(result: dict[str, Any], words: str) -> dict[str, Any]:
    found = [q for q in result["quotes"] if words in q["content"]["text"]]
    assert found, f"no quote containing {words!r}"
    return found[0]


def speaker_id(quote: dict[str, Any]) -> str | None:
    return (quote["speaker_entity"] or {}).get("id")


# --- quotes: the seed's speakers, the Muffett pronoun fix, medium and confidence -------------


@pytest.mark.parametrize(
    "words, speaker, medium",
    [
        ("Anyway, the summary is", "matthew-green", "tweet"),  # "he concluded in the thread"
        ("‘Civil Society’ has had it wrong", "alec-muffett", "tweet"),  # "he added" after Muffett
        ("messaging content is not a good way", "alec-muffett", "tweet"),
        ("I’m cautiously optimistic", "alex-stamos", "interview"),  # "told Reuters"
        ("one way it can defend itself", "sam-weinstein", "spoken"),
        ("which ads enable us to do", "mark-zuckerberg", "op-ed"),  # "wrote … in the op-ed"
        ("We’re working on making more", "facebook", "statement"),  # "a spokesperson told media"
    ],
)
def test_seed_quotes_have_the_right_speaker_and_medium(seed, words, speaker, medium) -> None:
    quote = quote_with(seed, words)
    assert speaker_id(quote) == speaker
    assert quote["medium"] == medium
    assert 0 < quote["confidence"] <= 1


def test_pronoun_after_a_new_person_is_that_person(nlp) -> None:
    text = (
        "Jane Okoro, a lawyer, criticised the bill. She said it was rushed. She added that "
        "courts would struggle.\n\nVeteran economist and former adviser Tom Reyes posted "
        "his views too. While he urged patience, he largely backed the bill and added that "
        "growth would follow."
    )
    result = analyze_text(nlp, text)
    assert speaker_id(quote_with(result, "growth would follow")) == "auto:person:tom-reyes"
    assert speaker_id(quote_with(result, "courts would struggle")) == "auto:person:jane-okoro"


@pytest.mark.parametrize(
    "text, content, speaker, quote_type",
    [
        (
            "According to the minister, taxes will rise next year.",
            "taxes will rise next year",
            "the minister",
            "indirect",
        ),
        (
            "“We will not back down,” Maria Lopez said, “whatever the polls say.”",
            "whatever the polls say",
            "Maria Lopez",
            "direct",
        ),
        (
            "Daniel Kim told Reuters that the deal was dead.",
            "the deal was dead",
            "Daniel Kim",
            "indirect",
        ),
        (
            "The economy is slowing, said Janet Ortiz, the finance secretary.",
            "The economy is slowing",
            "Janet Ortiz",
            "indirect",
        ),
        # the thing named belongs with its name (PolNeAR's content: 'the plan "a disaster."')
        ('Jane Doe called the plan "a disaster."', 'the plan "a disaster', "Jane Doe", "mixed"),
        (
            "The measure, critics said, would hurt small businesses.",
            "would hurt small businesses",
            "critics",
            "indirect",
        ),
    ],
)
def test_general_news_attributions(nlp, text, content, speaker, quote_type) -> None:
    quote = quote_with(analyze_text(nlp, text), content)
    assert quote["speaker"]["text"] == speaker
    assert quote["type"] == quote_type
    assert text[quote["content"]["start"] : quote["content"]["end"]] == quote["content"]["text"]


def test_a_quote_continuing_the_speaker_is_less_confident_than_the_framed_one(seed) -> None:
    framed = quote_with(seed, "I’m cautiously optimistic")
    continued = quote_with(seed, "My fear was that")
    assert speaker_id(continued) == "alex-stamos"
    assert continued["confidence"] < framed["confidence"]


def test_descriptions_resolve_to_the_person_described(nlp) -> None:
    text = (
        "OTTAWA — Finance Minister Ana Ruiz defended the budget on Tuesday. Opposition "
        "critic Paul Grant, a former banker, called it reckless.\n\n"
        "“This budget protects families,” the minister said.\n\n"
        "The deficit will double, a former central bank economist said on Monday. "
        "“It is unsustainable,” said Lena Holt, a former central bank economist."
    )
    result = analyze_text(nlp, text)
    minister = quote_with(result, "This budget protects families")
    assert speaker_id(minister) == "auto:person:ana-ruiz"
    assert minister["confidence"] < 0.95  # found through a description, not a name
    assert speaker_id(quote_with(result, "The deficit will double")) == "auto:person:lena-holt"


def test_speech_that_has_not_happened_is_no_quote(nlp) -> None:
    text = "Maria Lopez is expected to say on Thursday that the deal protects pensions."
    assert analyze_text(nlp, text)["quotes"] == []


def test_they_after_a_plural_noun_is_not_an_earlier_person(nlp) -> None:
    text = (
        "Senator Jane Doe spoke on Monday. Officials familiar with the talks said a deal "
        "could come soon, though they cautioned that obstacles remained."
    )
    quotes = [
        q for q in analyze_text(nlp, text)["quotes"] if q["cue"] and q["cue"]["text"] == "cautioned"
    ]
    assert len(quotes) == 1
    quote = quotes[0]
    assert quote["speaker"]["text"] == "they"
    assert quote["speaker_entity"] is None


def test_asked_is_not_the_subject_speaking(nlp) -> None:
    text = "Asked whether the bill could pass, Jane Doe was blunt. “We’ll see,” she said."
    result = analyze_text(nlp, text)
    # the question is an attribution of whoever asked it (questions.py), nobody named here:
    # never Jane Doe's
    asked = [q for q in result["quotes"] if "bill could pass" in q["content"]["text"]]
    assert [(q["speaker"], q["speaker_entity"]) for q in asked] == [(None, None)]
    assert speaker_id(quote_with(result, "We’ll see")) == "auto:person:jane-doe"


# --- entities: the story's company, the app vs the courier, unknown people ------------------


def test_the_company_is_the_story_subject(nlp) -> None:
    text = (
        "Facebook said on Monday it would merge its apps. Facebook has 2 billion users. "
        "Facebook declined to say more. The company said it would publish details. "
        "The company running the service is not named."
    )
    mentions = [e for e in analyze_text(nlp, text)["entities"] if e["text"] == "The company"]
    assert [(m["entity_id"], m["start"]) for m in mentions] == [
        ("facebook", text.index("The company"))
    ]


def test_the_company_needs_a_clear_story_subject(nlp) -> None:
    text = "Facebook and Reuters met. The company said nothing."
    assert not [e for e in analyze_text(nlp, text)["entities"] if e["text"] == "The company"]


def test_messenger_the_courier_is_not_the_app(nlp) -> None:
    entities = analyze_text(
        nlp, "A bike messenger took the papers to Messenger’s owner, Facebook."
    )["entities"]
    assert [(e["text"], e["entity_id"]) for e in entities if e["label"] == "PRODUCT"] == [
        ("Messenger", "messenger")
    ]


def test_unknown_people_are_stored_with_their_aliases(nlp) -> None:
    body = body_of("bayviewdaily-2019-02-14-council-budget.html")
    db = ensure_schema(sqlite_utils.Database(memory=True))
    save_analysis(
        db, {"id": "c", "version": "v", "body": body, "url": "u"}, analyze_text(nlp, body)
    )
    row = db["entities"].get("auto:person:marcus-bell")
    assert row["name"] == "Marcus Bell" and row["in_knowledge_base"] == 0
    assert json.loads(row["aliases"]) == ["Bell"]
    bell_mentions = {r["text"] for r in db["mentions"].rows_where("entity_id = ?", [row["id"]])}
    assert bell_mentions == {"Marcus Bell", "Bell"}


# --- person roles ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "person, role, affiliation",
    [
        ("alex-stamos", "professor", "stanford-university"),
        ("alex-stamos", "former Chief Technology Officer", "facebook"),
        ("matthew-green", "Professor", "johns-hopkins-university"),
        ("sam-weinstein", "professor", "cardozo-school-of-law"),
        ("alec-muffett", "software developer", None),
    ],
)
def test_speaker_descriptions_become_roles(seed, seed_body, person, role, affiliation) -> None:
    rows = [r for r in seed["person_roles"] if r["entity"]["id"] == person and r["role"] == role]
    assert rows, f"no role {role!r} for {person}: {seed['person_roles']}"
    row = rows[0]
    assert (row["affiliation_entity"] or {}).get("id") == affiliation
    sentence = row["sentence"]
    assert seed_body[sentence["start"] : sentence["end"]] == sentence["text"]


def test_relative_clause_role(nlp) -> None:
    roles = analyze_text(nlp, body_of("openmarkets-2019-02-12-issue-14.html"))["person_roles"]
    weinstein = [r for r in roles if r["entity"]["id"] == "sam-weinstein"]
    assert [(r["role"], (r["affiliation_entity"] or {}).get("id")) for r in weinstein] == [
        ("teaches antitrust law", "cardozo-school-of-law")
    ]


# --- claims and stances -----------------------------------------------------------------------


def test_weinstein_antitrust_claim(seed) -> None:
    claims = [c for c in seed["claims"] if "harder for antitrust regulators" in c["text"]]
    assert claims
    claim = claims[0]
    assert claim["holder"]["id"] == "sam-weinstein"
    assert claim["hedge"] == "could"
    assert claim["polarity"] == "affirmed"
    assert "antitrust" in claim["topics"]


def test_claim_hedge_and_polarity(nlp) -> None:
    text = (
        "Critics say the merger will likely weaken encryption for users. "
        "The company insists the change does not affect privacy at all."
    )
    claims = analyze_text(nlp, text)["claims"]
    # Reported speech is claimed as its whole sentence; hedge and polarity are the reported
    # clause's, not the frame's ("insists" is not negated, "does not affect" is).
    by_text = {c["text"][:10]: c for c in claims}
    assert by_text["Critics sa"]["hedge"] == "likely"
    assert by_text["The compan"]["polarity"] == "negated"
    assert "privacy" in by_text["The compan"]["topics"]


@pytest.mark.parametrize(
    "speaker, allowed",
    [
        ("alex-stamos", {"support"}),
        ("alec-muffett", {"support"}),
        ("matthew-green", {"mixed", "oppose"}),
    ],
)
def test_seed_stances(seed, seed_body, speaker, allowed) -> None:
    stances = {s["speaker_entity"]["id"]: s for s in seed["stances"]}
    stance = stances[speaker]
    assert stance["stance"] in allowed
    assert stance["evidence"]
    for piece in stance["evidence"]:
        assert seed_body[piece["start"] : piece["end"]] == piece["text"]


def test_off_topic_article_gives_unclear_stances(nlp) -> None:
    result = analyze_text(nlp, body_of("bayviewdaily-2019-02-14-council-budget.html"))
    assert result["stances"]
    assert {s["stance"] for s in result["stances"]} == {"unclear"}
    assert result["claims"] == []


# --- output shape, storage -----------------------------------------------------------------


def test_public_result_has_exactly_the_documented_fields(seed) -> None:
    public = public_result(seed)
    assert set(public) == {"entities", "quotes", "claims", "stances"}
    assert set(public["quotes"][0]) == {
        "speaker",
        "speaker_entity",
        "cue",
        "content",
        "type",
        "medium",
        "confidence",
        "kind",
        "statement",
    }
    assert set(public["claims"][0]) == {
        "text",
        "start",
        "end",
        "holder",
        "hedge",
        "polarity",
        "topics",
    }
    assert set(public["stances"][0]) == {"speaker_entity", "stance", "confidence", "evidence"}


def test_save_analysis_writes_and_replaces_claims_stances_roles(seed, seed_body) -> None:
    db = ensure_schema(sqlite_utils.Database(memory=True))
    article = {"id": "a1", "version": "v1", "body": seed_body, "url": "https://x.example/a"}
    save_analysis(db, article, seed)
    save_analysis(db, article, seed)  # processing again must not duplicate
    claims = list(db["claims"].rows)
    assert len(claims) == len(seed["claims"])
    weinstein = next(c for c in claims if "antitrust regulators" in c["text"])
    assert weinstein["holder_entity_id"] == "sam-weinstein"
    topics = {r["topic"] for r in db["claim_topics"].rows_where("claim_id = ?", [weinstein["id"]])}
    assert "antitrust" in topics
    assert db["stances"].count == len(seed["stances"])
    assert db["person_roles"].count == len(seed["person_roles"])
    mediums = {r["medium"] for r in db["quotes"].rows}
    assert {"tweet", "interview", "op-ed", "statement"} <= mediums
    overall = {
        r["entity_id"]: r["overall_stance"] for r in db.query("select * from person_stances")
    }
    assert overall["alex-stamos"] == "support"
    assert overall["matthew-green"] in {"mixed", "oppose"}


# --- evaluation -----------------------------------------------------------------------------


def test_quote_scoring_needs_half_the_gold_span_and_the_speaker() -> None:
    gold = [{"text": "x" * 10, "start": 0, "end": 10, "speaker": "a"}]
    half = {"content": {"start": 5, "end": 30}, "speaker_entity": {"id": "a"}}
    less = {"content": {"start": 6, "end": 30}, "speaker_entity": {"id": "a"}}
    wrong = {"content": {"start": 0, "end": 10}, "speaker_entity": {"id": "b"}}
    assert overlap_share(5, 30, 0, 10) == 0.5
    assert score_quotes([half], gold).true_positives == 1
    assert score_quotes([less], gold).true_positives == 0
    assert score_quotes([wrong], gold).true_positives == 0
    assert score_quotes([wrong], gold).extra["span_matches"] == 1


def test_every_fixture_article_has_gold() -> None:
    gold_pages = {
        json.loads(p.read_text(encoding="utf-8"))["page"]
        for p in (DATASET.folder / "fixtures" / "gold").glob("*.json")
    }
    article_pages = {f"pages/{p.name}" for p in PAGES.glob("*.html")}
    assert article_pages <= gold_pages


def test_evaluate_command_scores_above_the_floors() -> None:
    result = CliRunner().invoke(cli, ["evaluate", str(DATASET.folder), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["problems"] == []
    for task, floor in FLOORS.items():
        assert report["tasks"][task]["f1"] >= floor, (task, report["tasks"][task])
    assert report["tasks"]["quotes"]["speaker_accuracy"] >= SPEAKER_ACCURACY_FLOOR


def test_analyze_json_prints_the_documented_record(tmp_path) -> None:
    text = tmp_path / "a.txt"
    text.write_text(
        "“Encryption is good news,” said Helena Marsh, a cryptographer.\n", encoding="utf-8"
    )
    result = CliRunner().invoke(cli, ["analyze", "--json", str(text)])
    assert result.exit_code == 0, result.output
    record = json.loads(result.output.strip().splitlines()[-1])
    assert set(record) == {"source", "entities", "quotes", "claims", "stances"}
    quote = record["quotes"][0]
    assert quote["speaker_entity"]["id"] == "helena-marsh" and quote["medium"] == "spoken"


def test_analyze_texts_gives_the_same_results_as_one_by_one(nlp) -> None:
    from presswatch.analyze import analyze_texts

    texts = [
        body_of("globalnews-4892985.html"),
        "“Fine,” said Jane Doe.",
        "",
        body_of("capitalwire-2019-01-28-regulators.html"),
    ]
    batched = list(analyze_texts(nlp, texts, batch_size=2, zone_size=3))
    assert batched == [analyze_text(nlp, text) for text in texts]


@pytest.mark.parametrize("page", sorted(p.name for p in PAGES.glob("*.html")))
def test_every_new_span_is_the_text_at_its_offsets(nlp, page) -> None:
    body = body_of(page)
    result = analyze_text(nlp, body)
    spans = [q[k] for q in result["quotes"] for k in ("speaker", "cue", "content") if q[k]]
    spans += [*result["claims"], *(c["holder"] for c in result["claims"] if c["holder"])]
    spans += [e for s in result["stances"] for e in s["evidence"]]
    spans += [r["sentence"] for r in result["person_roles"]]
    for span in spans:
        assert body[span["start"] : span["end"]] == span["text"]
    for quote in result["quotes"]:
        assert quote["medium"] in {"spoken", "tweet", "blog", "op-ed", "statement", "interview"}
        assert 0 < quote["confidence"] <= 1
    for stance in result["stances"]:
        assert stance["stance"] in {"support", "oppose", "mixed", "neutral", "unclear"}
