"""The checks a tagged content must pass when the gate is less sure of it
(pipeline/analyze/reported_clause_checks.py). Sentences written here; each expectation comes
from reading the sentence: is the marked span somebody's statement?"""

from __future__ import annotations

from presswatch.analyze.framing import TokenIndex
from presswatch.analyze.reported_clause_checks import is_subordinate_clause, reads_as_statement
from presswatch.analyze.tagged_quotes import is_attributing_cue


def check(nlp, text: str, content: str, cue: str, speaker: str | None, named: bool = True) -> bool:
    doc = nlp(text)
    span = doc.char_span(text.index(content), text.index(content) + len(content))
    cue_start = text.index(cue)
    cue_span = doc.char_span(cue_start, cue_start + len(cue))
    head = None
    if speaker is not None:
        at = text.index(speaker)
        head = doc.char_span(at, at + len(speaker)).root
    assert span is not None and cue_span is not None
    return reads_as_statement(
        span,
        cue_span,
        head,
        TokenIndex(doc),
        named=named,
        attributing=is_attributing_cue(cue_span),
    )


def test_a_reported_clause_with_a_speaker_reads_as_a_statement(nlp):
    text = "The regulator said the merger would face a long review."
    assert check(nlp, text, "the merger would face a long review", "said", "regulator")


def test_a_thing_announced_is_a_statement_but_not_a_phrase_cut_in_two(nlp):
    # PolNeAR annotates what is announced or endorsed ("announced a review"); a span that
    # begins at a preposition's object ("[in the] Harbour Gazette …") is no such thing
    text = "The harbour minister announced a new budget for the ferry terminal."
    assert check(nlp, text, "a new budget for the ferry terminal", "announced", "minister")
    # a phrase needs a speaker resolved to an entity; a clause does not
    assert not check(nlp, text, "a new budget", "announced", "minister", named=False)
    text = "The harbour minister announced the budget would rise."
    assert check(nlp, text, "the budget would rise", "announced", "minister", named=False)
    text = (
        "The harbour minister wrote an essay in the Harbour Gazette this week defending the "
        "budget for the ferry terminal."
    )
    content = "Harbour Gazette this week defending the budget for the ferry terminal"
    assert not check(nlp, text, content, "wrote", "minister")


def test_a_clause_after_a_verb_that_does_not_attribute_is_no_statement(nlp):
    text = "Most people do not choose an app for its code. They use whatever their family uses."
    assert not check(nlp, text, "whatever their family uses", "use", "They", named=False)
    text = "Most people do not choose an app for its code. They say their family decides."
    assert check(nlp, text, "their family decides", "say", "They", named=False)


def test_a_named_speakers_act_over_a_clause_is_a_statement(nlp):
    # PolNeAR annotates acts and attitudes too ("downplayed the attack that …"); without a
    # named speaker such a verb's object is nobody's statement
    text = "The senator downplayed the attack that had split her party all week."
    content = "the attack that had split her party all week"
    assert check(nlp, text, content, "downplayed", "senator", named=True)
    assert not check(nlp, text, content, "downplayed", "senator", named=False)
    # a phrase, not a clause, after such a verb stays out even with a named speaker
    text = "The senator downplayed the attack on the judge."
    assert not check(nlp, text, "the attack on the judge", "downplayed", "senator", named=True)


def test_the_journalists_clause_after_the_attribution_is_no_statement(nlp):
    text = (
        "The merger will draw scrutiny, an analyst said on Monday, even as engineers "
        "welcomed the encryption plan."
    )
    content = "engineers welcomed the encryption plan"
    assert not check(nlp, text, content, "said", "analyst")
    doc = nlp(text)
    start = text.index("as engineers")
    assert is_subordinate_clause(doc.char_span(start, start + len("as " + content)))


def test_a_speaker_that_cannot_speak_makes_no_statement(nlp):
    text = "The timing suggests that the company was in a hurry."
    assert not check(nlp, text, "that the company was in a hurry", "suggests", "timing")
    text = "The analyst suggests that the company was in a hurry."
    assert check(nlp, text, "that the company was in a hurry", "suggests", "analyst")


def test_a_content_running_over_a_line_break_is_no_statement(nlp):
    text = "Lesson one: tell us the plan\n\nThe second lesson is about trust."
    assert not check(nlp, text, "us the plan\n\nThe second lesson is about trust", "tell", None)


def test_a_cue_in_another_sentence_does_not_make_a_statement(nlp):
    text = "Most people pick the app that their friends prefer. Ms. Rivera argued so last year."
    assert not check(nlp, text, "the app that their friends prefer", "argued", "Rivera")
