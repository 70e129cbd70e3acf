"""Strangers' text (authors' names and handles, draft text, remote servers' errors) as the CLI
prints it: rich's `escape` stops its markup, not the terminal's own control sequences."""

from __future__ import annotations

import re
from collections.abc import Sequence

from rich.cells import cell_len, chop_cells
from rich.console import Console
from rich.markup import escape
from rich.text import Text

from mentiondesk.models import handle_shown

# C0 and C1 controls (ESC starts a terminal sequence: a hidden hyperlink, a cleared line, a
# retitled window; U+009B is CSI on its own), DEL, and the bidi marks, embeddings, overrides
# and isolates that make a name read backwards or hide what follows it.
_UNSAFE = re.compile(r"[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_LINES = re.compile(r"\r\n|[\n\r\t\v\f\x85\u2028\u2029]")
_ZWSP = "\u200b"  # after trailing backslashes: unseen, and they escape nothing


def cli_safe(text: str) -> str:
    """`text` with its line breaks and tabs as spaces (one table cell, one line) and every
    other control and bidi character dropped."""
    return _UNSAFE.sub("", _LINES.sub(" ", text))


def shown(text: str) -> str:
    """`text` made safe for the terminal (cli_safe) and for rich's markup (escape). Trailing
    backslashes are followed by a zero-width space: before the caller's "[/]", rich read them
    as escaping it (`escape` doubles one alone), and "ends \\\\\\" showed that tag as text and
    left the caller's style open. Emoji shortcodes (":white_check_mark:") are left to the
    consoles, each made with emoji=False: a stranger's words never gain a tick."""
    safe = cli_safe(text)
    return escape(safe + _ZWSP if safe.endswith("\\") else safe)


# Where a handle may break when a line has no room for it: before "@" and ".", after "_", "-"
# and "/" (`@ines` / `@remote.test`, `u/` / `name`), so each line is a whole part of it.
_BREAKS = re.compile(r"(?=[@.])|(?<=[_/-])")


def fit(text: str, width: int) -> list[str]:
    """`text` (a handle, a code) in lines of at most `width` cells: whole when it fits, else
    broken only where `_BREAKS` allows, and cut at a cell only where a part alone is wider."""
    lines = [""]
    for part in _BREAKS.split(text):
        if lines[-1] and cell_len(lines[-1] + part) > width:
            lines.append("")
        lines[-1] += part
        if cell_len(lines[-1]) > width:
            lines[-1:] = chop_cells(lines[-1], width)
    return lines


def addressee(platform: str, handle: str, room: int) -> str:
    """ "x @handle" (safe, escaped; the handle as its platform writes it: `handle_shown`) on a
    line when it fits in `room` cells, else the handle under its platform, broken where `fit`
    allows if it is wider still: for a column that does not wrap, so a handle copied from it is
    whole."""
    platform, handle = cli_safe(platform), cli_safe(handle_shown(platform, handle))
    line = f"{platform} {handle}"
    return escape(line if cell_len(line) <= room else "\n".join([platform, *fit(handle, room)]))


def widest(cells: list[str]) -> int:
    """The widest line of these cells (rich markup) as the terminal shows them."""
    return max(
        cell_len(line) for cell in cells for line in Text.from_markup(cell).plain.split("\n")
    )


# A word of prose, or a run of them held together by a code span: "`mentiondesk outbox retry
# 12 --to zendesk-br`;" is one word, so a line never ends inside a command a person copies.
# A span is at most 200 cells: a stray backtick in a server's error does not glue its rest.
_WORDS = re.compile(r"(?:`[^`\n]{1,200}`|[^\s`])+|`")


_GLUE = "\x00"  # holds a kept command's words together; cli_safe text never has it


def wrapped(
    text: str, width: int, *, indent: str = "", hang: str = "", keep: Sequence[str] = ()
) -> list[str]:
    """`text` (plain, safe) in lines of at most `width` cells, broken only between its words
    (`_WORDS`), and never inside a command in `keep` (one written without backticks): the
    first line after `indent`, the others after `hang`. A command that does not fit starts
    a line of its own, wider than `width` if it must be (the terminal then folds it, and
    copying it across that fold keeps it whole, as a broken line did not)."""
    for command in keep:
        text = text.replace(command, command.replace(" ", _GLUE))
    lines: list[str] = []
    line = ""
    for word in (w.replace(_GLUE, " ") for w in _WORDS.findall(text)):
        lead = hang if lines else indent
        if line and cell_len(f"{lead}{line} {word}") > width:
            lines.append(lead + line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    lines.append((hang if lines else indent) + line)
    return lines


def print_wrapped(
    console: Console, text: str, *, indent: str = "", hang: str = "", keep: Sequence[str] = ()
) -> None:
    """`text` (plain, safe) on `console` as `wrapped` breaks it at the console's width; rich's
    own wrapping is off, as it breaks between any two words, inside a command too."""
    for line in wrapped(text, console.width, indent=indent, hang=hang, keep=keep):
        console.print(line, markup=False, highlight=False, soft_wrap=True)
