"""Where an entry of the saved replies file is: the line of each `[[replies]]` table's keys,
and of each line of a text written over several lines (`text = \"\"\"…`), so that a problem
names the line to open in the editor (nano's `+37`), not only `replies[2].text`."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from mentiondesk.config_toml_lines import KEY_LINE, header_at

_DELIMITERS = ('"""', "'''")


@dataclass
class _Table:
    """One `[[replies]]`: its header's line and each key's line (1-based); for a text over
    several lines, the line its first line is on (None: written on the key's line only)."""

    header: int
    keys: dict[str, int] = field(default_factory=dict)
    text_starts: int | None = None


class Lines:
    """The lines of the file's `[[replies]]` tables, read from its source."""

    def __init__(self, source: str) -> None:
        self._tables: list[_Table] = []
        self._read(source.splitlines())

    def at(self, loc: Sequence[object]) -> int | None:
        """The line of `loc` (pydantic's: "replies", index, key): the key's, or its table's
        header when the key is missing; None where the file does not say (an inline table)."""
        if len(loc) < 2 or loc[0] != "replies" or not isinstance(loc[1], int):
            return None
        table = self._table(loc[1])
        if table is None:
            return None
        return table.keys.get(str(loc[2]), table.header) if len(loc) > 2 else table.header

    def in_text(self, index: int, line: int) -> int | None:
        """The file's line of the `line`-th line of entry `index`'s text: that line itself in a
        text over several lines, else the `text =` line."""
        table = self._table(index)
        if table is None:
            return None
        if table.text_starts is None:
            return table.keys.get("text", table.header)
        return table.text_starts + line - 1

    def _table(self, index: int) -> _Table | None:
        return self._tables[index] if 0 <= index < len(self._tables) else None

    def _read(self, lines: list[str]) -> None:
        current: _Table | None = None
        closing = ""  # the delimiter of a multi-line string the walk is inside
        for number, line in enumerate(lines, start=1):
            if closing:
                if current and closing == '"""' and line.rstrip().endswith("\\"):
                    current.text_starts = None  # lines joined: the text's lines are not the file's
                closing = "" if closing in line else closing
                continue
            header = header_at(line)
            if header:
                current = _Table(number) if header == ("replies", True) else None
                if current:
                    self._tables.append(current)
                continue
            found = KEY_LINE.match(line)
            if not (found and current):
                continue
            key = found[1].strip("\"'")
            current.keys.setdefault(key, number)
            closing = self._multi_line(current, key, line[found.end() :], number)

    @staticmethod
    def _multi_line(table: _Table, key: str, value: str, number: int) -> str:
        """The delimiter of a multi-line string that `value` opens and leaves open ("" if
        none), noting where a text's own lines start: TOML drops a line break right after
        the opening quotes; a line-ending backslash joins lines, so those keep the key's."""
        delimiter = next((d for d in _DELIMITERS if value.startswith(d)), "")
        if not delimiter:
            return ""
        rest = value[3:]
        left_open = delimiter not in rest
        joined = delimiter == '"""' and rest.rstrip().endswith("\\")
        if key == "text" and left_open and not joined:
            table.text_starts = number + 1 if not rest.strip() else number
        return delimiter if left_open else ""
