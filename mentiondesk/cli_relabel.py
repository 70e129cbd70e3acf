"""`relabel`: an agent's correction of a reading, kept for `train-sentiment --corrections`."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from mentiondesk.cli_common import err, load, open_store
from mentiondesk.cli_values import one_of, whole_number
from mentiondesk.corrections import relabel
from mentiondesk.models import Label
from mentiondesk.tables import MOST_ID
from sentiment.evaluation import CLASSES


def relabel_command(
    ctx: typer.Context,
    mention_id: Annotated[
        int,
        typer.Argument(
            metavar="MENTION_ID",
            # A platform's post id pasted here is no mention id: refused, not a traceback.
            parser=whole_number("a mention id", ", as in `cases list`", most=MOST_ID),
            help='The mention\'s id: "mention N" under the case in `cases list`, or the mention '
            "column of `drafts list`.",
        ),
    ],
    label: Annotated[
        str,
        typer.Argument(
            metavar="LABEL",
            help="negative, neutral or positive.",
            parser=one_of("a label", CLASSES),
        ),
    ],
    by: Annotated[str, typer.Option(help="Who corrected it.")] = "",
) -> None:
    """Correct a mention's sentiment; train-sentiment --corrections learns from it."""
    try:
        previous = relabel(open_store(load(ctx)), mention_id, Label(label), by=by)
    except LookupError as exc:
        err.print(f"[red]{escape(str(exc))}[/]")
        raise typer.Exit(1) from None
    Console(emoji=False).print(
        f"[green]✓[/] mention {mention_id}: {previous or 'unread'} → {label}"
    )
