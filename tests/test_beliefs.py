"""Beliefs, expectations, wishes and plans the parse states become quotes of kind "belief"
(pipeline/analyze/beliefs.py), kept apart from what was said. Sentences written here;
expectations from reading them."""

from __future__ import annotations

import pytest
from presswatch.analyze import analyze_text
from presswatch.analyze.evaluate import score_quotes


def quotes(nlp, text: str) -> list[tuple[str, str | None, str]]:
    return [
        (q["kind"], (q["speaker"] or {}).get("text"), q["content"]["text"])
        for q in analyze_text(nlp, text)["quotes"]
    ]


@pytest.mark.parametrize(
    "text, expected",
    [
        pytest.param(
            "Ana Ruiz believes that the merger will hurt users.",
            [("belief", "Ana Ruiz", "the merger will hurt users")],
            id="believes-that",
        ),
        pytest.param(
            "Analysts believe the money being spent on ads in Ohio shows the campaign is "
            "nervous about the state.",
            [
                (
                    "belief",
                    "Analysts",
                    "the money being spent on ads in Ohio shows the campaign is nervous about "
                    "the state",
                )
            ],
            id="a-clause-the-parse-split-in-two",
        ),
        pytest.param(
            "The company plans to encrypt all three apps.",
            [("belief", "The company", "to encrypt all three apps")],
            id="plans-to",
        ),
        pytest.param(
            "European regulators want Facebook to keep the apps apart.",
            [("belief", "European regulators", "Facebook to keep the apps apart")],
            id="wants-somebody-to",
        ),
        pytest.param(
            "Ruiz hopes that the regulator will step in.",
            [("belief", "Ruiz", "the regulator will step in")],
            id="hopes-that-lemmatized-hop",
        ),
        pytest.param(
            # the parse joins "keep" and "publish" to "plans", not to "merge"
            "The company plans to merge the back ends, keep WhatsApp encrypted and publish "
            "the design.",
            [
                (
                    "belief",
                    "The company",
                    "to merge the back ends, keep WhatsApp encrypted and publish the design",
                )
            ],
            id="plans-to-do-three-things",
        ),
        pytest.param(
            "The company is seeking to merge the three back ends.",
            [("belief", "The company", "to merge the three back ends")],
            id="seeking-to",
        ),
        pytest.param(
            "The company decided to delay the merger.",
            [("belief", "The company", "to delay the merger")],
            id="decided-to",
        ),
        pytest.param(
            "Privacy advocates see the merger as a threat to encryption.",
            [("belief", "Privacy advocates", "the merger as a threat to encryption")],
            id="sees-something-as",
        ),
        pytest.param(
            "By Friday the merger plan seemed to be losing support in Brussels.",
            [("belief", None, "the merger plan seemed to be losing support in Brussels")],
            id="seems-to-nobody-named",
        ),
        pytest.param(
            "The leaked figures appear to be fabricated.",
            [("belief", None, "The leaked figures appear to be fabricated")],
            id="appears-to",
        ),
        pytest.param(
            "The merger does not seem to bother investors.",
            [("belief", None, "The merger does not seem to bother investors")],
            id="negated-seeming",
        ),
        pytest.param(
            "The mayor, who had been quarreling with the union and appeared to give in, left.",
            [("belief", None, "who had been quarreling with the union and appeared to give in")],
            id="seeming-joined-to-a-verb-with-the-subject",
        ),
        pytest.param(
            "Overall, investors appeared pleased with the merger.",
            [("belief", None, "investors appeared pleased with the merger")],
            id="appears-with-an-adjective",
        ),
        pytest.param(
            "The integration is expected to take until 2020.",
            [("belief", None, "The integration is expected to take until 2020")],
            id="expected-to-by-nobody-named",
        ),
        pytest.param(
            "The senator, a regular in recent years, isn’t expected to attend.",
            [("belief", None, "The senator, a regular in recent years, isn’t expected to attend")],
            id="not-expected-to-is-a-view-too",
        ),
        pytest.param(
            "The deficit fell last year. It is expected to rise to 3 percent this year.",
            [("belief", None, "It is expected to rise to 3 percent this year")],
            id="it-is-expected-to",
        ),
        pytest.param(
            "Ruiz is moving to Denver but is expected to keep her seat on the board.",
            [
                (
                    "belief",
                    None,
                    "Ruiz is moving to Denver but is expected to keep her seat on the board",
                )
            ],
            id="expected-to-sharing-the-subject-of-the-verb-before",
        ),
        pytest.param(
            "Ruiz, who is said to have opposed the plan, left the committee.",
            [("speech", None, "who is said to have opposed the plan")],
            id="said-to-by-nobody-named",
        ),
        pytest.param(
            "Ruiz is widely seen as the candidate with the best chance in the suburbs.",
            [
                (
                    "belief",
                    None,
                    "Ruiz is widely seen as the candidate with the best chance in the suburbs",
                )
            ],
            id="seen-as-by-nobody-named",
        ),
        pytest.param(
            "The mayor is seen by party leaders as uniquely credible on housing.",
            [
                (
                    "belief",
                    "party leaders",
                    "The mayor is seen by party leaders as uniquely credible on housing",
                )
            ],
            id="seen-as-by-the-agent",
        ),
    ],
)
def test_stated_beliefs_are_belief_quotes(nlp, text, expected):
    assert quotes(nlp, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        pytest.param("Ana Ruiz does not believe the merger will happen.", [], id="negated"),
        pytest.param("Ana Ruiz felt sick after the hearing.", [], id="no-complement-clause"),
        pytest.param("Ana Ruiz hopped on a plane to Brussels.", [], id="hopped-is-not-hoped"),
        pytest.param("Ana Ruiz saw the bridge from the hearing room.", [], id="seeing-a-thing"),
        pytest.param("The plan sees the three apps as one service.", [], id="a-plan-sees"),
        pytest.param("Ana Ruiz appeared at the hearing on Tuesday.", [], id="appearing-somewhere"),
        pytest.param("The merger would seem to bother investors.", [], id="seeming-after-a-modal"),
        pytest.param("It seems to be working.", [], id="it-seems"),
        pytest.param("The senator seemed tired.", [], id="seems-with-an-adjective"),
        pytest.param(
            "The deal is expected by analysts to close in May.", [], id="expected-by-somebody"
        ),
        pytest.param("Ruiz is scheduled to testify on Monday.", [], id="a-schedule-is-no-view"),
        pytest.param("The ferry was seen near the harbor.", [], id="seen-somewhere"),
        pytest.param(
            "“I think the plan is dangerous,” Ana Ruiz said.",
            [("speech", "Ana Ruiz", "I think the plan is dangerous")],
            id="a-belief-inside-a-quotation-is-the-speakers-words",
        ),
    ],
)
def test_no_belief_quote(nlp, text, expected):
    assert quotes(nlp, text) == expected


def test_the_fixture_score_leaves_beliefs_out_and_counts_them():
    said = {"content": {"start": 0, "end": 10}, "speaker_entity": {"id": "a"}, "kind": "speech"}
    thought = {"content": {"start": 20, "end": 30}, "speaker_entity": {"id": "a"}, "kind": "belief"}
    gold = [{"start": 0, "end": 10, "speaker": "a"}]
    score = score_quotes([said, thought], gold)
    assert (score.true_positives, score.predicted, score.gold) == (1, 1, 1)
    assert score.extra["beliefs_left_out"] == 1


def _belief_events(nlp, text: str) -> list[tuple[str, str]]:
    from presswatch.analyze.beliefs import belief_events

    doc = nlp(text)
    return [
        (e.speaker.text, doc.text[slice(*e.content)])
        for e in belief_events(doc, [False] * len(doc))
    ]


@pytest.mark.parametrize(
    "text, expected",
    [
        pytest.param(
            "Analysts expect a sharp rise in rents next year.",
            [("Analysts", "a sharp rise in rents next year")],
            id="expects-an-object",
        ),
        pytest.param(
            "Several bankers feared a long recession.",
            [("bankers", "a long recession")],
            id="fears-an-object",
        ),
        pytest.param(
            "Most residents dislike the new parking rules.",
            [("residents", "the new parking rules")],
            id="dislikes-an-object",
        ),
        # "the survey shows voters fear …": the view is part of what the survey shows
        pytest.param("The survey shows voters fear higher taxes.", [], id="inside-a-report"),
    ],
)
def test_an_object_is_what_is_expected_or_feared(nlp, text, expected):
    assert _belief_events(nlp, text) == expected


def test_a_clause_subject_the_parse_hung_on_the_belief_verb(nlp):
    # the small model makes "her tone in the second debate" the object of "feel" and leaves
    # "was too harsh" without a subject: the subject belongs to what is felt
    assert _belief_events(nlp, "Many voters feel her tone in the second debate was too harsh.") == [
        ("voters", "her tone in the second debate was too harsh")
    ]


@pytest.mark.parametrize(
    "text, expected",
    [
        pytest.param(
            "The senators had hoped to campaign in Maine while skipping the fishing towns "
            "altogether.",
            [("senators", "to campaign in Maine while skipping the fishing towns altogether")],
            id="while",
        ),
        pytest.param(
            "Tenants prefer not to complain about the heat because the landlord is so hostile.",
            [("Tenants", "not to complain about the heat because the landlord is so hostile")],
            id="because",
        ),
        pytest.param(
            "The growers hoped to win the county vote, and the dairy lobby agreed.",
            [("growers", "to win the county vote")],
            id="not-over-a-second-clause",
        ),
    ],
)
def test_an_adverbial_clause_on_the_belief_verb_is_part_of_the_belief(nlp, text, expected):
    # the parse hangs the "while" or "because" clause on the belief verb, not on the infinitive
    assert _belief_events(nlp, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # the lemmatizer gives "hoping" the lemma "hop"; the e is dropped before -ing
        pytest.param(
            "The mayor is hoping to win a second term.",
            [("mayor", "to win a second term")],
            id="hoping",
        ),
        pytest.param("Ruiz was hopping on a plane to Brussels.", [], id="hopping"),
    ],
)
def test_hoping_is_hope(nlp, text, expected):
    assert _belief_events(nlp, text) == expected


def test_what_is_believed_in(nlp):
    assert _belief_events(nlp, "Most farmers still believe in the town's future.") == [
        ("farmers", "in the town's future")
    ]
