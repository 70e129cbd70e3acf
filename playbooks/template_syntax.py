"""Jinja's syntax errors in plain words with their fix, for people who write reply templates
and do not program: an `{% if %}` left open (named by the line it opens on, not the file's
end), `{% end if %}` or `{% elseif %}` for a tag Jinja has, curly quotes a phone or word
processor typed, a `{# comment` left open, a filter that does not exist, `=` for `==`."""

from __future__ import annotations

import difflib
import re
from collections.abc import Collection

from jinja2 import Environment, TemplateSyntaxError

# Tags that open a block, and the tag that closes it.
_BLOCKS = {
    "if": "endif",
    "for": "endfor",
    "macro": "endmacro",
    "call": "endcall",
    "filter": "endfilter",
    "with": "endwith",
    "block": "endblock",
    "raw": "endraw",
}
# What people write for Jinja's tags.
_TAG_FIXES = {"elseif": "elif", "elsif": "elif", "else if": "elif", "senao": "else", "se": "if"}
# Filters written in Portuguese: the one to write.
_FILTER_FIXES = {
    "maiusculas": "upper",
    "maiúsculas": "upper",
    "minusculas": "lower",
    "minúsculas": "lower",
    "capitalizar": "capitalize",
    "titulo": "title",
    "padrao": "default",
    "padrão": "default",
    "tamanho": "length",
    "juntar": "join",
    "primeiro": "first",
    "ultimo": "last",
}
# `{% else if x %}`, which Jinja reads as `else` followed by more than its `%}`.
_ELSE_IF = re.compile(r"\{%[-+]?\s*else\s+if\b")
_CURLY = "“”‘’«»„"


def explain(env: Environment, source: str, exc: TemplateSyntaxError) -> tuple[int, str]:
    """(the line to look at, what is wrong and the fix) for `exc`, raised parsing `source`."""
    message, line = exc.message or "", exc.lineno
    if char := re.match(r"unexpected char '(.)'", message):
        if opened := _runs_on(source, line):  # `Olá {{\n\nObrigado!`: the `!` is text
            return opened
        if char.group(1) in _CURLY:
            return line, (
                f"{char.group(1)} is a curly quote (phones and word processors type them), "
                "which Jinja does not read as one: write straight quotes, \"…\" or '…'"
            )
        return line, f"{char.group(1)!r} cannot stand inside {{{{ … }}}} or {{% … %}}; " + _BASICS
    if message.startswith("Missing end of comment tag"):
        return line, "a comment opened with {# is never closed: end it with #}"
    if filtered := re.match(r"No filter named '([^']*)'", message):
        return line, no_filter(filtered.group(1), env.filters)
    if tag := re.match(r"Encountered unknown tag '([^']*)'", message):
        return _unknown_tag(env, source, tag.group(1), message, line)
    if message.startswith("Unexpected end of template"):
        return _left_open(env, source, line)
    if unclosed := _never_closed(env, source, message):
        return unclosed
    if message.endswith("got 'if'") and _ELSE_IF.search(_line(source, line)):
        return line, "{% else if %} is not a Jinja tag; did you mean {% elif %}?"
    if message == "unexpected '}'":
        return line, _one_closing_brace(source, line)
    if "got '='" in message:
        return line, 'to compare, write == (one = sets nothing here): {% if reason == "delivery" %}'
    return line, f"Jinja cannot read it ({message}); " + _BASICS


def _line(source: str, line: int) -> str:
    lines = source.splitlines()
    return lines[line - 1] if 0 < line <= len(lines) else ""


def _one_closing_brace(source: str, line: int) -> str:
    """`{{ case }` (one closing brace), with the value as written on `line`."""
    text = _line(source, line)
    found = re.search(r"\{\{\s*([^{}]*?)\s*\}(?!\})", text)
    value = found.group(1) if found else "brand"
    return f"a {{{{ … }}}} ends with two braces, }}}}: write {{{{ {value} }}}}, not {{{{ {value} }}"


_BASICS = 'write a value as {{ name }}, a test as {% if name %}…{% endif %}, text as "…"'


def no_filter(name: str, filters: Collection[str]) -> str:
    """A filter Jinja does not have (`|maiusculas`), with the one meant."""
    meant = _FILTER_FIXES.get(name.lower()) or next(
        iter(difflib.get_close_matches(name, list(filters), n=1)), None
    )
    hint = f"did you mean |{meant}? " if meant else ""
    return (
        f"there is no filter |{name} (filter names are Jinja's, in English); {hint}"
        'e.g. |upper, |lower, |title, |default("…", true), |length, |join(", ")'
    )


def _unknown_tag(
    env: Environment, source: str, tag: str, message: str, line: int
) -> tuple[int, str]:
    looking = message.split("looking for", 1)[1] if "looking for" in message else ""
    expected = re.findall(r"'(\w+)'", looking)
    if tag.startswith("end") and tag not in expected and any(e.startswith("end") for e in expected):
        closing = next(e for e in expected if e.startswith("end"))
        opened = _opened(env, source)
        where = f" (opened on line {opened[1]})" if opened else ""
        return line, (
            f"{{% {tag} %}} closes nothing open here: the block open is "
            f"{{% {closing.removeprefix('end')} %}}{where}; close it with {{% {closing} %}} first"
        )
    if tag in _BLOCKS.values() or tag in ("elif", "else"):
        return line, f"{{% {tag} %}} has no {{% if %}} or {{% for %}} open before it to belong to"
    fix = _TAG_FIXES.get(tag) or next(
        iter(difflib.get_close_matches(tag, [*expected, *_BLOCKS, *_BLOCKS.values()], n=1)), None
    )
    if fix:
        return line, f"{{% {tag} %}} is not a Jinja tag; did you mean {{% {fix} %}}?"
    return line, (
        f"{{% {tag} %}} is not a Jinja tag: {{% … %}} is for if, elif, else, endif, for, set; "
        f"to write a value, write {{{{ {tag} }}}}"
    )


def _left_open(env: Environment, source: str, line: int) -> tuple[int, str]:
    opened = _opened(env, source)
    if opened is None:
        return line, "the template ends inside a {% … %} or {{ … }}: close it with %} or }}"
    tag, at = opened
    return at, (
        f"the {{% {tag} %}} on line {at} is never closed: add {{% {_BLOCKS[tag]} %}} where "
        "the text it covers ends"
    )


# What Jinja says of a `{{` or `{%` that runs on ("end of print statement"): the lexer's
# name for the tag, how it opens and closes, and an example.
_RUNS_ON = {
    "print": ("variable", "{{", "}}", "{{ name }}"),
    "statement": ("block", "{%", "%}", "{% if name %}"),
}


def _never_closed(env: Environment, source: str, message: str) -> tuple[int, str] | None:
    """A `{{` or `{%` that no `}}` or `%}` closes, named by the line it opens on."""
    ran = re.search(r"expected (?:token )?'end of (print|statement)", message)
    if not ran:
        return None
    kind, begin, end, example = _RUNS_ON[ran.group(1)]
    opened = _unclosed(env, source, kind)
    return None if opened is None else _open_at(opened, begin, end, example)


def _runs_on(source: str, line: int) -> tuple[int, str] | None:
    """A `{{` or `{%` on or before `line` that no `}}` or `%}` closes before the next tag
    opens, read in the text (the lexer stopped at a character inside it)."""
    for _, begin, end, example in _RUNS_ON.values():
        for found in re.finditer(re.escape(begin), source):
            opened = source.count("\n", 0, found.start()) + 1
            rest = source[found.end() :]
            closes = rest.find(end)
            follows = min((i for i in (rest.find("{{"), rest.find("{%")) if i >= 0), default=-1)
            if opened <= line and (closes < 0 or 0 <= follows < closes):
                return _open_at(opened, begin, end, example)
    return None


def _open_at(line: int, begin: str, end: str, example: str) -> tuple[int, str]:
    return line, f"the {begin} on line {line} is never closed: end it with {end}, as in {example}"


def _unclosed(env: Environment, source: str, kind: str) -> int | None:
    """The line of the first `{{` (`kind` "variable") or `{%` ("block") that no `}}` or `%}`
    closes before the next one opens: Jinja reports it where it gave up reading, often the
    file's last line, far from the mistake."""
    opened: int | None = None
    try:
        for line, token, _ in env.lex(source):
            if token == f"{kind}_begin":
                if opened is not None:
                    return opened
                opened = line
            elif token == f"{kind}_end":
                opened = None
    except TemplateSyntaxError:
        pass  # a mistake further on: the one open so far is the one left open
    return opened


def _opened(env: Environment, source: str) -> tuple[str, int] | None:
    """The innermost block tag left open at the end of `source`, and its line."""
    stack: list[tuple[str, int]] = []
    previous = ""
    try:
        tokens = list(env.lex(source))
    except TemplateSyntaxError:
        return None
    for line, kind, value in tokens:
        if kind == "name" and previous == "block_begin":
            if value in _BLOCKS:
                stack.append((value, line))
            elif stack and _BLOCKS[stack[-1][0]] == value:
                stack.pop()
        previous = kind if kind != "whitespace" else previous
    return stack[-1] if stack else None
