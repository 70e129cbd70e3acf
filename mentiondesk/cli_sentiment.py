"""Sentiment commands: train-sentiment, tune-sentiment, eval-sentiment, relabel."""

from __future__ import annotations

import re
import time
from pathlib import Path
from typing import Annotated, cast, get_args

import typer
from rich.markup import escape

from mentiondesk.cli_common import err, load, open_store
from mentiondesk.cli_corrections import corrections_used, out_of_val, recorded
from mentiondesk.cli_eval import eval_sentiment
from mentiondesk.cli_relabel import relabel_command
from mentiondesk.cli_render import training_progress
from mentiondesk.cli_tuning import (
    adapter_problem,
    check_folders,
    check_out,
    tune_sentiment,
    tuned_summary,
)
from mentiondesk.cli_values import bounded, bounded_decimal
from mentiondesk.corrections import Corrected, corrected
from mentiondesk.models import ConfigError
from sentiment import e5_training, training
from sentiment._ngram_model import DEFAULT_PATH as NGRAM_PATH
from sentiment._ngram_model import load as load_ngram
from sentiment.e5_training import Batching, Recipe


def register(app: typer.Typer) -> None:
    """Add the sentiment commands to the main CLI."""
    app.command("train-sentiment")(train_sentiment)
    app.command("tune-sentiment")(tune_sentiment)
    app.command("eval-sentiment")(eval_sentiment)
    app.command("relabel")(relabel_command)  # cli_relabel


def train_sentiment(
    ctx: typer.Context,
    data: Annotated[
        list[Path],
        typer.Option("--data", help="A folder with train_/val_ files.", metavar="<folder>"),
    ],
    out: Annotated[
        Path, typer.Option("--out", help="Where to write the model (.npz).", metavar="<file>")
    ],
    more: Annotated[
        list[Path] | None,
        typer.Argument(metavar="FOLDER", help="More folders: `--data A B C` reads all three."),
    ] = None,
    seed: Annotated[
        int, typer.Option(help="Seed: same data and seed, same file (on a like machine).")
    ] = 13,
    corrections: Annotated[
        bool, typer.Option("--corrections", help="Also learn from agents' relabels in the store.")
    ] = False,
    limit: Annotated[
        int | None,
        typer.Option(
            help="At most this many train texts per folder (quick runs).",
            **bounded("a number of texts", 1),
        ),
    ] = None,
    kind: Annotated[
        str,
        typer.Option(
            help="ngram (a few minutes) or e5 (fine-tunes the encoder's adapter, needs the "
            "transformers extra; time grows with --steps: the shipped adapters' 2,600 and "
            "2,400 steps took about 57 and 39 min on 2 cores).",
            metavar="<ngram|e5>",
        ),
    ] = "ngram",
    steps: Annotated[
        int,
        typer.Option(
            help="e5: training steps of --batch-size texts each.",
            **bounded("a number of steps", 1),  # said in the CLI's words, not pydantic's
        ),
    ] = 700,
    batch_size: Annotated[
        int,
        typer.Option(
            help="e5: texts per step. A GPU is used better with larger batches (128, 256); "
            "raise --learning-rate with them.",
            **bounded("a number of texts", 1),
        ),
    ] = 32,
    rank: Annotated[
        int | None,
        typer.Option(
            help="e5: rank of the low-rank updates (larger learns more, and the file grows "
            "with it); default 16, or the --start-from adapter's.",
            **bounded("a rank", 1),
        ),
    ] = None,
    start_from: Annotated[
        Path | None,
        typer.Option(
            "--start-from",
            metavar="<file>",
            help="e5: go on training this adapter (.npz) instead of starting afresh: minutes "
            "on a few thousand texts, e.g. your own labelled mentions beside a sample of the "
            "original data.",
        ),
    ] = None,
    learning_rate: Annotated[
        float,
        typer.Option(
            help="e5: peak learning rate (lower to go on from an adapter).",
            **bounded_decimal("a learning rate", 0),
        ),
    ] = 1e-3,
    batches: Annotated[
        str,
        typer.Option(
            help="e5: by-length (texts of similar length batched together, about 3 times "
            "faster) or random (how the shipped Portuguese adapter was trained).",
            metavar="<by-length|random>",
        ),
    ] = "by-length",
    tune_on: Annotated[
        list[Path] | None,
        typer.Option(
            "--tune-on",
            metavar="<folder>",
            help="e5: folders whose val splits choose the blend (default: the --data folders); "
            "repeat the option for each folder.",
        ),
    ] = None,
    encoder_share: Annotated[
        float,
        typer.Option(
            help="e5: share of texts the encoder reads (those the n-grams are least sure of, "
            "counted on the val splits): more reads better and slower.",
            **bounded_decimal("a share", 0.01, 1.0),
        ),
    ] = e5_training.ENCODER_SHARE,
    device: Annotated[
        str,
        typer.Option(
            help="e5: cpu, or cuda to train on a GPU (torch built with CUDA): about 20 times "
            "faster on one H200; the file differs from a CPU run's in its last digits.",
            metavar="<cpu|cuda>",
        ),
    ] = "cpu",
) -> None:
    """Train a sentiment model from labelled folders.

    Each folder holds train_text.txt and train_labels.txt (one text, and its label, a line),
    and val_text.txt and val_labels.txt to tune on.
    """
    _check_choices(kind, batches, device)
    check_out(out)  # before the minutes of training, not after them
    folders = [*data, *(more or [])]
    check_folders("--data", folders)
    check_folders("--tune-on", tune_on or [])
    fixes = corrected(open_store(load(ctx), reading=True)) if corrections else None
    if kind == "ngram":
        _train_ngram(folders, out, fixes, seed=seed, limit=limit)
        return
    recipe = Recipe(
        steps=steps,
        batch_size=batch_size,
        rank=rank or Recipe.rank,
        seed=seed,
        batches=cast(Batching, batches),
        learning_rate=learning_rate,
        device=device,
    )
    _train_e5(
        folders,
        out,
        fixes,
        recipe=recipe,
        limit=limit,
        tune_on=tune_on or [],
        share=encoder_share,
        start_from=start_from,
        rank_given=rank is not None,
    )


def _check_choices(kind: str, batches: str, device: str) -> None:
    if kind not in ("ngram", "e5"):
        err.print("--kind must be ngram or e5")
        raise typer.Exit(2)
    if batches not in get_args(Batching):
        err.print(f"--batches must be {' or '.join(get_args(Batching))}")
        raise typer.Exit(2)
    if not re.fullmatch(r"cpu|cuda(:\d+)?", device):
        err.print(f"--device must be cpu or cuda (or cuda:N for the Nth GPU), not {device!r}")
        raise typer.Exit(2)


def _train_ngram(
    folders: list[Path],
    out: Path,
    fixes: Corrected | None,
    *,
    seed: int,
    limit: int | None,
) -> None:
    started = time.monotonic()
    with training_progress(err, None) as (say, _):
        say("reading data")
        try:
            fixes = out_of_val(fixes, folders)  # val splits tune the bias: not learnt from
            examples = fixes.examples if fixes is not None else []
            gathered = training.gather(folders, examples, seed=seed, limit=limit)
            model = recorded(training.train(gathered, seed=seed, progress=say), fixes)
        except (OSError, ValueError) as exc:
            err.print(f"[red]cannot train:[/] {escape(str(exc))}")
            raise typer.Exit(2) from None
        say(f"writing {out}")
        try:
            model.save(out)
        except OSError as exc:  # e.g. a folder not writable by this user
            err.print(
                f"[red]cannot write {escape(str(out))}:[/] {escape(exc.strerror or str(exc))}"
            )
            raise typer.Exit(2) from None
    languages = ", ".join(f"{c} ({len(d.train)} texts)" for c, d in gathered.items() if d.train)
    overruled = sum(d.overruled for d in gathered.values())
    used = corrections_used(fixes, overruled, [c for *_, c in examples if c not in gathered])
    took = time.monotonic() - started
    err.print(f"[green]✓[/] wrote {escape(str(out))}: {languages}{used}; {took:.0f} s")


def _train_e5(
    folders: list[Path],
    out: Path,
    fixes: Corrected | None,
    *,
    recipe: Recipe,
    limit: int | None,
    tune_on: list[Path],
    share: float,
    start_from: Path | None,
    rank_given: bool,
) -> None:
    started = time.monotonic()
    tuned = ", ".join(str(f) for f in dict.fromkeys(tune_on or folders))
    err.print(f"the blend will be tuned on the val splits of: {tuned}", markup=False)
    with training_progress(err, recipe.steps) as (say, step):
        try:
            # Left out of the val splits that tune the blend, and of --data's (scored on).
            fixes = out_of_val(fixes, [*folders, *tune_on])
            examples = fixes.examples if fixes is not None else []
            rows, overruled = e5_training.gathered(folders, examples, seed=recipe.seed, limit=limit)
            ngram = load_ngram(NGRAM_PATH)
            meta = e5_training.train(
                folders,
                rows,
                ngram,
                out,
                recipe=recipe,
                tune_on=tune_on,
                encoder_share=share,
                say=say,
                step=step,
                start_from=start_from,
                start_rank=not rank_given,  # going on from an adapter keeps its rank
                corrected=[text for text, _, _ in examples],
            )
        except e5_training.NotAnAdapter as exc:
            err.print(f"[red]cannot train:[/] {escape(adapter_problem(exc, '--start-from'))}")
            raise typer.Exit(2) from None
        except (OSError, ValueError, RuntimeError, ConfigError) as exc:
            err.print(f"[red]cannot train:[/] {escape(str(exc))}")
            raise typer.Exit(2) from None
    counts = f"{meta['texts']} texts{corrections_used(fixes, overruled)}"
    took = time.monotonic() - started
    err.print(
        f"[green]✓[/] wrote {escape(str(out))}: {counts}; {tuned_summary(meta)}; {took:.0f} s"
    )
