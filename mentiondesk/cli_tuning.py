"""`tune-sentiment`: re-tune a trained e5 adapter's blend without training it again."""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from rich.markup import escape

from mentiondesk.cli_common import err
from mentiondesk.cli_corrections import left_out_learnt
from mentiondesk.cli_render import training_progress
from mentiondesk.cli_values import bounded_decimal
from mentiondesk.models import ConfigError
from sentiment import e5_training
from sentiment._ngram_model import DEFAULT_PATH as NGRAM_PATH
from sentiment._ngram_model import load as load_ngram
from sentiment._ngram_model import npz_problem, zip_problem


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
    The adapter's weights are copied unchanged. Val texts either model learnt from corrections
    (train-sentiment --corrections) are left out.
    """
    check_out(out, make_folder=True)  # before the minutes of tuning, not after them
    check_folders("--tune-on", tune_on)
    if ngram is not None and (why := npz_problem(ngram) or zip_problem(ngram)):
        # Not the setting's "train one … --out THAT_FILE": that was the user's own file here.
        _refuse(
            f"--ngram {ngram} {why}; make an n-gram model with: mentiondesk train-sentiment "
            "--data FOLDER [FOLDER…] --out NEW.npz, or leave --ngram out for the shipped one"
        )
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


def check_out(out: Path, *, make_folder: bool = False) -> None:
    """Stop where `--out` cannot be written: a folder, a missing folder, one not writable.

    Found out when the model was written, minutes (or an hour) of training later. With
    `make_folder` (adapters: their writer makes it) a missing folder is fine.
    """
    if out.is_dir():
        _refuse(f"--out {out} is a folder; give a file in it, e.g. {out / 'model.npz'}")
    folder = out.parent
    while make_folder and not folder.exists() and folder != folder.parent:
        folder = folder.parent
    if not folder.is_dir():
        _refuse(f"--out: folder {out.parent} does not exist; create it first")
    try:  # os.access says yes to root even where nothing can be made (/proc, read-only mounts)
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".mentiondesk-", suffix=".tmp"):
            pass
    except OSError as exc:
        why = exc.strerror or str(exc)
        _refuse(f"--out {out}: cannot write in {folder} ({why}); choose a folder you can write to")
    if out.is_file() and not os.access(out, os.W_OK):
        _refuse(f"--out {out}: the file is read-only; choose another file or make it writable")


def check_folders(option: str, folders: list[Path]) -> None:
    """Stop at a folder mistyped: "no train_text.txt…" or "none of the folders…" named none."""
    for folder in folders:
        if folder.is_file():
            _refuse(f"{option} {folder} is a file; give the folder it is in")
        if not folder.exists():
            _refuse(f"{option} {folder}: no such folder; check the path")


def _refuse(message: str) -> NoReturn:
    err.print(message, markup=False)
    raise typer.Exit(2)


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
    said = (
        f"the encoder reads texts below n-gram confidence {meta.get('skip_above', 1):.2f} "
        f"({share:.0%} of val), blend {meta.get('blend', 0):.1f}, bias {meta.get('bias')}"
    )
    if learnt := meta.get("val_learnt", 0):
        # As train-sentiment leaves out a correction whose text is in a val split.
        said += f"; {left_out_learnt(learnt, 'val')}"
    return said
