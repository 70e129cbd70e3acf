"""The `[desk] saved_replies` file read and checked, each problem named as a playbook
template's is: the file and its line (that of the entry's key, or of the text's own line in a
`\"\"\"` text over several lines), the entry, what is wrong and the fix. The file gets the
desk's editor's single-brace check too: `{ nome }` loads, yet would reach the customer as
typed."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from pydantic import ValidationError

from mentiondesk.config_problems import problems_of
from mentiondesk.config_toml_errors import toml_problem
from mentiondesk.models import ConfigError
from mentiondesk.saved_braces import refuse_single_braces
from mentiondesk.saved_case import need_case
from mentiondesk.saved_lines import Lines
from mentiondesk.saved_replies import (
    ReplyRefused,
    SavedReplies,
    SavedRepliesFile,
    SavedReply,
    compile_text,
)

# "the {% if %} on line 1 is never closed": the text's line, said as the file's.
_ON_LINE = re.compile(r"\bon line (\d+)")


def load(path: Path, *, key: str = "desk.saved_replies") -> SavedReplies:
    """Read and check `path`; ConfigError naming the key, the line, the entry, the problem
    and the fix, one line per problem."""
    where = f"{key}: {path}"
    source = _read(path, where)
    try:
        data = tomllib.loads(source)
    except tomllib.TOMLDecodeError as exc:
        # The line, the mistake (a quote pasted from Word…) and the fix, as config.toml's.
        keys = [*SavedRepliesFile.model_fields, *SavedReply.model_fields]
        raise ConfigError(toml_problem(where, source, exc, keys, secrets_here=False)) from None
    lines = Lines(source)
    try:
        replies = SavedRepliesFile.model_validate(data).replies
    except ValidationError as exc:
        said = problems_of(exc, SavedRepliesFile)
        at = [lines.at(error["loc"]) for error in exc.errors()]
        shown = (_said(where, n, p) for n, p in zip(at, said, strict=True))
        raise ConfigError("\n".join(shown)) from None
    problems = _duplicates(replies, lines)
    compiled = {}
    for index, reply in enumerate(replies):
        try:
            compiled[reply.id] = compile_text(reply.text)
            refuse_single_braces(reply.text)
        except ReplyRefused as exc:
            problem = f"replies[{index}].text (id {reply.id!r}): {_in_file(str(exc), index, lines)}"
            problems.append((lines.in_text(index, exc.line), problem))
    if problems:
        raise ConfigError("\n".join(_said(where, n, p) for n, p in problems))
    return SavedReplies(tuple(replies), compiled, need_case({r.id: r.text for r in replies}, where))


def _in_file(said: str, index: int, lines: Lines) -> str:
    """`said` with the text's lines it names ("on line 1") as the file's."""
    return _ON_LINE.sub(lambda m: f"on line {lines.in_text(index, int(m[1]))}", said)


def _read(path: Path, where: str) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ConfigError(
            f"{where}: file not found; copy the shipped saved_replies.toml there, fix the path "
            "(relative to the config file) or delete the setting"
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{where}: cannot be read ({exc}); save it as UTF-8 text") from None


def _said(where: str, line: int | None, problem: str) -> str:
    """`desk.saved_replies: saved_replies.toml, line 37: replies[2].text (id 'glad'): …`."""
    return f"{where}, line {line}: {problem}" if line else f"{where}: {problem}"


def _duplicates(replies: list[SavedReply], lines: Lines) -> list[tuple[int | None, str]]:
    """A repeated id, at the line of its second use (the first is the one kept in mind)."""
    ids = [r.id for r in replies]
    repeated = sorted({i for i in ids if ids.count(i) > 1})
    if not repeated:
        return []
    second = [i for i, r in enumerate(replies) if r.id in repeated and ids.index(r.id) != i]
    line = lines.at(("replies", second[0], "id"))
    return [(line, f"replies: ids must be unique; repeated: {repeated}; rename one")]
