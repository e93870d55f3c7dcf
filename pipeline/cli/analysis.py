"""Commands that measure the NLP stage: evaluate."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from pipeline.cli.group import cli, load_nlp, load_or_fail

GOLD_FOLDER = Path("fixtures") / "gold"


def evaluate_dataset(dataset: Any, nlp: Any, gold_dir: Path) -> tuple[dict[str, Any], list[str]]:
    """Scores per task over every gold file, per-article scores, and problems found."""
    from pipeline.analyze import analyze_text
    from pipeline.analyze.evaluate import (
        TASKS,
        check_offsets,
        load_gold,
        score_article,
        stance_summary,
        total,
    )
    from pipeline.extract import extract_article, read_page

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
        "per_article": {page: {t: s.as_dict() for t, s in scores.items()} for page, scores in per_article},
    }
    if "stances" in report["tasks"]:
        report["tasks"]["stances"].update(stance_summary(summed["stances"]))
    quotes = summed["quotes"].extra
    if quotes.get("span_matches"):
        report["tasks"]["quotes"]["speaker_accuracy"] = round(
            quotes["speaker_correct"] / quotes["span_matches"], 3)
    return report, problems


@cli.command()
@click.argument("dataset")
@click.option("--gold", "gold_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder of gold JSON files (default: DATASET/fixtures/gold).")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as one JSON object, with per-article scores.")
def evaluate(dataset: str, gold_dir: Path | None, as_json: bool) -> None:
    """Score the NLP pipeline against DATASET's hand-written gold annotations.

    Each gold file names a page (relative to the gold folder's parent: a fixture page is
    extracted, a .txt excerpt is taken as it is); it is analysed and compared. Prints
    precision, recall and F1 per task: entities (PERSON/ORG/PRODUCT mentions with the right
    entity), quotes (content overlapping at least half of the gold span AND the right speaker;
    speaker accuracy over the quotes whose span matched), claims (half-span overlap; holder
    agreement separately) and stances (label among those the annotator accepts; accuracy over
    the gold speakers, and the precision of committed stances: support/oppose/mixed). Only the
    tasks a gold file lists under "tasks" are scored for it. Exit status 1
    when a gold file no longer fits its page (the extraction changed): fix the gold first.
    """
    loaded = load_or_fail(dataset)
    folder = gold_dir or loaded.folder / GOLD_FOLDER
    try:
        report, problems = evaluate_dataset(loaded, load_nlp(loaded), folder)
    except FileNotFoundError as exc:
        raise click.ClickException(str(exc)) from exc
    if as_json:
        click.echo(json.dumps(report | {"problems": problems}, ensure_ascii=False))
    else:
        click.echo(f"{report['articles']} article(s) scored against {folder}")
        click.echo(f"{'task':<10} {'P':>6} {'R':>6} {'F1':>6}  {'hits':>5} {'pred':>5} {'gold':>5}")
        for task, s in report["tasks"].items():
            click.echo(f"{task:<10} {s['precision']:>6.3f} {s['recall']:>6.3f} {s['f1']:>6.3f}  "
                       f"{s['true_positives']:>5} {s['predicted']:>5} {s['gold']:>5}")
        quotes = report["tasks"].get("quotes", {})
        if "speaker_accuracy" in quotes:
            click.echo(f"quote speaker accuracy (spans matched): {quotes['speaker_accuracy']:.3f}")
        stances = report["tasks"].get("stances")
        if stances:
            click.echo(f"stance accuracy: {stances['accuracy']:.3f} ({stances['true_positives']} of "
                       f"{stances['gold']} speakers); committed (support/oppose/mixed): "
                       f"{stances['committed']}, precision {stances['committed_precision']:.3f}")
        claims = report["tasks"].get("claims")
        if claims:
            click.echo(f"claim holders right: {claims.get('holder_correct', 0)} of {claims['true_positives']}")
        for problem in problems:
            click.echo(f"problem: {problem}", err=True)
    if problems:
        raise SystemExit(1)
