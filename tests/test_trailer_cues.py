"""The speech verb after a quotation (framing.trailer_cue) when the words between them are more
than a bare name: a phrase set off by commas, two speakers joined by "and", a speaker the
parse made the root with the verb hung on it, and "continued" between two pieces of one
quotation. Parses are written by hand, as the small model reads such sentences (checked on
invented sentences); the words are invented."""

from __future__ import annotations

from presswatch.analyze.attribution import Vocabulary
from presswatch.analyze.framing import TokenIndex, trailer_cue
from presswatch.analyze.lexicon import SPEECH_VERBS
from presswatch.analyze.quote_marks import find_quote_marks

from tests.conftest import parsed_doc

VOCAB = Vocabulary(SPEECH_VERBS, frozenset())


def _cue(words, heads, deps, pos, tags=None, lemmas=None, max_words=6):
    doc = parsed_doc(words, heads, deps.split(), pos.split(), tags.split() if tags else None)
    for i, lemma in (lemmas or {}).items():
        doc[i].lemma_ = lemma
    marks = find_quote_marks(doc.text)
    return trailer_cue(
        doc, marks[0], marks[1] if len(marks) > 1 else None, TokenIndex(doc), VOCAB, max_words
    )


def test_a_phrase_set_off_by_commas_does_not_count_towards_the_distance() -> None:
    # '“Prices rose,” Mr. Lund, of Harbor Capital Group, said.': seven words before "said"
    words = [
        "“",
        "Prices",
        "rose",
        ",",
        "”",
        "Mr.",
        "Lund",
        ",",
        "of",
        "Harbor",
        "Capital",
        "Group",
        ",",
        "said",
        ".",
    ]
    heads = [2, 2, 13, 13, 13, 6, 13, 6, 6, 11, 11, 8, 6, 13, 13]
    deps = (
        "punct nsubj ccomp punct punct compound nsubj punct prep compound compound pobj "
        "punct ROOT punct"
    )
    pos = "PUNCT NOUN VERB PUNCT PUNCT PROPN PROPN PUNCT ADP PROPN PROPN PROPN PUNCT VERB PUNCT"
    verb, speaker = _cue(words, heads, deps, pos, lemmas={13: "say"})
    assert (verb.text, speaker.text) == ("said", "Lund")


def test_the_same_phrase_without_its_comma_still_counts() -> None:
    # no comma before "of": the phrase is part of the name, and seven words are too far
    words = [
        "“",
        "Prices",
        "rose",
        ",",
        "”",
        "Mr.",
        "Lund",
        "of",
        "Harbor",
        "Capital",
        "Group",
        "Holdings",
        "said",
        ".",
    ]
    heads = [2, 2, 12, 12, 12, 6, 12, 6, 11, 11, 11, 7, 12, 12]
    deps = (
        "punct nsubj ccomp punct punct compound nsubj prep compound compound compound "
        "pobj ROOT punct"
    )
    pos = "PUNCT NOUN VERB PUNCT PUNCT PROPN PROPN ADP PROPN PROPN PROPN PROPN VERB PUNCT"
    assert _cue(words, heads, deps, pos, lemmas={12: "say"}) is None


def test_a_second_speaker_joined_by_and_does_not_count_towards_the_distance() -> None:
    # '“We object,” council leader Ada Moss and Mayor Tim Roe said.'
    words = [
        "“",
        "We",
        "object",
        ",",
        "”",
        "council",
        "leader",
        "Ada",
        "Moss",
        "and",
        "Mayor",
        "Tim",
        "Roe",
        "said",
        ".",
    ]
    heads = [2, 2, 13, 13, 13, 6, 8, 8, 13, 8, 12, 12, 8, 13, 13]
    deps = (
        "punct nsubj ccomp punct punct compound compound compound nsubj cc compound "
        "compound conj ROOT punct"
    )
    pos = "PUNCT PRON VERB PUNCT PUNCT NOUN NOUN PROPN PROPN CCONJ PROPN PROPN PROPN VERB PUNCT"
    verb, speaker = _cue(words, heads, deps, pos, lemmas={13: "say"})
    assert (verb.text, speaker.text) == ("said", "Moss")


def test_a_speech_verb_hung_on_the_speaker_as_a_participle_is_the_cue() -> None:
    # '“Resign now!” the party's nominee, Ada Moss, tweeted Sunday.': the quotation ends its
    # sentence, and the next one's root is "nominee" with "tweeted" a participle on it
    words = [
        "“",
        "Resign",
        "now",
        "!",
        "”",
        "the",
        "party",
        "'s",
        "nominee",
        ",",
        "Ada",
        "Moss",
        ",",
        "tweeted",
        "Sunday",
        ".",
    ]
    heads = [1, 1, 1, 1, 1, 8, 8, 6, 8, 8, 11, 8, 8, 8, 13, 8]
    deps = (
        "punct ROOT advmod punct punct det poss case ROOT punct compound appos punct acl "
        "npadvmod punct"
    )
    pos = "PUNCT VERB ADV PUNCT PUNCT DET NOUN PART NOUN PUNCT PROPN PROPN PUNCT VERB PROPN PUNCT"
    tags = ". VB RB . '' DT NN POS NN , NNP NNP , VBN NNP ."
    verb, speaker = _cue(words, heads, deps, pos, tags, lemmas={13: "tweet"})
    assert (verb.text, speaker.text) == ("tweeted", "nominee")


def test_a_participle_with_an_agent_is_a_passive_not_a_speaker() -> None:
    # '“Resign now!” a slogan tweeted by fans.': the slogan did not tweet; the fans did
    words = ["“", "Resign", "now", "!", "”", "a", "slogan", "tweeted", "by", "fans", "."]
    heads = [1, 1, 1, 1, 1, 6, 6, 6, 7, 8, 6]
    deps = "punct ROOT advmod punct punct det ROOT acl agent pobj punct"
    pos = "PUNCT VERB ADV PUNCT PUNCT DET NOUN VERB ADP NOUN PUNCT"
    tags = ". VB RB . '' DT NN VBN IN NNS ."
    assert _cue(words, heads, deps, pos, tags, lemmas={7: "tweet"}) is None


def test_continued_between_two_pieces_of_a_quotation_is_the_cue() -> None:
    # '“We waited,” she continued, “and nothing came.”'
    words = [
        "“",
        "We",
        "waited",
        ",",
        "”",
        "she",
        "continued",
        ",",
        "“",
        "and",
        "nothing",
        "came",
        ".",
        "”",
    ]
    heads = [2, 2, 6, 6, 6, 6, 6, 6, 6, 6, 11, 6, 6, 6]
    deps = "punct nsubj ccomp punct punct nsubj ROOT punct punct cc nsubj conj punct punct"
    pos = "PUNCT PRON VERB PUNCT PUNCT PRON VERB PUNCT PUNCT CCONJ PRON VERB PUNCT PUNCT"
    verb, speaker = _cue(words, heads, deps, pos, lemmas={6: "continue"})
    assert (verb.text, speaker.text) == ("continued", "she")


def test_continued_with_something_of_its_own_to_continue_is_no_cue() -> None:
    # '“We waited,” she continued her work.': what she continued is her work, not the words
    words = ["“", "We", "waited", ",", "”", "she", "continued", "her", "work", "."]
    heads = [2, 2, 6, 6, 6, 6, 6, 8, 6, 6]
    deps = "punct nsubj ccomp punct punct nsubj ROOT poss dobj punct"
    pos = "PUNCT PRON VERB PUNCT PUNCT PRON VERB PRON NOUN PUNCT"
    assert _cue(words, heads, deps, pos, lemmas={6: "continue"}) is None
