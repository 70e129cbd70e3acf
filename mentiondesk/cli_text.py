"""Strangers' text (authors' names and handles, draft text, remote servers' errors) as the CLI
prints it: rich's `escape` stops its markup, not the terminal's own control sequences."""

from __future__ import annotations

import re

from rich.cells import cell_len, chop_cells
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
