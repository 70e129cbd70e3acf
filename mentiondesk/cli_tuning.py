"""`tune-sentiment`: re-tune a trained e5 adapter's blend without training it again."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.markup import escape

from mentiondesk.cli_common import err
from mentiondesk.cli_render import training_progress
from mentiondesk.cli_values import bounded_decimal
from mentiondesk.models import ConfigError
from sentiment import e5_training
from sentiment._ngram_model import DEFAULT_PATH as NGRAM_PATH
from sentiment._ngram_model import load as load_ngram


def tune_sentiment(
    adapter: Annotated[
        Path, typer.Option("--adapter", help="The trained adapter (.npz).", metavar="<file>")
    ],
    tune_on: Annotated[
        list[Path],
        typer.Option(
            "--tune-on",
            help="A folder with val_ files; repeat for each folder.",
            metavar="<folder>",
        ),
    ],
    out: Annotated[
        Path,
        typer.Option("--out", help="Where to write the re-tuned adapter.", metavar="<file>"),
    ],
    encoder_share: Annotated[
        float,
        typer.Option(
            help="Share of texts the encoder reads (those the n-grams are least sure of): "
            "more reads better and slower.",
            **bounded_decimal("a share", 0.01, 1.0),
        ),
    ] = e5_training.ENCODER_SHARE,
    ngram: Annotated[
        Path | None,
        typer.Option(
            help="The n-gram model it blends with (default: the shipped one).", metavar="<file>"
        ),
    ] = None,
) -> None:
    """Re-tune an e5 adapter's threshold, blend and bias on val splits (minutes, not an hour).

    After retraining the n-gram model, or to let the encoder read more texts on your hardware.
    The adapter's weights are copied unchanged.
    """
    started = time.monotonic()
    with training_progress(err, None) as (say, _):
        try:
            blender = load_ngram(ngram or NGRAM_PATH)
            meta = e5_training.retune(adapter, out, tune_on, blender, encoder_share, say)
        except e5_training.NotAnAdapter as exc:
            err.print(f"[red]cannot tune:[/] {escape(adapter_problem(exc, '--adapter'))}")
            raise typer.Exit(2) from None
        except (OSError, ValueError, ConfigError) as exc:
            err.print(f"[red]cannot tune:[/] {escape(str(exc))}")
            raise typer.Exit(2) from None
    took = time.monotonic() - started
    err.print(f"[green]✓[/] wrote {escape(str(out))}: {tuned_summary(meta)}; {took:.0f} s")


def adapter_problem(exc: e5_training.NotAnAdapter, option: str) -> str:
    """What is wrong with the file given as `option`, and how to make an adapter file."""
    # Not the classifier's 'train one … --out THAT_FILE or remove the setting': no setting is
    # involved here, and --out the user's own file would overwrite it.
    return (
        f"{option} {exc}; make an adapter with: mentiondesk train-sentiment --kind e5 "
        "--data FOLDER [FOLDER…] --out NEW.npz"
    )


def tuned_summary(meta: dict[str, Any]) -> str:
    """What an adapter header's tuned settings mean, in one line."""
    share = meta.get("encoder_share", e5_training.ENCODER_SHARE)
    return (
        f"the encoder reads texts below n-gram confidence {meta.get('skip_above', 1):.2f} "
        f"({share:.0%} of val), blend {meta.get('blend', 0):.1f}, bias {meta.get('bias')}"
    )
