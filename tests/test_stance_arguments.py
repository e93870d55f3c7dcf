"""Issue 17: stances read arguments toward any dataset's target; the real-reporting benchmark.

The figures come from `presswatch evaluate` on benchmarks/data/<story> (README, Analysis). These
tests pin how the rules compose on sentences written here for the purpose (a made-up company,
regulator and law), a few real cases whose gold was written by reading the excerpt, and that
the benchmark's gold files are exactly what its hand-written annotations say.
"""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from presswatch.analyze import analyze_text, load_pipeline
from presswatch.cli import cli
from presswatch.dataset import load_dataset

from benchmarks.build_stance_gold import gold_for
from tests.conftest import REPO_ROOT
from tests.stance_world import KB, LAW, MERGER, TOPICS, stances

BENCHMARK = REPO_ROOT / "benchmarks" / "data"
STORIES = sorted(p.parent.name for p in BENCHMARK.glob("*/annotations.yml"))

_stances = stances


@pytest.fixture(scope="module")
def merger_nlp():
    return load_pipeline(KB, topics=TOPICS, stance_target=MERGER)


@pytest.fixture(scope="module")
def law_nlp():
    return load_pipeline(KB, topics=TOPICS, stance_target=LAW)


def test_a_regulator_suing_to_block_the_deal_opposes_it(merger_nlp) -> None:
    text = (
        "Acme agreed to buy Northwind in March.\n"
        "The Competition Watchdog sued to block the merger on Tuesday.\n"
    )
    assert _stances(merger_nlp, text)["watchdog"] == "oppose"


def test_criticising_a_step_against_the_deal_supports_it(merger_nlp) -> None:
    # criticise (against) x the Watchdog's decision (a step against the deal) -> for the deal
    text = (
        "Acme agreed to buy Northwind in March.\n"
        "Jane Doe criticised the Watchdog's decision to block the merger.\n"
    )
    assert _stances(merger_nlp, text)["jane-doe"] == "support"


def test_harm_said_of_the_actor_opposes_and_a_defence_supports(merger_nlp) -> None:
    text = (
        "Acme agreed to buy Northwind in March.\n"
        "“Acme has used the deal to crush smaller rivals,” Jane Doe said.\n"
        "“The merger is not unlawful and it will benefit customers,” Sam Roe said.\n"
    )
    stances = _stances(merger_nlp, text)
    assert stances["jane-doe"] == "oppose"
    assert stances["sam-roe"] == "support"


def test_a_step_against_the_deal_said_not_to_square_with_the_law_supports_it(merger_nlp) -> None:
    text = (
        "The Watchdog sued to block the merger of Acme and Northwind in March.\n"
        "“We are confident the court will find that this lawsuit doesn't square with the facts "
        "or the law,” Sam Roe said.\n"
    )
    assert _stances(merger_nlp, text)["sam-roe"] == "support"


def test_words_about_somebody_else_are_not_tied_to_the_target(merger_nlp) -> None:
    # "wrong" is said of the critics, a noun the parse names: no stance on the merger from it
    text = (
        "Acme agreed to buy Northwind in March.\n"
        "“The critics have had it wrong for years,” Sam Roe said of the merger.\n"
    )
    assert _stances(merger_nlp, text)["sam-roe"] in {"neutral", "unclear"}


def test_a_condition_states_no_view(merger_nlp) -> None:
    text = (
        "Acme agreed to buy Northwind in March.\n"
        "“If the merger goes ahead, it will harm rivals,” Jane Doe said.\n"
    )
    assert _stances(merger_nlp, text)["jane-doe"] in {"neutral", "unclear", "mixed"}


def test_harm_said_of_a_law_opposes_the_law(law_nlp) -> None:
    text = (
        "Parliament passed the Data Act in May.\n"
        "“The Data Act will harm users and put their privacy at risk,” Jane Doe said.\n"
    )
    assert _stances(law_nlp, text)["jane-doe"] == "oppose"


def test_ending_a_harm_is_for_the_law(law_nlp) -> None:
    text = (
        "Parliament passed the Data Act in May.\n"
        "“The Data Act will ban these unfair practices,” Sam Roe said.\n"
    )
    assert _stances(law_nlp, text)["sam-roe"] == "support"


# A few real cases (the excerpts and their gold are in benchmarks/data; gold written by reading).
REAL_CASES = [
    ("microsoft-activision", "anews-ftc-sues", "holly-vedova"),
    ("microsoft-activision", "gamespot-darkest-day", "brad-smith"),
    ("eu-digital-markets-act", "politico-wilson-goalposts", "teresa-ribera"),
    ("eu-digital-markets-act", "politico-wilson-goalposts", "joel-kaplan"),
    ("google-search-monopoly", "verge-rivals-want", "jeremy-stoppelman"),
    ("google-search-monopoly", "ap-barr-walker", "kent-walker"),
]


@pytest.mark.parametrize(("story", "doc", "speaker"), REAL_CASES)
def test_real_reporting_cases(story: str, doc: str, speaker: str) -> None:
    dataset = load_dataset(BENCHMARK / story)
    nlp = _story_nlp(story)
    gold = json.loads((dataset.folder / "gold" / f"{doc}.json").read_text(encoding="utf-8"))
    allowed = next(s["allowed"] for s in gold["stances"] if s["speaker"] == speaker)
    text = (dataset.folder / gold["page"]).read_text(encoding="utf-8")
    result = {s["speaker_entity"]["id"]: s for s in analyze_text(nlp, text)["stances"]}
    assert result[speaker]["stance"] in allowed
    for piece in result[speaker]["evidence"]:
        assert text[piece["start"] : piece["end"]] == piece["text"]


_NLP_CACHE: dict[str, object] = {}


def _story_nlp(story: str):
    if story not in _NLP_CACHE:
        config = load_dataset(BENCHMARK / story).config
        _NLP_CACHE[story] = load_pipeline(
            config["knowledge_base"], topics=config["topics"], stance_target=config["stance_target"]
        )
    return _NLP_CACHE[story]


@pytest.mark.parametrize("story", STORIES)
def test_benchmark_gold_is_what_the_annotations_say(story: str) -> None:
    import yaml

    folder = BENCHMARK / story
    annotations = yaml.safe_load((folder / "annotations.yml").read_text(encoding="utf-8"))
    kb_ids = {e["id"] for e in load_dataset(folder).config["knowledge_base"]}
    for document in annotations["documents"]:
        text, gold = gold_for(document, kb_ids)
        assert (folder / "texts" / f"{document['id']}.txt").read_text(encoding="utf-8") == text
        stored = json.loads(
            (folder / "gold" / f"{document['id']}.json").read_text(encoding="utf-8")
        )
        assert stored == gold, document["id"]


def test_benchmark_has_the_size_the_issue_asks_for() -> None:
    stances = claims = 0
    for path in BENCHMARK.glob("*/gold/*.json"):
        gold = json.loads(path.read_text(encoding="utf-8"))
        stances += len(gold["stances"])
        claims += len(gold["claims"])
    assert len(STORIES) >= 4 and stances >= 120 and claims >= 80


def test_evaluate_reports_committed_precision_on_a_benchmark_story() -> None:
    folder = BENCHMARK / "microsoft-activision"
    result = CliRunner().invoke(
        cli, ["evaluate", str(folder), "--gold", str(folder / "gold"), "--json"]
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["problems"] == []
    assert set(report["tasks"]) == {"claims", "stances"}  # only the annotated tasks
    stances = report["tasks"]["stances"]
    assert stances["gold"] == 25
    assert 0 < stances["committed"] <= stances["gold"]
    assert stances["accuracy"] == round(stances["true_positives"] / stances["gold"], 3)
    # a wrong confident stance is worse than an honest unclear: committed stances are precise
    assert stances["committed_precision"] >= 0.8
