"""Strangers' text (authors' names and handles, draft text, remote servers' errors) as the CLI
prints it: rich's `escape` stops its markup, not the terminal's own control sequences."""

from __future__ import annotations

import re

from rich.markup import escape

# C0 and C1 controls (ESC starts a terminal sequence: a hidden hyperlink, a cleared line, a
# retitled window; U+009B is CSI on its own), DEL, and the bidi marks, embeddings, overrides
# and isolates that make a name read backwards or hide what follows it.
_UNSAFE = re.compile(r"[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_LINES = re.compile(r"\r\n|[\n\r\t\v\f\x85\u2028\u2029]")


def cli_safe(text: str) -> str:
    """`text` with its line breaks and tabs as spaces (one table cell, one line) and every
    other control and bidi character dropped."""
    return _UNSAFE.sub("", _LINES.sub(" ", text))


def shown(text: str) -> str:
    """`text` made safe for the terminal (cli_safe) and for rich's markup (escape)."""
    return escape(cli_safe(text))
