"""`eval-sentiment`: how well a classifier reads a labelled set."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from mentiondesk.cli_classifier import (
    SettingOption,
    load_classifier,
    parse_settings,
    with_classifier,
)
from mentiondesk.cli_common import err, load
from mentiondesk.cli_corrections import left_out_learnt
from mentiondesk.cli_eval_learnt import all_learnt, learnt_by
from mentiondesk.cli_values import FormatOption
from mentiondesk.models import Classifier, ConfigError
from sentiment.evaluation import (
    CLASSES,
    Scores,
    labelled_texts,
    read_label_file,
    read_lines,
    score,
)
from sentiment.overlap import unseen

# `--classifier` of every command that reads with a classifier (classify, eval-sentiment): one
# value name and one help line, so the commands read alike.
ClassifierOption = Annotated[
    str | None,
    typer.Option(
        "--classifier", metavar="NAME", help="Classifier to use instead of the configured one."
    ),
]


def eval_sentiment(
    ctx: typer.Context,
    text: Annotated[Path, typer.Option("--text", help="Texts, one per line.", metavar="<file>")],
    labels: Annotated[
        Path,
        typer.Option(
            "--labels",
            help="Labels, one per line: 0/1/2 or negative/neutral/positive.",
            metavar="<file>",
        ),
    ],
    classifier: ClassifierOption = None,
    format: FormatOption = "text",
    setting: SettingOption = None,
) -> None:
    """Accuracy, macro-F1, macro-recall, per-class recall and the confusion matrix."""
    for option, path in (("--text", text), ("--labels", labels)):
        _check_file(option, path)
    try:
        gold = read_label_file(labels)
        texts = labelled_texts(read_lines(text), len(gold))
    except (OSError, ValueError) as exc:
        err.print(f"[red]cannot read the labelled set:[/] {escape(str(exc))}")
        raise typer.Exit(2) from None
    if len(texts) != len(gold):
        err.print(
            f"{text} has {len(texts)} lines but {labels} has {len(gold)}: give one label a "
            "line for each text, in the same order",
            markup=False,
        )
        raise typer.Exit(2)
    if not texts:  # a score of nothing reads as 'accuracy 0.000', as if the model were wrong
        err.print(f"{text} and {labels} are empty: nothing to evaluate", markup=False)
        raise typer.Exit(2)
    config = with_classifier(load(ctx), classifier, parse_settings(setting))
    model = load_classifier(config)
    texts, gold, left_out = _unlearnt(model, texts, gold, text)
    readings = model.classify(texts, [None] * len(texts))
    figures = score(gold, [CLASSES.index(r.label.value) for r in readings])
    if format == "json":
        data = {"classifier": model.name, **figures.to_dict(), "left_out_learnt": left_out}
        sys.stdout.write(json.dumps(data, indent=2) + "\n")
    else:
        _print_scores(Console(emoji=False), model.name, figures, left_out)


def _unlearnt(
    model: Classifier, texts: list[str], gold: list[int], path: Path
) -> tuple[list[str], list[int], int]:
    """The texts (and labels) the classifier's models did not learn from corrections, and how
    many were left out; as tune-sentiment leaves them out of val. Stops where none is left."""
    try:
        learnt = learnt_by(model)
    except (ValueError, ConfigError) as exc:
        err.print(f"[red]cannot read the model's corrections:[/] {escape(str(exc))}")
        raise typer.Exit(2) from None
    kept, kept_gold = unseen(texts, gold, learnt)
    if not kept:
        err.print(all_learnt(path), markup=False)
        raise typer.Exit(2)
    return kept, kept_gold, len(texts) - len(kept)


def _check_file(option: str, path: Path) -> None:
    """Stop, naming the option, where `path` is no file ("[Errno 2] No such file…" said neither)."""
    if path.is_dir():
        err.print(f"{option} {path} is a folder; give the file in it", markup=False)
        raise typer.Exit(2)
    if not path.exists():
        err.print(f"{option} {path}: no such file; check the path", markup=False)
        raise typer.Exit(2)


def _print_scores(console: Console, name: str, figures: Scores, left_out: int) -> None:
    # markup off: nothing here is markup, and the words stay as written.
    said = f"; {left_out_learnt(left_out)}" if left_out else ""
    console.print(f"classifier {name}: {figures.n} texts{said}", markup=False)
    console.print(
        f"accuracy {figures.accuracy:.3f}  macro-F1 {figures.macro_f1:.3f}  "
        f"macro-recall {figures.macro_recall:.3f}"
    )
    table = Table("gold \\ predicted", *CLASSES, "recall")
    for name_, row in zip(CLASSES, figures.confusion, strict=True):
        recall = figures.class_recall(name_)
        table.add_row(name_, *map(str, row), "—" if recall is None else f"{recall:.3f}")
    console.print(table)
