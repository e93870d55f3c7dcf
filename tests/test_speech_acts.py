"""Who made a statement that says something (speech_acts.py): the subject of the verb that
issued it, not the statement; a report or a statement standing alone stays its own source.
Parses written by hand as the small model reads such sentences; invented words."""

from __future__ import annotations

from presswatch.analyze.attribution import subject_of
from presswatch.analyze.speech_acts import issuer_of_statement

from tests.conftest import parsed_doc


def _issued(noun: str):
    # "The union issued a NOUN saying it backs the plan ."
    words = ["The", "union", "issued", "a", noun, "saying", "it", "backs", "the", "plan", "."]
    heads = [1, 2, 2, 4, 2, 4, 7, 5, 9, 7, 2]
    deps = "det nsubj ROOT det dobj acl nsubj ccomp det dobj punct".split()
    pos = "DET NOUN VERB DET NOUN VERB PRON VERB DET NOUN PUNCT".split()
    doc = parsed_doc(words, heads, deps, pos)
    doc[4].lemma_ = noun
    return doc


def test_a_statement_somebody_issued_is_theirs() -> None:
    doc = _issued("statement")
    assert subject_of(doc[5]).text == "union"
    assert issuer_of_statement(doc[4]).text == "union"


def test_a_report_somebody_issued_speaks_for_itself() -> None:
    # reports, studies and polls are sources of their own in news copy
    doc = _issued("report")
    assert subject_of(doc[5]).text == "report"


def test_a_statement_nobody_is_named_as_issuing_stays_the_source() -> None:
    # "A statement from the office saying the plan is dead circulated ."
    words = [
        "A",
        "statement",
        "from",
        "the",
        "office",
        "saying",
        "the",
        "plan",
        "is",
        "dead",
        "circulated",
        ".",
    ]
    heads = [1, 10, 1, 4, 2, 1, 7, 8, 5, 8, 10, 10]
    deps = "det nsubj prep det pobj acl det nsubj ccomp acomp ROOT punct".split()
    pos = "DET NOUN ADP DET NOUN VERB DET NOUN AUX ADJ VERB PUNCT".split()
    doc = parsed_doc(words, heads, deps, pos)
    doc[1].lemma_ = "statement"
    assert issuer_of_statement(doc[1]) is None
    assert subject_of(doc[5]).text == "statement"


def test_a_statement_in_a_phrase_is_left_to_stand_for_itself() -> None:
    # "In a statement backing the levy , the mayor said ..." : annotators name the statement
    words = [
        "In",
        "a",
        "statement",
        "backing",
        "the",
        "levy",
        ",",
        "the",
        "mayor",
        "said",
        "so",
        ".",
    ]
    heads = [9, 2, 0, 2, 5, 3, 9, 8, 9, 9, 9, 9]
    deps = "prep det pobj acl det dobj punct det nsubj ROOT advmod punct".split()
    pos = "ADP DET NOUN VERB DET NOUN PUNCT DET NOUN VERB ADV PUNCT".split()
    doc = parsed_doc(words, heads, deps, pos)
    doc[2].lemma_ = "statement"
    assert issuer_of_statement(doc[2]) is None
    assert subject_of(doc[3]).text == "statement"
