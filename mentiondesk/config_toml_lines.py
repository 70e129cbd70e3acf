"""One line of a TOML file read as its writer sees it: where a comment starts, what lies
outside quoted text, the key, the value under the parser's stop; and whether a rewritten line
is valid TOML, so that no hint suggests a line that would fail in its turn."""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass

# Quotes as Word, WhatsApp and phones type them; TOML reads only " and '.
TYPOGRAPHIC_QUOTES = "“”„‟‘’‚‛«»‹›＂″〝〞"
# A key, dotted or quoted, and the `=` after it, at the start of a line.
_BARE_KEY = r"(?:[A-Za-z0-9_-]+|\"[^\"]*\"|'[^']*')"
KEY_LINE = re.compile(rf"^\s*({_BARE_KEY}(?:\s*\.\s*{_BARE_KEY})*)\s*=\s*")
HEADER = re.compile(r"^\s*(\[\[?)\s*([A-Za-z0-9_.\-\"' ]*?)\s*(\]\]?)?\s*(?:#.*)?$")


@dataclass(frozen=True)
class Stop:
    """Where tomllib stopped: its words without the position, the 1-based line and column,
    and that line's text (the whole file's lines too, for what was said earlier)."""

    said: str
    line: int
    column: int
    lines: tuple[str, ...]

    @property
    def text(self) -> str:
        return self.lines[self.line - 1] if self.line <= len(self.lines) else ""

    @property
    def index(self) -> int:
        """The column as an index into `text` (tomllib counts from 1)."""
        return self.column - 1

    def char(self) -> str:
        """The character the parser stopped at; "" at the end of the line."""
        return self.text[self.index] if 0 <= self.index < len(self.text) else ""


_POSITION = re.compile(r"(.*) \(at line (\d+), column (\d+)\)", re.DOTALL)


def stop_at(said: str, lines: tuple[str, ...]) -> Stop | None:
    """Where tomllib's `said` ("Invalid value (at line 3, column 5)") stopped in `lines`."""
    found = _POSITION.fullmatch(said)
    if not found or int(found[2]) > len(lines):
        return None
    return Stop(said=found[1], line=int(found[2]), column=int(found[3]), lines=lines)


def first_error(text: str) -> str | None:
    """What tomllib says of `text`; None where it is valid TOML."""
    try:
        tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        return str(exc)
    return None


def parses(line: str) -> bool:
    """Whether `line` alone is valid TOML (a rewritten line is offered only then)."""
    try:
        tomllib.loads(line)
    except tomllib.TOMLDecodeError:
        return False
    return True


def code_part(line: str) -> str:
    """`line` without its comment, quoted text blanked out (same length as what it keeps):
    what TOML reads as keys, values and punctuation, for a stray character to be looked for."""
    kept: list[str] = []
    quote = ""
    escaped = False
    for char in line:
        if quote:
            closing = char == quote and not escaped
            escaped = quote == '"' and char == "\\" and not escaped
            kept.append(char if closing else " ")
            quote = "" if closing else quote
        elif char == "#":
            break
        else:
            quote = char if char in "\"'" else ""
            kept.append(char)
    return "".join(kept).rstrip()


def odd_characters(text: str) -> list[str]:
    """Characters that look like a space or like nothing (no-break, zero-width, a byte-order
    mark, a control character), which a paste from Word or WhatsApp brings along."""
    return [c for c in text if c != " " and c != "\t" and _invisible(c)]


def _invisible(char: str) -> bool:
    return unicodedata.category(char) in ("Zs", "Zl", "Zp", "Cf", "Cc")


def char_name(char: str) -> str:
    """`no-break space`, `zero width space`: a character said by its Unicode name."""
    return unicodedata.name(char, f"U+{ord(char):04X}").lower()


def value_span(line: str, index: int) -> tuple[int, int]:
    """The value the parser stopped in, as [start, end) of `line`: from the `=`, `,`, `[` or
    `{` before `index` to the end of the line (less a comment), or, in a list or `{ }`, to
    the next `,`, `]` or `}`."""
    start = index
    while start > 0 and line[start - 1] not in "=,[{":
        start -= 1
    while start < index and line[start] in " \t":
        start += 1
    if _in_brackets(line, start):  # an item of a list or inline table
        found = [f for f in (line.find(c, start) for c in ",]}#") if f >= 0]
        end = min(found, default=len(line))
    else:
        end = line.find("#", start) if "#" in line[start:] else len(line)
    return start, start + len(line[start:end].rstrip())


def _in_brackets(line: str, index: int) -> bool:
    """Whether `index` lies inside a list or `{ }` (a line with no key is a list's item)."""
    key = KEY_LINE.match(line)
    if not key:
        return True
    opened = code_part(line[key.end() : index])
    return sum(opened.count(c) for c in "[{") > sum(opened.count(c) for c in "]}")


def key_at(line: str) -> str | None:
    """The key `line` sets (`timezone` of `timezone = …`), unquoted; None for no key line."""
    found = KEY_LINE.match(line)
    return found[1].replace('"', "").replace("'", "") if found else None


def header_at(line: str) -> tuple[str, bool] | None:
    """The table a header line opens and whether it has two brackets (`[[sources]]`)."""
    found = HEADER.match(line)
    if not found or not found[2]:
        return None
    return re.sub(r"\s*\.\s*", ".", found[2].replace('"', "").replace("'", "")), found[1] == "[["


def table_before(lines: tuple[str, ...], line: int) -> tuple[int, str] | None:
    """The header above `line` (1-based) with its line number: the table `line` is in."""
    for number in range(line - 1, 0, -1):
        header = header_at(lines[number - 1])
        if header:
            return number, header[0]
    return None
