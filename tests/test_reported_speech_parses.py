"""Reported speech the small model parses in ways the speech-verb reader must see through
(attribution.py, misparsed_reports.py, as_reported.py): a report after its clause hung on that
clause's verb, an "as" clause that vows an infinitive of its own, a contracted "has" read as
"is", a group subject read as a modifier of its verb, a trailing cue's subject read as an object
of the clause before or an apposition in a fronted phrase, a report without "that" read as a
participle, a subject noun tagged as an adverb. Parses are written by hand, as the small model
reads such sentences; the sentences are invented."""

from __future__ import annotations

from presswatch.analyze.as_reported import as_reported_events
from presswatch.analyze.attribution import (
    Vocabulary,
    is_actual_speech,
    reported_content,
    subject_of,
)
from presswatch.analyze.lexicon import SPEECH_VERBS, WEAK_SPEECH_VERBS
from presswatch.analyze.misparsed_reports import modifier_subject, stolen_subject
from presswatch.analyze.speakers import is_plausible_speaker

from tests.conftest import parsed_doc

VOCAB = Vocabulary(SPEECH_VERBS, WEAK_SPEECH_VERBS)


def _content(words, heads, deps, pos, lemmas, verb):
    doc = parsed_doc(words, heads, deps.split(), pos.split())
    for i, lemma in lemmas.items():
        doc[i].lemma_ = lemma
    bounds = reported_content(doc[verb], VOCAB)
    return None if bounds is None else doc.text[slice(*bounds)]


# "The bridge will reopen in May, a spokeswoman told reporters."
_TOLD_WORDS = ["The", "bridge", "will", "reopen", "in", "May", ","]
_TOLD_WORDS += ["a", "spokeswoman", "told", "reporters", "."]
_TOLD_POS = "DET NOUN AUX VERB ADP PROPN PUNCT DET NOUN VERB NOUN PUNCT"
_TOLD_LEMMAS = {8: "spokeswoman", 9: "tell", 3: "reopen"}


def test_a_report_after_its_clause_parsed_as_a_conjunct_reports_that_clause() -> None:
    heads = [1, 3, 3, 3, 3, 4, 3, 8, 9, 3, 9, 9]
    deps = "det nsubj aux ROOT prep pobj punct det nsubj conj dobj punct"
    content = _content(_TOLD_WORDS, heads, deps, _TOLD_POS, _TOLD_LEMMAS, 9)
    assert content == "The bridge will reopen in May"


def test_the_same_report_parsed_as_an_adverbial_clause() -> None:
    heads = [1, 3, 3, 3, 3, 4, 3, 8, 9, 3, 9, 9]
    deps = "det nsubj aux ROOT prep pobj punct det nsubj advcl dobj punct"
    content = _content(_TOLD_WORDS, heads, deps, _TOLD_POS, _TOLD_LEMMAS, 9)
    assert content == "The bridge will reopen in May"


def test_a_report_joined_by_and_is_a_second_act_not_a_trailing_cue() -> None:
    # "The bridge will reopen in May, and a spokeswoman told reporters."
    words = [*_TOLD_WORDS[:7], "and", *_TOLD_WORDS[7:]]
    heads = [1, 3, 3, 3, 3, 4, 3, 3, 9, 10, 3, 10, 10]
    deps = "det nsubj aux ROOT prep pobj punct cc det nsubj conj dobj punct"
    pos = "DET NOUN AUX VERB ADP PROPN PUNCT CCONJ DET NOUN VERB NOUN PUNCT"
    lemmas = {9: "spokeswoman", 10: "tell", 3: "reopen"}
    assert _content(words, heads, deps, pos, lemmas, 10) is None


def test_a_subject_that_cannot_speak_says_nothing_trailing() -> None:
    # "The hall was quiet for an hour, their eyes said a lot."
    words = ["The", "hall", "was", "quiet", "for", "an", "hour", ","]
    words += ["their", "eyes", "said", "a", "lot", "."]
    heads = [1, 2, 2, 2, 2, 6, 4, 2, 9, 10, 2, 12, 10, 10]
    deps = "det nsubj ROOT acomp prep det pobj punct poss nsubj conj det npadvmod punct"
    pos = "DET NOUN AUX ADJ ADP DET NOUN PUNCT PRON NOUN VERB DET NOUN PUNCT"
    lemmas = {9: "eye", 10: "say"}
    assert _content(words, heads, deps, pos, lemmas, 10) is None


# "Even as the mayors vowed to keep the shelters open, the council cut the budget."
_VOWED_WORDS = ["Even", "as", "the", "mayors", "vowed", "to", "keep", "the", "shelters", "open"]
_VOWED_WORDS += [",", "the", "council", "cut", "the", "budget", "."]
_VOWED_HEADS = [4, 4, 3, 4, 13, 6, 4, 8, 6, 6, 13, 12, 13, 13, 15, 13, 13]
_VOWED_DEPS = (
    "advmod mark det nsubj advcl aux xcomp det dobj oprd punct det nsubj ROOT det dobj punct"
)
_VOWED_POS = "ADV SCONJ DET NOUN VERB PART VERB DET NOUN ADJ PUNCT DET NOUN VERB DET NOUN PUNCT"


def test_an_as_clause_that_vows_an_infinitive_reports_the_infinitive_not_the_main_clause() -> None:
    doc = parsed_doc(_VOWED_WORDS, _VOWED_HEADS, _VOWED_DEPS.split(), _VOWED_POS.split())
    doc[4].lemma_, doc[3].lemma_ = "vow", "mayor"
    assert as_reported_events(doc, VOCAB, [False] * len(doc)) == []
    bounds = reported_content(doc[4], VOCAB)
    assert bounds is not None and doc.text[slice(*bounds)] == "to keep the shelters open"


def test_an_as_clause_without_its_own_words_still_reports_the_main_clause() -> None:
    # "Even as the mayors warned, the council cut the budget."
    words = [*_VOWED_WORDS[:4], "warned", *_VOWED_WORDS[10:]]
    heads = [4, 4, 3, 4, 8, 8, 7, 8, 8, 10, 8, 8]
    deps = "advmod mark det nsubj advcl punct det nsubj ROOT det dobj punct"
    pos = "ADV SCONJ DET NOUN VERB PUNCT DET NOUN VERB DET NOUN PUNCT"
    doc = parsed_doc(words, heads, deps.split(), pos.split())
    doc[4].lemma_, doc[3].lemma_ = "warn", "mayor"
    events = as_reported_events(doc, VOCAB, [False] * len(doc))
    assert [doc.text[slice(*e.content)] for e in events] == ["the council cut the budget"]


def _said(words, heads, deps, lemma):
    pos = ["PRON", "AUX", "VERB", *["X"] * (len(words) - 3)]
    tags = ["PRP", "VBZ", "VBN", *["XX"] * (len(words) - 3)]
    doc = parsed_doc(words, heads, deps.split(), pos, tags)
    doc[2].lemma_ = lemma
    return doc[2]


def test_a_contracted_has_the_parse_made_a_passive_is_still_a_report() -> None:
    # "She’s said she will run." read as "She is said …"
    verb = _said(
        ["She", "’s", "said", "she", "will", "run", "."],
        [2, 2, 2, 5, 5, 2, 2],
        "nsubjpass auxpass ROOT nsubj aux ccomp punct",
        "say",
    )
    assert is_actual_speech(verb)


def test_a_contracted_is_before_an_infinitive_or_a_told_clause_stays_a_passive() -> None:
    # "She’s said to be ill." / "She’s told she can stay."
    to_be = _said(
        ["She", "’s", "said", "to", "be", "ill", "."],
        [2, 2, 2, 4, 2, 4, 2],
        "nsubjpass auxpass ROOT aux xcomp acomp punct",
        "say",
    )
    told = _said(
        ["She", "’s", "told", "she", "can", "stay", "."],
        [2, 2, 2, 5, 5, 2, 2],
        "nsubjpass auxpass ROOT nsubj aux ccomp punct",
        "tell",
    )
    assert not is_actual_speech(to_be)
    assert not is_actual_speech(told)


def test_a_group_word_hung_on_a_parenthetical_verb_is_its_subject() -> None:
    # "The plan, many argue, would fail." with "many" an adjective of "argue"
    words = ["The", "plan", ",", "many", "argue", ",", "would", "fail", "."]
    heads = [1, 7, 4, 4, 7, 4, 7, 7, 7]
    deps = "det nsubj punct amod parataxis punct aux ROOT punct"
    pos = "DET NOUN PUNCT ADJ VERB PUNCT AUX VERB PUNCT"
    doc = parsed_doc(words, heads, deps.split(), pos.split())
    doc[4].lemma_ = "argue"
    speaker = subject_of(doc[4])
    assert speaker is not None and speaker.text == "many"


def test_an_adverb_before_an_infinitive_is_not_a_subject() -> None:
    # "Voters are most likely to say no."
    words = ["Voters", "are", "most", "likely", "to", "say", "no", "."]
    heads = [1, 1, 5, 1, 5, 3, 5, 1]
    deps = "nsubj ROOT advmod acomp aux xcomp dobj punct"
    pos = "NOUN AUX ADV ADJ PART VERB DET PUNCT"
    tags = ["NNS", "VBP", "RBS", "JJ", "TO", "VB", "DT", "."]
    doc = parsed_doc(words, heads, deps.split(), pos.split(), tags)
    assert modifier_subject(doc[5]) is None


def test_a_trailing_speaker_the_parse_made_an_object_of_the_clause_is_the_speaker() -> None:
    # "Costs will rise, papers filed on Friday revealed." with "papers" an object of "rise"
    words = ["Costs", "will", "rise", ",", "papers", "filed", "on", "Friday", "revealed", "."]
    heads = [2, 2, 8, 2, 2, 4, 5, 6, 8, 8]
    deps = "nsubj aux ccomp punct dobj acl prep pobj ROOT punct"
    pos = "NOUN AUX VERB PUNCT NOUN VERB ADP PROPN VERB PUNCT"
    doc = parsed_doc(words, heads, deps.split(), pos.split())
    doc[8].lemma_ = "reveal"
    speaker = subject_of(doc[8])
    bounds = reported_content(doc[8], VOCAB)
    assert speaker is not None and speaker.text == "papers"
    assert bounds is not None and doc.text[slice(*bounds)] == "Costs will rise"


def test_a_noun_in_a_list_before_a_verb_in_it_is_not_a_speaker() -> None:
    # "They faced hostility, slurs, shouting and threats." with "shouting" a verb of the list
    words = ["They", "faced", "hostility", ",", "slurs", ",", "shouting", "and", "threats", "."]
    heads = [1, 1, 1, 2, 2, 4, 1, 6, 6, 1]
    deps = "nsubj ROOT dobj punct conj punct conj cc conj punct"
    pos = "PRON VERB NOUN PUNCT NOUN PUNCT VERB CCONJ NOUN PUNCT"
    doc = parsed_doc(words, heads, deps.split(), pos.split())
    doc[6].lemma_ = "shout"
    assert stolen_subject(doc[6]) is None


def _papers(words, heads, deps, pos, tags):
    doc = parsed_doc(words, heads, deps.split(), pos.split(), tags.split())
    doc[2].lemma_ = "report"
    return doc


def test_a_report_read_as_a_participle_before_a_second_subject_is_the_finite_verb() -> None:
    # "Two papers reported on Monday the council had met."
    doc = _papers(
        ["Two", "papers", "reported", "on", "Monday", "the", "council", "had", "met", "."],
        [1, 8, 1, 2, 3, 6, 8, 8, 8, 8],
        "amod nsubj acl prep pobj det nsubj aux ROOT punct",
        "ADJ NOUN VERB ADP PROPN DET NOUN AUX VERB PUNCT",
        "JJ NNS VBN IN NNP DT NN VBD VBN .",
    )
    bounds = reported_content(doc[2], VOCAB)
    assert is_actual_speech(doc[2])
    assert bounds is not None and doc.text[slice(*bounds)] == "the council had met"


def test_a_participle_of_the_only_subject_stays_a_participle() -> None:
    # "The figures reported on Monday show growth."
    doc = _papers(
        ["The", "figures", "reported", "on", "Monday", "show", "growth", "."],
        [1, 5, 1, 2, 3, 5, 5, 5],
        "det nsubj acl prep pobj ROOT dobj punct",
        "DET NOUN VERB ADP PROPN VERB NOUN PUNCT",
        "DT NNS VBN IN NNP VBP NN .",
    )
    assert not is_actual_speech(doc[2])


def test_a_subject_read_as_an_apposition_inside_a_fronted_phrase_is_the_speaker() -> None:
    # "In addition to Ms. Roe, three senators, Al Ng and Bo Li, have said they will resign."
    words = ["In", "addition", "to", "Ms.", "Roe", ",", "three", "senators", ",", "Al", "Ng", "and"]
    words += ["Bo", "Li", ",", "have", "said", "they", "will", "resign", "."]
    heads = [16, 0, 1, 4, 2, 4, 7, 4, 7, 10, 7, 10, 13, 10, 4, 16, 16, 19, 19, 16, 16]
    deps = "prep pobj prep compound pobj punct nummod appos punct compound conj cc compound conj"
    deps += " punct aux ROOT nsubj aux ccomp punct"
    pos = "ADP NOUN ADP PROPN PROPN PUNCT NUM NOUN PUNCT PROPN PROPN CCONJ PROPN PROPN PUNCT AUX"
    pos += " VERB PRON AUX VERB PUNCT"
    doc = parsed_doc(words, heads, deps.split(), pos.split())
    doc[16].lemma_ = "say"
    speaker = subject_of(doc[16])
    assert speaker is not None and speaker.text == "senators"


def test_a_subject_noun_tagged_as_an_adverb_can_speak_for_a_strong_verb() -> None:
    # "The union counteroffer argued that towns should decide." / "Later argued that …"
    words = ["The", "union", "counteroffer", "argued", "that", "towns", "should", "decide", "."]
    heads = [1, 2, 3, 3, 7, 7, 7, 3, 3]
    deps = "det compound nsubj ROOT mark nsubj aux ccomp punct"
    pos = "DET NOUN ADV VERB SCONJ NOUN AUX VERB PUNCT"
    doc = parsed_doc(words, heads, deps.split(), pos.split())
    bare = parsed_doc(words[2:], [1, 1, 5, 5, 5, 1, 1], deps.split()[2:], pos.split()[2:])
    assert is_plausible_speaker(doc[2], weak_verb=False)
    assert not is_plausible_speaker(bare[0], weak_verb=False)
