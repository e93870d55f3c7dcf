"""The attribution scorer itself, on a hand-made folder (tests/fixtures/attribution: one short
article written for these tests, annotated by hand in brat standoff; a second annotator's file
that must be ignored)."""

from __future__ import annotations

from pathlib import Path

import pytest
from presswatch.analyze.attribution_score import (
    GoldItem,
    coverage,
    format_report,
    is_direct,
    score_attributions,
)
from presswatch.analyze.brat import parse_attributions, read_attribution_folder

FOLDER = Path(__file__).parent / "fixtures" / "attribution"


@pytest.fixture(scope="module")
def article():
    (only,) = list(read_attribution_folder(FOLDER))
    return only


def gold(article) -> list[GoldItem]:
    kinds = {"said": "speech", "told": "speech", "believe": "belief", "called": "speech"}
    out = []
    for a in article.attributions:
        cue = article.text[a.cue[0][0] : a.cue[0][1]]
        out.append(GoldItem(content=a.content, source=a.source, cue_lemma=cue, kind=kinds[cue]))
    return out


def quote(text: str, content: str, speaker: str | None, kind: str = "speech") -> dict:
    start = text.index(content)
    record = {"content": {"start": start, "end": start + len(content)}, "speaker": None,
              "kind": kind}
    if speaker is not None:
        s = text.index(speaker)
        record["speaker"] = {"start": s, "end": s + len(speaker)}
    return record


def test_folder_reads_the_first_annotation_file_and_discontinuous_spans(article):
    assert article.name == "bridge"
    # bridge_aa.ann (four attributions), not bridge_zz.ann (one, without a source)
    assert len(article.attributions) == 4
    called = article.attributions[-1]
    assert called.content == ((156, 164), (182, 191))
    assert [article.text[s:e] for s, e in called.content] == ["the plan", "“a mess.”"]
    assert article.text[slice(*called.source[0])] == "The council"


def test_relation_without_content_is_not_gold_and_numbered_roles_join():
    ann = ("T1\tCue 0 4\tsaid\nT2\tContent 5 9\tthis\nT3\tContent 20 24\tthat\n"
           "E1\tAttribution:T1 Cue:T1\nE2\tAttribution:T1 Content:T2 Content2:T3 Cue:T1\n")
    (only,) = parse_attributions(ann)
    assert only.content == ((5, 9), (20, 24)) and only.source == ()


def test_precision_recall_f1_and_speaker_arithmetic(article):
    t = article.text
    predicted = [
        quote(t, "the bridge would reopen in May", "Mayor Ada Finch"),  # match, speaker right
        quote(t, "“We are on schedule,”", "reporters"),                  # match, speaker wrong
        quote(t, "Mayor Ada Finch", None),                              # matches nothing
    ]
    report = score_attributions(t, predicted, gold(article))
    assert (report.all.matched, report.all.predicted, report.all.gold) == (2, 3, 4)
    assert report.all.precision == pytest.approx(2 / 3)
    assert report.all.recall == pytest.approx(2 / 4)
    assert report.all.f1 == pytest.approx(2 * (2 / 3) * 0.5 / (2 / 3 + 0.5))
    assert report.all.speaker_accuracy == pytest.approx(1 / 2)
    assert report.missed_cues == {"believe": 1, "called": 1}
    assert report.by_kind["belief"].gold == 1 and report.by_kind["belief"].matched == 0
    assert report.by_kind["speech"].matched == 2


def test_matching_is_one_to_one(article):
    t = article.text
    both = quote(t, "the bridge would reopen in May. “We are on schedule,”", "Mayor Ada Finch")
    again = quote(t, "the bridge would reopen in May", "Mayor Ada Finch")
    report = score_attributions(t, [again, both], gold(article))
    # `both` covers two gold contents but matches one; `again` covers only the first, so
    # `both` is left the second.
    assert report.all.matched == 2
    report = score_attributions(t, [both], gold(article))
    assert report.all.matched == 1
    twice = score_attributions(t, [again, dict(again)], gold(article))
    assert twice.all.matched == 1 and twice.all.predicted == 2


def test_discontinuous_content_counts_only_its_segments(article):
    t = article.text
    called = article.attributions[-1].content  # "the plan" (8 chars) + "“a mess.”" (9 chars)
    assert coverage(*_offsets(t, "“a mess.”"), called) == pytest.approx(9 / 17)
    assert coverage(*_offsets(t, "the plan, in a statement, “a mess.”"), called) == 1.0
    only_plan = score_attributions(t, [quote(t, "the plan", "The council")], gold(article))
    assert only_plan.all.matched == 0  # 8 of 17 characters: under half
    only_words = score_attributions(t, [quote(t, "“a mess.”", "The council")], gold(article))
    assert only_words.all.matched == 1 and only_words.all.speaker_right == 1


def test_direct_only_figures(article):
    t = article.text
    assert is_direct(t, *_offsets(t, "“We are on schedule,”"))
    assert is_direct(t, *_offsets(t, "We are on schedule,"))  # marks just outside still count
    assert not is_direct(t, *_offsets(t, "the bridge would reopen in May"))
    predicted = [quote(t, "We are on schedule,", "she"),
                 quote(t, "the bridge would reopen in May", "Mayor Ada Finch")]
    report = score_attributions(t, predicted, gold(article))
    # Direct gold: "“We are on schedule,”" and the content ending in "“a mess.”".
    assert (report.direct.matched, report.direct.predicted, report.direct.gold) == (1, 1, 2)
    assert report.direct.speaker_accuracy == 1.0


def test_both_speakers_absent_counts_as_right(article):
    t = article.text
    no_source = GoldItem(content=((21, 51),))
    report = score_attributions(t, [quote(t, "the bridge would reopen in May", None)], [no_source])
    assert report.all.speaker_right == 1
    lines = format_report(report)
    assert lines[2].split()[:5] == ["all", "1.000", "1.000", "1.000", "1.000"]


def _offsets(text: str, words: str) -> tuple[int, int]:
    start = text.index(words)
    return start, start + len(words)
