"""A reported clause that runs on over the same speaker's next report stops before it
(quote_records.cut_before_second_reports, without_nested_reports), and one that goes on with
another act of what was said does not. Sentences written for these tests; the parses are
given by hand, as the small model reads such sentences."""

from __future__ import annotations

from presswatch.analyze.framing import TokenIndex
from presswatch.analyze.quote_records import cut_before_second_reports
from spacy.tokens import Doc

from tests.conftest import parsed_doc as parsed
from tests.conftest import speaker_cue_content


def record(doc: Doc, speaker: tuple[int, int], cue: int, content: tuple[int, int]) -> dict:
    def chars(first: int, last: int) -> dict:
        span = doc[first : last + 1]
        return {"text": span.text, "start": span.start_char, "end": span.end_char}

    return {
        "speaker": chars(*speaker),
        "speaker_entity": None,
        "cue": chars(cue, cue),
        "content": chars(*content),
        "type": "indirect",
    }


def test_a_participle_set_off_by_a_comma_is_a_second_report_with_the_first_speaker() -> None:
    # "warning" hangs on "order", inside what Trump said; its subject is the "he" in there
    words = "Trump said he would order a review , warning that hackers were a threat .".split()
    heads = [1, 1, 4, 4, 1, 6, 4, 4, 4, 11, 11, 8, 13, 11, 1]
    deps = "nsubj ROOT nsubj aux ccomp det dobj punct advcl mark nsubj ccomp det attr punct"
    pos = "PROPN VERB PRON AUX VERB DET NOUN PUNCT VERB SCONJ NOUN AUX DET NOUN PUNCT"
    doc = parsed(words, heads, deps.split(), pos.split())
    said = record(doc, (0, 0), 1, (2, 13))
    warning = record(doc, (2, 2), 8, (10, 13))
    cut_before_second_reports(TokenIndex(doc), [said, warning])
    assert said["content"]["text"] == "he would order a review"
    assert warning["content"]["text"] == "hackers were a threat"
    assert warning["speaker"]["text"] == "Trump"


def test_two_acts_joined_by_and_stay_one_report() -> None:
    # "She said she spoke to him and asked him to resign": what she said covers both acts
    words = "She said she spoke to him and asked him to resign .".split()
    heads = [1, 1, 3, 1, 3, 4, 3, 3, 7, 10, 7, 1]
    deps = "nsubj ROOT nsubj ccomp prep pobj cc conj dobj aux xcomp punct".split()
    pos = "PRON VERB PRON VERB ADP PRON CCONJ VERB PRON PART VERB PUNCT".split()
    doc = parsed(words, heads, deps, pos)
    said = record(doc, (0, 0), 1, (2, 10))
    asked = record(doc, (2, 2), 7, (8, 10))
    cut_before_second_reports(TokenIndex(doc), [said, asked])
    assert said["content"]["text"] == "she spoke to him and asked him to resign"
    assert asked["speaker"]["text"] == "she"


def test_a_participle_with_a_subject_of_its_own_keeps_its_speaker() -> None:
    # "Jones said taxes would rise, Smith arguing that they would not": the cut is the same,
    # but Smith speaks for himself
    words = "Jones said taxes would rise , Smith arguing that they would not .".split()
    heads = [1, 1, 4, 4, 1, 1, 7, 4, 11, 11, 11, 7, 1]
    deps = "nsubj ROOT nsubj aux ccomp punct nsubj advcl mark nsubj aux ccomp punct".split()
    pos = "PROPN VERB NOUN AUX VERB PUNCT PROPN VERB SCONJ PRON AUX PART PUNCT".split()
    doc = parsed(words, heads, deps, pos)
    said = record(doc, (0, 0), 1, (2, 11))
    arguing = record(doc, (6, 6), 7, (9, 11))
    cut_before_second_reports(TokenIndex(doc), [said, arguing])
    assert said["content"]["text"] == "taxes would rise"
    assert arguing["speaker"]["text"] == "Smith"


def test_an_act_inside_the_words_is_not_cut_off_as_a_second_report(nlp):
    # "declare" and "attacking" are what the lawmakers declined and what Trump was asked to
    # stop, joined without a break: one report each, not a report cut short at "or" / "stop"
    found = speaker_cue_content(
        nlp, "Lawmakers declined to threaten Moscow or even directly declare it responsible."
    )
    assert found == [
        ("Lawmakers", "declined", "to threaten Moscow or even directly declare it responsible")
    ]
    found = speaker_cue_content(nlp, "Clinton called on Trump to stop attacking Machado.")
    assert found == [("Clinton", "called", "Trump to stop attacking Machado")]
