"""The compiled attribute ruler gives the annotations spaCy's AttributeRuler gives.

Two comparisons: the base model's own ruler against its compiled form on real reporting (the
seed article, every fixture page of the dataset) and on sentences written to reach the ruler's
rarer patterns (regexes, NOT_IN, whitespace tokens, two-token patterns); and small rulers built
here on hand-made docs, where tags and dependencies are set directly so each rule fires where
the test says (later rules winning, negative index, missing annotation).
"""

from __future__ import annotations

from pathlib import Path

import numpy
import pytest
import spacy
from presswatch.analyze import load_pipeline, resolve_model_name
from presswatch.analyze.attribute_rules import (
    CompiledAttributeRuler,
    _row_keys,
    compile_attribute_rules,
    compile_model_attribute_ruler,
)
from presswatch.analyze.loading import read_pipeline_config
from presswatch.extract import extract_article
from spacy.tokens import Doc

REPO = Path(__file__).resolve().parents[1]
PAGES = REPO / "datasets" / "fb-messaging-integration" / "fixtures" / "pages"
SEED = REPO.parent / "shared" / "seed" / "000_84badcba1a34c0a1.txt"

# Written to reach the model's less common rules: n't / nothin' / y' regexes, "cause", "til",
# auxiliaries (NOT_IN on TAG with DEP IN), determiners in other roles, runs of spaces and
# blank lines, "gonna" / "wanna" style two-token rules, and "I'd".
RARE_PATTERN_TEXT = """\
I'd say it isn't over, and y'all know nothin' changes 'til the vote. We ain't gonna wait.
She was told that the plan wouldn't ship; they'd been warned, cause the rules weren't clear.
Those who could've objected didn't. That is all, and all that remains is this:   a vote.

He's been asked whether each of these apps will merge. Both said no;  neither said yes.
  Some have said it'll take years. Y' know what?  Nothin' doin'. Whatcha gonna do, wanna bet?
"""


def token_view(doc: Doc) -> list[tuple[str, str, str, str, str]]:
    return [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_) for t in doc]


@pytest.fixture(scope="module")
def model_pair():
    model = resolve_model_name(None)
    stock, compiled = spacy.load(model), spacy.load(model)
    assert compile_model_attribute_ruler(compiled), "the base model's ruler should compile"
    assert isinstance(compiled.get_pipe("attribute_ruler"), CompiledAttributeRuler)
    assert not isinstance(stock.get_pipe("attribute_ruler"), CompiledAttributeRuler)
    return stock, compiled


def real_texts() -> list[str]:
    if not SEED.is_file():
        pytest.fail(
            f"Seed article not found at {SEED}; these tests read ../shared/seed beside the "
            "checkout."
        )
    pages = sorted(PAGES.glob("*.html"))
    assert len(pages) >= 10, f"expected the dataset's fixture pages in {PAGES}"
    bodies = [
        extract_article(p.read_text(encoding="utf-8"), url=None, source=p.name).body for p in pages
    ]
    return [SEED.read_text(encoding="utf-8"), *[b for b in bodies if b]]


def test_base_model_ruler_and_compiled_form_agree_token_by_token(model_pair):
    stock, compiled = model_pair
    texts = [*real_texts(), RARE_PATTERN_TEXT, "", " ", "\n\n", "A"]
    tokens = 0
    for a, b in zip(
        stock.pipe(texts, batch_size=4), compiled.pipe(texts, batch_size=4), strict=True
    ):
        assert token_view(a) == token_view(b)
        tokens += len(a)
    assert tokens > 5000


def test_the_rare_pattern_text_reaches_regex_not_in_and_two_token_rules(model_pair):
    """Guards the comparison above: it must exercise more than the plain tag-map rules."""
    stock, _ = model_pair
    ruler = stock.get_pipe("attribute_ruler")
    doc = stock(RARE_PATTERN_TEXT, disable=["attribute_ruler", "lemmatizer", "ner"])
    fired = {int(stock.vocab.strings[match_id]) for _, match_id, _, _ in ruler.match(doc)}
    patterns = ruler.patterns
    kinds = {
        "regex": [i for i, p in enumerate(patterns) if "REGEX" in str(p["patterns"])],
        "not_in": [i for i, p in enumerate(patterns) if "NOT_IN" in str(p["patterns"])],
        "two tokens": [i for i, p in enumerate(patterns) if any(len(x) > 1 for x in p["patterns"])],
        "whitespace": [i for i, p in enumerate(patterns) if "IS_SPACE" in str(p["patterns"])],
    }
    for kind, numbers in kinds.items():
        assert numbers, f"the model has no {kind} rule any more: revisit this test"
        assert fired & set(numbers), f"RARE_PATTERN_TEXT fires no {kind} rule"


RULES = [
    {"patterns": [[{"TAG": "NN"}]], "attrs": {"POS": "NOUN", "MORPH": "Number=Sing"}},
    # later rule, same token: wins for POS only; MORPH from the first rule stays
    {"patterns": [[{"TAG": "NN", "LOWER": {"IN": ["plan", "merger"]}}]], "attrs": {"POS": "PROPN"}},
    {"patterns": [[{"LOWER": "the"}, {"TAG": "NN"}]], "attrs": {"LEMMA": "THE"}, "index": 0},
    {
        "patterns": [[{"LOWER": "not"}, {"LOWER": {"REGEX": "^merg"}}]],
        "attrs": {"POS": "VERB"},
        "index": -1,
    },
    {
        "patterns": [[{"DEP": {"NOT_IN": ["nsubj", ""]}, "TAG": "NN"}]],
        "attrs": {"MORPH": "Case=Acc"},
    },
    {"patterns": [[{"IS_SPACE": True}]], "attrs": {"POS": "SPACE"}},
]
WORDS = ["the", "plan", "will", "not", "merge", "the", "inbox", "  ", "merger"]
TAGS = ["DT", "NN", "MD", "RB", "VB", "DT", "NN", "_SP", "NN"]
DEPS = ["det", "nsubj", "aux", "neg", "ROOT", "det", "dobj", "dep", ""]
HEADS = [1, 4, 4, 4, 4, 6, 4, 6, 4]


def hand_made_doc(vocab, with_deps: bool = True) -> Doc:
    return Doc(
        vocab,
        words=WORDS,
        spaces=[True] * len(WORDS),
        tags=TAGS,
        deps=DEPS if with_deps else None,
        heads=HEADS if with_deps else None,
    )


@pytest.mark.parametrize("with_deps", [True, False], ids=["parsed", "no parse"])
def test_small_ruler_compiled_matches_spacy(with_deps):
    stock, compiled = spacy.blank("en"), spacy.blank("en")
    for nlp in (stock, compiled):
        nlp.add_pipe("attribute_ruler").add_patterns(RULES)
    assert compile_model_attribute_ruler(compiled)
    a = stock.get_pipe("attribute_ruler")(hand_made_doc(stock.vocab, with_deps))
    b = compiled.get_pipe("attribute_ruler")(hand_made_doc(compiled.vocab, with_deps))
    assert token_view(a) == token_view(b)
    # Read from the rules above: "plan" NN, "merger" in the IN list → PROPN; "inbox" NN → NOUN.
    assert [b[1].pos_, b[6].pos_, b[8].pos_] == ["PROPN", "NOUN", "PROPN"]
    assert b[0].lemma_ == "THE" and b[5].lemma_ == "THE"  # "the" before a noun, index 0
    assert b[4].pos_ == "VERB"  # "merge" after "not", index -1
    assert b[7].pos_ == "SPACE"
    if with_deps:
        # NOT_IN nsubj and missing: "inbox" (dobj) gets Case=Acc, "plan" (nsubj) and "merger"
        # (no label) keep the first rule's morphology.
        assert [str(b[1].morph), str(b[6].morph), str(b[8].morph)] == [
            "Number=Sing",
            "Case=Acc",
            "Number=Sing",
        ]
    else:
        assert all(str(b[i].morph) == "Number=Sing" for i in (1, 6, 8))


@pytest.mark.parametrize(
    "pattern",
    [
        [{"TAG": "NN", "OP": "+"}],
        [{"LOWER": {"FUZZY": "plan"}}],
        [{"LOWER": "Plan"}],  # upper case in LOWER: the Matcher's own behaviour is kept
        [{"SHAPE": "xxxx"}],
        [{"_": {"flag": True}}],
    ],
)
def test_patterns_outside_the_compiled_subset_keep_spacys_ruler(pattern):
    nlp = spacy.blank("en")
    nlp.add_pipe("attribute_ruler").add_patterns(
        [*RULES, {"patterns": [pattern], "attrs": {"POS": "X"}}]
    )
    assert compile_attribute_rules(nlp.vocab, nlp.get_pipe("attribute_ruler").patterns) is None
    assert not compile_model_attribute_ruler(nlp)
    assert not isinstance(nlp.get_pipe("attribute_ruler"), CompiledAttributeRuler)


def test_presswatch_cfg_switches_the_compiled_ruler(tmp_path):
    assert isinstance(load_pipeline([]).get_pipe("attribute_ruler"), CompiledAttributeRuler)
    config = read_pipeline_config()
    config["presswatch"]["compiled_attribute_ruler"] = False
    config.to_disk(tmp_path / "stock.cfg")
    nlp = load_pipeline([], config_path=tmp_path / "stock.cfg")
    assert not isinstance(nlp.get_pipe("attribute_ruler"), CompiledAttributeRuler)


def test_a_two_token_rule_does_not_match_across_the_docs_ruled_together():
    # "the" ends one doc and a noun opens the next: RULES' ("the", NN) pair must not fire
    stock, compiled = spacy.blank("en"), spacy.blank("en")
    for nlp in (stock, compiled):
        nlp.add_pipe("attribute_ruler").add_patterns(RULES)
    assert compile_model_attribute_ruler(compiled)

    def docs(vocab):
        return [
            Doc(vocab, words=["merge", "the"], tags=["VB", "DT"]),
            Doc(vocab, words=[]),
            Doc(vocab, words=["plan", "not"], tags=["NN", "RB"]),
            Doc(vocab, words=["merger", "the", "inbox"], tags=["NN", "DT", "NN"]),
        ]

    expected = [token_view(d) for d in stock.get_pipe("attribute_ruler").pipe(docs(stock.vocab))]
    got = [token_view(d) for d in compiled.get_pipe("attribute_ruler").pipe(docs(compiled.vocab))]
    assert got == expected
    assert [t[4] for t in got[0]] == ["", ""] and got[3][1][4] == "THE"
    assert got[3][0][2] == "PROPN"  # "merger" after the previous doc's "not": not VERB


def test_docs_ruled_together_get_what_each_gets_alone(model_pair):
    _, compiled = model_pair
    ruler = compiled.get_pipe("attribute_ruler")
    texts = [RARE_PATTERN_TEXT, "", *real_texts()[:3], "A"]
    with compiled.select_pipes(disable=["attribute_ruler", "lemmatizer", "ner"]):
        together = list(compiled.pipe(texts))
        alone = list(compiled.pipe(texts))
    together = list(ruler.pipe(together, batch_size=64))
    alone = [ruler(doc) for doc in alone]
    assert [token_view(d) for d in together] == [token_view(d) for d in alone]


@pytest.mark.parametrize("base", [3, 2**40])
def test_row_keys_are_equal_only_for_equal_rows(base):
    rows = numpy.array([[0, 1, 2], [2, 1, 0], [0, 1, 2], [1, 0, 0], [0, 0, 1]], dtype=numpy.int64)
    keys = _row_keys(rows, base)
    for i in range(len(rows)):
        for j in range(len(rows)):
            assert (numpy.array_equal(keys[i], keys[j])) == (rows[i] == rows[j]).all()
