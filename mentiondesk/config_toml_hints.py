"""A specific fix for each TOML mistake people make editing config.toml by hand: characters a
paste from Word or WhatsApp brings (“curly quotes”, a no-break space), a table header left
open, `[sources]` for `[[sources]]`, a key or table written twice, a key with a space or a
colon, a comma closing a `{ }`; values are config_toml_values'."""

from __future__ import annotations

import difflib
import json
import re

from mentiondesk.config_toml_lines import (
    TYPOGRAPHIC_QUOTES,
    Stop,
    char_name,
    code_part,
    header_at,
    key_at,
    odd_characters,
    parses,
    table_before,
)
from mentiondesk.config_toml_values import Hint, decimal_comma, two_statements, value_hint

# What tomllib says where quoted text runs on: `"…”` and `'…’` are closed by no quote TOML reads.
_UNCLOSED = ("Illegal character '\\n'", "Unterminated", 'Expected "\'"', "Unclosed")
# The lists of tables, each table with its own [[…]] header; and what one is called.
LISTS_OF_TABLES = {
    "sources": "source",
    "responders": "responder",
    "routing.alert_routes": "alert route",
    "rules": "rule",  # a playbook file's
    "replies": "saved reply",  # saved_replies.toml's
}


def hint_for(stop: Stop, keys: list[str]) -> Hint | None:
    """What is wrong at `stop` and the line as it should read, or None where no rule fits.
    `keys` are the config's keys, for one written with a space (`time zone`)."""
    found = pasted_characters(stop) or _header(stop) or _twice(stop) or decimal_comma(stop)
    found = found or _key_written(stop, keys) or _inline_table(stop) or value_hint(stop)
    return found or two_statements(stop) or _statement(stop)


def pasted_characters(stop: Stop) -> Hint | None:
    """Typographic quotes, or a character that looks like a space or like nothing."""
    return _pasted_quotes(stop) or _invisible(stop)


def _pasted_quotes(stop: Stop) -> Hint | None:
    quotes = [c for c in code_part(stop.text) if c in TYPOGRAPHIC_QUOTES]
    if not quotes and stop.said.startswith(_UNCLOSED):
        quotes = [c for c in stop.text if c in TYPOGRAPHIC_QUOTES]  # closing one of "…”
    if not quotes:
        return None
    fixed = re.sub(r"«\s*|\s*»", '"', stop.text)
    fixed = fixed.translate({ord(c): '"' for c in TYPOGRAPHIC_QUOTES})
    unique = list(dict.fromkeys(quotes))
    what = "is a typographic quote" if len(unique) == 1 else "are typographic quotes"
    return (
        f"{' '.join(unique)} {what} "
        '(as Word, WhatsApp or a phone type them); TOML reads only straight quotes ": type '
        "them again in the editor",
        _checked(fixed),
    )


def _invisible(stop: Stop) -> Hint | None:
    odd = odd_characters(code_part(stop.text)) or odd_characters(stop.char())
    if not odd:
        return None
    column = stop.text.index(odd[0]) + 1
    fixed = "".join((" " if c.isspace() else "") if c in odd else c for c in stop.text)
    space = ", and type an ordinary space if one belongs there" if odd[0].isspace() else ""
    return (
        f"column {column} holds a {char_name(odd[0])}, which looks like a space or like nothing"
        f" (pasted text brings it along): delete it{space}",
        _checked(fixed),
    )


def _header(stop: Stop) -> Hint | None:
    """`[desk` and `[[responders]`, `[desk]]`, or `[desk] timezone = …` on one line."""
    opened = re.match(r"\s*(\[\[?)\s*([A-Za-z0-9_.\-]+)", stop.text)
    closing = stop.said.startswith(("Expected ']'", "Expected ']]'"))
    if not opened or not (closing or stop.said.startswith("Expected newline")):
        return None
    double = "']]'" in stop.said or (not closing and opened[1] == "[[")
    name = opened[2]
    header = f"[[{name}]]" if double else f"[{name}]"
    rest = stop.text[stop.index :].lstrip("] ")
    if rest and key_at(rest):
        return f"a table header stands alone on its line: put {rest} on the line below", header
    brackets = "[[ and ]]" if double else "[ and ]"
    return f"a table header is the table's name between {brackets}", header


def _twice(stop: Stop) -> Hint | None:
    """A key, a table or `[sources]` for `[[sources]]`: each said where it was written first."""
    if stop.said.startswith("Duplicate inline table key"):
        return f"{stop.said.rsplit(' ', 1)[-1]} is written twice inside {{ }}: keep one", None
    if not stop.said.startswith(("Cannot declare", "Cannot overwrite")):
        return None
    header = header_at(stop.text)
    if header:
        return _table_twice(stop, *header)
    key = key_at(stop.text)
    if key is None:
        return None
    table = table_before(stop.lines, stop.line)
    first = table[0] if table else 0
    earlier = [
        n
        for n in range(first + 1, stop.line)
        if (key_at(stop.lines[n - 1]) or "").split(".")[0] == key.split(".")[0]
    ]
    where = f" in [{table[1]}]" if table else ""
    said = f"on line {earlier[0]} and here" if earlier else "above and here"
    return f"{key!r} is set twice{where}, {said}: keep the one you mean, delete the other", None


def _table_twice(stop: Stop, name: str, double: bool) -> Hint:
    earlier = [
        (n, header[1])
        for n in range(1, stop.line)
        if (header := header_at(stop.lines[n - 1])) and header[0] == name
    ]
    line, earlier_double = earlier[0] if earlier else (0, double)
    if name in LISTS_OF_TABLES or earlier_double != double:
        each = LISTS_OF_TABLES.get(name, "table")
        both = f"[[{name}]] with two brackets on each side"
        if double:  # the single one is above
            return f"each {each} is its own {both}: line {line}'s [{name}] needs them too", None
        return f"each {each} is its own {both}, here too", f"[[{name}]]"
    return (
        f"[{name}] is opened on line {line} already and a table is written once: move the keys"
        f" below this line up under line {line}'s [{name}] and delete this line",
        None,
    )


def _key_written(stop: Stop, keys: list[str]) -> Hint | None:
    """`timezone: "UTC"`, `time zone = "UTC"`, `timezone "UTC"`: where TOML wants `=`."""
    if not stop.said.startswith("Expected '=' after a key"):
        return None
    key, char, rest = stop.text[: stop.index].strip(), stop.char(), stop.text[stop.index :]
    spaced = stop.index > 0 and stop.text[stop.index - 1] in " \t"  # tomllib skips spaces
    head = _braces_head(stop.text[: stop.index])
    if head:  # `when = { label "negative" }`: the key is `label`, not the line up to it
        return _key_in_braces(stop, head, keys)
    if char == ":":
        return "a key and its value are joined with =, not :", _key_value(key, rest[1:])
    if char and spaced and "=" in rest:
        words = [*key.split(), *rest.split("=", 1)[0].split()]
        joined = "_".join(words)
        close = difflib.get_close_matches(joined.lower(), keys, n=1) or [joined]
        fixed = _key_value(close[0], rest.split("=", 1)[1])
        return f"a key has no spaces: did you mean {close[0]!r}?", fixed
    if char and spaced:
        return f"{key!r} needs = between it and its value", _key_value(key, rest)
    return f"{key!r} has no = and no value: write {key} = … or delete the line", None


def _braces_head(before: str) -> str:
    """The line up to the key being written in `{ }` (`when = { a = 1,`), or "" where the
    key is the line's own."""
    code = code_part(before)
    if code.count("{") <= code.count("}"):
        return ""
    return before[: max(before.rfind("{"), before.rfind(",")) + 1]


def _key_in_braces(stop: Stop, head: str, keys: list[str]) -> Hint:
    """A key in `{ }` with `:` or nothing where its `=` goes: the line is mended there."""
    key, rest = stop.text[len(head) : stop.index].strip(), stop.text[stop.index :]
    char, spaced = stop.char(), stop.text[stop.index - 1] in " \t"
    if char == ":":
        fixed = f"{head} {key} = {rest[1:].lstrip()}"
        return "a key and its value are joined with =, not :", _checked(fixed)
    words = re.match(r"([^=,}]+)=(.*)", rest)
    if char and spaced and words:  # `{ min score = 0.5 }`
        joined = "_".join([*key.split(), *words[1].split()])
        close = (difflib.get_close_matches(joined.lower(), keys, n=1) or [joined])[0]
        fixed = f"{head} {close} ={words[2]}"
        return f"a key has no spaces: did you mean {close!r}?", _checked(fixed)
    if char and spaced and char not in ",}":
        return f"{key!r} needs = between it and its value", _checked(f"{head} {key} = {rest}")
    return f"{key!r} in {{ }} has no = and no value: write {key} = … or delete it", None


def _key_value(key: str, value: str) -> str | None:
    """`key = value`, the value quoted where it is bare text; None if neither is valid."""
    value = value.strip()
    for line in (f"{key} = {value}", f"{key} = {json.dumps(value, ensure_ascii=False)}"):
        if parses(line):
            return line
    return None


def _inline_table(stop: Stop) -> Hint | None:
    """`post = { default = "console", }` and a `{ }` broken over lines."""
    if not stop.said.startswith("Invalid initial character for a key part"):
        return None
    before = code_part(stop.text[: stop.index]).rstrip()
    if stop.char() == "}" and before.endswith(","):
        cut = len(before) - 1
        fixed = stop.text[:cut] + stop.text[cut + 1 :]
        return "the last key = value in { } takes no comma after it", _checked(fixed)
    if not stop.char() and before.endswith((",", "{")):
        return "a { } table stays on one line in TOML: join its lines into one", None
    return None


def _statement(stop: Stop) -> Hint | None:
    """A line that is no key = value, header or comment: `• timezone = …`, `> …`."""
    if not stop.said.startswith("Invalid statement") or not stop.char():
        return None
    rest = stop.text[stop.index + 1 :].lstrip()
    return (
        f"a line holds a key = value, a [table] header or a # comment, and this one starts "
        f"with {stop.char()!r}: delete it, or put # before a note",
        _checked(rest) if rest else None,
    )


def _checked(line: str | None) -> str | None:
    return line if line is not None and parses(line) else None
