"""The learned gate over the attribution tagger's contents: its features on a parse, fitting,
the stored form, the shipped weights, the config switches and `train-attribution-gate`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from presswatch.analyze import analyze_text, load_pipeline
from presswatch.analyze.attribution_gate import (
    FEATURES,
    Gate,
    Speaker,
    candidate_features,
    fit_gate,
    gate_json,
    load_gate,
)
from presswatch.analyze.attribution_training import is_held_out
from presswatch.analyze.loading import DEFAULT_CONFIG_PATH
from presswatch.cli import cli


def _features(nlp, text: str, cue: str, content: str, speaker: str | None) -> dict[str, float]:
    doc = nlp(text)
    start = text.index(cue)
    cue_span = doc.char_span(start, start + len(cue))
    begin = text.index(content)
    head = None
    if speaker is not None:
        at = text.index(speaker)
        head = doc.char_span(at, at + len(speaker)).root
    span = doc.char_span(begin, begin + len(content))
    sentence = len(span[0].sent)
    return candidate_features(span, content, sentence, cue_span, True, 0, Speaker(head, False))


def test_features_of_a_reported_clause(nlp) -> None:
    text = "The mayor said that the bridge would reopen in May."
    f = _features(nlp, text, "said", "that the bridge would reopen in May", "mayor")
    assert set(f) == set(FEATURES)
    assert f["governed_by_cue"] == 1.0 and f["root_ccomp"] == 1.0
    assert f["cue_before_content"] == 1.0 and f["tokens_cue_to_content"] == 0.0
    assert f["has_finite_verb"] == 1.0 and f["starts_with_that"] == 1.0
    assert f["has_speaker"] == 1.0 and f["speaker_is_pronoun"] == 0.0
    assert f["quotation_3_words"] == 0.0 and f["has_quotation_mark"] == 0.0
    assert 0.5 < f["share_of_sentence"] < 1.0
    assert all(0.0 <= v <= 1.0 for v in f.values())


def test_features_of_a_fragment_after_its_cue_word(nlp) -> None:
    text = "Soldiers who served in combat spoke at the rally on Friday."
    f = _features(nlp, text, "spoke", "in combat", None)
    assert f["cue_before_content"] == 0.0 and f["governed_by_cue"] == 0.0
    assert f["has_finite_verb"] == 0.0 and f["has_speaker"] == 0.0
    assert f["root_ccomp"] == 0.0


def test_fit_gate_learns_which_features_matter() -> None:
    rows, labels = [], []
    for i in range(200):
        row = {name: 0.0 for name in FEATURES}
        row["has_speaker"] = float(i % 2)
        row["governed_by_cue"] = float((i // 2) % 2)
        row["words"] = (i % 7) / 7  # noise
        rows.append(row)
        labels.append(bool(i % 2 and (i // 2) % 2 or i % 17 == 0))
    gate = fit_gate(rows, labels)
    assert gate.weights["has_speaker"] > 1.0 and gate.weights["governed_by_cue"] > 1.0
    both = {**{n: 0.0 for n in FEATURES}, "has_speaker": 1.0, "governed_by_cue": 1.0}
    neither = {n: 0.0 for n in FEATURES}
    assert gate.admits(both) and not gate.admits(neither)
    assert gate.probability(neither) < 0.2 < 0.8 < gate.probability(both)


def test_stored_gate_round_trip_and_threshold_override(tmp_path: Path) -> None:
    gate = Gate(-1.5, {name: 0.25 for name in FEATURES}, 0.7)
    path = tmp_path / "gate.json"
    path.write_text(gate_json(gate, {"corpus": "hand-made"}), encoding="utf-8")
    read = load_gate(path)
    assert read == gate
    assert json.loads(path.read_text())["about"] == {"corpus": "hand-made"}
    assert load_gate(path, threshold=0.3).threshold == 0.3


def test_a_bad_gate_file_is_refused_with_what_to_do(tmp_path: Path) -> None:
    path = tmp_path / "gate.json"
    path.write_text('{"weights": {}}', encoding="utf-8")  # no bias
    with pytest.raises(ValueError, match="gate.json.*train-attribution-gate"):
        load_gate(path)
    with pytest.raises(ValueError, match="missing.json"):
        load_gate(tmp_path / "missing.json")


def test_the_shipped_gate_admits_a_reported_clause_and_not_a_fragment(nlp) -> None:
    gate = load_gate()
    assert set(gate.weights) == set(FEATURES) and 0.0 < gate.threshold < 1.0
    text = "Senator Jane Roe said that the bill would cut taxes for most families."
    clause = _features(nlp, text, "said", "that the bill would cut taxes for most families", "Roe")
    clause["speaker_is_entity"] = 1.0
    fragment = _features(
        nlp, "Soldiers who served in combat spoke at the rally.", "spoke", "in combat", None
    )
    assert gate.admits(clause) and not gate.admits(fragment)


def test_pipeline_records_each_judged_candidate_on_the_doc(nlp) -> None:
    text = "The lawsuit charges that Google paid billions to remain the default search engine."
    doc = nlp(text)
    judged = doc._.attribution_candidates
    assert judged, "the tagger's content was judged"
    for candidate in judged:
        assert set(candidate["features"]) == set(FEATURES) and 0.0 <= candidate["p"] <= 1.0
        assert 0 <= candidate["start"] < candidate["end"] <= len(text)
    kept = {(q["content"]["start"], q["content"]["end"]) for q in doc._.quotes}
    gate = load_gate()
    for candidate in judged:
        if candidate["p"] >= gate.threshold:
            assert (candidate["start"], candidate["end"]) in kept


def test_gate_settings_from_config(tmp_path: Path) -> None:
    text = DEFAULT_CONFIG_PATH.read_text(encoding="utf-8")
    assert 'gate_weights = "package"' in text and "gate_threshold = null" in text
    missing = tmp_path / "missing.cfg"
    missing.write_text(
        text.replace('gate_weights = "package"', f'gate_weights = "{tmp_path / "nope.json"}"')
    )
    with pytest.raises(ValueError, match="nope.json"):
        load_pipeline([], config_path=missing)
    everything = tmp_path / "everything.cfg"
    everything.write_text(text.replace("gate_threshold = null", "gate_threshold = 0.0"))
    sentence = "Soldiers who served in combat spoke at the rally, and the mayor said hello."
    default = analyze_text(load_pipeline([]), sentence)["quotes"]
    admitted = analyze_text(load_pipeline([], config_path=everything), sentence)["quotes"]
    assert len(admitted) >= len(default)


ARTICLE = (
    "Mayor Ada Finch said the bridge would reopen in May. Her deputy told reporters that the "
    "repairs had cost twice the estimate.\n\n"
    "The council, which met on Tuesday, argued that the contractor had missed every deadline. "
    "Residents who live near the river complained about the noise in letters to the paper. "
    "The lawsuit charges that Google paid billions to remain the default search engine."
)


def _brat(text: str, source: str, cue: str, content: str, n: int) -> str:
    s, c, t = text.index(source), text.index(cue), text.index(content)
    return (
        f"T{n}\tSource {s} {s + len(source)}\t{source}\n"
        f"T{n + 1}\tCue {c} {c + len(cue)}\t{cue}\n"
        f"T{n + 2}\tContent {t} {t + len(content)}\t{content}\n"
        f"T{n + 3}\tAttribution {c} {c + len(cue)}\t{cue}\n"
        f"E{n}\tAttribution:T{n + 3} Content:T{n + 2} Cue:T{n + 1} Source:T{n}\n"
    )


def test_train_attribution_gate_command(tmp_path: Path) -> None:
    corpus = tmp_path / "train"
    (corpus / "text").mkdir(parents=True)
    (corpus / "attributions").mkdir()
    names = [n for n in (f"article-{i:03d}" for i in range(100)) if is_held_out(n)][:2]
    annotations = (
        _brat(ARTICLE, "Mayor Ada Finch", "said", "the bridge would reopen in May", 1)
        + _brat(ARTICLE, "Her deputy", "told", "that the repairs had cost twice the estimate", 5)
        + _brat(ARTICLE, "The council", "argued", "that the contractor had missed every", 9)
        + _brat(ARTICLE, "The lawsuit", "charges", "that Google paid billions to remain", 13)
    )
    for name in names:
        (corpus / "text" / f"{name}.txt").write_text(ARTICLE, encoding="utf-8")
        (corpus / "attributions" / f"{name}_a.ann").write_text(annotations, encoding="utf-8")
    out = tmp_path / "gate.json"
    result = CliRunner().invoke(
        cli, ["train-attribution-gate", str(corpus), "--output", str(out), "--threshold", "0.4"]
    )
    assert result.exit_code == 0, result.output
    stored = json.loads(out.read_text())
    # the lawsuit's charge is the attribution only the tagger finds (the rules take the
    # others), right once per article; the tagger's other contents are not attributions
    assert stored["about"]["articles"] == 2 and stored["about"]["positives"] == 2
    assert stored["about"]["candidates"] > 2 and stored["threshold"] == 0.4
    assert load_gate(out).threshold == 0.4
    # a folder without any held-out article: a clear error naming the folder
    other = tmp_path / "other"
    (other / "text").mkdir(parents=True)
    (other / "attributions").mkdir()
    kept = next(n for n in (f"doc-{i}" for i in range(100)) if not is_held_out(n))
    (other / "text" / f"{kept}.txt").write_text(ARTICLE, encoding="utf-8")
    (other / "attributions" / f"{kept}_a.ann").write_text(annotations, encoding="utf-8")
    refused = CliRunner().invoke(cli, ["train-attribution-gate", str(other), "--output", str(out)])
    assert refused.exit_code != 0 and "no held-out articles" in refused.output
