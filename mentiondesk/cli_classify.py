"""`mentiondesk classify`: a JSON line per text read, for a script or a quick look at what
the configured classifier (or another, by name) makes of some texts."""

from __future__ import annotations

import io
import json
import sys
from typing import Annotated

import typer

from mentiondesk.cli_classifier import (
    SettingOption,
    load_classifier,
    parse_settings,
    with_classifier,
)
from mentiondesk.cli_common import load
from mentiondesk.cli_eval import ClassifierOption
from mentiondesk.models import Reading


def register(app: typer.Typer) -> None:
    """Add `classify` to `app`."""

    @app.command()
    def classify(
        ctx: typer.Context,
        input: Annotated[
            typer.FileText,
            typer.Option(
                "--input",
                "-i",
                encoding="utf-8-sig",  # a Windows editor's byte-order mark is not the first text's
                errors="replace",  # a stray byte is read as U+FFFD, not a traceback
                help="Texts, one per line, UTF-8 (default: standard input).",
            ),
        ] = None,  # type: ignore[assignment]
        classifier: ClassifierOption = None,
        setting: SettingOption = None,
    ) -> None:
        """Read texts and print one JSON line each: label, score, lang."""
        config = with_classifier(load(ctx), classifier, parse_settings(setting))
        model = load_classifier(config)
        stream = input or io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8-sig", errors="replace")
        batch: list[str] = []
        for line in stream:
            batch.append(line.rstrip("\n"))
            if len(batch) >= config.settings.sentiment.batch_size:
                _emit(model.classify(batch, [None] * len(batch)))
                batch = []
        if batch:
            _emit(model.classify(batch, [None] * len(batch)))


def _emit(readings: list[Reading]) -> None:
    for r in readings:
        data = {"label": r.label.value, "score": r.score, "lang": r.lang}
        sys.stdout.write(json.dumps(data, ensure_ascii=False) + "\n")
    sys.stdout.flush()
