"""A TOML syntax error in config.toml (or a playbook file, saved_replies.toml) as the person
editing it can act on it: the line and column, the line as it reads (anything token-like
masked: someone may have pasted a secret), what is wrong in plain words, and the line as it
should read where that is sure."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from mentiondesk.config_problems import accented_key
from mentiondesk.config_toml_hints import hint_for, pasted_characters
from mentiondesk.config_toml_lines import (
    Stop,
    char_name,
    code_part,
    first_error,
    odd_characters,
    parses,
    stop_at,
)
from mentiondesk.config_toml_values import Hint
from mentiondesk.models import toml_syntax

_AT_END = " (at end of document)"
_POSITION = re.compile(r" \(at (?:end of document|line \d+, column \d+)\)$")
# What was left open, by what tomllib says at the end of the file.
_NEVER_CLOSED = {
    "Unclosed array": "the list [ opened on this line is never closed: end it with ] after "
    "its last item",
    "Unclosed inline table": "the { opened on this line is never closed: end it with } on "
    "this line",
    "Unterminated string": 'the text opened with """ on this line is never closed with """',
    'Expected "\'"': "the text opened with ' is not closed on this line: end it with '",
}
_OPENERS = {"[": "Unclosed array", "{": "Unclosed inline table"}
_CLOSERS = {"[": "]", "{": " }"}
# A line setting a secret itself rather than naming its variable (`bot_token = xoxb-…`).
_SECRET_KEY = re.compile(
    r"(\s*[\"']?[\w.-]*(?:token|secret|password|passwd|senha|api[_-]?key)[\"']?\s*[=:]\s*)",
    re.IGNORECASE,
)
_TOKENISH = re.compile(r"[A-Za-z0-9_\-.~+=%]{20,}")
_CREDENTIALS = re.compile(r"(://[^/\s:@]*:)[^@\s/]*@")
_LOOK_UP = 300  # lines looked through for an opening: each look parses the file once
_SHOWN = 160  # characters of a line shown: enough to find it, not a pasted blob


def toml_problem(
    path: Path | str,
    text: str,
    exc: tomllib.TOMLDecodeError,
    keys: list[str],
    *,
    secrets_here: bool = True,
) -> str:
    """`exc`, raised reading `text` from `path`, in words. `keys` are the file's keys, for
    one written with an accent or a space. `secrets_here`: a secret's value found in the file
    is said to belong in an environment variable the file names (config.toml's `…_env`);
    other files name none, and have their secret masked only."""
    said = str(exc)
    accented = accented_key(text, said, keys)
    if accented:
        return f"{path}: {accented}"
    lines = tuple(text.replace("\r\n", "\n").split("\n"))  # as tomllib counts lines
    stop = stop_at(said, lines)
    opened = _opened(lines, stop.line - 1 if stop else len(lines))
    stop = opened or stop
    if stop is None:
        return toml_syntax(path, exc)
    hint = _never_closed(stop) if opened else hint_for(stop, keys)
    where = f"line {stop.line}" if opened else f"line {stop.line}, column {stop.column}"
    reads = f"line {stop.line} reads: {shown(stop.text)}"
    if hint is None:
        return f"{path}: {where}: not valid TOML ({stop.said}); {reads}; fix the syntax there"
    advice, fixed = hint
    secret = _secret(stop.text)  # its value masked, the line to write would say nothing
    write = f"; write: {shown(fixed)}" if fixed and not secret else ""
    secret = secret if secrets_here else ""
    return f"{path}: {where}: not valid TOML: {advice}; {reads}{write}{secret}"


def _opened(lines: tuple[str, ...], upto: int) -> Stop | None:
    """The line where a list, `{ }` or text was opened and never closed, if the file's first
    `upto` lines end inside one: tomllib then stops at the end of the file, naming no line,
    or at the first line it cannot take as part of it (`ticket = …` after `alert = [`).
    Looking up from there, the line after the first whole TOML is where it was opened."""
    said = first_error("\n".join(lines[:upto]))
    if said is None or not said.endswith(_AT_END):
        return None
    for number in range(upto, max(upto - _LOOK_UP, 0), -1):
        before = first_error("\n".join(lines[: number - 1]))
        if before is None:
            opened = first_error("\n".join(lines[:number])) or said
            return Stop(_POSITION.sub("", opened), number, len(lines[number - 1]) + 1, lines)
    return None


def _never_closed(stop: Stop) -> Hint:
    pasted = pasted_characters(stop)
    if pasted:
        return pasted
    code = code_part(stop.text)
    left = _left_open(code)
    said = stop.said if stop.said in _NEVER_CLOSED or not left else _OPENERS[left[-1]]
    advice = _NEVER_CLOSED.get(said, "what opens on this line is never closed: close it")
    closing = "".join(_CLOSERS[c] for c in reversed(left))
    closed = stop.text[: len(code)] + closing + stop.text[len(code) :]
    if said == 'Expected "\'"':  # the rest of the line is the text: close it at the end
        closing = closed = stop.text.rstrip() + "'"
    # `handles = [` or `[300,` goes on below: its end is on a later line, not this one.
    on_this_line = not code.rstrip().endswith((",", "[", "{"))
    return advice, closed if closing and on_this_line and parses(closed) else None


def _left_open(code: str) -> list[str]:
    """The brackets `code` opens and does not close, innermost last."""
    left: list[str] = []
    for char in code:
        if char in "[{":
            left.append(char)
        elif char in "]}" and left:
            left.pop()
    return left


def _secret(line: str) -> str:
    """Advice for a token written in the file, which belongs in the environment."""
    secret = _SECRET_KEY.match(line)
    key = secret[1].strip(" \t=:\"'") if secret else ""
    if not secret or key.endswith("_env"):
        return ""
    return (
        f"; and a secret does not belong in config.toml: export it in an environment variable"
        f' and name that variable here: {key}_env = "…"'
    )


def shown(line: str) -> str:
    """`line` safe to print: a secret's value, a URL's password and token-like runs masked,
    invisible characters named (`<no-break space>`), at most _SHOWN characters."""
    secret = _SECRET_KEY.match(line)
    if secret and not secret[1].strip(" \t=:\"'").endswith("_env"):
        line = secret[1] + "…"
    line = _CREDENTIALS.sub(r"\1…@", line)
    line = _TOKENISH.sub(lambda run: "…" if _random(run[0]) else run[0], line)
    line = "".join(f"<{char_name(c)}>" if odd_characters(c) else c for c in line)
    line = line.replace("\t", " ")
    return line if len(line) <= _SHOWN else line[: _SHOWN - 1] + "…"


def _random(run: str) -> bool:
    """Letters and digits mixed, as in a key or token (a path or a time zone has none)."""
    return any(c.isdigit() for c in run) and any(c.isalpha() for c in run)
