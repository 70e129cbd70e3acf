"""`relabel`: an agent's correction of a reading, kept for `train-sentiment --corrections`."""

from __future__ import annotations

import unicodedata
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape

from mentiondesk.cli_common import err, load, open_existing_store
from mentiondesk.cli_values import whole_number
from mentiondesk.corrections import relabel
from mentiondesk.models import Label
from mentiondesk.tables import MOST_ID

# What a person may type for each label: the stored word, the labels files' number (0/1/2,
# as shared/data and eval-sentiment's --labels hold them), the desk's word (complaint, praise)
# and the Portuguese ones (the pt-BR/pt-PT desk's Reclamação/Neutro/Elogio). Read without case
# or accents: "reclamacao" is how a terminal without a Portuguese keyboard writes it.
LABEL_WORDS: dict[Label, tuple[str, ...]] = {
    Label.NEGATIVE: ("negative", "0", "complaint", "negativo", "reclamação"),
    Label.NEUTRAL: ("neutral", "1", "neutro"),
    Label.POSITIVE: ("positive", "2", "praise", "positivo", "elogio"),
}


def _plain(word: str) -> str:
    """`word` without case or accents, for comparing what was typed."""
    decomposed = unicodedata.normalize("NFKD", word.strip().casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


_ACCEPTED = {_plain(word): label for label, words in LABEL_WORDS.items() for word in words}


def parse_label(value: Any) -> str:
    """The label (its stored word) typed as any of LABEL_WORDS; otherwise refused, listing
    every word accepted."""
    found = _ACCEPTED.get(_plain(str(value)))
    if found is None:
        each = [f"{label} (or {', '.join(words[1:])})" for label, words in LABEL_WORDS.items()]
        listed = f"{each[0]}, {each[1]} or {each[2]}"
        raise typer.BadParameter(f"{value!r} is not a label; use {listed}")
    return found.value


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
            help="negative, neutral or positive; or 0, 1, 2 as in a labels file; or "
            "complaint/praise, negativo/neutro/positivo, reclamação/elogio (case and accents "
            "ignored).",
            parser=parse_label,
        ),
    ],
    by: Annotated[str, typer.Option(help="Who corrected it.")] = "",
) -> None:
    """Correct a mention's sentiment; train-sentiment --corrections learns from it."""
    try:
        previous = relabel(open_existing_store(load(ctx)), mention_id, Label(label), by=by)
    except LookupError as exc:
        err.print(f"[red]{escape(str(exc))}[/]")
        raise typer.Exit(1) from None
    console = Console(emoji=False)
    if previous == label:  # a confirmation: still a label to learn from
        console.print(
            f"[green]✓[/] mention {mention_id} already read {label}; kept as confirmed "
            "for train-sentiment --corrections"
        )
        return
    console.print(f"[green]✓[/] mention {mention_id}: {previous or 'unread'} → {label}")
