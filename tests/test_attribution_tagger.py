"""The attribution tagger and what surrounds it: BIO decoding, the training data's tags, the
kind of an attribution, the shipped weights switched on from config, and
`presswatch evaluate --attribution` on the hand-made folder."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from click.testing import CliRunner
from presswatch.analyze import analyze_text, load_pipeline
from presswatch.analyze.attribution_kinds import kind_of
from presswatch.analyze.attribution_tagger import (
    ROLES,
    SPANS_KEY,
    quoted_line_ranges,
    tags_to_spans,
)
from presswatch.analyze.attribution_training import attribution_tags
from presswatch.analyze.brat import GoldAttribution
from presswatch.analyze.framing import TokenIndex
from presswatch.analyze.loading import DEFAULT_CONFIG_PATH
from presswatch.analyze.spans import char_span
from presswatch.analyze.tagged_holding import (
    clause_before_quotation,
    held_by,
    held_from_inside,
    widened_rule_quote,
    without_dangling_conjunction,
)
from presswatch.analyze.tagged_quotes import governing_verb, tagged_records, verb_above
from presswatch.cli import cli

FOLDER = Path(__file__).parent / "fixtures" / "attribution"


def test_tags_to_spans_decodes_bio_and_forgives_a_missing_b() -> None:
    tags = ["B-SOURCE", "B-CUE", "B-CONTENT", "I-CONTENT", "O", "I-CONTENT", "I-CUE"]
    assert tags_to_spans(tags) == [
        ("SOURCE", 0, 1),
        ("CUE", 1, 2),
        ("CONTENT", 2, 4),
        ("CONTENT", 5, 6),
        ("CUE", 6, 7),
    ]
    assert tags_to_spans(["O", "O"]) == []


def test_training_tags_fold_nested_contents_and_keep_inner_cues() -> None:
    nlp = spacy.blank("en")
    text = "Ann said Bob told her the vote is off."
    doc = nlp.make_doc(text)
    outer = GoldAttribution(content=((9, 37),), cue=((4, 8),), source=((0, 3),))  # no "."
    inner = GoldAttribution(content=((23, 37),), cue=((13, 17),), source=((9, 12),))
    tags = attribution_tags(doc, [outer, inner])
    assert list(zip([t.text for t in doc], tags)) == [
        ("Ann", "B-SOURCE"),
        ("said", "B-CUE"),
        ("Bob", "B-SOURCE"),
        ("told", "B-CUE"),
        ("her", "I-CONTENT"),
        ("the", "I-CONTENT"),
        ("vote", "I-CONTENT"),
        ("is", "I-CONTENT"),
        ("off", "I-CONTENT"),
        (".", "O"),
    ]


@pytest.mark.parametrize(
    ("lemma", "medium", "kind"),
    [
        ("say", "spoken", "speech"),
        ("tell", "interview", "speech"),
        ("say", "statement", "writing"),
        ("tweet", "tweet", "writing"),
        ("write", "spoken", "writing"),
        ("believe", "spoken", "belief"),
        ("plan", "spoken", "belief"),
        ("accord", "spoken", "according-to"),
        ("according to", None, "according-to"),
        (None, "spoken", "speech"),
    ],
)
def test_kind_of(lemma, medium, kind) -> None:
    assert kind_of(lemma, medium) == kind


@pytest.fixture(scope="module")
def tagger_config(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """presswatch.cfg with the tagger reading every paragraph and every tagged content kept."""
    text = DEFAULT_CONFIG_PATH.read_text(encoding="utf-8")
    every = text.replace('tagged_contents = "gated"', 'tagged_contents = "all"').replace(
        'paragraphs = "attributing"', 'paragraphs = "all"'
    )
    assert 'tagged_contents = "all"' in every and 'paragraphs = "all"' in every
    path = tmp_path_factory.mktemp("cfg") / "every_tagged_content.cfg"
    path.write_text(every, encoding="utf-8")
    return path


BELIEF_AND_QUOTE = (
    "Most voters believe the economy is getting worse.\n\nThe senator called "
    "the bill “a disaster for working families.”"
)


def test_every_tagged_content_when_configured(tagger_config: Path) -> None:
    nlp = load_pipeline([], config_path=tagger_config)
    doc = nlp(BELIEF_AND_QUOTE)
    assert {span.label_ for span in doc.spans[SPANS_KEY]} <= set(ROLES)
    result = analyze_text(nlp, BELIEF_AND_QUOTE)
    kinds = {q["content"]["text"]: q["kind"] for q in result["quotes"]}
    assert "belief" in kinds.values(), kinds
    assert all(
        q["content"]["text"] == BELIEF_AND_QUOTE[q["content"]["start"] : q["content"]["end"]]
        for q in result["quotes"]
    )


NARRATIVE_BELIEF_AND_QUOTE = "The weather was cold and the hall was full.\n\n" + BELIEF_AND_QUOTE


def test_default_config_tags_paragraphs_with_quotation_marks_or_attributing_words() -> None:
    nlp = load_pipeline([])
    assert "presswatch_attribution_tagger" in nlp.pipe_names
    text = NARRATIVE_BELIEF_AND_QUOTE
    doc = nlp(text)
    belief, quoted = text.index("Most voters"), text.index("The senator")
    tagged = doc.spans[SPANS_KEY]
    assert any(span.start_char >= quoted for span in tagged), "the quoted paragraph"
    assert any(belief <= span.start_char < quoted for span in tagged), "'believe' attributes"
    # no quotation mark and no word that attributes: the LSTM does not read it
    assert all(span.start_char >= belief for span in tagged)


def test_default_config_keeps_beliefs_apart_from_what_was_said() -> None:
    # what somebody believes is a quote of kind belief (the belief rules, beliefs.py), never
    # speech; what the senator said is speech
    quotes = analyze_text(load_pipeline([]), BELIEF_AND_QUOTE)["quotes"]
    senator = BELIEF_AND_QUOTE.index("The senator")
    kinds = [(q["content"]["start"] >= senator, q["kind"]) for q in quotes]
    assert kinds == [(False, "belief"), (True, "speech")], quotes


def test_default_config_takes_a_reported_clause_only_the_tagger_found(tmp_path: Path) -> None:
    text = DEFAULT_CONFIG_PATH.read_text(encoding="utf-8")
    rules = tmp_path / "rules.cfg"
    rules.write_text(text.replace('"attribution_tagger", ', ""), encoding="utf-8")
    assert '"attribution_tagger", ' in text
    sentence = "The lawsuit charges that Google paid billions to remain the default search engine."
    by_rules = analyze_text(load_pipeline([], config_path=rules), sentence)["quotes"]
    by_default = analyze_text(load_pipeline([]), sentence)["quotes"]
    content = "that Google paid billions to remain the default search engine"
    assert not any(content in q["content"]["text"] for q in by_rules)
    found = [q for q in by_default if content in q["content"]["text"]]
    assert found and found[0]["speaker"]["text"] == "The lawsuit", by_default


def test_a_belief_the_gate_half_trusts_is_taken_as_a_belief(tmp_path: Path) -> None:
    # "want" with a noun object: no belief rule reads it (they need a clause or an
    # infinitive); the tagger marks it and the gate scores it under its threshold, above
    # gate_belief_threshold
    text = DEFAULT_CONFIG_PATH.read_text(encoding="utf-8")
    assert "gate_belief_threshold = 0.25\n" in text
    off = tmp_path / "no_belief_tier.cfg"
    off.write_text(text.replace("gate_belief_threshold = 0.25\n", "gate_belief_threshold = null\n"))
    sentence = "Several council members want an independent audit of the water department."
    content = "an independent audit of the water department"
    by_default = analyze_text(load_pipeline([]), sentence)["quotes"]
    found = [q for q in by_default if q["content"]["text"] == content]
    assert found and found[0]["kind"] == "belief", by_default
    assert found[0]["speaker"]["text"] == "Several council members"
    without = analyze_text(load_pipeline([], config_path=off), sentence)["quotes"]
    assert not any(q["content"]["text"] == content for q in without), without


def test_quoted_line_ranges_joins_neighbouring_quoted_paragraphs() -> None:
    nlp = spacy.blank("en")
    doc = nlp.make_doc("A said no.\n“Yes,” B said.\n''C,'' D said.\nE.\n“F.”")
    words = [t.text for t in doc]
    ranges = quoted_line_ranges(doc)
    # Lines 2 and 3 hold quotation marks (“…” and ''…'') and are read as one piece; line 4 has
    # none; line 5 is a piece of its own.
    assert [" ".join(words[a:b]) for a, b in ranges] == [
        "“ Yes , ” B said . \n '' C , '' D said .",
        "“ F. ”",
    ]
    for token in doc:  # a blank pipeline has no lemmatizer
        token.lemma_ = "say" if token.text == "said" else token.lower_
    # with attributing words, line 1 ("said") joins the first piece; line 4 is still not read
    ranges = quoted_line_ranges(doc, "attributing")
    assert [" ".join(words[a:b]) for a, b in ranges] == [
        "A said no . \n “ Yes , ” B said . \n '' C , '' D said .",
        "“ F. ”",
    ]


def test_unknown_tagged_contents_setting_is_refused(tmp_path: Path) -> None:
    text = DEFAULT_CONFIG_PATH.read_text(encoding="utf-8")
    bad = tmp_path / "bad.cfg"
    bad.write_text(
        text.replace('tagged_contents = "gated"', 'tagged_contents = "most"'), encoding="utf-8"
    )
    with pytest.raises(ValueError, match="tagged_contents = 'most'"):
        load_pipeline([], config_path=bad)
    bad.write_text(text.replace('paragraphs = "attributing"', 'paragraphs = "some"'))
    with pytest.raises(ValueError, match="paragraphs = 'some'"):
        load_pipeline([], config_path=bad)
    bad.write_text(text.replace("gate_clause_threshold = 0.2\n", "gate_clause_threshold = 25\n"))
    with pytest.raises(ValueError, match="gate_clause_threshold = 25 .*between 0 and 1"):
        load_pipeline([], config_path=bad)
    bad.write_text(text.replace("gate_belief_threshold = 0.25\n", "gate_belief_threshold = -1\n"))
    with pytest.raises(ValueError, match="gate_belief_threshold = -1 .*between 0 and 1"):
        load_pipeline([], config_path=bad)


def test_evaluate_attribution_command_on_the_hand_made_folder() -> None:
    result = CliRunner().invoke(cli, ["evaluate", "--attribution", str(FOLDER)])
    assert result.exit_code == 0, result.output
    assert "1 article(s)" in result.output
    assert "direct only" in result.output and "most frequent cues among the misses" in result.output
    missing = CliRunner().invoke(cli, ["evaluate", "--attribution", str(FOLDER / "text")])
    assert missing.exit_code != 0 and "PolNeAR layout" in missing.output


@pytest.mark.parametrize(
    "text, expected",
    [
        pytest.param("called it “another super Tuesday” and", "called it “another super Tuesday”"),
        pytest.param("the plan is sound, but", "the plan is sound"),
        pytest.param("a brand and a promise", "a brand and a promise"),
        pytest.param("Android", "Android"),  # a word ending in "and" is no conjunction
    ],
)
def test_a_tagged_content_never_ends_on_a_dangling_conjunction(text: str, expected: str) -> None:
    padded = f"X said {text} then left."
    start = padded.index(text)
    start, end = without_dangling_conjunction(padded, (start, start + len(text)))
    assert padded[start:end] == expected


def test_a_reported_clause_is_cut_from_the_next_sentences_quotation(nlp) -> None:
    # the tagger ran the clause on into the quotation, which a rule quote already holds
    text = (
        "The minister warned that the ferry budget would run out by June. "
        "“We cannot keep the boats running,” she said."
    )
    doc = nlp(text)
    quotation = text.index("We cannot")
    taken = [(quotation, text.index(",”"))]
    content = (text.index("that the ferry"), taken[0][1])
    span, bounds = clause_before_quotation(doc, content, taken)
    assert text[slice(*bounds)] == "that the ferry budget would run out by June."
    assert span.text == text[slice(*bounds)]
    # a quotation inside the content's own sentence leaves nothing to cut
    text = "The minister warned that the budget was “running out fast” this spring."
    doc = nlp(text)
    taken = [(text.index("running"), text.index("” this"))]
    assert clause_before_quotation(doc, (text.index("that"), len(text) - 1), taken) is None


def test_a_content_without_a_tagged_cue_takes_the_verb_it_is_the_object_of(nlp) -> None:
    text = "The councillor posted a string of tweets mocking the harbour budget on Sunday."
    doc = nlp(text)
    content = doc.char_span(text.index("the harbour"), text.index(" on Sunday"))
    assert governing_verb(content).text == "mocking"
    # the subject of a verb is not what the verb says
    text = "The harbour budget angered the councillor."
    doc = nlp(text)
    assert governing_verb(doc.char_span(0, len("The harbour budget"))) is None


def test_a_content_far_below_its_verb_takes_the_nearest_verb_above_it(nlp) -> None:
    text = "The regulator raised concerns that the apps will share every message."
    doc = nlp(text)
    content = doc.char_span(text.index("the apps"), len(text) - 1)
    assert governing_verb(content) is None  # "share" hangs from "concerns", a noun
    assert verb_above(content).text == "raised"
    # a tagged content with no tagged cue near it gets that verb as its cue
    doc.spans[SPANS_KEY] = [doc.char_span(text.index("the apps"), len(text) - 1, "CONTENT")]
    (record,) = tagged_records(doc, [], [], TokenIndex(doc), 2, 3, mode="all")
    assert record["cue"]["text"] == "raised"
    assert record["speaker"]["text"] == "The regulator"
    # nothing above the sentence's own root, and nothing from another sentence
    text = "The timetable is safe. Riders were told so."
    doc = nlp(text)
    assert verb_above(doc.char_span(0, len("The timetable is safe"))) is None


def test_who_was_told_is_not_what_was_said(nlp) -> None:
    text = "The mayor told the breakfast show Rise and Shine about the new ferry timetable."
    doc = nlp(text)
    told = doc.char_span(text.index("the breakfast"), text.index(" about"), "CONTENT")
    doc.spans[SPANS_KEY] = [told]
    assert tagged_records(doc, [], [], TokenIndex(doc), 2, 3, mode="all") == []
    # an infinitive after the one told is what they were told
    text = "The mayor told riders to check the new ferry timetable."
    doc = nlp(text)
    content = doc.char_span(text.index("riders"), len(text) - 1, "CONTENT")
    doc.spans[SPANS_KEY] = [content]
    (record,) = tagged_records(doc, [], [], TokenIndex(doc), 2, 3, mode="all")
    assert record["content"]["text"] == "riders to check the new ferry timetable"


def test_a_rule_quote_takes_the_wider_tagged_words_around_it(nlp) -> None:
    text = "The mayor denied any plan to sell the ferries to a private operator on Monday."
    doc = nlp(text)

    def record(words: str, cue: str) -> dict:
        start, cue_start = text.index(words), text.index(cue)
        return {
            "content": char_span(text, start, start + len(words)),
            "cue": char_span(text, cue_start, cue_start + len(cue)),
            "type": "indirect",
        }

    rule = record("any plan to sell the ferries", "denied")
    wider = doc.char_span(text.index("any plan"), text.index(" on Monday"), "CONTENT")
    doc.spans[SPANS_KEY] = [wider]
    assert tagged_records(doc, [rule], [], TokenIndex(doc), 2, 3, mode="all") == []
    assert rule["content"]["text"] == "any plan to sell the ferries to a private operator"
    # not when the tagged words hold the rule quote's cue: that is another reading
    rule = record("any plan to sell the ferries", "denied")
    taken = [(rule["content"]["start"], rule["content"]["end"])]
    bounds = (0, text.index(" on Monday"))
    first, last = 0, len(doc[: doc.char_span(*bounds).end])
    assert not widened_rule_quote(bounds, (first, last), [rule], taken, TokenIndex(doc))
    assert rule["content"]["text"] == "any plan to sell the ferries"
    # nor when the tagger ran on into the next clause
    text = "The mayor denied any plan to sell the ferries, and the council agreed."
    doc = nlp(text)
    rule = record("any plan to sell the ferries", "denied")
    doc.spans[SPANS_KEY] = [doc.char_span(text.index("any plan"), text.index(" agreed"), "CONTENT")]
    tagged_records(doc, [rule], [], TokenIndex(doc), 2, 3, mode="all")
    assert rule["content"]["text"] == "any plan to sell the ferries"
    # nor into the subject of the answer after a question put first
    text = "Asked if the fare rise was fair, 38 percent of riders said they did not know."
    doc = nlp(text)
    rule = record("if the fare rise was fair", "Asked")
    tagged = doc.char_span(text.index("if the"), text.index(" riders"), "CONTENT")
    doc.spans[SPANS_KEY] = [tagged]
    tagged_records(doc, [rule], [], TokenIndex(doc), 2, 3, mode="all")
    assert rule["content"]["text"] == "if the fare rise was fair"


def test_a_short_rule_quote_inside_a_tagged_content_does_not_hold_it() -> None:
    content = (100, 200)
    assert not held_by(content, [(150, 170)])  # a quotation inside a longer reported clause
    assert held_by(content, [(110, 190)])  # the rule quote is most of it
    assert held_by(content, [(190, 206)])  # most of a rule quote reaching outside it
    assert not held_by(content, [(195, 260)])  # a little of a long one after it
    assert held_by(content, [(40, 160)])  # half of the content


def _rule_quote(text: str, content: str, cue: str) -> dict:
    start, at = text.index(content), text.index(cue)
    return {
        "type": "indirect",
        "cue": {"start": at, "end": at + len(cue), "text": cue},
        "content": {"start": start, "end": start + len(content), "text": content},
    }


def test_a_rule_quote_inside_still_holds_across_sentences_or_when_it_is_a_view(nlp) -> None:
    text = (
        "The minister said the ferry deal was “a bad bargain” for the harbour. "
        "She argued the board wants the boats to stay public."
    )
    doc = nlp(text)
    index = TokenIndex(doc)

    def holds(content: str, taken: list, records: list) -> bool:
        span = doc.char_span(text.index(content), text.index(content) + len(content))
        bounds = (span.start_char, span.end_char)
        return held_from_inside(bounds, (span.start, span.end), taken, records, index)

    quotation = (text.index("a bad"), text.index("” for"))
    clause = "the ferry deal was “a bad bargain” for the harbour"
    # a quotation inside one reported clause: the clause is judged on its own
    assert not holds(clause, [quotation], [])
    # the same quotation when the content runs on into the next sentence
    assert holds(clause + ". She argued the board", [quotation], [])
    # a view inside ("wants") holds the content around it; a report by speech inside it does not
    view = _rule_quote(text, "the boats to stay public", "wants")
    taken = [(view["content"]["start"], view["content"]["end"])]
    outer = "the board wants the boats to stay public"
    assert holds(outer, taken, [view])
    # a report by speech inside the content, by its own cue there, is nested, not the content
    said = "the board insists the boats stay public"
    text_said = f"She argued {said}."
    doc_said = nlp(text_said)
    nested = _rule_quote(text_said, "the boats stay public", "insists")
    span = doc_said.char_span(text_said.index(said), text_said.index(said) + len(said))
    inner = (nested["content"]["start"], nested["content"]["end"])
    bounds, tokens = (span.start_char, span.end_char), (span.start, span.end)
    assert not held_from_inside(bounds, tokens, [inner], [nested], TokenIndex(doc_said))
    # the same report by a cue outside the content: the rule quote is that report's extent
    spoken = _rule_quote(text, "the boats to stay public", "argued")
    assert holds(outer, taken, [spoken])
